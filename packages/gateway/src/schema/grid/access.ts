import type { RequestRole, RuleProfile } from '@jiceng/domain';
import type { RulesOf, StatisticsScope, StoredRequest } from '@jiceng/persistence';
import type { Role } from '../../auth/principal.js';
import { authoriseNode, canSee, gridScopeOf, treeOf } from '../../auth/scope.js';
import type { GatewayContext } from '../../server/context.js';
import { badInput, GatewayError, notFound } from '../../server/errors.js';
import { nowInstant, today } from '../../time.js';
import { requireRole } from '../common.js';

/**
 * Who may do what in grid management, over GraphQL.
 *
 * Reading is deny by default. Every grid, building, team and request belongs to a node of the
 * administrative tree (its grid, or its community once the grid is retired); a caller sees it when
 * that node lies within their scope (`canSee`). Statistics of a node in scope are for every
 * signed-in role; grids, teams, buildings and requests for staff ({@link GRID_STAFF_ROLES}); the
 * public reads `publicStatistics` only.
 *
 * Acting: the domain names who acts on a request (`RequestRole`) and checks each step against its
 * role table (`REQUEST_TRANSITIONS`); the gateway decides which role a caller acts in:
 *
 * | gateway role                | domain role  | so may (by the domain's table)                                 |
 * | --------------------------- | ------------ | -------------------------------------------------------------- |
 * | county_admin, street_admin  | street       | report, assign, start, resolve, reopen, close, reject, mark duplicate; escalation sweep |
 * | community_admin             | community    | report, assign, start, resolve, reopen, close, reject, mark duplicate |
 * | grid_worker                 | grid_worker  | report, assign, mark duplicate; start and resolve what is assigned to them |
 * | branch_secretary            | resident     | report, and reopen or close a resolved request: a compound party branch relays residents' requests and their confirmation |
 * | member, public              | —            | nothing                                                         |
 *
 * The actor recorded is `{ id: token subject, role }`; a grid worker's subject is their worker id,
 * which is how the domain knows a request is assigned to them. Every step also needs the request
 * (and the assignee's community, a duplicate's original) within the caller's scope.
 */
export const REQUEST_ROLE_OF: { readonly [R in Role]: RequestRole | null } = {
  county_admin: 'street',
  street_admin: 'street',
  community_admin: 'community',
  grid_worker: 'grid_worker',
  branch_secretary: 'resident',
  member: null,
  public: null,
};

/** Roles that read grids, teams, buildings and requests within their scope. */
export const GRID_STAFF_ROLES: readonly Role[] = [
  'county_admin',
  'street_admin',
  'community_admin',
  'branch_secretary',
  'grid_worker',
];

/** Roles that may re-partition a community. */
export const PARTITION_ROLES: readonly Role[] = ['county_admin', 'street_admin', 'community_admin'];

/** Roles that may run the escalation sweep. */
export const SWEEP_ROLES: readonly Role[] = ['county_admin', 'street_admin'];

/** The longest free text a request field may carry. */
export const MAX_SUMMARY = 500;
export const MAX_NOTE = 2000;

export { nowInstant, today };

const PROFILES = Symbol('grid rule profiles');

/** The rule profile in force today, resolved once per request: NOT_FOUND for an unknown id. */
export function profileOf(ctx: GatewayContext, profileId: string): RuleProfile {
  const cache = ctx.loaders.get(PROFILES, () => new Map<string, RuleProfile>());
  const cached = cache.get(profileId);
  if (cached !== undefined) return cached;
  const result = ctx.services.profiles().profileAt(profileId, today(ctx));
  if (!result.ok) {
    if (result.issues[0]?.code === 'PROFILE_NOT_FOUND') {
      throw notFound({ zh: `规则配置 ${profileId}`, en: `rule profile ${profileId}` });
    }
    throw badInput(result.issues);
  }
  cache.set(profileId, result.value);
  return result.value;
}

/** The rules each stored request follows, by its profile id, as in force today. */
export function rulesOf(ctx: GatewayContext): RulesOf {
  return (profileId) => profileOf(ctx, profileId);
}

/**
 * The grid data under a node the caller may see, as the columns of grid rows name it
 * (`gridScopeOf`): refused when the node is outside the caller's scope.
 */
export function scopeOf(ctx: GatewayContext, code: string): StatisticsScope {
  authoriseNode(ctx, code);
  return gridScopeOf(ctx.services, code);
}

/** An administrative node of a given level that the caller may see; BAD_USER_INPUT for another level. */
export function authoriseLevel(ctx: GatewayContext, code: string, level: 'community' | 'street'): string {
  const { tree, node } = authoriseNode(ctx, code);
  if (tree.kind !== 'administrative' || node.level !== level) {
    const what = level === 'community' ? { zh: '社区', en: 'community' } : { zh: '街道', en: 'street' };
    throw new GatewayError('BAD_USER_INPUT', {
      zh: `组织 ${code} 不是${what.zh}`,
      en: `organisation ${code} is not a ${what.en}`,
    });
  }
  return node.code;
}

/** Whether a node exists in the administrative tree. */
export function inAdministrativeTree(ctx: GatewayContext, code: string): boolean {
  return treeOf(ctx, code)?.kind === 'administrative';
}

/**
 * Whether the caller may see a grid's data: the grid within their scope, or — for a grid a
 * re-partition retired, no longer in the tree — its community.
 */
export function canSeeGrid(ctx: GatewayContext, grid: { gridCode: string; communityCode: string }): boolean {
  if (!GRID_STAFF_ROLES.includes(ctx.principal.role)) return false;
  return inAdministrativeTree(ctx, grid.gridCode)
    ? canSee(ctx, grid.gridCode)
    : canSee(ctx, grid.communityCode);
}

/** Whether the caller may see a request. */
export function canSeeRequest(ctx: GatewayContext, stored: StoredRequest): boolean {
  return canSeeGrid(ctx, stored.request);
}

/** Staff only: UNAUTHENTICATED for the public, FORBIDDEN for other roles. */
export function requireStaff(ctx: GatewayContext): void {
  requireRole(ctx, GRID_STAFF_ROLES);
}

/** The domain role the caller acts in; FORBIDDEN when their role acts on no request. */
export function actorOf(ctx: GatewayContext): { id: string; role: RequestRole } {
  requireRole(ctx);
  const role = REQUEST_ROLE_OF[ctx.principal.role];
  if (role === null) {
    throw new GatewayError('FORBIDDEN', {
      zh: `当前角色（${ctx.principal.role}）不能办理民情诉求`,
      en: `your role (${ctx.principal.role}) may not act on resident requests`,
    });
  }
  return { id: ctx.principal.subject, role };
}

/** A request outside the caller's scope. */
export function requestForbidden(id: string): GatewayError {
  return new GatewayError('FORBIDDEN', {
    zh: `无权访问：诉求 ${id} 不在您的管辖范围内`,
    en: `not allowed: request ${id} is outside your scope`,
  });
}
