import { createHash } from 'node:crypto';
import {
  fieldIssues,
  type ImportIssue,
  type LocalizedText,
  type Places,
  placesOf,
  type SheetSpec,
} from '@jiceng/domain';
import { RegisterWriteRepository, type RegisterWriteSession } from '@jiceng/persistence';
import { badInput, notFound, persist } from '../../kernel/errors.js';
import { nowInstant } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues, TEXT } from '../inputs.js';

/**
 * What every use case of the registers' write API 名册写入 shares (issue #16): the client's
 * idempotency key, the digest that ties the key to one command, the trees as the row rules look
 * nodes up in them, and the refusal of a row's issues. Each write runs in one transaction with
 * its key (`RegisterWriteRepository.write`): a retry changes nothing and answers `replayed`.
 */

/** What every write carries: the client's idempotency key. */
export interface KeyedCommand {
  /** Any text of 1–200 characters the client makes up per write and sends again on retry. */
  readonly idempotencyKey: string;
}

/** A write's answer: what it wrote (or found written), and whether this call was a retry. */
export interface WriteAnswer<T> {
  readonly value: T;
  /** The key was used before with the same command: nothing was written this time. */
  readonly replayed: boolean;
}

/** Checks the key (and other fields through `check`), refusing all problems at once. */
export function checkKey(command: KeyedCommand, check = new InputIssues()): InputIssues {
  const key = check.text(command.idempotencyKey, ['idempotencyKey'], TEXT.key);
  if (key === undefined && !check.issues.some((i) => i.path[0] === 'idempotencyKey')) {
    check.add({
      code: 'REGISTER_KEY_REQUIRED',
      path: ['idempotencyKey'],
      message: { zh: '幂等键不能为空', en: 'the idempotency key must not be blank' },
    });
  }
  return check;
}

/** SHA-256 of a command in a stable form (keys sorted), so a retry of the same command matches. */
export function digestOf(command: unknown): string {
  return createHash('sha256').update(stable(command)).digest('hex');
}

function stable(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
}

/** What {@link keyedWrite} answers. */
export type Written<T> = { readonly replayed: true } | { readonly replayed: false; readonly value: T };

/**
 * Runs one write under the command's key, in one transaction: `work` reads, decides (the domain's
 * rules, the policy) and stores through the session. A retry with the same key and command runs
 * nothing and answers `undefined` with `replayed`; the same key with another command is CONFLICT.
 */
export async function keyedWrite<T>(
  ctx: UseCaseContext,
  write: {
    readonly operation: string;
    readonly subject: string;
    readonly command: KeyedCommand & object;
  },
  work: (session: RegisterWriteSession) => Promise<T>,
): Promise<Written<T>> {
  const { idempotencyKey, ...rest } = write.command;
  const outcome = await persist(() =>
    new RegisterWriteRepository(ctx.em).write(
      {
        key: idempotencyKey.trim(),
        operation: write.operation,
        subject: write.subject,
        digest: digestOf(rest),
        actor: ctx.principal.subject,
        at: nowInstant(ctx),
      },
      work,
    ),
  );
  return outcome.replayed ? { replayed: true } : { replayed: false, value: outcome.value };
}

/** The trees as the row rules look nodes up in them: the gateway's in-memory copies. */
export function placesFor(ctx: UseCaseContext): Places {
  return placesOf(ctx.services.orgTree('administrative'), ctx.services.orgTree('party'));
}

/** Refuses a row's issues as BAD_USER_INPUT, each with its field under `input`. */
export function refuseRow<K extends string>(spec: SheetSpec<K>, issues: readonly ImportIssue[]): void {
  if (issues.length > 0) throw badInput(fieldIssues(spec, issues, ['input']));
}

/** A record the write names that does not exist, or is outside the caller's scope: the same words. */
export function missing(what: LocalizedText): never {
  throw notFound(what);
}
