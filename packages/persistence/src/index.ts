export {
  type DatabaseTarget,
  DatabaseUrlError,
  type OrmOptionsInput,
  ormOptions,
  parseDatabaseUrl,
} from './config.js';
export { type Database, entities, openDatabase } from './database.js';
export {
  ConcurrentUpdateError,
  ProfileDocumentRepository,
  type ProfileDocumentRow,
  ProfileDocumentSchema,
  StoredProfileInvalidError,
} from './profile-documents.js';
