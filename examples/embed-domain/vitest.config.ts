import { jicengProject } from '../../vitest.shared.js';

export default jicengProject('example-embed-domain', { test: { testTimeout: 60_000, hookTimeout: 60_000 } });
