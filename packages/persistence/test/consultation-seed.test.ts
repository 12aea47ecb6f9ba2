import { complianceReport } from '@jiceng/domain';
import { consultationPilots } from '@jiceng/domain/reference';
import {
  ConsultationRepository,
  type Database,
  DuplicateKeyError,
  LiaisonGroupRepository,
  MinutesFilingRepository,
  RoutineDecisionRepository,
} from '@jiceng/persistence';
import { seedConsultationPilots } from '@jiceng/persistence/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationEntities } from '../src/consultation/schemas.js';
import {
  d,
  GANG,
  gangVillages,
  pilotOptions,
  rules,
  TOWN_A,
  TOWN_B,
  townships,
} from './consultation-fixtures.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const codes = townships.map((t) => t.code);

describe('the consultation pilots as data', () => {
  it('is the same for the same now, and dates nothing after it', () => {
    const pilots = consultationPilots(pilotOptions);
    expect(consultationPilots(pilotOptions)).toEqual(pilots);
    expect(pilots.year).toBe(2026);
    const earlier = consultationPilots({ ...pilotOptions, now: d('2026-11-19') });
    expect(earlier.year).toBe(2025);
    for (const p of [pilots, earlier]) {
      const now = p === pilots ? '2026-11-27' : '2026-11-19';
      const days = [
        ...p.consultations.flatMap((c) => c.events.map((e) => e.on)),
        ...p.topics.flatMap((o) => o.steps.map((s) => s.on)),
        ...p.minutes.entries.map((e) => e.filedOn),
        ...p.decisions.map((x) => x.issuedOn),
      ];
      expect(days.every((day) => day <= now)).toBe(true);
    }
  });

  it('holds the seed’s figures: 258 county members in 12 sectors, 133 from townships, 54 minutes from 22 villages', () => {
    const pilots = consultationPilots(pilotOptions);
    const county = pilots.roster.members.filter((m) => m.level === 'county');
    expect([
      county.length,
      pilots.roster.sectors.length,
      county.filter((m) => m.origin === 'township').length,
    ]).toEqual([258, 12, 133]);
    expect(pilots.minutes.entries).toHaveLength(54);
    expect(new Set(pilots.minutes.entries.map((e) => e.village)).size).toBe(22);
    expect(pilots.liaisonGroups.map((g) => g.township)).toEqual(codes);
    expect(pilots.consultations.map((c) => [c.id, c.status])).toEqual([
      ['C-G-R1', 'completed'],
      ['C-G-1', 'completed'],
      ['C-G-2', 'completed'],
      ['C-A-R1', 'completed'],
      ['C-A-sewage', 'completed'],
      ['C-A-waste', 'completed'],
      ['C-B-shunhe', 'completed'],
      ['C-town_4-1', 'research'],
      ['C-town_5-1', 'plan'],
    ]);
    // The waste plant's contractor is kept out of the group; its neighbours may sit on it.
    const waste = pilots.consultations.find((c) => c.id === 'C-A-waste')!;
    expect(waste.group.members.map((m) => m.id)).not.toContain(`${TOWN_A}-contractor`);
  });
});

describe.each(testDatabases())('seeding the consultation pilots on $name', (target) => {
  let db: Database & { drop(): Promise<void> };

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...consultationEntities]);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('stores the pilots in one go, and the repositories read back exactly what the domain produced', async () => {
    const summary = await seedConsultationPilots(db.em, pilotOptions);
    expect(summary).toEqual({
      year: 2026,
      liaisonGroups: 5,
      members: 259,
      topics: 9,
      consultations: 9,
      events: expect.any(Number),
      decisions: 2,
      minutes: 54,
    });
    const pilots = consultationPilots(pilotOptions);
    const repo = new ConsultationRepository(db.em);
    const stored = await repo.loadMany(pilots.consultations.map((c) => c.id));
    expect(stored.map((s) => s.consultation)).toEqual(pilots.consultations);
    expect(stored.every((s) => s.version === 1 && s.profileId === 'reference')).toBe(true);
    const journal = await repo.journal({ townships: codes });
    expect(journal).toHaveLength(summary.events);
    expect(journal.filter((e) => e.consultationId === 'C-A-waste').map((e) => e.event)).toEqual(
      pilots.consultations.find((c) => c.id === 'C-A-waste')!.events,
    );
    const topics = await repo.listTopics({ townships: [TOWN_A], status: 'established', year: 2026 });
    expect(topics.map((t) => [t.origination.topicId, t.consultationId])).toEqual([
      ['A-2026-1', 'C-A-sewage'],
      ['A-2026-2', 'C-A-waste'],
      ['A-2026-R1', 'C-A-R1'],
    ]);
    expect(await repo.listIds({ townships: codes, status: ['plan', 'research'] })).toEqual([
      'C-town_4-1',
      'C-town_5-1',
    ]);
    const [gang] = await new MinutesFilingRepository(db.em).filingCounts([GANG], gangVillages, {
      meetingYear: 2025,
    });
    expect([gang?.total, gang?.late, gang?.villages.length]).toEqual([54, 1, 22]);
  });

  it('gives 甲镇 a clean compliance report for the pilot year, from stored data only', async () => {
    const groups = new LiaisonGroupRepository(db.em);
    const [group] = await groups.findByTownships([TOWN_A]);
    const members = (await groups.membersOf([TOWN_A])).filter((m) => m.level === 'county').length;
    const report = complianceReport({
      township: TOWN_A,
      year: 2026,
      rules,
      liaisonGroup: group!.group,
      members,
      consultations: (await new ConsultationRepository(db.em).list({ townships: [TOWN_A], year: 2026 })).map(
        (s) => s.consultation,
      ),
      decisions: await new RoutineDecisionRepository(db.em).list([TOWN_A], 2026),
      minutes: await new MinutesFilingRepository(db.em).register([TOWN_A], { meetingYear: 2026 }),
      villages: [],
    });
    expect(report.findings.map((f) => f.code)).toEqual([]);
    expect([report.thematic.count, report.routine.consultedBeforeIssue, members]).toEqual([2, 1, 48]);
    // 乙镇 consulted one thematic topic: within 1–2.
    expect(
      (await new ConsultationRepository(db.em).list({ townships: [TOWN_B], year: 2026 })).map(
        (s) => s.consultation.id,
      ),
    ).toEqual(['C-B-shunhe']);
  });

  it('refuses to seed twice and leaves the stored pilots as they were', async () => {
    await expect(seedConsultationPilots(db.em, pilotOptions)).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await new ConsultationRepository(db.em).listIds({ townships: codes })).toHaveLength(9);
    expect((await new LiaisonGroupRepository(db.em).loadRoster()).members).toHaveLength(259);
  });
});
