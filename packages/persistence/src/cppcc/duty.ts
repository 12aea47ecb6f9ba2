import type { DutyLedger, DutyLedgerEntry, DutySource } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { ConcurrentUpdateError, convertDriverError } from '../errors.js';
import {
  type CppccDutyEntryRow,
  CppccDutyEntrySchema,
  type CppccDutyLedgerRow,
  CppccDutyLedgerSchema,
} from './schemas.js';

/** A term's duty ledger 履职台账 as stored: its profile and the version to decide the next append on. */
export interface StoredDutyLedger {
  readonly term: number;
  readonly profileId: string;
  readonly version: number;
}

/** Entries of a ledger read in part: in ledger order, each with its stored `seq`. */
export interface DutyEntries extends StoredDutyLedger {
  readonly ledger: DutyLedger;
}

/** What to append: entries the domain accepted, and the ledger version they were decided on. */
export interface DutyAppend {
  readonly term: number;
  readonly decidedOnVersion: number;
  /** In order; their `seq` is given by the store (the ledger's version, then on). */
  readonly entries: readonly DutyLedgerEntry[];
}

/**
 * Stores the duty ledger of a term, append-only. It decides nothing: the gateway's use cases run
 * the domain's `appendDuty` or `reconcileDutyRecords` over the entries they read, then hand the
 * accepted entries to {@link DutyLedgerRepository.append}, which stores them only if the ledger is
 * still at the version they were decided on ({@link ConcurrentUpdateError} otherwise). Reads are
 * partial on purpose (one member's entries, one key, the records derived from one kind of source):
 * a record is checked against the entries it touches, not against the whole ledger.
 */
export class DutyLedgerRepository {
  constructor(private readonly em: EntityManager) {}

  /** Opens a term's empty ledger under a rule profile; an existing one is left as it is. */
  async open(term: number, profileId: string): Promise<StoredDutyLedger> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        const row = await tx.findOne(CppccDutyLedgerSchema, { term });
        if (row !== null) return { ...row };
        const created = tx.create(CppccDutyLedgerSchema, { term, profileId, version: 0 });
        await tx.flush();
        return { ...created };
      });
    } catch (error) {
      return convertDriverError(error, `duty ledger of term ${term}`);
    }
  }

  /** The ledger of a term without its entries; `undefined` when none is open. */
  async ledger(term: number): Promise<StoredDutyLedger | undefined> {
    const row = await this.em.fork().findOne(CppccDutyLedgerSchema, { term });
    return row === null ? undefined : { ...row };
  }

  /** Every entry of a term, in ledger order; `undefined` for no ledger. */
  all(term: number): Promise<DutyEntries | undefined> {
    return this.read(term, {});
  }

  /**
   * The records dated in one year and the reversals of them (a year's scores), in ledger order:
   * one indexed read, whatever the length of the term.
   */
  ofYear(term: number, year: number): Promise<DutyEntries | undefined> {
    return this.read(term, { year });
  }

  /** A member's records and the reversals of them, in ledger order. */
  ofMember(term: number, member: string): Promise<DutyEntries | undefined> {
    return this.read(term, { member });
  }

  /** The entries an append under `key` rests on: the key itself, the record it reverses and its reversal. */
  touching(term: number, key: string, reverses?: string): Promise<DutyEntries | undefined> {
    const keys = reverses === undefined ? [key] : [key, reverses];
    return this.read(term, { $or: [{ key: { $in: keys } }, { reverses: { $in: keys } }] });
  }

  /**
   * The records the system derived from one kind of source (or from one source of it), and their
   * reversals. A derived record's key is `kind:id/member`, and so is the start of what it reverses.
   */
  derivedFrom(term: number, kind: DutySource['kind'], id?: string): Promise<DutyEntries | undefined> {
    if (id === undefined) {
      return this.read(term, { $or: [{ sourceKind: kind }, { reverses: { $like: `${kind}:%` } }] });
    }
    // No escape: SQLite's LIKE has none by default. A `_` or `%` in the id reads a few more
    // reversals, of other sources, which reconciling one source leaves alone.
    return this.read(term, {
      $or: [{ sourceKind: kind, sourceId: id }, { reverses: { $like: `${kind}:${id}/%` } }],
    });
  }

  private async read(term: number, where: object): Promise<DutyEntries | undefined> {
    const em = this.em.fork();
    const ledger = await em.findOne(CppccDutyLedgerSchema, { term });
    if (ledger === null) return undefined;
    const rows = await em.find(CppccDutyEntrySchema, { term, ...where } as never, {
      orderBy: { seq: 'asc' },
      fields: ['seq', 'entry'] as never,
    });
    return { ...ledgerOf(ledger), ledger: { entries: rows.map((r) => entryOf(r.entry, r.seq)) } };
  }

  /**
   * Appends entries the domain accepted, in one transaction. Refused with
   * {@link ConcurrentUpdateError} when the ledger moved since they were decided (append again on
   * what is stored now), and with `DuplicateKeyError` for a key or a reversal stored before.
   *
   * @example
   * const read = await repo.touching(10, 'office-1');
   * const { entry } = unwrap(appendDuty(read.ledger, input, context));
   * await repo.append({ term: 10, decidedOnVersion: read.version, entries: [entry] });
   */
  async append(write: DutyAppend): Promise<StoredDutyLedger> {
    try {
      return await this.em.fork().transactional((tx) => appendDutyEntries(tx, write));
    } catch (error) {
      return convertDriverError(error, `duty entries of term ${write.term}`);
    }
  }
}

