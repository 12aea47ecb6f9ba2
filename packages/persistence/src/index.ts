// The public face of @jiceng/persistence: open a database, the repositories with the stored
// types of their signatures, the errors and their codes. Loading the reference county and the
// synthetic data sets is `@jiceng/persistence/seed`; the MikroORM mapping (EntitySchemas, rows)
// stays inside, registered through openDatabase.
export type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
export { runCancellable } from './cancellation.js';
export {
  type ChangedData,
  type ChangeWatcher,
  type WatchOptions,
  watchChanges,
} from './changes.js';
export { DatabaseUrlError } from './config.js';
export {
  type ConsultationFilter,
  ConsultationRepository,
  type EstablishedTopics,
  type JournalEntry,
  type StoredConsultation,
  type StoredTopic,
  type TopicFilter,
  type WriteOptions,
} from './consultation/consultations.js';
export { RoutineDecisionRepository } from './consultation/decisions.js';
export { MinutesFilingRepository, type VillageFilingCount } from './consultation/filings.js';
export { LiaisonGroupRepository, type StoredLiaisonGroup } from './consultation/liaison-groups.js';
export {
  type DutyAppend,
  type DutyEntries,
  DutyLedgerRepository,
  type StoredDutyLedger,
} from './cppcc/duty.js';
export {
  ProposalBookRepository,
  type ProposalBookWrite,
  type ProposalTrailEntry,
  type StoredCommittee,
  type StoredProposalBook,
  type StoredProposalCommand,
} from './cppcc/proposals.js';
export { RollCallRepository, type RollCallWrite, type StoredRollCall } from './cppcc/roll-calls.js';
export type { CppccRollCallCorrection } from './cppcc/schemas.js';
export {
  type StoredVillageConsultation,
  VillageConsultationRepository,
  type VillageConsultationWrite,
} from './cppcc/villages.js';
export {
  type Database,
  type OpenDatabaseOptions,
  openDatabase,
  pendingSchemaDiff,
} from './database.js';
export {
  ConcurrentUpdateError,
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
export { type BuildingInput, GridRepository, type PartyGroupSize } from './grid/grids.js';
export type {
  RequestContact,
  RequestSummary,
  StoredBuilding,
  StoredGrid,
  StoredRequest,
  StoredRequestWithTrail,
  StoredWorker,
} from './grid/mapping.js';
export type { PartitionWrite, StoredPartition } from './grid/partitions.js';
export {
  type DecidedRequest,
  type EscalationSweep,
  type RequestFilter,
  type RequestRules,
  ResidentRequestRepository,
  type RulesOf,
  type SavedRequests,
} from './grid/requests.js';
export type { GridRoute } from './grid/routing.js';
export {
  GridStatisticsRepository,
  type LevelCounts,
  type StatisticsOptions,
  type StatisticsScope,
} from './grid/statistics.js';
export type { GridRegisterSession, KeyedWrite } from './onboarding/grid-registers.js';
export {
  type GridPlacement,
  type ImportRecordInput,
  type MemberWrite,
  type RegisteredMember,
  RegisterImportRepository,
  type RegisterImportSession,
  type StoredImport,
} from './onboarding/imports.js';
export {
  type CountyExtent,
  type JointMeetingRecord,
  type RegisterWriteKey,
  type RegisterWriteOutcome,
  RegisterWriteRepository,
  type RegisterWriteSession,
} from './onboarding/register-writes.js';
export {
  type SaveOutcome,
  StationedUnitRepository,
  type UnitRegisterSession,
} from './onboarding/unit-registers.js';
export { type OrgNodeRow, OrgRepository } from './org/org-nodes.js';
export {
  type OrgLifeFilter,
  type OrgLifeMeetingStatus,
  OrgLifeRepository,
  type OrgLifeSaved,
  type OrgLifeWrite,
  type StoredOrgLifeMeeting,
} from './org-life/meetings.js';
export { CoBuildingRepository, type StoredCoBuilding } from './points/cobuilding.js';
export {
  type AppendOptions,
  type AppendOutcome,
  type AuditOptions,
  type AuditOutcome,
  type EntryInput,
  PointsLedgerRepository,
} from './points/ledger.js';
export type { PointsLedgerOptions, PointsYear, ProfileYear, RulesLookup } from './points/ledger-reads.js';
export type { StoredPointRecord, StoredYearLock } from './points/ledger-rows.js';
export {
  type MemberFilter,
  type MemberInput,
  PointsMemberRepository,
  type StoredMember,
} from './points/members.js';
export { ProfileDocumentRepository } from './profile-documents.js';
export { type LoggableError, loggableError } from './redaction.js';
export { databaseSecret, type InstanceSecretName } from './secrets/instance-secrets.js';
export { type ResealSummary, rotatePersonalDataKeys } from './secrets/reseal.js';
export type { PersonalDataKeySource, PersonalDataKeys } from './secrets/sealing.js';
export { nextTurn } from './sql.js';
