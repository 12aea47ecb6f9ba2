import type { Actor, OriginationInput, StageCommand, TopicDraft } from '@jiceng/domain';
import { beginOrigination, proposeGroup, recordOriginationStep, unwrap } from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  ConsultationRepository,
  type Database,
  DuplicateKeyError,
  InvalidInputError,
  type StoredConsultation,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationEntities } from '../src/consultation/schemas.js';
import {
  bodiesOf,
  candidatesOf,
  countStatements,
  d,
  GANG,
  originate,
  rules,
  startOn,
  stepTopic,
  TOWN_A,
  TOWN_B,
} from './consultation-fixtures.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const a = bodiesOf(TOWN_A);
const b = bodiesOf(TOWN_B);

const thematic = (title: string): TopicDraft => ({
  title,
  form: { kind: 'thematic', topicKind: 'key_work' },
  tags: ['sewage'],
});

const jointly = (draft: TopicDraft, bodies = a): OriginationInput => ({
  step: 'jointly_proposed',
  with: [bodies.government, bodies.liaisonGroup],
  topic: draft,
});

/** The codes of a rejected promise's issues. */
async function refusedWith(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).issues.map((i) => i.code);
}

describe.each(testDatabases())('consultation topics and consultations on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  let repo: ConsultationRepository;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...consultationEntities]);
    repo = new ConsultationRepository(db.em);
  });

  afterAll(async () => {
    await db.drop();
  });

  /** Applies acts in turn, each with the version the previous one returned. */
  async function play(
    stored: StoredConsultation,
    acts: readonly [StageCommand, Actor, string][],
  ): Promise<StoredConsultation> {
    let current = stored;
    for (const [command, by, on] of acts) {
      const next = await repo.applyStageCommand(
        current.consultation.id,
        command,
        { by, on: d(on), rules },
        { expectedVersion: current.version },
      );
      expect(next?.version).toBe(current.version + 1);
      current = next!;
    }
    return current;
  }

  it('originates a topic on path a in one step, and on path b step by step with optimistic locking', async () => {
    const sewage = await originate(
      repo,
      { topicId: 'A-1', township: TOWN_A, path: 'committee_led', profileId: 'reference' },
      jointly(thematic('完善镇区范围污水管网建设')),
      { by: a.partyCommittee, on: d('2026-02-20'), rules },
    );
    expect(sewage).toMatchObject({ version: 1, consultationId: null, profileId: 'reference' });
    expect(sewage.origination.topic).toMatchObject({ id: 'A-1', township: TOWN_A, year: 2026 });

    const first = await originate(
      repo,
      { topicId: 'B-1', township: TOWN_B, path: 'liaison_group_led', profileId: 'reference' },
      { step: 'opinions_solicited', opinionsReceived: 48 },
      { by: b.liaisonGroup, on: d('2026-03-02'), rules },
    );
    expect([first.origination.status, first.version]).toEqual(['in_progress', 1]);
    const drafted = await stepTopic(
      repo,
      'B-1',
      { step: 'topic_drafted', topic: thematic('顺和家园提升改造'), planOutline: '深入调研，形成建议书' },
      { by: b.liaisonGroup, on: d('2026-03-09'), rules },
      { expectedVersion: 1 },
    );
    expect(drafted?.version).toBe(2);
    // A second writer who read version 1 is refused, and nothing changes.
    await expect(
      stepTopic(
        repo,
        'B-1',
        { step: 'conferred_with_government', with: [b.government] },
        { by: b.liaisonGroup, on: d('2026-03-12'), rules },
        { expectedVersion: 1 },
      ),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(
      await refusedWith(
        stepTopic(
          repo,
          'B-1',
          { step: 'committee_decided', decision: 'approved' },
          { by: b.partyCommittee, on: d('2026-03-12'), rules },
        ),
      ),
    ).toEqual(['CONSULTATION_ORIGIN_OUT_OF_ORDER']);
    expect((await repo.getTopic('B-1'))?.version).toBe(2);
    for (const [step, by, on] of [
      [{ step: 'conferred_with_government', with: [b.government] }, b.liaisonGroup, '2026-03-12'],
      [{ step: 'submitted_to_committee' }, b.liaisonGroup, '2026-03-13'],
      [{ step: 'committee_decided', decision: 'approved' }, b.partyCommittee, '2026-03-16'],
    ] as const) {
      await stepTopic(repo, 'B-1', step, { by, on: d(on), rules });
    }
    const decided = await repo.getTopic('B-1');
    expect([
      decided?.origination.status,
      decided?.origination.topic?.establishedOn,
      decided?.version,
    ]).toEqual(['established', '2026-03-16', 5]);
    expect(await repo.getTopic('nope')).toBeUndefined();
    expect(
      await stepTopic(
        repo,
        'nope',
        { step: 'submitted_to_committee' },
        { by: b.liaisonGroup, on: d('2026-03-13'), rules },
      ),
    ).toBeUndefined();
    // A taken topic id (the use case refuses it first, in words; this is the race it may lose).
    await expect(
      originate(
        repo,
        { topicId: 'A-1', township: TOWN_A, path: 'committee_led', profileId: 'reference' },
        jointly(thematic('重复')),
        { by: a.partyCommittee, on: d('2026-02-21'), rules },
      ),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    expect((await repo.listTopics({ townships: [TOWN_A, TOWN_B], status: 'established' })).length).toBe(2);
  });

  it('refuses a third thematic topic in a year, decided on the established ones read', async () => {
    await originate(
      repo,
      { topicId: 'A-2', township: TOWN_A, path: 'committee_led', profileId: 'reference' },
      jointly(thematic('垃圾发电')),
      { by: a.partyCommittee, on: d('2026-03-15'), rules },
    );
    expect(
      await refusedWith(
        originate(
          repo,
          { topicId: 'A-3', township: TOWN_A, path: 'committee_led', profileId: 'reference' },
          jointly(thematic('第三个专题')),
          { by: a.partyCommittee, on: d('2026-04-01'), rules },
        ),
      ),
    ).toEqual(['CONSULTATION_THEMATIC_LIMIT_REACHED']);
    // A routine topic does not count, and another year starts afresh.
    await originate(
      repo,
      { topicId: 'A-R', township: TOWN_A, path: 'committee_led', profileId: 'reference' },
      jointly({
        title: '年度重点工作安排',
        form: { kind: 'routine', itemKind: 'annual_key_work_plan', decisionId: 'A-plan' },
      }),
      { by: a.partyCommittee, on: d('2026-04-01'), rules },
    );
    await originate(
      repo,
      { topicId: 'A-2027-1', township: TOWN_A, path: 'committee_led', profileId: 'reference' },
      jointly(thematic('下一年的专题')),
      { by: a.partyCommittee, on: d('2027-01-10'), rules },
    );
    expect(
      (await repo.listTopics({ townships: [TOWN_A], status: 'established', year: 2026 })).map(
        (t) => t.origination.topicId,
      ),
    ).toEqual(['A-1', 'A-2', 'A-R']);
  });

  it('refuses a step decided on established topics that moved since they were read, storing nothing', async () => {
    const established = await repo.establishedTopics(TOWN_B, 2026);
    expect(established.topics.map((t) => t.id)).toEqual(['B-1']);
    const next = unwrap(
      recordOriginationStep(
        beginOrigination({ topicId: 'B-2', township: TOWN_B, path: 'committee_led' }),
        jointly(thematic('老旧小区加装电梯'), b),
        { by: b.partyCommittee, on: d('2026-06-01'), rules, established: established.topics },
      ),
    );
    // Another topic of the township is established in between.
    await originate(
      repo,
      { topicId: 'B-3', township: TOWN_B, path: 'committee_led', profileId: 'reference' },
      jointly(thematic('农贸市场改造'), b),
      { by: b.partyCommittee, on: d('2026-06-01'), rules },
    );
    await expect(repo.createTopic(next, { profileId: 'reference', established })).rejects.toBeInstanceOf(
      ConcurrentUpdateError,
    );
    expect(await repo.getTopic('B-2')).toBeUndefined();
    // The same for a step of a stored topic, and for established topics of another township.
    const b3 = (await repo.getTopic('B-3'))!;
    await expect(
      repo.saveTopic(b3.origination, { decidedOn: b3.version, established }),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    await expect(
      repo.createTopic({ ...next, township: TOWN_A }, { profileId: 'reference', established }),
    ).rejects.toThrow(/another township/);
    expect((await repo.getTopic('B-3'))?.version).toBe(b3.version);
  });

  it('establishes at most the allowed thematic topics when several are proposed at once', async () => {
    const attempts = await Promise.allSettled(
      [1, 2, 3, 4].map((i) =>
        originate(
          repo,
          { topicId: `G-${i}`, township: GANG, path: 'committee_led', profileId: 'reference' },
          jointly(thematic(`专题${i}`), bodiesOf(GANG)),
          { by: bodiesOf(GANG).partyCommittee, on: d('2026-05-01'), rules },
        ),
      ),
    );
    const established = await repo.listTopics({ townships: [GANG], status: 'established', year: 2026 });
    expect(established.length).toBeGreaterThanOrEqual(1);
    expect(established.length).toBeLessThanOrEqual(rules.thematic.perLiaisonGroupPerYear.max);
    expect(attempts.filter((x) => x.status === 'fulfilled')).toHaveLength(established.length);
    for (const failed of attempts) {
      if (failed.status === 'fulfilled') continue;
      const error = failed.reason as Error;
      // Decided after another was stored, the domain refuses the third; decided on the same
      // established topics as another, the write finds them moved, or the slot taken.
      if (error instanceof InvalidInputError) {
        expect(error.issues.map((i) => i.code)).toEqual(['CONSULTATION_THEMATIC_LIMIT_REACHED']);
      } else {
        expect([ConcurrentUpdateError, DuplicateKeyError]).toContain(error.constructor);
      }
    }
  });

  it('starts one consultation per topic and takes it through the five stages and its outcomes', async () => {
    const topic = await repo.getTopic('A-1');
    const group = unwrap(proposeGroup(topic!.origination.topic!, candidatesOf(TOWN_A), rules)).group;
    const started = await startOn(
      repo,
      'A-1',
      { id: 'C-A-1', group },
      { by: a.liaisonGroup, on: d('2026-02-21'), rules },
      { expectedVersion: topic!.version },
    );
    expect([started?.consultation.status, started?.version]).toEqual(['pre_consultation', 1]);
    expect((await repo.getTopic('A-1'))?.consultationId).toBe('C-A-1');
    // A second start on the topic, even decided on its current version: it has its consultation.
    await expect(
      startOn(repo, 'A-1', { id: 'C-A-1b', group }, { by: a.liaisonGroup, on: d('2026-02-22'), rules }),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(await repo.get('C-A-1b')).toBeUndefined();
    expect(
      await startOn(repo, 'nope', { id: 'C-x', group }, { by: a.liaisonGroup, on: d('2026-02-22'), rules }),
    ).toBeUndefined();

    let c = await play(started!, [
      [
        { type: 'communicate', counterpart: 'party_committee', summary: '汇报' },
        a.liaisonGroup,
        '2026-02-22',
      ],
      [{ type: 'communicate', counterpart: 'government', summary: '沟通' }, a.liaisonGroup, '2026-02-23'],
    ]);
    // A gate still closed: refused with the domain's issue, nothing written.
    expect(
      await refusedWith(
        repo.applyStageCommand(
          'C-A-1',
          { type: 'advance', to: 'plan' },
          { by: a.liaisonGroup, on: d('2026-02-24'), rules },
          { expectedVersion: c.version },
        ),
      ),
    ).toEqual(['CONSULTATION_GATE_COMMUNICATION_MISSING']);
    expect((await repo.get('C-A-1'))?.version).toBe(c.version);
    expect(await repo.journalOf(['C-A-1'])).toHaveLength(3);

    c = await play(c, [
      [{ type: 'communicate', counterpart: 'group_members', summary: '通报' }, a.liaisonGroup, '2026-02-24'],
      [{ type: 'advance', to: 'plan' }, a.liaisonGroup, '2026-02-25'],
      [
        {
          type: 'draft_plan',
          plan: { summary: '镇区污水管网', objectives: ['摸清管网短板'], researchMethods: ['site_visit'] },
        },
        a.liaisonGroup,
        '2026-02-26',
      ],
      [{ type: 'approve_plan' }, a.partyCommittee, '2026-02-28'],
      [{ type: 'advance', to: 'research' }, a.liaisonGroup, '2026-03-01'],
      [
        { type: 'record_research', method: 'site_visit', summary: '走访', residentsHeard: 40 },
        a.liaisonGroup,
        '2026-03-05',
      ],
      [{ type: 'advance', to: 'meeting' }, a.liaisonGroup, '2026-03-06'],
      [
        {
          type: 'hold_meeting',
          noticeOn: d('2026-03-06'),
          attendees: group.members.slice(0, 12).map((m) => m.id),
          opinions: ['采用先进技术'],
        },
        a.liaisonGroup,
        '2026-03-10',
      ],
      [{ type: 'advance', to: 'report' }, a.liaisonGroup, '2026-03-10'],
      [
        {
          type: 'submit_report',
          title: '协商建议书',
          items: [{ id: 'P1', text: '雨污分流改造', addressedTo: 'government' }],
        },
        a.liaisonGroup,
        '2026-03-15',
      ],
    ]);
    expect(c.consultation.status).toBe('completed');

    const ctx = (on: string) => ({ by: a.government, on: d(on), rules });
    c = (await repo.decideAdoption('C-A-1', { itemId: 'P1', decision: 'adopted' }, ctx('2026-03-20'), {
      expectedVersion: c.version,
    }))!;
    c = (await repo.planImplementation(
      'C-A-1',
      { itemId: 'P1', owner: '镇建设办', tasks: [{ id: 'phase1', title: '一期管网' }] },
      ctx('2026-03-25'),
    ))!;
    expect(
      await refusedWith(
        repo.recordProgress('C-A-1', { itemId: 'P1', taskId: 'phase1', progress: 100 }, ctx('2026-09-30')),
      ),
    ).toEqual(['CONSULTATION_EVIDENCE_REQUIRED']);
    c = (await repo.recordProgress(
      'C-A-1',
      { itemId: 'P1', taskId: 'phase1', progress: 100, evidence: [{ title: '竣工验收记录' }] },
      ctx('2026-09-30'),
    ))!;
    expect(c.consultation.implementations[0]?.tasks[0]?.completedOn).toBe('2026-09-30');

    // The journal holds exactly the record's events, numbered in order, and the state reloads whole.
    const reloaded = await repo.get('C-A-1');
    expect(reloaded).toEqual(c);
    const journal = await repo.journalOf(['C-A-1']);
    expect(journal.map((e) => e.seq)).toEqual(c.consultation.events.map((_, i) => i));
    expect(journal.map((e) => e.event)).toEqual(c.consultation.events);
    expect(
      (await repo.journal({ townships: [TOWN_A], from: '2026-03-10', to: '2026-03-15' })).map(
        (e) => e.event.type,
      ),
    ).toEqual(['meeting_held', 'stage_entered', 'report_submitted']);
  });

  it('lets one of two writers with the same version win; the other gets a conflict and appends nothing', async () => {
    const topic = await repo.getTopic('B-1');
    const group = unwrap(proposeGroup(topic!.origination.topic!, candidatesOf(TOWN_B), rules)).group;
    const started = await startOn(
      repo,
      'B-1',
      { id: 'C-B-1', group },
      { by: b.liaisonGroup, on: d('2026-03-17'), rules },
    );
    const results = await Promise.allSettled(
      (['party_committee', 'government'] as const).map((counterpart) =>
        repo.applyStageCommand(
          'C-B-1',
          { type: 'communicate', counterpart, summary: '商前沟通' },
          { by: b.liaisonGroup, on: d('2026-03-18'), rules },
          { expectedVersion: started!.version },
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConcurrentUpdateError);
    const stored = await repo.get('C-B-1');
    expect(stored?.version).toBe(2);
    expect(stored?.consultation.communications).toHaveLength(1);
    expect(await repo.journalOf(['C-B-1'])).toHaveLength(2);
  });

  it('loads many consultations in one statement and lists them by township, status and year', async () => {
    const { result, statements } = await countStatements(db, () => repo.loadMany(['C-B-1', 'nope', 'C-A-1']));
    expect(result.map((s) => s.consultation.id)).toEqual(['C-B-1', 'C-A-1']);
    expect(statements).toHaveLength(1);

    expect(await repo.listIds({ townships: [TOWN_A, TOWN_B] })).toEqual(['C-A-1', 'C-B-1']);
    expect(await repo.listIds({ townships: [TOWN_A, TOWN_B], status: 'completed' })).toEqual(['C-A-1']);
    expect(await repo.listIds({ townships: [TOWN_A, TOWN_B], status: ['pre_consultation', 'plan'] })).toEqual(
      ['C-B-1'],
    );
    expect(await repo.listIds({ townships: [TOWN_A], year: 2027 })).toEqual([]);
    expect(await repo.listIds({ townships: [] })).toEqual([]);
    const listed = await countStatements(db, () => repo.list({ townships: [TOWN_A, TOWN_B], year: 2026 }));
    expect(listed.result.map((s) => [s.consultation.id, s.consultation.status])).toEqual([
      ['C-A-1', 'completed'],
      ['C-B-1', 'pre_consultation'],
    ]);
    expect(listed.statements).toHaveLength(1);
  });
});
