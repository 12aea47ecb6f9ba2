import {
  createMemberDirectory,
  type Explanation,
  explainPoints,
  issue,
  type Period,
  type PeriodTotal,
  periodTotal,
  type Ranking,
  type RankingScope,
  type RatingBand,
  type RatingResult,
  rankMembers,
  rateMembers,
  rulesAt,
  scoreYear,
  unwrap,
  yearPeriod,
} from '@jiceng/domain';
import {
  PointsMemberRepository,
  type PointsYear,
  type ProfileYear,
  type StoredMember,
} from '@jiceng/persistence';
import { requireAction } from '../../auth/authorise.js';
import type { WithinAction } from '../../auth/policy.js';
import { badInput } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import { DEFAULT_PROFILE, ruleHistoryFor } from '../rules.js';
import { authoriseMember, domainValue, PointsInput, scopeFilter } from './access.js';
import { ledgerOf } from './entries.js';

/**
 * What a scope's members add up to in a year: rankings 排名 and the annual rating 年度评定. One
 * home for the GraphQL queries (`pointsRankings`, `pointsRating`) and the reports exported from
 * them, so both read the same members under the same policy and the domain scores them once.
 */

/** A scope (an org code within the caller's) and a year. */
export interface ScopeYear {
  readonly scope: string;
  readonly year: number;
}

/**
 * A scope's year of points: the members under it (but those retired in or before the year) and
 * their entries (two queries), after the
 * policy's `points.read` (or another `within` action) on the scope.
 *
 * @example
 * const loaded = await loadScopeYear(ctx, { scope: 'P330102001', year: 2025 });
 */
export async function loadScopeYear(
  ctx: UseCaseContext,
  query: ScopeYear,
  action: WithinAction = 'points.read',
): Promise<PointsYear> {
  const filter = scopeFilter(ctx, query.scope, action);
  const input = new PointsInput();
  input.year(query.year);
  input.check();
  // Members retired in or before the year leave its rankings, ratings and totals.
  return ledgerOf(ctx).loadYear(filter, query.year, { withoutRetired: true });
}

/**
 * The groups of a loaded year to score, each under its members' own profile; a load without
 * members is one empty group under the reference profile, so an empty scope still has its bands.
 */
export function profileGroups(ctx: UseCaseContext, loaded: PointsYear): readonly ProfileYear[] {
  if (loaded.profiles.length > 0) return loaded.profiles;
  const rules = ruleHistoryFor(ctx, DEFAULT_PROFILE);
  const members = unwrap(createMemberDirectory([]));
  return [{ year: loaded.year, profileId: DEFAULT_PROFILE, rules, stored: [], members, records: [] }];
}

/** Each group of a loaded year scored under its own rules. */
function scoreGroups(ctx: UseCaseContext, loaded: PointsYear) {
  return profileGroups(ctx, loaded).map((group) => ({
    group,
    scores: domainValue(scoreYear(group.records, group)),
    version: domainValue(rulesAt(group.rules, `${loaded.year}-12-31`)),
  }));
}

/**
 * The one group of a loaded year, for a report that compares or explains under one profile
 * (what-if, in-service feedback): BAD_USER_INPUT when the members keep their points under
 * several, naming them.
 */
export function oneProfile(ctx: UseCaseContext, loaded: PointsYear): ProfileYear {
  const groups = profileGroups(ctx, loaded);
  if (groups.length === 1) return groups[0]!;
  const ids = groups.map((g) => g.profileId);
  throw badInput([
    issue(
      'POINTS_SCOPE_MIXES_PROFILES',
      {
        zh: `所选范围内的党员分属多个规则配置（${ids.join('、')}），请选择只属于一个规则配置的范围`,
        en: `the members in this scope keep their points under several rule profiles (${ids.join(', ')}); pick a scope under one`,
      },
      ['scope'],
      { profiles: ids.join(',') },
    ),
  ]);
}

/** Every member's total under a scope for a period, in code order, each under their own profile. */
export async function scopePeriodTotals(
  ctx: UseCaseContext,
  query: ScopeYear & { readonly period: Period },
): Promise<{ readonly member: StoredMember; readonly total: PeriodTotal }[]> {
  const loaded = await loadScopeYear(ctx, query);
  const totals = new Map<string, PeriodTotal>();
  for (const { scores } of scoreGroups(ctx, loaded)) {
    for (const m of scores.members.members) totals.set(m.code, periodTotal(scores, m.code, query.period)!);
  }
  return loaded.stored.map((member) => ({ member, total: totals.get(member.code)! }));
}

