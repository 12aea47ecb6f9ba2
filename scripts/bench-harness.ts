import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The benchmark convention every package follows: one line per figure on stdout,
 * `area.name: value unit`, and a `--scale=<factor>` argument (or JICENG_BENCH_SCALE) so a quick
 * run fits in a minute. Ratios against a baseline measured in the same run are named
 * `area.name_vs_baseline: value x`.
 */
export function benchScale(): number {
  const arg = process.argv.find((a) => a.startsWith('--scale='));
  const raw = arg?.slice('--scale='.length) ?? process.env['JICENG_BENCH_SCALE'] ?? '1';
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`bench scale must be a positive number, got "${raw}"`);
  return scale;
}

/** Prints one figure. Values are rounded to 3 significant digits for numbers below 1000. */
export function report(name: string, value: number, unit: string): void {
  const shown =
    Math.abs(value) >= 1000 ? Math.round(value).toString() : Number(value.toPrecision(3)).toString();
  reported.add(name);
  process.stdout.write(`${name}: ${shown} ${unit}\n`);
}

const reported = new Set<string>();

/**
 * Runs the part of a bench that reports `figures`. If it cannot complete (a load run with no
 * request answered, a server that would not start), every figure it has not printed yet is
 * printed as 0 and the reason goes to stderr, and the rest of the bench goes on: a 0 says
 * "not measured", where a crash would lose every figure after it.
 *
 * @example
 * await orZero([['gateway.dashboard', 'req/s']], async () => report('gateway.dashboard', await load(), 'req/s'));
 */
export async function orZero(
  figures: readonly (readonly [name: string, unit: string])[],
  part: () => Promise<void> | void,
): Promise<void> {
  try {
    await part();
  } catch (error) {
    const missing = figures.filter(([name]) => !reported.has(name));
    for (const [name, unit] of missing) report(name, 0, unit);
    const names = missing.map(([name]) => name).join(', ') || 'no figure';
    process.stderr.write(`bench: ${names} not measured (0): ${reasonOf(error)}\n`);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A package's bench runner: imports every `*.bench.ts` in `dir` (those whose name starts with
 * `--only=` when given) and awaits its `run(scale)`. A file that throws is noted on stderr and the
 * next one runs; the process then exits with 1, so a broken bench is never mistaken for a quiet one.
 */
export async function runBenchFiles(dir: URL): Promise<void> {
  const scale = benchScale();
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (only === undefined || f.startsWith(only)))
    .sort();
  for (const file of files) {
    try {
      const module = (await import(new URL(file, dir).href)) as { run(scale: number): Promise<void> | void };
      await module.run(scale);
    } catch (error) {
      process.stderr.write(
        `bench: ${file} stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  }
}

/** Wall-clock seconds of a synchronous function, with its result. */
export function timed<T>(fn: () => T): { seconds: number; result: T } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

/**
 * Wall-clock seconds of a synchronous function, and the peak resident memory of the whole process
 * (MB) while it ran: the data it works on included, since a user holds that too. On Linux the
 * high-water mark is reset just before (`/proc/self/clear_refs`); elsewhere the figure is the
 * process's peak so far. No collection is forced first: a forced one shrinks V8's young
 * generation, and the run after it pays for many small collections no application would see.
 */
export function timedWithPeak<T>(fn: () => T): { seconds: number; result: T; rssMb: number } {
  const reset = resetPeakRss();
  const { seconds, result } = timed(fn);
  const peak = reset ? currentPeakRssKb() : undefined;
  return { seconds, result, rssMb: (peak ?? process.resourceUsage().maxRSS) / 1024 };
}

/**
 * Asks V8 for a full collection: between the parts of a bench, once a data set is dropped, so
 * that the next part neither pays for its garbage nor counts it in its memory. Never just before
 * a timed run (see `timedWithPeak`).
 */
export function collectGarbage(): void {
  gc ??= exposeGc();
  gc?.();
}

let gc: (() => void) | null | undefined;

function exposeGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function currentPeakRssKb(): number | undefined {
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m === null ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}
