import {
  type Appended,
  type AuditInput,
  appendToLedger,
  checkPointEntry,
  createMemberDirectory,
  emptyLedger,
  type Issue,
  issue,
  type LedgerEntry,
  type LedgerInput,
  type MemberDirectory,
  POINT_ENTRY_TRANSITIONS,
  type PointEntryInput,
  type PointLedger,
  type PointRecord,
  type PointsNote,
  pointRecord,
  pointRecords,
  type RuleVersions,
  referenceProfile,
  replayLedger,
  samePayload,
  unwrap,
  yearLock,
  yearOf,
} from '@jiceng/domain';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import {
  ConcurrentUpdateError,
  convertDriverError,
  InvalidInputError,
  StoredDataInvalidError,
} from '../errors.js';
import { type PersonalDataCodec, personalDataOf } from '../secrets/sealing.js';
import {
  BATCH,
  chunks,
  int,
  isPostgres,
  json,
  lockClause,
  MAX_RETRIES,
  placeholders,
  withRetry,
} from '../sql.js';
import { directoryOf, type MemberFilter, memberFromRow, type StoredMember } from './members.js';
import {
  type PointEntryState,
  type PointsEntryRow,
  PointsEntrySchema,
  type PointsLedgerRow,
  PointsLedgerSchema,
  PointsMemberSchema,
  type PointsYearLockRow,
  PointsYearLockSchema,
} from './schemas.js';

/** The rule profile history a member's points are kept under, by profile id. */
export type RulesLookup = (profileId: string) => RuleVersions | undefined;

export interface PointsLedgerOptions {
  /** Resolves a member's `profileId` (usually `catalog.history(id)`). */
  readonly rules: RulesLookup;
  /** The profile of an audit of a branch that has no members (default `reference`). */
  readonly defaultProfileId?: string;
}

/** A point entry as it stands, with the version to pass back when stepping it. */
export interface StoredPointRecord {
  /** The domain's record; `entry.seq` is the ledger's database sequence. */
  readonly record: PointRecord;
  readonly version: number;
}

/** What an append did. */
export interface AppendOutcome {
  /** The ledger entry as stored; `seq` is the database sequence. */
  readonly entry: LedgerEntry;
  /** True when the key was already there with the same payload: nothing was written. */
  readonly duplicate: boolean;
  /** Cap notes for the person recording (a note, never a refusal). */
  readonly notes: readonly PointsNote[];
  /** The point entry the input recorded or stepped, after the append. */
  readonly record: StoredPointRecord;
}

/** A branch's year locked by the committee audit. */
export interface StoredYearLock {
  readonly branch: string;
  readonly year: number;
  readonly key: string;
  readonly on: string;
  readonly by: string;
}

export interface AuditOutcome {
  readonly entry: LedgerEntry;
  readonly duplicate: boolean;
  readonly lock: StoredYearLock & { readonly daysLate: number };
  /** Entries the audit moved to audited and to lapsed (0 for a duplicate). */
  readonly audited: number;
  readonly lapsed: number;
}

/** The inputs `append` takes: everything but the yearly audit, which has its own method. */
export type EntryInput = Exclude<LedgerInput, AuditInput>;

/** Options of {@link PointsLedgerRepository.append}. */
export interface AppendOptions {
  /** The entry's version the step was decided on: a step on a later version is refused. */
  readonly expectedVersion?: number;
  /**
   * The member as the caller read them to decide who takes the step and whether they may: the
   * write is refused with {@link ConcurrentUpdateError} when the member's placement (branch,
   * community, grid, registrations, profile) changed since, so a decision is never applied to a
   * member it was not made on.
   */
  readonly decidedOn?: StoredMember;
}

/** Options of {@link PointsLedgerRepository.audit}. */
export interface AuditOptions {
  /**
   * The branch's members as the caller read them to authorise the audit: refused with
   * {@link ConcurrentUpdateError} when a member joined, left or moved since.
   */
  readonly decidedOn?: readonly StoredMember[];
}

/** What an authorisation decision on a member rests on: where the member is placed and under which rules. */
export function memberPlacement(member: StoredMember): string {
  return JSON.stringify([
    member.code,
    member.branch,
    member.community ?? null,
    member.grid ?? null,
    member.profileId,
    member.dualRegistrations ?? [],
  ]);
}

function refuseMoved(decided: readonly StoredMember[], read: readonly StoredMember[]): void {
  const before = decided.map(memberPlacement).sort();
  const now = read.map(memberPlacement).sort();
  if (before.length !== now.length || before.some((p, i) => p !== now[i])) {
    const codes = [...new Set([...decided, ...read].map((m) => m.code))].slice(0, 5).join(', ');
    throw new ConcurrentUpdateError(`member ${codes} changed since the step was decided; reload and retry`);
  }
}

