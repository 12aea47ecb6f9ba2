import type {
  Adjustment,
  AuditInput,
  LocalizedText,
  PointEntryInput,
  PointsRole,
  ReversalInput,
  ReviewInput,
  SubmitInput,
} from '@jiceng/domain';
import {
  type AppendOutcome,
  type AuditOutcome,
  type EntryInput,
  InvalidInputError,
  PointsLedgerRepository,
  PointsMemberRepository,
  persistenceErrorOf,
  type StoredMember,
} from '@jiceng/persistence';
import { notFound, persist } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import { TEXT } from '../inputs.js';
import {
  actorFor,
  auditorOf,
  authoriseBranch,
  entryText,
  memberText,
  PointsInput,
  recorderOf,
  rulesLookup,
  today,
} from './access.js';

/**
 * The use cases of the points workflow 积分流程: record, submit, review, reverse, audit. Each one
 * checks its command, asks the authorisation policy once, on the member as it reads them, and
 * hands the ledger a decided input; the ledger only stores it, and refuses it (CONFLICT) if the
 * member moved between the read and the write. GraphQL resolvers call these; so may the CLI or an
 * integration, with a context of their own.
 */

/** Evidence references an entry may carry. */
export const MAX_EVIDENCE = 20;

/** A point entry to record 记录积分: the recorder follows from the caller's role. */
export interface RecordPointCommand {
  readonly idempotencyKey: string;
  readonly member: string;
  readonly item: string;
  readonly date: string;
  readonly quantity?: number | null;
  readonly evidence?: readonly string[] | null;
  readonly note?: string | null;
  readonly correctionOf?: string | null;
}

/** A branch review 支部考评 of a submitted entry. */
export interface ReviewPointCommand {
  readonly idempotencyKey: string;
  readonly entry: string;
  readonly decision: 'approve' | 'adjust' | 'reject';
  readonly reason?: string | null;
  readonly adjustment?: { readonly quantity?: number | null; readonly points?: number | null } | null;
  readonly expectedVersion?: number | null;
}

/** A reversal 冲正 of a counted entry. */
export interface ReversePointCommand {
  readonly idempotencyKey: string;
  readonly entry: string;
  readonly reason: string;
  readonly expectedVersion?: number | null;
}

/** The committee's year-end audit 党委年终审核 of a branch. */
export interface AuditPointsCommand {
  readonly idempotencyKey: string;
  readonly branch: string;
  readonly year: number;
  readonly note?: string | null;
}

/** Records a point entry as the caller's role's recorder. */
export async function recordPointEntry(
  ctx: UseCaseContext,
  command: RecordPointCommand,
): Promise<AppendOutcome> {
  const role = recorderOf(ctx);
  const check = new PointsInput();
  check.key(command.idempotencyKey, ['idempotencyKey']);
  check.key(command.member, ['member']);
  check.key(command.item, ['item']);
  check.date(command.date, ['date']);
  check.text(command.note, ['note'], TEXT.note);
  if (command.correctionOf) check.key(command.correctionOf, ['correctionOf']);
  check.count(command.evidence, ['evidence'], MAX_EVIDENCE);
  for (const [i, e] of (command.evidence ?? []).entries()) check.text(e, ['evidence', i], { max: 500 });
  check.check();
  const { quantity, evidence, note, correctionOf } = command;
  return appendAs(ctx, {
    type: 'point',
    key: command.idempotencyKey,
    member: command.member,
    item: command.item,
    date: command.date,
    ...(quantity === null || quantity === undefined ? {} : { quantity }),
    ...(evidence === null || evidence === undefined ? {} : { evidence: [...evidence] }),
    ...(note ? { note } : {}),
    ...(correctionOf ? { correctionOf } : {}),
    by: unsigned(ctx, role),
    on: today(ctx),
  } satisfies PointEntryInput);
}

/** Submits the caller's own draft for the month's self-assessment 自评. */
export async function submitPointEntry(
  ctx: UseCaseContext,
  command: { readonly idempotencyKey: string; readonly entry: string },
): Promise<AppendOutcome> {
  return appendAs(ctx, { type: 'submit', ...stepOf(ctx, command) } satisfies SubmitInput);
}

/** Approves, adjusts (with a reason) or rejects (with a reason) a submitted entry. */
export async function reviewPointEntry(
  ctx: UseCaseContext,
  command: ReviewPointCommand,
): Promise<AppendOutcome> {
  const base = { type: 'review' as const, ...stepOf(ctx, command, command.reason) };
  const a = command.adjustment;
  const review: ReviewInput =
    command.decision === 'approve'
      ? { ...base, decision: 'approve' }
      : command.decision === 'reject'
        ? { ...base, decision: 'reject', reason: command.reason ?? '' }
        : {
            ...base,
            decision: 'adjust',
            reason: command.reason ?? '',
            // Both or neither is the domain's POINTS_INVALID_ADJUSTMENT, with its message.
            adjustment: {
              ...(a?.quantity === null || a?.quantity === undefined ? {} : { quantity: a.quantity }),
              ...(a?.points === null || a?.points === undefined ? {} : { points: a.points }),
            } as Adjustment,
          };
  return appendAs(ctx, review, command.expectedVersion);
}

