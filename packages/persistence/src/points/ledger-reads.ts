import {
  issue,
  type LedgerEntry,
  type MemberDirectory,
  type PointRecord,
  type PointSource,
  pointRecords,
  type RuleVersions,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { StoredDataInvalidError } from '../errors.js';
import { personalDataOf } from '../secrets/sealing.js';
import { BATCH, chunks, int, mapInTurns, placeholders } from '../sql.js';
import {
  ledgerRowByKey,
  lockOf,
  memberSql,
  memberWhere,
  replayRows,
  type StoredPointRecord,
  type StoredYearLock,
  storedRecordOf,
  stripSeq,
} from './ledger-rows.js';
import { directoryOf, type MemberFilter, memberFromRow, type StoredMember } from './members.js';
import {
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

/**
 * The members of a loaded year who keep their points under one rule profile, with their entries:
 * pass the whole object as scoring options (`scoreYear(group.records, group)`).
 */
export interface ProfileYear {
  readonly year: number;
  readonly profileId: string;
  readonly rules: RuleVersions;
  /** The members as stored, in code order. */
  readonly stored: readonly StoredMember[];
  /** The same members as the domain's directory. */
  readonly members: MemberDirectory;
  /** Their entries dated in the year, in ledger order. */
  readonly records: readonly PointRecord[];
}

/** A year of points of some members, loaded for the domain's scoring functions. */
export interface PointsYear {
  readonly year: number;
  /** The members as stored (with their personal data), in code order. */
  readonly stored: readonly StoredMember[];
  /** Every point entry of the members dated in the year, in ledger order. */
  readonly records: readonly PointRecord[];
  /**
   * The same members and entries by rule profile, in profile id order: each member is scored
   * under their own profile, so a load that spans counties is scored group by group.
   */
  readonly profiles: readonly ProfileYear[];
  /** Workflow versions by entry key. */
  readonly versions: ReadonlyMap<string, number>;
  readonly locks: readonly StoredYearLock[];
}

/**
 * The reads of the points ledger: entries by key, a year of some members' points for scoring, the
 * year locks, the entries in a status, and a year replayed from the ledger itself. Every read is
 * one query (or one per 1,000 codes) on a fork of the unit of work. {@link PointsLedgerRepository}
 * adds the writes.
 */
export class PointsLedgerReads {
  protected readonly defaultProfileId: string;

  constructor(
    protected readonly em: EntityManager,
    protected readonly options: PointsLedgerOptions,
  ) {
    this.defaultProfileId = options.defaultProfileId ?? 'reference';
  }

  /** The rule history of a profile; a missing one means the stored data is invalid. */
  protected rulesOf(profileId: string): RuleVersions {
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

  /** The ledger entry stored under an idempotency key, with its sequence. */
  async findEntry(key: string): Promise<LedgerEntry | undefined> {
    const row = await ledgerRowByKey(this.em.fork(), key);
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
   * Every entry the system derived from the given facts (any status, every revision), in ledger
   * order: what reconciling a corrected fact rests on.
   */
  async linkedTo(sources: readonly PointSource[]): Promise<StoredPointRecord[]> {
    if (sources.length === 0) return [];
    const em = this.em.fork();
    const rows: PointsEntryRow[] = [];
    const byKind = new Map<string, string[]>();
    for (const s of sources) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.id]);
    for (const [kind, ids] of byKind) {
      for (const batch of chunks([...new Set(ids)], BATCH)) {
        rows.push(...(await em.find(PointsEntrySchema, { sourceKind: kind, sourceId: { $in: batch } })));
      }
    }
    return rows
      .sort((a, b) => a.seq - b.seq)
      .map((r) => storedRecordOf(r as unknown as Record<string, unknown>));
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
      for (const stored of await mapInTurns(rows, storedRecordOf)) {
        out.get(stored.record.entry.member)?.push(stored);
      }
    }
    return out;
  }

  /**
   * A year of points for the members of some branches or communities: the members, and every
   * point entry of theirs dated in the year (one query, however many members), ready for
   * `scoreYear`, `explainPoints`, `rankAndRate`, `inServiceFeedback` and `whatIf`. With
   * `withoutRetired`, members retired in or before the year are left out, with their entries.
   */
  async loadYear(
    filter: MemberFilter | { readonly members: readonly string[] },
    year: number,
    options: { readonly withoutRetired?: boolean } = {},
  ): Promise<PointsYear> {
    const em = this.em.fork();
    const active = { activeIn: options.withoutRetired === true ? year : undefined };
    const picked = memberSql(filter, active);
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
    const entryRows = members.length === 0 ? [] : await this.entryRows(em, filter, { year }, active);
    const records: PointRecord[] = [];
    const versions = new Map<string, number>();
    for (const stored of await mapInTurns(entryRows, storedRecordOf)) {
      records.push(stored.record);
      versions.set(stored.record.entry.key, stored.version);
    }
    const branches = [...new Set(members.map((m) => m.branch))];
    return {
      year,
      stored: members,
      records,
      profiles: this.byProfile(year, members, records),
      versions,
      locks: await this.yearLocks(branches, year),
    };
  }

  /**
   * What a branch's ledger is replayed with: its members, under the profile of its first member
   * in code order, as its audit appended it (`PointsLedgerRepository.audit`).
   */
  protected branchContext(members: readonly StoredMember[]): {
    rules: RuleVersions;
    members: MemberDirectory;
  } {
    return {
      rules: this.rulesOf(members[0]?.profileId ?? this.defaultProfileId),
      members: directoryOf(members),
    };
  }

  /** Members (in code order) and their records (in ledger order) split by rule profile. */
  private byProfile(
    year: number,
    members: readonly StoredMember[],
    records: readonly PointRecord[],
  ): ProfileYear[] {
    const profileOf = new Map(members.map((m) => [m.code, m.profileId]));
    const ids = [...new Set(profileOf.values())].sort();
    return ids.map((profileId) => {
      const stored = members.filter((m) => m.profileId === profileId);
      return {
        year,
        profileId,
        rules: this.rulesOf(profileId),
        stored,
        members: directoryOf(stored),
        records: records.filter((r) => profileOf.get(r.entry.member) === profileId),
      };
    });
  }

  /** Workflow rows of the filter's members in one query (a subquery picks the members). */
  private async entryRows(
    em: EntityManager,
    filter: MemberFilter | { readonly members: readonly string[] },
    where: { readonly year?: number; readonly status?: string },
    active: { readonly activeIn?: number | undefined } = {},
  ): Promise<Record<string, unknown>[]> {
    const members = memberSql(filter, active);
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
    const membersOf = new Map<string, StoredMember[]>();
    for (const m of loaded.stored) membersOf.set(m.branch, [...(membersOf.get(m.branch) ?? []), m]);
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
      const ledger = replayRows(
        list.map((e) => ({
          seq: e.seq,
          key: e.key,
          type: e.type,
          member: null,
          entryKey: null,
          year,
          input: stripSeq(e),
        })),
        this.branchContext(membersOf.get(branch) ?? []),
        `branch ${branch}, ${year}`,
      );
      const seqs = new Map(list.map((e) => [e.key, e.seq]));
      for (const r of pointRecords(ledger, { year }))
        out.push({ ...r, entry: { ...r.entry, seq: seqs.get(r.entry.key)! } });
    }
    return out.sort((a, b) => a.entry.seq - b.entry.seq);
  }
}
