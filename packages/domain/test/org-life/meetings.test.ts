import {
  checkMeeting,
  type LocalDate,
  type OrgLifeMeeting,
  orgLifeCompliance,
  referenceProfile,
  safeDefineRuleProfile,
  secretaryRecord,
  turnout,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const rules = referenceProfile.orgLife;
const d = (s: string) => s as LocalDate;
const roster = {
  branch: 'Pb1',
  members: [
    { code: 'a', group: 'Pg1' },
    { code: 'b', group: 'Pg1' },
    { code: 'c', group: 'Pg2' },
    { code: 'e' },
  ],
};
const meeting = (over: Partial<OrgLifeMeeting> = {}): OrgLifeMeeting => ({
  id: 'm1',
  kind: 'themed_day',
  branch: 'Pb1',
  heldOn: d('2025-03-05'),
  topic: '学雷锋志愿服务',
  agenda: ['学习', '志愿服务'],
  attendance: [
    { member: 'a', status: 'present' },
    { member: 'b', status: 'leave', reason: '出差' },
    { member: 'c', status: 'absent' },
    { member: 'e', status: 'present' },
  ],
  ...over,
});
const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }) =>
  r.ok ? [] : (r as unknown as { issues: { code: string }[] }).issues.map((i) => i.code);

describe('the reference profile’s organisational life', () => {
  it('holds the cadences of the branch work regulations', () => {
    expect(rules.kinds.branch_assembly).toMatchObject({
      cadence: 'quarterly',
      heldBy: 'branch',
      quorum: 0.5,
    });
    expect(rules.kinds.branch_committee.cadence).toBe('monthly');
    expect(rules.kinds.group_meeting).toMatchObject({ cadence: 'monthly', heldBy: 'group' });
    expect(rules.kinds.party_lecture.cadence).toBe('quarterly');
    expect(rules.kinds.themed_day.cadence).toBe('monthly');
  });

  it('lets a county change one cadence and refuses one the schema does not know, with its path', () => {
    const parsed = safeDefineRuleProfile({
      id: 'weekly',
      version: '1',
      effectiveFrom: '2025-01-01',
      orgLife: { kinds: { themed_day: { cadence: 'weekly' } } },
    } as never);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.path.join('.'))).toContain(
      'orgLife.kinds.themed_day.cadence',
    );
    const monthly = safeDefineRuleProfile({
      id: 'lectures',
      version: '1',
      effectiveFrom: '2025-01-01',
      orgLife: { kinds: { party_lecture: { cadence: 'monthly' } } },
    } as never);
    expect(monthly.ok && monthly.value.orgLife.kinds.party_lecture).toMatchObject({
      cadence: 'monthly',
      heldBy: 'branch',
    });
  });
});

