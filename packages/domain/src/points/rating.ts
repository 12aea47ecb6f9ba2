import type { QuotaRounding, RatingBand, TieBreaker } from '../profiles/schema.js';
import type { LocalizedText } from '../shared/errors.js';
import { ok, type Result, unreachable } from '../shared/result.js';
import { fmt, type PointsIssueCode } from './errors.js';
import {
  compareMembers,
  decidedBy,
  type Ranking,
  type RankingScope,
  rankingOrders,
  rankOrdered,
  TIE_BREAKER_LABELS,
} from './ranking.js';
import { yearEndRules } from './rules.js';
import type { YearScores } from './scoring-columns.js';
import type { RuleVersions } from './types.js';

/** Why a member did not get a band their score reached. */
export interface HeldBack {
  readonly band: string;
  readonly bandName: LocalizedText;
  /** `quota_full`: others ranked above took every place; `quota_tie`: tied at the cut with no place for all. */
  readonly reason: 'quota_full' | 'quota_tie';
  readonly group: string;
  readonly groupSize: number;
  readonly share: number;
  readonly places: number;
  /** The member's position among those who reached the band. */
  readonly position: number;
  /** What put the last member admitted above this one (`quota_full` only). */
  readonly decidedBy?: 'score' | TieBreaker;
  /** The reason in both languages, written when read (an own, enumerable property: JSON and copies keep it). */
  readonly message: LocalizedText;
}

/** A member's annual rating 年度评定. */
export interface MemberRating {
  readonly member: string;
  readonly group: string;
  readonly total: number;
  readonly band: string;
  readonly bandName: LocalizedText;
  /** The best band the score reaches by thresholds alone. */
  readonly thresholdBand: string;
  readonly thresholdBandName: LocalizedText;
  /** Bands the member reached but was held back from, best first. */
  readonly heldBack: readonly HeldBack[];
}

export interface BandQuota {
  readonly band: string;
  readonly share: number;
  readonly places: number;
  readonly given: number;
  readonly heldBack: number;
}

export interface GroupRating {
  readonly group: string;
  readonly size: number;
  readonly quotas: readonly BandQuota[];
}

export interface RatingResult {
  readonly year: number;
  /** The rule version whose bands, quotas and tie breakers were used (in force on 31 December). */
  readonly version: string;
  readonly groupBy: RankingScope;
  /** One per member, in directory order. */
  readonly ratings: readonly MemberRating[];
  readonly groups: readonly GroupRating[];
}

/** Options of `rateMembers`; anything left out comes from the year-end rule version. */
export interface RatingOptions {
  readonly rules: RuleVersions;
  readonly groupBy?: RankingScope;
  readonly tieBreakers?: readonly TieBreaker[];
}

const ROUNDING_TEXT: Readonly<Record<QuotaRounding, LocalizedText>> = {
  floor: { zh: '向下取整', en: 'rounded down' },
  round: { zh: '四舍五入', en: 'rounded' },
  ceil: { zh: '向上取整', en: 'rounded up' },
};

/**
 * Places a quota share gives a group of a size; the epsilon absorbs 0.7 × 10 = 7.000000000000001.
 *
 * @example
 * quotaPlaces(0.2, 12, 'floor') // 2
 */
export function quotaPlaces(share: number, size: number, rounding: QuotaRounding): number {
  const x = share * size;
  switch (rounding) {
    case 'floor':
      return Math.floor(x + 1e-9);
    case 'ceil':
      return Math.ceil(x - 1e-9);
    case 'round':
      return Math.round(x);
    default:
      return unreachable(rounding, 'quota rounding');
  }
}

function groupText(scope: RankingScope, group: string): LocalizedText {
  switch (scope) {
    case 'branch':
      return { zh: `支部“${group}”`, en: `branch "${group}"` };
    case 'community':
      return { zh: `社区“${group}”`, en: `community "${group}"` };
    case 'category':
      return { zh: `类别“${group}”`, en: `category "${group}"` };
    case 'all':
      return { zh: '全体党员', en: 'all members' };
    default:
      return unreachable(scope, 'ranking scope');
  }
}

/**
 * Annual rating bands 评定档次 (e.g. 优秀/合格/基本合格/不合格) from thresholds, best first,
 * with quotas: a band with `maxShare` admits at most that share of each group (places rounded
 * as the profile says), in ranking order; the rest fall to the next band their score reaches,
 * and each held-back member gets the reason in both languages. Members the tie breakers cannot
 * separate at the cut are held back together, so a quota is never exceeded. A quota on the
 * last band (the floor) has nowhere to send anyone and is not applied.
 *
 * @example
 * const rated = unwrap(rateMembers(scores, { rules: history }));
 * rated.ratings.find((r) => r.heldBack.length > 0)?.heldBack[0]?.message.zh
 * // '得分 135 达到“优秀”线（130 分），但支部“b1”共 10 人，“优秀”最多 2 名（20%，向下取整），本人在达线者中排第 3 名，评为“合格”'
 */
