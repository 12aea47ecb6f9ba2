import {
  type Appended,
  type AuditInput,
  appendToLedger,
  checkPointEntry,
  createMemberDirectory,
  emptyLedger,
  issue,
  type LedgerEntry,
  type LedgerInput,
  POINT_ENTRY_TRANSITIONS,
  type PointEntryInput,
  type PointRecord,
  type PointsNote,
  pointRecord,
  referenceProfile,
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
import { personalDataOf } from '../secrets/sealing.js';
import { int, isPostgres, lockClause, MAX_RETRIES, placeholders, withRetry } from '../sql.js';
import { correctionChain, refuseForeignCorrection } from './ledger-corrections.js';
import { PointsLedgerReads } from './ledger-reads.js';
import {
  ENTRY_COLUMNS,
  entriesOfRaw,
  idempotencyConflict,
  LEDGER_COLUMNS,
  type LedgerRowView,
  ledgerOfRaw,
  ledgerRowByKey,
  lockOf,
  MEMBER_COLUMNS,
  memberOfRaw,
  replayRows,
  type StoredPointRecord,
  type StoredYearLock,
  stateOf,
  storedRecordOf,
} from './ledger-rows.js';
import { directoryOf, memberFromRow, type StoredMember } from './members.js';
import { PointsEntrySchema, PointsMemberSchema, PointsYearLockSchema } from './schemas.js';

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

const MAX_KEY = 200;
const EMPTY_DIRECTORY = unwrap(createMemberDirectory([]));
const AUDIT_MOVES = POINT_ENTRY_TRANSITIONS.filter((t) => t.action === 'audit');

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
 * domain's `POINTS_IDEMPOTENCY_CONFLICT`. There is no update or delete of a ledger row. The reads
 * come from {@link PointsLedgerReads} (`ledger-reads.ts`); the rare correction path is in
 * `ledger-corrections.ts`.
 */
export class PointsLedgerRepository extends PointsLedgerReads {
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
   * Appends inside a caller's transaction, so a fact and the point entries it earns or reverses
   * are one write (an organisational life meeting and its attendance entries). The same checks
   * as {@link append}; a racing write surfaces as {@link ConcurrentUpdateError}, and the whole
   * transaction is the caller's to retry.
   */
  async appendWithin(
    tx: EntityManager,
    input: EntryInput,
    options: AppendOptions = {},
  ): Promise<AppendOutcome> {
    this.precheck(input);
    try {
      return input.type === 'point'
        ? await this.appendPoint(tx, input, options)
        : await this.appendStep(tx, input, options);
    } catch (error) {
      if (error instanceof RetryWrite) {
        throw new ConcurrentUpdateError(`the year of entry "${input.key}" was locked meanwhile; retry`);
      }
      throw error;
    }
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
              const existing = await ledgerRowByKey(this.em.fork(), key);
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
      const chain = await correctionChain(tx, input.correctionOf);
      const foreign = chain.filter((r) => r.member !== member.code || r.year !== year);
      if (foreign.length > 0) await refuseForeignCorrection(tx, input, member, chain, rules);
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
    const ledger = replayRows(own, context, `member ${member.code}, ${year}`);
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
      `insert into points_entry (key, seq, member_code, year, occurred_on, item, recorded_role, recorded_by, status, entry, state, version, source_kind, source_id)
       select cast(? as text), cast(? as integer), cast(? as text), cast(? as integer), cast(? as text), cast(? as text),
         cast(? as text), cast(? as text), cast(? as text), cast(? as ${json}), cast(? as ${json}), cast(? as integer),
         cast(? as text), cast(? as text)
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
        input.source?.kind ?? null,
        input.source?.id ?? null,
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
      own.push(...(await correctionChain(tx, point.correctionOf)).filter((r) => !seen.has(r.seq)));
      own.sort((a, b) => a.seq - b.seq);
    }
    const ledger = replayRows(own, { rules, members: directory }, `entry ${input.entry}`);
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
    const context = this.branchContext(members);
    const { rules } = context;
    const ledger = replayRows(rows, context, `branch ${branch}, ${input.year}`);
    const appended = appendToLedger(ledger, input, context);
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
    const existing = await ledgerRowByKey(tx, input.key);
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
}
