import {
  COMMUNICATION_COUNTERPART_LABELS,
  CONSULTATION_STAGE_LABELS,
  type ConsultationRules,
  RESEARCH_METHOD_LABELS,
} from '@jiceng/domain';
import type { JournalEntry, StoredConsultation } from '@jiceng/persistence';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { ConsultationStatusEnum, OriginationPathEnum } from './enums.js';
import { ConsultationGroupComposition, ConsultationGroupMember } from './group-types.js';
import { ConsultationAdoption } from './outcome-types.js';
import {
  ConsultationCommunication,
  ConsultationEventView,
  ConsultationMeetingView,
  ConsultationPlanView,
  ConsultationProposalItem,
  ConsultationProposalView,
  ConsultationResearch,
} from './stage-types.js';
import { ConsultationTopic, OriginationRecordView } from './topic-types.js';
import { ConsultationActor } from './types.js';

/** The GraphQL view of one consultation, read from its stored state and journal, and its activity. */

@ObjectType('Consultation', {
  description: 'One consultation 协商 of an established topic, from pre-consultation to implementation.',
})
export class ConsultationView {
  @Field()
  id!: string;

  @Field()
  township!: string;

  @Field(() => Int, { description: 'The topic’s year.' })
  year!: number;

  @Field(() => ConsultationStatusEnum)
  status!: string;

  @Field(() => LocalizedText)
  statusName!: LocalizedText;

  @Field({ description: 'The rule profile its acts are checked under.' })
  profileId!: string;

  @Field(() => Int, { description: 'Pass it back as expectedVersion to refuse a stale write.' })
  version!: number;

  @Field(() => ConsultationTopic)
  topic!: ConsultationTopic;

  @Field(() => OriginationPathEnum)
  originationPath!: string;

  @Field(() => [OriginationRecordView], { description: 'How the topic was proposed and decided.' })
  originationSteps!: OriginationRecordView[];

  @Field(() => [ConsultationGroupMember], { description: 'The consultation group 协商小组.' })
  groupMembers!: ConsultationGroupMember[];

  @Field(() => ConsultationGroupComposition)
  groupComposition!: ConsultationGroupComposition;

  @Field(() => [ConsultationCommunication])
  communications!: ConsultationCommunication[];

  @Field(() => ConsultationPlanView, { nullable: true })
  plan!: ConsultationPlanView | null;

  @Field(() => [ConsultationResearch])
  research!: ConsultationResearch[];

  @Field(() => ConsultationMeetingView, { nullable: true })
  meeting!: ConsultationMeetingView | null;

  @Field(() => ConsultationProposalView, { nullable: true })
  proposal!: ConsultationProposalView | null;

  @Field(() => [ConsultationAdoption])
  adoptions!: ConsultationAdoption[];

  /** The stored record, for the field resolvers. */
  stored!: StoredConsultation;
  /** The profile's rules in force today. */
  rules!: ConsultationRules;

  static from(
    stored: StoredConsultation,
    rules: ConsultationRules,
    groupComposition: ConsultationGroupComposition,
  ) {
    const c = stored.consultation;
    const plan = c.plan;
    const meeting = c.meeting;
    const proposal = c.proposal;
    return Object.assign(new ConsultationView(), {
      id: c.id,
      township: c.topic.township,
      year: c.topic.year,
      status: c.status,
      statusName: LocalizedText.from(CONSULTATION_STAGE_LABELS[c.status]),
      profileId: stored.profileId,
      version: stored.version,
      topic: ConsultationTopic.from(c.topic, rules),
      originationPath: c.origination.path,
      originationSteps: c.origination.steps.map(OriginationRecordView.from),
      groupMembers: c.group.members.map(ConsultationGroupMember.from),
      groupComposition,
      communications: c.communications.map((m) =>
        Object.assign(new ConsultationCommunication(), {
          counterpart: m.counterpart,
          label: LocalizedText.from(COMMUNICATION_COUNTERPART_LABELS[m.counterpart]),
          summary: m.summary,
          on: m.on,
          by: ConsultationActor.from(m.by),
        }),
      ),
      plan:
        plan === null
          ? null
          : Object.assign(new ConsultationPlanView(), {
              summary: plan.plan.summary,
              objectives: [...plan.plan.objectives],
              researchMethods: [...plan.plan.researchMethods],
              plannedMeetingOn: plan.plan.plannedMeetingOn ?? null,
              status: plan.status,
              draftedOn: plan.draftedOn,
              draftedBy: ConsultationActor.from(plan.draftedBy),
              decidedOn: plan.decidedOn ?? null,
              decidedBy: plan.decidedBy === undefined ? null : ConsultationActor.from(plan.decidedBy),
              note: plan.note ?? null,
            }),
      research: c.research.map((r) =>
        Object.assign(new ConsultationResearch(), {
          method: r.method,
          label: LocalizedText.from(RESEARCH_METHOD_LABELS[r.method]),
          summary: r.summary,
          residentsHeard: r.residentsHeard,
          on: r.on,
          by: ConsultationActor.from(r.by),
        }),
      ),
      meeting:
        meeting === null
          ? null
          : Object.assign(new ConsultationMeetingView(), {
              heldOn: meeting.heldOn,
              noticeOn: meeting.noticeOn,
              attendees: [...meeting.attendees],
              attended: new Set(meeting.attendees).size,
              quorum: meeting.quorum,
              opinions: [...meeting.opinions],
              by: ConsultationActor.from(meeting.by),
            }),
      proposal:
        proposal === null
          ? null
          : Object.assign(new ConsultationProposalView(), {
              title: proposal.title,
              items: proposal.items.map((i) => Object.assign(new ConsultationProposalItem(), i)),
              submittedOn: proposal.submittedOn,
              submittedBy: ConsultationActor.from(proposal.submittedBy),
            }),
      adoptions: c.adoptions.map(ConsultationAdoption.from),
      stored,
      rules,
    });
  }
}

@ObjectType('ConsultationActivity', { description: 'One entry of the consultation journal of a scope.' })
export class ConsultationActivity {
  @Field()
  consultationId!: string;

  @Field()
  township!: string;

  @Field(() => Int, { description: 'The event’s number within its consultation, from 0.' })
  seq!: number;

  @Field(() => ConsultationEventView)
  event!: ConsultationEventView;

  static from(e: JournalEntry): ConsultationActivity {
    return Object.assign(new ConsultationActivity(), {
      consultationId: e.consultationId,
      township: e.township,
      seq: e.seq,
      event: ConsultationEventView.from(e.event),
    });
  }
}
