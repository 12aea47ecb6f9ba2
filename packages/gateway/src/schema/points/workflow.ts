import {
  type Adjustment,
  type AuditInput,
  actionsFor,
  type PointEntryInput,
  type PointRecord,
  type PointsRole,
  type ReversalInput,
  type ReviewInput,
  rulesAt,
  type SubmitInput,
  yearOf,
} from '@jiceng/domain';
import {
  type AppendOutcome,
  type EntryInput,
  InvalidInputError,
  PointsLedgerRepository,
  PointsMemberRepository,
  persistenceErrorOf,
  type StoredMember,
} from '@jiceng/persistence';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../server/context.js';
import { GatewayError, notFound, persist } from '../../server/errors.js';
import { PageArgs, paginate } from '../common.js';
import { TEXT } from '../inputs.js';
import {
  actorFor,
  auditorOf,
  authoriseBranch,
  authoriseMember,
  entryText,
  memberText,
  PointsInput,
  recorderOf,
  rulesLookup,
  scopeFilter,
  today,
} from './access.js';
import { RecordPointEntryInput, ReviewPointEntryInput } from './inputs.js';
import { pointsLoaders } from './loaders.js';
import {
  PartyMemberView,
  PointEntryConnection,
  PointEntryResult,
  PointEntryView,
  PointsAuditResult,
  PointsNoteView,
  PointsYearLockView,
} from './types.js';

const MAX_EVIDENCE = 20;

function ledgerOf(ctx: GatewayContext): PointsLedgerRepository {
  return new PointsLedgerRepository(ctx.em, { rules: rulesLookup(ctx) });
}

function result(outcome: AppendOutcome): PointEntryResult {
  return Object.assign(new PointEntryResult(), {
    key: outcome.entry.key,
    seq: outcome.entry.seq,
    duplicate: outcome.duplicate,
    notes: outcome.notes.map(PointsNoteView.from),
    entry: PointEntryView.from(outcome.record),
  });
}

/**
 * Appends as the caller: the actor is decided on the member as stored, inside the transaction.
 * Steps are dated today, so a client retrying after midnight would send another payload under
 * its key; when the stored input differs from the retry only by that date, the retry is the
 * stored request and returns it.
 */
