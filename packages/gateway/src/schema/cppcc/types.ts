import {
  meetingLabel,
  NOT_FILED_OUTCOMES,
  type NotFiledOutcome,
  type PlenaryMeeting,
  PROPOSAL_ROLES,
  PROPOSAL_STATUS_LABELS,
  PROPOSER_KINDS,
  type Proposal,
  type ProposalEvent,
  REPLY_CATEGORIES,
  type ReplyCategory,
  SATISFACTION_LEVELS,
  type SatisfactionLevel,
  unreachable,
} from '@jiceng/domain';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf, keysOf, LocalizedText } from '../common.js';

/**
 * The GraphQL types of CPPCC proposals 提案, mapped from the domain's data (`static from`). Enums
 * are built from the domain's own value lists; values keep its snake_case spelling.
 */

export const ProposalStatusEnum = enumOf(keysOf(PROPOSAL_STATUS_LABELS));
registerEnumType(ProposalStatusEnum, {
  name: 'ProposalStatus',
  description: 'Where a proposal is in its handling.',
});
export const ProposerKindEnum = enumOf(PROPOSER_KINDS);
registerEnumType(ProposerKindEnum, {
  name: 'ProposerKind',
  description: 'A member, members jointly 联名, a sector 界别, a special committee, a liaison group.',
});
export const ProposalRoleEnum = enumOf(PROPOSAL_ROLES);
registerEnumType(ProposalRoleEnum, { name: 'ProposalRole', description: 'Who acts on a proposal.' });
export const NotFiledOutcomeEnum = enumOf(NOT_FILED_OUTCOMES);
registerEnumType(NotFiledOutcomeEnum, {
  name: 'NotFiledOutcome',
  description: 'converted_to_opinion 转为意见建议, rejected 不予立案.',
});
export const ReplyCategoryEnum = enumOf(REPLY_CATEGORIES);
registerEnumType(ReplyCategoryEnum, {
  name: 'ReplyCategory',
  description: '解决采纳 resolved, 正在解决 being_resolved, 列入计划 planned, 留作参考 for_reference.',
});
export const SatisfactionLevelEnum = enumOf(SATISFACTION_LEVELS);
registerEnumType(SatisfactionLevelEnum, {
  name: 'SatisfactionLevel',
  description: '满意 satisfied, 基本满意 basically_satisfied, 不满意 not_satisfied.',
});
export const ReviewDecisionEnum = enumOf(['file', 'not_file', 'merge'] as const);
registerEnumType(ReviewDecisionEnum, { name: 'CppccReviewDecision' });
export const ReassignmentDecisionEnum = enumOf(['approve', 'refuse'] as const);
registerEnumType(ReassignmentDecisionEnum, { name: 'CppccReassignmentDecision' });

@ObjectType({ description: 'A plenary meeting 全体会议 of the county CPPCC.' })
export class CppccMeeting {
  @Field()
  id!: string;
  @Field(() => Int)
  term!: number;
  @Field(() => Int)
  session!: number;
  @Field({ description: 'The first day of the meeting.' })
  opensOn!: string;
  @Field()
  closesOn!: string;
  @Field(() => LocalizedText, { description: '十届三次会议.' })
  label!: LocalizedText;

  static from(m: PlenaryMeeting): CppccMeeting {
    return Object.assign(new CppccMeeting(), {
      id: m.id,
      term: m.term,
      session: m.session,
      opensOn: m.opensOn,
      closesOn: m.closesOn,
      label: LocalizedText.from(meetingLabel(m)),
    });
  }
}

@ObjectType({ description: 'Who put a proposal: the members (the lead first) or the body.' })
export class CppccProposer {
  @Field(() => ProposerKindEnum)
  kind!: string;
  @Field(() => [String], { description: 'Member ids, the lead proposer first; empty for a body.' })
  members!: string[];
  @Field(() => String, {
    nullable: true,
    description: 'The sector, special committee or township code of a body.',
  })
  body!: string | null;

  static from(p: Proposal['proposer']): CppccProposer {
    const members = p.kind === 'member' ? [p.member] : p.kind === 'joint' ? [...p.members] : [];
    const body =
      p.kind === 'sector'
        ? p.sector
        : p.kind === 'special_committee'
          ? p.committee
          : p.kind === 'liaison_group'
            ? p.township
            : null;
    return Object.assign(new CppccProposer(), { kind: p.kind, members, body });
  }
}

@ObjectType({ description: 'Who took a step: a role of the domain and its id.' })
export class CppccProposalActor {
  @Field(() => ProposalRoleEnum)
  role!: string;
  @Field()
  id!: string;
}

const actor = (a: { role: string; id: string }) => Object.assign(new CppccProposalActor(), a);

