// Queries on a built tree. A code the tree does not hold is an error of the caller (a stale id,
// a request for another county's node), so every query except `hasNode` throws a JicengError with
// code ORG_UNKNOWN_NODE instead of answering "false" or "[]" and hiding it.
import { unknownNodeError } from './issues.js';
import type { OrgRow, OrgTree } from './tree.js';

function idOf(tree: OrgTree, code: string): number {
  const id = tree.ids.get(code);
  if (id === undefined) throw unknownNodeError(code);
  return id;
}

/**
 * Whether the tree holds a node with this code; the one query that accepts unknown codes.
 *
 * @example
 * if (!hasNode(tree, input.scope)) return fail([...]);
 */
export function hasNode(tree: OrgTree, code: string): boolean {
  return tree.ids.has(code);
}

/**
 * The row of the node with this code.
 *
 * @example
 * nodeOf(tree, '330102001').name // '清波街道'
 */
export function nodeOf<R extends OrgRow>(tree: OrgTree<R>, code: string): R {
  return tree.nodes[idOf(tree, code)]!;
}

/**
 * Whether `nodeCode` lies in the subtree of `scopeCode`; a node is within itself. Answers every
 * permission check ("may the worker of grid X see building Y?") with two lookups and two integer
 * comparisons on the pre-order numbering.
 *
 * @example
 * isWithin(tree, '330102001', '330102001001') // true: the community is in the street
 * isWithin(tree, '330102001001', '330102001') // false
 */
export function isWithin(tree: OrgTree, scopeCode: string, nodeCode: string): boolean {
  const scope = idOf(tree, scopeCode);
  const entered = tree.enters[idOf(tree, nodeCode)]!;
  return tree.enters[scope]! <= entered && entered < tree.exits[scope]!;
}

/**
 * A node's id: its index in `tree.nodes`, which the id-based queries take. A code from a request
 * is a new string whose hash nobody has computed, so each lookup costs more than the check
 * itself; resolve the principal's scope once per request, then check each node by id.
 *
 * @example
 * const scope = nodeIdOf(tree, principal.scope); // once per request
 * const visible = rows.filter((r) => isWithinId(tree, scope, nodeIdOf(tree, r.grid)));
 */
export function nodeIdOf(tree: OrgTree, code: string): number {
  return idOf(tree, code);
}

/**
 * `isWithin` by node ids (`nodeIdOf`): two comparisons and no lookup. An id the tree does not
 * have is a programmer error and throws a RangeError.
 *
 * @example
 * isWithinId(tree, nodeIdOf(tree, '330102001'), nodeIdOf(tree, '330102001001')) // true
 */
export function isWithinId(tree: OrgTree, scopeId: number, nodeId: number): boolean {
  const from = tree.enters[scopeId];
  const entered = tree.enters[nodeId];
  if (from === undefined || entered === undefined) {
    throw new RangeError(`no node with id ${from === undefined ? scopeId : nodeId} in this tree`);
  }
  return from <= entered && entered < tree.exits[scopeId]!;
}

/**
 * The node's ancestors, nearest first (its parent, …, the root); empty for the root. Nearest
 * first because the usual question is "the closest community above this building".
 *
 * @example
 * ancestors(tree, '330102001001').map((n) => n.code) // ['330102001', '330102']
 * ancestors(tree, building).find((n) => n.level === 'community')
 */
export function ancestors<R extends OrgRow>(tree: OrgTree<R>, code: string): R[] {
  const out: R[] = [];
  for (let p = tree.parents[idOf(tree, code)]!; p >= 0; p = tree.parents[p]!) out.push(tree.nodes[p]!);
  return out;
}

/**
 * Distance from the root: 0 for the root.
 *
 * @example
 * depthOf(tree, '330102001001') // 2
 */
export function depthOf(tree: OrgTree, code: string): number {
  return tree.depths[idOf(tree, code)]!;
}

/**
 * The parent row, or `null` for the root.
 *
 * @example
 * parentOf(tree, '330102001001')?.code // '330102001'
 */
export function parentOf<R extends OrgRow>(tree: OrgTree<R>, code: string): R | null {
  const parent = tree.parents[idOf(tree, code)]!;
  return parent >= 0 ? tree.nodes[parent]! : null;
}

/**
 * The node's children, in row order.
 *
 * @example
 * childrenOf(tree, '330102001').map((n) => n.name) // ['劳动路社区', …]
 */
export function childrenOf<R extends OrgRow>(tree: OrgTree<R>, code: string): R[] {
  const id = idOf(tree, code);
  const out: R[] = [];
  // In pre-order the first child follows its parent and each child's subtree ends where the next sibling starts.
  for (let at = tree.enters[id]! + 1; at < tree.exits[id]!; ) {
    const child = tree.preorder[at]!;
    out.push(tree.nodes[child]!);
    at = tree.exits[child]!;
  }
  return out;
}

/**
 * The node and all its descendants in pre-order (children in row order): one contiguous run of
 * `tree.preorder`, so the cost is the size of the answer, never the size of the tree.
 *
 * @example
 * subtree(tree, '330102001').filter((n) => n.level === 'grid').length // grids in the street
 */
export function subtree<R extends OrgRow>(tree: OrgTree<R>, code: string): R[] {
  const id = idOf(tree, code);
  const out: R[] = [];
  for (let at = tree.enters[id]!; at < tree.exits[id]!; at++) out.push(tree.nodes[tree.preorder[at]!]!);
  return out;
}

/**
 * How many nodes the subtree holds, the node included, without listing them.
 *
 * @example
 * subtreeSize(tree, tree.nodes[0].code) === tree.nodes.length // true
 */
export function subtreeSize(tree: OrgTree, code: string): number {
  const id = idOf(tree, code);
  return tree.exits[id]! - tree.enters[id]!;
}

/**
 * The materialised path of codes, root first, each preceded by `/`. Persistence stores it so a
 * scope query in SQL is a prefix match: `path = '/a/b' OR path LIKE '/a/b/%'` (codes never hold
 * `/`; escape `%` and `_` in the pattern).
 *
 * @example
 * pathOf(tree, '330102001001') // '/330102/330102001/330102001001'
 */
export function pathOf(tree: OrgTree, code: string): string {
  const codes: string[] = [];
  for (let p = idOf(tree, code); p >= 0; p = tree.parents[p]!) codes.push(tree.nodes[p]!.code);
  return `/${codes.reverse().join('/')}`;
}

/**
 * The deepest node that has both nodes within it (possibly one of them), in O(depth).
 *
 * @example
 * lowestCommonAncestor(tree, '330102001001', '330102001002').code // '330102001'
 */
export function lowestCommonAncestor<R extends OrgRow>(tree: OrgTree<R>, codeA: string, codeB: string): R {
  const b = tree.enters[idOf(tree, codeB)]!;
  // Climb from A until B falls inside the current subtree; the root's subtree holds every node.
  let a = idOf(tree, codeA);
  while (!(tree.enters[a]! <= b && b < tree.exits[a]!)) a = tree.parents[a]!;
  return tree.nodes[a]!;
}

/**
 * The root row.
 *
 * @example
 * rootOf(tree).level // 'county'
 */
export function rootOf<R extends OrgRow>(tree: OrgTree<R>): R {
  return tree.nodes[tree.preorder[0]!]!;
}
