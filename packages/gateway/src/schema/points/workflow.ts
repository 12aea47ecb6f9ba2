import { actionsFor, type PointsRole, rulesAt, yearOf } from '@jiceng/domain';
import { type AppendOutcome, PointsMemberRepository } from '@jiceng/persistence';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  actorFor,
  authoriseMember,
  entryText,
  rulesLookup,
  scopeFilter,
  today,
} from '../../application/points/access.js';
import {
  auditPointsYear,
  ledgerOf,
  recordPointEntry,
  reversePointEntry,
  reviewPointEntry,
  submitPointEntry,
} from '../../application/points/entries.js';
import { requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { GatewayError, notFound } from '../../kernel/errors.js';
import { PageArgs, paginate } from '../common.js';
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

function result(outcome: AppendOutcome): PointEntryResult {
  return Object.assign(new PointEntryResult(), {
    key: outcome.entry.key,
    seq: outcome.entry.seq,
    duplicate: outcome.duplicate,
    notes: outcome.notes.map(PointsNoteView.from),
    entry: PointEntryView.from(outcome.record),
  });
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
    return result(await recordPointEntry(ctx, input));
  }

  @Mutation(() => PointEntryResult, {
    description: 'Submits your own draft for the month’s self-assessment 自评.',
  })
  async submitPointEntry(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('entry') entry: string,
  ): Promise<PointEntryResult> {
    return result(await submitPointEntry(ctx, { idempotencyKey, entry }));
  }

  @Mutation(() => PointEntryResult, {
    description:
      'The branch review 支部考评 of a submitted entry: approve, adjust (with a reason) or reject (with a reason).',
  })
  async reviewPointEntry(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => ReviewPointEntryInput) input: ReviewPointEntryInput,
  ): Promise<PointEntryResult> {
    return result(await reviewPointEntry(ctx, input));
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
    return result(
      await reversePointEntry(ctx, {
        idempotencyKey,
        entry,
        reason,
        expectedVersion: expectedVersion ?? null,
      }),
    );
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
    const outcome = await auditPointsYear(ctx, { idempotencyKey, branch, year, note: note ?? null });
    return Object.assign(new PointsAuditResult(), {
      duplicate: outcome.duplicate,
      lock: PointsYearLockView.from(outcome.lock),
      daysLate: outcome.lock.daysLate,
      audited: outcome.audited,
      lapsed: outcome.lapsed,
    });
  }
}
