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
