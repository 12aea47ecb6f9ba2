import { checkProfileDocument, type ProfileDocument } from '@jiceng/domain';
import { EntitySchema, LockMode } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { announceChange } from './changes.js';
import { convertDriverError, StoredDataInvalidError } from './errors.js';

/** A county's rule profile document as stored: the document is kept whole, as JSON. */
export interface ProfileDocumentRow {
  id: string;
  document: ProfileDocument;
  /** Optimistic lock: a stale write is refused instead of silently overwriting. */
  revision: number;
}

export const ProfileDocumentSchema = new EntitySchema<ProfileDocumentRow>({
  name: 'ProfileDocumentRow',
  tableName: 'profile_document',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    document: { type: 'json' },
    revision: { type: 'integer', version: true },
  },
});

/** Stores and loads county profile documents. */
export class ProfileDocumentRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Inserts or replaces a document. Pass the revision you read to replace it; a stale
   * revision raises {@link ConcurrentUpdateError}.
   */
  async save(document: ProfileDocument, expectedRevision?: number): Promise<number> {
    const em = this.em.fork();
    try {
      return await em.transactional(async (tx) => {
        const existing = await tx.findOne(ProfileDocumentSchema, { id: document.id });
        if (existing === null) {
          const row = tx.create(ProfileDocumentSchema, { id: document.id, document, revision: 1 });
          await tx.flush();
          await announceChange(tx, 'profiles');
          return row.revision;
        }
        if (expectedRevision !== undefined) await tx.lock(existing, LockMode.OPTIMISTIC, expectedRevision);
        existing.document = document;
        await tx.flush();
        await announceChange(tx, 'profiles');
        return existing.revision;
      });
    } catch (error) {
      return convertDriverError(error, `profile "${document.id}"`);
    }
  }

  /** One document with the revision to pass back to {@link save} when replacing it. */
  async get(id: string): Promise<{ document: ProfileDocument; revision: number } | undefined> {
    const row = await this.em.fork().findOne(ProfileDocumentSchema, { id });
    return row === null ? undefined : { document: this.check(row), revision: row.revision };
  }

  /** Loads many documents in one query, in the order asked; unknown ids are left out. */
  async loadMany(ids: readonly string[]): Promise<ProfileDocument[]> {
    const rows = await this.em.fork().find(ProfileDocumentSchema, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [this.check(row)];
    });
  }

  async all(): Promise<ProfileDocument[]> {
    const rows = await this.em.fork().find(ProfileDocumentSchema, {}, { orderBy: { id: 'asc' } });
    return rows.map((r) => this.check(r));
  }

  private check(row: ProfileDocumentRow): ProfileDocument {
    const checked = checkProfileDocument(row.document);
    if (!checked.ok) throw new StoredDataInvalidError(`profile "${row.id}"`, checked.issues);
    return checked.value;
  }
}
