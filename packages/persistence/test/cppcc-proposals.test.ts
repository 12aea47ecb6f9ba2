import {
  applyProposalCommand,
  emptyProposalBook,
  type ProposalActor,
  type ProposalBook,
  type ProposalCommand,
  referenceProfile,
  unwrap,
  workingCalendarOf,
} from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import {
  ConcurrentUpdateError,
  type Database,
  DuplicateKeyError,
  ProposalBookRepository,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cppccEntities } from '../src/cppcc/schemas.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const data = generateReferenceCppccDataset(referenceProfile);
const { committee } = data;
const meeting = { ...data.meeting, id: 'test-10-3' };
const rules = referenceProfile.cppcc;
const calendar = workingCalendarOf(referenceProfile);
const [m1, m2] = committee.roster.members.map((m) => m.id);
const pc: ProposalActor = { role: 'proposals_committee', id: 'proposals' };

function act(book: ProposalBook, command: ProposalCommand, by: ProposalActor, on: string): ProposalBook {
  return unwrap(applyProposalCommand(book, command, { by, on: on as never, rules, committee, calendar }));
}

function submit(id: string, member: string): ProposalCommand {
  return {
    type: 'submit',
    draft: {
      id,
      proposer: { kind: 'member', member },
      title: `关于${id}的建议`,
      reasons: '案由',
      suggestions: '建议',
      subjectArea: 'economy',
    },
  };
}

describe.each(testDatabases())('the proposal book repository on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  let repo: ProposalBookRepository;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...cppccEntities]);
    repo = new ProposalBookRepository(db.em);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('stores the committee of a term and replaces it, raising its version', async () => {
    expect(await repo.committee(10)).toBeUndefined();
    expect((await repo.saveCommittee(committee)).version).toBe(1);
    const again = await repo.saveCommittee({ ...committee, secretaryGeneral: m2! });
    expect(again.version).toBe(2);
    expect((await repo.committee(10))?.committee.secretaryGeneral).toBe(m2);
    await repo.saveCommittee(committee);
  });

  it('opens a meeting once: the same id or the same session again is a duplicate', async () => {
    const opened = await repo.openMeeting(meeting, 'reference');
    expect(opened.version).toBe(1);
    await expect(repo.openMeeting(meeting, 'reference')).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(repo.openMeeting({ ...meeting, id: 'other' }, 'reference')).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    expect(await repo.load('nowhere')).toBeUndefined();
    const loaded = await repo.load(meeting.id);
    expect(loaded).toEqual({ book: emptyProposalBook(meeting), profileId: 'reference', version: 1 });
    expect((await repo.meetings()).map((m) => m.id)).toEqual([meeting.id]);
  });

  it('stores each decided book, appends only the new events, and loads it back as it was', async () => {
    let stored = (await repo.load(meeting.id))!;
    const steps: [ProposalCommand, ProposalActor, string, string][] = [
      [submit('A1', m1!), { role: 'member', id: m1! }, '2025-01-09', 'A1'],
      [submit('A2', m2!), { role: 'member', id: m2! }, '2025-01-09', 'A2'],
      [{ type: 'file', proposal: 'A1' }, pc, '2025-01-20', 'A1'],
      [{ type: 'merge', proposal: 'A2', into: 'A1' }, pc, '2025-01-20', 'A2'],
      [{ type: 'assign', proposal: 'A1', lead: 'housing', coUnits: ['water'] }, pc, '2025-02-10', 'A1'],
    ];
    for (const [i, [command, by, on, proposalId]] of steps.entries()) {
      const next = act(stored.book, command, by, on);
      stored = await repo.save({
        book: next,
        decidedOnVersion: stored.version,
        key: `k${i}`,
        command,
        proposalId,
      });
      expect(stored.version).toBe(i + 2);
    }
    const loaded = (await repo.load(meeting.id))!;
    expect(loaded.version).toBe(6);
    expect(loaded.book).toEqual(stored.book);
    expect(loaded.book.lastNumber).toBe(1);
    expect(loaded.book.proposals.map((p) => [p.id, p.status, p.number])).toEqual([
      ['A1', 'assigned', 1],
      ['A2', 'merged', null],
    ]);
    // The journal holds each trail once, in order: the merge is a step of both proposals.
    const trail = await repo.trail(meeting.id, 'A1');
    expect(trail.map((e) => [e.seq, e.event.type])).toEqual([
      [0, 'submitted'],
      [1, 'filed'],
      [2, 'absorbed'],
      [3, 'assigned'],
    ]);
    expect(trail.map((e) => e.event)).toEqual(loaded.book.proposals[0]!.events);
    expect((await repo.trail(meeting.id, 'A2')).map((e) => e.event.type)).toEqual(['submitted', 'merged']);
    expect(await repo.priorCommand('k2')).toMatchObject({
      key: 'k2',
      meetingId: meeting.id,
      proposalId: 'A1',
      command: { type: 'file', proposal: 'A1' },
      version: 4,
    });
    expect(await repo.priorCommand('nope')).toBeUndefined();
  });

  it('refuses a book decided on a stale version and writes nothing of it', async () => {
    const stored = (await repo.load(meeting.id))!;
    const command = submit('A3', m1!);
    const next = act(stored.book, command, { role: 'member', id: m1! }, '2025-01-10');
    await expect(
      repo.save({
        book: next,
        decidedOnVersion: stored.version - 1,
        key: 'stale',
        command,
        proposalId: 'A3',
      }),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    const after = (await repo.load(meeting.id))!;
    expect(after.version).toBe(stored.version);
    expect(after.book.proposals.map((p) => p.id)).toEqual(['A1', 'A2']);
    expect(await repo.priorCommand('stale')).toBeUndefined();
  });

  it('of two acts decided on the same version, stores the first and refuses the second', async () => {
    const stored = (await repo.load(meeting.id))!;
    const a = submit('A4', m1!);
    const b = submit('A5', m2!);
    const first = act(stored.book, a, { role: 'member', id: m1! }, '2025-01-10');
    const second = act(stored.book, b, { role: 'member', id: m2! }, '2025-01-10');
    const results = await Promise.allSettled([
      repo.save({
        book: first,
        decidedOnVersion: stored.version,
        key: 'race-a',
        command: a,
        proposalId: 'A4',
      }),
      repo.save({
        book: second,
        decidedOnVersion: stored.version,
        key: 'race-b',
        command: b,
        proposalId: 'A5',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConcurrentUpdateError);
    const after = (await repo.load(meeting.id))!;
    expect(after.version).toBe(stored.version + 1);
    expect(after.book.proposals).toHaveLength(3);
  });

  it('refuses a key used before, even on the current version, and writes nothing', async () => {
    const stored = (await repo.load(meeting.id))!;
    const command = submit('A6', m1!);
    const next = act(stored.book, command, { role: 'member', id: m1! }, '2025-01-10');
    await expect(
      repo.save({ book: next, decidedOnVersion: stored.version, key: 'k0', command, proposalId: 'A6' }),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    const after = (await repo.load(meeting.id))!;
    expect(after.version).toBe(stored.version);
    expect(after.book.proposals.some((p) => p.id === 'A6')).toBe(false);
  });
});
