import type {
  Actor,
  CommunicationCounterpart,
  ConsultationRole,
  ConsultationStage,
  Evidence,
  InvitedCandidate,
  LocalDate,
  OriginationInput,
  OriginationStep,
  ResearchMethod,
  StageCommand,
  StageCommandType,
  TaskInput,
  TopicDraft,
} from '@jiceng/domain';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { ConsultationInput } from './access.js';
import {
  AdoptionDecisionEnum,
  CommitteeDecisionEnum,
  CommunicationCounterpartEnum,
  ConsultationRoleEnum,
  ConsultationStageEnum,
  OriginationPathEnum,
  OriginationStepEnum,
  ParticipantCategoryEnum,
  ProposalAddresseeEnum,
  ResearchMethodEnum,
  StageCommandTypeEnum,
  TopicFormKindEnum,
} from './enums.js';

/**
 * Mutation inputs. GraphQL has no input unions, so a variant (an origination step, a stage
 * command) is one input with the fields of every variant; `to…` turns it into the domain's
 * union, and a field the chosen variant needs but did not get is refused with
 * `CONSULTATION_EMPTY_FIELD` at its path, together with every other problem of the input.
 */

@InputType({ description: 'Another body taking part in a step (the government, the liaison group).' })
export class ConsultationActorInput {
  @Field(() => String, { nullable: true, description: 'Defaults to role:name.' })
  id?: string | null;

  @Field()
  name!: string;

  @Field(() => ConsultationRoleEnum)
  role!: ConsultationRole;
}

@InputType({ description: 'A topic as drafted.' })
export class TopicDraftInput {
  @Field()
  title!: string;

  @Field(() => TopicFormKindEnum)
  form!: 'routine' | 'thematic';

  @Field({ description: 'A thematic topic kind, or a routine item kind, of the profile.' })
  kind!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Required for a routine topic: the decision it is about.',
  })
  decisionId?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Projects, sites or enterprises the topic concerns.',
  })
  subjects?: string[] | null;
}

@InputType({ description: 'One step of a topic’s origination; fill the fields of that step.' })
export class OriginationStepInput {
  @Field(() => OriginationStepEnum)
  step!: OriginationStep;

  @Field(() => [ConsultationActorInput], {
    nullable: true,
    description:
      'jointly_proposed: the government and liaison group; conferred_with_government: the government.',
  })
  with?: ConsultationActorInput[] | null;

  @Field(() => TopicDraftInput, {
    nullable: true,
    description: 'jointly_proposed, topic_drafted; committee_decided when the committee changed the draft.',
  })
  topic?: TopicDraftInput | null;

  @Field(() => Int, { nullable: true, description: 'opinions_solicited.' })
  opinionsReceived?: number | null;

  @Field(() => String, { nullable: true, description: 'topic_drafted.' })
  planOutline?: string | null;

  @Field(() => CommitteeDecisionEnum, { nullable: true, description: 'committee_decided.' })
  decision?: 'approved' | 'rejected' | null;

  @Field(() => String, { nullable: true, description: 'A note; the reason, when the committee rejects.' })
  note?: string | null;
}

@InputType()
export class OriginateTopicInput {
  @Field(() => ID, { description: 'The id the topic will carry.' })
  topicId!: string;

  @Field()
  township!: string;

  @Field(() => OriginationPathEnum)
  path!: 'committee_led' | 'liaison_group_led';

  @Field(() => OriginationStepInput, {
    description: 'The first step: jointly_proposed (path a) or opinions_solicited (path b).',
  })
  step!: OriginationStepInput;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; default today.' })
  on?: string | null;

  @Field(() => ConsultationRoleEnum, { nullable: true })
  actingAs?: ConsultationRole | null;

  @Field(() => String, { nullable: true, description: 'The rule profile; default reference.' })
  profileId?: string | null;
}

@InputType()
export class RecordOriginationStepInput {
  @Field(() => ID)
  topicId!: string;

  @Field(() => OriginationStepInput)
  step!: OriginationStepInput;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  on?: string | null;

  @Field(() => ConsultationRoleEnum, { nullable: true })
  actingAs?: ConsultationRole | null;
}

@InputType({ description: 'A declared interest of a candidate in a subject.' })
export class InterestInput {
  @Field()
  kind!: string;

  @Field()
  subject!: string;
}