/** Reverses 冲正 a counted entry: the branch before the audit, the committee after. */
export async function reversePointEntry(
  ctx: UseCaseContext,
  command: ReversePointCommand,
): Promise<AppendOutcome> {
  const input: ReversalInput = {
    type: 'reversal',
    ...stepOf(ctx, command, command.reason),
    reason: command.reason,
  };
  return appendAs(ctx, input, command.expectedVersion);
}

/**
 * The committee's year-end audit of a branch: locks its year. The caller must reach the branch,
 * or every one of its members; the ledger refuses the audit if the branch's members changed
 * between that decision and the write.
 */
export async function auditPointsYear(
  ctx: UseCaseContext,
  command: AuditPointsCommand,
): Promise<AuditOutcome> {
  const by = auditorOf(ctx);
  const check = new PointsInput();
  check.key(command.idempotencyKey, ['idempotencyKey']);
  check.text(command.branch, ['branch'], TEXT.code);
  check.year(command.year);
  check.text(command.note, ['note'], TEXT.note);
  check.check();
  const input: AuditInput = {
    type: 'audit',
    key: command.idempotencyKey,
    year: command.year,
    ...(command.note ? { note: command.note } : {}),
    by,
    on: today(ctx),
  };
  return persist(async () => {
    const members = await new PointsMemberRepository(ctx.em).list({ branches: [command.branch] });
    authoriseBranch(ctx, command.branch, members);
    return ledgerOf(ctx).audit(command.branch, input, { decidedOn: members });
  });
}

/** The points ledger of a request, scoring under the county's profiles. */
export function ledgerOf(ctx: UseCaseContext): PointsLedgerRepository {
  return new PointsLedgerRepository(ctx.em, { rules: rulesLookup(ctx) });
}

/**
 * The common part of a step on an entry (submit, review, reversal): the caller's recorder (FORBIDDEN
 * before anything is read for a role that records nothing), the checked key, entry and reason.
 */
function stepOf(
  ctx: UseCaseContext,
  command: { readonly idempotencyKey: string; readonly entry: string },
  reason?: string | null,
) {
  const role = recorderOf(ctx);
  const check = new PointsInput();
  check.key(command.idempotencyKey, ['idempotencyKey']);
  check.key(command.entry, ['entry']);
  if (reason !== undefined) check.text(reason, ['reason'], TEXT.note);
  check.check();
  return { key: command.idempotencyKey, entry: command.entry, by: unsigned(ctx, role), on: today(ctx) };
}

/** The recorder before the member is read; {@link appendAs} replaces it with the decided actor. */
function unsigned(ctx: UseCaseContext, role: PointsRole) {
  return { role, id: ctx.principal.subject };
}

/**
 * Appends as the caller. The member (of a new entry, or of the entry a step is on) is read first;
 * the policy decides on it who the caller records as, or refuses; the ledger then writes, unless
 * the member moved since. A member or an entry the caller may not act on is refused in the same
 * words as a missing one.
 *
 * Steps are dated today, so a client retrying after midnight would send another payload under its
 * key; when the stored input differs from the retry only by that date, the retry is the stored
 * request and returns it.
 */
async function appendAs(
  ctx: UseCaseContext,
  input: EntryInput,
  expectedVersion?: number | null,
): Promise<AppendOutcome> {
  const ledger = ledgerOf(ctx);
  const what = input.type === 'point' ? memberText(input.member) : entryText(input.entry);
  const append = async (i: EntryInput) => {
    const { member, date } = await targetOf(ctx, ledger, i, what);
    const decided = { ...i, by: actorFor(ctx, member, date, what) } as EntryInput;
    return ledger.append(decided, {
      decidedOn: member,
      ...(expectedVersion === null || expectedVersion === undefined ? {} : { expectedVersion }),
    });
  };
  return persist(async () => {
    try {
      return await append(input);
    } catch (error) {
      // Gone between the read and the write (or never there): the same words as out of scope.
      if (unknownTarget(error)) throw notFound(what);
      const conflict =
        error instanceof InvalidInputError &&
        error.issues.length === 1 &&
        error.issues[0]?.code === 'POINTS_IDEMPOTENCY_CONFLICT';
      if (!conflict) throw error;
      const stored = await ledger.findEntry(input.key);
      if (stored === undefined || stored.type !== input.type || stored.on === input.on) throw error;
      return append({ ...input, on: stored.on } as EntryInput);
    }
  });
}

/** The member a write is about, as stored, and the date its recorder is decided on. */
async function targetOf(
  ctx: UseCaseContext,
  ledger: PointsLedgerRepository,
  input: EntryInput,
  what: LocalizedText,
): Promise<{ member: StoredMember; date: string }> {
  let code: string;
  let date: string;
  if (input.type === 'point') {
    code = input.member;
    date = input.date;
  } else {
    const [stored] = await ledger.findByKeys([input.entry]);
    if (stored === undefined) throw notFound(what);
    code = stored.record.entry.member;
    date = stored.record.entry.date;
  }
  const [member] = await new PointsMemberRepository(ctx.em).findByCodes([code]);
  if (member === undefined) throw notFound(what);
  return { member, date };
}

/** The domain's refusal of a member or an entry the ledger does not know. */
function unknownTarget(error: unknown): boolean {
  const known = persistenceErrorOf(error);
  return (
    known?.code === 'INVALID_INPUT' &&
    known.issues.length === 1 &&
    (known.issues[0]?.code === 'POINTS_UNKNOWN_MEMBER' || known.issues[0]?.code === 'POINTS_UNKNOWN_ENTRY')
  );
}
