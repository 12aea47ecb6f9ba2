import { POINT_ENTRY_TRANSITIONS } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError } from '../errors.js';
import { BATCH, chunks, int, placeholders, withRetry } from '../sql.js';
import type { PointsYearLockRow } from './schemas.js';
import type { EntryRowData, GeneratedLedger, LedgerRowData } from './seed-ledger.js';

/**
 * The bulk load of a generated ledger: planned in batches of whole members with the audits they
 * complete, each batch one transaction of multi-row inserts.
 */

export interface PointsSeedProgress {
  readonly phase: 'members' | 'ledger';
  readonly done: number;
  readonly total: number;
}

/** What one transaction of the bulk load writes: whole members, and the audits they complete. */
export interface LedgerLoadBatch {
  readonly ledger: readonly LedgerRowData[];
  readonly entries: readonly EntryRowData[];
  readonly locks: readonly PointsYearLockRow[];
}

/**
 * Splits a generated ledger into transactions of about {@link BATCH} ledger rows, each holding
 * whole members and, after a branch's last member, that branch's audit: whatever prefix of the
 * batches is committed is a consistent ledger with its workflow rows.
 */
export function planLedgerLoad(generated: GeneratedLedger, size: number = BATCH): LedgerLoadBatch[] {
  const out: LedgerLoadBatch[] = [];
  let ledger: LedgerRowData[] = [];
  let entries: EntryRowData[] = [];
  let locks: PointsYearLockRow[] = [];
  const flush = () => {
    if (ledger.length > 0) out.push({ ledger, entries, locks });
    ledger = [];
    entries = [];
    locks = [];
  };
  for (const b of generated.branches) {
    for (const m of b.members) {
      if (ledger.length > 0 && ledger.length + m.ledger.length > size) flush();
      ledger.push(...m.ledger);
      entries.push(...m.entries);
    }
    if (b.audit !== undefined && b.lock !== undefined) {
      ledger.push(b.audit);
      locks.push(b.lock);
    }
  }
  flush();
  return out;
}

/**
 * Ledger rows per transaction when seeding: each commit is a flush to disk (about 10 ms for SQLite
 * on a development machine, more on a county server's disks), so a year is loaded in about eight
 * transactions rather than one per 1,000 rows — still whole batches, each a consistent prefix.
 */
export function loadTransactionRows(generated: GeneratedLedger): number {
  let rows = 0;
  for (const b of generated.branches) for (const m of b.members) rows += m.ledger.length;
  return Math.max(BATCH, Math.ceil(rows / 8));
}

const LEDGER_INSERT_COLUMNS =
  'key, type, member_code, entry_key, scope, year, occurred_on, item, step_on, role, actor, payload';
const ENTRY_INSERT_COLUMNS =
  'key, seq, member_code, year, occurred_on, item, recorded_role, recorded_by, status, entry, state, version';
const AUDIT_MOVES = POINT_ENTRY_TRANSITIONS.filter((t) => t.action === 'audit');

/**
 * Bulk-inserts planned batches, one transaction each (multi-row INSERTs of at most 1,000 rows),
 * so a crash leaves whole batches or nothing of them. A batch that completes a branch also
 * writes its year lock and moves its entries as the audit does.
 */
export async function bulkLoadLedger(
  em: EntityManager,
  batches: readonly LedgerLoadBatch[],
  onProgress?: (progress: PointsSeedProgress) => void,
): Promise<number> {
  const total = batches.reduce((s, b) => s + b.ledger.length, 0);
  let done = 0;
  try {
    for (const batch of batches) {
      await withRetry(() =>
        em.fork().transactional(async (tx) => {
          const seqs = new Map<string, number>();
          for (const rows of chunks(batch.ledger, BATCH)) {
            const params: unknown[] = [];
            for (const r of rows) {
              params.push(
                r.key,
                r.type,
                r.memberCode,
                r.entryKey,
                r.scope,
                r.year,
                r.occurredOn,
                r.item,
                r.stepOn,
                r.role,
                r.actor,
                JSON.stringify(r.payload),
              );
            }
            const values = rows.map(() => `(${placeholders(12)})`).join(', ');
            const result = (await tx.execute(
              `insert into points_ledger (${LEDGER_INSERT_COLUMNS}) values ${values} returning key, seq`,
              params,
            )) as { key: string; seq: unknown }[];
            for (const r of result) seqs.set(r.key, int(r.seq));
          }
          for (const rows of chunks(batch.entries, BATCH)) {
            const params: unknown[] = [];
            for (const e of rows) {
              params.push(
                e.key,
                seqs.get(e.key),
                e.memberCode,
                e.year,
                e.occurredOn,
                e.item,
                e.recordedRole,
                e.recordedBy,
                e.status,
                JSON.stringify(e.entry),
                JSON.stringify(e.state),
                1,
              );
            }
            const values = rows.map(() => `(${placeholders(12)})`).join(', ');
            await tx.execute(
              `insert into points_entry (${ENTRY_INSERT_COLUMNS}) values ${values}`,
              params,
              'run',
            );
          }
          for (const lock of batch.locks) {
            await tx.execute(
              'insert into points_year_lock (branch_code, year, audit_key, audited_on, audited_by) values (?, ?, ?, ?, ?)',
              [lock.branchCode, lock.year, lock.auditKey, lock.auditedOn, lock.auditedBy],
              'run',
            );
            for (const t of AUDIT_MOVES) {
              await tx.execute(
                `update points_entry set status = ?, version = version + 1
                 where year = ? and status in (${placeholders(t.from.length)})
                   and member_code in (select b.code from points_member b where b.branch_code = ?)`,
                [t.to, lock.year, ...t.from, lock.branchCode],
                'run',
              );
            }
          }
        }),
      );
      done += batch.ledger.length;
      onProgress?.({ phase: 'ledger', done, total });
    }
  } catch (error) {
    convertDriverError(error, 'a seeded ledger row');
  }
  return done;
}
