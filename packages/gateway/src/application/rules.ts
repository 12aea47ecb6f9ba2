import type { ProfileHistory, RuleProfile } from '@jiceng/domain';
import { badInput, notFound } from '../kernel/errors.js';
import { chinaDate } from '../time.js';
import type { UseCaseContext } from './context.js';

/** The profile a rule follows when the caller names none. */
export const DEFAULT_PROFILE = 'reference';

/** How a profile is named in a refusal. */
const profileText = (id: string) => ({ zh: `规则配置 ${id}`, en: `rule profile ${id}` });

/**
 * The county's rules: the profile `profileId` as in force on a day (default: today in China).
 * The one lookup of every door and use case: NOT_FOUND for an unknown profile, BAD_USER_INPUT
 * (the catalogue's issues) for a day it cannot answer.
 *
 * @example
 * rulesFor(ctx, member.profileId).points.items
 * rulesFor(ctx, 'reference', '2026-12-31').coBuilding
 */
export function rulesFor(
  ctx: Pick<UseCaseContext, 'services' | 'now'>,
  profileId: string,
  on: string = chinaDate(ctx.now),
): RuleProfile {
  const result = ctx.services.profiles().profileAt(profileId, on);
  if (result.ok) return result.value;
  if (result.issues[0]?.code === 'PROFILE_NOT_FOUND') throw notFound(profileText(profileId));
  throw badInput(result.issues);
}

/** Every version of a profile (for rules in force on any day of a year): NOT_FOUND for an unknown id. */
export function ruleHistoryFor(ctx: Pick<UseCaseContext, 'services'>, profileId: string): ProfileHistory {
  const history = ctx.services.profiles().history(profileId);
  if (history === undefined) throw notFound(profileText(profileId));
  return history;
}
