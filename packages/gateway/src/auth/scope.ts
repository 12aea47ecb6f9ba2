import {
  hasNode,
  isWithin,
  isWithinLinked,
  nodeOf,
  type OrgRow,
  type OrgTree,
  subtree,
  type TreeKind,
} from '@jiceng/domain';
import type { StatisticsScope } from '@jiceng/persistence';
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

/**
 * The grid data under a node, as the street, community and grid columns of grid rows name it:
 * a county's streets, a street, a community, a compound's grids, a grid. A party node reaches
 * the data of what it leads where the trees meet: the nodes met by the highest linked nodes of
 * its subtree (itself, when it meets one). Buildings, unknown codes and party nodes that meet
 * nothing: an empty scope, which lists nothing. No authorisation here: callers check the node.
 */
export function gridScopeOf(
  services: Pick<GatewayContext['services'], 'orgTree' | 'treeLinks'>,
  code: string,
): StatisticsScope {
  const administrative = services.orgTree('administrative');
  if (administrative !== undefined && hasNode(administrative, code)) {
    return administrativeScope(administrative, code);
  }
  const party = services.orgTree('party');
  const links = services.treeLinks();
  if (party === undefined || links === undefined || administrative === undefined || !hasNode(party, code)) {
    return {};
  }
  const out = { streetCodes: [] as string[], communityCodes: [] as string[], gridCodes: [] as string[] };
  const s = party.ids.get(code)!;
  for (let position = party.enters[s]!; position < party.exits[s]!; ) {
    const x = party.preorder[position]!;
    const met = links.partyToAdministrative[x]!;
    if (met < 0) {
      position++;
      continue;
    }
    const scope = administrativeScope(links.administrative, links.administrative.nodes[met]!.code);
    out.streetCodes.push(...(scope.streetCodes ?? []));
    out.communityCodes.push(...(scope.communityCodes ?? []));
    out.gridCodes.push(...(scope.gridCodes ?? []));
    // Its subtree meets nodes within this one: already covered.
    position = party.exits[x]!;
  }
  return out;
}

function administrativeScope(tree: OrgTree, code: string): StatisticsScope {
  const level = nodeOf(tree, code).level;
  const below = (wanted: string) =>
    subtree(tree, code)
      .filter((n) => n.level === wanted)
      .map((n) => n.code);
  switch (level) {
    case 'county':
      return { streetCodes: below('street') };
    case 'street':
      return { streetCodes: [code] };
    case 'community':
      return { communityCodes: [code] };
    case 'compound':
      return { gridCodes: below('grid') };
    case 'grid':
      return { gridCodes: [code] };
    default:
      return {};
  }
}
