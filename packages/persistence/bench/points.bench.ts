// Member points in the database: bulk-loading the ledger and summarising a community's year.
//   persistence.bulk_load_sqlite  ledger rows per second into a SQLite file (1,000,000 × scale
//                                 rows: ledger inputs with their workflow rows and audits, in
//                                 transactions of 1,000 rows)
//   persistence.bulk_load_pg      the same into a scratch PostgreSQL database
//                                 (JICENG_TEST_POSTGRES_URL, or postgres://postgres@127.0.0.1:5432/test)
//   persistence.year_summary      one community's year (5,000 members at scale 1) from the loaded
//                                 SQLite file: load members and entries, score, rank and rate
//   persistence.year_summary_pg   the same from PostgreSQL
// Generating the entries (every one checked by the domain) is not timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProfileHistory, rankAndRate, referenceProfile, scoreYear, unwrap } from '@jiceng/domain';
import { PointsLedgerRepository, PointsMemberRepository, type StoredMember } from '@jiceng/persistence';
import type { PointsSeedMember } from '@jiceng/persistence/seed';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { report } from '../../../scripts/bench-harness.js';
import { ormOptions } from '../src/config.js';
import { pointsEntities } from '../src/points/schemas.js';
import { generatePointsLedger } from '../src/points/seed-ledger.js';
import { bulkLoadLedger, type LedgerLoadBatch, planLedgerLoad } from '../src/points/seed-load.js';
import { pointsMembersOf } from '../src/points/seed-members.js';
import { createScratchPostgres } from '../test/support/databases.js';

const YEAR = 2025;
const SEED = 5;
const CATEGORIES = [
  'ordinary',
  'ordinary',
  'ordinary',
  'backbone',
  'in_service',
  'non_public',
  'mobile',
] as const;
const history: ProfileHistory = {
  id: referenceProfile.id,
  name: referenceProfile.name,
  versions: [referenceProfile],
};

function seedMembers(count: number, perCommunity: number): PointsSeedMember[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `B${String(i).padStart(7, '0')}`,
    name: `党员B${i}`,
    category: CATEGORIES[i % CATEGORIES.length]!,
    communityCode: `330102001${String(1 + Math.floor(i / perCommunity)).padStart(3, '0')}`,
    gridCode: null,
  }));
}

async function open(url: string) {
  const orm = await MikroORM.init(ormOptions({ url, entities: [...pointsEntities] }));
  await orm.schema.createSchema();
  return { orm, em: orm.em as SqlEntityManager };
}

async function load(
  em: SqlEntityManager,
  members: readonly StoredMember[],
  plan: readonly LedgerLoadBatch[],
): Promise<number> {
  await new PointsMemberRepository(em).saveMembers(members);
  const rows = plan.reduce((s, b) => s + b.ledger.length, 0);
  const start = process.hrtime.bigint();
  await bulkLoadLedger(em, plan);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return rows / seconds;
}

/** Median milliseconds of a community's year summary, after one warm-up. */
async function yearSummary(em: SqlEntityManager, community: string, members: number): Promise<number> {
  const repo = new PointsLedgerRepository(em, { rules: (id) => (id === 'reference' ? history : undefined) });
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const start = process.hrtime.bigint();
    const loaded = await repo.loadYear({ communities: [community] }, YEAR);
    const scores = unwrap(scoreYear(loaded.records, loaded.profiles[0]!));
    const assessed = unwrap(rankAndRate(scores, { rules: loaded.profiles[0]!.rules }));
    if (loaded.stored.length !== members || assessed.rating.ratings.length !== members) {
      throw new Error(`year summary saw ${loaded.stored.length} members, expected ${members}`);
    }
    if (i > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(scale: number): Promise<void> {
  const target = Math.round(1_000_000 * scale);
  const perCommunity = Math.max(50, Math.round(5000 * Math.min(1, scale)));
  // Rows per member of the generated workflow, from a sample, to size the membership.
  const sample = generatePointsLedger(pointsMembersOf(seedMembers(300, 300), { year: YEAR, seed: SEED }), {
    year: YEAR,
    seed: SEED,
  });
  const sampleRows = planLedgerLoad(sample).reduce((s, b) => s + b.ledger.length, 0);
  const count = Math.max(perCommunity, Math.ceil((target * 300) / sampleRows));
  const members = pointsMembersOf(seedMembers(count, perCommunity), { year: YEAR, seed: SEED });
  const plan = planLedgerLoad(generatePointsLedger(members, { year: YEAR, seed: SEED }));
  const community = members[0]!.community!;
  const inCommunity = members.filter((m) => m.community === community).length;

  const dir = mkdtempSync(join(tmpdir(), 'jiceng-bench-'));
  try {
    const sqlite = await open(`sqlite:${join(dir, 'points.db')}`);
    report('persistence.bulk_load_sqlite', await load(sqlite.em, members, plan), 'entries/s');
    report('persistence.year_summary', await yearSummary(sqlite.em, community, inCommunity), 'ms');
    await sqlite.orm.close(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const scratch = await createScratchPostgres(
    process.env['JICENG_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
  );
  try {
    const pg = await open(scratch.url);
    report('persistence.bulk_load_pg', await load(pg.em, members, plan), 'entries/s');
    await pg.em.getConnection().execute('analyze');
    report('persistence.year_summary_pg', await yearSummary(pg.em, community, inCommunity), 'ms');
    await pg.orm.close(true);
  } finally {
    await scratch.drop();
  }
}
