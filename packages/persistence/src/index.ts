export type { EntityManager } from '@mikro-orm/core';
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
  ProfileDocumentRepository,
  type ProfileDocumentRow,
  ProfileDocumentSchema,
  StoredProfileInvalidError,
} from './profile-documents.js';
