import { jicengProject } from '../../vitest.shared.js';

export default jicengProject('example-county-profile', {
  decorators: true,
  nodeResolved: {
    from: new URL('../../packages/gateway/package.json', import.meta.url).href,
    packages: ['graphql'],
  },
  test: { testTimeout: 60_000 },
});
