import { createRequire } from 'node:module';
import { defaultServerConditions } from 'vite';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * Workspace packages resolve each other's TypeScript source through the `@jiceng/source`
 * export condition, so tests never need a prior build.
 */
const conditions = ['@jiceng/source', ...defaultServerConditions];

/**
 * Timeouts for the files that talk to a database. On a 2-core machine with both cores busy (CI
 * runs those files a second time that way) they run up to ten times slower than on an idle one: a
 * 2 s test takes 20. A test whose work is larger (loading the reference county, ten thousand
 * operations) sets its own.
 */
export const DATABASE_TIMEOUTS = { testTimeout: 60_000, hookTimeout: 120_000 } as const;

export function jicengProject(
  name: string,
  options: {
    decorators?: boolean;
    /** Packages to load exactly as Node would (their CommonJS entry), so one instance exists. */
    nodeResolved?: { readonly from: string; readonly packages: readonly string[] };
    test?: UserWorkspaceConfig['test'];
  } = {},
): UserWorkspaceConfig {
  const require = options.nodeResolved ? createRequire(options.nodeResolved.from) : undefined;
  const alias = (options.nodeResolved?.packages ?? []).map((name) => ({
    find: new RegExp(`^${name}$`),
    replacement: require!.resolve(name),
  }));
  return defineProject({
    // Persistence and gateway classes use TypeScript's legacy decorators with metadata
    // (type-graphql reads parameter types from it); the domain never does.
    ...(options.decorators ? { oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } } : {}),
    resolve: { conditions, alias },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      ...options.test,
    },
  });
}
