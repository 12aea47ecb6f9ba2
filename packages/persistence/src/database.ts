import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { checkCancelled, currentOwner } from './cancellation.js';
import { ormOptions, parseDatabaseUrl } from './config.js';
import { consultationEntities } from './consultation/schemas.js';
import { cppccEntities } from './cppcc/schemas.js';
import type { Database } from './database-handle.js';
import { gridEntities } from './grid/schemas.js';
import { onboardingEntities } from './onboarding/schemas.js';
import { OrgNodeSchema } from './org/org-nodes.js';
import { orgLifeEntities } from './org-life/schemas.js';
import { pointsEntities } from './points/schemas.js';
import { ProfileDocumentSchema } from './profile-documents.js';
import { InstanceSecretSchema } from './secrets/instance-secrets.js';
import { type PersonalDataKeySource, personalDataOf, usePersonalDataKeys } from './secrets/sealing.js';
import { DataLoadSchema } from './seed/data-load.js';
import { StatementTurns } from './statement-turns.js';

/** Every entity this package maps. */
export const entities = [
  ProfileDocumentSchema,
  OrgNodeSchema,
  ...consultationEntities,
  ...cppccEntities,
  ...gridEntities,
  ...pointsEntities,
  ...onboardingEntities,
  ...orgLifeEntities,
  DataLoadSchema,
  InstanceSecretSchema,
] as const;

export type { Database } from './database-handle.js';

export interface OpenDatabaseOptions {
  readonly url: string;
  readonly replicaUrls?: readonly string[];
  /** Apply pending migrations on open (the default); `false` leaves the schema alone. */
  readonly migrate?: boolean;
  /** Log every statement, by its shape: values (names, phones, ID numbers) are never logged. */
  readonly debug?: boolean;
  /** Where the statement log goes (default: the console). */
  readonly logger?: (line: string) => void;
  /**
   * PostgreSQL only: the longest one statement may run before the server cancels it
   * (`statement_timeout`), so a runaway query cannot hold a connection for good. Default 30 s.
   */
  readonly statementTimeoutMs?: number;
  /**
   * The keys personal data is sealed with (resident IDs, mobiles). Default `{ source: 'database' }`:
   * keys generated on first use and stored in the database itself, for development only (a copy
   * of the database carries them). Production configures them.
   */
  readonly personalData?: PersonalDataKeySource;
}

/**
 * Opens a database by URL and applies the committed migrations that are still pending.
 *
 * @example
 * const db = await openDatabase({ url: 'sqlite:./jiceng.db' });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const orm = await MikroORM.init(ormOptions({ ...options, entities: [...entities] }));
  // Before migrating: the migration that seals personal data written in clear needs the keys.
  usePersonalDataKeys(orm.config, options.personalData ?? { source: 'database' });
  guardStatements(orm, parseDatabaseUrl(options.url).engine === 'sqlite');
  if (options.migrate ?? true) {
    await orm.getMigrator().up();
    // Keys stored in the database are generated now, outside any unit of work.
    await personalDataOf(orm.em as SqlEntityManager);
  }
  return { orm, em: orm.em as SqlEntityManager, close: () => orm.close(true) };
}

/**
 * Every statement first checks that the work it belongs to was not cancelled (`runCancellable`).
 * On SQLite it also waits for its turn first (`StatementTurns`), before it takes the one
 * connection: better-sqlite3 runs each statement synchronously, so without a pause one request's
 * queries and the JavaScript between them run as a single turn of the event loop, and a server
 * busy with a dashboard could not even answer `/healthz` or refuse a flooder's next request until
 * it was done; and served first come first served, one client's backlog of statements would hold
 * up everyone else's. (Statements inside a transaction run on the connection it holds, between
 * its own turns.) PostgreSQL has a pool and a server that runs statements side by side: there
 * a statement only checks for cancellation.
 */
function guardStatements(orm: MikroORM, sqlite: boolean): void {
  const client = (orm.em as SqlEntityManager).getConnection().getKnex().client as {
    _query(connection: unknown, query: unknown): Promise<unknown>;
    acquireConnection(): Promise<unknown>;
  };
  const run = client._query.bind(client);
  client._query = async (connection, query) => {
    checkCancelled();
    return run(connection, query);
  };
  if (!sqlite) return;
  const turns = new StatementTurns();
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    await turns.turn(currentOwner());
    checkCancelled();
    return acquire();
  };
}

/**
 * SQL that would still be needed to make the database match the mapping. Empty when the
 * committed migrations are complete; CI checks this on both engines.
 */
export async function pendingSchemaDiff(db: Database): Promise<string> {
  return (await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
}
