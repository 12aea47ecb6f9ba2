import { jicengProject } from '../vitest.shared.js';

// The project's own tooling: the test-support modules under scripts/ that tests share.
export default jicengProject('scripts');
