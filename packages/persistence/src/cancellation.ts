import { AsyncLocalStorage } from 'node:async_hooks';
import { StatementCancelledError } from './errors.js';

/**
 * Work that may be abandoned: a gateway request whose client went away. Every SQL statement
 * started inside `runCancellable(signal, fn)` — however deep in promises and DataLoader batches —
 * checks the signal first, and once it is aborted refuses to run with
 * {@link StatementCancelledError}, so an abandoned request stops at its next statement instead of
 * finishing work nobody will read. (A statement already running finishes; on PostgreSQL the
 * `statement_timeout` bounds it.)
 */
const scope = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `fn` with its statements cancellable through `signal`.
 *
 * @example
 * app.addHook('onRequest', (request, reply, done) => runCancellable(signalOf(reply), done));
 */
export function runCancellable<T>(signal: AbortSignal, fn: () => T): T {
  return scope.run(signal, fn);
}

/** Throws when the work the current statement belongs to was cancelled. */
export function checkCancelled(): void {
  if (scope.getStore()?.aborted) throw new StatementCancelledError();
}
