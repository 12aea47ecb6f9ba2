import type { TieBreaker } from '../profiles/schema.js';
import type { LocalizedText } from '../shared/errors.js';
import { unreachable } from '../shared/result.js';
import { categoryOn } from './members.js';
import { dateOfEpochDay, epochDay, lastDayOfYear } from './period.js';
import type { YearScores } from './scoring-columns.js';
import type { PartyMember, ScoredMember } from './types.js';

/**
 * The groups a ranking is made in: a party member's branch or residential community, the
 * category on 31 December (a ledger per category 分层台账; for CPPCC members, the sector 界别),
 * or everyone.
 */
export type RankingScope = 'branch' | 'community' | 'category' | 'all';

/** Year scores of any kind of member: rankings read codes, categories and, for party members, their groups. */
type AnyScores = YearScores<ScoredMember>;

function isPartyMember(member: ScoredMember): member is PartyMember {
  return 'branch' in member;
}

/** One member's place in a ranking. */
export interface RankedMember {
  readonly member: string;
  /** Competition rank: members the tie breakers cannot separate share a rank (1, 2, 2, 4). */
  readonly rank: number;
  readonly total: number;
  readonly awards: number;
  readonly deductions: number;
  readonly counted: number;
  readonly lastEntryDate?: string;
  /** When the member has the same total as the one above: the tie breaker that put them below, or none when still tied. */
  readonly tie?: { readonly with: string; readonly decidedBy?: TieBreaker };
}

export interface Ranking {
  readonly scope: RankingScope;
  /** Branch or community code; `all` for one ranking of everyone. */
  readonly group: string;
  readonly tieBreakers: readonly TieBreaker[];
  readonly members: readonly RankedMember[];
}

export const TIE_BREAKER_LABELS: Readonly<Record<TieBreaker, LocalizedText>> = {
  awards_desc: { zh: '加分多者在前', en: 'more awards first' },
  deductions_asc: { zh: '扣分少者在前', en: 'fewer deductions first' },
  entries_desc: { zh: '计分记录多者在前', en: 'more counted entries first' },
  earliest_last_entry: { zh: '最后一条计分记录早者在前', en: 'earlier last counted entry first' },
  member_code_asc: { zh: '党员编号小者在前', en: 'lower member code first' },
};

/** Compares two members by one tie breaker: negative when `a` ranks higher. */
function byBreaker(scores: AnyScores, t: TieBreaker, a: number, b: number): number {
  switch (t) {
    case 'awards_desc':
      return scores.awards[b]! - scores.awards[a]!;
    case 'deductions_asc':
      return scores.deductions[a]! - scores.deductions[b]!;
    case 'entries_desc':
      return scores.counted[b]! - scores.counted[a]!;
    case 'earliest_last_entry': {
      // A member with no counted entry has no "last entry": they go after everyone who has one.
      const da = scores.lastEntryDay[a]!;
      const db = scores.lastEntryDay[b]!;
      return (da < 0 ? 1000 : da) - (db < 0 ? 1000 : db);
    }
    case 'member_code_asc': {
      const ca = scores.members.members[a]!.code;
      const cb = scores.members.members[b]!.code;
      return ca < cb ? -1 : ca > cb ? 1 : 0;
    }
    default:
      return unreachable(t, 'tie breaker');
  }
}

/** Ranking order under the configured breakers; 0 means the breakers cannot separate them. */
export function compareMembers(
  scores: AnyScores,
  breakers: readonly TieBreaker[],
  a: number,
  b: number,
): number {
  const d = scores.total[b]! - scores.total[a]!;
  if (d !== 0) return d;
  for (const t of breakers) {
    const c = byBreaker(scores, t, a, b);
    if (c !== 0) return c;
  }
  return 0;
}

/** What decided that `a` ranks above `b`: their score, a tie breaker, or nothing (tied). */
export function decidedBy(
  scores: AnyScores,
  breakers: readonly TieBreaker[],
  a: number,
  b: number,
): 'score' | TieBreaker | undefined {
  if (scores.total[a] !== scores.total[b]) return 'score';
  return breakers.find((t) => byBreaker(scores, t, a, b) !== 0);
}

/** Members in ranking order; when the breakers tie, by code, so the output is deterministic. */
export function sortForRanking(
  scores: AnyScores,
  breakers: readonly TieBreaker[],
  indices: number[],
): number[] {
  const codes = scores.members.members;
  return indices.sort((a, b) => {
    const c = compareMembers(scores, breakers, a, b);
    if (c !== 0) return c;
    const ca = codes[a]!.code;
    const cb = codes[b]!.code;
    return ca < cb ? -1 : ca > cb ? 1 : 0;
  });
}

