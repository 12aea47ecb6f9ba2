// Public API of grassroots consultation 基层协商 (DESIGN §5, seed 1): CPPCC liaison groups and
// their five haves, consultation groups, the routine and thematic forms, topic origination, the
// five stages, outcomes and their public disclosure, village minutes filing, yearly compliance.

export { COMMUNICATION_COUNTERPARTS, CONSULTATION_ACTS, CONSULTATION_ROLES } from '../profiles/vocabulary.js';
export type { ComplianceInput, ComplianceReport, IssuedDecision } from './compliance.js';
export { complianceReport } from './compliance.js';
export type {
  PublicAdoption,
  PublicDisclosure,
  PublicImplementation,
  PublicOrigination,
  PublicParticipant,
  PublicPerson,
  PublicPlan,
  PublicProcess,
  PublicProposal,
  PublicTask,
  PublicTopic,
} from './disclosure.js';
export { publicDisclosure } from './disclosure.js';
export type {
  CommonIssueCode,
  ComplianceIssueCode,
  ConsultationIssueCode,
  FilingIssueCode,
  FormIssueCode,
  GateIssueCode,
  GroupIssueCode,
  LiaisonIssueCode,
  OriginationIssueCode,
  OutcomeIssueCode,
  StageIssueCode,
} from './errors.js';
export { CONSULTATION_ISSUE_CATALOG, CONSULTATION_ISSUE_CODES } from './errors.js';
export type {
  FiledMinutes,
  FilingContext,
  FilingWindow,
  MinutesRegister,
  TownshipFilingCount,
  Village,
  VillageMinutesInput,
} from './filing.js';
export { EMPTY_MINUTES_REGISTER, fileMinutes, filingCounts } from './filing.js';
export type { IssueClearance, RoutineDecision } from './forms.js';
export {
  canAddThematicTopic,
  canIssue,
  checkTopicForm,
  isRequiredRoutineItem,
  thematicTopicsOf,
} from './forms.js';
export type { ExclusionReason, GroupComposition, GroupProposal, SelectionReason } from './groups.js';
export {
  conflictsOf,
  describeExclusion,
  describeSelection,
  groupComposition,
  proposeGroup,
  validateGroup,
} from './groups.js';
export type {
  AllocationReport,
  CoverageReport,
  CppccLevel,
  CppccMember,
  CppccRoster,
  FiveHavesChecklist,
  LiaisonGroup,
  MemberOrigin,
  Sector,
  Township,
} from './liaison-groups.js';
export { checkAllocation, checkCoverage, fiveHavesChecklist, fixedCandidates } from './liaison-groups.js';
export type { OriginationContext, OriginationInput } from './origination.js';
export {
  beginOrigination,
  nextOriginationStep,
  ORIGINATION_PATHS,
  recordOriginationStep,
} from './origination.js';
export type {
  AdoptionInput,
  ImplementationInput,
  ImplementationReport,
  ImplementationStatus,
  ItemReport,
  ProgressInput,
  TaskInput,
  TaskReport,
} from './outcomes.js';
export {
  decideAdoption,
  implementationReport,
  itemProgress,
  planImplementation,
  recordProgress,
  taskProgress,
} from './outcomes.js';
export type {
  ActContext,
  ConsultationTimeline,
  StageCommand,
  StageCommandType,
  StageGate,
  TimelineStage,
} from './stages.js';
export {
  applyStageCommand,
  consultationTimeline,
  exitGate,
  meetingQuorum,
  STAGE_COMMAND_ACTS,
  stageGates,
  startConsultation,
} from './stages.js';
export type {
  Actor,
  AdoptionDecision,
  Candidate,
  Communication,
  CommunicationCounterpart,
  Consultation,
  ConsultationAct,
  ConsultationEvent,
  ConsultationEventType,
  ConsultationGroup,
  ConsultationMeeting,
  ConsultationPlan,
  ConsultationProposal,
  ConsultationRole,
  ConsultationStage,
  ConsultationStatus,
  Evidence,
  FixedCandidate,
  ImplementationTask,
  Interest,
  InvitedCandidate,
  ItemAdoption,
  ItemImplementation,
  Origination,
  OriginationPath,
  OriginationRecord,
  OriginationStatus,
  OriginationStep,
  PlanRecord,
  PlanStatus,
  ProposalAddressee,
  ProposalItem,
  ResearchActivity,
  ResearchMethod,
  Topic,
  TopicDraft,
  TopicForm,
} from './types.js';
export {
  ADOPTION_DECISION_LABELS,
  COMMUNICATION_COUNTERPART_LABELS,
  CONSULTATION_ROLE_LABELS,
  CONSULTATION_STAGE_LABELS,
  CONSULTATION_STAGES,
  DISCLOSABLE_FIELD_LABELS,
  FIVE_HAVE_LABELS,
  ORIGINATION_STEP_LABELS,
  PARTICIPANT_CATEGORY_LABELS,
  RESEARCH_METHOD_LABELS,
  RESEARCH_METHODS,
} from './types.js';
