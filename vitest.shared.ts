import { defaultServerConditions } from 'vite';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * Workspace packages resolve each other's TypeScript source through the `@jiceng/source`
 * export condition, so tests never need a prior build.
 */
const conditions = ['@jiceng/source', ...defaultServerConditions];

export function jicengProject(
  name: string,
  options: { decorators?: boolean; test?: UserWorkspaceConfig['test'] } = {},
): UserWorkspaceConfig {
  return defineProject({
    // Persistence and gateway classes use TypeScript's legacy decorators with metadata
    // (type-graphql reads parameter types from it); the domain never does.
    ...(options.decorators ? { oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } } : {}),
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      ...options.test,
    },
  });
}