export function rateMembers(
  scores: YearScores,
  options: RatingOptions,
): Result<RatingResult, PointsIssueCode> {
  return rate(scores, options);
}

function rate(
  scores: YearScores,
  options: RatingOptions,
  sorted?: ReadonlyMap<string, readonly number[]>,
): Result<RatingResult, PointsIssueCode> {
  const version = yearEndRules(options.rules, scores.year);
  if (!version.ok) return version;
  const rules = version.value.points;
  const scope = options.groupBy ?? rules.quota.groupBy;
  const breakers = options.tieBreakers ?? rules.tieBreakers;
  const bands = rules.ratingBands;
  const rounding = rules.quota.rounding;
  const n = scores.members.members.length;
  const bandOf = new Int32Array(n).fill(-1);
  const thresholdOf = new Int32Array(n);
  // Only members held back get a list of their own; everyone else shares the empty one.
  const held: (HeldBack[] | undefined)[] = new Array<HeldBack[] | undefined>(n);
  const groupOf: string[] = new Array<string>(n);
  const groups: GroupRating[] = [];
  const call: MessageCall = { scope, bands, bandOf, rounding };
  for (let m = 0; m < n; m++) thresholdOf[m] = thresholdBand(bands, scores.total[m]!);

  for (const [group, order] of sorted ?? rankingOrders(scores, scope, breakers)) {
    for (const m of order) groupOf[m] = group;
    const size = order.length;
    const quotas: BandQuota[] = [];
    for (let b = 0; b < bands.length; b++) {
      const band = bands[b]!;
      const floor = b === bands.length - 1;
      const eligible = order.filter((m) => bandOf[m] === -1 && thresholdOf[m]! <= b);
      if (band.maxShare === undefined || floor) {
        for (const m of eligible) bandOf[m] = b;
        continue;
      }
      const places = quotaPlaces(band.maxShare, size, rules.quota.rounding);
      let admitted = Math.min(places, eligible.length);
      if (admitted < eligible.length && admitted > 0) {
        // Nobody tied with the first one left out may be admitted ahead of them.
        const firstOut = eligible[admitted]!;
        while (admitted > 0 && compareMembers(scores, breakers, eligible[admitted - 1]!, firstOut) === 0)
          admitted--;
      }
      // When ties pushed the cut above `places`, the members tied at the cut are held back for the tie.
      const tieEnd =
        admitted < Math.min(places, eligible.length)
          ? admitted + countTied(scores, breakers, eligible, admitted)
          : admitted;
      for (let p = 0; p < eligible.length; p++) {
        const m = eligible[p]!;
        if (p < admitted) {
          bandOf[m] = b;
          continue;
        }
        const lastIn = admitted > 0 ? eligible[admitted - 1]! : -1;
        const reason: HeldBack['reason'] = p < tieEnd ? 'quota_tie' : 'quota_full';
        const by =
          reason === 'quota_full' && lastIn >= 0 ? decidedBy(scores, breakers, lastIn, m) : undefined;
        // One shape for every held-back record (no conditional spreads): tens of thousands are made.
        const h = {
          band: band.code,
          bandName: band.name,
          reason,
          group,
          groupSize: size,
          share: band.maxShare,
          places,
          position: p + 1,
          decidedBy: by,
        } as HeldBack;
        withLazyMessage(h, { call, total: scores.total[m]!, m });
        const list = held[m];
        if (list === undefined) held[m] = [h];
        else list.push(h);
      }
      quotas.push({
        band: band.code,
        share: band.maxShare,
        places,
        given: admitted,
        heldBack: eligible.length - admitted,
      });
    }
    groups.push({ group, size, quotas });
  }

  const ratings: MemberRating[] = [];
  for (let m = 0; m < n; m++) {
    const band = bands[bandOf[m]!]!;
    ratings.push({
      member: scores.members.members[m]!.code,
      group: groupOf[m]!,
      total: scores.total[m]!,
      band: band.code,
      bandName: band.name,
      thresholdBand: bands[thresholdOf[m]!]!.code,
      thresholdBandName: bands[thresholdOf[m]!]!.name,
      heldBack: held[m] ?? NOT_HELD_BACK,
    });
  }
  groups.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  return ok({ year: scores.year, version: version.value.version, groupBy: scope, ratings, groups });
}

/** How many of `eligible` from position `at` on are tied with the one at `at` (0 when none is there). */
function countTied(
  scores: YearScores,
  breakers: readonly TieBreaker[],
  eligible: readonly number[],
  at: number,
): number {
  if (at >= eligible.length) return 0;
  let k = 1;
  while (at + k < eligible.length && compareMembers(scores, breakers, eligible[at]!, eligible[at + k]!) === 0)
    k++;
  return k;
}

