import { unreachable } from '../shared/result.js';
import { type PointSchemeOf, rawCenti, type ScoringItem, toCenti } from './rules.js';
import type {
  Adjustment,
  MemberDirectory,
  PartyMember,
  PointStatus,
  RuleVersions,
  ScoredMember,
} from './types.js';

/**
 * Scoring 计分: base score + approved awards − deductions, each entry under the rule version and
 * member category in force on its date, caps applied in occurrence order (date, then key).
 * Two paths with one meaning: `explainPoints` walks objects and says why; `scoreYear` runs
 * over typed columns for a whole county. Tests hold them equal. The engine scores any members
 * with categories over time against any item catalogue of the profile (`ScoringOptions.scheme`):
 * party members' points by default, CPPCC members' duty (categories = sectors) too. Arithmetic is in integer
 * hundredths of a point, so no order of summing can change a total.
 *
 * This module holds what the two paths share; `scoring-explain.ts` is the explainable path and
 * `scoring-columns.ts` the fast one.
 */

/** Why an entry does not count. */
export type PointExclusionReason =
  | 'pending'
  | 'rejected'
  | 'lapsed'
  | 'reversed'
  | 'no_rules'
  | 'unknown_item'
  | 'not_eligible';

/** Options shared by the scoring functions. */
export interface ScoringOptions<M extends ScoredMember = PartyMember> {
  readonly members: MemberDirectory<M>;
  readonly rules: RuleVersions;
  /** The catalogue scored: party-member points (`memberPointsScheme`) unless given. */
  readonly scheme?: PointSchemeOf;
}

/** Whether a status keeps an entry out of the total, and as what. */
export function statusExclusion(status: PointStatus): PointExclusionReason | undefined {
  switch (status) {
    case 'approved':
    case 'adjusted':
    case 'audited':
      return undefined;
    case 'draft':
    case 'submitted':
      return 'pending';
    case 'rejected':
    case 'lapsed':
    case 'reversed':
      return status;
    default:
      return unreachable(status, 'point status');
  }
}

/** An entry's points before caps, in hundredths: the adjustment's when it has one. */
export function rawOf(
  item: ScoringItem,
  adjustment: Adjustment | undefined,
  quantity: number | undefined,
): number {
  if (adjustment !== undefined)
    return 'points' in adjustment ? toCenti(adjustment.points) : rawCenti(item, adjustment.quantity);
  return rawCenti(item, quantity);
}
