import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import type { Database } from './database-handle.js';
import { isPostgres } from './sql.js';

/**
 * Change announcements for the data a gateway keeps in memory (county profiles and organisation
 * trees): with several gateways on one PostgreSQL database, a write through one must reach the
 * others. The writer announces inside its transaction (`announceChange`, a `pg_notify` that
 * PostgreSQL delivers on commit, and drops on rollback); every gateway listens on one connection
 * of its own (`watchChanges`) and reloads. SQLite serves one process, which reloads after its own
 * writes: both are no-ops there.
 */
export const CHANGE_CHANNEL = 'jiceng_changes';

/** What changed. */
export type ChangedData = 'profiles' | 'org_trees';

/** Announces, inside the caller's transaction, that some cached data changed. */
export async function announceChange(tx: EntityManager, what: ChangedData): Promise<void> {
  if (!isPostgres(tx)) return;
  await tx.execute('select pg_notify(?, ?)', [CHANGE_CHANNEL, what]);
}

/** A running listener. */
export interface ChangeWatcher {
  close(): Promise<void>;
}

export interface WatchOptions {
  /**
   * A change announced by any process (this one included). `all` after the listening connection
   * was lost and came back: announcements may have been missed, so reload everything.
   */
  readonly onChange: (what: ChangedData | 'all') => void;
  /** The listening connection failed; it is retried with back-off. */
  readonly onError?: (error: unknown) => void;
  /** First retry delay in ms (doubles up to 30 s). */
  readonly retryMs?: number;
}

interface ListeningClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', listener: (error?: unknown) => void): void;
  removeAllListeners(): void;
  end(): Promise<void>;
}

/**
 * Listens for announced changes on a connection of its own (not one of the pool's, which
 * queries borrow and return). Resolves once listening; on SQLite, at once, with nothing to do.
 *
 * @example
 * const watcher = await watchChanges(db, { onChange: (what) => reload(what) });
 * // …
 * await watcher.close();
 */
export async function watchChanges(db: Database, options: WatchOptions): Promise<ChangeWatcher> {
  if (!isPostgres(db.em)) return { close: async () => {} };
  // The knex client of the PostgreSQL driver opens a raw `pg` connection outside the pool.
  const knexClient = db.em.getConnection().getKnex().client as {
    acquireRawConnection(): Promise<ListeningClient>;
  };
  let client: ListeningClient | undefined;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = options.retryMs ?? 500;

  const connect = async (): Promise<void> => {
    const c = await knexClient.acquireRawConnection();
    c.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL) return;
      const what = message.payload;
      options.onChange(what === 'profiles' || what === 'org_trees' ? what : 'all');
    });
    const lost = (error?: unknown) => {
      if (client !== c) return;
      client = undefined;
      c.removeAllListeners();
      c.end().catch(() => {});
      if (closed) return;
      if (error !== undefined) options.onError?.(error);
      schedule();
    };
    c.on('error', lost);
    c.on('end', () => lost(new Error('the listening connection ended')));
    await c.query(`listen ${CHANGE_CHANNEL}`);
    client = c;
  };
  const reconnect = () => {
    retry = undefined;
    connect().then(
      () => {
        delay = options.retryMs ?? 500;
        options.onChange('all');
      },
      (error: unknown) => {
        if (closed) return;
        options.onError?.(error);
        schedule();
      },
    );
  };
  const schedule = () => {
    retry = setTimeout(reconnect, delay);
    // The retry alone never keeps a process alive.
    retry.unref?.();
    delay = Math.min(delay * 2, 30_000);
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      if (retry !== undefined) clearTimeout(retry);
      const c = client;
      client = undefined;
      if (c !== undefined) {
        c.removeAllListeners();
        await c.end();
      }
    },
  };
}
