import {
  assessCadres,
  assessCoBuilding,
  type CommitmentEvaluation,
  defineRuleProfile,
  referenceProfile,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const rules = referenceProfile.coBuilding;
const J = 'joint_meeting_units';
const R = 'resident_party_members';

const input = {
  year: 2025,
  units: [{ code: 'tax_bureau', name: '县税务局' }, { code: 'school' }],
  commitments: [
    { unit: 'tax_bureau', code: 'monthly_activity', text: '每月到社区开展一次共建活动' },
    { unit: 'tax_bureau', code: 'left_behind_children', text: '结对帮扶留守儿童' },
    { unit: 'school', code: 'computer_class', text: '为社区老人开办电脑培训班' },
  ],
  evaluations: [
    // Half-year 1: joint-meeting units 90 and 80 (mean 85), residents 70 → 77.5; children 100 and 90 → 95.
    {
      unit: 'tax_bureau',
      commitment: 'monthly_activity',
      round: 1,
      raterGroup: J,
      rater: 'police',
      score: 90,
    },
    {
      unit: 'tax_bureau',
      commitment: 'monthly_activity',
      round: 1,
      raterGroup: J,
      rater: 'party_school',
      score: 80,
    },
    {
      unit: 'tax_bureau',
      commitment: 'monthly_activity',
      round: 1,
      raterGroup: R,
      rater: 'resident_1',
      score: 70,
    },
    {
      unit: 'tax_bureau',
      commitment: 'left_behind_children',
      round: 1,
      raterGroup: J,
      rater: 'police',
      score: 100,
    },
    {
      unit: 'tax_bureau',
      commitment: 'left_behind_children',
      round: 1,
      raterGroup: R,
      rater: 'resident_1',
      score: 90,
    },
    // Half-year 2: the residents did not rate the monthly activity.
    {
      unit: 'tax_bureau',
      commitment: 'monthly_activity',
      round: 2,
      raterGroup: J,
      rater: 'police',
      score: 90,
    },
    {
      unit: 'tax_bureau',
      commitment: 'left_behind_children',
      round: 2,
      raterGroup: J,
      rater: 'police',
      score: 80,
    },
    {
      unit: 'tax_bureau',
      commitment: 'left_behind_children',
      round: 2,
      raterGroup: R,
      rater: 'resident_2',
      score: 100,
    },
    { unit: 'school', commitment: 'computer_class', round: 1, raterGroup: J, rater: 'police', score: 60 },
    { unit: 'school', commitment: 'computer_class', round: 1, raterGroup: R, rater: 'resident_1', score: 80 },
  ] satisfies CommitmentEvaluation[],
};

describe('co-building: commitments and evaluations (双诺双评)', () => {
  it('weights rater groups, averages commitments and half-years, and ranks the units', () => {
    const result = unwrap(assessCoBuilding(input, rules));
    expect(result.units.map((u) => [u.unit, u.score, u.rank, u.complete])).toEqual([
      ['tax_bureau', 88.13, 1, false],
      ['school', 70, 2, false],
    ]);
    const tax = result.units[0]!;
    expect(tax.rounds.map((r) => r.score)).toEqual([86.25, 90]);
    expect(tax.rounds[0]?.commitments[0]).toEqual({
      commitment: 'monthly_activity',
      score: 77.5,
      groups: [
        { group: J, weight: 0.5, mean: 85, raters: 2 },
        { group: R, weight: 0.5, mean: 70, raters: 1 },
      ],
    });
    // A group that did not rate leaves its weight to the one that did.
    expect(tax.rounds[1]?.commitments[0]?.score).toBe(90);
    expect(result.units[1]?.rounds[1]).toEqual({
      round: 2,
      commitments: [
        {
          commitment: 'computer_class',
          groups: [
            { group: J, weight: 0.5, raters: 0 },
            { group: R, weight: 0.5, raters: 0 },
          ],
        },
      ],
      missingGroups: [J, R],
    });
    expect(tax.summary.zh).toBe('单位“tax_bureau”2025 年共驻共建评议得分 88.13（2/2 轮，评议不完整）');
  });

  it('counts a silent group as zero when the profile says so, and follows other weights', () => {
    const zero = defineRuleProfile({
      id: 'strict',
      version: '1',
      effectiveFrom: '2025-01-01',
      coBuilding: { missingRaterGroup: 'score_zero' },
    });
    expect(unwrap(assessCoBuilding(input, zero.coBuilding)).units[0]?.score).toBe(76.88);
    const residentsFirst = defineRuleProfile({
      id: 'residents',
      version: '1',
      effectiveFrom: '2025-01-01',
      coBuilding: { raterWeights: { joint_meeting_units: 0.3, resident_party_members: 0.7 } },
    });
    // Round 1: 0.3 × 85 + 0.7 × 70 = 74.5 and 0.3 × 100 + 0.7 × 90 = 93 → 83.75; round 2: 90 and 94 → 92.
    expect(
      unwrap(assessCoBuilding(input, residentsFirst.coBuilding)).units[0]?.rounds.map((r) => r.score),
    ).toEqual([83.75, 92]);
  });

  it('reports every input problem with its own code', () => {
    const r = assessCoBuilding(
      {
        year: 2025,
        units: [{ code: 'tax_bureau' }],
        commitments: [
          { unit: 'tax_bureau', code: 'c1', text: '承诺' },
          { unit: 'tax_bureau', code: 'c1', text: '重复' },
          { unit: 'ghost', code: 'c2', text: '?' },
        ],
        evaluations: [
          { unit: 'tax_bureau', commitment: 'c9', round: 1, raterGroup: J, rater: 'a', score: 80 },
          { unit: 'tax_bureau', commitment: 'c1', round: 3, raterGroup: 'mayor', rater: 'a', score: 101 },
          { unit: 'tax_bureau', commitment: 'c1', round: 1, raterGroup: J, rater: 'a', score: 80 },
          { unit: 'tax_bureau', commitment: 'c1', round: 1, raterGroup: J, rater: 'a', score: 70 },
        ],
      },
      rules,
    );
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['COBUILDING_DUPLICATE_COMMITMENT', 'commitments.1.code'],
      ['COBUILDING_UNKNOWN_UNIT', 'commitments.2.unit'],
      ['COBUILDING_UNKNOWN_COMMITMENT', 'evaluations.0.commitment'],
      ['COBUILDING_UNKNOWN_RATER_GROUP', 'evaluations.1.raterGroup'],
      ['COBUILDING_ROUND_OUT_OF_RANGE', 'evaluations.1.round'],
      ['COBUILDING_SCORE_OUT_OF_RANGE', 'evaluations.1.score'],
      ['COBUILDING_DUPLICATE_EVALUATION', 'evaluations.3.rater'],
    ]);
  });
});

