import type { CoBuildingRules } from '../profiles/schema.js';
import { type IssuePath, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { type CoBuildingIssue, type CoBuildingIssueCode, fmt, shown } from './errors.js';

/**
 * Co-building assessment 共驻共建, the seed's “双诺双评”: at the start of the year each stationed
 * unit signs a responsibility agreement and makes public commitments 承诺; every half year
 * (the profile's `evaluationsPerYear`) rater groups — joint-meeting member units and resident
 * party members — evaluate them; the weighted result goes into the unit's target assessment.
 * Also the weighted community cadre assessment, where party building counts 30% (seed).
 */

/** A unit stationed in the area 驻区单位 taking part in co-building. */
export interface CoBuildingUnit {
  readonly code: string;
  readonly name?: string;
}

/** A public commitment 公开承诺 a unit makes for the year. */
export interface Commitment {
  readonly unit: string;
  readonly code: string;
  readonly text: string;
}

/** One rater's score for one commitment in one evaluation round. */
export interface CommitmentEvaluation {
  readonly unit: string;
  readonly commitment: string;
  /** 1 … evaluationsPerYear (1 and 2 for half-yearly). */
  readonly round: number;
  /** A key of the profile's `coBuilding.raterWeights`. */
  readonly raterGroup: string;
  readonly rater: string;
  readonly score: number;
}

export interface CoBuildingInput {
  readonly year: number;
  readonly units: readonly CoBuildingUnit[];
  readonly commitments: readonly Commitment[];
  readonly evaluations: readonly CommitmentEvaluation[];
}

export interface GroupScore {
  readonly group: string;
  readonly weight: number;
  /** Mean of the group's raters; absent when the group gave no score. */
  readonly mean?: number;
  readonly raters: number;
}

export interface CommitmentResult {
  readonly commitment: string;
  readonly score?: number;
  readonly groups: readonly GroupScore[];
}

export interface RoundResult {
  readonly round: number;
  /** Mean of the commitments' weighted scores; absent when nobody evaluated in the round. */
  readonly score?: number;
  readonly commitments: readonly CommitmentResult[];
  /** Rater groups that scored none of the unit's commitments in the round. */
  readonly missingGroups: readonly string[];
}

export interface UnitResult {
  readonly unit: string;
  readonly score?: number;
  /** Competition rank among units with a score. */
  readonly rank?: number;
  readonly rounds: readonly RoundResult[];
  /** Every rater group scored every commitment in every round. */
  readonly complete: boolean;
  readonly summary: LocalizedText;
}

export interface CoBuildingResult {
  readonly year: number;
  /** Best first; units without a score last. */
  readonly units: readonly UnitResult[];
}

function coIssue(
  code: CoBuildingIssueCode,
  message: LocalizedText,
  path: IssuePath,
  details: Record<string, unknown>,
): CoBuildingIssue {
  return issue(code, message, path, details);
}

/**
 * Scores every unit's commitments for a year: per round and commitment, each rater group's
 * mean, weighted by the profile's `raterWeights` (a group that gave no score leaves its weight
 * to the others, or counts 0, as `missingRaterGroup` says); a round's score is the mean over
 * the unit's commitments, the year's the mean over rounds held. Reports every input problem.
 *
 * @example
 * const result = unwrap(assessCoBuilding({ year: 2025, units, commitments, evaluations }, referenceProfile.coBuilding));
 * result.units[0] // { unit: 'tax_bureau', score: 91.5, rank: 1, complete: true, … }
 */
export function assessCoBuilding(
  input: CoBuildingInput,
  rules: CoBuildingRules,
): Result<CoBuildingResult, CoBuildingIssueCode> {
  const issues: CoBuildingIssue[] = [];
  const units = new Set(input.units.map((u) => u.code));
  const commitmentsOf = new Map<string, string[]>();
  input.commitments.forEach((c, i) => {
    if (!units.has(c.unit)) {
      issues.push(unknownUnit(c.unit, ['commitments', i, 'unit']));
      return;
    }
    const list = commitmentsOf.get(c.unit) ?? [];
    if (list.includes(c.code)) {
      issues.push(
        coIssue(
          'COBUILDING_DUPLICATE_COMMITMENT',
          {
            zh: `单位“${c.unit}”的承诺“${c.code}”重复`,
            en: `unit "${c.unit}" lists commitment "${c.code}" twice`,
          },
          ['commitments', i, 'code'],
          { unit: c.unit, commitment: c.code },
        ),
      );
      return;
    }
    list.push(c.code);
    commitmentsOf.set(c.unit, list);
  });
  const weights = rules.raterWeights;
  const groups = Object.keys(weights);
  const seen = new Set<string>();
  // unit → round → commitment → group → scores
  const scores = new Map<string, Map<number, Map<string, Map<string, number[]>>>>();
  input.evaluations.forEach((e, i) => {
    const at = (field: string): IssuePath => ['evaluations', i, field];
    const before = issues.length;
    if (!units.has(e.unit)) issues.push(unknownUnit(e.unit, at('unit')));
    else if (!(commitmentsOf.get(e.unit) ?? []).includes(e.commitment)) {
      issues.push(
        coIssue(
          'COBUILDING_UNKNOWN_COMMITMENT',
          {
            zh: `单位“${e.unit}”没有作出承诺“${shown(e.commitment)}”`,
            en: `unit "${e.unit}" made no commitment "${shown(e.commitment)}"`,
          },
          at('commitment'),
          { unit: e.unit, commitment: e.commitment },
        ),
      );
    }
    if (!(e.raterGroup in weights)) {
      issues.push(
        coIssue(
          'COBUILDING_UNKNOWN_RATER_GROUP',
          {
            zh: `评价主体“${shown(e.raterGroup)}”不在配置的评价主体（${groups.join('、')}）中`,
            en: `rater group "${shown(e.raterGroup)}" is not one of the configured groups (${groups.join(', ')})`,
          },
          at('raterGroup'),
          { raterGroup: e.raterGroup, groups },
        ),
      );
    }
    if (!Number.isInteger(e.round) || e.round < 1 || e.round > rules.evaluationsPerYear) {
      issues.push(
        coIssue(
          'COBUILDING_ROUND_OUT_OF_RANGE',
          {
            zh: `评议轮次“${shown(e.round)}”无效：每年评议 ${rules.evaluationsPerYear} 次，轮次应为 1 至 ${rules.evaluationsPerYear}`,
            en: `evaluation round "${shown(e.round)}" is invalid: there are ${rules.evaluationsPerYear} a year, numbered 1 to ${rules.evaluationsPerYear}`,
          },
          at('round'),
          { round: e.round, evaluationsPerYear: rules.evaluationsPerYear },
        ),
      );
    }
    const range = scoreRangeIssue(e.score, rules.maxScore, at('score'));
    if (range !== undefined) issues.push(range);
    const id = JSON.stringify([e.unit, e.commitment, e.round, e.raterGroup, e.rater]);
    if (seen.has(id)) {
      issues.push(
        coIssue(
          'COBUILDING_DUPLICATE_EVALUATION',
          {
            zh: `评价人“${e.rater}”在第 ${e.round} 轮已评价过单位“${e.unit}”的承诺“${e.commitment}”`,
            en: `rater "${e.rater}" already scored unit "${e.unit}" commitment "${e.commitment}" in round ${e.round}`,
          },
          at('rater'),
          { unit: e.unit, commitment: e.commitment, round: e.round, rater: e.rater },
        ),
      );
    }
    seen.add(id);
    if (issues.length > before) return;
    const byRound = scores.get(e.unit) ?? new Map<number, Map<string, Map<string, number[]>>>();
    scores.set(e.unit, byRound);
    const byCommitment = byRound.get(e.round) ?? new Map<string, Map<string, number[]>>();
    byRound.set(e.round, byCommitment);
    const byGroup = byCommitment.get(e.commitment) ?? new Map<string, number[]>();
    byCommitment.set(e.commitment, byGroup);
    const list = byGroup.get(e.raterGroup) ?? [];
    list.push(e.score);
    byGroup.set(e.raterGroup, list);
  });
  if (issues.length > 0) return fail(issues);

  const results: UnitResult[] = input.units.map((u) => {
    const rounds: RoundResult[] = [];
    for (let round = 1; round <= rules.evaluationsPerYear; round++) {
      const byCommitment = scores.get(u.code)?.get(round);
      const commitments: CommitmentResult[] = (commitmentsOf.get(u.code) ?? []).map((c) => {
        const byGroup = byCommitment?.get(c);
        const gs: GroupScore[] = groups.map((g) => {
          const list = byGroup?.get(g) ?? [];
          return list.length === 0
            ? { group: g, weight: weights[g]!, raters: 0 }
            : { group: g, weight: weights[g]!, mean: mean(list), raters: list.length };
        });
        const heard = gs.filter((g) => g.mean !== undefined);
        if (heard.length === 0) return { commitment: c, groups: gs };
        const score =
          rules.missingRaterGroup === 'reweight'
            ? heard.reduce((s, g) => s + g.weight * g.mean!, 0) / heard.reduce((s, g) => s + g.weight, 0)
            : heard.reduce((s, g) => s + g.weight * g.mean!, 0);
        return { commitment: c, score: round2(score), groups: gs };
      });
      const scored = commitments.filter((c) => c.score !== undefined);
      const missingGroups = groups.filter(
        (g) => !commitments.some((c) => c.groups.some((x) => x.group === g && x.mean !== undefined)),
      );
      rounds.push({
        round,
        ...(scored.length === 0 ? {} : { score: round2(mean(scored.map((c) => c.score!))) }),
        commitments,
        missingGroups,
      });
    }
    const held = rounds.filter((r) => r.score !== undefined);
    const complete =
      (commitmentsOf.get(u.code) ?? []).length > 0 &&
      rounds.every((r) => r.commitments.every((c) => c.groups.every((g) => g.mean !== undefined)));
    const score = held.length === 0 ? undefined : round2(mean(held.map((r) => r.score!)));
    return {
      unit: u.code,
      ...(score === undefined ? {} : { score }),
      rounds,
      complete,
      summary:
        score === undefined
          ? {
              zh: `单位“${u.code}”${input.year} 年无评议结果`,
              en: `unit "${u.code}" has no evaluation for ${input.year}`,
            }
          : {
              zh: `单位“${u.code}”${input.year} 年共驻共建评议得分 ${fmt(score)}（${held.length}/${rounds.length} 轮${complete ? '' : '，评议不完整'}）`,
              en: `unit "${u.code}" scores ${fmt(score)} for co-building in ${input.year} (${held.length}/${rounds.length} rounds${complete ? '' : ', incomplete'})`,
            },
    };
  });
  results.sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
  );
  let rank = 0;
  const ranked = results.map((r, i) => {
    if (r.score === undefined) return r;
    if (i === 0 || results[i - 1]!.score !== r.score) rank = i + 1;
    return { ...r, rank };
  });
  return ok({ year: input.year, units: ranked });
}

