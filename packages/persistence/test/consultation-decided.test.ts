import type { Consultation, TopicDraft } from '@jiceng/domain';
import { applyStageCommand, proposeGroup, unwrap } from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  ConsultationRepository,
  type Database,
  persistenceErrorOf,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationEntities } from '../src/consultation/schemas.js';
import { bodiesOf, candidatesOf, d, originate, rules, startOn, TOWN_A } from './consultation-fixtures.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const a = bodiesOf(TOWN_A);

const draft: TopicDraft = {
  title: '完善镇区范围污水管网建设',
  form: { kind: 'thematic', topicKind: 'key_work' },
  tags: ['sewage'],
};

/**
 * The contract of `ConsultationRepository.record`: the caller decides the next state with the
 * domain on the version it read, and the repository stores it only if the row is still at that
 * version, with the journal of the new events, in one transaction.
 */
describe.each(testDatabases())('a consultation step decided on a version, on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  let repo: ConsultationRepository;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...consultationEntities]);
    repo = new ConsultationRepository(db.em);
    await originate(
      repo,
      { topicId: 'A-1', township: TOWN_A, path: 'committee_led', profileId: 'reference' },
      { step: 'jointly_proposed', with: [a.government, a.liaisonGroup], topic: draft },
      { by: a.partyCommittee, on: d('2026-02-20'), rules },
    );
    const topic = await repo.getTopic('A-1');
    const group = unwrap(proposeGroup(topic!.origination.topic!, candidatesOf(TOWN_A), rules)).group;
    await startOn(repo, 'A-1', { id: 'C-A-1', group }, { by: a.liaisonGroup, on: d('2026-02-21'), rules });
  });

  afterAll(async () => {
    await db.drop();
  });

  const communicate = (c: Consultation, counterpart: 'party_committee' | 'government', on: string) =>
    unwrap(
      applyStageCommand(
        c,
        { type: 'communicate', counterpart, summary: '商前沟通' },
        { by: a.liaisonGroup, on: d(on), rules },
      ),
    );

  it('stores a step decided on the current version, with its journal rows', async () => {
    const read = (await repo.get('C-A-1'))!;
    const saved = await repo.record(
      'C-A-1',
      communicate(read.consultation, 'party_committee', '2026-02-22'),
      {
        decidedOn: read.version,
      },
    );
    expect(saved?.version).toBe(read.version + 1);
    expect(saved?.consultation.communications).toHaveLength(1);
    const journal = await repo.journalOf(['C-A-1']);
    expect(journal.map((e) => e.event)).toEqual(saved?.consultation.events);
  });

  it('refuses with CONFLICT a step decided on a stale version, and writes nothing', async () => {
    const stale = (await repo.get('C-A-1'))!;
    // Someone else's step lands after our read.
    const theirs = await repo.record('C-A-1', communicate(stale.consultation, 'government', '2026-02-23'), {
      decidedOn: stale.version,
    });
    expect(theirs?.version).toBe(stale.version + 1);
    const journalBefore = await repo.journalOf(['C-A-1']);

    const error = await repo
      .record('C-A-1', communicate(stale.consultation, 'party_committee', '2026-02-23'), {
        decidedOn: stale.version,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ConcurrentUpdateError);
    expect(persistenceErrorOf(error)?.code).toBe('CONFLICT');
    expect(await repo.get('C-A-1')).toEqual(theirs);
    expect(await repo.journalOf(['C-A-1'])).toEqual(journalBefore);
  });

  it('lets one of two steps decided on the same version win', async () => {
    const read = (await repo.get('C-A-1'))!;
    const results = await Promise.allSettled(
      (['party_committee', 'government'] as const).map((counterpart) =>
        repo.record('C-A-1', communicate(read.consultation, counterpart, '2026-02-24'), {
          decidedOn: read.version,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConcurrentUpdateError);
    const stored = await repo.get('C-A-1');
    expect(stored?.version).toBe(read.version + 1);
    expect(await repo.journalOf(['C-A-1'])).toHaveLength(stored!.consultation.events.length);
  });

  it('answers undefined for an unknown consultation and refuses a state that drops events', async () => {
    const read = (await repo.get('C-A-1'))!;
    expect(await repo.record('nope', read.consultation, { decidedOn: 1 })).toBeUndefined();
    const shorter = { ...read.consultation, events: read.consultation.events.slice(1) };
    await expect(repo.record('C-A-1', shorter, { decidedOn: read.version })).rejects.toThrow(
      /dropped events/,
    );
    expect((await repo.get('C-A-1'))?.version).toBe(read.version);
  });

  it('refuses a convenience step given an expectedVersion the row is already past', async () => {
    const read = (await repo.get('C-A-1'))!;
    await expect(
      repo.applyStageCommand(
        'C-A-1',
        { type: 'communicate', counterpart: 'group_members', summary: '通报' },
        { by: a.liaisonGroup, on: d('2026-02-25'), rules },
        { expectedVersion: read.version - 1 },
      ),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await repo.get('C-A-1'))?.version).toBe(read.version);
  });
});
