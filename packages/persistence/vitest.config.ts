import { DATABASE_TIMEOUTS, jicengProject } from '../../vitest.shared.js';

export default jicengProject('persistence', {
  decorators: true,
  test: { ...DATABASE_TIMEOUTS, globalSetup: ['test/support/sweep.ts'] },
});
