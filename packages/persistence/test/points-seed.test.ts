import { referenceProfile, scoreYear, unwrap, validateMobile, validateResidentId } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { type Database, PointsLedgerRepository, PointsMemberRepository } from '@jiceng/persistence';
import { seedMembersAndLedger } from '@jiceng/persistence/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsEntities } from '../src/points/schemas.js';
import { generatePointsLedger } from '../src/points/seed-ledger.js';
import { planLedgerLoad } from '../src/points/seed-load.js';
import { pointsMembersOf } from '../src/points/seed-members.js';
import { rulesFor } from './points-fixtures.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const dataset = generateReferenceGridDataset(referenceProfile, { scale: 0.05, seed: 5 });

describe('the seeded points of the reference county are deterministic', () => {
  it('gives the same members and ledger for the same seed, and another for another seed', () => {
    const a = pointsMembersOf(dataset.partyMembers, { year: 2025, seed: 5 });
    const b = pointsMembersOf(dataset.partyMembers, { year: 2025, seed: 5 });
    expect(a).toEqual(b);
    const planA = planLedgerLoad(generatePointsLedger(a, { year: 2025, seed: 5 }));
    const planB = planLedgerLoad(generatePointsLedger(b, { year: 2025, seed: 5 }));
    expect(planA).toEqual(planB);
    const planC = planLedgerLoad(generatePointsLedger(a, { year: 2025, seed: 6 }));
    expect(planC).not.toEqual(planA);
    for (const batch of planA) {
      // Whole members per transaction, and at most 1,000 rows per INSERT.
      const members = new Set(batch.ledger.flatMap((r) => (r.memberCode === null ? [] : [r.memberCode])));
      for (const m of members) {
        expect(planA.filter((p) => p.ledger.some((r) => r.memberCode === m))).toHaveLength(1);
      }
    }
  });

  it('gives every member a valid resident ID number (region 330102) and mobile', () => {
    const members = pointsMembersOf(dataset.partyMembers, { year: 2025, seed: 5 });
    expect(members).toHaveLength(dataset.partyMembers.length);
    for (const m of members) {
      expect(validateResidentId(m.residentId).ok).toBe(true);
      expect(m.residentId?.startsWith('330102')).toBe(true);
      expect(validateMobile(m.mobile).ok).toBe(true);
    }
    expect(new Set(members.map((m) => m.mobile)).size).toBe(members.length);
  });
});

describe.each(testDatabases())('seeding members and a year of points on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  const progress: string[] = [];

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...pointsEntities]);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('stores the members and a year through the whole workflow, bulk-inserted, with progress', async () => {
    const summary = await seedMembersAndLedger(db.em, {
      members: dataset.partyMembers,
      year: 2025,
      seed: 5,
      onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(summary.members).toBe(dataset.partyMembers.length);
    expect(summary.audits).toBe(dataset.communities.length);
    expect(summary.ledgerRows).toBeGreaterThan(summary.pointEntries);
    for (const status of ['audited', 'lapsed', 'rejected', 'reversed'] as const) {
      expect(summary.byStatus[status]).toBeGreaterThan(0);
    }
    expect(progress.at(-1)).toBe(`ledger ${summary.ledgerRows}/${summary.ledgerRows}`);
    expect(progress[0]).toMatch(/^members /);
    const counted = (await db.em.fork().execute('select count(*) as n from points_ledger')) as {
      n: unknown;
    }[];
    expect(Number(counted[0]?.n)).toBe(summary.ledgerRows);
  });

  it('leaves workflow rows equal to a replay of the ledger, and scores every community', async () => {
    const ledger = new PointsLedgerRepository(db.em, { rules: rulesFor });
    const members = new PointsMemberRepository(db.em);
    for (const community of dataset.communities) {
      const filter = { communities: [community.code] };
      const loaded = await ledger.loadYear(filter, 2025);
      expect(loaded.stored.length).toBeGreaterThan(0);
      expect(loaded.records).toEqual(await ledger.replayYear(filter, 2025));
      expect(loaded.locks).toHaveLength(1);
      const scores = unwrap(scoreYear(loaded.records, loaded.profiles[0]!));
      expect(Math.max(...scores.total)).toBeGreaterThan(100);
    }
    const stored = await members.findByCodes([dataset.partyMembers[0]!.id]);
    expect(stored[0]?.branch).toBe(`P${dataset.partyMembers[0]!.communityCode}`);
  });
});

describe('seeding a year of points on sqlite, commit by commit', () => {
  it('commits the ledger in about eight transactions, not one per 1,000 rows (each commit is a disk flush)', async () => {
    const wide = generateReferenceGridDataset(referenceProfile, { scale: 0.3, seed: 5 });
    const db = await openScratchDatabase(testDatabases()[0]!, [...pointsEntities]);
    try {
      // One progress report per committed transaction.
      const commits: number[] = [];
      const summary = await seedMembersAndLedger(db.em, {
        members: wide.partyMembers,
        year: 2025,
        seed: 5,
        onProgress: (p) => {
          if (p.phase === 'ledger') commits.push(p.done);
        },
      });
      expect(summary.ledgerRows).toBeGreaterThan(20_000);
      expect(commits.length).toBeLessThanOrEqual(9);
      expect(commits.at(-1)).toBe(summary.ledgerRows);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
