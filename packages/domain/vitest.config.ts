import { jicengProject } from '../../vitest.shared.js';

// The domain keeps no state of its own (no I/O, clock or randomness: scripts/check-layers.mjs
// holds it to that), so its test files may share one module graph per worker rather than load
// it again for each of them: that import was two thirds of the domain's test time.
// Property tests run hundreds of generated cases (2 s on an idle core); with both cores busy they
// take ten times that, so the timeout is the work's, not vitest's 5 s default.
export default jicengProject('domain', { test: { isolate: false, testTimeout: 30_000 } });
