import { type LocalDate, type OrgRow, referenceProfile, type Township, type Village } from '@jiceng/domain';
import {
  generateReferenceGridDataset,
  generateReferenceOrgLife,
  type ReferenceGridDataset,
} from '@jiceng/domain/reference';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { consultationEntities } from '../consultation/schemas.js';
import { seedConsultationPilots } from '../consultation/seed.js';
import { cppccEntities } from '../cppcc/schemas.js';
import { seedCppccProposals } from '../cppcc/seed.js';
import type { Database } from '../database-handle.js';
import { gridEntities } from '../grid/schemas.js';
import { seedGridDataset } from '../grid/seed.js';
import { OrgNodeSchema, OrgRepository } from '../org/org-nodes.js';
import { orgLifeEntities } from '../org-life/schemas.js';
import { seedOrgLife } from '../org-life/seed.js';
import {
  PointsEntrySchema,
  PointsLedgerSchema,
  PointsMemberSchema,
  PointsYearLockSchema,
} from '../points/schemas.js';
import { seedMembersAndLedger } from '../points/seed.js';
import { beginLoad, type DataLoad, finishLoad, holdingLoadLock, unfinishedLoad } from './data-load.js';

/** One step of loading, for a progress bar. */
export interface SeedProgress {
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

export interface ReferenceCountyOptions {
  /** Size factor of the grid dataset; 1 reproduces the seed street (7 communities, 48 grids). */
  readonly scale?: number;
  /** Seed of the synthetic data; the same seed gives the same county. */
  readonly seed?: number;
  /** The day "now" is for the consultation pilots (nothing is dated after it). */
  readonly today: LocalDate;
  /**
   * Date the whole county around `today` (what `jiceng serve` loads): the last full year of
   * requests and points at the seed's figures, the current year to date, open requests a few days
   * old. Left out, requests and points are the fixed year 2025 that tests and benchmarks expect.
   */
  readonly aroundToday?: boolean;
  readonly onProgress?: (progress: SeedProgress) => void;
  /** Told before loading when the load is not a plain first one (see {@link SeedNotice}). */
  readonly onNotice?: (notice: SeedNotice) => void;
  /** The clock of the load's marker (when it started and finished). Default: the system clock. */
  readonly clock?: () => Date;
}

/**
 * Why a load does more than load: a load that never finished was found (what it wrote is
 * cleared and the county loaded again), or another process holds the load (this one waits for
 * it, then finds the county there).
 */
export type SeedNotice =
  | { readonly action: 'redo'; readonly unfinished: DataLoad }
  | { readonly action: 'wait'; readonly unfinished: DataLoad | undefined };

export interface ReferenceCountySummary {
  readonly county: string;
  readonly communities: number;
  readonly grids: number;
  readonly workers: number;
  readonly partyMembers: number;
  readonly requests: number;
  readonly pointsYear: number;
  readonly pointEntries: number;
  readonly townships: number;
  readonly consultations: number;
  readonly minutesFiled: number;
  /** Proposals of the CPPCC's plenary meeting 十届三次会议. */
  readonly cppccProposals: number;
  /** Organisational life 组织生活 of the first quarter: meetings of branches and party groups. */
  readonly orgLifeMeetings: number;
}

/**
 * The county's townships 乡镇 besides the seed street: the consultation speech's three pilots
 * (岗乡, 甲镇, 乙镇) and the rest of the county. Codes follow the statistical division code.
 */
function townshipsOf(county: string): { townships: Township[]; villages: Village[]; rows: OrgRow[] } {
  const names = ['岗乡', '甲镇', '乙镇', '丙镇', '丁镇', '戊镇', '己镇', '庚镇', '辛镇', '壬镇'];
  const townships = names.map((name, i) => ({ code: `${county}${String(101 + i)}`, name }));
  const gang = townships[0]!;
  // 岗乡's 22 villages and communities (村事民定 ran in all of them).
  const villages = Array.from({ length: 22 }, (_, i) => ({
    code: `${gang.code}${String(201 + i)}`,
    name: i < 20 ? `岗乡第${i + 1}村` : `岗乡第${i - 19}社区`,
    township: gang.code,
  }));
  const rows: OrgRow[] = [
    ...townships.map((t) => ({
      code: t.code,
      parentCode: county,
      level: 'street' as const,
      subtype: 'township' as const,
      name: t.name,
      divisionCode: t.code,
    })),
    ...villages.map((v, i) => ({
      code: v.code,
      parentCode: v.township,
      level: 'community' as const,
      subtype: i < 20 ? ('village' as const) : ('community' as const),
      name: v.name,
      divisionCode: v.code,
    })),
  ];
  return { townships, villages, rows };
}

/** The tables the reference county fills, area by area in the order it loads them. */
const REFERENCE_TABLES = [
  OrgNodeSchema,
  ...gridEntities,
  PointsMemberSchema,
  PointsLedgerSchema,
  PointsEntrySchema,
  PointsYearLockSchema,
  ...orgLifeEntities,
  ...consultationEntities,
  ...cppccEntities,
];

type ReferenceCountyState =
  | { readonly state: 'empty' }
  | { readonly state: 'unfinished'; readonly load: DataLoad }
  | { readonly state: 'loaded' };

async function referenceCountyState(em: EntityManager): Promise<ReferenceCountyState> {
  const load = await unfinishedLoad(em, 'reference_county');
  if (load !== undefined) return { state: 'unfinished', load };
  return (await em.fork().count(OrgNodeSchema, {})) === 0 ? { state: 'empty' } : { state: 'loaded' };
}

/**
 * True when `jiceng serve` should load the reference county: no organisation tree is stored, or
 * only what a load that never finished left behind (loading again clears it first).
 *
 * @example
 * if (await isEmptyDatabase(db)) await seedReferenceCounty(db, { today });
 */
export async function isEmptyDatabase(db: Database): Promise<boolean> {
  return (await referenceCountyState(db.em)).state !== 'loaded';
}

/**
 * Loads the reference county: the seed street's grids, workers, party members and resident
 * requests (the grid dataset), the members' year of point entries, the county's townships with
 * the consultation pilots and their filed minutes. Deterministic for the same options.
 *
 * The load either completes or is redone: its marker in `data_load` says `loading` until the
 * last batch is committed. A database holding a load that never finished (a crash, `kill -9`)
 * is cleared of the tables the load fills and loaded again, told through `onNotice`. Returns
 * `undefined`, writing nothing, when the database already holds an organisation tree that no
 * unfinished load left (an earlier load, or another process's that this one waited for).
 *
 * @example
 * await seedReferenceCounty(db, { today: '2026-11-27', onProgress: (p) => bar(p) });
 */
export async function seedReferenceCounty(
  db: Database,
  options: ReferenceCountyOptions,
): Promise<ReferenceCountySummary | undefined> {
  const clock = options.clock ?? (() => new Date());
  const notify = options.onNotice ?? (() => {});
  return holdingLoadLock(
    db,
    async () => notify({ action: 'wait', unfinished: await unfinishedLoad(db.em, 'reference_county') }),
    async () => {
      const state = await referenceCountyState(db.em);
      if (state.state === 'loaded') return undefined;
      if (state.state === 'unfinished') notify({ action: 'redo', unfinished: state.load });
      const load = await beginLoad(db.em, {
        kind: 'reference_county',
        parameters: { scale: options.scale ?? 1, seed: options.seed ?? 5, today: options.today },
        at: clock(),
        ...(state.state === 'unfinished'
          ? { unfinished: { load: state.load, tables: REFERENCE_TABLES } }
          : {}),
      });
      const summary = await loadReferenceCounty(db, options);
      await finishLoad(db.em, load.id, clock());
      return summary;
    },
  );
}

async function loadReferenceCounty(
  db: Database,
  options: ReferenceCountyOptions,
): Promise<ReferenceCountySummary> {
  const progress = options.onProgress ?? (() => {});
  const dataset: ReferenceGridDataset = generateReferenceGridDataset(referenceProfile, {
    scale: options.scale ?? 1,
    seed: options.seed ?? 5,
    // The start of today: nothing in the data happens later than the moment it is loaded.
    ...(options.aroundToday ? { asOf: `${options.today}T00:00:00+08:00` } : {}),
  });
  progress({ step: 'dataset', done: 1, total: 1 });

  await seedGridDataset(db.em, dataset, {
    onProgress: (p) => progress({ step: p.table, done: p.done, total: p.total }),
  });

  // The consultation speech's townships hang under the same county as the seed street.
  const { townships, villages, rows } = townshipsOf(dataset.county.code);
  await new OrgRepository(db.em).replaceTree('administrative', [...dataset.administrativeRows, ...rows]);
  progress({ step: 'townships', done: townships.length, total: townships.length });

  // The seed street's party members and a year of their point entries through the workflow.
  const year = Number(dataset.period.from.slice(0, 4));
  const points = await seedMembersAndLedger(db.em, {
    members: dataset.partyMembers,
    year,
    ...(options.aroundToday ? { thenThrough: options.today } : {}),
    seed: options.seed ?? 5,
    onProgress: (p) => progress({ step: `points_${p.phase}`, done: p.done, total: p.total }),
  });

  // The first quarter's organisational life of every branch and party group.
  const orgLife = await seedOrgLife(
    db.em,
    generateReferenceOrgLife(dataset, referenceProfile, { seed: options.seed ?? 5 }),
  );
  progress({ step: 'org_life', done: orgLife.meetings, total: orgLife.meetings });

  const [gang, townA, townB] = townships;
  const pilots = await seedConsultationPilots(db.em, {
    townships,
    pilots: { gang: gang!.code, townA: townA!.code, townB: townB!.code },
    villages,
    now: options.today,
  });
  progress({ step: 'consultation', done: pilots.consultations, total: pilots.consultations });

  // The county CPPCC's committee and the proposals of 十届三次会议 (the domain's reference dataset).
  const cppcc = await seedCppccProposals(db.em, referenceProfile);
  progress({ step: 'cppcc_proposals', done: cppcc.proposals, total: cppcc.proposals });

  return {
    county: dataset.county.code,
    communities: dataset.summary.communities,
    grids: dataset.summary.grids,
    workers: dataset.summary.workers,
    partyMembers: dataset.summary.partyMembers,
    requests: dataset.requests.length,
    pointsYear: year,
    pointEntries: points.pointEntries,
    townships: townships.length,
    consultations: pilots.consultations,
    minutesFiled: pilots.minutes,
    cppccProposals: cppcc.proposals,
    orgLifeMeetings: orgLife.meetings,
  };
}
