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

export const onboardingEntities = [RegisterImportSchema, ...unitEntities, ...groupEntities] as const;
