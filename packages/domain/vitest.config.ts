import { jicengProject } from '../../vitest.shared.js';

// The domain keeps no state of its own (no I/O, clock or randomness: scripts/check-layers.mjs
// holds it to that), so its test files may share one module graph per worker rather than load
// it again for each of them: that import was two thirds of the domain's test time.
export default jicengProject('domain', { test: { isolate: false } });
