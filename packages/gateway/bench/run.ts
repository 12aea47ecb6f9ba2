// Gateway benchmarks (run against the built packages: type-graphql needs the decorator metadata tsc
// emits): every `*.bench.ts` beside this file exports `run(scale)` and prints its own
// `area.name: value unit` lines. `--only=points` runs the files whose name starts with it.
import { runBenchFiles } from '../../../scripts/bench-harness.js';

await runBenchFiles(new URL('.', import.meta.url));
