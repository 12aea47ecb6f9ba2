import type { LocalizedText, RequestActor, RequestRole, RuleProfile } from '@jiceng/domain';
import type { StatisticsScope, StoredRequest } from '@jiceng/persistence';
import { allows, authoriseNode, type Door, requireAction } from '../../auth/authorise.js';
import type { Action, ResourceOf, WithinAction } from '../../auth/policy.js';
import type { Role } from '../../auth/principal.js';
import { gridScopeOf, inTree } from '../../auth/scope.js';
import { GatewayError, notFound } from '../../kernel/errors.js';
import { nowInstant, today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { DEFAULT_PROFILE, rulesFor } from '../rules.js';

export { DEFAULT_PROFILE, nowInstant, today };

/**
 * Grid management 网格化管理 on every door: which policy action each read and write is (`grid.read`,
 * `grid.partition`, `request.read`, `request.report`, `request.act`, `request.escalate`,
 * `personal.read`; see `auth/policy.ts`), and the resource it is placed by.
 *
 * Every grid, building, team and request belongs to a node of the administrative tree (its
 * grid, or its community once the grid is retired): {@link gridResource}.
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
 * | member, handling_unit, public | —          | nothing                                                         |
 *
 * The actor recorded is `{ id: token subject, role }`; a grid worker's subject is their worker id,
 * which is how the domain knows a request is assigned to them. Every step also needs the request
 * (and the assignee's community, a duplicate's original) within the caller's scope. An Open311 key
 * reports as the resident who uses its app (`open311:<subject>`).
 */
export const REQUEST_ROLE_OF: { readonly [R in Role]: RequestRole | null } = {
  county_admin: 'street',
  street_admin: 'street',
  community_admin: 'community',
  grid_worker: 'grid_worker',
  branch_secretary: 'resident',
  member: null,
  handling_unit: null,
  public: null,
};

/** The resource a grid, or anything filed under one (a request, a building, a team), is placed by. */
export function gridResource(grid: {
  readonly gridCode: string;
  readonly communityCode: string;
}): ResourceOf<'grid.read'> {
  return { kind: 'grid', gridCode: grid.gridCode, communityCode: grid.communityCode };
}

/** How a request is named in a refusal: the same words whether it is missing or out of scope. */
export const requestText = (id: string): LocalizedText => ({ zh: `诉求 ${id}`, en: `request ${id}` });

/** A report routed to a grid outside the caller's scope: refused as if there were none there. */
export const REPORT_TEXT: LocalizedText = {
  zh: '您管辖范围内该位置所属的网格',
  en: 'a grid of yours at this location',
};

/** How a grid is named in a refusal. */
export const gridText = (code: string): LocalizedText => ({ zh: `网格 ${code}`, en: `grid ${code}` });

/** The longest free text a request field may carry. */
export const MAX_SUMMARY = 500;
export const MAX_NOTE = 2000;

/** The rule profile in force today: NOT_FOUND for an unknown id. */
export function gridRulesOf(ctx: Pick<UseCaseContext, 'services' | 'now'>, profileId: string): RuleProfile {
  return rulesFor(ctx, profileId, today(ctx));
}

/**
 * The grid data under a node the caller may take the action on, as the columns of grid rows name
 * it (`gridScopeOf`): NOT_FOUND when the node is unknown or outside the caller's scope.
 */
export function scopeOf(door: Door, action: WithinAction, code: string): StatisticsScope {
  authoriseNode(door, action, code);
  return gridScopeOf(door.services, code);
}

/** An administrative node of a given level the caller may take the action on; BAD_USER_INPUT for another level. */
export function authoriseLevel(
  door: Door,
  action: WithinAction,
  code: string,
  level: 'community' | 'street',
): string {
  const { tree, node } = authoriseNode(door, action, code);
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
export function inAdministrativeTree(door: Pick<Door, 'services'>, code: string): boolean {
  return inTree(door.services, 'administrative', code);
}

/** Whether the caller may see a grid's data (a grid a re-partition retired: by its community). */
export function canSeeGrid(door: Door, grid: { gridCode: string; communityCode: string }): boolean {
  return allows(door, 'grid.read', gridResource(grid));
}

/** Whether the caller may see a request. */
export function canSeeRequest(door: Door, stored: StoredRequest): boolean {
  return allows(door, 'request.read', gridResource(stored.request));
}

/**
 * The domain role the caller takes a request action in, once the policy lets their role take it:
 * FORBIDDEN before anything is read for a role that may not.
 */
export function actorOf(door: Door, action: Extract<Action, `request.${string}`>): RequestActor {
  requireAction(door, action);
  const role = REQUEST_ROLE_OF[door.principal.role];
  if (role === null)
    throw new Error(`policy lets ${door.principal.role} take ${action}, but it acts in no request role`);
  return { id: door.principal.subject, role };
}

/** NOT_FOUND for a request, the same whether it is missing or outside the caller's scope. */
export function requestNotFound(id: string): GatewayError {
  return notFound(requestText(id));
}
