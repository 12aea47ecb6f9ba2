import {
  hasNode,
  isWithin,
  isWithinLinked,
  nodeOf,
  type OrgTree,
  subtree,
  type TreeKind,
  type TreeLinks,
} from '@jiceng/domain';
import type { StatisticsScope } from '@jiceng/persistence';
import type { Principal } from './principal.js';

/** What scope questions read: the organisation trees and where they meet (the gateway's services). */
export interface ScopeWorld {
  orgTree(kind: TreeKind): OrgTree | undefined;
  treeLinks(): TreeLinks | undefined;
}

const KINDS: readonly TreeKind[] = ['administrative', 'party'];

/** The tree that holds a code, if any. */
export function treeOf(world: Pick<ScopeWorld, 'orgTree'>, code: string): OrgTree | undefined {
  for (const kind of KINDS) {
    const tree = world.orgTree(kind);
    if (tree !== undefined && hasNode(tree, code)) return tree;
  }
  return undefined;
}

/** Whether a tree of a kind holds a code. */
export function inTree(world: Pick<ScopeWorld, 'orgTree'>, kind: TreeKind, code: string): boolean {
  const tree = world.orgTree(kind);
  return tree !== undefined && hasNode(tree, code);
}

/**
 * Whether an organisation node lies within a principal's scope, in the same tree or across the
 * trees where they meet (`isWithinLinked`: a street office covers its street's party
 * organisations, a community party organisation the community it leads). Deny by default: an
 * unknown scope (the public's is empty) and an unknown node cover nothing.
 *
 * @example
 * covers(services, { subject: 's', role: 'street_admin', scope: '330102001' }, '330102001001') // true
 */
export function covers(world: ScopeWorld, principal: Principal, code: string): boolean {
  const tree = treeOf(world, code);
  if (tree === undefined) return false;
  if (hasNode(tree, principal.scope)) return isWithin(tree, principal.scope, code);
  const links = world.treeLinks();
  return links !== undefined && isWithinLinked(links, principal.scope, code);
}

/**
 * The grid data under a node, as the street, community and grid columns of grid rows name it:
 * a county's streets, a street, a community, a compound's grids, a grid. A party node reaches
 * the data of what it leads where the trees meet: the nodes met by the highest linked nodes of
 * its subtree (itself, when it meets one). Buildings, unknown codes and party nodes that meet
 * nothing: an empty scope, which lists nothing. No authorisation here: callers check the node.
 */
export function gridScopeOf(services: ScopeWorld, code: string): StatisticsScope {
  const administrative = services.orgTree('administrative');
  if (administrative !== undefined && hasNode(administrative, code)) {
    return administrativeScope(administrative, code);
  }
  // A party node leads data only where the trees meet: none while one of them is missing.
  const links = services.treeLinks();
  if (links === undefined) return {};
  const { party } = links;
  const out = { streetCodes: [] as string[], communityCodes: [] as string[], gridCodes: [] as string[] };
  // A code of no party node walks an empty range: an empty scope.
  const s = party.ids.get(code) ?? -1;
  for (let position = party.enters[s] ?? 0; position < (party.exits[s] ?? 0); ) {
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
