import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { EntitySchema, Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** Which engine a database URL selects. */
export type DatabaseTarget =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgresql'; readonly url: string };

export class DatabaseUrlError extends Error {
  override readonly name = 'DatabaseUrlError';
  readonly code = 'DATABASE_URL_INVALID';
}

/**
 * Reads a database URL: `sqlite:./jiceng.db`, `sqlite::memory:` (embedded, the default) or
 * `postgres://user@host:5432/db` / `postgresql://…` (production).
 *
 * @example
 * parseDatabaseUrl('sqlite:./jiceng.db') // { engine: 'sqlite', file: './jiceng.db' }
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === '')
      throw new DatabaseUrlError('sqlite URL needs a file path or :memory:, e.g. sqlite:./jiceng.db');
    return { engine: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgresql', url };
  throw new DatabaseUrlError(
    `unsupported database URL "${url.replace(/\/\/[^@/]*@/, '//***@')}": use sqlite:<file> or postgres://…`,
  );
}

export interface OrmOptionsInput {
  readonly url: string;
  readonly entities: readonly EntitySchema[];
  /** PostgreSQL schema to use (tests use a unique one per run). */
  readonly schema?: string;
  /** PostgreSQL read replicas; reads go to them, writes and transactions to the primary. */
  readonly replicaUrls?: readonly string[];
  readonly debug?: boolean;
}

/**
 * MikroORM options for a database URL: one code path, two drivers.
 *
 * @example
 * const orm = await MikroORM.init(ormOptions({ url: 'sqlite::memory:', entities }));
 */
export function ormOptions(input: OrmOptionsInput): Options {
  const target = parseDatabaseUrl(input.url);
  const common = {
    entities: [...input.entities],
    debug: input.debug ?? false,
    allowGlobalContext: false,
    forceUndefined: false,
    discovery: { warnWhenNoEntities: true },
  } satisfies Partial<Options>;
  if (target.engine === 'sqlite') {
    return { ...common, driver: BetterSqliteDriver, dbName: target.file };
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: target.url,
    ...(input.schema === undefined ? {} : { schema: input.schema }),
    ...(input.replicaUrls === undefined || input.replicaUrls.length === 0
      ? {}
      : { replicas: input.replicaUrls.map((clientUrl, i) => ({ name: `replica${i + 1}`, clientUrl })) }),
  };
}
