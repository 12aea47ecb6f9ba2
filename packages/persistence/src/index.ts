export type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
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
  DuplicateKeyError,
  InvalidInputError,
  PersistenceError,
  type PersistenceErrorCode,
  StoredDataInvalidError,
} from './errors.js';
export { type OrgNodeRow, OrgNodeSchema, OrgRepository } from './org/org-nodes.js';
export {
  ProfileDocumentRepository,
  type ProfileDocumentRow,
  ProfileDocumentSchema,
} from './profile-documents.js';
