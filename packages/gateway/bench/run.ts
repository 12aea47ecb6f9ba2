// Gateway benchmarks (run against the built packages: type-graphql needs the decorator metadata tsc emits): every `*.bench.ts` beside this file exports `run(scale)` and prints its
// own `area.name: value unit` lines. `--only=points` runs the files whose name starts with it.
import { readdirSync } from 'node:fs';
import { benchScale } from '../../../scripts/bench-harness.js';

const scale = benchScale();
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts') && (only === undefined || f.startsWith(only)))
  .sort();
for (const file of files) {
  const module = (await import(`./${file}`)) as { run(scale: number): Promise<void> | void };
  await module.run(scale);
}
