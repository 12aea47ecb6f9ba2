import {
  type Issue,
  issue,
  type LedgerEntry,
  type LedgerInput,
  type MemberDirectory,
  type PointEntryInput,
  type PointLedger,
  type PointRecord,
  type RuleVersions,
  replayLedger,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { StoredDataInvalidError } from '../errors.js';
import type { PersonalDataCodec } from '../secrets/sealing.js';
import { BATCH, chunks, int, json, placeholders } from '../sql.js';
import { type MemberFilter, memberFromRow, type StoredMember } from './members.js';
import {
  type PointEntryState,
  type PointsLedgerRow,
  PointsLedgerSchema,
  type PointsYearLockRow,
} from './schemas.js';

/**
 * How the points ledger's rows read as domain data: the stored shapes, the mappers of entity and
 * raw rows (joined results carry prefixed columns), the replay of stored rows, and a member filter
 * as SQL. Shared by the ledger's reads and writes, and by the bulk seed (`stateOf`).
 */

/** A point entry as it stands, with the version to pass back when stepping it. */
export interface StoredPointRecord {
  /** The domain's record; `entry.seq` is the ledger's database sequence. */
  readonly record: PointRecord;
  readonly version: number;
}

/** A branch's year locked by the committee audit. */
export interface StoredYearLock {
  readonly branch: string;
  readonly year: number;
  readonly key: string;
  readonly on: string;
  readonly by: string;
}

export interface LedgerRowView {
  readonly seq: number;
  readonly key: string;
  readonly type: string;
  readonly member: string | null;
  readonly entryKey: string | null;
  readonly year: number;
  readonly input: LedgerInput;
}

export const MEMBER_COLUMNS = [
  'code',
  'name',
  'resident_id',
  'mobile',
  'branch_code',
  'community_code',
  'grid_code',
  'profile_id',
  'categories',
  'dual_registrations',
]
  .map((c) => `m.${c} as m_${c}`)
  .join(', ');
export const LEDGER_COLUMNS =
  'l.seq as l_seq, l.key as l_key, l.type as l_type, l.member_code as l_member, l.entry_key as l_entry, l.year as l_year, l.payload as l_payload';

export function memberOfRaw(row: Record<string, unknown>, codec: PersonalDataCodec): StoredMember {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith('m_')) out[k.slice(2)] = v;
  return memberFromRow(out, codec);
}