/** A year of points of some members, loaded for the domain's scoring functions. */
export interface PointsYear {
  readonly year: number;
  /** The members as stored (with their personal data), in code order. */
  readonly stored: readonly StoredMember[];
  /** The same members as the domain's directory: pass the whole object as scoring options. */
  readonly members: MemberDirectory;
  /** Every point entry of the members dated in the year, in ledger order. */
  readonly records: readonly PointRecord[];
  /** Workflow versions by entry key. */
  readonly versions: ReadonlyMap<string, number>;
  readonly profileId: string;
  readonly rules: RuleVersions;
  readonly locks: readonly StoredYearLock[];
}

const MAX_KEY = 200;
const EMPTY_DIRECTORY = unwrap(createMemberDirectory([]));
const AUDIT_MOVES = POINT_ENTRY_TRANSITIONS.filter((t) => t.action === 'audit');

interface LedgerRowView {
  readonly seq: number;
  readonly key: string;
  readonly type: string;
  readonly member: string | null;
  readonly entryKey: string | null;
  readonly year: number;
  readonly input: LedgerInput;
}

const MEMBER_COLUMNS = [
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
const LEDGER_COLUMNS =
  'l.seq as l_seq, l.key as l_key, l.type as l_type, l.member_code as l_member, l.entry_key as l_entry, l.year as l_year, l.payload as l_payload';

function memberOfRaw(row: Record<string, unknown>, codec: PersonalDataCodec): StoredMember {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith('m_')) out[k.slice(2)] = v;
  return memberFromRow(out, codec);
}