function unknownUnit(unit: string, path: IssuePath): CoBuildingIssue {
  return coIssue(
    'COBUILDING_UNKNOWN_UNIT',
    { zh: `没有参加共驻共建的单位“${shown(unit)}”`, en: `no co-building unit "${shown(unit)}"` },
    path,
    { unit },
  );
}

function scoreRangeIssue(score: unknown, max: number, path: IssuePath): CoBuildingIssue | undefined {
  if (typeof score === 'number' && Number.isFinite(score) && score >= 0 && score <= max) return undefined;
  return coIssue(
    'COBUILDING_SCORE_OUT_OF_RANGE',
    {
      zh: `分数“${shown(score)}”无效：应在 0 至 ${max} 之间`,
      en: `score "${shown(score)}" is invalid: it must be between 0 and ${max}`,
    },
    path,
    { score, max },
  );
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A community cadre's two assessment parts 社区干部考核, each on the profile's scale. */
export interface CadreInput {
  readonly cadre: string;
  /** The party-building assessment 党建考核 score. */
  readonly partyBuilding: number;
  /** Everything else the cadre is assessed on 其他工作实绩. */
  readonly work: number;
}

export interface CadreResult {
  readonly cadre: string;
  readonly partyBuilding: number;
  readonly work: number;
  readonly partyBuildingWeight: number;
  readonly total: number;
  readonly rank: number;
  readonly summary: LocalizedText;
}

/**
 * Weighted community cadre assessment: party building counts `cadrePartyBuildingWeight` (30% in
 * the reference profile, seed: 将党建考核成绩提高到30%), the rest of the work the remainder.
 * Ranked best first.
 *
 * @example
 * unwrap(assessCadres([{ cadre: 'c1', partyBuilding: 90, work: 80 }], referenceProfile.coBuilding))[0]?.total // 83
 */
export function assessCadres(
  inputs: readonly CadreInput[],
  rules: CoBuildingRules,
): Result<readonly CadreResult[], CoBuildingIssueCode> {
  const issues: CoBuildingIssue[] = [];
  inputs.forEach((c, i) => {
    for (const field of ['partyBuilding', 'work'] as const) {
      const problem = scoreRangeIssue(c[field], rules.maxScore, [i, field]);
      if (problem !== undefined) issues.push(problem);
    }
  });
  if (issues.length > 0) return fail(issues);
  const w = rules.cadrePartyBuildingWeight;
  const pct = fmt(w * 100);
  const results = inputs
    .map((c) => ({ c, total: round2(w * c.partyBuilding + (1 - w) * c.work) }))
    .sort((a, b) => b.total - a.total || (a.c.cadre < b.c.cadre ? -1 : a.c.cadre > b.c.cadre ? 1 : 0));
  let rank = 0;
  return ok(
    results.map(({ c, total }, i) => {
      if (i === 0 || results[i - 1]!.total !== total) rank = i + 1;
      return {
        cadre: c.cadre,
        partyBuilding: c.partyBuilding,
        work: c.work,
        partyBuildingWeight: w,
        total,
        rank,
        summary: {
          zh: `党建 ${fmt(c.partyBuilding)} × ${pct}% + 其他工作 ${fmt(c.work)} × ${fmt(100 - w * 100)}% = ${fmt(total)}`,
          en: `party building ${fmt(c.partyBuilding)} × ${pct}% + other work ${fmt(c.work)} × ${fmt(100 - w * 100)}% = ${fmt(total)}`,
        },
      };
    }),
  );
}
