import {
  appendDuty,
  type DutyLedgerInput,
  deriveDutyRecords,
  dutyYear,
  type RollCall,
  reconcileDutyRecords,
  referenceProfile,
  unwrap,
} from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import {
  ConcurrentUpdateError,
  type Database,
  DuplicateKeyError,
  DutyLedgerRepository,
  openDatabase,
  RollCallRepository,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../src/config.js';
import { seedCppccProposals } from '../src/cppcc/seed.js';
import { testDatabases } from './support/databases.js';

/**
 * Roll calls 点名 stored with the duty records they derive, in one transaction; a year's duty read
 * in one indexed query (a reversal filed under its record's year); and the migration that brought
 * both, up and down, on a database with a ledger in it.
 */

const data = generateReferenceCppccDataset(referenceProfile);
const { committee } = data;
const context = { rules: referenceProfile, committee };
const TERM = committee.term;
const standing = data.rollCalls.find((c) => c.kind === 'standing')!;

/** A standing-committee roll call of the reference committee, on a day of 2026. */
function rollCall(id: string, absent: readonly string[] = []): RollCall {
  return {
    ...standing,
    id,
    meetingOn: '2026-03-26' as never,
    title: '政协第十届常务委员会第13次会议',
    entries: standing.entries.map((e) => ({
      member: e.member,
      status: absent.includes(e.member) ? 'absent' : 'attended',
    })),
  };
}

describe.each(testDatabases())('CPPCC roll calls and the year read on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let ledgers: DutyLedgerRepository;
  let calls: RollCallRepository;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    await seedCppccProposals(db.em, referenceProfile);
    ledgers = new DutyLedgerRepository(db.em);
    calls = new RollCallRepository(db.em);
  }, 180_000);

  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  /** What the gateway does: reconcile the roll call's records with those derived from it before. */
  async function derived(call: RollCall, on: string) {
    const read = (await ledgers.derivedFrom(TERM, 'roll_call', call.id))!;
    const { appended } = unwrap(
      reconcileDutyRecords(read.ledger, deriveDutyRecords({ rollCalls: [call] }, context), {
        ...context,
        on: on as never,
      }),
    );
    return { term: TERM, decidedOnVersion: read.version, entries: appended };
  }

  it('holds the seeded roll calls beside the ledger they derived', async () => {
    const listed = await calls.list(TERM);
    expect(listed.map((c) => [c.rollCall.id, c.version, c.rollCall.entries.length])).toEqual(
      data.rollCalls.map((c) => [c.id, 1, c.entries.length]),
    );
    expect(listed[0]!.rollCall).toEqual(data.rollCalls[0]);
    // Reconciling a seeded roll call again derives nothing new: the seed stored what it earns.
    expect((await derived(data.rollCalls[0]!, '2026-01-05')).entries).toEqual([]);
  });

  it('stores a roll call with its records, and a correction with the reversals, both or neither', async () => {
    const [m1, m2] = standing.entries.map((e) => e.member);
    const first = rollCall('standing-10-13', [m1!]);
    const duty = await derived(first, '2026-03-27');
    expect(duty.entries).toHaveLength(standing.entries.length);
    const stored = await calls.save({
      term: TERM,
      rollCall: first,
      decidedOnVersion: 0,
      on: '2026-03-27',
      duty,
    });
    expect(stored).toMatchObject({ version: 1, recordedOn: '2026-03-27', corrections: [] });
    await expect(
      calls.save({ term: TERM, rollCall: first, decidedOnVersion: 0, on: '2026-03-27' }),
    ).rejects.toBeInstanceOf(DuplicateKeyError);

    // m1 was on leave, not absent; m2 was absent. Decided on version 1.
    const corrected: RollCall = {
      ...first,
      entries: first.entries.map((e) =>
        e.member === m1
          ? { member: m1, status: 'on_leave', reason: '因公出差' }
          : e.member === m2
            ? { member: m2, status: 'absent' }
            : e,
      ),
    };
    const fix = await derived(corrected, '2026-04-02');
    expect(fix.entries.map((e) => [e.type, e.key])).toEqual([
      ['reversal', `roll_call:standing-10-13/${m2}:reversal`],
      ['record', `roll_call:standing-10-13/${m2}#2`],
      ['reversal', `roll_call:standing-10-13/${m1}:reversal`],
    ]);
    // A write decided on a ledger that moved is refused, and the roll call stays as it was.
    const moved = await ledgers.touching(TERM, 'office-extra');
    const extra: DutyLedgerInput = {
      type: 'record',
      key: 'office-extra',
      member: m2!,
      item: 'speech',
      date: '2026-03-30' as never,
      by: { role: 'office', id: 'cppcc_office' },
      on: '2026-03-30' as never,
    };
    const { entry } = unwrap(appendDuty(moved!.ledger, extra, context));
    await ledgers.append({ term: TERM, decidedOnVersion: moved!.version, entries: [entry] });
    await expect(
      calls.save({
        term: TERM,
        rollCall: corrected,
        decidedOnVersion: 1,
        on: '2026-04-02',
        correction: { by: 'office', reason: '请假误记为缺席' },
        duty: fix,
      }),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await calls.load(TERM, 'standing-10-13'))!.version).toBe(1);

    const again = await derived(corrected, '2026-04-02');
    const saved = await calls.save({
      term: TERM,
      rollCall: corrected,
      decidedOnVersion: 1,
      on: '2026-04-02',
      correction: { by: 'office', reason: '请假误记为缺席' },
      duty: again,
    });
    expect(saved).toMatchObject({
      version: 2,
      recordedOn: '2026-03-27',
      corrections: [{ version: 2, on: '2026-04-02', by: 'office', reason: '请假误记为缺席' }],
    });
    expect((await calls.load(TERM, 'standing-10-13'))!.rollCall).toEqual(corrected);
    // A correction decided on version 1 again is refused.
    await expect(
      calls.save({ term: TERM, rollCall: corrected, decidedOnVersion: 1, on: '2026-04-03' }),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
  });

  it('reads a year as its records and their reversals, and scores it as the whole ledger does', async () => {
    const all = (await ledgers.all(TERM))!;
    const year = (await ledgers.ofYear(TERM, 2026))!;
    const in2026 = new Set(
      all.ledger.entries.filter((e) => e.type === 'record' && e.date.startsWith('2026')).map((e) => e.key),
    );
    expect(year.ledger.entries.map((e) => e.key)).toEqual(
      all.ledger.entries
        .filter((e) => (e.type === 'record' ? in2026.has(e.key) : in2026.has(e.record)))
        .map((e) => e.key),
    );
    expect(year.ledger.entries.some((e) => e.type === 'reversal')).toBe(true);
    for (const y of [2025, 2026]) {
      const part = unwrap(dutyYear((await ledgers.ofYear(TERM, y))!.ledger, y, context));
      const whole = unwrap(dutyYear(all.ledger, y, context));
      expect(part.members).toEqual(whole.members);
    }
  });

  it('migrates down and up again: reversals lose their year and get it back', async () => {
    const migrator = db.orm.getMigrator();
    const names = migrationsFor(target.name).map((m) => m.name);
    const at = names.findIndex((n) => n.endsWith('_cppcc_roll_calls'));
    const reversals = () =>
      db.em
        .fork()
        .find(
          'CppccDutyEntryRow',
          { type: 'reversal' } as never,
          { orderBy: { term: 'asc', seq: 'asc' } } as never,
        );
    const before = (await reversals()) as { key: string; year: number | null }[];
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.year !== null)).toBe(true);
    // Down to and including this migration (and any after it).
    await migrator.down({ to: names[at]! });
    const rows = await db.em
      .fork()
      .getConnection()
      .execute(`select count(*) as n from cppcc_duty_entry where type = 'reversal' and year is not null`);
    expect(Number((rows as { n: number | string }[])[0]!.n)).toBe(0);
    await migrator.up();
    const after = (await reversals()) as { key: string; year: number | null }[];
    expect(after.map((r) => [r.key, r.year])).toEqual(before.map((r) => [r.key, r.year]));
    expect(await calls.list(TERM)).toEqual([]);
  }, 120_000);
});
