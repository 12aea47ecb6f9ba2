import {
  branchRecords,
  communityRecords,
  explainPoints,
  inServiceFeedback,
  pointRecords,
  quarterPeriod,
  replayLedger,
  unwrap,
  yearPeriod,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { context, point, referenceHistory, street } from './fixtures.js';

const community = { role: 'community', id: 'hanjianglu' } as const;
const unit = { role: 'branch', id: 'tax_bureau' } as const;

/**
 * An in-service member of the tax bureau lives in 汉江路 community (双报到): the community
 * records what they do there, the bureau's branch reviews and counts it.
 */
const { ledger } = unwrap(
  replayLedger(
    [
      point('c1', 'm100', 'community_report_service', '2025-03-05', {
        quantity: 1,
        evidence: ['sign-in'],
        by: community,
      }),
      { type: 'review', key: 'c1/review', entry: 'c1', by: unit, on: '2025-04-02', decision: 'approve' },
      point('c2', 'm100', 'volunteer_service', '2025-04-10', {
        quantity: 2.5,
        evidence: ['photo'],
        by: community,
      }),
      { type: 'review', key: 'c2/review', entry: 'c2', by: unit, on: '2025-07-03', decision: 'approve' },
      point('c3', 'm100', 'volunteer_service', '2025-05-10', {
        quantity: 3,
        evidence: ['photo'],
        by: community,
      }),
      {
        type: 'review',
        key: 'c3/review',
        entry: 'c3',
        by: unit,
        on: '2025-07-03',
        decision: 'reject',
        reason: '与单位值班时间冲突',
      },
      point('own', 'm100', 'organisational_life', '2025-05-20', { quantity: 1, by: unit }),
      point('other', 'm001', 'volunteer_service', '2025-04-11', {
        quantity: 2,
        evidence: ['photo'],
        by: { role: 'branch', id: 'b1' },
      }),
    ],
    context,
  ),
);
const records = pointRecords(ledger, { year: 2025 });

describe('dual registration: one entry seen from two sides', () => {
  it('is recorded by the residential community', () => {
    expect(
      communityRecords(records, 'hanjianglu', yearPeriod(2025)).map((r) => [r.entry.key, r.status]),
    ).toEqual([
      ['c1', 'approved'],
      ['c2', 'approved'],
      ['c3', 'rejected'],
    ]);
    expect(communityRecords(records, 'hanjianglu', quarterPeriod(2025, 1)).map((r) => r.entry.key)).toEqual([
      'c1',
    ]);
    expect(communityRecords(records, 'shengli', yearPeriod(2025))).toEqual([]);
  });

  it('is counted by the member’s own branch, in the member’s total', () => {
    const seen = branchRecords(records, 'tax_bureau', yearPeriod(2025), street);
    expect(seen.map((r) => [r.entry.key, r.entry.by.role, r.entry.by.id])).toEqual([
      ['c1', 'community', 'hanjianglu'],
      ['c2', 'community', 'hanjianglu'],
      ['c3', 'community', 'hanjianglu'],
      ['own', 'branch', 'tax_bureau'],
    ]);
    // The very same stored entry, not a copy per side.
    expect(seen[0]?.entry).toBe(communityRecords(records, 'hanjianglu', yearPeriod(2025))[0]?.entry);
    const e = unwrap(explainPoints(records, 'm100', yearPeriod(2025), context));
    expect(e.total).toBe(100 + 3 + 2.5 + 2);
    expect(branchRecords(records, 'b1', yearPeriod(2025), street).map((r) => r.entry.key)).toEqual(['other']);
  });
});

describe('the in-service member feedback report', () => {
  const report = unwrap(
    inServiceFeedback(records, {
      community: 'hanjianglu',
      year: 2025,
      members: street,
      rules: referenceHistory,
    }),
  );

  it('goes to each member’s unit with activities, hours and points by quarter', () => {
    expect(report.units.map((u) => u.unit)).toEqual(['tax_bureau']);
    const [m100] = report.units[0]!.members;
    expect(m100?.quarters).toEqual([
      { quarter: 1, activities: 1, hours: 0, points: 3, notCounted: 0 },
      { quarter: 2, activities: 1, hours: 2.5, points: 2.5, notCounted: 1 },
      { quarter: 3, activities: 0, hours: 0, points: 0, notCounted: 0 },
      { quarter: 4, activities: 0, hours: 0, points: 0, notCounted: 0 },
    ]);
    expect(m100?.total).toEqual({ activities: 2, hours: 2.5, points: 5.5 });
    expect(m100?.activities.map((a) => [a.key, a.status, a.points])).toEqual([
      ['c1', 'approved', 3],
      ['c2', 'approved', 2.5],
      ['c3', 'rejected', 0],
    ]);
    expect(report.units[0]?.summary.zh).toBe(
      '2025 年，贵单位 2 名在职党员在社区“hanjianglu”参加活动 2 次、服务 2.5 小时',
    );
  });

  it('lists a registered member with no activity, with zeros', () => {
    const m101 = report.units[0]!.members[1]!;
    expect(m101.member).toBe('m101');
    expect(m101.total).toEqual({ activities: 0, hours: 0, points: 0 });
  });

  it('reports points after caps, as the member’s branch counts them', () => {
    const { ledger: capped } = unwrap(
      replayLedger(
        [
          point('x1', 'm100', 'community_report_service', '2025-03-05', {
            quantity: 1,
            evidence: ['e'],
            by: community,
          }),
          point('x2', 'm100', 'community_report_service', '2025-03-06', {
            quantity: 2,
            evidence: ['e'],
            by: community,
          }),
          { type: 'review', key: 'x1/review', entry: 'x1', by: unit, on: '2025-04-01', decision: 'approve' },
          { type: 'review', key: 'x2/review', entry: 'x2', by: unit, on: '2025-04-01', decision: 'approve' },
        ],
        context,
      ),
    );
    const r = unwrap(
      inServiceFeedback(pointRecords(capped), {
        community: 'hanjianglu',
        year: 2025,
        members: street,
        rules: referenceHistory,
      }),
    );
    // 3 + 6 requested, but the item counts at most 6 a month.
    expect(r.units[0]?.members[0]?.quarters[0]).toMatchObject({ activities: 2, points: 6 });
    expect(r.units[0]?.members[0]?.activities.map((a) => a.points)).toEqual([3, 3]);
  });
});
