import { readFileSync, writeFileSync } from 'node:fs';
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
  process.stdout.write(`${name}: ${shown} ${unit}\n`);
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
 * high-water mark is reset just before (`/proc/self/clear_refs`), after a garbage collection when
 * one can be asked for; elsewhere the figure is the process's peak so far.
 */
export function timedWithPeak<T>(fn: () => T): { seconds: number; result: T; rssMb: number } {
  collectGarbage();
  const reset = resetPeakRss();
  const { seconds, result } = timed(fn);
  const peak = reset ? currentPeakRssKb() : undefined;
  return { seconds, result, rssMb: (peak ?? process.resourceUsage().maxRSS) / 1024 };
}

/** Asks V8 for a full collection, so that one measurement does not pay for another's garbage. */
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
