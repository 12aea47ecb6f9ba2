import {
  CONSULTATION_STAGE_LABELS,
  type ConsultationEvent as DomainEvent,
  type ConsultationTimeline as DomainTimeline,
  type StageGate,
} from '@jiceng/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import {
  AdoptionDecisionEnum,
  CommunicationCounterpartEnum,
  ConsultationEventTypeEnum,
  ConsultationStageEnum,
  PlanStatusEnum,
  ProposalAddresseeEnum,
  ResearchMethodEnum,
} from './enums.js';
import { ConsultationActor, ConsultationIssue } from './types.js';

/**
 * GraphQL types of the five stages of a consultation (communication, plan, research, meeting,
 * proposal), their gates, the journal of events and the timeline read from it.
 */

@ObjectType({ description: 'One pre-consultation communication 商前沟通.' })
export class ConsultationCommunication {
  @Field(() => CommunicationCounterpartEnum)
  counterpart!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  summary!: string;

  @Field()
  on!: string;

  @Field(() => ConsultationActor)
  by!: ConsultationActor;
}

@ObjectType('ConsultationPlan', { description: 'The consultation plan 协商方案 and its decision.' })
export class ConsultationPlanView {
  @Field()
  summary!: string;

  @Field(() => [String])
  objectives!: string[];

  @Field(() => [ResearchMethodEnum])
  researchMethods!: string[];

  @Field(() => String, { nullable: true })
  plannedMeetingOn!: string | null;

  @Field(() => PlanStatusEnum)
  status!: string;

  @Field()
  draftedOn!: string;

  @Field(() => ConsultationActor)
  draftedBy!: ConsultationActor;

  @Field(() => String, { nullable: true })
  decidedOn!: string | null;

  @Field(() => ConsultationActor, { nullable: true })
  decidedBy!: ConsultationActor | null;

  @Field(() => String, { nullable: true, description: 'The approver’s note, or why it was returned.' })
  note!: string | null;
}

@ObjectType({ description: 'One research activity 调查研究.' })
export class ConsultationResearch {
  @Field(() => ResearchMethodEnum)
  method!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  summary!: string;

  @Field(() => Int)
  residentsHeard!: number;

  @Field()
  on!: string;

  @Field(() => ConsultationActor)
  by!: ConsultationActor;
}

@ObjectType('ConsultationMeeting', { description: 'The consultation meeting 协商会议 as held.' })
export class ConsultationMeetingView {
  @Field()
  heldOn!: string;

  @Field()
  noticeOn!: string;

  @Field(() => [String], { description: 'Ids of the group members present.' })
  attendees!: string[];

  @Field(() => Int)
  attended!: number;

  @Field(() => Int)
  quorum!: number;

  @Field(() => [String])
  opinions!: string[];

  @Field(() => ConsultationActor)
  by!: ConsultationActor;
}

@ObjectType({ description: 'One item of the consultation proposal.' })
export class ConsultationProposalItem {
  @Field()
  id!: string;

  @Field()
  text!: string;

  @Field(() => ProposalAddresseeEnum)
  addressedTo!: string;
}

@ObjectType('ConsultationProposal', { description: 'The consultation proposal 协商建议书.' })
export class ConsultationProposalView {
  @Field()
  title!: string;

  @Field(() => [ConsultationProposalItem])
  items!: ConsultationProposalItem[];

  @Field()
  submittedOn!: string;

  @Field(() => ConsultationActor)
  submittedBy!: ConsultationActor;
}

@ObjectType({ description: 'The gate between two stages: passed, or the issues that hold it shut.' })
export class ConsultationStageGate {
  @Field(() => ConsultationStageEnum)
  from!: string;

  @Field(() => ConsultationStageEnum)
  to!: string;

  @Field()
  passed!: boolean;

  @Field(() => [ConsultationIssue])
  issues!: ConsultationIssue[];

