import {
  ADOPTION_DECISION_LABELS,
  COMMUNICATION_COUNTERPARTS,
  CONSULTATION_PARTICIPANT_CATEGORIES,
  CONSULTATION_ROLES,
  CONSULTATION_STAGE_LABELS,
  CONSULTATION_STAGES,
  type ConsultationEventType,
  FIVE_HAVES,
  type ImplementationStatus,
  ORIGINATION_STEP_LABELS,
  RESEARCH_METHODS,
  type StageCommandType,
} from '@jiceng/domain';
import { registerEnumType } from 'type-graphql';
import { enumOf, keysOf } from '../common.js';

/**
 * The consultation area's GraphQL enums, built from the domain's own value lists so the two can
 * never drift apart. Values keep the domain's snake_case spelling.
 */

export const ConsultationRoleEnum = enumOf(CONSULTATION_ROLES);
registerEnumType(ConsultationRoleEnum, {
  name: 'ConsultationRole',
  description:
    'Who acts in a consultation: township party committee, government, CPPCC liaison group, a member of the consultation group, a village committee.',
});

export const ConsultationStageEnum = enumOf(CONSULTATION_STAGES);
registerEnumType(ConsultationStageEnum, {
  name: 'ConsultationStage',
  description: 'The five stages 五个环节, in order.',
});

export const ConsultationStatusEnum = enumOf(keysOf(CONSULTATION_STAGE_LABELS));
registerEnumType(ConsultationStatusEnum, {
  name: 'ConsultationStatus',
  description: 'A stage, or completed once the outcomes are reported.',
});

export const OriginationPathEnum = enumOf(['committee_led', 'liaison_group_led'] as const);
registerEnumType(OriginationPathEnum, {
  name: 'OriginationPath',
  description:
    'committee_led: the party committee proposes with the government and liaison group; liaison_group_led: the liaison group solicits, drafts, confers and submits, the party committee decides.',
});

export const OriginationStepEnum = enumOf(keysOf(ORIGINATION_STEP_LABELS));
registerEnumType(OriginationStepEnum, {
  name: 'OriginationStep',
  description: 'A step of topic origination 议题提出.',
});

export const OriginationStatusEnum = enumOf(['in_progress', 'established', 'rejected'] as const);
registerEnumType(OriginationStatusEnum, { name: 'OriginationStatus' });

export const CommitteeDecisionEnum = enumOf(['approved', 'rejected'] as const);
registerEnumType(CommitteeDecisionEnum, {
  name: 'CommitteeDecision',
  description: 'The party committee’s decision on a topic submitted to it.',
});

export const TopicFormKindEnum = enumOf(['routine', 'thematic'] as const);
registerEnumType(TopicFormKindEnum, {
  name: 'TopicFormKind',
  description: 'routine 例行协商 (must be consulted before issue) or thematic 专题协商 (1–2 a year).',
});

export const CommunicationCounterpartEnum = enumOf(COMMUNICATION_COUNTERPARTS);
registerEnumType(CommunicationCounterpartEnum, {
  name: 'CommunicationCounterpart',
  description: 'Whom pre-consultation communication 商前沟通 reaches.',
});

export const ResearchMethodEnum = enumOf(RESEARCH_METHODS);
registerEnumType(ResearchMethodEnum, { name: 'ResearchMethod' });

export const AdoptionDecisionEnum = enumOf(keysOf(ADOPTION_DECISION_LABELS));
registerEnumType(AdoptionDecisionEnum, { name: 'AdoptionDecision' });

export const ProposalAddresseeEnum = enumOf(['party_committee', 'government'] as const);
registerEnumType(ProposalAddresseeEnum, { name: 'ProposalAddressee' });

export const ImplementationStatusEnum = enumOf(
  keysOf<ImplementationStatus>({
    undecided: 1,
    not_adopted: 1,
    not_planned: 1,
    not_started: 1,
    in_progress: 1,
    completed: 1,
    overdue: 1,
  }),
);
registerEnumType(ImplementationStatusEnum, { name: 'ConsultationImplementationStatus' });

export const FiveHaveEnum = enumOf(FIVE_HAVES);
registerEnumType(FiveHaveEnum, {
  name: 'FiveHave',
  description: 'The five haves 五有 of a liaison group.',
});

export const ParticipantCategoryEnum = enumOf(CONSULTATION_PARTICIPANT_CATEGORIES);
registerEnumType(ParticipantCategoryEnum, {
  name: 'ConsultationParticipantCategory',
  description: 'Categories from which people are invited to a consultation group 灵活安排.',
});

export const CandidateKindEnum = enumOf(['fixed', 'invited'] as const);
registerEnumType(CandidateKindEnum, {
  name: 'ConsultationMemberKind',
  description: 'fixed: a CPPCC member living in the township; invited: invited for the topic.',
});

export const PlanStatusEnum = enumOf(['drafted', 'approved', 'returned'] as const);
registerEnumType(PlanStatusEnum, { name: 'ConsultationPlanStatus' });

export const StageCommandTypeEnum = enumOf(
  keysOf<StageCommandType>({
    communicate: 1,
    advance: 1,
    draft_plan: 1,
    approve_plan: 1,
    return_plan: 1,
    record_research: 1,
    hold_meeting: 1,
    submit_report: 1,
  }),
);
registerEnumType(StageCommandTypeEnum, {
  name: 'ConsultationCommandType',
  description: 'An act within the five stages.',
});

export const ConsultationEventTypeEnum = enumOf(
  keysOf<ConsultationEventType>({
    communicated: 1,
    stage_entered: 1,
    plan_drafted: 1,
    plan_approved: 1,
    plan_returned: 1,
    research_recorded: 1,
    meeting_held: 1,
    report_submitted: 1,
    adoption_decided: 1,
    implementation_planned: 1,
    progress_recorded: 1,
  }),
);
registerEnumType(ConsultationEventTypeEnum, { name: 'ConsultationEventType' });