describe('checkMeeting', () => {
  it('accepts a complete themed party day', () => {
    expect(checkMeeting(meeting(), roster, rules, d('2025-03-06')).ok).toBe(true);
  });

  it('asks every member of the branch for an all-members kind, and names who is missing', () => {
    const r = checkMeeting(
      meeting({ attendance: [{ member: 'a', status: 'present' }] }),
      roster,
      rules,
      d('2025-03-06'),
    );
    expect(codes(r)).toEqual(['ORG_LIFE_ATTENDANCE_MISSING']);
    expect(r.ok ? null : r.issues[0]?.details).toEqual({ missing: ['b', 'c', 'e'] });
    expect(r.ok ? '' : r.issues[0]?.message.zh).toContain('未列出：b、c、e');
  });

  it('takes only those listed at a branch committee meeting, but at least one', () => {
    const committee = meeting({ kind: 'branch_committee', attendance: [{ member: 'a', status: 'present' }] });
    expect(checkMeeting(committee, roster, rules, d('2025-03-06')).ok).toBe(true);
    expect(codes(checkMeeting({ ...committee, attendance: [] }, roster, rules, d('2025-03-06')))).toEqual([
      'ORG_LIFE_ATTENDANCE_MISSING',
    ]);
  });

  it('holds a party group meeting to its group: named, of the branch, and only its members', () => {
    const group = meeting({
      kind: 'group_meeting',
      group: 'Pg1',
      attendance: [
        { member: 'a', status: 'present' },
        { member: 'b', status: 'present' },
      ],
    });
    expect(checkMeeting(group, roster, rules, d('2025-03-06')).ok).toBe(true);
    const { group: _g, ...unnamed } = group;
    expect(codes(checkMeeting(unnamed, roster, rules, d('2025-03-06')))).toEqual(['ORG_LIFE_WRONG_HOLDER']);
    expect(codes(checkMeeting({ ...group, group: 'Pg9' }, roster, rules, d('2025-03-06')))).toContain(
      'ORG_LIFE_WRONG_HOLDER',
    );
    const stranger = checkMeeting(
      { ...group, attendance: [...group.attendance, { member: 'c', status: 'present' }] },
      roster,
      rules,
      d('2025-03-06'),
    );
    expect(codes(stranger)).toEqual(['ORG_LIFE_NOT_A_MEMBER']);
    expect(codes(checkMeeting(meeting({ group: 'Pg1' }), roster, rules, d('2025-03-06')))).toEqual([
      'ORG_LIFE_WRONG_HOLDER',
    ]);
  });

  it('refuses a repeated member, a leave without its reason, an unknown status and a stranger, each with its path', () => {
    const r = checkMeeting(
      meeting({
        attendance: [
          { member: 'a', status: 'present' },
          { member: 'a', status: 'absent' },
          { member: 'b', status: 'leave' },
          { member: 'c', status: 'late' as never },
          { member: 'e', status: 'present' },
          { member: 'x', status: 'present' },
        ],
      }),
      roster,
      rules,
      d('2025-03-06'),
    );
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['ORG_LIFE_DUPLICATE_ATTENDEE', 'attendance.1.member'],
      ['ORG_LIFE_REASON_REQUIRED', 'attendance.2.reason'],
      ['ORG_LIFE_INVALID_INPUT', 'attendance.3.status'],
      ['ORG_LIFE_NOT_A_MEMBER', 'attendance.5.member'],
    ]);
  });

  it('refuses a meeting in the future or older than the recording window, and bad text', () => {
    expect(codes(checkMeeting(meeting(), roster, rules, d('2025-03-04')))).toEqual([
      'ORG_LIFE_DATE_OUT_OF_RANGE',
    ]);
    expect(checkMeeting(meeting(), roster, rules, d('2025-04-04')).ok).toBe(true); // 30 days
    const late = checkMeeting(meeting(), roster, rules, d('2025-04-05'));
    expect(late.ok ? '' : late.issues[0]?.message.zh).toContain('已超过 30 天的记录期限');
    expect(codes(checkMeeting(meeting({ topic: ' ' }), roster, rules, d('2025-03-06')))).toEqual([
      'ORG_LIFE_INVALID_INPUT',
    ]);
    expect(codes(checkMeeting(meeting({ heldOn: d('2025-02-30') }), roster, rules, d('2025-03-06')))).toEqual(
      ['ORG_LIFE_INVALID_INPUT'],
    );
    expect(codes(checkMeeting(meeting({ kind: 'picnic' as never }), roster, rules, d('2025-03-06')))).toEqual(
      ['ORG_LIFE_INVALID_INPUT'],
    );
  });
});

describe('turnout and quorum', () => {
  it('counts a general meeting only with more than half present', () => {
    const four = (present: number) =>
      meeting({
        kind: 'branch_assembly',
        attendance: ['a', 'b', 'c', 'e'].map((member, i) => ({
          member,
          status: i < present ? ('present' as const) : ('absent' as const),
        })),
      });
    expect(turnout(four(2), rules)).toEqual({ present: 2, leave: 0, absent: 2, expected: 4, quorate: false });
    expect(turnout(four(3), rules).quorate).toBe(true);
    expect(turnout({ ...four(0), kind: 'themed_day' }, rules).quorate).toBe(true);
  });
});