@InputType({ description: 'A person invited for the topic 灵活安排.' })
export class InvitedCandidateInput {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => ParticipantCategoryEnum)
  category!: InvitedCandidate['category'];

  @Field(() => String, { nullable: true })
  township?: string | null;

  @Field(() => [String], { nullable: true })
  expertise?: string[] | null;

  @Field(() => [InterestInput], { nullable: true })
  interests?: InterestInput[] | null;
}

@InputType()
export class StartConsultationInput {
  @Field(() => ID)
  topicId!: string;

  @Field(() => ID, { nullable: true, description: 'Default C-<topicId>.' })
  id?: string | null;

  @Field(() => [InvitedCandidateInput], { description: 'People invited for the topic.' })
  invited!: InvitedCandidateInput[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Ids of the CPPCC members (fixed members) to seat; without it the group is the one proposeConsultationGroup gives.',
  })
  fixedMemberIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'The topic version you read.' })
  expectedTopicVersion?: number | null;

  @Field(() => String, { nullable: true })
  on?: string | null;

  @Field(() => ConsultationRoleEnum, { nullable: true })
  actingAs?: ConsultationRole | null;
}

@InputType()
export class ConsultationPlanInput {
  @Field()
  summary!: string;

  @Field(() => [String])
  objectives!: string[];

  @Field(() => [ResearchMethodEnum])
  researchMethods!: ResearchMethod[];

  @Field(() => String, { nullable: true })
  plannedMeetingOn?: string | null;
}

@InputType()
export class ProposalItemInput {
  @Field()
  id!: string;

  @Field()
  text!: string;

  @Field(() => ProposalAddresseeEnum)
  addressedTo!: 'party_committee' | 'government';
}

@InputType({ description: 'One act of the five stages; fill the fields of that act.' })
export class StageCommandInput {
  @Field(() => StageCommandTypeEnum)
  type!: StageCommandType;

  @Field(() => CommunicationCounterpartEnum, { nullable: true, description: 'communicate.' })
  counterpart?: CommunicationCounterpart | null;

  @Field(() => String, { nullable: true, description: 'communicate, record_research.' })
  summary?: string | null;

  @Field(() => ConsultationStageEnum, { nullable: true, description: 'advance: the next stage.' })
  to?: ConsultationStage | null;

  @Field(() => ConsultationPlanInput, { nullable: true, description: 'draft_plan.' })
  plan?: ConsultationPlanInput | null;

  @Field(() => String, { nullable: true, description: 'approve_plan (optional).' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'return_plan.' })
  reason?: string | null;

  @Field(() => ResearchMethodEnum, { nullable: true, description: 'record_research.' })
  method?: ResearchMethod | null;

  @Field(() => Int, { nullable: true, description: 'record_research: residents heard, 0 for desk research.' })
  residentsHeard?: number | null;

  @Field(() => String, { nullable: true, description: 'hold_meeting: the day the group was notified.' })
  noticeOn?: string | null;

  @Field(() => [String], { nullable: true, description: 'hold_meeting: ids of the members present.' })
  attendees?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'hold_meeting.' })
  opinions?: string[] | null;

  @Field(() => String, { nullable: true, description: 'submit_report: the proposal’s title.' })
  title?: string | null;

  @Field(() => [ProposalItemInput], { nullable: true, description: 'submit_report.' })
  items?: ProposalItemInput[] | null;
}

@InputType()
export class ConsultationCommandInput {
  @Field(() => ID)
  consultationId!: string;

  @Field(() => StageCommandInput)
  command!: StageCommandInput;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  on?: string | null;

  @Field(() => ConsultationRoleEnum, { nullable: true })
  actingAs?: ConsultationRole | null;
}

@InputType()
export class DecideAdoptionInput {
  @Field(() => ID)
  consultationId!: string;

  @Field()
  itemId!: string;

  @Field(() => AdoptionDecisionEnum)
  decision!: 'adopted' | 'partially_adopted' | 'not_adopted';

  @Field(() => String, { nullable: true, description: 'Required when not adopting (reference profile).' })
  reason?: string | null;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  on?: string | null;

  @Field(() => ConsultationRoleEnum, { nullable: true })
  actingAs?: ConsultationRole | null;
}

@InputType({ description: 'A task of an implementation plan; weight defaults to 1.' })
export class ImplementationTaskInput {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field(() => Float, { nullable: true })
  weight?: number | null;

  @Field(() => String, { nullable: true })
  dueOn?: string | null;

  @Field(() => [ImplementationTaskInput], { nullable: true })
  subTasks?: ImplementationTaskInput[] | null;
}

