import { jicengProject } from '../../vitest.shared.js';

export default jicengProject('persistence', { decorators: true });
