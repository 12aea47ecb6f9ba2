import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { LEVEL_LABELS, type OrgLevel } from './levels.js';
import { hasNode, isWithin } from './queries.js';
import type { OrgTree } from './tree.js';

/**
 * Where the two trees meet (DESIGN §2: "two trees that meet at the grid"). A party node names
 * its counterpart in the administrative tree: a grid party group 网格党小组 its grid, a compound
 * party branch 小区党支部 its compound, a community party organisation 社区党组织 its community,
 * a party committee 党委 its street or county. The links let one scope reach across: a street
 * office sees the party organisations of its street, a community party secretary the community
 * they lead — with no second token and no walk over all rows.
 */
export interface TreeLinks {
  readonly administrative: OrgTree;
  readonly party: OrgTree;
  /** Party node id → administrative node id; -1 where none. */
  readonly partyToAdministrative: Int32Array;
  /** Administrative node id → party node id; -1 where none. */
  readonly administrativeToParty: Int32Array;
}

export type TreeLinkIssueCode =
  | 'ORG_COUNTERPART_NOT_FOUND'
  | 'ORG_COUNTERPART_LEVEL'
  | 'ORG_COUNTERPART_TAKEN'
  | 'ORG_COUNTERPART_NESTING'
  | 'ORG_COUNTERPART_WRONG_TREE';

/** The administrative levels each party level may meet. */
export const COUNTERPART_LEVELS: { readonly [L in OrgLevel]?: readonly OrgLevel[] } = {
  committee: ['street', 'county'],
  community_org: ['community'],
  branch: ['compound'],
  grid_group: ['grid'],
};

/**
 * Checks the counterparts the party tree names against the administrative tree and indexes them
 * both ways. Reports every problem at once: a counterpart the administrative tree lacks, of a
 * level the party node may not meet, named by two party nodes, or out of nesting (a party node
 * under another must meet a node within the other's counterpart); and a counterpart given on an
 * administrative row (links are declared on the party side).
 *
 * @example
 * const links = unwrap(linkTrees(administrative, party));
 * isWithinLinked(links, '330102001', 'P330102001001') // true: the street office sees the community's party organisation
 */
export function linkTrees(administrative: OrgTree, party: OrgTree): Result<TreeLinks, TreeLinkIssueCode> {
  const issues: Issue<TreeLinkIssueCode>[] = [];
  for (const [i, row] of administrative.nodes.entries()) {
    if (row.counterpart !== undefined) {
      issues.push(
        issue(
          'ORG_COUNTERPART_WRONG_TREE',
          {
            zh: `行政节点“${row.code}”不能声明对应节点：对应关系写在党组织一侧`,
            en: `administrative node "${row.code}" cannot name a counterpart: links are declared on the party side`,
          },
          [i, 'counterpart'],
        ),
      );
    }
  }
  const partyToAdministrative = new Int32Array(party.nodes.length).fill(-1);
  const administrativeToParty = new Int32Array(administrative.nodes.length).fill(-1);
  for (const [i, row] of party.nodes.entries()) {
    const code = row.counterpart;
    if (code === undefined) continue;
    const at = [i, 'counterpart'];
    const a = administrative.ids.get(code);
    if (a === undefined) {
      issues.push(
        issue(
          'ORG_COUNTERPART_NOT_FOUND',
          {
            zh: `党组织“${row.code}”的对应节点“${code}”不在行政区划树中`,
            en: `the counterpart "${code}" of party node "${row.code}" is not in the administrative tree`,
          },
          at,
        ),
      );
      continue;
    }
    const level = administrative.nodes[a]!.level;
    const allowed = COUNTERPART_LEVELS[row.level] ?? [];
    if (!allowed.includes(level)) {
      const names = allowed.map((l) => LEVEL_LABELS[l]);
      issues.push(
        issue(
          'ORG_COUNTERPART_LEVEL',
          {
            zh: `党组织“${row.code}”（${LEVEL_LABELS[row.level].zh}）只能对应${names.map((n) => n.zh).join('或')}，而“${code}”是${LEVEL_LABELS[level].zh}`,
            en: `party node "${row.code}" (${LEVEL_LABELS[row.level].en}) can only meet a ${names.map((n) => n.en).join(' or ')}, but "${code}" is a ${LEVEL_LABELS[level].en}`,
          },
          at,
        ),
      );
      continue;
    }
    const taken = administrativeToParty[a]!;
    if (taken >= 0) {
      issues.push(
        issue(
          'ORG_COUNTERPART_TAKEN',
          {
            zh: `“${code}”已是党组织“${party.nodes[taken]!.code}”的对应节点，不能再对应“${row.code}”`,
            en: `"${code}" already meets party node "${party.nodes[taken]!.code}" and cannot also meet "${row.code}"`,
          },
          at,
        ),
      );
      continue;
    }
    administrativeToParty[a] = i;
    partyToAdministrative[i] = a;
  }
  // Nesting: the nearest linked ancestor's counterpart must contain this node's counterpart.
  for (let i = 0; i < party.nodes.length; i++) {
    const a = partyToAdministrative[i]!;
    if (a < 0) continue;
    let up = party.parents[i]!;
    while (up >= 0 && partyToAdministrative[up]! < 0) up = party.parents[up]!;
    if (up < 0) continue;
    const outer = administrative.nodes[partyToAdministrative[up]!]!.code;
    const inner = administrative.nodes[a]!.code;
    if (!isWithin(administrative, outer, inner)) {
      const row = party.nodes[i]!;
      issues.push(
        issue(
          'ORG_COUNTERPART_NESTING',
          {
            zh: `党组织“${row.code}”隶属“${party.nodes[up]!.code}”，其对应节点“${inner}”却不在“${outer}”之内`,
            en: `party node "${row.code}" is under "${party.nodes[up]!.code}", but its counterpart "${inner}" is not within "${outer}"`,
          },
          [i, 'counterpart'],
        ),
      );
    }
  }
  if (issues.length > 0) return fail(issues);
  return ok({ administrative, party, partyToAdministrative, administrativeToParty });
}

/**
 * Whether node `code` lies within scope `scope`, in the same tree or across the links: a node of
 * the other tree is within the scope when it, or one of its ancestors, meets a node within the
 * scope. Unknown codes are outside every scope. O(depth).
 *
 * @example
 * isWithinLinked(links, '330102001', 'P330102001001-G01') // a street office and a grid party group of its street: true
 * isWithinLinked(links, 'P330102001001', '330102001001-G01') // a community party organisation and a grid of its community: true
 * isWithinLinked(links, 'P330102001001', '330102001002') // and another community: false
 */
export function isWithinLinked(links: TreeLinks, scope: string, code: string): boolean {
  const { administrative, party } = links;
  for (const tree of [administrative, party]) {
    if (hasNode(tree, scope) && hasNode(tree, code)) return isWithin(tree, scope, code);
  }
  const [scopeTree, codeTree, across] = hasNode(administrative, scope)
    ? [administrative, party, links.partyToAdministrative]
    : [party, administrative, links.administrativeToParty];
  if (!hasNode(scopeTree, scope)) return false;
  let x = codeTree.ids.get(code);
  if (x === undefined) return false;
  const s = scopeTree.ids.get(scope)!;
  const from = scopeTree.enters[s]!;
  const to = scopeTree.exits[s]!;
  for (; x >= 0; x = codeTree.parents[x]!) {
    const met = across[x]!;
    if (met < 0) continue;
    const entered = scopeTree.enters[met]!;
    if (from <= entered && entered < to) return true;
  }
  return false;
}
