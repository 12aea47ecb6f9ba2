import {
  hasNode,
  isWithin,
  isWithinLinked,
  nodeOf,
  type OrgRow,
  type OrgTree,
  type TreeKind,
} from '@jiceng/domain';
import type { GatewayContext } from '../server/context.js';
import { forbidden, notFound, unauthenticated } from '../server/errors.js';
import type { Principal } from './principal.js';

const KINDS: readonly TreeKind[] = ['administrative', 'party'];

/** The tree that holds a code, if any. */
export function treeOf(ctx: GatewayContext, code: string): OrgTree | undefined {
  return treeOfCode(ctx.services, code);
}

function treeOfCode(
  services: Pick<GatewayContext['services'], 'orgTree'>,
  code: string,
): OrgTree | undefined {
  for (const kind of KINDS) {
    const tree = services.orgTree(kind);
    if (tree !== undefined && hasNode(tree, code)) return tree;
  }
  return undefined;
}

/**
 * Whether the caller may see data attached to an organisation node: the node must lie within
 * the caller's scope, in the same tree or across the trees where they meet (`isWithinLinked`: a
 * street office sees its street's party organisations, a community party organisation the
 * community it leads). Deny by default: the public, an unknown scope and an unknown node all
 * see nothing.
 */
export function canSee(ctx: GatewayContext, code: string): boolean {
  return principalCanSee(ctx.services, ctx.principal, code);
}

/** {@link canSee} outside a GraphQL request (the Open311 endpoints). */
export function principalCanSee(
  services: Pick<GatewayContext['services'], 'orgTree' | 'treeLinks'>,
  principal: Principal,
  code: string,
): boolean {
  if (principal.role === 'public') return false;
  const tree = treeOfCode(services, code);
  if (tree === undefined) return false;
  if (hasNode(tree, principal.scope)) return isWithin(tree, principal.scope, code);
  const links = services.treeLinks();
  return links !== undefined && isWithinLinked(links, principal.scope, code);
}

/** The node, if the caller may see it; otherwise UNAUTHENTICATED, NOT_FOUND or FORBIDDEN. */
export function authoriseNode(ctx: GatewayContext, code: string): { tree: OrgTree; node: OrgRow } {
  if (ctx.principal.role === 'public') throw unauthenticated('token required');
  const tree = treeOf(ctx, code);
  if (tree === undefined) throw notFound({ zh: `组织 ${code}`, en: `organisation ${code}` });
  if (!canSee(ctx, code)) {
    throw forbidden({
      zh: `组织 ${code} 不在您的管辖范围内`,
      en: `organisation ${code} is outside your scope`,
    });
  }
  return { tree, node: nodeOf(tree, code) };
}