@ObjectType({ description: 'The proposals committee’s review 审查.' })
export class CppccProposalReview {
  @Field(() => String, { description: 'filed, not_filed or merged.' })
  decision!: string;
  @Field(() => Int, { nullable: true })
  number!: number | null;
  @Field(() => NotFiledOutcomeEnum, { nullable: true })
  outcome!: string | null;
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field(() => String, { nullable: true, description: 'The proposal it was merged into.' })
  into!: string | null;
  @Field()
  on!: string;
}

@ObjectType({ description: 'A unit handling a proposal: the lead unit 主办 or a co-unit 协办.' })
export class CppccUnitAssignment {
  @Field()
  unit!: string;
  @Field(() => String, { description: 'lead or co.' })
  role!: string;
  @Field()
  assignedOn!: string;
  @Field()
  dueOn!: string;
  @Field({ description: 'Counted over a year the working-day calendar does not list yet.' })
  dueOnProvisional!: boolean;
}

@ObjectType({ description: 'A unit’s request to be relieved 申请调整, and its decision.' })
export class CppccReassignment {
  @Field()
  unit!: string;
  @Field()
  reason!: string;
  @Field()
  requestedOn!: string;
  @Field(() => Boolean, { nullable: true, description: 'null while pending.' })
  approved!: boolean | null;
  @Field(() => String, { nullable: true })
  to!: string | null;
  @Field(() => String, { nullable: true })
  refusalReason!: string | null;
  @Field(() => String, { nullable: true })
  decidedOn!: string | null;
}

@ObjectType({ description: 'A co-unit’s opinion 协办意见.' })
export class CppccCoOpinion {
  @Field()
  unit!: string;
  @Field(() => Int)
  round!: number;
  @Field()
  text!: string;
  @Field()
  on!: string;
  @Field()
  dueOn!: string;
  @Field()
  late!: boolean;
}

@ObjectType({ description: 'The lead unit’s reply 答复.' })
export class CppccProposalReply {
  @Field()
  unit!: string;
  @Field(() => ReplyCategoryEnum)
  category!: string;
  @Field()
  text!: string;
  @Field()
  on!: string;
  @Field(() => Int, { description: 'Working days after the due day (0 when on time).' })
  overdueWorkingDays!: number;
  @Field()
  late!: boolean;
}

@ObjectType({ description: 'The proposer’s rating 征询意见 of a reply.' })
export class CppccProposalRating {
  @Field(() => SatisfactionLevelEnum)
  level!: string;
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field()
  on!: string;
}

@ObjectType({ description: 'A round of handling: 1 from assignment, 2 the second handling 再次办理.' })
export class CppccHandlingRound {
  @Field(() => Int)
  round!: number;
  @Field()
  startedOn!: string;
  @Field()
  dueOn!: string;
  @Field()
  dueOnProvisional!: boolean;
  @Field(() => CppccProposalReply, { nullable: true })
  reply!: CppccProposalReply | null;
  @Field(() => CppccProposalRating, { nullable: true })
  rating!: CppccProposalRating | null;
}

@ObjectType({ description: 'A supervision record 督办记录 of a key proposal.' })
export class CppccSupervision {
  @Field()
  summary!: string;
  @Field()
  on!: string;
  @Field()
  by!: string;
}

/** The typed fields of a trail step: each step sets its own, the others are null. */
interface EventFields {
  number: number | null;
  outcome: NotFiledOutcome | null;
  into: string | null;
  absorbedProposal: string | null;
  lead: string | null;
  coUnits: string[] | null;
  unit: string | null;
  approved: boolean | null;
  to: string | null;
  round: number | null;
  category: ReplyCategory | null;
  late: boolean | null;
  level: SatisfactionLevel | null;
  dueOn: string | null;
  rated: boolean | null;
  supervisor: string | null;
}

const NO_FIELDS: EventFields = {
  number: null,
  outcome: null,
  into: null,
  absorbedProposal: null,
  lead: null,
  coUnits: null,
  unit: null,
  approved: null,
  to: null,
  round: null,
  category: null,
  late: null,
  level: null,
  dueOn: null,
  rated: null,
  supervisor: null,
};

/** A step's own fields, by its type: the compiler lists every type of the domain's trail. */
function fieldsOf(e: ProposalEvent): Partial<EventFields> {
  switch (e.type) {
    case 'submitted':
    case 'supervised':
      return {};
    case 'filed':
      return { number: e.number };
    case 'not_filed':
      return { outcome: e.outcome };
    case 'merged':
      return { into: e.into };
    case 'absorbed':
      return { absorbedProposal: e.proposal };
    case 'assigned':
      return { lead: e.lead, coUnits: [...e.coUnits] };
    case 'reassignment_requested':
    case 'co_opinion':
      return { unit: e.unit };
    case 'reassignment_decided':
      return { unit: e.unit, approved: e.approved, to: e.to };
    case 'replied':
      return { round: e.round, category: e.category, late: e.late };
    case 'rated':
      return { round: e.round, level: e.level };
    case 'second_handling':
      return { dueOn: e.dueOn };
    case 'closed':
      return { rated: e.rated };
    case 'designated_key':
      return { supervisor: e.supervisor };
    default:
      return unreachable(e, 'proposal event');
  }
}

