import { type PointRecord, type PointStatus, unitMonthFeedback } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const record = (
  member: string,
  date: string,
  role: 'community' | 'branch',
  status: PointStatus,
): PointRecord =>
  ({
    entry: {
      type: 'point',
      key: `${member}/${date}/${role}/${status}`,
      member,
      item: 'x',
      date,
      on: date,
      by: { role, id: 'C1' },
    },
    status,
    lastStepOn: date,
  }) as unknown as PointRecord;

const units = [
  { code: 'U2', name: '东城村', branch: 'P2', community: 'C2' },
  { code: 'U1', name: '县税务局', branch: 'P1', community: 'C1' },
];
const registrations = [
  { member: 'M3', unit: 'U1', community: null },
  { member: 'M1', unit: 'U1', community: 'C9' },
  { member: 'M2', unit: 'U2', community: null },
];

describe('the dual-registration feedback per unit', () => {
  it('lists, per unit by code, the members without a community activity in the month', () => {
    const records = new Map<string, PointRecord[]>([
      ['M1', [record('M1', '2026-02-03', 'community', 'approved')]],
      // Recorded by the branch, or in another month, or rejected, lapsed or reversed: no activity.
      [
        'M2',
        [
          record('M2', '2026-02-04', 'branch', 'approved'),
          record('M2', '2026-03-01', 'community', 'approved'),
          record('M2', '2026-02-05', 'community', 'rejected'),
          record('M2', '2026-02-06', 'community', 'reversed'),
          record('M2', '2026-02-07', 'community', 'lapsed'),
        ],
      ],
      ['M3', [record('M3', '2026-02-28', 'community', 'submitted')]],
    ]);
    const feedback = unitMonthFeedback(units, registrations, records, '2026-02', new Map([['M2', '李四']]));
    expect(feedback.map((f) => [f.unit.code, f.registered, f.active, f.inactive])).toEqual([
      ['U1', 2, 2, []],
      ['U2', 1, 0, [{ member: 'M2', name: '李四', community: 'C2' }]],
    ]);
    expect(feedback[1]!.summary).toEqual({
      zh: '2026-02，贵单位在社区报到的 1 名在职党员中，0 名参加了社区活动，1 名未参加',
      en: 'In 2026-02, 0 of your 1 registered in-service members took part in community activities; 1 did not',
    });
    // In March only M2's March activity counts: M1 and M3 took part in none, each at their community.
    expect(unitMonthFeedback(units, registrations, records, '2026-03')[0]!.inactive).toEqual([
      { member: 'M1', community: 'C9' },
      { member: 'M3', community: 'C1' },
    ]);
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => unitMonthFeedback(units, registrations, new Map(), '2026-2')).toThrow(RangeError);
  });
});
