import {
  createMemberDirectory,
  type Explanation,
  explainPoints,
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
import { PointsMemberRepository, type PointsYear, type StoredMember } from '@jiceng/persistence';
import { requireAction } from '../../auth/authorise.js';
import type { WithinAction } from '../../auth/policy.js';
import type { UseCaseContext } from '../context.js';
import { ruleHistoryFor } from '../rules.js';
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

/** The rankings of a scope, and the members they rank (for their names). */
export interface ScopeRankings {
  readonly loaded: PointsYear;
  readonly rankings: readonly Ranking[];
}

/**
 * Rankings of a year inside each branch or community under a scope (or `within` another
 * grouping), with the year-end rule version's tie breakers.
 *
 * @example
 * const { rankings } = await rankScope(ctx, { scope: '330102001', year: 2025, within: 'community' });
 */
export async function rankScope(
  ctx: UseCaseContext,
  query: ScopeYear & { readonly within?: RankingScope | undefined; readonly category?: string | undefined },
): Promise<ScopeRankings> {
  const loaded = await loadScopeYear(ctx, query);
  const version = domainValue(rulesAt(loaded.rules, `${query.year}-12-31`));
  const scores = domainValue(scoreYear(loaded.records, loaded));
  const rankings = rankMembers(scores, {
    tieBreakers: version.points.tieBreakers,
    within: query.within ?? version.points.quota.groupBy,
    ...(query.category ? { category: query.category } : {}),
  });
  return { loaded, rankings };
}

/** The rating of a scope, the bands it used, and the members it rates. */
export interface ScopeRating {
  readonly loaded: PointsYear;
  readonly rating: RatingResult;
  readonly bands: readonly RatingBand[];
}

/**
 * The annual rating bands of a scope's members, with the quotas' hold-backs and their reasons.
 *
 * @example
 * const { rating } = await rateScope(ctx, { scope: '330102001', year: 2025 });
 */
export async function rateScope(
  ctx: UseCaseContext,
  query: ScopeYear & { readonly groupBy?: RankingScope | undefined },
): Promise<ScopeRating> {
  const loaded = await loadScopeYear(ctx, query);
  const scores = domainValue(scoreYear(loaded.records, loaded));
  const version = domainValue(rulesAt(loaded.rules, `${query.year}-12-31`));
  const rating = domainValue(
    rateMembers(scores, { rules: loaded.rules, ...(query.groupBy ? { groupBy: query.groupBy } : {}) }),
  );
  return { loaded, rating, bands: version.points.ratingBands };
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
