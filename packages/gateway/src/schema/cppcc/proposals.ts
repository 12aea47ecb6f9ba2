import type { NotFiledOutcome, ProposalRole, ReplyCategory, SatisfactionLevel } from '@jiceng/domain';
import { Arg, Ctx, Field, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  assignProposal,
  closeProposalUnrated,
  cppccMeetings,
  decideReassignment,
  designateKeyProposal,
  giveCoOpinion,
  meetingProposals,
  meetingStatistics,
  type ProposalActBase,
  type ProposalActOutcome,
  proposalWithTrail,
  publicMeetingProposals,
  rateProposalReply,
  replyToProposal,
  requestReassignment,
  reviewProposal,
  type SubmitProposalCommand,
  submitProposal,
  superviseProposal,
} from '../../application/cppcc/proposals.js';
import type { GatewayContext } from '../../kernel/context.js';
import { GatewayError } from '../../kernel/errors.js';
import { publicAnswer } from '../../server/public-cache.js';
import { PublicCppccProposal } from './public-types.js';
import { CppccProposalStatistics } from './statistics-types.js';
import {
  CppccActingAsInput,
  CppccMeeting,
  CppccProposal,
  CppccProposalActResult,
  CppccProposalBook,
  CppccProposalEvent,
  NotFiledOutcomeEnum,
  ProposerKindEnum,
  ReassignmentDecisionEnum,
  ReplyCategoryEnum,
  ReviewDecisionEnum,
  SatisfactionLevelEnum,
} from './types.js';

/**
 * CPPCC proposals 提案 over GraphQL: thin resolvers over `application/cppcc/proposals.ts`, which
 * asks the policy (`cppcc.office`, `cppcc.member`) and the domain. The public disclosure needs no
 * sign-in.
 */

@InputType({ description: 'What every proposal act names.' })
class CppccActInput {
  @Field({ description: 'The plenary meeting’s id.' })
  meeting!: string;
  @Field({ description: 'The client’s key for this act: the same key again answers what is stored.' })
  idempotencyKey!: string;
  @Field(() => Int, { nullable: true, description: 'The book’s version the act was decided on.' })
  expectedVersion?: number | null;
  @Field(() => CppccActingAsInput, { nullable: true })
  actingAs?: CppccActingAsInput | null;
}

@InputType({ description: 'An act on one proposal.' })
class CppccOnProposalInput extends CppccActInput {
  @Field({ description: 'The proposal’s id.' })
  proposal!: string;
}

@InputType()
class CppccProposerInput {
  @Field(() => ProposerKindEnum)
  kind!: string;
  @Field(() => [String], {
    nullable: true,
    description: 'member: one id; joint: the signers, the lead first.',
  })
  members?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'sector, special_committee or liaison_group: its code.',
  })
  body?: string | null;
}

@InputType()
class SubmitCppccProposalInput extends CppccActInput {
  @Field({ description: 'The proposal’s id within the meeting (a client-chosen id).' })
  id!: string;
  @Field(() => CppccProposerInput)
  proposer!: CppccProposerInput;
  @Field()
  title!: string;
  @Field({ description: '案由.' })
  reasons!: string;
  @Field({ description: '建议.' })
  suggestions!: string;
  @Field({ description: 'A subject area code of the profile.' })
  subjectArea!: string;
}

@InputType()
class ReviewCppccProposalInput extends CppccOnProposalInput {
  @Field(() => ReviewDecisionEnum)
  decision!: string;
  @Field(() => NotFiledOutcomeEnum, { nullable: true, description: 'For not_file.' })
  outcome?: string | null;
  @Field(() => String, { nullable: true, description: 'For not_file.' })
  reason?: string | null;
  @Field(() => String, { nullable: true, description: 'For merge: the filed proposal it merges into.' })
  into?: string | null;
}

@InputType()
class AssignCppccProposalInput extends CppccOnProposalInput {
  @Field()
  lead!: string;
  @Field(() => [String])
  coUnits!: string[];
}

@InputType()
class CppccReasonInput extends CppccOnProposalInput {
  @Field()
  reason!: string;
}

@InputType()
class CppccDecideReassignmentInput extends CppccOnProposalInput {
  @Field(() => ReassignmentDecisionEnum)
  decision!: string;
  @Field(() => String, { nullable: true, description: 'For approve: the unit that takes over.' })
  to?: string | null;
  @Field(() => String, { nullable: true, description: 'For refuse.' })
  reason?: string | null;
}

@InputType()
class CppccProposalTextInput extends CppccOnProposalInput {
  @Field()
  text!: string;
}

@InputType()
class CppccReplyInput extends CppccProposalTextInput {
  @Field(() => ReplyCategoryEnum)
  category!: string;
}

@InputType()
class CppccRateReplyInput extends CppccOnProposalInput {
  @Field(() => SatisfactionLevelEnum)
  level!: string;
  @Field(() => String, { nullable: true, description: 'Required when not satisfied.' })
  reason?: string | null;
}

