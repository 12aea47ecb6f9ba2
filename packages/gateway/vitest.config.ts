import { jicengProject } from '../../vitest.shared.js';

export default jicengProject('gateway', { decorators: true });