async function appendAs(
  ctx: GatewayContext,
  input: EntryInput,
  options: { expectedVersion?: number | null } = {},
): Promise<PointEntryResult> {
  const ledger = ledgerOf(ctx);
  // A member or an entry the caller may not act on is refused in the same words as a missing one.
  const what = input.type === 'point' ? memberText(input.member) : entryText(input.entry);
  const actor = (member: StoredMember, entry?: PointRecord) =>
    actorFor(ctx, member, entry?.entry.date ?? (input.type === 'point' ? input.date : input.on), what);
  const append = (i: EntryInput) =>
    ledger.append(i, {
      actor,
      ...(options.expectedVersion === null || options.expectedVersion === undefined
        ? {}
        : { expectedVersion: options.expectedVersion }),
    });
  return result(
    await persist(async () => {
      try {
        return await append(input);
      } catch (error) {
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
    }),
  );
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

@Resolver(() => PointEntryView)
export class PointsWorkflowResolver {
  @Query(() => PointEntryView, {
    description: 'A point entry by its key, when its member is within your scope.',
  })
  async pointEntry(@Ctx() ctx: GatewayContext, @Arg('key') key: string): Promise<PointEntryView> {
    requireAction(ctx, 'member.read');
    const [stored] = await ledgerOf(ctx).findByKeys([key]);
    if (stored === undefined) throw notFound(entryText(key));
    const code = stored.record.entry.member;
    authoriseMember(ctx, await pointsLoaders(ctx).member.load(code), code, entryText(key));
    return PointEntryView.from(stored);
  }

  @Query(() => PointEntryConnection, {
    description: 'Submitted entries awaiting branch review 待支部考评 under a scope, oldest first.',
  })
  async pointsReviewQueue(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ) {
    const filter = scopeFilter(ctx, scope);
    const rows = await ledgerOf(ctx).inStatus(filter, 'submitted', year ?? undefined);
    return paginate(rows.map(PointEntryView.from), page);
  }

  @Query(() => [PointsYearLockView], { description: 'The audited (locked) branch years under a scope.' })
  async pointsYearLocks(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Arg('year', () => Int) year: number,
  ): Promise<PointsYearLockView[]> {
    const filter = scopeFilter(ctx, scope);
    const branches = filter.branches ?? [
      ...new Set((await new PointsMemberRepository(ctx.em).list(filter)).map((m) => m.branch)),
    ];
    return (await ledgerOf(ctx).yearLocks(branches, year)).map(PointsYearLockView.from);
  }

  @FieldResolver(() => PartyMemberView, { description: 'The member the entry is about.' })
  async member(@Ctx() ctx: GatewayContext, @Root() entry: PointEntryView): Promise<PartyMemberView> {
    const m = authoriseMember(ctx, await pointsLoaders(ctx).member.load(entry.memberCode), entry.memberCode);
    return PartyMemberView.from(m);
  }

  @FieldResolver(() => [String], {
    description:
      'The steps you may take on the entry today (submit, approve, adjust, reject, reverse): your role and scope, the year lock and the deadlines decided, so a client shows only buttons that will work. The yearly audit is on pointsAudit, not here.',
  })
  async myActions(@Ctx() ctx: GatewayContext, @Root() entry: PointEntryView): Promise<string[]> {
    const loaders = pointsLoaders(ctx);
    const member = await loaders.member.load(entry.memberCode);
    if (member === null) return [];
    let role: PointsRole;
    try {
      role = actorFor(ctx, member, entry.date).role;
    } catch (error) {
      // A caller who takes no part in points, or not for this member, may do nothing with it.
      if (error instanceof GatewayError) return [];
      throw error;
    }
    const history = rulesLookup(ctx)(member.profileId);
    const rules = history === undefined ? undefined : rulesAt(history, entry.date);
    if (rules === undefined || !rules.ok) return [];
    const locked = await loaders.yearLocked.load({ branch: member.branch, year: yearOf(entry.date) });
    return actionsFor(entry.record, role, today(ctx), rules.value, locked);
  }

  @Mutation(() => PointEntryResult, {
    description:
      'Records a point entry 记录积分 as your role’s recorder: a member’s own draft, a branch’s approved record, a community’s record for branch review, the committee’s.',
  })
  async recordPointEntry(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RecordPointEntryInput) input: RecordPointEntryInput,
  ): Promise<PointEntryResult> {
    const role = recorderOf(ctx);
    const check = new PointsInput();
    check.key(input.idempotencyKey, ['idempotencyKey']);
    check.key(input.member, ['member']);
    check.key(input.item, ['item']);
    check.date(input.date, ['date']);
    check.text(input.note, ['note'], TEXT.note);
    if (input.correctionOf) check.key(input.correctionOf, ['correctionOf']);
    check.count(input.evidence, ['evidence'], MAX_EVIDENCE);
    for (const [i, e] of (input.evidence ?? []).entries()) check.text(e, ['evidence', i], { max: 500 });
    check.check();
    const entry: PointEntryInput = {
      type: 'point',
      key: input.idempotencyKey,
      member: input.member,
      item: input.item,
      date: input.date,
      ...(input.quantity === null || input.quantity === undefined ? {} : { quantity: input.quantity }),
      ...(input.evidence === null || input.evidence === undefined ? {} : { evidence: [...input.evidence] }),
      ...(input.note ? { note: input.note } : {}),
      ...(input.correctionOf ? { correctionOf: input.correctionOf } : {}),
      by: { role, id: ctx.principal.subject },
      on: today(ctx),
    };
    return appendAs(ctx, entry);
  }

  @Mutation(() => PointEntryResult, {
    description: 'Submits your own draft for the month’s self-assessment 自评.',
  })
  async submitPointEntry(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('entry') entry: string,
  ): Promise<PointEntryResult> {
    const role = recorderOf(ctx);
    const check = new PointsInput();
    check.key(idempotencyKey, ['idempotencyKey']);
    check.key(entry, ['entry']);
    check.check();
    const input: SubmitInput = {
      type: 'submit',
      key: idempotencyKey,
      entry,
      by: { role, id: ctx.principal.subject },
      on: today(ctx),
    };
    return appendAs(ctx, input);
  }

  @Mutation(() => PointEntryResult, {
    description:
      'The branch review 支部考评 of a submitted entry: approve, adjust (with a reason) or reject (with a reason).',
  })
  async reviewPointEntry(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => ReviewPointEntryInput) input: ReviewPointEntryInput,
  ): Promise<PointEntryResult> {
    const role = recorderOf(ctx);
    const check = new PointsInput();
    check.key(input.idempotencyKey, ['idempotencyKey']);
    check.key(input.entry, ['entry']);
    check.text(input.reason, ['reason'], TEXT.note);
    check.check();
    const base = {
      type: 'review' as const,
      key: input.idempotencyKey,
      entry: input.entry,
      by: { role, id: ctx.principal.subject },
      on: today(ctx),
    };
    const a = input.adjustment;
    const review: ReviewInput =
      input.decision === 'approve'
        ? { ...base, decision: 'approve' }
        : input.decision === 'reject'
          ? { ...base, decision: 'reject', reason: input.reason ?? '' }
          : {
              ...base,
              decision: 'adjust',
              reason: input.reason ?? '',
              // Both or neither is the domain's POINTS_INVALID_ADJUSTMENT, with its message.
              adjustment: {
                ...(a?.quantity === null || a?.quantity === undefined ? {} : { quantity: a.quantity }),
                ...(a?.points === null || a?.points === undefined ? {} : { points: a.points }),
              } as Adjustment,
            };
    return appendAs(ctx, review, { expectedVersion: input.expectedVersion ?? null });
  }

  @Mutation(() => PointEntryResult, {
    description:
      'Reverses 冲正 a counted entry (the branch before the audit, the committee after): the only correction once a year is locked.',
  })
  async reversePointEntry(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('entry') entry: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<PointEntryResult> {
    const role = recorderOf(ctx);
    const check = new PointsInput();
    check.key(idempotencyKey, ['idempotencyKey']);
    check.key(entry, ['entry']);
    check.text(reason, ['reason'], TEXT.note);
    check.check();
    const input: ReversalInput = {
      type: 'reversal',
      key: idempotencyKey,
      entry,
      reason,
      by: { role, id: ctx.principal.subject },
      on: today(ctx),
    };
    return appendAs(ctx, input, { expectedVersion: expectedVersion ?? null });
  }

  @Mutation(() => PointsAuditResult, {
    description:
      'The committee’s year-end audit 党委年终审核 of a branch: locks its year; counted entries become audited, unfinished ones lapse.',
  })
  async auditPointsYear(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('branch') branch: string,
    @Arg('year', () => Int) year: number,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<PointsAuditResult> {
    const by = auditorOf(ctx);
    const check = new PointsInput();
    check.key(idempotencyKey, ['idempotencyKey']);
    check.text(branch, ['branch'], TEXT.code);
    check.year(year);
    check.text(note, ['note'], TEXT.note);
    check.check();
    const input: AuditInput = {
      type: 'audit',
      key: idempotencyKey,
      year,
      ...(note ? { note } : {}),
      by,
      on: today(ctx),
    };
    const outcome = await persist(() =>
      ledgerOf(ctx).audit(branch, input, { authorize: (members) => authoriseBranch(ctx, branch, members) }),
    );
    return Object.assign(new PointsAuditResult(), {
      duplicate: outcome.duplicate,
      lock: PointsYearLockView.from(outcome.lock),
      daysLate: outcome.lock.daysLate,
      audited: outcome.audited,
      lapsed: outcome.lapsed,
    });
  }
}
