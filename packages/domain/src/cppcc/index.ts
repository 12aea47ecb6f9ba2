// Public API of the county CPPCC 县政协 (DESIGN §6, seeds 1–2): the committee of a term, proposals 提案
// through their whole handling with follow-up, statistics and public disclosure, members' duty 履职
// scored by the points engine, roll calls and derived duty records and village consultations 村事民定.
// The reference county's CPPCC dataset is in `@jiceng/domain/reference`.

export type {
  AttendanceStatus,
  CppccPost,
  DeadlineUnit,
  DutyRecorder,
  NotFiledOutcome,
  ProposalAct,
  ProposalPublicField,
  ProposalRole,
  ProposerKind,
  ReplyCategory,
  SatisfactionLevel,
  VillageOutcome,
  VillageParticipantKind,
} from '../profiles/vocabulary.js';
export {
  ATTENDANCE_STATUSES,
  CPPCC_POSTS,
  DEADLINE_UNITS,
  DUTY_RECORDERS,
  NOT_FILED_OUTCOMES,
  PROPOSAL_ACTS,
  PROPOSAL_PUBLIC_FIELDS,
  PROPOSAL_ROLES,
  PROPOSER_KINDS,
  REPLY_CATEGORIES,
  SATISFACTION_LEVELS,
  VILLAGE_OUTCOMES,
  VILLAGE_PARTICIPANT_KINDS,
} from '../profiles/vocabulary.js';
export type { CommitteeCheck, CommitteeSummary, DutyMember } from './committee.js';
export {
  checkCommittee,
  chineseNumeral,
  committeeSummary,
  dutyDirectory,
  meetingLabel,
  proposalNumberLabel,
} from './committee.js';
export type { Deadline } from './deadlines.js';
export { handlingDeadline } from './deadlines.js';
export type { DutyAppended, DutyContext } from './duty.js';
export { appendDuty, dutyRecords, EMPTY_DUTY_LEDGER } from './duty.js';
export type {
  DutyExclusionReason,
  DutyExplanation,
  DutyExplanationLine,
  DutyMemberScore,
  DutyYearReport,
  SectorDuty,
} from './duty-scoring.js';
export { cppccDutyScheme, dutyYear, explainDuty } from './duty-scoring.js';
export type { DerivedDuty, DutyDerivation, DutyReconciliation, DutySources } from './duty-sources.js';
export { checkRollCall, deriveDutyRecords, expectedAttendees, reconcileDutyRecords } from './duty-sources.js';
export type {
  AttendanceIssueCode,
  CommitteeIssueCode,
  CppccCommonIssueCode,
  CppccIssue,
  CppccIssueCode,
  DutyIssueCode,
  ProposalFindingCode,
  ProposalIssueCode,
  VillageIssueCode,
} from './errors.js';
export { CPPCC_ISSUE_CATALOG, CPPCC_ISSUE_CODES } from './errors.js';
export {
  ATTENDANCE_STATUS_LABELS,
  CPPCC_POST_LABELS,
  DUTY_RECORDER_LABELS,
  NOT_FILED_OUTCOME_LABELS,
  PROPOSAL_ROLE_LABELS,
  PROPOSAL_STATUS_LABELS,
  PROPOSER_KIND_LABELS,
  REPLY_CATEGORY_LABELS,
  SATISFACTION_LABELS,
  VILLAGE_OUTCOME_LABELS,
  VILLAGE_PARTICIPANT_KIND_LABELS,
  VILLAGE_STATUS_LABELS,
} from './labels.js';
export type { DisclosedProposal, DisclosedRating, DisclosedReply } from './proposal-disclosure.js';
export { publicProposals } from './proposal-disclosure.js';
export type {
  ProposalAction,
  ProposalActorRule,
  ProposalCommand,
  ProposalContext,
  ProposalTransition,
} from './proposal-machine.js';
export { PROPOSAL_ACTION_LABELS, PROPOSAL_TRANSITIONS, proposalActionsFrom } from './proposal-machine.js';
export type {
  GroupFigures,
  HandlingFigures,
  ProposalFollowUp,
  ProposalReportContext,
  ProposalStatistics,
  Rate,
  UnitFigures,
} from './proposal-reports.js';
export { proposalFollowUp, proposalStatistics } from './proposal-reports.js';
export { submissionWindow } from './proposal-review.js';
export { applyProposalCommand, emptyProposalBook, proposalMembers } from './proposals.js';
export type {
  CommitteeSeat,
  CoOpinion,
  CppccCommittee,
  DutyActor,
  DutyLedger,
  DutyLedgerEntry,
  DutyLedgerInput,
  DutyRecordInput,
  DutyRecordView,
  DutyReversalInput,
  DutySource,
  HandlingRound,
  KeyDesignation,
  PlenaryMeeting,
  Proposal,
  ProposalActor,
  ProposalBook,
  ProposalDraft,
  ProposalEvent,
  ProposalEventType,
  ProposalRating,
  ProposalReply,
  ProposalReview,
  ProposalStatus,
  Proposer,
  ReassignmentRequest,
  RollCall,
  StandingMember,
  SupervisionRecord,
  UnitAssignment,
  VillageConsultation,
  VillageConsultationStatus,
  VillageMeeting,
  VillageMeetingOutcome,
  VillageParticipant,
} from './types.js';
export type {
  VillageConsultationInput,
  VillageContext,
  VillageMeetingCorrection,
  VillageMeetingInput,
} from './village.js';
export {
  correctVillageMeeting,
  fileVillageConsultation,
  holdVillageMeeting,
  startVillageConsultation,
} from './village.js';
