import {
  createMemberDirectory,
  derivePoints,
  type LocalDate,
  type OrgLifeMeeting,
  type PointsContext,
  reconcilePoints,
  unwrap,
} from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  type Database,
  DuplicateKeyError,
  InvalidInputError,
  OrgLifeRepository,
  openDatabase,
  PointsLedgerRepository,
  PointsMemberRepository,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceHistory, rulesFor, streetMembers } from './points-fixtures.js';
import { testDatabases } from './support/databases.js';

const meeting = (over: Partial<OrgLifeMeeting> = {}): OrgLifeMeeting => ({
  id: 'Pb1/2025-03-05/themed_day',
  kind: 'themed_day',
  branch: 'b1',
  heldOn: '2025-03-05' as LocalDate,
  topic: '学雷锋志愿服务',
  agenda: ['学习', '志愿服务'],
  attendance: [
    { member: 'm001', status: 'present' },
    { member: 'm002', status: 'leave', reason: '出差' },
    { member: 'm003', status: 'absent' },
  ],
  ...over,
});

describe.each(testDatabases())('organisational life on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let repo: OrgLifeRepository;
  let ledger: PointsLedgerRepository;
  let context: PointsContext;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    await new PointsMemberRepository(db.em).saveMembers(streetMembers);
    repo = new OrgLifeRepository(db.em);
    ledger = new PointsLedgerRepository(db.em, { rules: rulesFor });
    const members = await new PointsMemberRepository(db.em).findByCodes(streetMembers.map((m) => m.code));
    context = { rules: referenceHistory, members: unwrap(createMemberDirectory(members)) };
  });

  afterAll(async () => {
    await db.close();
    await drop();
  });

  /** The points a meeting earns as the use case decides them, on a day. */
  const pointsOf = async (m: OrgLifeMeeting | null, on: string) => {
    const source = { kind: 'org_life' as const, id: 'Pb1/2025-03-05/themed_day' };
    const linked = (await ledger.linkedTo([source])).map((r) => r.record);
    const facts =
      m === null
        ? []
        : [
            {
              kind: 'org_life' as const,
              id: m.id,
              date: m.heldOn,
              subtype: m.kind,
              participants: m.attendance.map((a) => ({ member: a.member, outcome: a.status })),
            },
          ];
    return {
      inputs: reconcilePoints(linked, derivePoints(facts, context), [source], { rules: referenceHistory, on })
        .inputs,
      ledger,
    };
  };

  it('stores a meeting with its attendance in order, and the entries it earns, in one write', async () => {
    const m = meeting();
    const saved = await repo.save({
      meeting: m,
      status: 'held',
      recordedBy: 'sec-b1',
      on: '2025-03-06',
      points: await pointsOf(m, '2025-03-06'),
    });
    expect(saved.stored.version).toBe(1);
    expect(saved.appended.map((a) => `${a.record.record.entry.key} ${a.record.record.status}`)).toEqual([
      'org_life:Pb1/2025-03-05/themed_day/m001/organisational_life submitted',
      'org_life:Pb1/2025-03-05/themed_day/m003/absence_without_leave submitted',
    ]);
    expect((await repo.find(m.id))?.meeting).toEqual(m);
    const linked = await ledger.linkedTo([{ kind: 'org_life', id: m.id }]);
    expect(linked.map((r) => r.record.entry.source)).toEqual([
      { kind: 'org_life', id: m.id },
      { kind: 'org_life', id: m.id },
    ]);
  });

  it('refuses the same id again, and a correction decided on a stale version', async () => {
    await expect(
      repo.save({ meeting: meeting(), status: 'held', recordedBy: 'x', on: '2025-03-06' }),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(
      repo.save({
        meeting: meeting(),
        status: 'held',
        decidedOnVersion: 7,
        recordedBy: 'x',
        on: '2025-03-06',
      }),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
  });

  it('corrects attendance and reverses the entry the old attendance earned, keeping the link', async () => {
    const corrected = meeting({
      attendance: [
        { member: 'm001', status: 'present' },
        { member: 'm002', status: 'leave', reason: '出差' },
        { member: 'm003', status: 'leave', reason: '生病' },
      ],
    });
    const saved = await repo.save({
      meeting: corrected,
      status: 'held',
      decidedOnVersion: 1,
      recordedBy: 'sec-b1',
      on: '2025-03-08',
      note: '补交请假条',
      points: await pointsOf(corrected, '2025-03-08'),
    });
    expect(saved.stored.version).toBe(2);
    expect(saved.appended.map((a) => a.entry.type)).toEqual(['reversal']);
    const stored = await repo.find(corrected.id);
    expect(stored?.meeting.attendance[2]).toEqual({ member: 'm003', status: 'leave', reason: '生病' });
    expect(stored?.note).toBe('补交请假条');
    const [absence] = await ledger.findByKeys([
      'org_life:Pb1/2025-03-05/themed_day/m003/absence_without_leave',
    ]);
    expect(absence?.record.status).toBe('reversed');
    expect(absence?.record.entry.source).toEqual({ kind: 'org_life', id: corrected.id });
  });

  it('rolls the meeting back when the ledger refuses its entries', async () => {
    const other = meeting({ id: 'other', attendance: [{ member: 'ghost', status: 'present' }] });
    const input = {
      type: 'point' as const,
      key: 'org_life:other/ghost/organisational_life',
      member: 'ghost',
      item: 'organisational_life',
      date: '2025-03-05',
      quantity: 1,
      source: { kind: 'org_life' as const, id: 'other' },
      by: { role: 'system' as const, id: 'system' },
      on: '2025-03-06',
    };
    await expect(
      repo.save({
        meeting: other,
        status: 'held',
        recordedBy: 'x',
        on: '2025-03-06',
        points: { inputs: [input], ledger },
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await repo.find('other')).toBeUndefined();
  });

  it('lists a branch’s meetings in a range, and leaves a withdrawn one out unless asked, its attendance kept', async () => {
    const lecture = meeting({ id: 'lecture-q1', kind: 'party_lecture', heldOn: '2025-02-14' as LocalDate });
    await repo.save({ meeting: lecture, status: 'held', recordedBy: 'sec-b1', on: '2025-02-15' });
    await repo.save({
      meeting: meeting({ id: 'b2-day', branch: 'b2', attendance: [] }),
      status: 'held',
      recordedBy: 's',
      on: '2025-03-06',
    });
    expect((await repo.list({ branches: ['b1'] })).map((s) => s.meeting.id)).toEqual([
      'lecture-q1',
      'Pb1/2025-03-05/themed_day',
    ]);
    expect(
      (await repo.list({ branches: ['b1'], from: '2025-03-01', to: '2025-03-31' })).map((s) => s.meeting.id),
    ).toEqual(['Pb1/2025-03-05/themed_day']);
    const current = (await repo.find(meeting().id))!;
    const withdrawn = await repo.save({
      meeting: current.meeting,
      status: 'withdrawn',
      decidedOnVersion: current.version,
      recordedBy: 'sec-b1',
      on: '2025-03-09',
      note: '重复录入',
      points: await pointsOf(null, '2025-03-09'),
    });
    expect(withdrawn.appended.map((a) => a.entry.key)).toEqual([
      'org_life:Pb1/2025-03-05/themed_day/m001/organisational_life:reversal',
    ]);
    expect((await repo.list({ branches: ['b1'] })).map((s) => s.meeting.id)).toEqual(['lecture-q1']);
    const all = await repo.list({ branches: ['b1', 'b2'], withWithdrawn: true });
    expect(all.map((s) => [s.meeting.id, s.status, s.meeting.attendance.length])).toEqual([
      ['lecture-q1', 'held', 3],
      ['Pb1/2025-03-05/themed_day', 'withdrawn', 3],
      ['b2-day', 'held', 0],
    ]);
  });

  it('has a down migration that removes the tables and columns, and up again restores them (run last)', async () => {
    const migrator = db.orm.getMigrator();
    const executed = (await migrator.getExecutedMigrations()).map((m) => m.name);
    const own = executed.findIndex((name) => name.endsWith('_org_life_point_sources'));
    expect(own).toBeGreaterThan(0);
    // Down to the migration before this one (undoing any later ones too), then up again.
    await migrator.down({ to: executed[own - 1]! });
    const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff).toMatch(/create table [`"]org_life_meeting[`"]/);
    expect(diff).toMatch(/create table [`"]org_life_attendance[`"]/);
    await migrator.up();
    expect((await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
  });
});
