import { isWithin, parseLocalDate, referenceProfile, unwrap } from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import {
  type Database,
  GridStatisticsRepository,
  OrgLifeRepository,
  OrgRepository,
  ProposalBookRepository,
} from '@jiceng/persistence';
import { isEmptyDatabase, type SeedProgress, seedReferenceCounty } from '@jiceng/persistence/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities } from '../src/database.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

describe.each(testDatabases())('the reference county on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  const steps: SeedProgress[] = [];

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...entities]);
  });
  afterAll(() => db.drop());

  // Loading the whole county (2,645 members with a year of points) takes 25 s on PostgreSQL on
  // an idle 2-core machine; CI runs this file again with both cores kept busy.
  it('loads into an empty database, reporting progress, with the seed street’s figures', async () => {
    expect(await isEmptyDatabase(db)).toBe(true);
    const summary = await seedReferenceCounty(db, {
      today: unwrap(parseLocalDate('2026-11-27')),
      onProgress: (p) => steps.push(p),
    });
    expect(summary).toMatchObject({
      county: '330102',
      communities: 7,
      grids: 48,
      workers: 144,
      partyMembers: 2645,
      pointsYear: 2025,
      townships: 10,
      consultations: 10,
      minutesFiled: 54,
      cppccProposals: 160,
      orgLifeMeetings: 199,
    });
    // The first quarter's organisational life, as the domain generated it.
    const hanjiang = await new OrgLifeRepository(db.em).list({ branches: ['P330102001001'] });
    expect(hanjiang.find((m) => m.meeting.kind === 'party_lecture')?.meeting.topic).toBe(
      '网络党支部微党课（流动党员 42 名）',
    );
    // The CPPCC's book of 十届三次会议 loads back as the domain generated it.
    const cppcc = (await new ProposalBookRepository(db.em).load('cppcc-10-3'))!;
    const generated = generateReferenceCppccDataset(referenceProfile).proposals;
    expect(cppcc.book).toEqual(generated);
    expect(cppcc.book.proposals.filter((p) => p.number !== null)).toHaveLength(135);
    // The county's one roster: 258 county members, and the provincial member who lives in 甲镇.
    const roster = (await new ProposalBookRepository(db.em).committee(10))!.committee.roster.members;
    expect(roster.filter((m) => m.level === 'county')).toHaveLength(258);
    expect(roster.filter((m) => m.level !== 'county').map((m) => m.id)).toEqual(['P001']);
    expect(await isEmptyDatabase(db)).toBe(false);
    expect(steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['dataset', 'org_tree', 'townships', 'consultation']),
    );
  }, 300_000);

  it('puts the seed street and the consultation townships in one administrative tree', async () => {
    const tree = (await new OrgRepository(db.em).loadTree('administrative'))!;
    expect(isWithin(tree, '330102', '330102001')).toBe(true);
    expect(isWithin(tree, '330102', '330102101')).toBe(true);
    expect(isWithin(tree, '330102101', '330102101201')).toBe(true);
  });

  it('reproduces the street’s statistics from the stored rows', async () => {
    const stats = await new GridStatisticsRepository(db.em).statistics(
      { streetCodes: ['330102001'] },
      { asOf: '2025-12-31T18:00:00+08:00', rules: referenceProfile.grid },
    );
    expect(stats.streets[0]).toMatchObject({
      code: '330102001',
      grids: 48,
      workers: 144,
      partyMembers: 2645,
    });
    expect(stats.streets[0]?.partyOrganisations).toBe(56);
  });
});
