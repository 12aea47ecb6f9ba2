import { defineRuleProfile, referenceProfile, unwrap, whatIf } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { record, referenceHistory, street } from './fixtures.js';

/** A county's draft for 2026: volunteering doubles, grid duty goes, organisational life caps at 2 a month, 优秀 from 120, quotas rounded up. */
const draft = defineRuleProfile({
  id: 'reference',
  version: '2026.1-draft',
  effectiveFrom: '2026-01-01',
  points: {
    items: [
      { code: 'volunteer_service', points: 2 },
      { code: 'grid_duty', remove: true },
      { code: 'organisational_life', caps: { month: 2 } },
    ],
    ratingBands: [{ code: 'excellent', minScore: 120 }],
    quota: { rounding: 'ceil' },
  },
});

const records = [
  record('v', 'm001', 'volunteer_service', '2025-03-01', { quantity: 5 }),
  record('g', 'm001', 'grid_duty', '2025-03-02', { quantity: 2 }),
  record('o', 'm001', 'organisational_life', '2025-03-03', { quantity: 3 }),
  record('h1', 'm003', 'honour', '2025-05-01'),
  record('h2', 'm003', 'honour', '2025-09-01'),
  record('p', 'm004', 'volunteer_service', '2025-06-01', { quantity: 12 }),
];

describe('what-if: last year under a draft profile', () => {
  const report = unwrap(whatIf(records, { year: 2025, members: street, current: referenceHistory, draft }));

  it('lists member by member what changes and why', () => {
    expect(report.members.map((m) => [m.member, m.before, m.after, m.delta])).toEqual([
      ['m001', { total: 113, band: 'qualified' }, { total: 112, band: 'qualified' }, -1],
      ['m003', { total: 120, band: 'qualified' }, { total: 120, band: 'excellent' }, 0],
    ]);
    const m001 = report.members[0]!;
    expect(m001.changes.map((c) => [c.kind, c.key, c.before, c.after])).toEqual([
      ['item_points', 'v', 5, 10],
      ['item_removed', 'g', 2, 0],
      ['cap', 'o', 6, 2],
    ]);
    expect(m001.changes[0]?.message.zh).toBe(
      '草案调整了“志愿服务”的分值（封顶前 5 → 10 分）：本条由 5 分变为 10 分',
    );
    expect(m001.changes[1]?.message.en).toBe(
      'the draft removes "Serving residents of the grid": this entry goes from 2 to 0',
    );
    expect(m001.changes[2]?.message.zh).toBe(
      '封顶规则变化：现行 未封顶；草案 “参加组织生活（三会一课）”月度上限 2 分，此前已计 0 分，本条 6 分只计 2 分。本条由 6 分变为 2 分',
    );
  });

  it('explains a band change by the threshold', () => {
    const m003 = report.members[1]!;
    expect(m003.changes.map((c) => c.kind)).toEqual(['band']);
    expect(m003.changes[0]?.message.zh).toBe(
      '评定档次由“合格”变为“优秀”：得分达到的档次线由“合格”变为“优秀”',
    );
  });

  it('counts who stays the same, and changes nothing for a volunteer already at the cap', () => {
    expect(report.unchanged).toBe(street.members.length - 2);
    expect(report.members.some((m) => m.member === 'm004')).toBe(false);
    expect(report.summary.zh).toBe(
      '按草案重算 2025 年：2 名党员结果变化（升 0、降 1，档次变化 1），4 名不变',
    );
  });

  it('shows a base score change and a quota that now holds someone back', () => {
    const tighter = defineRuleProfile(
      {
        id: 'reference',
        version: 'draft-2',
        effectiveFrom: '2026-01-01',
        points: { baseScore: 110, ratingBands: [{ code: 'excellent', minScore: 120 }] },
      },
      referenceProfile,
    );
    const r = unwrap(
      whatIf(records, { year: 2025, members: street, current: referenceHistory, draft: tighter }),
    );
    expect(r.members).toHaveLength(street.members.length);
    const m003 = r.members.find((m) => m.member === 'm003')!;
    expect(m003.changes.map((c) => c.kind)).toEqual(['base']);
    expect(m003.after).toEqual({ total: 130, band: 'qualified' });
    const m001 = r.members.find((m) => m.member === 'm001')!;
    expect(m001.after.total).toBe(123);
    // m001 and m003 both reach 优秀 in a branch of three; 20% rounded down leaves no place.
    expect(m001.changes.map((c) => c.kind)).toEqual(['base']);
    expect(r.members.find((m) => m.member === 'm004')?.changes[0]?.message.en).toBe(
      'the base score changes from 100 to 110',
    );
  });

  it('explains a band lost to a quota with the quota’s reason', () => {
    const floor = defineRuleProfile(
      {
        id: 'reference',
        version: 'draft-3',
        effectiveFrom: '2026-01-01',
        points: { quota: { rounding: 'floor' } },
      },
      draft,
    );
    const r = unwrap(whatIf(records, { year: 2025, members: street, current: draft, draft: floor }));
    expect(r.members.map((m) => [m.member, m.before.band, m.after.band])).toEqual([
      ['m003', 'excellent', 'qualified'],
    ]);
    expect(r.members[0]?.changes[0]?.message.zh).toBe(
      '评定档次由“优秀”变为“合格”：得分 120 达到“优秀”线（120 分），但支部“b1”共 3 人，“优秀”最多 0 名（20%，向下取整），本人在达线者中排第 1 名，评为“合格”',
    );
  });
});
