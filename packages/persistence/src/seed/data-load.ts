import { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import type { Database } from '../database-handle.js';
import { convertDriverError } from '../errors.js';
import { isPostgres } from '../sql.js';

/** What a load fills: the reference county so far; county imports will be kinds of their own. */
export type DataLoadKind = 'reference_county';

/**
 * `loading` until the load's last batch is committed, then `complete`; `abandoned` when a later
 * start found it never finished, cleared what it wrote and loaded again.
 */
export type DataLoadStatus = 'loading' | 'complete' | 'abandoned';

/** What a load was asked for (scale, seed, the day it took as today), as stored. */
export type DataLoadParameters = Readonly<Record<string, string | number>>;

/** A load as stored in `data_load`: the marker that tells a finished load from a crashed one. */
export interface DataLoadRow {
  id: number;
  kind: string;
  status: string;
  parameters: DataLoadParameters;
  /** ISO 8601 instants. */
  startedAt: string;
  finishedAt: string | null;
}

export const DataLoadSchema = new EntitySchema<DataLoadRow>({
  name: 'DataLoadRow',
  tableName: 'data_load',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    kind: { type: 'string', length: 32 },
    status: { type: 'string', length: 16 },
    parameters: { type: 'json' },
    startedAt: { type: 'string', length: 40 },
    finishedAt: { type: 'string', length: 40, nullable: true },
  },
  indexes: [{ name: 'data_load_status_idx', properties: ['status'] }],
});

/** One load, as an operator reads it (`/readyz`, `jiceng serve`). */
export interface DataLoad {
  readonly id: number;
  readonly kind: DataLoadKind;
  readonly status: DataLoadStatus;
  readonly parameters: DataLoadParameters;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

const loadOf = (row: DataLoadRow): DataLoad => ({
  id: row.id,
  kind: row.kind as DataLoadKind,
  status: row.status as DataLoadStatus,
  parameters: row.parameters,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
});

/**
 * The newest load that never finished (of `kind`, or of any kind), if there is one: while it is
 * there the database holds part of a load, and the gateway is not ready.
 *
 * @example
 * const load = await unfinishedLoad(db.em); // { kind: 'reference_county', startedAt: '…', … } | undefined
 */
export async function unfinishedLoad(em: EntityManager, kind?: DataLoadKind): Promise<DataLoad | undefined> {
  const row = await em
    .fork()
    .findOne(
      DataLoadSchema,
      { status: 'loading', ...(kind === undefined ? {} : { kind }) },
      { orderBy: { id: 'desc' } },
    );
  return row === null ? undefined : loadOf(row);
}

/**
 * Starts a load: writes its marker as `loading`. When `unfinished` is given, first clears
 * `tables` (what that load fills, in load order; cleared in reverse, children before parents)
 * and marks it `abandoned`, all in one transaction: a crash while clearing leaves the unfinished
 * load as it was. Identities restart, so a redone load numbers its rows as a first load would.
 */
export async function beginLoad(
  em: EntityManager,
  load: {
    readonly kind: DataLoadKind;
    readonly parameters: DataLoadParameters;
    readonly at: Date;
    readonly unfinished?: { readonly load: DataLoad; readonly tables: readonly EntitySchema[] };
  },
): Promise<DataLoad> {
  const at = load.at.toISOString();
  try {
    return await em.fork().transactional(async (tx) => {
      if (load.unfinished !== undefined) {
        await clearTables(tx, load.unfinished.tables);
        await tx.nativeUpdate(
          DataLoadSchema,
          { id: load.unfinished.load.id },
          { status: 'abandoned', finishedAt: at },
        );
      }
      const row: Omit<DataLoadRow, 'id'> = {
        kind: load.kind,
        status: 'loading',
        parameters: load.parameters,
        startedAt: at,
        finishedAt: null,
      };
      const id = (await tx.insert(DataLoadSchema, row as DataLoadRow)) as number;
      return loadOf({ ...row, id: Number(id) });
    });
  } catch (error) {
    return convertDriverError(error, `the marker of a ${load.kind} load`);
  }
}

/**
 * Marks a load `complete`. Written right after the transaction of its last batch commits, so
 * `complete` always means every row is there; a crash between the two leaves `loading`, and the
 * next start loads again, which gives the same rows.
 */
export async function finishLoad(em: EntityManager, id: number, at: Date): Promise<void> {
  try {
    await em
      .fork()
      .nativeUpdate(DataLoadSchema, { id }, { status: 'complete', finishedAt: at.toISOString() });
  } catch (error) {
    convertDriverError(error, 'the marker of a load');
  }
}

async function clearTables(tx: EntityManager, tables: readonly EntitySchema[]): Promise<void> {
  const names = [...tables].reverse().map((t) => tx.getMetadata().get(t.meta.className).tableName);
  if (isPostgres(tx)) {
    await tx.execute(`truncate table ${names.map((n) => `"${n}"`).join(', ')} restart identity`, [], 'run');
    return;
  }
  for (const name of names) await tx.execute(`delete from "${name}"`, [], 'run');
  await tx.execute(
    `delete from sqlite_sequence where name in (${names.map(() => '?').join(', ')})`,
    names,
    'run',
  );
}

/** PostgreSQL advisory lock that one load at a time holds, across every process on the database. */
const LOAD_LOCK = 1_785_292_654;

/**
 * Runs `work` holding the database's load lock, so two gateways started on one empty database
 * never load at once: the second waits (told through `onWait` once), then finds the load done.
 * The lock belongs to a database session, so a loader killed with `kill -9` drops it as its
 * connection closes. SQLite has no such lock: one process per database file.
 *
 * @example
 * await holdingLoadLock(db, () => log('waiting for another load'), () => load(db));
 */
export async function holdingLoadLock<T>(
  db: Database,
  onWait: () => Promise<void> | void,
  work: () => Promise<T>,
): Promise<T> {
  if (!isPostgres(db.em)) return work();
  const client = db.em.getConnection('write').getKnex().client;
  // A session of its own for the whole load: the lock is held by a session, not a transaction.
  const session = (await client
    .acquireConnection()
    .catch((error: unknown) => convertDriverError(error, 'the load lock'))) as {
    query(sql: string, values: unknown[]): Promise<{ rows: { locked: boolean }[] }>;
  };
  try {
    // Polled rather than waited on: a wait would outlast the statement timeout of a long load.
    const locked = async () => {
      try {
        const result = await session.query('select pg_try_advisory_lock($1) as locked', [LOAD_LOCK]);
        return result.rows[0]?.locked === true;
      } catch (error) {
        return convertDriverError(error, 'the load lock');
      }
    };
    let told = false;
    while (!(await locked())) {
      if (!told) await onWait();
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    try {
      return await work();
    } finally {
      // A session that cannot answer has ended, and its lock with it.
      await session.query('select pg_advisory_unlock($1)', [LOAD_LOCK]).catch(() => undefined);
    }
  } finally {
    await client.releaseConnection(session);
  }
}