  static from(g: StageGate): ConsultationStageGate {
    return Object.assign(new ConsultationStageGate(), {
      from: g.from,
      to: g.to,
      passed: g.passed,
      issues: g.issues.map(ConsultationIssue.from),
    });
  }
}

@ObjectType('ConsultationEvent', { description: 'One entry of a consultation’s timeline.' })
export class ConsultationEventView {
  @Field(() => ConsultationEventTypeEnum)
  type!: string;

  @Field()
  on!: string;

  @Field(() => ConsultationActor)
  by!: ConsultationActor;

  @Field(() => ConsultationStageEnum, { nullable: true })
  stage!: string | null;

  @Field(() => CommunicationCounterpartEnum, { nullable: true })
  counterpart!: string | null;

  @Field(() => ResearchMethodEnum, { nullable: true })
  method!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Int, { nullable: true })
  attended!: number | null;

  @Field(() => Int, { nullable: true })
  quorum!: number | null;

  @Field(() => Int, { nullable: true, description: 'Items of the proposal, for report_submitted.' })
  items!: number | null;

  @Field(() => String, { nullable: true })
  itemId!: string | null;

  @Field(() => AdoptionDecisionEnum, { nullable: true })
  decision!: string | null;

  @Field(() => String, { nullable: true })
  taskId!: string | null;

  @Field(() => Float, { nullable: true })
  progress!: number | null;

  static from(e: DomainEvent): ConsultationEventView {
    const pick = <K extends string>(key: K): unknown => (key in e ? (e as Record<K, unknown>)[key] : null);
    return Object.assign(new ConsultationEventView(), {
      type: e.type,
      on: e.on,
      by: ConsultationActor.from(e.by),
      stage: pick('stage'),
      counterpart: pick('counterpart'),
      method: pick('method'),
      reason: pick('reason'),
      attended: pick('attended'),
      quorum: pick('quorum'),
      items: pick('items'),
      itemId: pick('itemId'),
      decision: pick('decision'),
      taskId: pick('taskId'),
      progress: pick('progress'),
    });
  }
}

@ObjectType({ description: 'When a stage began and ended.' })
export class ConsultationTimelineStage {
  @Field(() => ConsultationStageEnum)
  stage!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field(() => String, { nullable: true })
  enteredOn!: string | null;

  @Field(() => ConsultationActor, { nullable: true })
  enteredBy!: ConsultationActor | null;

  @Field(() => String, { nullable: true })
  leftOn!: string | null;

  @Field(() => Int, { nullable: true })
  days!: number | null;
}

@ObjectType('ConsultationTimeline', {
  description: 'A consultation’s timeline: the stages’ dates, every event, the report’s due day.',
})
export class ConsultationTimelineView {
  @Field(() => [ConsultationTimelineStage])
  stages!: ConsultationTimelineStage[];

  @Field(() => [ConsultationEventView])
  events!: ConsultationEventView[];

  @Field(() => String, { nullable: true, description: 'Meeting day + the profile’s reportWithinDays.' })
  reportDueOn!: string | null;

  @Field(() => String, { nullable: true })
  reportedOn!: string | null;

  @Field()
  reportLate!: boolean;

  static from(t: DomainTimeline): ConsultationTimelineView {
    return Object.assign(new ConsultationTimelineView(), {
      stages: t.stages.map((s) =>
        Object.assign(new ConsultationTimelineStage(), {
          stage: s.stage,
          label: LocalizedText.from(CONSULTATION_STAGE_LABELS[s.stage]),
          enteredOn: s.enteredOn,
          enteredBy: s.enteredBy === null ? null : ConsultationActor.from(s.enteredBy),
          leftOn: s.leftOn,
          days: s.days,
        }),
      ),
      events: t.events.map(ConsultationEventView.from),
      reportDueOn: t.reportDueOn,
      reportedOn: t.reportedOn,
      reportLate: t.reportLate,
    });
  }
}