@InputType()
class CppccProposalOnlyInput extends CppccOnProposalInput {}

@InputType()
class CppccDesignateKeyInput extends CppccOnProposalInput {
  @Field({ description: 'The chair or vice-chair who follows it.' })
  supervisor!: string;
}

@InputType()
class CppccSuperviseInput extends CppccOnProposalInput {
  @Field()
  summary!: string;
}

function base(input: CppccActInput): ProposalActBase {
  return {
    meeting: input.meeting,
    idempotencyKey: input.idempotencyKey,
    expectedVersion: input.expectedVersion ?? null,
    actingAs: input.actingAs
      ? {
          role: (input.actingAs.role as ProposalRole | null | undefined) ?? null,
          unit: input.actingAs.unit ?? null,
        }
      : null,
  };
}

function result(outcome: ProposalActOutcome): CppccProposalActResult {
  return Object.assign(new CppccProposalActResult(), {
    proposal: CppccProposal.from(outcome.proposal),
    version: outcome.version,
    duplicate: outcome.duplicate,
  });
}

/** A missing part of a choice (a merge without `into`) as BAD_USER_INPUT. */
function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: `须填写 ${field}`,
      en: `${field} is required`,
    });
  }
  return value;
}

function proposerOf(p: CppccProposerInput): SubmitProposalCommand['proposer'] {
  switch (p.kind) {
    case 'member':
      return { kind: 'member', member: required(p.members?.[0], 'proposer.members') };
    case 'joint':
      return { kind: 'joint', members: required(p.members, 'proposer.members') };
    case 'sector':
      return { kind: 'sector', sector: required(p.body, 'proposer.body') };
    case 'special_committee':
      return { kind: 'special_committee', committee: required(p.body, 'proposer.body') };
    default:
      return { kind: 'liaison_group', township: required(p.body, 'proposer.body') };
  }
}

@Resolver()
export class CppccProposalResolver {
  @Query(() => [CppccMeeting], { description: 'The plenary meetings with proposal books, newest first.' })
  async cppccMeetings(@Ctx() ctx: GatewayContext): Promise<CppccMeeting[]> {
    return (await cppccMeetings(ctx)).map(CppccMeeting.from);
  }

  @Query(() => CppccProposalBook, {
    description: 'A meeting’s proposals the caller may see: the CPPCC office all, a member their own.',
  })
  async cppccProposals(
    @Ctx() ctx: GatewayContext,
    @Arg('meeting', () => String) meeting: string,
  ): Promise<CppccProposalBook> {
    const book = await meetingProposals(ctx, meeting);
    return Object.assign(new CppccProposalBook(), {
      meeting: CppccMeeting.from(book.meeting),
      version: book.version,
      lastNumber: book.lastNumber,
      proposals: book.proposals.map(CppccProposal.from),
    });
  }

  @Query(() => CppccProposal, { description: 'One proposal with its trail, read from the journal.' })
  async cppccProposal(
    @Ctx() ctx: GatewayContext,
    @Arg('meeting', () => String) meeting: string,
    @Arg('id', () => String) id: string,
  ): Promise<CppccProposal> {
    const found = await proposalWithTrail(ctx, meeting, id);
    const view = CppccProposal.from(found.proposal);
    view.trail = found.trail.map((e) => CppccProposalEvent.from(e.seq, e.event));
    return view;
  }

  @Query(() => CppccProposalStatistics, {
    description: 'The statistics of a meeting’s proposals on a day (default today): the CPPCC office only.',
  })
  async cppccProposalStatistics(
    @Ctx() ctx: GatewayContext,
    @Arg('meeting', () => String) meeting: string,
    @Arg('asOf', () => String, { nullable: true }) asOf?: string | null,
  ): Promise<CppccProposalStatistics> {
    return CppccProposalStatistics.from(await meetingStatistics(ctx, meeting, asOf));
  }

  @Query(() => [PublicCppccProposal], {
    description:
      'The public disclosure 提案公开 of a meeting’s filed proposals and replies, for anyone, no token needed: no personal data.',
  })
  async publicCppccProposals(
    @Ctx() ctx: GatewayContext,
    @Arg('meeting', () => String) meeting: string,
  ): Promise<PublicCppccProposal[]> {
    const shown = await publicAnswer(ctx, `publicCppccProposals\u0000${meeting}`, () =>
      publicMeetingProposals(ctx, meeting),
    );
    return shown.map(PublicCppccProposal.from);
  }