@InputType()
export class PlanImplementationInput {
  @Field(() => ID)
  consultationId!: string;

  @Field()
  itemId!: string;

  @Field({ description: 'The unit responsible, e.g. 镇建设办.' })
  owner!: string;

  @Field(() => String, { nullable: true })
  dueOn?: string | null;

  @Field(() => [ImplementationTaskInput])
  tasks!: ImplementationTaskInput[];

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  on?: string | null;

  @Field(() => ConsultationRoleEnum, { nullable: true })
  actingAs?: ConsultationRole | null;
}

@InputType()
export class EvidenceInput {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  reference?: string | null;

  @Field(() => String, { nullable: true })
  on?: string | null;
}

@InputType()
export class RecordProgressInput {
  @Field(() => ID)
  consultationId!: string;

  @Field()
  itemId!: string;

  @Field({ description: 'A task without sub-tasks.' })
  taskId!: string;

  @Field(() => Float, { description: '0–100; 100 completes the task and needs evidence.' })
  progress!: number;

  @Field(() => [EvidenceInput], { nullable: true })
  evidence?: EvidenceInput[] | null;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  on?: string | null;

  @Field(() => ConsultationRoleEnum, { nullable: true })
  actingAs?: ConsultationRole | null;
}

@InputType()
export class FileMinutesInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The village (community) node code.' })
  village!: string;

  @Field()
  meetingOn!: string;

  @Field()
  topic!: string;

  @Field(() => String, { nullable: true, description: 'The filing day; default today.' })
  on?: string | null;

  @Field(() => String, { nullable: true })
  profileId?: string | null;
}

@InputType()
export class IssueDecisionInput {
  @Field(() => ID)
  id!: string;

  @Field()
  township!: string;

  @Field({ description: 'A routine item kind of the profile (must be consulted first), or any other kind.' })
  itemKind!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'The issue day; default today.' })
  on?: string | null;

  @Field(() => String, { nullable: true })
  profileId?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Conversion to the domain's unions

/**
 * Stands in for a missing date so the conversion can go on collecting issues; it never reaches a
 * rule, since the caller refuses the input (`ConsultationInput.check`) before calling the domain.
 */
const MISSING_DAY = '1970-01-01' as LocalDate;

export function toActor(input: ConsultationActorInput): Actor {
  return { id: input.id ?? `${input.role}:${input.name}`, name: input.name, role: input.role };
}

export function toDraft(
  input: TopicDraftInput,
  issues: ConsultationInput,
  path: readonly (string | number)[],
): TopicDraft {
  const tags = input.tags ?? [];
  const subjects = input.subjects ?? [];
  const base = {
    title: input.title,
    ...(tags.length > 0 ? { tags } : {}),
    ...(subjects.length > 0 ? { subjects } : {}),
  };
  if (input.form === 'thematic') return { ...base, form: { kind: 'thematic', topicKind: input.kind } };
  const decisionId =
    issues.required(input.decisionId, [...path, 'decisionId'], '例行协商事项编号 decisionId') ?? '';
  return { ...base, form: { kind: 'routine', itemKind: input.kind, decisionId } };
}

export function toOriginationStep(
  input: OriginationStepInput,
  issues: ConsultationInput,
  path: readonly (string | number)[] = ['step'],
): OriginationInput {
  const note = input.note ?? undefined;
  const withNote = note === undefined ? {} : { note };
  const topic = (required: boolean): TopicDraft | undefined => {
    const draft = required ? issues.required(input.topic, [...path, 'topic'], '议题 topic') : input.topic;
    return draft === null || draft === undefined ? undefined : toDraft(draft, issues, [...path, 'topic']);
  };
  const empty: TopicDraft = { title: '', form: { kind: 'thematic', topicKind: '' } };
  switch (input.step) {
    case 'jointly_proposed':
      return {
        step: input.step,
        with: (input.with ?? []).map(toActor),
        topic: topic(true) ?? empty,
        ...withNote,
      };
    case 'opinions_solicited':
      return {
        step: input.step,
        opinionsReceived:
          issues.required(input.opinionsReceived, [...path, 'opinionsReceived'], '意见数') ?? 0,
        ...withNote,
      };
    case 'topic_drafted':
      return {
        step: input.step,
        topic: topic(true) ?? empty,
        planOutline:
          issues.required(input.planOutline, [...path, 'planOutline'], '协商计划 planOutline') ?? '',
      };
    case 'conferred_with_government':
      return { step: input.step, with: (input.with ?? []).map(toActor), ...withNote };
    case 'submitted_to_committee':
      return { step: input.step, ...withNote };
    case 'committee_decided': {
      const decision = issues.required(input.decision, [...path, 'decision'], '党委决定 decision');
      if (decision === 'rejected') return { step: input.step, decision, note: note ?? '' };
      const draft = topic(false);
      return {
        step: input.step,
        decision: 'approved',
        ...(draft === undefined ? {} : { topic: draft }),
        ...withNote,
      };
    }
  }
}