/**
 * Appends duty entries inside a caller's transaction (a proposal's review and the records it
 * derives are one write): raises the ledger's version by the entries' count, or refuses.
 */
export async function appendDutyEntries(tx: EntityManager, write: DutyAppend): Promise<StoredDutyLedger> {
  const { term, decidedOnVersion, entries } = write;
  const next = decidedOnVersion + entries.length;
  if (entries.length > 0) {
    const moved = await tx.nativeUpdate(
      CppccDutyLedgerSchema,
      { term, version: decidedOnVersion },
      { version: next },
    );
    if (moved !== 1) {
      throw new ConcurrentUpdateError(
        `the duty ledger of term ${term} changed since the entries were decided; read it again and retry`,
      );
    }
    const written = new Map<string, ReversalTarget>();
    for (const e of entries) if (e.type === 'record') written.set(e.key, targetOf(e));
    const rows: CppccDutyEntryRow[] = [];
    for (const [i, e] of entries.entries()) {
      const target = e.type === 'record' ? targetOf(e) : await targetIn(tx, term, e.record, written);
      rows.push(dutyEntryRow(term, { ...e, seq: decidedOnVersion + i }, target));
    }
    await tx.insertMany(CppccDutyEntrySchema, rows);
  }
  const row = await tx.findOneOrFail(CppccDutyLedgerSchema, { term });
  return ledgerOf(row);
}

/** What a row is filed under: the record's member and year, or those of the record a reversal cancels. */
export interface ReversalTarget {
  readonly member: string;
  readonly year: number;
}

/** A record's member and occurrence year. */
export function targetOf(record: DutyLedgerEntry & { readonly type: 'record' }): ReversalTarget {
  return { member: record.member, year: Number(record.date.slice(0, 4)) };
}

async function targetIn(
  tx: EntityManager,
  term: number,
  record: string,
  written: ReadonlyMap<string, ReversalTarget>,
): Promise<ReversalTarget> {
  const known = written.get(record);
  if (known !== undefined) return known;
  const row = await tx.findOneOrFail(
    CppccDutyEntrySchema,
    { term, key: record },
    { fields: ['member', 'year'] as never },
  );
  return { member: row.member, year: row.year! };
}

/**
 * An entry as the domain wrote it. PostgreSQL's jsonb sorts an object's keys, and the domain tells
 * a repeat from a conflict by comparing entries as JSON: the nested objects get their order back.
 */
function entryOf(stored: DutyLedgerEntry, seq: number): DutyLedgerEntry {
  const by = { role: stored.by.role, id: stored.by.id };
  if (stored.type === 'reversal') return { ...stored, by, seq };
  const source =
    stored.source === undefined ? {} : { source: { kind: stored.source.kind, id: stored.source.id } };
  return { ...stored, by, ...source, seq };
}

function ledgerOf(row: CppccDutyLedgerRow): StoredDutyLedger {
  return { term: row.term, profileId: row.profileId, version: row.version };
}

/** An entry's row; a reversal is filed under the member and year of the record it cancels. */
export function dutyEntryRow(
  term: number,
  entry: DutyLedgerEntry,
  target: ReversalTarget,
): CppccDutyEntryRow {
  const record = entry.type === 'record' ? entry : undefined;
  return {
    term,
    seq: entry.seq,
    key: entry.key,
    type: entry.type,
    member: target.member,
    year: target.year,
    reverses: entry.type === 'reversal' ? entry.record : null,
    sourceKind: record?.source?.kind ?? null,
    sourceId: record?.source?.id ?? null,
    byRole: entry.by.role,
    byId: entry.by.id,
    recordedOn: entry.on,
    // The ORM rewrites values in place; the domain's entries are frozen.
    entry: structuredClone(entry),
  };
}
