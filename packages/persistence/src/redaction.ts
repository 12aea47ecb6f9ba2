import { maskPersonalDataInText } from '@jiceng/domain';
import { DriverException } from '@mikro-orm/core';

/**
 * An error as a log may show it: its kind, code and frames, and a message with the values taken
 * out. A driver's message carries the whole statement with its values written in (knex inlines
 * them: names, phones, ID numbers) and PostgreSQL adds more in `detail`; neither reaches a log.
 */
export interface LoggableError {
  readonly type: string;
  /** The statement's shape (its literals as `?`) and the driver's words, without values. */
  readonly message: string;
  /** SQLSTATE, SQLite result code or a persistence code. */
  readonly code?: string;
  /** The frames (`at …` lines) under the redacted message. */
  readonly stack?: string;
  readonly cause?: LoggableError;
}

const SQL_START =
  /^\s*(?:select|insert|update|delete|with|create|alter|drop|begin|commit|savepoint|release|pragma)\b/i;
const SQLITE_CODE = /^SQLITE_[A-Z_]+$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$.]*$/;

function isDriverError(error: Error, code: string | undefined): boolean {
  return (
    error instanceof DriverException ||
    (code !== undefined && (SQLITE_CODE.test(code) || SQLSTATE.test(code))) ||
    SQL_START.test(error.message)
  );
}

/**
 * The text of a driver's message without values: string literals become `?`; a double-quoted
 * token stays only when it is an identifier (a table, a constraint) and not the value after a
 * colon (`invalid input syntax for type integer: "…"`); runs of five digits or more and any
 * non-ASCII text (a name in Chinese) become `?`.
 *
 * @example
 * redactStatementText(`insert into t (a) values ('13987654321') - no such table: t`)
 * // 'insert into t (a) values (?) - no such table: t'
 */
export function redactStatementText(text: string): string {
  return text
    .replace(/(?:\bE)?'(?:[^']|'')*'?/g, '?')
    .replace(/(:\s*)?"((?:[^"]|"")*)"?/g, (_whole, colon: string | undefined, inner: string) =>
      colon === undefined && IDENTIFIER.test(inner) ? `"${inner}"` : `${colon ?? ''}"?"`,
    )
    .replace(/\d{5,}/g, '?')
    .replace(/[^\u0020-\u007E\t\n\r]+/g, '?');
}

/**
 * An error fit for a log line: any error (a driver's, the ORM's, a bug's), with its causes.
 * Mobile and resident ID numbers in any message are masked; a database error keeps only the
 * shape of its statement (see `redactStatementText`) and none of the driver's extra fields
 * (`detail`, `where`, `parameters`…).
 *
 * @example
 * logger.error({ requestId, error: loggableError(error) }, 'internal error');
 */
export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: maskPersonalDataInText(redactStatementText(String(error))) };
  }
  const rawCode = (error as { code?: unknown }).code;
  const code = typeof rawCode === 'string' || typeof rawCode === 'number' ? String(rawCode) : undefined;
  const driver = isDriverError(error, code);
  const message = maskPersonalDataInText(driver ? redactStatementText(error.message) : error.message);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at\s/.test(line))
    .join('\n');
  const cause = error.cause !== undefined && depth < 3 ? loggableError(error.cause, depth + 1) : undefined;
  return {
    type: error.name,
    message,
    ...(code === undefined ? {} : { code }),
    ...(frames === '' ? {} : { stack: `${error.name}: ${message}\n${frames}` }),
    ...(cause === undefined ? {} : { cause }),
  };
}
