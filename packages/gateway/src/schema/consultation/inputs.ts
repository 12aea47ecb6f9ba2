import type {
  CommunicationCounterpart,
  ConsultationRole,
  ConsultationStage,
  InvitedCandidate,
  OriginationStep,
  ResearchMethod,
  StageCommandType,
} from '@jiceng/domain';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type {
  ActorCommand,
  DecideAdoptionCommand,
  EvidenceCommand,
  FileMinutesCommand,
  InvitedCommand,
  IssueDecisionCommand,
  OriginateTopicCommand,
  OriginationStepCommand,
  PlanImplementationCommand,
  RecordOriginationStepCommand,
  RecordProgressCommand,
  StageActCommand,
  StageCommandFields,
  StartConsultationCommand,
  TaskCommand,
  TopicDraftCommand,
} from '../../application/consultation/commands.js';
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
 * Mutation inputs: the GraphQL shape of the consultation use cases' commands
 * (`application/consultation/commands.ts`). Each input implements its command, so a resolver
 * hands it over as it is; the use case checks it and turns a variant (an origination step, a
 * stage command) into the domain's union.
 */

@InputType({ description: 'Another body taking part in a step (the government, the liaison group).' })
export class ConsultationActorInput implements ActorCommand {
  @Field(() => String, { nullable: true, description: 'Defaults to role:name.' })
  id?: string | null;

  @Field()
  name!: string;

  @Field(() => ConsultationRoleEnum)
  role!: ConsultationRole;
}

@InputType({ description: 'A topic as drafted.' })
export class TopicDraftInput implements TopicDraftCommand {
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
export class OriginationStepInput implements OriginationStepCommand {
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
export class OriginateTopicInput implements OriginateTopicCommand {
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
export class RecordOriginationStepInput implements RecordOriginationStepCommand {
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
export class InvitedCandidateInput implements InvitedCommand {
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
export class StartConsultationInput implements StartConsultationCommand {
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
export class StageCommandInput implements StageCommandFields {
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
export class ConsultationCommandInput implements StageActCommand {
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
export class DecideAdoptionInput implements DecideAdoptionCommand {
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
export class ImplementationTaskInput implements TaskCommand {
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
export class PlanImplementationInput implements PlanImplementationCommand {
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
export class EvidenceInput implements EvidenceCommand {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  reference?: string | null;

  @Field(() => String, { nullable: true })
  on?: string | null;
}

@InputType()
export class RecordProgressInput implements RecordProgressCommand {
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
export class FileMinutesInput implements FileMinutesCommand {
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
export class IssueDecisionInput implements IssueDecisionCommand {
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
