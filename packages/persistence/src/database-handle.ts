import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

// Apart from database.ts, which opens one: database.ts imports every schema, and the modules that
// take an open database (changes, data loads, key rotation) sit under those schemas, so naming the
// type there closed import loops through them.

/** An open database. */
export interface Database {
  readonly orm: MikroORM;
  /** The root entity manager (SQL flavour); fork it per unit of work. */
  readonly em: SqlEntityManager;
  close(): Promise<void>;
}
