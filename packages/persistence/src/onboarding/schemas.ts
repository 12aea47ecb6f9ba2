import type { SheetCounts, SheetKind } from '@jiceng/domain';
import { EntitySchema } from '@mikro-orm/core';
import { groupEntities } from './group-registers.js';
import { unitEntities } from './unit-registers.js';

/**
 * One register import 名册导入 that was applied: who ran it, when, which file (its SHA-256 and
 * size), under which options, and what it changed per sheet. A file refused for its errors, and a
 * dry run, write nothing, this row included.
 */
export interface RegisterImportRow {
  id: number;
  /** When it was applied, an ISO-8601 instant with offset. */
  importedAt: string;
  /** Who applied it: the caller's subject (`cli:alice`, a token's `sub`). */
  importedBy: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  /** The rule profile the members were checked against and are kept under. */
  profileId: string;
  /** Whether rows the file no longer has were removed. */
  removeMissing: boolean;
  /** Data rows read, all sheets. */
  rows: number;
  counts: Partial<Record<SheetKind, SheetCounts>>;
}

export const RegisterImportSchema = new EntitySchema<RegisterImportRow>({
  name: 'RegisterImportRow',
  tableName: 'register_import',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    importedAt: { type: 'string', length: 40 },
    importedBy: { type: 'string', length: 200 },
    fileName: { type: 'string', length: 500 },
    fileSha256: { type: 'string', length: 64 },
    fileBytes: { type: 'bigint', runtimeType: 'number' },
    profileId: { type: 'string', length: 64 },
    removeMissing: { type: 'boolean' },
    rows: { type: 'integer' },
    counts: { type: 'json' },
  },
  indexes: [{ name: 'register_import_sha256_idx', properties: ['fileSha256'] }],
});

/**
 * One write of the registers' write API (a member created, a building retired, a staffing plan
 * applied), kept by the client's idempotency key: a retry with the same key and the same command
 * changes nothing and answers as the first time; the same key with another command is refused.
 */
export interface RegisterWriteRow {
  /** The client's idempotency key. */
  key: string;
  /** The mutation, `createPartyMember`. */
  operation: string;
  /** What it wrote: a member, building or worker code, a grid, a community, a meeting id. */
  subject: string;
  /** SHA-256 of the command as the use case checked it: the same key must carry the same command. */
  digest: string;
  /** Who wrote it: the caller's subject. */
  actor: string;
  /** When, an ISO-8601 instant with offset. */
  recordedAt: string;
}

export const RegisterWriteSchema = new EntitySchema<RegisterWriteRow>({
  name: 'RegisterWriteRow',
  tableName: 'register_write',
  properties: {
    key: { type: 'string', primary: true, length: 200 },
    operation: { type: 'string', length: 64 },
    subject: { type: 'string', length: 200 },
    digest: { type: 'string', length: 64 },
    actor: { type: 'string', length: 200 },
    recordedAt: { type: 'string', length: 40 },
  },
  indexes: [{ name: 'register_write_subject_idx', properties: ['subject'] }],
});

export const onboardingEntities = [
  RegisterImportSchema,
  RegisterWriteSchema,
  ...unitEntities,
  ...groupEntities,
] as const;
