import type { PointStatus, RuleVersions } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { BATCH, chunks } from '../sql.js';
import { type MemberInput, PointsMemberRepository } from './members.js';
import { generatePointsLedger } from './seed-ledger.js';
import { bulkLoadLedger, loadTransactionRows, type PointsSeedProgress, planLedgerLoad } from './seed-load.js';
import { type PointsSeedMember, pointsMembersOf } from './seed-members.js';

/**
 * The reference county's member points: members from the grid dataset (`seed-members.ts`) and a
 * year of point entries taken through the whole workflow (`seed-ledger.ts`), bulk-inserted
 * (`seed-load.ts`). Deterministic from the seed.
 */

export interface SeedPointsOptions {
  readonly members: readonly PointsSeedMember[];
  readonly year: number;
  /**
   * Also the following year as it stands on this day (its entries up to then, no audit yet):
   * a county loaded on 4 December 2026 has the whole of 2025, audited, and 2026 to date.
   */
  readonly thenThrough?: string;
  /** PRNG seed; the same seed and members give the same ledger. Default 5. */
  readonly seed?: number;
  /** The rule profile the members' points are kept under. Default `reference`. */
  readonly profileId?: string;
  /** That profile's history, to check every input against. Default: the reference profile. */
  readonly rules?: RuleVersions;
  readonly onProgress?: (progress: PointsSeedProgress) => void;
}

export interface PointsSeedSummary {
  readonly members: number;
  readonly ledgerRows: number;
  readonly pointEntries: number;
  readonly audits: number;
  /** Point entries by final status. */
  readonly byStatus: Readonly<Partial<Record<PointStatus, number>>>;
}

/**
 * Stores the members of the grid dataset and a year of their point entries, bulk-inserted.
 * Deterministic from the seed. Call it after the org trees are stored.
 *
 * @example
 * const data = generateReferenceGridDataset(referenceProfile);
 * await seedMembersAndLedger(db.em, { members: data.partyMembers, year: 2025, seed: 5,
 *   onProgress: (p) => console.log(p.phase, p.done, p.total) });
 */
export async function seedMembersAndLedger(
  em: EntityManager,
  options: SeedPointsOptions,
): Promise<PointsSeedSummary> {
  const members = pointsMembersOf(options.members, {
    year: options.year,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.profileId === undefined ? {} : { profileId: options.profileId }),
  });
  const repo = new PointsMemberRepository(em);
  for (const [i, batch] of chunks(members, BATCH).entries()) {
    await repo.saveMembers(batch as MemberInput[]);
    options.onProgress?.({
      phase: 'members',
      done: Math.min((i + 1) * BATCH, members.length),
      total: members.length,
    });
  }
  const years = [
    { year: options.year },
    ...(options.thenThrough === undefined ? [] : [{ year: options.year + 1, through: options.thenThrough }]),
  ];
  const summary = {
    ledgerRows: 0,
    pointEntries: 0,
    audits: 0,
    byStatus: {} as Partial<Record<PointStatus, number>>,
  };
  for (const [i, { year, through }] of years.entries()) {
    const generated = generatePointsLedger(members, {
      year,
      // Each year its own stream, the first as it always was.
      seed: (options.seed ?? 5) + i * 1_000,
      ...(options.rules === undefined ? {} : { rules: options.rules }),
      ...(through === undefined ? {} : { through }),
    });
    const batches = planLedgerLoad(generated, loadTransactionRows(generated));
    summary.ledgerRows += await bulkLoadLedger(em, batches, options.onProgress);
    summary.pointEntries += batches.reduce((s, b) => s + b.entries.length, 0);
    summary.audits += generated.branches.filter((b) => b.audit !== undefined).length;
    for (const [status, n] of Object.entries(generated.byStatus) as [PointStatus, number][])
      summary.byStatus[status] = (summary.byStatus[status] ?? 0) + n;
  }
  return { members: members.length, ...summary };
}