/** The rankings of a scope, and the members they rank (for their names). */
export interface ScopeRankings {
  readonly loaded: PointsYear;
  readonly rankings: readonly Ranking[];
}

/**
 * Rankings of a year inside each branch or community under a scope (or `within` another
 * grouping), with the year-end rule version's tie breakers: the members of each rule profile
 * are scored and ranked under their own.
 *
 * @example
 * const { rankings } = await rankScope(ctx, { scope: '330102001', year: 2025, within: 'community' });
 */
export async function rankScope(
  ctx: UseCaseContext,
  query: ScopeYear & { readonly within?: RankingScope | undefined; readonly category?: string | undefined },
): Promise<ScopeRankings> {
  const loaded = await loadScopeYear(ctx, query);
  const rankings = scoreGroups(ctx, loaded).flatMap(({ scores, version }) =>
    rankMembers(scores, {
      tieBreakers: version.points.tieBreakers,
      within: query.within ?? version.points.quota.groupBy,
      ...(query.category ? { category: query.category } : {}),
    }),
  );
  return { loaded, rankings };
}

/** The rating of a scope, the bands it used, and the members it rates. */
export interface ScopeRating {
  readonly loaded: PointsYear;
  readonly rating: RatingResult;
  readonly bands: readonly RatingBand[];
}

/**
 * The annual rating bands of a scope's members, with the quotas' hold-backs and their reasons:
 * the members of each rule profile rated under their own bands and quotas, the ratings and
 * groups put together (the versions named, the bands of every profile listed once).
 *
 * @example
 * const { rating } = await rateScope(ctx, { scope: '330102001', year: 2025 });
 */
export async function rateScope(
  ctx: UseCaseContext,
  query: ScopeYear & { readonly groupBy?: RankingScope | undefined },
): Promise<ScopeRating> {
  const loaded = await loadScopeYear(ctx, query);
  const parts = scoreGroups(ctx, loaded).map(({ group, scores, version }) => ({
    rating: domainValue(
      rateMembers(scores, { rules: group.rules, ...(query.groupBy ? { groupBy: query.groupBy } : {}) }),
    ),
    bands: version.points.ratingBands,
  }));
  const [first, ...others] = parts;
  if (others.length === 0) return { loaded, rating: first!.rating, bands: first!.bands };
  const bands = new Map<string, RatingBand>();
  for (const band of parts.flatMap((p) => p.bands)) if (!bands.has(band.code)) bands.set(band.code, band);
  return {
    loaded,
    rating: {
      ...first!.rating,
      version: [...new Set(parts.map((p) => p.rating.version))].join(' + '),
      ratings: parts.flatMap((p) => p.rating.ratings),
      groups: parts.flatMap((p) => p.rating.groups),
    },
    bands: [...bands.values()],
  };
}

/**
 * A member's explained total 积分明细 for a year: every entry, counted or not and why, the caps
 * that bit and the rule versions used, as the `explanation` field of `partyMember` answers it
 * (`member.read` on the member: a member sees only themselves).
 *
 * @example
 * const { member, explanation } = await explainMemberYear(ctx, { member: 'M000001', year: 2025 });
 */
export async function explainMemberYear(
  ctx: UseCaseContext,
  query: { readonly member: string; readonly year: number },
): Promise<{ readonly member: StoredMember; readonly explanation: Explanation }> {
  requireAction(ctx, 'member.read');
  const input = new PointsInput();
  input.year(query.year);
  input.check();
  const [stored] = await new PointsMemberRepository(ctx.em).findByCodes([query.member]);
  const member = authoriseMember(ctx, stored, query.member);
  const records = (await ledgerOf(ctx).recordsOfMembers([member.code], query.year)).get(member.code) ?? [];
  const explanation = domainValue(
    explainPoints(
      records.map((r) => r.record),
      member.code,
      yearPeriod(query.year),
      { members: unwrap(createMemberDirectory([member])), rules: ruleHistoryFor(ctx, member.profileId) },
    ),
  );
  return { member, explanation };
}
