import {
  EMPTY_MINUTES_REGISTER,
  fileMinutes,
  filingCounts,
  type MinutesRegister,
  proposeGroup,
  unwrap,
} from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  ConsultationRepository,
  type Database,
  InvalidInputError,
  LiaisonGroupRepository,
  MinutesFilingRepository,
  RoutineDecisionRepository,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationEntities } from '../src/consultation/schemas.js';
import {
  bodiesOf,
  candidatesOf,
  countStatements,
  d,
  GANG,
  gangVillages,
  originate,
  rules,
  startOn,
  TOWN_A,
} from './consultation-fixtures.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const clerk = bodiesOf(GANG).villageCommittee;
const villages = [...gangVillages, { code: 'a_v01', name: '甲镇一村', township: TOWN_A }];

async function codesOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).issues.map((i) => i.code);
}

describe.each(testDatabases())('liaison groups, roster, minutes and decisions on $name', (target) => {
  let db: Database & { drop(): Promise<void> };

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...consultationEntities]);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('saves liaison groups with optimistic locking and finds many in one statement', async () => {
    const repo = new LiaisonGroupRepository(db.em);
    const group = {
      township: GANG,
      name: '岗乡政协联络组',
      establishedOn: d('2025-03-01'),
      leader: bodiesOf(GANG).liaisonGroup,
      evidence: { place: [{ title: '委员活动室' }] },
    };
    expect((await repo.save(group)).version).toBe(1);
    const funded = {
      ...group,
      evidence: { ...group.evidence, funding: [{ title: '经费预算', on: d('2026-01-20') }] },
    };
    expect((await repo.save(funded, { expectedVersion: 1 })).version).toBe(2);
    await expect(repo.save(group, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrentUpdateError);
    await repo.save({ ...group, township: TOWN_A, name: '甲镇政协联络组' });
    const { result, statements } = await countStatements(db, () =>
      repo.findByTownships([TOWN_A, 'nowhere', GANG]),
    );
    expect(result.map((g) => [g.group.township, g.version, Object.keys(g.group.evidence).sort()])).toEqual([
      [TOWN_A, 1, ['place']],
      [GANG, 2, ['funding', 'place']],
    ]);
    expect(statements).toHaveLength(1);
    expect(await codesOf(repo.save({ ...group, name: ' ' }))).toEqual(['CONSULTATION_EMPTY_FIELD']);
  });

  it('replaces the CPPCC roster whole and reads members by township', async () => {
    const repo = new LiaisonGroupRepository(db.em);
    const sectors = [
      { code: 'economy', name: { zh: '经济界', en: 'economy' } },
      { code: 'agriculture', name: { zh: '农业界', en: 'agriculture' } },
    ];
    const members = [
      { id: 'M1', name: '委员一', level: 'county', sector: 'economy', township: GANG, origin: 'township' },
      { id: 'M2', name: '委员二', level: 'county', sector: 'agriculture', township: TOWN_A, origin: 'other' },
      {
        id: 'P1',
        name: '省委员',
        level: 'provincial',
        township: GANG,
        origin: 'other',
        expertise: ['tourism'],
      },
    ] as const;
    await repo.replaceRoster({ sectors, members });
    expect(await repo.loadRoster()).toEqual({ sectors, members });
    expect((await repo.membersOf([GANG])).map((m) => m.id)).toEqual(['M1', 'P1']);
    expect(
      await codesOf(
        repo.replaceRoster({
          sectors,
          members: [...members, { ...members[0], id: 'M2' }, { ...members[1], id: 'M9', sector: 'art' }],
        }),
      ),
    ).toEqual(['CONSULTATION_DUPLICATE_ID', 'CONSULTATION_UNKNOWN_SECTOR']);
    expect((await repo.loadRoster()).members).toHaveLength(3);
  });

  it('files minutes through the domain, append-only, and counts them with one GROUP BY that agrees with the domain', async () => {
    const repo = new MinutesFilingRepository(db.em);
    let register: MinutesRegister = EMPTY_MINUTES_REGISTER;
    for (let i = 0; i < 30; i++) {
      const village = gangVillages[i % 7]!;
      const meetingOn = d(`2025-${String(1 + (i % 12)).padStart(2, '0')}-10`);
      const on = d(`2025-${String(1 + (i % 12)).padStart(2, '0')}-${i === 29 ? '28' : '12'}`);
      const minutes = { id: `GX-${i}`, village: village.code, meetingOn, topic: '村事民定' };
      const context = { villages, by: clerk, on: i === 5 ? d('2025-07-30') : on, rules };
      const filed = await repo.file(minutes, context);
      register = unwrap(fileMinutes(register, minutes, context));
      expect(filed).toEqual(register.entries.at(-1));
    }
    expect(register.entries.filter((e) => e.late).map((e) => e.id)).toEqual(['GX-5']);
    const ofTownA = { id: 'A-1', village: 'a_v01', meetingOn: d('2026-01-10'), topic: '村道硬化' };
    const townA = { villages, by: bodiesOf(TOWN_A).villageCommittee, on: d('2026-01-11'), rules };
    await repo.file(ofTownA, townA);
    const all = unwrap(fileMinutes(register, ofTownA, townA));

    expect(
      await codesOf(
        repo.file(
          { id: 'GX-0', village: 'gang_v01', meetingOn: d('2026-01-10'), topic: '重复' },
          { villages, by: clerk, on: d('2026-01-12'), rules },
        ),
      ),
    ).toEqual(['CONSULTATION_DUPLICATE_ID']);
    expect(
      await codesOf(
        repo.file(
          { id: 'N1', village: 'nowhere', meetingOn: d('2026-01-10'), topic: '村道' },
          { villages, by: bodiesOf(GANG).government, on: d('2026-01-09'), rules },
        ),
      ),
    ).toEqual([
      'CONSULTATION_ROLE_NOT_ALLOWED',
      'CONSULTATION_FILING_UNKNOWN_VILLAGE',
      'CONSULTATION_FILING_BEFORE_MEETING',
    ]);

    // The domain's count over the same register is the oracle.
    for (const window of [
      {},
      { meetingYear: 2025 },
      { filedFrom: d('2025-04-01'), filedTo: d('2025-09-30') },
    ]) {
      const { result, statements } = await countStatements(db, () =>
        repo.filingCounts([GANG, TOWN_A], villages, window),
      );
      expect(statements).toHaveLength(1);
      expect(result).toEqual(filingCounts(all, villages, window));
    }
    const [gang] = await repo.filingCounts([GANG], gangVillages, { meetingYear: 2025 });
    expect([gang?.total, gang?.late, gang?.villages.filter((v) => v.count > 0).length]).toEqual([30, 1, 7]);
    // In filing order: by filing day, then id.
    const byFiling = [...register.entries].sort((x, y) =>
      x.filedOn === y.filedOn ? (x.id < y.id ? -1 : 1) : x.filedOn < y.filedOn ? -1 : 1,
    );
    expect((await repo.register([GANG], { meetingYear: 2025 })).entries).toEqual(byFiling);
  });

  it('issues a routine item only once a routine consultation of it has held its meeting', async () => {
    const decisions = new RoutineDecisionRepository(db.em);
    const consultations = new ConsultationRepository(db.em);
    const a = bodiesOf(TOWN_A);
    const decision = {
      id: 'A-plan',
      township: TOWN_A,
      itemKind: 'annual_key_work_plan',
      title: '重点工作安排',
    };
    expect(await codesOf(decisions.issue(decision, { on: d('2026-01-06'), rules }))).toEqual([
      'CONSULTATION_ROUTINE_NOT_CONSULTED',
    ]);
    const topic = await originate(
      consultations,
      { topicId: 'A-R', township: TOWN_A, path: 'committee_led', profileId: 'reference' },
      {
        step: 'jointly_proposed',
        with: [a.government, a.liaisonGroup],
        topic: {
          title: '重点工作安排',
          form: { kind: 'routine', itemKind: 'annual_key_work_plan', decisionId: 'A-plan' },
        },
      },
      { by: a.partyCommittee, on: d('2026-01-05'), rules },
    );
    const group = unwrap(proposeGroup(topic.origination.topic!, candidatesOf(TOWN_A), rules)).group;
    await startOn(
      consultations,
      'A-R',
      { id: 'C-A-R', group },
      { by: a.liaisonGroup, on: d('2026-01-06'), rules },
    );
    expect(await codesOf(decisions.issue(decision, { on: d('2026-01-07'), rules }))).toEqual([
      'CONSULTATION_ROUTINE_MEETING_PENDING',
    ]);
    const acts = [
      [{ type: 'communicate', counterpart: 'party_committee', summary: '沟通' }, a.liaisonGroup],
      [{ type: 'communicate', counterpart: 'government', summary: '沟通' }, a.liaisonGroup],
      [{ type: 'communicate', counterpart: 'group_members', summary: '沟通' }, a.liaisonGroup],
      [{ type: 'advance', to: 'plan' }, a.liaisonGroup],
      [
        { type: 'draft_plan', plan: { summary: '审议', objectives: ['意见'], researchMethods: ['forum'] } },
        a.liaisonGroup,
      ],
      [{ type: 'approve_plan' }, a.partyCommittee],
      [{ type: 'advance', to: 'research' }, a.liaisonGroup],
      [{ type: 'record_research', method: 'forum', summary: '座谈', residentsHeard: 15 }, a.liaisonGroup],
      [{ type: 'advance', to: 'meeting' }, a.liaisonGroup],
      [
        {
          type: 'hold_meeting',
          noticeOn: d('2026-01-08'),
          attendees: group.members.map((m) => m.id),
          opinions: ['增加民生项目'],
        },
        a.liaisonGroup,
      ],
    ] as const;
    for (const [command, by] of acts) {
      await consultations.applyStageCommand('C-A-R', command, { by, on: d('2026-01-12'), rules });
    }
    const issued = await decisions.issue(decision, { on: d('2026-01-20'), rules });
    expect(issued.clearance).toEqual({ required: true, consultationId: 'C-A-R', meetingOn: '2026-01-12' });
    expect(await codesOf(decisions.issue(decision, { on: d('2026-01-21'), rules }))).toEqual([
      'CONSULTATION_DUPLICATE_ID',
    ]);
    await decisions.issue(
      { ...decision, id: 'A-notice', itemKind: 'office_notice' },
      { on: d('2026-02-01'), rules },
    );
    expect((await decisions.list([TOWN_A], 2026)).map((i) => [i.decision.id, i.issuedOn])).toEqual([
      ['A-plan', '2026-01-20'],
      ['A-notice', '2026-02-01'],
    ]);
    expect(await decisions.list([TOWN_A], 2025)).toEqual([]);
  });
});