function ledgerOfRaw(rows: readonly Record<string, unknown>[]): LedgerRowView[] {
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

const ENTRY_COLUMNS =
  'e.key as e_key, e.seq as e_seq, e.status as e_status, e.entry as e_entry, e.state as e_state, e.version as e_version';

/** Distinct workflow rows of a joined result (columns prefixed `e_`), in ledger order. */
function entriesOfRaw(rows: readonly Record<string, unknown>[]): StoredPointRecord[] {
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

function lockOf(row: PointsYearLockRow): StoredYearLock {
  return {
    branch: row.branchCode,
    year: row.year,
    key: row.auditKey,
    on: row.auditedOn,
    by: row.auditedBy,
  };
}

/** The domain's refusal of a reused key with another payload, numbered by the database sequence. */
function idempotencyConflict(key: string, seq: number): Issue {
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

/** Signals a unique clash that is not the input's key (a racing audit): run the transaction again. */
class RetryWrite extends Error {}

/**
 * The append-only points ledger 积分台账 and the workflow rows derived from it.
 *
 * Every write is one transaction: it loads what the domain needs (the member with their year of
 * ledger rows and their branch's audit, or the entry with its steps), asks the domain
 * (`appendToLedger`), inserts the ledger row and updates the entry's workflow row. The year lock
 * is read in the same transaction, under a share lock on the member that the audit's exclusive
 * lock on the branch's members waits for (PostgreSQL; SQLite runs one transaction at a time).
 * A step decided on a version of the entry that another step has since replaced raises
 * {@link ConcurrentUpdateError}. The same key with the same payload is a no-op that returns the
 * stored entry, also when two clients race with it; another payload under a used key is the
 * domain's `POINTS_IDEMPOTENCY_CONFLICT`. There is no update or delete of a ledger row.
 */
export class PointsLedgerRepository {
  private readonly defaultProfileId: string;

  constructor(
    private readonly em: EntityManager,
    private readonly options: PointsLedgerOptions,
  ) {
    this.defaultProfileId = options.defaultProfileId ?? 'reference';
  }

  // -------------------------------------------------------------------------------------------
  // Writes

  /**
   * Appends a point entry, a submission, a review or a reversal. Pass `expectedVersion` (the
   * entry's version you decided on) to refuse a step when someone stepped the entry since.
   *
   * @example
   * await ledger.append({ type: 'point', key: 'm001/2025-02-15/vol', member: 'm001',
   *   item: 'volunteer_service', date: '2025-02-15', quantity: 4, evidence: ['sign-in'],
   *   by: { role: 'self', id: 'm001' }, on: '2025-02-15' });
   */
  async append(input: EntryInput, options: AppendOptions = {}): Promise<AppendOutcome> {
    this.precheck(input);
    return this.write(input, (tx) =>
      input.type === 'point' ? this.appendPoint(tx, input, options) : this.appendStep(tx, input, options),
    );
  }

  /**
   * The committee audit 党委年终审核 of one branch's year: locks it, moves its counted entries
   * to audited and its unfinished ones to lapsed, as the domain's transition table says. Waits
   * for every write in flight on the branch's members and holds new ones back until it commits.
   *
   * @example
   * await ledger.audit('Pb1', { type: 'audit', key: 'audit/Pb1/2025', year: 2025,
   *   by: { role: 'committee', id: 'P330102001' }, on: '2026-01-20' });
   */
  async audit(branch: string, input: AuditInput, options: AuditOptions = {}): Promise<AuditOutcome> {
    this.precheck(input);
    if (typeof branch !== 'string' || branch === '' || branch.length > 64) {
      throw new InvalidInputError([
        issue('POINTS_INVALID_INPUT', { zh: '支部编码无效', en: 'invalid branch code' }, ['branch'], {}),
      ]);
    }
    return this.write(input, (tx) => this.auditBranch(tx, branch, input, options));
  }

  /** Refuses malformed input with the domain's own issues before any SQL runs. */
  private precheck(input: LedgerInput): void {
    const probe = appendToLedger(emptyLedger(), input, {
      rules: referenceProfile,
      members: EMPTY_DIRECTORY,
    });
    if (!probe.ok) {
      const shape = probe.issues.filter((i) => i.code === 'POINTS_INVALID_INPUT');
      if (shape.length > 0) throw new InvalidInputError(shape);
    }
    const refs: [string, unknown][] = [['key', input.key]];
    if (input.type === 'point') refs.push(['member', input.member], ['correctionOf', input.correctionOf]);
    else if (input.type !== 'audit') refs.push(['entry', input.entry]);
    for (const [field, value] of refs) {
      if (value === undefined && field === 'correctionOf') continue;
      if (typeof value !== 'string' || value === '' || value.length > MAX_KEY) {
        throw new InvalidInputError([
          issue(
            'POINTS_INVALID_INPUT',
            {
              zh: `${field} 须为 1 至 ${MAX_KEY} 个字符的文本`,
              en: `${field} must be text of 1 to ${MAX_KEY} characters`,
            },
            [field],
            { field },
          ),
        ]);
      }
    }
  }

  /**
   * Runs a write transaction, again after a serialisation failure or deadlock; resolves a unique
   * violation on the input's key (a racing client with the same key) to that client's outcome.
   */
  private async write<T extends AppendOutcome | AuditOutcome>(
    input: LedgerInput,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    const { key } = input;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await withRetry(async () => {
            try {
              return await this.em.fork().transactional((tx) => work(tx as EntityManager));
            } catch (error) {
              if (!(error instanceof UniqueConstraintViolationException)) throw error;
              const existing = await this.ledgerRowByKey(this.em.fork(), key);
              if (existing === undefined) throw new RetryWrite();
              return await this.duplicateOf<T>(this.em.fork(), existing, input);
            }
          });
        } catch (error) {
          if (!(error instanceof RetryWrite) || attempt >= MAX_RETRIES) throw error;
        }
      }
    } catch (error) {
      if (error instanceof RetryWrite) throw new ConcurrentUpdateError('the ledger kept changing; retry');
      return convertDriverError(error, `ledger entry "${key}"`);
    }
  }

  private async appendPoint(
    tx: EntityManager,
    input: PointEntryInput,
    options: AppendOptions,
  ): Promise<AppendOutcome> {
    const year = yearOf(input.date);
    // One statement: the member (share-locked against the audit), their year's entries as the
    // workflow rows hold them (for the cap notes), their branch's audit of the year and any row
    // already stored under the key.
    const rows = (await tx.execute(
      `select ${MEMBER_COLUMNS}, ${ENTRY_COLUMNS}, ${LEDGER_COLUMNS} from points_member m
       left join points_entry e on e.member_code = m.code and e.year = ?
       left join points_ledger l on (l.scope = m.branch_code and l.year = ? and l.type = 'audit') or l.key = ?
       where m.code = ?${lockClause(tx, 'share', 'm')}`,
      [year, year, input.key, input.member],
    )) as Record<string, unknown>[];
    if (rows.length === 0) return this.refuseUnknown(tx, input);
    const member = memberOfRaw(rows[0]!, await personalDataOf(tx));
    if (options.decidedOn !== undefined) refuseMoved([options.decidedOn], [member]);
    const ledgerRows = ledgerOfRaw(rows);
    const existing = ledgerRows.find((r) => r.key === input.key);
    if (existing !== undefined) return this.duplicateOf(tx, existing, input);
    const memberRecords = entriesOfRaw(rows);

    const rules = this.rulesOf(member.profileId);
    const directory = directoryOf([member]);
    const context = { rules, members: directory };
    // The domain decides on a ledger of what the entry can depend on: the lock, and for a
    // correction the reversal it restates with its entry, and earlier corrections of it.
    const own = ledgerRows.filter((r) => r.type === 'audit');
    if (typeof input.correctionOf === 'string') {
      const chain = await this.correctionChain(tx, input.correctionOf);
      const foreign = chain.filter((r) => r.member !== member.code || r.year !== year);
      if (foreign.length > 0) await this.refuseForeignCorrection(tx, input, member, chain, rules);
      own.push(...chain);
      for (const r of memberRecords) {
        if (r.record.entry.correctionOf === input.correctionOf) {
          const { seq, ...entry } = r.record.entry;
          own.push({
            seq,
            key: entry.key,
            type: 'point',
            member: member.code,
            entryKey: entry.key,
            year,
            input: entry,
          });
        }
      }
      own.sort((a, b) => a.seq - b.seq);
    }
    const ledger = this.replay(own, context, `member ${member.code}, ${year}`);
    const appended = appendToLedger(ledger, input, context);
    if (!appended.ok) throw new InvalidInputError(appended.issues);
    // Cap notes count the member's other entries of the year, which the ledger above leaves out.
    const checked = checkPointEntry(
      input,
      context,
      memberRecords.map((r) => r.record),
    );
    const notes = checked.ok ? checked.value.notes : appended.value.notes;
    const record = pointRecord(appended.value.ledger, input.key)!;
    const seq = await this.insertLedgerRow(tx, input, {
      member: member.code,
      entryKey: input.key,
      scope: null,
      year,
    });
    // The read above may have waited for an audit of the branch to commit, and a statement that
    // waited sees the data of when it started: the lock is checked again, on a fresh snapshot,
    // by the insert that completes the write. An audit that starts now waits for this write.
    const sawLock = own.some((r) => r.type === 'audit' && r.year === year);
    const json = isPostgres(tx) ? 'jsonb' : 'text';
    const inserted = (await tx.execute(
      `insert into points_entry (key, seq, member_code, year, occurred_on, item, recorded_role, recorded_by, status, entry, state, version)
       select cast(? as text), cast(? as integer), cast(? as text), cast(? as integer), cast(? as text), cast(? as text),
         cast(? as text), cast(? as text), cast(? as text), cast(? as ${json}), cast(? as ${json}), cast(? as integer)
       where ${sawLock ? '1 = 1' : 'not exists (select 1 from points_year_lock y where y.branch_code = ? and y.year = ?)'}`,
      [
        input.key,
        seq,
        member.code,
        year,
        input.date,
        input.item,
        input.by.role,
        input.by.id,
        record.status,
        JSON.stringify(input),
        JSON.stringify(stateOf(record)),
        1,
        ...(sawLock ? [] : [member.branch, year]),
      ],
      'run',
    )) as { affectedRows?: number; changes?: number };
    if ((inserted.affectedRows ?? inserted.changes ?? 0) !== 1) throw new RetryWrite();
    return this.outcome({ ...appended.value, notes }, seq, record, 1, seq);
  }

  private async appendStep(
    tx: EntityManager,
    input: Exclude<EntryInput, PointEntryInput>,
    options: AppendOptions,
  ): Promise<AppendOutcome> {
    const rows = (await tx.execute(
      `select w.version as w_version, w.year as w_year, ${MEMBER_COLUMNS}, ${LEDGER_COLUMNS}
       from points_entry w join points_member m on m.code = w.member_code
       left join points_ledger l on l.entry_key = w.key
         or (l.scope = m.branch_code and l.year = w.year and l.type = 'audit') or l.key = ?
       where w.key = ?${lockClause(tx, 'share', 'm')}`,
      [input.key, input.entry],
    )) as Record<string, unknown>[];
    if (rows.length === 0) return this.refuseUnknown(tx, input);
    const version = int(rows[0]!['w_version']);
    const year = int(rows[0]!['w_year']);
    const member = memberOfRaw(rows[0]!, await personalDataOf(tx));
    if (options.decidedOn !== undefined) refuseMoved([options.decidedOn], [member]);
    const ledgerRows = ledgerOfRaw(rows);
    const rules = this.rulesOf(member.profileId);
    const directory = directoryOf([member]);
    // The entry with its steps and its branch's audit; a committee correction also needs the
    // reversal it restates (a few more queries, on that rare path).
    const own = ledgerRows.filter((r) => r.type === 'audit' || r.entryKey === input.entry);
    const point = own.find((r) => r.key === input.entry)?.input;
    if (point?.type === 'point' && point.correctionOf !== undefined) {
      const seen = new Set(own.map((r) => r.seq));
      own.push(...(await this.correctionChain(tx, point.correctionOf)).filter((r) => !seen.has(r.seq)));
      own.sort((a, b) => a.seq - b.seq);
    }
    const ledger = this.replay(own, { rules, members: directory }, `entry ${input.entry}`);
    const existing = ledgerRows.find((r) => r.key === input.key);
    if (existing !== undefined) return this.duplicateOf(tx, existing, input);
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new ConcurrentUpdateError(
        `entry "${input.entry}" is at version ${version}, not ${options.expectedVersion}; reload and retry`,
      );
    }
    const appended = appendToLedger(ledger, input, { rules, members: directory });
    if (!appended.ok) throw new InvalidInputError(appended.issues);
    const record = pointRecord(appended.value.ledger, input.entry)!;
    const seq = await this.insertLedgerRow(tx, input, {
      member: member.code,
      entryKey: input.entry,
      scope: null,
      year,
    });
    const updated = await tx.nativeUpdate(
      PointsEntrySchema,
      { key: input.entry, version },
      { status: record.status, state: stateOf(record), version: version + 1 },
    );
    if (updated !== 1) {
      throw new ConcurrentUpdateError(`entry "${input.entry}" was changed by someone else; reload and retry`);
    }
    const pointSeq = own.find((r) => r.key === input.entry)?.seq ?? record.entry.seq;
    return this.outcome(appended.value, seq, record, version + 1, pointSeq);
  }

  private async auditBranch(
    tx: EntityManager,
    branch: string,
    input: AuditInput,
    options: AuditOptions,
  ): Promise<AuditOutcome> {
    const codec = await personalDataOf(tx);
    const members = (
      await tx.find(
        PointsMemberSchema,
        { branchCode: branch },
        {
          orderBy: { code: 'asc' },
          ...(isPostgres(tx) ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
        },
      )
    ).map((r) => memberFromRow(r as unknown as Record<string, unknown>, codec));
    if (options.decidedOn !== undefined) refuseMoved(options.decidedOn, members);
    const rows = ledgerOfRaw(
      (await tx.execute(
        `select ${LEDGER_COLUMNS} from points_ledger l
         where (l.year = ? and l.member_code in (select b.code from points_member b where b.branch_code = ?))
           or (l.scope = ? and l.year = ? and l.type = 'audit') or l.key = ?`,
        [input.year, branch, branch, input.year, input.key],
      )) as Record<string, unknown>[],
    );
    const existing = rows.find((r) => r.key === input.key);
    if (existing !== undefined) return this.duplicateOf(tx, existing, input);
    const profileId = members[0]?.profileId ?? this.defaultProfileId;
    const rules = this.rulesOf(profileId);
    const directory = directoryOf(members);
    const ledger = this.replay(rows, { rules, members: directory }, `branch ${branch}, ${input.year}`);
    const appended = appendToLedger(ledger, input, { rules, members: directory });
    if (!appended.ok) throw new InvalidInputError(appended.issues);
    const seq = await this.insertLedgerRow(tx, input, {
      member: null,
      entryKey: null,
      scope: branch,
      year: input.year,
    });
    await tx.insert(PointsYearLockSchema, {
      branchCode: branch,
      year: input.year,
      auditKey: input.key,
      auditedOn: input.on,
      auditedBy: input.by.id,
    });
    const moved: Record<string, number> = {};
    for (const t of AUDIT_MOVES) {
      const result = (await tx.execute(
        `update points_entry set status = ?, version = version + 1
         where year = ? and status in (${placeholders(t.from.length)})
           and member_code in (select b.code from points_member b where b.branch_code = ?)`,
        [t.to, input.year, ...t.from, branch],
        'run',
      )) as { affectedRows?: number; changes?: number };
      moved[t.to] = (moved[t.to] ?? 0) + (result.affectedRows ?? result.changes ?? 0);
    }
    const lock = yearLock(appended.value.ledger, input.year, rules)!;
    return {
      entry: { ...appended.value.entry, seq },
      duplicate: false,
      lock: {
        branch,
        year: input.year,
        key: input.key,
        on: input.on,
        by: input.by.id,
        daysLate: lock.daysLate,
      },
      audited: moved['audited'] ?? 0,
      lapsed: moved['lapsed'] ?? 0,
    };
  }

  /** Refuses an input naming an unknown member or entry, unless its key is already stored. */
  private async refuseUnknown(tx: EntityManager, input: EntryInput): Promise<AppendOutcome> {
    const existing = await this.ledgerRowByKey(tx, input.key);
    if (existing !== undefined) return this.duplicateOf(tx, existing, input);
    const refused = appendToLedger(emptyLedger(), input, {
      rules: this.rulesOf(this.defaultProfileId),
      members: EMPTY_DIRECTORY,
    });
    throw new InvalidInputError(
      refused.ok
        ? [issue('POINTS_UNKNOWN_ENTRY', { zh: '记录不存在', en: 'no such entry' }, [], {})]
        : refused.issues,
    );
  }

  /**
   * A correction naming a reversal of another member's (or year's) entry: the domain explains
   * why on a ledger of that entry alone.
   */
  private async refuseForeignCorrection(
    tx: EntityManager,
    input: PointEntryInput,
    member: StoredMember,
    chain: readonly LedgerRowView[],
    rules: RuleVersions,
  ): Promise<never> {
    const codes = [...new Set(chain.flatMap((r) => (r.member === null ? [] : [r.member])))].filter(
      (c) => c !== member.code,
    );
    const codec = await personalDataOf(tx);
    const others = (await tx.find(PointsMemberSchema, { code: { $in: codes } })).map((r) =>
      memberFromRow(r as unknown as Record<string, unknown>, codec),
    );
    const directory = createMemberDirectory([member, ...others]);
    if (directory.ok) {
      const context = { rules, members: directory.value };
      const probe = replayLedger(
        chain.map((r) => r.input),
        context,
      );
      const refused = probe.ok ? appendToLedger(probe.value.ledger, input, context) : undefined;
      if (refused !== undefined && !refused.ok) throw new InvalidInputError(refused.issues);
    }
    throw new InvalidInputError([
      issue(
        'POINTS_INVALID_CORRECTION',
        {
          zh: `更正须针对同一党员、同一年度的冲正记录“${input.correctionOf}”`,
          en: `a correction restates a reversal ("${input.correctionOf}") of the same member and year`,
        },
        ['correctionOf'],
        { correctionOf: input.correctionOf },
      ),
    ]);
  }

  /**
   * A reversal with the entry it reverses and that entry's steps; when that entry restates an
   * earlier reversal itself, that one's chain too (a few queries, on the rare correction path).
   */
  private async correctionChain(tx: EntityManager, reversal: string): Promise<LedgerRowView[]> {
    const found = new Map<number, LedgerRowView>();
    let wanted = [reversal];
    for (let depth = 0; depth < 8 && wanted.length > 0; depth++) {
      const marks = placeholders(wanted.length);
      const rows = ledgerOfRaw(
        (await tx.execute(
          `select ${LEDGER_COLUMNS} from points_ledger l
           where l.key in (${marks}) or l.entry_key in (select c.entry_key from points_ledger c where c.key in (${marks}))`,
          [...wanted, ...wanted],
        )) as Record<string, unknown>[],
      );
      for (const r of rows) found.set(r.seq, r);
      const keys = new Set([...found.values()].map((r) => r.key));
      wanted = rows.flatMap((r) =>
        r.input.type === 'point' && r.input.correctionOf !== undefined && !keys.has(r.input.correctionOf)
          ? [r.input.correctionOf]
          : [],
      );
    }
    return [...found.values()].sort((a, b) => a.seq - b.seq);
  }

  private async insertLedgerRow(
    tx: EntityManager,
    input: LedgerInput,
    at: { member: string | null; entryKey: string | null; scope: string | null; year: number },
  ): Promise<number> {
    const point = input.type === 'point' ? input : undefined;
    const result = (await tx.execute(
      `insert into points_ledger (key, type, member_code, entry_key, scope, year, occurred_on, item, step_on, role, actor, payload)
       values (${placeholders(12)}) returning seq`,
      [
        input.key,
        input.type,
        at.member,
        at.entryKey,
        at.scope,
        at.year,
        point?.date ?? null,
        point?.item ?? null,
        input.on,
        input.by.role,
        input.by.id,
        JSON.stringify(input),
      ],
    )) as { seq: unknown }[];
    return int(result[0]!.seq);
  }

  /** The outcome of an input whose key is stored: the stored entry, or the domain's conflict. */
  private async duplicateOf<T extends AppendOutcome | AuditOutcome>(
    em: EntityManager,
    existing: LedgerRowView,
    input: LedgerInput,
  ): Promise<T> {
    if (!samePayload(existing.input, input)) {
      throw new InvalidInputError([idempotencyConflict(input.key, existing.seq)]);
    }
    const entry = { ...existing.input, seq: existing.seq } as LedgerEntry;
    if (existing.input.type === 'audit') {
      const row = await em.findOne(PointsYearLockSchema, { auditKey: existing.key });
      const lock = row === null ? undefined : lockOf(row);
      return {
        entry,
        duplicate: true,
        lock: {
          branch: lock?.branch ?? '',
          year: existing.input.year,
          key: existing.key,
          on: existing.input.on,
          by: existing.input.by.id,
          daysLate: 0,
        },
        audited: 0,
        lapsed: 0,
      } satisfies AuditOutcome as unknown as T;
    }
    const row = await em.findOne(PointsEntrySchema, { key: existing.entryKey ?? existing.key });
    if (row === null) throw new StoredDataInvalidError(`entry of ledger row "${existing.key}"`, []);
    return {
      entry,
      duplicate: true,
      notes: [],
      record: storedRecordOf(row as unknown as Record<string, unknown>),
    } satisfies AppendOutcome as unknown as T;
  }

  private outcome(
    appended: Appended,
    seq: number,
    record: PointRecord,
    version: number,
    pointSeq: number,
  ): AppendOutcome {
    return {
      entry: { ...appended.entry, seq },
      duplicate: false,
      notes: appended.notes,
      record: { record: { ...record, entry: { ...record.entry, seq: pointSeq } }, version },
    };
  }

  private replay(
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

  private rulesOf(profileId: string): RuleVersions {
    const rules = this.options.rules(profileId);
    if (rules === undefined) {
      throw new StoredDataInvalidError(`rule profile of the points ledger`, [
        issue(
          'PROFILE_NOT_FOUND',
          { zh: `没有规则配置“${profileId}”`, en: `no rule profile "${profileId}"` },
          ['profileId'],
          { profileId },
        ),
      ]);
    }
    return rules;
  }

  private async ledgerRowByKey(em: EntityManager, key: string): Promise<LedgerRowView | undefined> {
    const row = await em.findOne(PointsLedgerSchema, { key });
    return row === null ? undefined : viewOf(row);
  }

  // -------------------------------------------------------------------------------------------
  // Reads

  /** The ledger entry stored under an idempotency key, with its sequence. */
  async findEntry(key: string): Promise<LedgerEntry | undefined> {
    const row = await this.ledgerRowByKey(this.em.fork(), key);
    return row === undefined ? undefined : ({ ...row.input, seq: row.seq } as LedgerEntry);
  }

  /** Point entries by key in one query, in the order asked; unknown keys are left out. */
  async findByKeys(keys: readonly string[]): Promise<StoredPointRecord[]> {
    if (keys.length === 0) return [];
    const em = this.em.fork();
    const rows: PointsEntryRow[] = [];
    for (const batch of chunks([...new Set(keys)], BATCH)) {
      rows.push(...(await em.find(PointsEntrySchema, { key: { $in: batch } })));
    }
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return keys.flatMap((k) => {
      const row = byKey.get(k);
      return row === undefined ? [] : [storedRecordOf(row as unknown as Record<string, unknown>)];
    });
  }

  /**
   * Point entries of many members dated in a year, in one query per 1,000 members, in ledger
   * order, by member.
   */
  async recordsOfMembers(codes: readonly string[], year: number): Promise<Map<string, StoredPointRecord[]>> {
    const out = new Map<string, StoredPointRecord[]>(codes.map((c) => [c, []]));
    const em = this.em.fork();
    for (const batch of chunks([...new Set(codes)], BATCH)) {
      // Raw rows, not entities: a dashboard reads thousands of entries per request and never
      // changes them, and hydrating managed entities cost more than the query.
      const rows = (await em.execute(
        `select e.key, e.seq, e.status, e.entry, e.state, e.version from points_entry e
         where e.year = ? and e.member_code in (${placeholders(batch.length)})`,
        [year, ...batch],
      )) as Record<string, unknown>[];
      rows.sort((a, b) => int(a['seq']) - int(b['seq']));
      for (const row of rows) {
        const stored = storedRecordOf(row);
        out.get(stored.record.entry.member)?.push(stored);
      }
    }
    return out;
  }

  /**
   * A year of points for the members of some branches or communities: the members, and every
   * point entry of theirs dated in the year (one query, however many members), ready for
   * `scoreYear`, `explainPoints`, `rankAndRate`, `inServiceFeedback` and `whatIf`.
   */
  async loadYear(
    filter: MemberFilter | { readonly members: readonly string[] },
    year: number,
  ): Promise<PointsYear> {
    const em = this.em.fork();
    const picked = memberSql(filter);
    const codec = await personalDataOf(em);
    const members =
      picked === undefined
        ? []
        : (
            (await em.execute(`select * from points_member f where ${picked.sql}`, picked.params)) as Record<
              string,
              unknown
            >[]
          )
            .map((row) => memberFromRow(row, codec))
            .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const entryRows = members.length === 0 ? [] : await this.entryRows(em, filter, { year });
    const records: PointRecord[] = [];
    const versions = new Map<string, number>();
    for (const row of entryRows) {
      const stored = storedRecordOf(row);
      records.push(stored.record);
      versions.set(stored.record.entry.key, stored.version);
    }
    const profileId = members[0]?.profileId ?? this.defaultProfileId;
    const branches = [...new Set(members.map((m) => m.branch))];
    return {
      year,
      stored: members,
      members: directoryOf(members),
      records,
      versions,
      profileId,
      rules: this.rulesOf(profileId),
      locks: await this.yearLocks(branches, year),
    };
  }

  /** Workflow rows of the filter's members in one query (a subquery picks the members). */
  private async entryRows(
    em: EntityManager,
    filter: MemberFilter | { readonly members: readonly string[] },
    where: { readonly year?: number; readonly status?: string },
  ): Promise<Record<string, unknown>[]> {
    const members = memberSql(filter);
    if (members === undefined) return [];
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (where.year !== undefined) {
      conditions.push('e.year = ?');
      params.push(where.year);
    }
    if (where.status !== undefined) {
      conditions.push('e.status = ?');
      params.push(where.status);
    }
    conditions.push(`e.member_code in (select f.code from points_member f where ${members.sql})`);
    params.push(...members.params);
    // Sorted here rather than by the database: a sort of wide rows there costs more than the query.
    const rows = (await em.execute(
      `select e.key, e.seq, e.status, e.entry, e.state, e.version from points_entry e where ${conditions.join(' and ')}`,
      params,
    )) as Record<string, unknown>[];
    return rows.sort((a, b) => int(a['seq']) - int(b['seq']));
  }

  /** Year locks of some branches, in one query. */
  async yearLocks(branches: readonly string[], year: number): Promise<StoredYearLock[]> {
    if (branches.length === 0) return [];
    const em = this.em.fork();
    const rows: PointsYearLockRow[] = [];
    for (const batch of chunks(branches, BATCH)) {
      rows.push(...(await em.find(PointsYearLockSchema, { year, branchCode: { $in: batch } })));
    }
    return rows.map(lockOf).sort((a, b) => (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : 0));
  }

  /** Entries of some members in a status (e.g. `submitted`: awaiting branch review), oldest first. */
  async inStatus(
    filter: MemberFilter,
    status: PointRecord['status'],
    year?: number,
  ): Promise<StoredPointRecord[]> {
    const rows = await this.entryRows(this.em.fork(), filter, {
      status,
      ...(year === undefined ? {} : { year }),
    });
    return rows.map(storedRecordOf);
  }

  /**
   * The stored ledger inputs of some members' year (their branches' audits included), in ledger
   * order: what a replay reads.
   */
  async ledgerInputs(
    filter: MemberFilter | { readonly members: readonly string[] },
    year: number,
  ): Promise<LedgerEntry[]> {
    const where = memberWhere(filter);
    if (where === undefined) return [];
    const em = this.em.fork();
    const members = await em.find(PointsMemberSchema, where, { fields: ['code', 'branchCode'] });
    const codes = members.map((m) => m.code);
    const branches = [...new Set(members.map((m) => m.branchCode))];
    const rows: PointsLedgerRow[] = [];
    for (const batch of chunks(codes, BATCH)) {
      rows.push(...(await em.find(PointsLedgerSchema, { year, memberCode: { $in: batch } })));
    }
    for (const batch of chunks(branches, BATCH)) {
      rows.push(...(await em.find(PointsLedgerSchema, { year, type: 'audit', scope: { $in: batch } })));
    }
    return rows.sort((a, b) => a.seq - b.seq).map((r) => ({ ...r.payload, seq: r.seq }) as LedgerEntry);
  }

  /**
   * The records of some members' year replayed from the ledger itself (one domain ledger per
   * branch, as audits lock a branch), for checking the workflow rows against their source.
   */
  async replayYear(
    filter: MemberFilter | { readonly members: readonly string[] },
    year: number,
  ): Promise<PointRecord[]> {
    const loaded = await this.loadYear(filter, year);
    const entries = await this.ledgerInputs(filter, year);
    const branchOf = new Map(loaded.stored.map((m) => [m.code, m.branch]));
    const entryBranch = new Map<string, string>();
    const byBranch = new Map<string, LedgerEntry[]>();
    for (const e of entries) {
      let branch: string | undefined;
      if (e.type === 'audit') branch = loaded.locks.find((l) => l.key === e.key)?.branch;
      else if (e.type === 'point') {
        branch = branchOf.get(e.member);
        if (branch !== undefined) entryBranch.set(e.key, branch);
      } else branch = entryBranch.get(e.entry);
      if (branch === undefined) continue;
      const list = byBranch.get(branch) ?? [];
      list.push(e);
      byBranch.set(branch, list);
    }
    const out: PointRecord[] = [];
    for (const [branch, list] of byBranch) {
      const ledger = this.replay(
        list.map((e) => ({
          seq: e.seq,
          key: e.key,
          type: e.type,
          member: null,
          entryKey: null,
          year,
          input: stripSeq(e),
        })),
        { rules: loaded.rules, members: loaded.members },
        `branch ${branch}, ${year}`,
      );
      const seqs = new Map(list.map((e) => [e.key, e.seq]));
      for (const r of pointRecords(ledger, { year }))
        out.push({ ...r, entry: { ...r.entry, seq: seqs.get(r.entry.key)! } });
    }
    return out.sort((a, b) => a.entry.seq - b.entry.seq);
  }
}

function stripSeq(entry: LedgerEntry): LedgerInput {
  const { seq: _seq, ...input } = entry;
  return input as LedgerInput;
}

function viewOf(row: PointsLedgerRow): LedgerRowView {
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
function memberSql(
  filter: MemberFilter | { readonly members: readonly string[] },
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
  return parts.length === 0 ? undefined : { sql: `(${parts.join(' or ')})`, params };
}

function memberWhere(
  filter: MemberFilter | { readonly members: readonly string[] },
): Record<string, unknown> | undefined {
  if ('members' in filter)
    return filter.members.length === 0 ? undefined : { code: { $in: [...filter.members] } };
  const or: object[] = [];
  if ((filter.branches ?? []).length > 0) or.push({ branchCode: { $in: [...filter.branches!] } });
  if ((filter.communities ?? []).length > 0) or.push({ communityCode: { $in: [...filter.communities!] } });
  return or.length === 0 ? undefined : { $or: or };
}
