export type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
export { runCancellable } from './cancellation.js';
export {
  announceChange,
  CHANGE_CHANNEL,
  type ChangedData,
  type ChangeWatcher,
  type WatchOptions,
  watchChanges,
} from './changes.js';
export {
  type DatabaseTarget,
  DatabaseUrlError,
  migrationsFor,
  type OrmOptionsInput,
  ormOptions,
  parseDatabaseUrl,
} from './config.js';
export {
  type ConsultationFilter,
  ConsultationRepository,
  type JournalEntry,
  type OriginationActContext,
  type StoredConsultation,
  type StoredTopic,
  type TopicFilter,
  type WriteOptions,
} from './consultation/consultations.js';
export { RoutineDecisionRepository } from './consultation/decisions.js';
export { MinutesFilingRepository, type VillageFilingCount } from './consultation/filings.js';
export { LiaisonGroupRepository, type StoredLiaisonGroup } from './consultation/liaison-groups.js';
export {
  type ConsultationEventRow,
  ConsultationEventSchema,
  type ConsultationRow,
  ConsultationSchema,
  type ConsultationTopicRow,
  ConsultationTopicSchema,
  type CppccMemberRow,
  CppccMemberSchema,
  type CppccSectorRow,
  CppccSectorSchema,
  consultationEntities,
  type LiaisonGroupRow,
  LiaisonGroupSchema,
  type MinutesFilingRow,
  MinutesFilingSchema,
  type RoutineDecisionRow,
  RoutineDecisionSchema,
} from './consultation/schemas.js';
export {
  type ConsultationPilotOptions,
  type ConsultationPilotSummary,
  type ConsultationPilots,
  consultationPilots,
  type SeededDecision,
  seedConsultationPilots,
} from './consultation/seed.js';
export {
  type Database,
  entities,
  type OpenDatabaseOptions,
  openDatabase,
  pendingSchemaDiff,
} from './database.js';
export {
  ConcurrentUpdateError,
  convertDriverError,
  DatabaseUnavailableError,
  DuplicateKeyError,
  InvalidInputError,
  type KnownPersistenceError,
  PersistenceError,
  type PersistenceErrorCode,
  persistenceErrorOf,
  StatementCancelledError,
  StoredDataInvalidError,
} from './errors.js';
export {
  type BuildingInput,
  GridRepository,
  type PartitionPlan,
  type PartitionRequest,
  type PartyGroupSize,
} from './grid/grids.js';
export type {
  RequestContact,
  RequestSummary,
  StoredBuilding,
  StoredGrid,
  StoredRequest,
  StoredRequestWithTrail,
  StoredWorker,
} from './grid/mapping.js';
export {
  type EscalationSweep,
  type RequestFilter,
  type RequestRules,
  type RequestWriteOptions,
  ResidentRequestRepository,
  type RulesOf,
} from './grid/requests.js';
export type { GridRoute } from './grid/routing.js';
export {
  type GridBuildingRow,
  GridBuildingSchema,
  type GridJointMeetingRow,
  GridJointMeetingSchema,
  type GridPartitionRow,
  GridPartitionSchema,
  type GridPartyMemberRow,
  GridPartyMemberSchema,
  type GridRequestEventRow,
  GridRequestEventSchema,
  type GridRequestRow,
  GridRequestSchema,
  type GridRow,
  GridSchema,
  type GridTeamMemberRow,
  GridTeamMemberSchema,
  type GridWorkerRow,
  GridWorkerSchema,
  gridEntities,
} from './grid/schemas.js';
export {
  type GridSeedOptions,
  type GridSeedProgress,
  type GridSeedSummary,
  type GridSeedTable,
  seedGridDataset,
} from './grid/seed.js';
export {
  GridStatisticsRepository,
  type LevelCounts,
  type StatisticsOptions,
  type StatisticsScope,
} from './grid/statistics.js';
// Onboarding: register imports (issue #16).
export {
  type GridPlacement,
  type ImportRecordInput,
  type MemberWrite,
  type RegisteredMember,
  RegisterImportRepository,
  type RegisterImportSession,
  type StoredImport,
} from './onboarding/imports.js';
export type { RegisterImportRow } from './onboarding/schemas.js';
// End of onboarding.
export { type OrgNodeRow, OrgNodeSchema, OrgRepository } from './org/org-nodes.js';
export { CoBuildingRepository, type StoredCoBuilding } from './points/cobuilding.js';
export {
  type AppendOptions,
  type AppendOutcome,
  type AuditOptions,
  type AuditOutcome,
  type EntryInput,
  type PointsLedgerOptions,
  PointsLedgerRepository,
  type PointsYear,
  type RulesLookup,
  type StoredPointRecord,
  type StoredYearLock,
} from './points/ledger.js';
export {
  checkMembers,
  type MemberFilter,
  type MemberInput,
  PointsMemberRepository,
  type StoredMember,
} from './points/members.js';
export {
  type CoBuildingCommitmentRow,
  CoBuildingCommitmentSchema,
  type CoBuildingEvaluationRow,
  CoBuildingEvaluationSchema,
  type CoBuildingUnitRow,
  CoBuildingUnitSchema,
  type PointEntryState,
  type PointsEntryRow,
  PointsEntrySchema,
  type PointsLedgerRow,
  PointsLedgerSchema,
  type PointsMemberRow,
  PointsMemberSchema,
  type PointsYearLockRow,
  PointsYearLockSchema,
  pointsEntities,
} from './points/schemas.js';
export {
  branchOfCommunity,
  bulkLoadLedger,
  type EntryRowData,
  type GeneratedLedger,
  generatePointsLedger,
  type LedgerLoadBatch,
  type LedgerRowData,
  type PointsSeedMember,
  type PointsSeedProgress,
  type PointsSeedSummary,
  planLedgerLoad,
  pointsMembersOf,
  type SeedPointsOptions,
  seedMembersAndLedger,
  syntheticMobile,
  syntheticResidentId,
} from './points/seed.js';
export {
  ProfileDocumentRepository,
  type ProfileDocumentRow,
  ProfileDocumentSchema,
} from './profile-documents.js';
export { type LoggableError, loggableError, redactStatementText } from './redaction.js';
export {
  databaseSecret,
  type InstanceSecretName,
  type InstanceSecretRow,
  InstanceSecretSchema,
} from './secrets/instance-secrets.js';
export { type ResealSummary, rotatePersonalDataKeys } from './secrets/reseal.js';
export {
  dataKeyId,
  type LookupKind,
  type PersonalDataCodec,
  type PersonalDataKeySource,
  type PersonalDataKeys,
  personalDataCodec,
  personalDataOf,
  type SealedField,
} from './secrets/sealing.js';
export {
  type DataLoad,
  type DataLoadKind,
  type DataLoadParameters,
  type DataLoadRow,
  DataLoadSchema,
  type DataLoadStatus,
  unfinishedLoad,
} from './seed/data-load.js';
export {
  isEmptyDatabase,
  type ReferenceCountyOptions,
  type ReferenceCountySummary,
  type SeedNotice,
  type SeedProgress,
  seedReferenceCounty,
} from './seed/reference-county.js';
