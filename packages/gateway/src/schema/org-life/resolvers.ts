import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  correctOrgLifeMeeting,
  meetingText,
  recordOrgLifeMeeting,
  withdrawOrgLifeMeeting,
} from '../../application/org-life/meetings.js';
import {
  orgLifeComplianceOf,
  orgLifeMeeting,
  orgLifeMeetings,
  secretaryRecordOf,
} from '../../application/org-life/reads.js';
import { requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { notFound } from '../../kernel/errors.js';
import { PageArgs, paginate } from '../common.js';
import {
  ComplianceView,
  CorrectMeetingInput,
  MeetingConnection,
  MeetingResult,
  MeetingView,
  RecordLineView,
  RecordMeetingInput,
  SecretaryRecordView,
} from './types.js';

/**
 * Organisational life 组织生活 over GraphQL: record, correct and withdraw a branch’s meetings
 * (`orglife.record`: the branch secretary for their branch, the street or county committee for any
 * in scope), list them, each branch’s compliance and the secretary’s record (`orglife.read`).
 */
@Resolver()
export class OrgLifeResolver {
  @Mutation(() => MeetingResult, {
    description:
      'Records a meeting 记录组织生活 (三会一课, 主题党日) with its agenda and attendance; the profile’s fact rules turn attendance into system point entries in the same write.',
  })
  async recordOrgLifeMeeting(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RecordMeetingInput) input: RecordMeetingInput,
  ): Promise<MeetingResult> {
    return MeetingResult.from(await recordOrgLifeMeeting(ctx, input));
  }

  @Mutation(() => MeetingResult, {
    description:
      'Corrects a meeting 更正: the point entries its old record earned are reversed (the link kept) and the new record’s entries appended.',
  })
  async correctOrgLifeMeeting(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CorrectMeetingInput) input: CorrectMeetingInput,
  ): Promise<MeetingResult> {
    return MeetingResult.from(await correctOrgLifeMeeting(ctx, input));
  }

  @Mutation(() => MeetingResult, {
    description:
      'Withdraws a meeting recorded by mistake 撤销: it is kept as withdrawn and every entry it earned is reversed.',
  })
  async withdrawOrgLifeMeeting(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('reason') reason: string,
  ): Promise<MeetingResult> {
    return MeetingResult.from(await withdrawOrgLifeMeeting(ctx, { id, expectedVersion, reason }));
  }

  @Query(() => MeetingView, { description: 'One meeting of organisational life.' })
  async orgLifeMeeting(@Ctx() ctx: GatewayContext, @Arg('id') id: string): Promise<MeetingView> {
    requireAction(ctx, 'orglife.read');
    const stored = await orgLifeMeeting(ctx, id);
    if (stored === undefined) throw notFound(meetingText(id));
    return MeetingView.from(stored);
  }

  @Query(() => MeetingConnection, {
    description:
      'The meetings of the branches under a node (default: your scope) held in a range, oldest first.',
  })
  async orgLifeMeetings(
    @Ctx() ctx: GatewayContext,
    @Arg('from') from: string,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('scope', () => String, { nullable: true }) scope: string | null,
    @Arg('withWithdrawn', () => Boolean, { nullable: true }) withWithdrawn: boolean | null,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    const meetings = await orgLifeMeetings(ctx, { from, to, scope, withWithdrawn });
    return paginate(meetings.map(MeetingView.from), page);
  }

  @Query(() => [ComplianceView], {
    description:
      'Each branch under a node: whether every kind was held in every period of its cadence 三会一课落实情况, and attendance.',
  })
  async orgLifeCompliance(
    @Ctx() ctx: GatewayContext,
    @Arg('from') from: string,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('scope', () => String, { nullable: true }) scope: string | null,
  ): Promise<ComplianceView[]> {
    return (await orgLifeComplianceOf(ctx, { from, to, scope })).map(ComplianceView.from);
  }

  @Query(() => SecretaryRecordView, {
    description:
      'The secretary’s record of leading party building 书记抓党建纪实 of one branch over a range.',
  })
  async secretaryRecord(
    @Ctx() ctx: GatewayContext,
    @Arg('branch') branch: string,
    @Arg('from') from: string,
    @Arg('to', () => String, { nullable: true }) to: string | null,
  ): Promise<SecretaryRecordView> {
    const { compliance, lines } = await secretaryRecordOf(ctx, { branch, from, to });
    return Object.assign(new SecretaryRecordView(), {
      compliance: ComplianceView.from(compliance),
      lines: lines.map(RecordLineView.from),
    });
  }
}