@ObjectType({
  description:
    'One step of a proposal’s trail. Each type sets its own fields, the others are null: filed `number`; not_filed `outcome`; merged `into`; absorbed `absorbedProposal`; assigned `lead`, `coUnits`; reassignment_requested and co_opinion `unit`; reassignment_decided `unit`, `approved`, `to`; replied `round`, `category`, `late`; rated `round`, `level`; second_handling `dueOn`; closed `rated`; designated_key `supervisor`.',
})
export class CppccProposalEvent implements EventFields {
  @Field(() => Int)
  seq!: number;
  @Field({
    description:
      'submitted, filed, not_filed, merged, absorbed, assigned, reassignment_requested, reassignment_decided, co_opinion, replied, rated, second_handling, closed, designated_key, supervised.',
  })
  type!: string;
  @Field()
  on!: string;
  @Field(() => CppccProposalActor)
  by!: CppccProposalActor;
  @Field(() => Int, { nullable: true, description: 'filed: the number 案号 given.' })
  number!: number | null;
  @Field(() => NotFiledOutcomeEnum, { nullable: true, description: 'not_filed: what became of it.' })
  outcome!: NotFiledOutcome | null;
  @Field(() => String, { nullable: true, description: 'merged: the proposal it was merged into.' })
  into!: string | null;
  @Field(() => String, { nullable: true, description: 'absorbed: the proposal merged into this one.' })
  absorbedProposal!: string | null;
  @Field(() => String, { nullable: true, description: 'assigned: the lead unit.' })
  lead!: string | null;
  @Field(() => [String], { nullable: true, description: 'assigned: the co-units.' })
  coUnits!: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'reassignment_requested, reassignment_decided, co_opinion: the unit.',
  })
  unit!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'reassignment_decided: approved or refused.' })
  approved!: boolean | null;
  @Field(() => String, { nullable: true, description: 'reassignment_decided: the unit that took over.' })
  to!: string | null;
  @Field(() => Int, { nullable: true, description: 'replied, rated: the handling round (1, then 2).' })
  round!: number | null;
  @Field(() => ReplyCategoryEnum, { nullable: true, description: 'replied: the reply’s category.' })
  category!: ReplyCategory | null;
  @Field(() => Boolean, { nullable: true, description: 'replied: after the due day.' })
  late!: boolean | null;
  @Field(() => SatisfactionLevelEnum, { nullable: true, description: 'rated: the proposer’s opinion.' })
  level!: SatisfactionLevel | null;
  @Field(() => String, { nullable: true, description: 'second_handling: the new due day.' })
  dueOn!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'closed: whether the last reply was rated.' })
  rated!: boolean | null;
  @Field(() => String, { nullable: true, description: 'designated_key: the chair who follows it.' })
  supervisor!: string | null;
  @Field({
    description: 'The step’s own fields as a JSON object, as before the typed fields.',
    deprecationReason: 'Use the typed fields (number, unit, category, level, …).',
  })
  details!: string;

  static from(seq: number, e: ProposalEvent): CppccProposalEvent {
    const { type, on, by, ...rest } = e;
    return Object.assign(new CppccProposalEvent(), {
      seq,
      type,
      on,
      by: actor(by),
      ...NO_FIELDS,
      ...fieldsOf(e),
      details: JSON.stringify(rest),
    });
  }
}

@ObjectType({ description: 'A proposal 提案 of a plenary meeting, from submission to closing.' })
export class CppccProposal {
  @Field()
  meeting!: string;
  @Field()
  id!: string;
  @Field(() => Int, { nullable: true, description: 'The filing number 案号, per meeting; null until filed.' })
  number!: number | null;
  @Field(() => ProposalStatusEnum)
  status!: string;
  @Field(() => LocalizedText)
  statusName!: LocalizedText;
  @Field(() => CppccProposer)
  proposer!: CppccProposer;
  @Field()
  title!: string;
  @Field()
  reasons!: string;
  @Field()
  suggestions!: string;
  @Field()
  subjectArea!: string;
  @Field()
  submittedOn!: string;
  @Field(() => CppccProposalActor)
  submittedBy!: CppccProposalActor;
  @Field(() => CppccProposalReview, { nullable: true })
  review!: CppccProposalReview | null;
  @Field(() => [String], { description: 'Proposals merged into this one 并案.' })
  mergedFrom!: string[];
  @Field(() => [CppccUnitAssignment], { description: 'Units now handling it, the lead first.' })
  units!: CppccUnitAssignment[];
  @Field(() => [CppccReassignment])
  reassignments!: CppccReassignment[];
  @Field(() => [CppccCoOpinion])
  coOpinions!: CppccCoOpinion[];
  @Field(() => [CppccHandlingRound])
  rounds!: CppccHandlingRound[];
  @Field(() => String, {
    nullable: true,
    description: 'The chair following it, when a key proposal 重点提案.',
  })
  keySupervisor!: string | null;
  @Field(() => [CppccSupervision])
  supervision!: CppccSupervision[];
  @Field(() => String, { nullable: true })
  closedOn!: string | null;
  @Field(() => [CppccProposalEvent], { description: 'The trail, oldest first.' })
  trail!: CppccProposalEvent[];

