import type { OrgLevel, TreeKind } from '../org/levels.js';
import { LEVEL_LABELS } from '../org/levels.js';
import type { OrgRow, OrgTree } from '../org/tree.js';
import type { LocalizedText } from '../shared/errors.js';
import type { ImportIssueCode } from './issues.js';

/**
 * The organisation trees as a register import looks nodes up in them: by code, or by a name that
 * only one node of the tree carries (county staff write “XX社区党委”, not its code), with each
 * node's nearest ancestor of a level (a grid's community and street).
 */
export interface Places {
  readonly administrative: OrgTree | undefined;
  readonly party: OrgTree | undefined;
  /** Per tree: node name → the codes of the nodes carrying it. */
  readonly names: { readonly [K in TreeKind]: ReadonlyMap<string, readonly string[]> };
}

/** Indexes the trees for lookups by code or name. */
export function placesOf(administrative: OrgTree | undefined, party: OrgTree | undefined): Places {
  const index = (tree: OrgTree | undefined): Map<string, string[]> => {
    const names = new Map<string, string[]>();
    for (const n of tree?.nodes ?? []) {
      const list = names.get(n.name);
      if (list === undefined) names.set(n.name, [n.code]);
      else list.push(n.code);
    }
    return names;
  };
  return { administrative, party, names: { administrative: index(administrative), party: index(party) } };
}

/** A node found, or why not: the code and both messages. */
export type Lookup =
  | { readonly ok: true; readonly node: OrgRow }
  | {
      readonly ok: false;
      readonly code: ImportIssueCode;
      readonly message: LocalizedText;
      readonly details?: Readonly<Record<string, unknown>>;
    };

const TREE_LABELS: { readonly [K in TreeKind]: LocalizedText } = {
  administrative: { zh: '行政区划树', en: 'administrative tree' },
  party: { zh: '党组织树', en: 'party tree' },
};

/**
 * The node a cell names (a code first, else a name only one node carries), of one of `levels`
 * when given.
 *
 * @example
 * findNode(places, 'party', '一社区党委') // { ok: true, node: { code: 'P330102001001', … } }
 */
export function findNode(places: Places, kind: TreeKind, text: string, levels?: readonly OrgLevel[]): Lookup {
  const tree = places[kind];
  let id = tree?.ids.get(text);
  if (id === undefined && tree !== undefined) {
    const codes = places.names[kind].get(text) ?? [];
    if (codes.length > 1) {
      return {
        ok: false,
        code: 'IMPORT_AMBIGUOUS_NAME',
        message: {
          zh: `${TREE_LABELS[kind].zh}中有 ${codes.length} 个节点名为“${text}”，请填写代码（${codes.slice(0, 5).join('、')}）`,
          en: `${codes.length} nodes of the ${TREE_LABELS[kind].en} are named "${text}"; enter the code (${codes.slice(0, 5).join(', ')})`,
        },
        details: { codes },
      };
    }
    if (codes.length === 1) id = tree.ids.get(codes[0]!);
  }
  if (tree === undefined || id === undefined) {
    return {
      ok: false,
      code: 'IMPORT_UNKNOWN_NODE',
      message: {
        zh: `“${text}”不在${TREE_LABELS[kind].zh}中（代码或名称均未找到）`,
        en: `"${text}" is not in the ${TREE_LABELS[kind].en} (no node has that code or name)`,
      },
      details: { value: text },
    };
  }
  const node = tree.nodes[id]!;
  if (levels !== undefined && !levels.includes(node.level)) {
    return {
      ok: false,
      code: 'IMPORT_WRONG_LEVEL',
      message: {
        zh: `“${text}”是${LEVEL_LABELS[node.level].zh}，此处应为${levels.map((l) => LEVEL_LABELS[l].zh).join('或')}`,
        en: `"${text}" is a ${LEVEL_LABELS[node.level].en}; expected a ${levels.map((l) => LEVEL_LABELS[l].en).join(' or ')}`,
      },
      details: { level: node.level },
    };
  }
  return { ok: true, node };
}

/** The nearest node of `level` at or above `code` in the administrative tree, if any. */
export function ancestorAt(places: Places, code: string, level: OrgLevel): string | undefined {
  const tree = places.administrative;
  if (tree === undefined) return undefined;
  let id = tree.ids.get(code);
  while (id !== undefined && id >= 0) {
    const node = tree.nodes[id]!;
    if (node.level === level) return node.code;
    id = tree.parents[id]!;
  }
  return undefined;
}
