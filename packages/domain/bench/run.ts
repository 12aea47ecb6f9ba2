// Domain benchmarks. Each module prints its own `area.name: value unit` lines.
import { benchScale } from '../../../scripts/bench-harness.js';

const scale = benchScale();
const modules = [await import('./trees.bench.js')];
for (const m of modules) await m.run(scale);