  static from(p: Proposal): CppccProposal {
    const r = p.review;
    return Object.assign(new CppccProposal(), {
      meeting: p.meeting,
      id: p.id,
      number: p.number,
      status: p.status,
      statusName: LocalizedText.from(PROPOSAL_STATUS_LABELS[p.status]),
      proposer: CppccProposer.from(p.proposer),
      title: p.title,
      reasons: p.reasons,
      suggestions: p.suggestions,
      subjectArea: p.subjectArea,
      submittedOn: p.submittedOn,
      submittedBy: actor(p.submittedBy),
      review:
        r === null
          ? null
          : Object.assign(new CppccProposalReview(), {
              decision: r.decision,
              number: r.decision === 'filed' ? r.number : null,
              outcome: r.decision === 'not_filed' ? r.outcome : null,
              reason: r.decision === 'not_filed' ? r.reason : null,
              into: r.decision === 'merged' ? r.into : null,
              on: r.on,
            }),
      mergedFrom: [...p.mergedFrom],
      units: p.units.map((u) => Object.assign(new CppccUnitAssignment(), u)),
      reassignments: p.reassignments.map((q) =>
        Object.assign(new CppccReassignment(), {
          unit: q.unit,
          reason: q.reason,
          requestedOn: q.requestedOn,
          approved: q.decision?.approved ?? null,
          to: q.decision?.approved === true ? q.decision.to : null,
          refusalReason: q.decision?.approved === false ? q.decision.reason : null,
          decidedOn: q.decision?.on ?? null,
        }),
      ),
      coOpinions: p.coOpinions.map((o) => Object.assign(new CppccCoOpinion(), o)),
      rounds: p.rounds.map((h) =>
        Object.assign(new CppccHandlingRound(), {
          round: h.round,
          startedOn: h.startedOn,
          dueOn: h.dueOn,
          dueOnProvisional: h.dueOnProvisional,
          reply:
            h.reply === null
              ? null
              : Object.assign(new CppccProposalReply(), {
                  unit: h.reply.unit,
                  category: h.reply.category,
                  text: h.reply.text,
                  on: h.reply.on,
                  overdueWorkingDays: h.reply.overdueWorkingDays,
                  late: h.reply.late,
                }),
          rating:
            h.rating === null
              ? null
              : Object.assign(new CppccProposalRating(), {
                  level: h.rating.level,
                  reason: h.rating.reason,
                  on: h.rating.on,
                }),
        }),
      ),
      keySupervisor: p.key?.supervisor ?? null,
      supervision: p.supervision.map((s) =>
        Object.assign(new CppccSupervision(), { summary: s.summary, on: s.on, by: s.by.id }),
      ),
      closedOn: p.closedOn,
      trail: p.events.map((e, i) => CppccProposalEvent.from(i, e)),
    });
  }
}

@ObjectType({ description: 'What an act did: the proposal after it and the book’s new version.' })
export class CppccProposalActResult {
  @Field(() => CppccProposal)
  proposal!: CppccProposal;
  @Field(() => Int, { description: 'The meeting book’s version: pass it back as expectedVersion.' })
  version!: number;
  @Field({
    description: 'True when this idempotency key was stored with the same act before: nothing written.',
  })
  duplicate!: boolean;
}

@ObjectType({ description: 'The proposals of a meeting the caller may see.' })
export class CppccProposalBook {
  @Field(() => CppccMeeting)
  meeting!: CppccMeeting;
  @Field(() => Int, { description: 'The book’s version, for expectedVersion.' })
  version!: number;
  @Field(() => Int)
  lastNumber!: number;
  @Field(() => [CppccProposal])
  proposals!: CppccProposal[];
}

/** Naming the body to act as: a role, and for a unit its code. */
@InputType({
  description: 'Who to act as; without it the first role the act allows that the caller may take.',
})
export class CppccActingAsInput {
  @Field(() => ProposalRoleEnum, { nullable: true })
  role?: string | null;
  @Field(() => String, { nullable: true, description: 'A unit’s code, when the office acts for a unit.' })
  unit?: string | null;
}
