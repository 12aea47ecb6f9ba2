import { DATABASE_TIMEOUTS, jicengProject } from '../../vitest.shared.js';

export default jicengProject('gateway', {
  decorators: true,
  // graphql 16 has no exports map: Node (and so Apollo and type-graphql) load its CommonJS
  // entry, while Vite would pick its ESM `module` entry; two instances break instanceof checks.
  nodeResolved: { from: import.meta.url, packages: ['graphql'] },
  test: { ...DATABASE_TIMEOUTS, globalSetup: ['../persistence/test/support/sweep.ts'] },
});
