import { type LocalizedText, nodeOf, type OrgRow, type OrgTree, unreachable } from '@jiceng/domain';
import { GatewayError, notFound, unauthenticated } from '../kernel/errors.js';
import {
  type Action,
  type Decision,
  decide,
  POLICY,
  type ResourceOf,
  type RoleAction,
  roleDecision,
  type WithinAction,
} from './policy.js';
import type { Principal } from './principal.js';
import { type ScopeWorld, treeOf } from './scope.js';

/**
 * How every door asks the policy: who is calling, and the trees to place things on. A GraphQL
 * context is one; Open311 and the CLI build theirs from the verified token.
 */
export interface Door {
  readonly principal: Principal;
  readonly services: ScopeWorld;
}

/**
 * The refusal a decision stands for, the same on every door: UNAUTHENTICATED without a token,
 * FORBIDDEN for a role the action's row does not list, and NOT_FOUND — worded exactly as for a
 * missing resource — for one outside the scope, so that nobody can probe what exists beyond it.
 */
export function refusalOf(
  principal: Principal,
  action: Action,
  decision: Extract<Decision, { allowed: false }>,
  what: LocalizedText,
): GatewayError {
  switch (decision.refusal) {
    case 'unauthenticated':
      return unauthenticated('token required');
    case 'role': {
      const { label } = POLICY[action];
      return new GatewayError('FORBIDDEN', {
        zh: `当前角色（${principal.role}）无权${label.zh}`,
        en: `your role (${principal.role}) may not ${label.en}`,
      });
    }
    case 'scope':
      return notFound(what);
    default:
      return unreachable(decision.refusal, 'refusal');
  }
}

/**
 * Refuses a role that may never take the action, before anything is read.
 *
 * @example
 * requireAction(ctx, 'request.read'); // FORBIDDEN for a member, whatever the id
 */
export function requireAction(door: Door, action: Action): void {
  const decision = roleDecision(door.principal, action);
  if (!decision.allowed) throw refusalOf(door.principal, action, decision, POLICY[action].label);
}

/**
 * Refuses unless the caller may take the action on the resource. `undefined` is a resource that
 * does not exist: NOT_FOUND, after the role is checked, the same answer as one out of scope.
 *
 * @example
 * authorise(ctx, 'request.read', stored && gridOf(stored), { zh: `诉求 ${id}`, en: `request ${id}` });
 */
export function authorise<A extends Action>(
  door: Door,
  action: A,
  resource: ResourceOf<A> | undefined,
  what: LocalizedText,
): void {
  requireAction(door, action);
  if (resource === undefined) throw notFound(what);
  const decision = decide(door.services, door.principal, action, resource);
  if (!decision.allowed) throw refusalOf(door.principal, action, decision, what);
}

/**
 * Refuses unless the caller may take an action the role alone decides (the rules themselves): the
 * policy's answer for it, scope rule and all.
 *
 * @example
 * authoriseAction(ctx, 'profile.read');
 */
export function authoriseAction(door: Door, action: RoleAction): void {
  authorise(door, action, { kind: 'none' }, POLICY[action].label);
}

/** Whether the caller may take the action on the resource: for filters and for edges that are null outside. */
export function allows<A extends Action>(door: Door, action: A, resource: ResourceOf<A>): boolean {
  return decide(door.services, door.principal, action, resource).allowed;
}

/** How a node is named in a refusal. */
export const nodeText = (code: string): LocalizedText => ({ zh: `组织 ${code}`, en: `organisation ${code}` });

/**
 * An organisation node the caller may take the action on, with its tree: UNAUTHENTICATED,
 * FORBIDDEN for the role, NOT_FOUND for a code that is unknown or outside the scope alike.
 */
export function authoriseNode(
  door: Door,
  action: WithinAction,
  code: string,
): { tree: OrgTree; node: OrgRow } {
  const tree = treeOf(door.services, code);
  const resource: ResourceOf<WithinAction> = { kind: 'node', code };
  authorise(door, action, tree === undefined ? undefined : resource, nodeText(code));
  return { tree: tree!, node: nodeOf(tree!, code) };
}
