// SQL helpers every area's repositories share: batching, bound-value lists, raw-row values,
// engine checks, retries.
import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';

/** How many rows one INSERT carries: well under PostgreSQL's 65,535 parameters. */
export const BATCH = 1000;

/** Whether the manager talks to PostgreSQL (row locks exist) rather than SQLite (one writer). */
export function isPostgres(em: EntityManager): boolean {
  return em.getPlatform().constructor.name.startsWith('PostgreSql');
}

/**
 * Row-lock clause for PostgreSQL; empty on SQLite, whose single connection already runs one
 * transaction at a time.
 */
export function lockClause(em: EntityManager, mode: 'share' | 'update', of: string): string {
  return isPostgres(em) ? ` for ${mode} of ${of}` : '';
}

/** How many times a transaction is run again after a serialisation failure or a deadlock. */
export const MAX_RETRIES = 8;

/**
 * Runs `work` again when PostgreSQL aborts it with a serialisation failure (40001) or a deadlock
 * (40P01), both of which MikroORM reports as `DeadlockException`, or a lock wait timeout; with a
 * short random back-off, at most {@link MAX_RETRIES} times. The last failure is rethrown, so a
 * write is never silently lost.
 */
export async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const transient = error instanceof DeadlockException || error instanceof LockWaitTimeoutException;
      if (!transient || attempt >= MAX_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
    }
  }
}

/** A JSON column as a raw query returns it: text on SQLite, parsed on PostgreSQL. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A bigint or integer column as a raw query returns it (PostgreSQL gives bigints as text). */
export function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** `?, ?, ?` for `n` bound values. */
export function placeholders(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

/** Escapes LIKE wildcards so that a code containing `_` or `%` matches only itself. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows decoded in one turn of the event loop by the long reads (see {@link mapInTurns}). */
export const ROWS_PER_TURN = 500;

/** Resolves on a later turn of the event loop, after the I/O waiting now (a probe, a refusal). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `rows.map(decode)`, a slice of `perTurn` rows at a time with a turn of the event loop between
 * slices. On SQLite a statement runs synchronously and the JavaScript after it runs in the same
 * turn: decoding a dashboard's thousands of ledger rows at once kept `/healthz` and every other
 * caller waiting for all of it.
 */
export async function mapInTurns<R, T>(
  rows: readonly R[],
  decode: (row: R) => T,
  perTurn: number = ROWS_PER_TURN,
): Promise<T[]> {
  const out: T[] = [];
  for (let from = 0; from < rows.length; from += perTurn) {
    if (from > 0) await nextTurn();
    const end = Math.min(rows.length, from + perTurn);
    for (let i = from; i < end; i++) out.push(decode(rows[i]!));
  }
  return out;
}
