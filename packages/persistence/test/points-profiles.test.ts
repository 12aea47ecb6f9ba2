import { type ProfileHistory, type RuleVersions, referenceProfile, scoreYear, unwrap } from '@jiceng/domain';
import { type Database, PointsLedgerRepository, PointsMemberRepository } from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsEntities } from '../src/points/schemas.js';
import { referenceHistory, streetMembers } from './points-fixtures.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

/** A second county whose members start the year with 80 points instead of 100. */
const countyB: ProfileHistory = {
  id: 'county_b',
  name: { zh: '乙县', en: 'County B' },
  versions: [
    {
      ...referenceProfile,
      id: 'county_b',
      version: '2025.b',
      points: { ...referenceProfile.points, baseScore: 80 },
    },
  ],
};
const rules = (id: string): RuleVersions | undefined =>
  id === 'reference' ? referenceHistory : id === 'county_b' ? countyB : undefined;

/** Two members of county B in the same branch and community as the reference county's. */
const members = [
  ...streetMembers,
  {
    code: 'k001',
    name: '孔一',
    branch: 'b1',
    community: 'hanjianglu',
    categories: [{ category: 'ordinary', from: '2020-01-01' }],
    profileId: 'county_b',
  },
  {
    code: 'k002',
    name: '孔二',
    branch: 'b2',
    community: 'shengli',
    categories: [{ category: 'ordinary', from: '2020-01-01' }],
    profileId: 'county_b',
  },
];

describe.each(testDatabases())('a year of members of two rule profiles on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  let ledger: PointsLedgerRepository;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...pointsEntities]);
    await new PointsMemberRepository(db.em).saveMembers(members);
    ledger = new PointsLedgerRepository(db.em, { rules });
  });

  afterAll(async () => {
    await db.drop();
  });

  it('groups the members by their own profile, each with its rules, members and entries', async () => {
    const loaded = await ledger.loadYear({ branches: ['b1', 'b2'] }, 2025);
    expect(loaded.stored.map((m) => m.code)).toEqual(['k001', 'k002', 'm001', 'm002', 'm003', 'm004']);
    expect(loaded.profiles.map((g) => [g.profileId, g.stored.map((m) => m.code)])).toEqual([
      ['county_b', ['k001', 'k002']],
      ['reference', ['m001', 'm002', 'm003', 'm004']],
    ]);
    for (const group of loaded.profiles) {
      expect(group.rules).toBe(rules(group.profileId));
      expect(group.members.members.map((m) => m.code)).toEqual(group.stored.map((m) => m.code));
      const scores = unwrap(scoreYear(group.records, group));
      const base = group.profileId === 'county_b' ? 80 : 100;
      expect([...scores.total]).toEqual(group.stored.map(() => base));
    }
  });

  it('loads one profile as one group, and no members as none', async () => {
    const one = await ledger.loadYear({ members: ['k002'] }, 2025);
    expect(one.profiles.map((g) => [g.profileId, g.stored.length])).toEqual([['county_b', 1]]);
    expect((await ledger.loadYear({ members: ['nobody'] }, 2025)).profiles).toEqual([]);
  });
});