export function ledgerOfRaw(rows: readonly Record<string, unknown>[]): LedgerRowView[] {
  const out: LedgerRowView[] = [];
  const seen = new Set<number>();
  for (const r of rows) {
    if (r['l_seq'] === null || r['l_seq'] === undefined) continue;
    const seq = int(r['l_seq']);
    if (seen.has(seq)) continue;
    seen.add(seq);
    out.push({
      seq,
      key: r['l_key'] as string,
      type: r['l_type'] as string,
      member: (r['l_member'] as string | null) ?? null,
      entryKey: (r['l_entry'] as string | null) ?? null,
      year: int(r['l_year']),
      input: json<LedgerInput>(r['l_payload']),
    });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export const ENTRY_COLUMNS =
  'e.key as e_key, e.seq as e_seq, e.status as e_status, e.entry as e_entry, e.state as e_state, e.version as e_version';

/** Distinct workflow rows of a joined result (columns prefixed `e_`), in ledger order. */
export function entriesOfRaw(rows: readonly Record<string, unknown>[]): StoredPointRecord[] {
  const seen = new Map<string, StoredPointRecord>();
  for (const r of rows) {
    const key = r['e_key'];
    if (typeof key !== 'string' || seen.has(key)) continue;
    seen.set(
      key,
      storedRecordOf({
        seq: r['e_seq'],
        status: r['e_status'],
        entry: r['e_entry'],
        state: r['e_state'],
        version: r['e_version'],
      }),
    );
  }
  return [...seen.values()].sort((a, b) => a.record.entry.seq - b.record.entry.seq);
}

/** The workflow columns of a record as stored: one mapping for live writes and the bulk seed. */
export function stateOf(record: PointRecord): PointEntryState {
  return {
    ...(record.adjustment === undefined ? {} : { adjustment: { ...record.adjustment } }),
    ...(record.reviewReason === undefined ? {} : { reviewReason: record.reviewReason }),
    // A copy: the ledger entry is frozen, and the ORM writes into what it is given.
    ...(record.reviewedBy === undefined ? {} : { reviewedBy: structuredClone(record.reviewedBy) }),
    ...(record.reversal === undefined ? {} : { reversal: { ...record.reversal } }),
    lastStepOn: record.lastStepOn,
    steps: [...record.steps],
  } as PointEntryState;
}

/** A workflow row (entity or raw) as the domain's record with the database sequence. */
export function storedRecordOf(row: Record<string, unknown>): StoredPointRecord {
  const entry = json<PointEntryInput>(row['entry']);
  const state = json<PointEntryState>(row['state']);
  const status = row['status'] as PointRecord['status'];
  return {
    record: {
      entry: { ...entry, seq: int(row['seq']) },
      status,
      ...(state.adjustment === undefined ? {} : { adjustment: state.adjustment }),
      ...(state.reviewReason === undefined ? {} : { reviewReason: state.reviewReason }),
      ...(state.reviewedBy === undefined ? {} : { reviewedBy: state.reviewedBy }),
      ...(state.reversal === undefined ? {} : { reversal: state.reversal }),
      lastStepOn: state.lastStepOn,
      steps: state.steps,
    },
    version: int(row['version']),
  };
}

export function lockOf(row: PointsYearLockRow): StoredYearLock {
  return {
    branch: row.branchCode,
    year: row.year,
    key: row.auditKey,
    on: row.auditedOn,
    by: row.auditedBy,
  };
}

/** A ledger replayed by the domain from its stored rows; a refusal means the stored data is invalid. */
export function replayRows(
  rows: readonly LedgerRowView[],
  context: { rules: RuleVersions; members: MemberDirectory },
  what: string,
): PointLedger {
  const replayed = replayLedger(
    rows.map((r) => r.input),
    context,
  );
  if (!replayed.ok) throw new StoredDataInvalidError(`points ledger of ${what}`, replayed.issues);
  return replayed.value.ledger;
}

/** The ledger row stored under an idempotency key. */
export async function ledgerRowByKey(em: EntityManager, key: string): Promise<LedgerRowView | undefined> {
  const row = await em.findOne(PointsLedgerSchema, { key });
  return row === null ? undefined : viewOf(row);
}

export function stripSeq(entry: LedgerEntry): LedgerInput {
  const { seq: _seq, ...input } = entry;
  return input as LedgerInput;
}

export function viewOf(row: PointsLedgerRow): LedgerRowView {
  return {
    seq: row.seq,
    key: row.key,
    type: row.type,
    member: row.memberCode,
    entryKey: row.entryKey,
    year: row.year,
    input: row.payload,
  };
}

/** The filter's members as a SQL condition on `points_member f`. */
export function memberSql(
  filter: MemberFilter | { readonly members: readonly string[] },
  options: { readonly activeIn?: number | undefined } = {},
): { sql: string; params: unknown[] } | undefined {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, values: readonly string[] | undefined) => {
    for (const batch of chunks([...new Set(values ?? [])], BATCH)) {
      parts.push(`f.${column} in (${placeholders(batch.length)})`);
      params.push(...batch);
    }
  };
  if ('members' in filter) add('code', filter.members);
  else {
    add('branch_code', filter.branches);
    add('community_code', filter.communities);
  }
  if (parts.length === 0) return undefined;
  // A member retired on any day of a year is no longer among its members, nor of later years'.
  if (options.activeIn === undefined) return { sql: `(${parts.join(' or ')})`, params };
  return {
    sql: `(${parts.join(' or ')}) and (f.retired_on is null or f.retired_on > ?)`,
    params: [...params, `${options.activeIn}-12-31`],
  };
}

export function memberWhere(
  filter: MemberFilter | { readonly members: readonly string[] },
): Record<string, unknown> | undefined {
  if ('members' in filter)
    return filter.members.length === 0 ? undefined : { code: { $in: [...filter.members] } };
  const or: object[] = [];
  if ((filter.branches ?? []).length > 0) or.push({ branchCode: { $in: [...filter.branches!] } });
  if ((filter.communities ?? []).length > 0) or.push({ communityCode: { $in: [...filter.communities!] } });
  return or.length === 0 ? undefined : { $or: or };
}

/** The domain's refusal of a reused key with another payload, numbered by the database sequence. */
export function idempotencyConflict(key: string, seq: number): Issue {
  return issue(
    'POINTS_IDEMPOTENCY_CONFLICT',
    {
      zh: `幂等键“${key}”已用于第 ${seq} 条台账记录，但本次提交的内容不同；重试请原样提交，新记录请换用新键`,
      en: `idempotency key "${key}" already belongs to ledger entry #${seq} with a different payload; retry with the same payload, or use a new key for a new entry`,
    },
    ['key'],
    { key, existingSeq: seq },
  );
}
