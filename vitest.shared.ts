import { defaultServerConditions } from 'vite';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * Workspace packages resolve each other's TypeScript source through the `@jiceng/source`
 * export condition, so tests never need a prior build.
 */
const conditions = ['@jiceng/source', ...defaultServerConditions];

export function jicengProject(name: string, test: UserWorkspaceConfig['test'] = {}): UserWorkspaceConfig {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      ...test,
    },
  });
}