describe('weighted cadre assessment', () => {
  it('counts party building 30% in the reference profile (seed: 将党建考核成绩提高到30%)', () => {
    expect(rules.cadrePartyBuildingWeight).toBe(0.3);
    const results = unwrap(
      assessCadres(
        [
          { cadre: 'c1', partyBuilding: 90, work: 80 },
          { cadre: 'c2', partyBuilding: 60, work: 95 },
          { cadre: 'c3', partyBuilding: 95, work: 78 },
        ],
        rules,
      ),
    );
    expect(results.map((c) => [c.cadre, c.total, c.rank])).toEqual([
      ['c2', 84.5, 1],
      ['c3', 83.1, 2],
      ['c1', 83, 3],
    ]);
    expect(results[2]?.summary.zh).toBe('党建 90 × 30% + 其他工作 80 × 70% = 83');
    const half = defineRuleProfile({
      id: 'half',
      version: '1',
      effectiveFrom: '2025-01-01',
      coBuilding: { cadrePartyBuildingWeight: 0.5 },
    });
    expect(
      unwrap(assessCadres([{ cadre: 'c1', partyBuilding: 90, work: 80 }], half.coBuilding))[0]?.total,
    ).toBe(85);
  });

  it('refuses scores off the scale', () => {
    const r = assessCadres([{ cadre: 'c1', partyBuilding: -1, work: 80 }], rules);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
      ['COBUILDING_SCORE_OUT_OF_RANGE', [0, 'partyBuilding']],
    ]);
  });
});
