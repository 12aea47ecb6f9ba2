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