/** Index of the best band whose minScore the total reaches; the floor when none. */
function thresholdBand(bands: readonly RatingBand[], total: number): number {
  for (let b = 0; b < bands.length; b++) {
    const min = bands[b]!.minScore;
    if (min === undefined || total >= min) return b;
  }
  return bands.length - 1;
}

const NOT_HELD_BACK: readonly HeldBack[] = Object.freeze([]);

/** What a held-back reason is written from, shared by one rating. */
interface MessageCall {
  readonly scope: RankingScope;
  readonly bands: readonly RatingBand[];
  /** Each member's final band, complete once the rating returns. */
  readonly bandOf: Int32Array;
  readonly rounding: QuotaRounding;
}

const MESSAGE_INPUTS = Symbol('heldBackMessageInputs');

/**
 * One accessor for every held-back record: an own, enumerable `message` that JSON, spreads and
 * copies read like a value, written when read. A county holds back tens of thousands and shows a
 * handful of reasons; writing them all up front was most of a rating's time and memory.
 */
const MESSAGE: PropertyDescriptor = {
  enumerable: true,
  get(this: HeldBack & { [MESSAGE_INPUTS]: { call: MessageCall; total: number; m: number } }): LocalizedText {
    const { call, total, m } = this[MESSAGE_INPUTS];
    return heldBackMessage(this, call.scope, total, call.bands, call.bands[call.bandOf[m]!]!, call.rounding);
  },
};

function withLazyMessage(h: HeldBack, inputs: { call: MessageCall; total: number; m: number }): void {
  Object.defineProperty(h, MESSAGE_INPUTS, { value: inputs });
  Object.defineProperty(h, 'message', MESSAGE);
}

function heldBackMessage(
  h: Omit<HeldBack, 'message'>,
  scope: RankingScope,
  total: number,
  bands: readonly RatingBand[],
  final: RatingBand,
  rounding: QuotaRounding,
): LocalizedText {
  const band = bands.find((b) => b.code === h.band)!;
  const g = groupText(scope, h.group);
  const pct = fmt(h.share * 100);
  const r = ROUNDING_TEXT[rounding];
  const head = {
    zh: `得分 ${fmt(total)} 达到“${band.name.zh}”线（${fmt(band.minScore ?? 0)} 分），但${g.zh}共 ${h.groupSize} 人，“${band.name.zh}”最多 ${h.places} 名（${pct}%，${r.zh}）`,
    en: `a score of ${fmt(total)} reaches "${band.name.en}" (${fmt(band.minScore ?? 0)}), but ${g.en} has ${h.groupSize} members and "${band.name.en}" at most ${h.places} (${pct}%, ${r.en})`,
  };
  const why =
    h.reason === 'quota_tie'
      ? {
          zh: `，本人与名额线上的党员得分相同且排名规则无法区分，名额不足以全部评定`,
          en: `; tied at the cut with members the tie breakers cannot separate, and there are not places for all of them`,
        }
      : {
          zh: `，本人在达线者中排第 ${h.position} 名${h.decidedBy === undefined || h.decidedBy === 'score' ? '' : `（同分按“${TIE_BREAKER_LABELS[h.decidedBy].zh}”排序）`}`,
          en: `; ranked ${h.position} of those who reached it${h.decidedBy === undefined || h.decidedBy === 'score' ? '' : ` (equal score, ordered by "${TIE_BREAKER_LABELS[h.decidedBy].en}")`}`,
        };
  return {
    zh: `${head.zh}${why.zh}，评为“${final.name.zh}”`,
    en: `${head.en}${why.en}; rated "${final.name.en}"`,
  };
}

/** Rankings and ratings of one year in one call. */
export interface YearAssessment {
  readonly rankings: readonly Ranking[];
  readonly rating: RatingResult;
}

/**
 * Ranks (per the profile's quota group, unless told) and rates every member in one call.
 *
 * @example
 * const { rankings, rating } = unwrap(rankAndRate(scores, { rules: history }));
 */
export function rankAndRate(
  scores: YearScores,
  options: RatingOptions,
): Result<YearAssessment, PointsIssueCode> {
  const version = yearEndRules(options.rules, scores.year);
  if (!version.ok) return version;
  const scope = options.groupBy ?? version.value.points.quota.groupBy;
  const breakers = options.tieBreakers ?? version.value.points.tieBreakers;
  // One sort of each group serves both.
  const orders = rankingOrders(scores, scope, breakers);
  const rating = rate(scores, options, orders);
  if (!rating.ok) return rating;
  return ok({ rankings: rankOrdered(scores, scope, breakers, orders), rating: rating.value });
}
