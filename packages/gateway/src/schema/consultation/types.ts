import {
  type Actor,
  ADOPTION_DECISION_LABELS,
  type Candidate,
  CONSULTATION_ROLE_LABELS,
  CONSULTATION_STAGE_LABELS,
  type ConsultationRules,
  type FiveHavesChecklist as DomainChecklist,
  type GroupComposition as DomainComposition,
  type ConsultationEvent as DomainEvent,
  type ConsultationTimeline as DomainTimeline,
  type Evidence,
  type FiledMinutes,
  type Issue,
  type ItemAdoption,
  type ItemReport,
  ORIGINATION_STEP_LABELS,
  type Origination,
  type OriginationRecord,
  PARTICIPANT_CATEGORY_LABELS,
  type StageGate,
  type TaskReport,
  type Topic,
  type TopicDraft,
  type TownshipFilingCount,
} from '@jiceng/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import {
  AdoptionDecisionEnum,
  CandidateKindEnum,
  CommunicationCounterpartEnum,
  ConsultationEventTypeEnum,
  ConsultationRoleEnum,
  ConsultationStageEnum,
  FiveHaveEnum,
  ImplementationStatusEnum,
  OriginationPathEnum,
  OriginationStatusEnum,
  OriginationStepEnum,
  ParticipantCategoryEnum,
  PlanStatusEnum,
  ProposalAddresseeEnum,
  ResearchMethodEnum,
  TopicFormKindEnum,
} from './enums.js';

/** GraphQL types of the consultation area, each mapped from domain data by `from`. */

@ObjectType({ description: 'Someone acting for a body of the township.' })
export class ConsultationActor {
  @Field({ description: 'The id of the person (the token subject of who recorded it).' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => ConsultationRoleEnum)
  role!: Actor['role'];

  @Field(() => LocalizedText)
  roleName!: LocalizedText;

  static from(actor: Actor): ConsultationActor {
    return Object.assign(new ConsultationActor(), {
      id: actor.id,
      name: actor.name,
      role: actor.role,
      roleName: LocalizedText.from(CONSULTATION_ROLE_LABELS[actor.role]),
    });
  }
}

@ObjectType({ description: 'A document, photo or record that shows something was done.' })
export class ConsultationEvidence {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Where it is kept (an archive number, a file id).' })
  reference!: string | null;

  @Field(() => String, { nullable: true })
  on!: string | null;

  static from(e: Evidence): ConsultationEvidence {
    return Object.assign(new ConsultationEvidence(), {
      title: e.title,
      reference: e.reference ?? null,
      on: e.on ?? null,
    });
  }
}

@ObjectType({ description: 'A rule finding: a stable code, where, and a message in both languages.' })
export class ConsultationIssue {
  @Field()
  code!: string;

  @Field(() => [String])
  path!: string[];

  @Field(() => LocalizedText)
  message!: LocalizedText;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The facts behind the finding, as data.' })
  details!: Record<string, unknown> | null;

