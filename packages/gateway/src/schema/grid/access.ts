import type { RuleProfile } from '@jiceng/domain';
import { gridRulesOf } from '../../application/grid/access.js';
import type { GatewayContext } from '../../kernel/context.js';

/**
 * Grid management over GraphQL: the policy's decisions live in `application/grid/access.ts`; what
 * is left here belongs to one GraphQL request (a cache on its loaders).
 */

const PROFILES = Symbol('grid rule profiles');

/**
 * The rule profile in force today, resolved once per GraphQL request (a list's field resolvers ask
 * for it once per row): NOT_FOUND for an unknown id.
 */
export function profileOf(ctx: GatewayContext, profileId: string): RuleProfile {
  const cache = ctx.loaders.get(PROFILES, () => new Map<string, RuleProfile>());
  const cached = cache.get(profileId);
  if (cached !== undefined) return cached;
  const profile = gridRulesOf(ctx, profileId);
  cache.set(profileId, profile);
  return profile;
}
