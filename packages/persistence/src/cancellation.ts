import { AsyncLocalStorage } from 'node:async_hooks';
import { StatementCancelledError } from './errors.js';

/**
 * Work that may be abandoned: a gateway request whose client went away. Every SQL statement
 * started inside `runCancellable(signal, fn)` — however deep in promises and DataLoader batches —
 * checks the signal first, and once it is aborted refuses to run with
 * {@link StatementCancelledError}, so an abandoned request stops at its next statement instead of
 * finishing work nobody will read. (A statement already running finishes; on PostgreSQL the
 * `statement_timeout` bounds it.)
 *
 * The work also names whose it is (`owner`, the gateway's principal key): on SQLite the waiting
 * statements take turns by owner (see `StatementTurns`), so one client's many statements cannot
 * keep another's few waiting.
 */
interface Work {
  readonly signal: AbortSignal;
  readonly owner: string;
}

const scope = new AsyncLocalStorage<Work>();

/** The owner of statements run outside any `runCancellable` (start-up, migrations, the CLI). */
export const NO_OWNER = '';

/**
 * Runs `fn` with its statements cancellable through `signal`, counted as `owner`'s.
 *
 * @example
 * app.addHook('onRequest', (request, reply, done) => runCancellable(signalOf(reply), done, 'sub:u1'));
 */
export function runCancellable<T>(signal: AbortSignal, fn: () => T, owner: string = NO_OWNER): T {
  return scope.run({ signal, owner }, fn);
}

/** Throws when the work the current statement belongs to was cancelled. */
export function checkCancelled(): void {
  if (scope.getStore()?.signal.aborted) throw new StatementCancelledError();
}

/** Whose the current statement is: the owner given to `runCancellable`, else {@link NO_OWNER}. */
export function currentOwner(): string {
  return scope.getStore()?.owner ?? NO_OWNER;
}
