import {
  createMemberDirectory,
  defineRuleProfile,
  type PartyMember,
  type PointRecord,
  quotaPlaces,
  rankAndRate,
  rankMembers,
  rateMembers,
  scoreYear,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { record } from './fixtures.js';

/** The reference profile plus an uncapped `bonus` item worth 1 point a unit, so any score is easy to make. */
const rules = defineRuleProfile({
  id: 'rating_test',
  version: '2025.1',
  effectiveFrom: '2025-01-01',
  points: {
    items: [
      {
        code: 'bonus',
        name: { zh: '测试加分', en: 'Test bonus' },
        kind: 'award',
        points: 1,
        unit: 'item',
        categories: 'all',
        caps: {},
        recordedBy: ['branch'],
        evidenceRequired: false,
      },
    ],
  },
});

function directory(codes: readonly string[], branch = 'b9'): ReturnType<typeof createMemberDirectory> {
  return createMemberDirectory(
    codes.map(
      (code): PartyMember => ({ code, branch, categories: [{ category: 'ordinary', from: '2020-01-01' }] }),
    ),
  );
}

function bonus(key: string, member: string, points: number, date = '2025-03-01'): PointRecord {
  return record(key, member, 'bonus', date, { quantity: points });
}

describe('rankings with explicit tie breakers', () => {
  const members = unwrap(directory(['x1', 'x2', 'x3', 'x4', 'x5']));
  const records = [
    // x1: 25 − 5 = 120, last entry in May
    bonus('a', 'x1', 25, '2025-05-01'),
    record('b', 'x1', 'late_dues', '2025-05-02'),
    // x2: 10 + 10 = 120, last entry in April
    bonus('c', 'x2', 10, '2025-03-01'),
    bonus('d', 'x2', 10, '2025-04-01'),
    // x3: 10 + 10 = 120, last entry in February
    bonus('e', 'x3', 10, '2025-01-10'),
    bonus('f', 'x3', 10, '2025-02-10'),
    bonus('g', 'x4', 10),
  ];
  const scores = unwrap(scoreYear(records, { year: 2025, members, rules }));

  it('separates equal totals with the profile’s breakers and says which one decided', () => {
    const [ranking] = rankMembers(scores, { tieBreakers: rules.points.tieBreakers });
    expect(rules.points.tieBreakers).toEqual(['awards_desc', 'deductions_asc', 'member_code_asc']);
    expect(ranking?.members.map((m) => [m.member, m.rank, m.total, m.tie?.decidedBy])).toEqual([
      ['x1', 1, 120, undefined],
      ['x2', 2, 120, 'awards_desc'],
      ['x3', 3, 120, 'member_code_asc'],
      ['x4', 4, 110, undefined],
      ['x5', 5, 100, undefined],
    ]);
    expect(ranking?.members[1]?.tie).toEqual({ with: 'x1', decidedBy: 'awards_desc' });
  });

  it('follows another order of breakers', () => {
    const [ranking] = rankMembers(scores, { tieBreakers: ['earliest_last_entry'] });
    expect(ranking?.members.map((m) => [m.member, m.rank, m.lastEntryDate])).toEqual([
      ['x3', 1, '2025-02-10'],
      ['x2', 2, '2025-04-01'],
      ['x1', 3, '2025-05-02'],
      ['x4', 4, '2025-03-01'],
      ['x5', 5, undefined],
    ]);
    const [byEntries] = rankMembers(scores, { tieBreakers: ['entries_desc', 'deductions_asc'] });
    expect(byEntries?.members.slice(0, 3).map((m) => m.member)).toEqual(['x2', 'x3', 'x1']);
  });

  it('gives members the breakers cannot separate the same rank', () => {
    const [ranking] = rankMembers(scores, { tieBreakers: ['awards_desc'] });
    expect(ranking?.members.map((m) => [m.member, m.rank])).toEqual([
      ['x1', 1],
      ['x2', 2],
      ['x3', 2],
      ['x4', 4],
      ['x5', 5],
    ]);
    expect(ranking?.members[2]?.tie).toEqual({ with: 'x2' });
  });

  it('ranks inside each branch, or per category', () => {
    const mixed = unwrap(
      createMemberDirectory([
        { code: 'p1', branch: 'b1', categories: [{ category: 'ordinary', from: '2020-01-01' }] },
        { code: 'p2', branch: 'b2', categories: [{ category: 'backbone', from: '2020-01-01' }] },
        { code: 'p3', branch: 'b1', categories: [{ category: 'backbone', from: '2020-01-01' }] },
      ]),
    );
    const s = unwrap(scoreYear([bonus('p', 'p3', 5)], { year: 2025, members: mixed, rules }));
    expect(
      rankMembers(s, { tieBreakers: ['member_code_asc'] }).map((r) => [
        r.group,
        r.members.map((m) => m.member),
      ]),
    ).toEqual([
      ['b1', ['p3', 'p1']],
      ['b2', ['p2']],
    ]);
    expect(
      rankMembers(s, { tieBreakers: ['member_code_asc'], within: 'all', category: 'backbone' }).map((r) =>
        r.members.map((m) => m.member),
      ),
    ).toEqual([['p3', 'p2']]);
  });
});

describe('rating bands with quotas', () => {
  const codes = ['r01', 'r02', 'r03', 'r04', 'r05', 'r06', 'r07', 'r08', 'r09', 'r10'];
  const members = unwrap(directory(codes, 'q1'));
  const totals = [150, 140, 135, 120, 110, 100, 95, 85, 79, 60];

  it('holds back the third member reaching 优秀 when 20% of 10 allows two, and says why', () => {
    const records = totals.flatMap((t, i) =>
      t > 100
        ? [bonus(`k${i}`, codes[i]!, t - 100)]
        : t < 100
          ? [
              record(`k${i}`, codes[i]!, 'discipline', '2025-03-01', {
                adjustment: { points: 100 - t },
                status: 'adjusted',
              }),
            ]
          : [],
    );
    const scores = unwrap(scoreYear(records, { year: 2025, members, rules }));
    expect(Array.from(scores.total)).toEqual(totals);
    const rated = unwrap(rateMembers(scores, { rules }));
    expect(rated.ratings.map((r) => r.band)).toEqual([
      'excellent',
      'excellent',
      'qualified',
      'qualified',
      'qualified',
      'qualified',
      'basically_qualified',
      'basically_qualified',
      'unqualified',
      'unqualified',
    ]);
    const r03 = rated.ratings[2]!;
    expect(r03.thresholdBand).toBe('excellent');
    expect(r03.heldBack).toHaveLength(1);
    expect(r03.heldBack[0]).toMatchObject({
      band: 'excellent',
      reason: 'quota_full',
      places: 2,
      groupSize: 10,
      position: 3,
      decidedBy: 'score',
    });
    expect(r03.heldBack[0]?.message).toEqual({
      zh: '得分 135 达到“优秀”线（130 分），但支部“q1”共 10 人，“优秀”最多 2 名（20%，向下取整），本人在达线者中排第 3 名，评为“合格”',
      en: 'a score of 135 reaches "Excellent" (130), but branch "q1" has 10 members and "Excellent" at most 2 (20%, rounded down); ranked 3 of those who reached it; rated "Qualified"',
    });
    // The reason is written when read, yet it is data like the rest: JSON and copies keep it.
    expect(JSON.parse(JSON.stringify(r03.heldBack[0])).message).toEqual(r03.heldBack[0]?.message);
    expect({ ...r03.heldBack[0] }.message).toEqual(r03.heldBack[0]?.message);
    expect(rated.ratings[0]?.heldBack).toEqual([]);
    expect(rated.groups).toEqual([
      {
        group: 'q1',
        size: 10,
        quotas: [{ band: 'excellent', share: 0.2, places: 2, given: 2, heldBack: 1 }],
      },
    ]);
    expect(rated.ratings.filter((r) => r.heldBack.length > 0).map((r) => r.member)).toEqual(['r03']);
  });

  it('holds back together members tied at the cut, so the quota is never exceeded', () => {
    const records = [bonus('a', 'r01', 50), bonus('b', 'r02', 40), bonus('c', 'r03', 40)];
    const scores = unwrap(scoreYear(records, { year: 2025, members, rules }));
    const rated = unwrap(rateMembers(scores, { rules, tieBreakers: ['awards_desc'] }));
    expect(rated.ratings.slice(0, 3).map((r) => [r.band, r.heldBack[0]?.reason])).toEqual([
      ['excellent', undefined],
      ['qualified', 'quota_tie'],
      ['qualified', 'quota_tie'],
    ]);
    expect(rated.ratings[1]?.heldBack[0]?.message.en).toContain('tied at the cut');
    expect(rated.groups[0]?.quotas[0]).toMatchObject({ places: 2, given: 1, heldBack: 2 });
    // With the profile's breakers (member code last) the tie is broken and both places are used.
    const byProfile = unwrap(rateMembers(scores, { rules }));
    expect(byProfile.ratings.slice(0, 3).map((r) => r.band)).toEqual(['excellent', 'excellent', 'qualified']);
    expect(byProfile.ratings[2]?.heldBack[0]).toMatchObject({
      reason: 'quota_full',
      decidedBy: 'member_code_asc',
    });
  });

  it('counts quotas per group and rounds places as the profile says', () => {
    expect([
      quotaPlaces(0.2, 12, 'floor'),
      quotaPlaces(0.2, 12, 'round'),
      quotaPlaces(0.2, 12, 'ceil'),
    ]).toEqual([2, 2, 3]);
    expect(quotaPlaces(0.7, 10, 'ceil')).toBe(7);
    expect(quotaPlaces(0.1, 30, 'floor')).toBe(3);
    // 20% of four members is 0.8 places: none rounded down, one rounded up.
    const four = unwrap(directory(['a1', 'a2', 'a3', 'a4'], 'small'));
    const s = unwrap(scoreYear([bonus('a', 'a1', 50)], { year: 2025, members: four, rules }));
    const floor = unwrap(rateMembers(s, { rules })).ratings[0]!;
    expect(floor).toMatchObject({
      band: 'qualified',
      thresholdBand: 'excellent',
      heldBack: [{ places: 0, reason: 'quota_full' }],
    });
    expect(floor.heldBack[0]?.decidedBy).toBeUndefined();
    const ceil = defineRuleProfile(
      { id: 'ceil', version: '1', effectiveFrom: '2025-01-01', points: { quota: { rounding: 'ceil' } } },
      rules,
    );
    expect(unwrap(rateMembers(s, { rules: ceil })).ratings[0]?.band).toBe('excellent');
    // Counted over everyone instead of per branch.
    const byAll = unwrap(rateMembers(s, { rules, groupBy: 'all' }));
    expect(byAll.groups.map((g) => g.group)).toEqual(['all']);
  });

  it('ranks and rates 100 members in one call', () => {
    const many = unwrap(
      directory(
        Array.from({ length: 100 }, (_, i) => `z${String(i).padStart(3, '0')}`),
        'big',
      ),
    );
    const records = many.members.map((m, i) => bonus(`z${i}`, m.code, i % 60));
    const scores = unwrap(scoreYear(records, { year: 2025, members: many, rules }));
    const { rankings, rating } = unwrap(rankAndRate(scores, { rules }));
    expect(rankings).toHaveLength(1);
    expect(rankings[0]?.members[0]).toMatchObject({ rank: 1, total: 159 });
    const excellent = rating.ratings.filter((r) => r.band === 'excellent');
    expect(excellent).toHaveLength(20);
    expect(excellent.every((r) => r.total >= 130)).toBe(true);
    expect(rating.ratings.filter((r) => r.heldBack.length > 0)).toHaveLength(
      rating.ratings.filter((r) => r.total >= 130).length - 20,
    );
  });
});