export function groupKey(scores: AnyScores, scope: RankingScope, m: number): string {
  const member = scores.members.members[m]!;
  switch (scope) {
    case 'branch':
      return isPartyMember(member) ? member.branch : '';
    case 'community':
      return (isPartyMember(member) ? member.community : undefined) ?? '';
    case 'category':
      return categoryOn(member, lastDayOfYear(scores.year)) ?? '';
    case 'all':
      return 'all';
    default:
      return unreachable(scope, 'ranking scope');
  }
}

export function groupIndices(
  scores: AnyScores,
  scope: RankingScope,
  keep?: (m: number) => boolean,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const n = scores.members.members.length;
  for (let m = 0; m < n; m++) {
    if (keep !== undefined && !keep(m)) continue;
    const key = groupKey(scores, scope, m);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [m]);
    else list.push(m);
  }
  return groups;
}

/** Options of `rankMembers`. */
export interface RankingOptions {
  /** The tie breakers, in order (usually the profile's `points.tieBreakers`). */
  readonly tieBreakers: readonly TieBreaker[];
  readonly within?: RankingScope;
  /** Only members of this category on 31 December (a ledger per category 分层台账). */
  readonly category?: string;
}

/**
 * Ranks members by their year total inside each branch (or community, category, or overall). Equal
 * totals are separated by the tie breakers in the order given; members they cannot separate
 * share a rank, and each tie says which breaker decided it.
 *
 * @example
 * rankMembers(scores, { tieBreakers: rules.points.tieBreakers, within: 'branch' })
 *   .find((r) => r.group === 'hanjianglu_b1')?.members[0] // { member: 'm007', rank: 1, total: 148, … }
 */
export function rankMembers(scores: AnyScores, options: RankingOptions): Ranking[] {
  const scope = options.within ?? 'branch';
  const breakers = options.tieBreakers;
  const yearEnd = lastDayOfYear(scores.year);
  const keep =
    options.category === undefined
      ? undefined
      : (m: number) => categoryOn(scores.members.members[m]!, yearEnd) === options.category;
  return rankOrdered(scores, scope, breakers, rankingOrders(scores, scope, breakers, keep));
}

/**
 * Each group's members in ranking order, groups by code: what rankings and quotas both walk, so
 * that `rankAndRate` sorts once.
 */
export function rankingOrders(
  scores: AnyScores,
  scope: RankingScope,
  breakers: readonly TieBreaker[],
  keep?: (m: number) => boolean,
): Map<string, number[]> {
  const orders = new Map<string, number[]>();
  for (const [group, indices] of [...groupIndices(scores, scope, keep)].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    orders.set(group, sortForRanking(scores, breakers, indices));
  }
  return orders;
}

/** Rankings from groups already in ranking order (`rankingOrders`). */
export function rankOrdered(
  scores: AnyScores,
  scope: RankingScope,
  breakers: readonly TieBreaker[],
  orders: ReadonlyMap<string, readonly number[]>,
): Ranking[] {
  const firstDay = epochDay(scores.year, 1, 1);
  const dates: string[] = [];
  const out: Ranking[] = [];
  for (const [group, order] of orders) {
    const members: RankedMember[] = [];
    let rank = 0;
    for (let p = 0; p < order.length; p++) {
      const m = order[p]!;
      const prev = p > 0 ? order[p - 1]! : -1;
      const tied = prev >= 0 && compareMembers(scores, breakers, prev, m) === 0;
      if (!tied) rank = p + 1;
      const last = scores.lastEntryDay[m]!;
      if (last >= 0 && dates[last] === undefined) dates[last] = dateOfEpochDay(firstDay + last);
      let tie: RankedMember['tie'];
      if (prev >= 0 && scores.total[prev] === scores.total[m]) {
        const by = decidedBy(scores, breakers, prev, m);
        tie = { with: scores.members.members[prev]!.code, decidedBy: by === 'score' ? undefined : by };
      }
      // One shape for every member (no conditional spreads): a county ranks tens of thousands.
      members.push({
        member: scores.members.members[m]!.code,
        rank,
        total: scores.total[m]!,
        awards: scores.awards[m]!,
        deductions: scores.deductions[m]!,
        counted: scores.counted[m]!,
        lastEntryDate: last < 0 ? undefined : dates[last],
        tie,
      });
    }
    out.push({ scope, group, tieBreakers: breakers, members });
  }
  return out;
}
