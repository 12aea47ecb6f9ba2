import {
  type CppccRoster,
  checkAllocation,
  checkCoverage,
  fiveHavesChecklist,
  fixedCandidates,
  type Issue,
  type LiaisonIssueCode,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { d, GANG, liaisonGroupOf, rules, SECTORS, seedRoster, TOWN_A, townships } from './fixtures.js';

const HAN = /\p{Script=Han}/u;

function only(issues: readonly Issue<LiaisonIssueCode>[], code: LiaisonIssueCode): Issue<LiaisonIssueCode> {
  const found = issues.filter((i) => i.code === code);
  expect(found).toHaveLength(1);
  expect(found[0]!.message.zh).toMatch(HAN);
  expect(found[0]!.message.en).toMatch(/[a-z]{3}/);
  return found[0]!;
}

describe('county CPPCC allocation (seed: 12 sectors, 258 members, 133 = 52% recommended by townships, ≥ 10 per township)', () => {
  it('reproduces the seed figures and passes every check', () => {
    const report = checkAllocation(seedRoster(), townships, rules);
    expect(report.totalMembers).toBe(258);
    expect(report.townshipRecommended).toBe(133);
    expect(Math.round(report.townshipRecommendedShare * 100)).toBe(52);
    expect(report.byOrigin).toEqual({ township: 133, other: 125 });
    expect(report.bySector).toHaveLength(12);
    expect(report.bySector.reduce((s, x) => s + x.members, 0)).toBe(258);
    expect(report.byTownship.every((t) => t.members >= 10)).toBe(true);
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('flags a township below 10 members, a low township share, a wrong sector count, unknown sectors and townships, duplicates', () => {
    const roster = seedRoster();
    // 岗乡 keeps 2 of its members; 33 township-recommended seats go to other bodies.
    const members = roster.members.map((m, i) => ({
      ...m,
      township: m.township === GANG && i > 20 ? TOWN_A : m.township,
      origin: i >= 100 && i < 133 ? ('other' as const) : m.origin,
    }));
    const broken: CppccRoster = {
      sectors: SECTORS.slice(0, 11),
      members: [
        ...members,
        {
          id: 'X1',
          name: '错误委员',
          level: 'county',
          sector: 'nowhere',
          township: 'atlantis',
          origin: 'township',
        },
        { ...members[0]! },
      ],
    };
    const report = checkAllocation(broken, townships, rules);
    expect(report.ok).toBe(false);
    const few = only(report.issues, 'CONSULTATION_TOWNSHIP_TOO_FEW_MEMBERS');
    expect(few.details).toMatchObject({ township: GANG, min: 10 });
    expect(only(report.issues, 'CONSULTATION_SECTOR_COUNT_MISMATCH').details).toEqual({
      actual: 11,
      expected: 12,
    });
    // The twelfth sector's members are now in an unknown sector, as is X1.
    expect(report.issues.filter((i) => i.code === 'CONSULTATION_UNKNOWN_SECTOR').length).toBeGreaterThan(1);
    expect(only(report.issues, 'CONSULTATION_UNKNOWN_TOWNSHIP').details).toMatchObject({
      township: 'atlantis',
    });
    expect(only(report.issues, 'CONSULTATION_DUPLICATE_ID').path).toEqual(['members', 260, 'id']);
    const share = only(report.issues, 'CONSULTATION_TOWNSHIP_SHARE_TOO_LOW');
    // 100 left, plus X1 and the duplicate of the first member.
    expect(share.details).toMatchObject({ recommended: 102, total: 260, min: 0.5 });
  });

  it('counts only county-level seats but draws fixed members from every level living in the township', () => {
    const roster = seedRoster();
    expect(checkAllocation(roster, townships, rules).totalMembers).toBe(258);
    const fixed = fixedCandidates(roster, TOWN_A);
    expect(fixed.map((f) => f.id)).toContain('P001');
    expect(fixed.every((f) => f.kind === 'fixed' && f.township === TOWN_A)).toBe(true);
    expect(fixed.find((f) => f.id === 'P001')?.expertise).toEqual(['environment']);
  });
});

describe('the five haves 五有', () => {
  it('is complete with evidence for each have, the yearly ones dated in the year', () => {
    const list = fiveHavesChecklist(liaisonGroupOf(TOWN_A, '甲镇'), rules, 2026);
    expect(list.complete).toBe(true);
    expect(list.items.map((i) => [i.have, i.label.zh, i.present])).toEqual([
      ['place', '有委员活动场所', true],
      ['secretary', '有专兼职秘书', true],
      ['working_rules', '有工作制度', true],
      ['annual_plan', '有年度工作计划', true],
      ['funding', '有经费保障', true],
    ]);
  });

  it('misses a have without evidence, and last year’s plan and budget for this year', () => {
    const group = liaisonGroupOf(TOWN_A, '甲镇');
    const list = fiveHavesChecklist({ ...group, evidence: { ...group.evidence, place: [] } }, rules, 2027);
    expect(list.complete).toBe(false);
    expect(list.issues.map((i) => i.details?.['have'])).toEqual(['place', 'annual_plan', 'funding']);
    const missing = list.issues[1]!;
    expect(missing.code).toBe('CONSULTATION_FIVE_HAVE_MISSING');
    expect(missing.message.zh).toContain('2027 年的');
    expect(missing.message.en).toContain('for 2027');
    // Without a year, any evidence counts.
    expect(fiveHavesChecklist(group, rules).complete).toBe(true);
  });

  it('checks only the haves the profile lists', () => {
    const group = { ...liaisonGroupOf(TOWN_A, '甲镇'), evidence: {} };
    const fewer = { ...rules, liaisonGroup: { ...rules.liaisonGroup, fiveHaves: ['place' as const] } };
    expect(fiveHavesChecklist(group, fewer).items.map((i) => i.have)).toEqual(['place']);
  });
});

describe('coverage 全覆盖', () => {
  it('finds the townships without a liaison group', () => {
    const groups = townships.slice(1).map((t) => liaisonGroupOf(t.code, t.name));
    const report = checkCoverage(townships, groups);
    expect(report).toMatchObject({ townships: 12, covered: 11, missing: [GANG] });
    expect(only(report.issues, 'CONSULTATION_LIAISON_GROUP_MISSING').message.zh).toBe('岗乡未成立政协联络组');
    expect(checkCoverage(townships, [...groups, liaisonGroupOf(GANG, '岗乡')]).issues).toEqual([]);
    expect(d('2025-12-31')).toBe('2025-12-31');
  });
});