describe('orgLifeCompliance and the secretary’s record', () => {
  const meetings: OrgLifeMeeting[] = [
    meeting({ id: 't1', heldOn: d('2025-01-10') }),
    meeting({ id: 't3', heldOn: d('2025-03-05') }),
    meeting({
      id: 'a1',
      kind: 'branch_assembly',
      heldOn: d('2025-02-20'),
      attendance: ['a', 'b', 'c', 'e'].map((member) => ({ member, status: 'absent' as const })),
    }),
    meeting({
      id: 'g1',
      kind: 'group_meeting',
      group: 'Pg1',
      heldOn: d('2025-01-15'),
      attendance: [
        { member: 'a', status: 'present' },
        { member: 'b', status: 'present' },
      ],
    }),
    meeting({ id: 'other', branch: 'Pb2', heldOn: d('2025-02-10') }),
  ];
  const report = unwrap(
    orgLifeCompliance(
      {
        branch: 'Pb1',
        groups: ['Pg2', 'Pg1'],
        meetings,
        from: '2025-01-01',
        to: '2025-03-31',
        today: '2025-03-20',
      },
      rules,
    ),
  );
  const status = (kind: string, holder = 'Pb1') =>
    report.checks
      .filter((c) => c.kind === kind && c.holder === holder)
      .map((c) => `${c.period.label}:${c.status}`);

  it('checks each kind in each period of its cadence, per group for group meetings', () => {
    expect(status('themed_day')).toEqual(['2025-01:held', '2025-02:missing', '2025-03:held']);
    expect(status('branch_assembly')).toEqual(['2025-Q1:open']); // held below quorum, the quarter still open
    expect(status('group_meeting', 'Pg1')).toEqual(['2025-01:held', '2025-02:missing', '2025-03:open']);
    expect(status('group_meeting', 'Pg2')).toEqual(['2025-01:missing', '2025-02:missing', '2025-03:open']);
    expect(report.checks.filter((c) => c.holder === 'Pb2')).toEqual([]);
    // themed 2 held + 1 missing; committee 2 missing; groups 1 held + 3 missing; the quarter’s kinds and March’s committee and groups open.
    expect([report.held, report.missing, report.belowQuorum, report.open]).toEqual([3, 6, 0, 5]);
    expect(report.rate).toBeCloseTo(3 / 9);
    expect(report.attendance).toEqual({ present: 6, leave: 2, absent: 6, rate: 6 / 14 });
    expect(report.meetings).toBe(4);
  });

  it('reports a quarter that ended with only meetings below quorum', () => {
    const later = unwrap(
      orgLifeCompliance(
        { branch: 'Pb1', groups: [], meetings, from: '2025-01-01', to: '2025-03-31', today: '2025-04-02' },
        rules,
      ),
    );
    expect(later.checks.find((c) => c.kind === 'branch_assembly')).toMatchObject({
      status: 'below_quorum',
      meetingIds: ['a1'],
    });
    expect(later.checks.find((c) => c.kind === 'party_lecture')?.status).toBe('missing');
  });

  it('refuses a reversed or too long range', () => {
    const r = orgLifeCompliance(
      { branch: 'Pb1', groups: [], meetings, from: '2025-03-01', to: '2025-01-01', today: '2025-04-02' },
      rules,
    );
    expect(codes(r)).toEqual(['ORG_LIFE_INVALID_RANGE']);
    const long = orgLifeCompliance(
      { branch: 'Pb1', groups: [], meetings, from: '2020-01-01', to: '2025-12-31', today: '2025-04-02' },
      rules,
    );
    expect(codes(long)).toEqual(['ORG_LIFE_INVALID_RANGE']);
  });

  it('writes the secretary’s record in date order: meetings with turnout, and what was not held', () => {
    const lines = secretaryRecord(report, meetings, rules);
    expect(lines[0]?.text.zh).toBe('2025-01-10 主题党日“学雷锋志愿服务”：出席 2 人，请假 1 人，缺席 1 人');
    expect(lines.map((l) => `${l.on} ${l.what} ${l.kind}`)).toContain('2025-02-28 missing themed_day');
    expect(lines.find((l) => l.meetingId === 'a1')?.text.en).toContain('below quorum');
    expect(lines.map((l) => l.on)).toEqual([...lines.map((l) => l.on)].sort());
  });
});
