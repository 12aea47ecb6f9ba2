import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ormOptions } from './config.js';
import { consultationEntities } from './consultation/schemas.js';
import { gridEntities } from './grid/schemas.js';
import { OrgNodeSchema } from './org/org-nodes.js';
import { pointsEntities } from './points/schemas.js';
import { ProfileDocumentSchema } from './profile-documents.js';
import { DataLoadSchema } from './seed/data-load.js';

/** Every entity this package maps. */
export const entities = [
  ProfileDocumentSchema,
  OrgNodeSchema,
  ...consultationEntities,
  ...gridEntities,
  ...pointsEntities,
  DataLoadSchema,
] as const;

/** An open database. */
export interface Database {
  readonly orm: MikroORM;
  /** The root entity manager (SQL flavour); fork it per unit of work. */
  readonly em: SqlEntityManager;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  readonly url: string;
  readonly replicaUrls?: readonly string[];
  /** Apply pending migrations on open (the default); `false` leaves the schema alone. */
  readonly migrate?: boolean;
  readonly debug?: boolean;
}

/**
 * Opens a database by URL and applies the committed migrations that are still pending.
 *
 * @example
 * const db = await openDatabase({ url: 'sqlite:./jiceng.db' });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const orm = await MikroORM.init(ormOptions({ ...options, entities: [...entities] }));
  if (options.migrate ?? true) await orm.getMigrator().up();
  return { orm, em: orm.em as SqlEntityManager, close: () => orm.close(true) };
}

/**
 * SQL that would still be needed to make the database match the mapping. Empty when the
 * committed migrations are complete; CI checks this on both engines.
 */
export async function pendingSchemaDiff(db: Database): Promise<string> {
  return (await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
}
