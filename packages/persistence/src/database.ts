import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from './config.js';
import { ProfileDocumentSchema } from './profile-documents.js';

/** Every entity this package maps. */
export const entities = [ProfileDocumentSchema] as const;

/** An open database: the ORM plus the one call that brings its schema up to date. */
export interface Database {
  readonly orm: MikroORM;
  close(): Promise<void>;
}

/**
 * Opens a database by URL and brings its schema up to date.
 *
 * @example
 * const db = await openDatabase({ url: 'sqlite:./jiceng.db' });
 */
export async function openDatabase(options: {
  url: string;
  schema?: string;
  debug?: boolean;
}): Promise<Database> {
  const orm = await MikroORM.init(ormOptions({ ...options, entities: [...entities] }));
  if (options.schema !== undefined) {
    await orm.em.getConnection().execute(`create schema if not exists "${options.schema.replace(/"/g, '')}"`);
  }
  await orm.schema.updateSchema();
  return { orm, close: () => orm.close(true) };
}
