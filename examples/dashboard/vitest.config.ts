import { jicengProject } from '../../vitest.shared.js';

// The test starts the real gateway in-process: decorators, and one graphql instance.
export default jicengProject('example-dashboard', {
  decorators: true,
  nodeResolved: {
    from: new URL('../../packages/gateway/package.json', import.meta.url).href,
    packages: ['graphql'],
  },
  test: { testTimeout: 90_000, hookTimeout: 90_000 },
});