export function toTask(
  input: ImplementationTaskInput,
  issues: ConsultationInput,
  path: readonly (string | number)[],
): TaskInput {
  const dueOn =
    input.dueOn === null || input.dueOn === undefined
      ? undefined
      : issues.date(input.dueOn, [...path, 'dueOn']);
  return {
    id: input.id,
    title: input.title,
    ...(input.weight === null || input.weight === undefined ? {} : { weight: input.weight }),
    ...(dueOn === undefined ? {} : { dueOn }),
    ...(input.subTasks
      ? { subTasks: input.subTasks.map((t, i) => toTask(t, issues, [...path, 'subTasks', i])) }
      : {}),
  };
}

export function toEvidence(
  input: EvidenceInput,
  issues: ConsultationInput,
  path: readonly (string | number)[],
): Evidence {
  const on = input.on === null || input.on === undefined ? undefined : issues.date(input.on, [...path, 'on']);
  return {
    title: input.title,
    ...(input.reference ? { reference: input.reference } : {}),
    ...(on === undefined ? {} : { on }),
  };
}

export function toInvited(input: InvitedCandidateInput): InvitedCandidate {
  return {
    kind: 'invited',
    id: input.id,
    name: input.name,
    category: input.category,
    ...(input.township ? { township: input.township } : {}),
    ...(input.expertise ? { expertise: input.expertise } : {}),
    ...(input.interests
      ? { interests: input.interests.map((i) => ({ kind: i.kind, subject: i.subject })) }
      : {}),
  };
}

export function toStageCommand(
  input: StageCommandInput,
  issues: ConsultationInput,
  path: readonly (string | number)[] = ['command'],
): StageCommand {
  const need = <T>(value: T | null | undefined, field: string): T | undefined =>
    issues.required(value, [...path, field], field);
  switch (input.type) {
    case 'communicate':
      return {
        type: 'communicate',
        counterpart: need(input.counterpart, 'counterpart') ?? 'party_committee',
        summary: need(input.summary, 'summary') ?? '',
      };
    case 'advance':
      return { type: 'advance', to: need(input.to, 'to') ?? 'plan' };
    case 'draft_plan': {
      const plan = need(input.plan, 'plan');
      const plannedMeetingOn =
        plan?.plannedMeetingOn === null || plan?.plannedMeetingOn === undefined
          ? undefined
          : issues.date(plan.plannedMeetingOn, [...path, 'plan', 'plannedMeetingOn']);
      return {
        type: 'draft_plan',
        plan: {
          summary: plan?.summary ?? '',
          objectives: plan?.objectives ?? [],
          researchMethods: plan?.researchMethods ?? [],
          ...(plannedMeetingOn === undefined ? {} : { plannedMeetingOn }),
        },
      };
    }
    case 'approve_plan':
      return { type: 'approve_plan', ...(input.note ? { note: input.note } : {}) };
    case 'return_plan':
      return { type: 'return_plan', reason: need(input.reason, 'reason') ?? '' };
    case 'record_research':
      return {
        type: 'record_research',
        method: need(input.method, 'method') ?? 'site_visit',
        summary: need(input.summary, 'summary') ?? '',
        residentsHeard: need(input.residentsHeard, 'residentsHeard') ?? 0,
      };
    case 'hold_meeting': {
      const noticeText = need(input.noticeOn, 'noticeOn');
      const noticeOn = noticeText === undefined ? undefined : issues.date(noticeText, [...path, 'noticeOn']);
      return {
        type: 'hold_meeting',
        noticeOn: noticeOn ?? MISSING_DAY,
        attendees: need(input.attendees, 'attendees') ?? [],
        opinions: input.opinions ?? [],
      };
    }
    case 'submit_report':
      return {
        type: 'submit_report',
        title: need(input.title, 'title') ?? '',
        items: (need(input.items, 'items') ?? []).map((i) => ({
          id: i.id,
          text: i.text,
          addressedTo: i.addressedTo,
        })),
      };
  }
}
