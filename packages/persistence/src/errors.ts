import type { Issue } from '@jiceng/domain';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';

/**
 * Persistence speaks in its own errors, each with a stable `code`, so that no driver or SQL
 * message ever reaches a client (the gateway maps codes to GraphQL error codes in one place).
 */
export type PersistenceErrorCode = 'CONFLICT' | 'DUPLICATE' | 'INVALID_INPUT' | 'STORED_DATA_INVALID';

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
  throw error;
}