  @Mutation(() => CppccProposalActResult, {
    description: 'Submits a proposal 提交提案 within the submission window.',
  })
  async submitCppccProposal(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => SubmitCppccProposalInput) input: SubmitCppccProposalInput,
  ): Promise<CppccProposalActResult> {
    return result(
      await submitProposal(ctx, {
        ...base(input),
        id: input.id,
        proposer: proposerOf(input.proposer),
        title: input.title,
        reasons: input.reasons,
        suggestions: input.suggestions,
        subjectArea: input.subjectArea,
      }),
    );
  }

  @Mutation(() => CppccProposalActResult, {
    description: 'Files 立案, does not file or merges 并案 a proposal.',
  })
  async reviewCppccProposal(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => ReviewCppccProposalInput) input: ReviewCppccProposalInput,
  ): Promise<CppccProposalActResult> {
    const on = { ...base(input), proposal: input.proposal };
    return result(
      await reviewProposal(
        ctx,
        input.decision === 'file'
          ? { ...on, decision: 'file' }
          : input.decision === 'merge'
            ? { ...on, decision: 'merge', into: required(input.into, 'into') }
            : {
                ...on,
                decision: 'not_file',
                outcome: required(input.outcome, 'outcome') as NotFiledOutcome,
                reason: input.reason ?? null,
              },
      ),
    );
  }

  @Mutation(() => CppccProposalActResult, {
    description: 'Assigns 交办 a filed proposal to a lead unit and co-units.',
  })
  async assignCppccProposal(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => AssignCppccProposalInput) input: AssignCppccProposalInput,
  ): Promise<CppccProposalActResult> {
    return result(
      await assignProposal(ctx, {
        ...base(input),
        proposal: input.proposal,
        lead: input.lead,
        coUnits: input.coUnits,
      }),
    );
  }

  @Mutation(() => CppccProposalActResult, {
    description: 'A unit asks to be relieved of a proposal 申请调整.',
  })
  async requestCppccReassignment(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CppccReasonInput) input: CppccReasonInput,
  ): Promise<CppccProposalActResult> {
    return result(
      await requestReassignment(ctx, { ...base(input), proposal: input.proposal, reason: input.reason }),
    );
  }

  @Mutation(() => CppccProposalActResult, { description: 'Approves or refuses a reassignment request.' })
  async decideCppccReassignment(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CppccDecideReassignmentInput) input: CppccDecideReassignmentInput,
  ): Promise<CppccProposalActResult> {
    const on = { ...base(input), proposal: input.proposal };
    return result(
      await decideReassignment(
        ctx,
        input.decision === 'approve'
          ? { ...on, decision: 'approve', to: required(input.to, 'to') }
          : { ...on, decision: 'refuse', reason: required(input.reason, 'reason') },
      ),
    );
  }

  @Mutation(() => CppccProposalActResult, { description: 'A co-unit’s opinion 协办意见.' })
  async giveCppccCoOpinion(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CppccProposalTextInput) input: CppccProposalTextInput,
  ): Promise<CppccProposalActResult> {
    return result(await giveCoOpinion(ctx, { ...base(input), proposal: input.proposal, text: input.text }));
  }

  @Mutation(() => CppccProposalActResult, { description: 'The lead unit’s reply 答复 with its category.' })
  async replyToCppccProposal(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CppccReplyInput) input: CppccReplyInput,
  ): Promise<CppccProposalActResult> {
    return result(
      await replyToProposal(ctx, {
        ...base(input),
        proposal: input.proposal,
        category: input.category as ReplyCategory,
        text: input.text,
      }),
    );
  }

  @Mutation(() => CppccProposalActResult, {
    description: 'The proposer rates the reply; not satisfied opens the second handling 再次办理 (once).',
  })
  async rateCppccProposalReply(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CppccRateReplyInput) input: CppccRateReplyInput,
  ): Promise<CppccProposalActResult> {
    return result(
      await rateProposalReply(ctx, {
        ...base(input),
        proposal: input.proposal,
        level: input.level as SatisfactionLevel,
        reason: input.reason ?? null,
      }),
    );
  }

  @Mutation(() => CppccProposalActResult, {
    description: 'Closes a reply the proposer did not rate in time.',
  })
  async closeCppccProposalUnrated(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CppccProposalOnlyInput) input: CppccProposalOnlyInput,
  ): Promise<CppccProposalActResult> {
    return result(await closeProposalUnrated(ctx, { ...base(input), proposal: input.proposal }));
  }

  @Mutation(() => CppccProposalActResult, {
    description: 'Makes a proposal a key proposal 重点提案 followed by a chair.',
  })
  async designateKeyCppccProposal(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CppccDesignateKeyInput) input: CppccDesignateKeyInput,
  ): Promise<CppccProposalActResult> {
    return result(
      await designateKeyProposal(ctx, {
        ...base(input),
        proposal: input.proposal,
        supervisor: input.supervisor,
      }),
    );
  }

  @Mutation(() => CppccProposalActResult, {
    description: 'A supervision record 督办记录 by the chair who follows it.',
  })
  async superviseCppccProposal(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CppccSuperviseInput) input: CppccSuperviseInput,
  ): Promise<CppccProposalActResult> {
    return result(
      await superviseProposal(ctx, { ...base(input), proposal: input.proposal, summary: input.summary }),
    );
  }
}