  static from(i: Issue): ConsultationIssue {
    return Object.assign(new ConsultationIssue(), {
      code: i.code,
      path: i.path.map(String),
      message: LocalizedText.from(i.message),
      details: (i.details as Record<string, unknown> | undefined) ?? null,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Topics and their origination

/** The name of a topic's kind in the profile: a thematic topic kind or a routine item kind. */
function kindName(draft: TopicDraft, rules: ConsultationRules): LocalizedText {
  const form = draft.form;
  const found =
    form.kind === 'thematic'
      ? rules.thematic.topicKinds.find((k) => k.code === form.topicKind)?.name
      : rules.routine.requiredItemKinds.find((k) => k.code === form.itemKind)?.name;
  return LocalizedText.from(
    found ??
      (form.kind === 'thematic'
        ? { zh: '专题协商', en: 'thematic consultation' }
        : { zh: '例行协商', en: 'routine consultation' }),
  );
}

@ObjectType({ description: 'A topic as drafted.' })
export class ConsultationTopicDraft {
  @Field()
  title!: string;

  @Field(() => TopicFormKindEnum)
  form!: 'routine' | 'thematic';

  @Field({ description: 'The thematic topic kind, or the routine item kind, as the profile codes it.' })
  kind!: string;

  @Field(() => LocalizedText)
  kindName!: LocalizedText;

  @Field(() => String, { nullable: true, description: 'For a routine topic: the decision it is about.' })
  decisionId!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [String], { description: 'Projects, sites or enterprises the topic concerns.' })
  subjects!: string[];

  static fill<T extends ConsultationTopicDraft>(target: T, draft: TopicDraft, rules: ConsultationRules): T {
    return Object.assign(target, {
      title: draft.title,
      form: draft.form.kind,
      kind: draft.form.kind === 'thematic' ? draft.form.topicKind : draft.form.itemKind,
      kindName: kindName(draft, rules),
      decisionId: draft.form.kind === 'routine' ? draft.form.decisionId : null,
      tags: [...(draft.tags ?? [])],
      subjects: [...(draft.subjects ?? [])],
    });
  }

  static from(draft: TopicDraft, rules: ConsultationRules): ConsultationTopicDraft {
    return ConsultationTopicDraft.fill(new ConsultationTopicDraft(), draft, rules);
  }
}

@ObjectType({ description: 'An established topic 协商议题.' })
export class ConsultationTopic extends ConsultationTopicDraft {
  @Field()
  id!: string;

  @Field()
  township!: string;

  @Field(() => Int, { description: 'The year it was established in; thematic topics count per year.' })
  year!: number;

  @Field()
  establishedOn!: string;

  static override from(topic: Topic, rules: ConsultationRules): ConsultationTopic {
    return Object.assign(ConsultationTopicDraft.fill(new ConsultationTopic(), topic, rules), {
      id: topic.id,
      township: topic.township,
      year: topic.year,
      establishedOn: topic.establishedOn,
    });
  }
}

@ObjectType('OriginationStepRecord', {
  description: 'One recorded step of a topic’s origination: who, with whom, when.',
})
export class OriginationRecordView {
  @Field(() => OriginationStepEnum)
  step!: OriginationRecord['step'];

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  on!: string;

  @Field(() => ConsultationActor)
  by!: ConsultationActor;

  @Field(() => [ConsultationActor])
  with!: ConsultationActor[];

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int, { nullable: true })
  opinionsReceived!: number | null;

  @Field(() => String, { nullable: true, description: 'approved or rejected, for committee_decided.' })
  decision!: string | null;

  static from(r: OriginationRecord): OriginationRecordView {
    return Object.assign(new OriginationRecordView(), {
      step: r.step,
      label: LocalizedText.from(ORIGINATION_STEP_LABELS[r.step]),
      on: r.on,
      by: ConsultationActor.from(r.by),
      with: r.with.map(ConsultationActor.from),
      note: r.note ?? null,
      opinionsReceived: r.opinionsReceived ?? null,
      decision: r.decision ?? null,
    });
  }
}

@ObjectType('TopicOrigination', { description: 'A topic’s origination 议题提出 on one of the two paths.' })
export class TopicOriginationView {
  @Field()
  topicId!: string;

  @Field()
  township!: string;

  @Field(() => OriginationPathEnum)
  path!: Origination['path'];

  @Field(() => OriginationStatusEnum)
  status!: Origination['status'];

  @Field(() => OriginationStepEnum, {
    nullable: true,
    description: 'The step expected next; null once decided.',
  })
  nextStep!: string | null;

  @Field(() => ConsultationTopicDraft, { nullable: true })
  draft!: ConsultationTopicDraft | null;

  @Field(() => String, { nullable: true, description: 'The plan outline drafted with the topic (path b).' })
  planOutline!: string | null;

  @Field(() => [OriginationRecordView])
  steps!: OriginationRecordView[];

  @Field(() => ConsultationTopic, { nullable: true, description: 'Set once established.' })
  topic!: ConsultationTopic | null;

  @Field(() => String, { nullable: true, description: 'The consultation of the topic, once started.' })
  consultationId!: string | null;

  @Field({ description: 'The rule profile its acts are checked under.' })
  profileId!: string;

  @Field(() => Int, { description: 'Pass it back as expectedVersion to refuse a stale write.' })
  version!: number;

  static from(
    stored: { origination: Origination; profileId: string; consultationId: string | null; version: number },
    rules: ConsultationRules,
    nextStep: string | null,
  ): TopicOriginationView {
    const o = stored.origination;
    return Object.assign(new TopicOriginationView(), {
      topicId: o.topicId,
      township: o.township,
      path: o.path,
      status: o.status,
      nextStep,
      draft: o.draft === null ? null : ConsultationTopicDraft.from(o.draft, rules),
      planOutline: o.planOutline,
      steps: o.steps.map(OriginationRecordView.from),
      topic: o.topic === null ? null : ConsultationTopic.from(o.topic, rules),
      consultationId: stored.consultationId,
      profileId: stored.profileId,
      version: stored.version,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Groups

@ObjectType({ description: 'A declared interest of a person in a subject.' })
export class ConsultationInterest {
  @Field()
  kind!: string;

  @Field()
  subject!: string;
}

@ObjectType({ description: 'A member (or candidate) of a consultation group.' })
export class ConsultationGroupMember {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field(() => CandidateKindEnum)
  kind!: Candidate['kind'];

  @Field(() => ParticipantCategoryEnum, { nullable: true, description: 'For an invited member.' })
  category!: string | null;

  @Field(() => LocalizedText, { description: 'CPPCC member (fixed), or the invited category.' })
  categoryName!: LocalizedText;

  @Field(() => String, { nullable: true })
  township!: string | null;

  @Field(() => String, { nullable: true, description: 'The CPPCC sector of a fixed member.' })
  sector!: string | null;

  @Field(() => [String])
  expertise!: string[];

  @Field(() => [ConsultationInterest])
  interests!: ConsultationInterest[];

  static from(c: Candidate): ConsultationGroupMember {
    return Object.assign(new ConsultationGroupMember(), {
      id: c.id,
      name: c.name,
      kind: c.kind,
      category: c.kind === 'invited' ? c.category : null,
      categoryName: LocalizedText.from(
        c.kind === 'fixed'
          ? { zh: '政协委员（固定成员）', en: 'CPPCC member (fixed member)' }
          : PARTICIPANT_CATEGORY_LABELS[c.category],
      ),
      township: c.township ?? null,
      sector: c.kind === 'fixed' ? (c.sector ?? null) : null,
      expertise: [...(c.expertise ?? [])],
      interests: (c.interests ?? []).map((i) => Object.assign(new ConsultationInterest(), i)),
    });
  }
}

@ObjectType({ description: 'Who is in a group, by kind and category.' })
export class ConsultationGroupComposition {
  @Field(() => Int)
  size!: number;

  @Field(() => Int)
  fixed!: number;

  @Field(() => Int)
  invited!: number;

  @Field(() => Float)
  fixedShare!: number;

  @Field(() => [ParticipantCategoryEnum])
  invitedCategories!: string[];

  static from(c: DomainComposition): ConsultationGroupComposition {
    return Object.assign(new ConsultationGroupComposition(), {
      ...c,
      invitedCategories: [...c.invitedCategories],
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The stages

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

// ---------------------------------------------------------------------------------------------
// Outcomes

@ObjectType({ description: 'The decision on one proposal item.' })
export class ConsultationAdoption {
  @Field()
  itemId!: string;

  @Field(() => AdoptionDecisionEnum)
  decision!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  on!: string;

  @Field(() => ConsultationActor)
  by!: ConsultationActor;

  static from(a: ItemAdoption): ConsultationAdoption {
    return Object.assign(new ConsultationAdoption(), {
      itemId: a.itemId,
      decision: a.decision,
      label: LocalizedText.from(ADOPTION_DECISION_LABELS[a.decision]),
      reason: a.reason ?? null,
      on: a.on,
      by: ConsultationActor.from(a.by),
    });
  }
}

@ObjectType({ description: 'A task of an implementation plan, its progress rolled up from its sub-tasks.' })
export class ConsultationTaskReport {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float, { description: '0–100.' })
  progress!: number;

  @Field(() => ImplementationStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => String, { nullable: true })
  startedOn!: string | null;

  @Field(() => String, { nullable: true })
  completedOn!: string | null;

  @Field(() => [ConsultationEvidence])
  evidence!: ConsultationEvidence[];

  @Field(() => [ConsultationTaskReport])
  subTasks!: ConsultationTaskReport[];

  static from(t: TaskReport): ConsultationTaskReport {
    return Object.assign(new ConsultationTaskReport(), {
      ...t,
      evidence: t.evidence.map(ConsultationEvidence.from),
      subTasks: t.subTasks.map(ConsultationTaskReport.from),
    });
  }
}

@ObjectType({ description: 'Where one proposal item stands: the decision, the unit, progress, status.' })
export class ConsultationItemReport {
  @Field()
  itemId!: string;

  @Field()
  text!: string;

  @Field(() => ProposalAddresseeEnum)
  addressedTo!: string;

  @Field(() => AdoptionDecisionEnum, { nullable: true })
  decision!: string | null;

  @Field(() => ConsultationAdoption, { nullable: true })
  adoption!: ConsultationAdoption | null;

  @Field(() => String, { nullable: true, description: 'The unit responsible.' })
  owner!: string | null;

  @Field(() => Float)
  progress!: number;

  @Field(() => ImplementationStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => String, { nullable: true })
  startedOn!: string | null;

  @Field(() => String, { nullable: true })
  completedOn!: string | null;

  @Field(() => [ConsultationEvidence])
  evidence!: ConsultationEvidence[];

  @Field(() => [ConsultationTaskReport])
  tasks!: ConsultationTaskReport[];

  static from(i: ItemReport, adoption: ItemAdoption | undefined): ConsultationItemReport {
    return Object.assign(new ConsultationItemReport(), {
      ...i,
      adoption: adoption === undefined ? null : ConsultationAdoption.from(adoption),
      evidence: i.evidence.map(ConsultationEvidence.from),
      tasks: i.tasks.map(ConsultationTaskReport.from),
    });
  }
}

@ObjectType({ description: 'Every proposal item with its adoption and implementation progress.' })
export class ConsultationImplementationReport {
  @Field()
  asOf!: string;

  @Field(() => [ConsultationItemReport])
  items!: ConsultationItemReport[];

  @Field(() => Int)
  adoptedItems!: number;

  @Field(() => Int)
  completedItems!: number;

  @Field(() => Float, { description: 'Mean progress of the adopted items.' })
  progress!: number;
}

// ---------------------------------------------------------------------------------------------
// Liaison groups, filings, decisions

@ObjectType({ description: 'One of the five haves, with its evidence.' })
export class FiveHaveItem {
  @Field(() => FiveHaveEnum)
  have!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  present!: boolean;

  @Field(() => [ConsultationEvidence])
  evidence!: ConsultationEvidence[];
}

@ObjectType({ description: 'The five haves 五有 as a checklist.' })
export class FiveHavesChecklist {
  @Field(() => [FiveHaveItem])
  items!: FiveHaveItem[];

  @Field()
  complete!: boolean;

  @Field(() => [ConsultationIssue])
  issues!: ConsultationIssue[];

  static from(c: DomainChecklist): FiveHavesChecklist {
    return Object.assign(new FiveHavesChecklist(), {
      items: c.items.map((i) =>
        Object.assign(new FiveHaveItem(), {
          have: i.have,
          label: LocalizedText.from(i.label),
          present: i.present,
          evidence: i.evidence.map(ConsultationEvidence.from),
        }),
      ),
      complete: c.complete,
      issues: c.issues.map(ConsultationIssue.from),
    });
  }
}

@ObjectType('VillageMinutesCount', { description: 'A village’s filed minutes in a window.' })
export class VillageFilingCountView {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('TownshipMinutesCount', {
  description: 'Village consultation minutes filed 备案 with a township.',
})
export class TownshipFilingCountView {
  @Field()
  township!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Filed later than the profile’s filing.withinDays.' })
  late!: number;

  @Field(() => [VillageFilingCountView], { description: 'Every village of the township, 0 included.' })
  villages!: VillageFilingCountView[];

  static from(c: TownshipFilingCount): TownshipFilingCountView {
    return Object.assign(new TownshipFilingCountView(), {
      township: c.township,
      total: c.total,
      late: c.late,
      villages: c.villages.map((v) => Object.assign(new VillageFilingCountView(), v)),
    });
  }
}

@ObjectType({ description: 'Village consultation minutes on file.' })
export class FiledVillageMinutes {
  @Field()
  id!: string;

  @Field()
  village!: string;

  @Field()
  township!: string;

  @Field()
  meetingOn!: string;

  @Field()
  topic!: string;

  @Field()
  filedOn!: string;

  @Field(() => ConsultationActor)
  filedBy!: ConsultationActor;

  @Field()
  late!: boolean;

  static from(m: FiledMinutes): FiledVillageMinutes {
    return Object.assign(new FiledVillageMinutes(), { ...m, filedBy: ConsultationActor.from(m.filedBy) });
  }
}
