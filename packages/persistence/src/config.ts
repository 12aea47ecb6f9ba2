import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { EntitySchema, MigrationObject, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { postgresqlMigrations } from './migrations/postgresql/index.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import { InstanceSecretSchema } from './secrets/instance-secrets.js';

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

/** The committed migrations of an engine, oldest first. */
export function migrationsFor(engine: DatabaseTarget['engine']): MigrationObject[] {
  return engine === 'sqlite' ? sqliteMigrations : postgresqlMigrations;
}

export interface OrmOptionsInput {
  readonly url: string;
  readonly entities: readonly EntitySchema[];
  /** PostgreSQL read replicas; reads go to them, writes and transactions to the primary. */
  readonly replicaUrls?: readonly string[];
  /** Log every statement (its shape: values are never logged). */
  readonly debug?: boolean;
  /** Where the statement log goes (default: the console). */
  readonly logger?: (line: string) => void;
  /** PostgreSQL `statement_timeout` of every connection, in ms (default 30,000; 0 turns it off). */
  readonly statementTimeoutMs?: number;
}

/**
 * MikroORM options for a database URL: one code path, two drivers, each with its own
 * committed migrations.
 *
 * @example
 * const orm = await MikroORM.init(ormOptions({ url: 'sqlite::memory:', entities }));
 */
export function ormOptions(input: OrmOptionsInput): Options {
  const target = parseDatabaseUrl(input.url);
  const common = {
    // Every database keeps the keys it generates for itself (development's personal-data and token
    // keys), whatever areas it maps: sealing personal data needs them.
    entities: [...new Set([...input.entities, InstanceSecretSchema])],
    // Statements are logged by their shape, never with their values (no `query-params`): the
    // values are residents' names, phones and ID numbers.
    debug: input.debug === true ? ['query', 'info', 'schema', 'discovery', 'deprecated'] : false,
    ...(input.logger === undefined ? {} : { logger: input.logger }),
    allowGlobalContext: false,
    forceUndefined: false,
    extensions: [Migrator],
    migrations: {
      tableName: 'jiceng_migrations',
      migrationsList: migrationsFor(target.engine),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
    },
  } satisfies Partial<Options>;
  if (target.engine === 'sqlite') {
    return { ...common, driver: BetterSqliteDriver, dbName: target.file };
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: target.url,
    // node-postgres sets it on every new connection: the server cancels a statement that runs
    // longer, and the request that sent it fails instead of holding the connection.
    driverOptions: { connection: { statement_timeout: input.statementTimeoutMs ?? 30_000 } },
    ...(input.replicaUrls === undefined || input.replicaUrls.length === 0
      ? {}
      : { replicas: input.replicaUrls.map((clientUrl, i) => ({ name: `replica${i + 1}`, clientUrl })) }),
  };
}
