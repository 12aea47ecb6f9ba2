// Public API of the member-points area 党员积分: members and categories over time, the
// append-only ledger and its workflow, scoring and explanations, rankings, ratings, the
// in-service feedback report, what-if, and co-building assessment.
export type { QuotaGroup, QuotaRounding } from '../profiles/vocabulary.js';
export { QUOTA_GROUPS, QUOTA_ROUNDINGS } from '../profiles/vocabulary.js';
export type {
  CadreInput,
  CadreResult,
  CoBuildingInput,
  CoBuildingResult,
  CoBuildingUnit,
  Commitment,
  CommitmentEvaluation,
  CommitmentResult,
  GroupScore,
  RoundResult,
  UnitResult,
} from './co-building.js';
export { assessCadres, assessCoBuilding } from './co-building.js';
export type {
  CoBuildingIssue,
  CoBuildingIssueCode,
  PointsIssue,
  PointsIssueCode,
  PointsNote,
  PointsNoteCode,
} from './errors.js';
export {
  type DerivedPoint,
  derivePoints,
  type PointDerivation,
  type PointFact,
  type PointFactParticipant,
  type PointReconciliation,
  reconcilePoints,
  type SkippedPoint,
  type SkippedPointReason,
  sourceKeyOf,
} from './facts.js';
export type {
  FeedbackActivity,
  FeedbackQuarter,
  FeedbackReport,
  MemberFeedback,
  UnitFeedback,
} from './feedback.js';
export { branchRecords, communityRecords, inServiceFeedback } from './feedback.js';
export type { Appended, PointLedger, Replayed, YearLock } from './ledger.js';
export {
  appendToLedger,
  emptyLedger,
  findEntry,
  ledgerEntries,
  pointRecord,
  pointRecords,
  replayLedger,
  samePayload,
  yearLock,
} from './ledger.js';
export { categoryOn, createMemberDirectory, registeredCommunityOn } from './members.js';
export type { Period, PeriodKind } from './period.js';
export {
  monthPeriod,
  periodContains,
  periodLabel,
  periodOf,
  quarterPeriod,
  yearPeriod,
} from './period.js';
export type { RankedMember, Ranking, RankingOptions, RankingScope } from './ranking.js';
export { rankMembers, TIE_BREAKER_LABELS } from './ranking.js';
export type {
  BandQuota,
  GroupRating,
  HeldBack,
  MemberRating,
  RatingOptions,
  RatingResult,
  YearAssessment,
} from './rating.js';
export { quotaPlaces, rankAndRate, rateMembers } from './rating.js';
export type { RecordingCheck } from './recording.js';
export { checkPointEntry, maxQuantityOf } from './recording.js';
export type { PointScheme, PointSchemeOf, ScoringItem } from './rules.js';
export { memberPointsScheme, rulesAt } from './rules.js';
export type { PointExclusionReason, ScoringOptions } from './scoring.js';
export type { PeriodTotal, PointColumns, SlotTable, YearScores } from './scoring-columns.js';
export { compilePointColumns, NO_CAP, periodTotal, scoreColumns, scoreYear } from './scoring-columns.js';
export type { CapHit, CapUse, Explanation, ExplanationLine } from './scoring-explain.js';
export { explainPoints } from './scoring-explain.js';
export type {
  Adjustment,
  AuditInput,
  CategorySpan,
  DualRegistration,
  LedgerEntry,
  LedgerInput,
  MemberDirectory,
  PartyMember,
  PointEntry,
  PointEntryInput,
  PointRecord,
  PointSource,
  PointStatus,
  PointsActor,
  PointsContext,
  PointsPerson,
  PointsRole,
  ReversalInput,
  ReviewInput,
  RuleVersions,
  ScoredMember,
  SubmitInput,
} from './types.js';
export type {
  FeedbackRegistration,
  FeedbackUnit,
  InactiveMember,
  UnitMonthFeedback,
} from './unit-feedback.js';
export { isCommunityActivityIn, unitMonthFeedback } from './unit-feedback.js';
export type { MemberWhatIf, WhatIfChange, WhatIfChangeKind, WhatIfOptions, WhatIfReport } from './what-if.js';
export { whatIf } from './what-if.js';
export type { EntryDeadlines, WorkflowAction, WorkflowStage, WorkflowTransition } from './workflow.js';
export {
  actionsFor,
  allowedActions,
  COUNTED_STATUSES,
  deadlinesFor,
  ENTRY_ACTIONS,
  INITIAL_STATUS,
  POINT_ENTRY_TRANSITIONS,
  POINT_STATUSES,
  WORKFLOW_ACTIONS,
} from './workflow.js';
