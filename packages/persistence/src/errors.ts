import type { Issue } from '@jiceng/domain';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';

/**
 * Persistence speaks in its own errors, each with a stable `code`, so that no driver or SQL
 * message ever reaches a client (the gateway maps codes to GraphQL error codes in one place).
 */
export type PersistenceErrorCode =
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'INVALID_INPUT'
  | 'STORED_DATA_INVALID'
  | 'DATABASE_UNAVAILABLE'
  | 'CANCELLED';

export abstract class PersistenceError extends Error {
  abstract readonly code: PersistenceErrorCode;
}

/** A stale write: someone changed the row since it was read. */
export class ConcurrentUpdateError extends PersistenceError {
  override readonly name = 'ConcurrentUpdateError';
  readonly code = 'CONFLICT';
}

/** A unique key (an idempotency key, a code) is already taken. */
export class DuplicateKeyError extends PersistenceError {
  override readonly name = 'DuplicateKeyError';
  readonly code = 'DUPLICATE';
}

/** Input the domain rules refuse; carries the domain's issues. */
export class InvalidInputError extends PersistenceError {
  override readonly name = 'InvalidInputError';
  readonly code = 'INVALID_INPUT';
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((i) => `${i.code}: ${i.message.en}`).join('; '));
  }
}

/** Data in the database that the domain rules no longer accept (a hand edit, an old release). */
export class StoredDataInvalidError extends PersistenceError {
  override readonly name = 'StoredDataInvalidError';
  readonly code = 'STORED_DATA_INVALID';
  constructor(
    readonly what: string,
    readonly issues: readonly Issue[],
  ) {
    super(`stored ${what} is no longer valid: ${issues.map((i) => i.message.en).join('; ')}`);
  }
}

/**
 * The database cannot be reached: the connection was lost, refused or closed, or the server is
 * shutting down or refusing connections. Nothing was written; the same request may be retried.
 */
export class DatabaseUnavailableError extends PersistenceError {
  override readonly name = 'DatabaseUnavailableError';
  readonly code = 'DATABASE_UNAVAILABLE';
}

/** The work's caller went away (`runCancellable`): its next statement was not run. */
export class StatementCancelledError extends PersistenceError {
  override readonly name = 'StatementCancelledError';
  readonly code = 'CANCELLED';
  constructor() {
    super('statement not run: the work it belongs to was cancelled');
  }
}

/** Every persistence error, told apart by `code`. */
export type KnownPersistenceError =
  | ConcurrentUpdateError
  | DuplicateKeyError
  | InvalidInputError
  | StoredDataInvalidError
  | DatabaseUnavailableError
  | StatementCancelledError;

/** SQLSTATEs of a lost or refused connection: class 08, and a server shutting down or full. */
const CONNECTION_STATES = /^(?:08...|57P0[123]|53300)$/;
/** Socket errors on the way to the server. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** SQLite: the file cannot be opened or read, or another writer holds it too long. */
const SQLITE_UNAVAILABLE = /^SQLITE_(?:CANTOPEN|IOERR|BUSY)/;
/**
 * The messages pg, knex and better-sqlite3 give without a code. knex's "Transaction query already
 * complete" is what the next statement of a transaction meets after its connection was lost: the
 * transaction was rolled back with the connection (repositories never reuse a finished one).
 */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|Unable to acquire a connection|Timeout acquiring a connection|database connection is not open|not currently accepting connections|Transaction query already complete/i;

function unavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (CONNECTION_STATES.test(code) || SOCKET_ERRORS.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
    if (e.name === 'ConnectionException' || e.name === 'KnexTimeoutError') return true;
    if (UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = e.cause;
  }
  return false;
}

/**
 * The persistence error a thrown value stands for, or `undefined` for anything else (a bug):
 * persistence errors as they are, and driver exceptions converted (a stale write, a taken key, a
 * lost or refused connection), so a caller that catches anywhere, reads included, can match on
 * `code` and no driver message reaches a client.
 *
 * @example
 * const known = persistenceErrorOf(error);
 * if (known?.code === 'DATABASE_UNAVAILABLE') reply.code(503);
 */
export function persistenceErrorOf(error: unknown): KnownPersistenceError | undefined {
  if (
    error instanceof ConcurrentUpdateError ||
    error instanceof DuplicateKeyError ||
    error instanceof InvalidInputError ||
    error instanceof StoredDataInvalidError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof StatementCancelledError
  ) {
    return error;
  }
  // MikroORM wraps what the driver layer throws; the cancellation is its cause.
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof StatementCancelledError) return e;
  }
  if (error instanceof OptimisticLockError) {
    return new ConcurrentUpdateError('the row was changed by someone else; reload and retry');
  }
  if (error instanceof UniqueConstraintViolationException)
    return new DuplicateKeyError('the key already exists');
  if (unavailable(error)) return new DatabaseUnavailableError('the database cannot be reached; retry later');
  return undefined;
}

/**
 * Turns driver exceptions into persistence errors; anything else is rethrown as it is.
 * Use around every write.
 */
export function convertDriverError(error: unknown, what: string): never {
  if (error instanceof OptimisticLockError) {
    throw new ConcurrentUpdateError(`${what} was changed by someone else; reload and retry`);
  }
  if (error instanceof UniqueConstraintViolationException) {
    throw new DuplicateKeyError(`${what} already exists`);
  }
  throw persistenceErrorOf(error) ?? error;
}
