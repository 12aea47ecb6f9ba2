import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import {
  DIVISION_LEVEL_LABELS,
  type DivisionCode,
  divisionPrefix,
  validateDivisionCode,
} from './division-code.js';
import {
  duplicateCodeIssue,
  emptyCodeIssue,
  emptyNameIssue,
  hasSurroundingSpace,
  isBlank,
  quoteList,
  shown,
} from './issues.js';
import {
  ALLOWED_PARENT_LEVELS,
  DIVISION_LEVEL_OF,
  LEVEL_LABELS,
  LEVELS_BY_KIND,
  type OrgLevel,
  type OrgSubtype,
  SUBTYPES_BY_LEVEL,
  type TreeKind,
} from './levels.js';

/**
 * One node of an organisation tree as it arrives from a spreadsheet, a database or a form.
 * `parentCode` is `null` for the root only.
 */
export interface OrgRow {
  readonly code: string;
  readonly parentCode: string | null;
  readonly level: OrgLevel;
  readonly name: string;
  /** 街道 or 乡镇 on a `street` node, 社区 or 村 on a `community` node. */
  readonly subtype?: OrgSubtype | undefined;
  /** GB/T 2260 or statistical division code, where known; see `DIVISION_LEVEL_OF`. */
  readonly divisionCode?: string | undefined;
  /**
   * On a party node: the administrative node it meets (a grid party group's grid, a community
   * party organisation's community, a committee's street); checked by `linkTrees`.
   */
  readonly counterpart?: string | undefined;
}

export interface BuildOrgTreeOptions {
  readonly kind: TreeKind;
}

/**
 * A validated organisation tree with its index. A node's id is its row's index in `nodes`; the
 * index numbers nodes in pre-order (children in row order), so that a subtree is a contiguous run
 * of positions: node `x` lies within node `s` exactly when `enters[s] <= enters[x] < exits[s]`.
 * Plain data: it survives `structuredClone` and `postMessage` to a worker.
 *
 * Read it through the query functions (`isWithin`, `ancestors`, …); the arrays are exposed for
 * bulk work and must not be written to.
 */
export interface OrgTree<R extends OrgRow = OrgRow> {
  readonly kind: TreeKind;
  /** The rows as given, in input order; a node's id is its index here. */
  readonly nodes: readonly R[];
  /** Code → id. */
  readonly ids: ReadonlyMap<string, number>;
  /** Id → parent id; -1 for the root. */
  readonly parents: Int32Array;
  /** Id → distance from the root (the root is 0). */
  readonly depths: Int32Array;
  /** Id → pre-order position at which its subtree starts (the node itself). */
  readonly enters: Int32Array;
  /** Id → one past the last pre-order position of its subtree. */
  readonly exits: Int32Array;
  /** Pre-order position → id. */
  readonly preorder: Int32Array;
}

export type OrgTreeIssueCode =
  | 'ORG_EMPTY_CODE'
  | 'ORG_INVALID_CODE'
  | 'ORG_EMPTY_NAME'
  | 'ORG_DUPLICATE_CODE'
  | 'ORG_INVALID_LEVEL'
  | 'ORG_INVALID_SUBTYPE'
  | 'ORG_PARENT_NOT_FOUND'
  | 'ORG_CYCLE'
  | 'ORG_NO_ROOT'
  | 'ORG_MULTIPLE_ROOTS'
  | 'ORG_LEVEL_NESTING'
  | 'ORG_INVALID_DIVISION_CODE'
  | 'ORG_DIVISION_LEVEL_MISMATCH'
  | 'ORG_DIVISION_OUTSIDE_PARENT';

/** Marks in the row → parent-row array for rows that have no parent row. */
const ROOT = -1;
const NO_PARENT = -2;

const NODE = { zh: '节点', en: 'node' } as const;
/** A cycle message names this many members; `details.codes` has them all. */
const CYCLE_SHOWN = 12;

/**
 * Validates flat rows and builds the tree with its index, in time linear in the number of rows.
 * Reports every problem at once, each naming the offending codes and the row (counted from 0):
 * empty, malformed or duplicate codes, unknown levels or subtypes, orphans, cycles, zero or
 * several roots, a level under the wrong parent level, and division codes that are invalid, of
 * the wrong level or outside the parent's division.
 *
 * @example
 * const result = buildOrgTree(
 *   [
 *     { code: '330102', parentCode: null, level: 'county', name: '上城区', divisionCode: '330102' },
 *     { code: '330102001', parentCode: '330102', level: 'street', subtype: 'street', name: '清波街道' },
 *     { code: '330102001001', parentCode: '330102001', level: 'community', name: '劳动路社区' },
 *   ],
 *   { kind: 'administrative' },
 * );
 * if (result.ok) isWithin(result.value, '330102', '330102001001'); // true
 */
export function buildOrgTree<R extends OrgRow>(
  rows: readonly R[],
  options: BuildOrgTreeOptions,
): Result<OrgTree<R>, OrgTreeIssueCode> {
  const n = rows.length;
  const issues: Issue<OrgTreeIssueCode>[] = [];
  const levels = LEVELS_BY_KIND[options.kind];
  const rankOf = new Map<string, number>(levels.map((level, rank) => [level, rank]));
  // Code → id (row) of its first occurrence.
  const ids = new Map<string, number>();
  // 1 when the row is a node: its code is well-formed and seen for the first time. Other rows
  // stay out of the tree, so that one bad code does not also surface as orphans below it.
  const isNode = new Uint8Array(n);
  // Level rank within the tree kind, -1 when the level is not one of the kind's.
  const ranks = new Int8Array(n);
  const divisions = new Map<number, DivisionCode>();

  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const { code } = row;
    if (isBlank(code)) {
      issues.push(emptyCodeIssue([i, 'code'], { zh: `第 ${i} 行的编码`, en: `the code of row ${i}` }));
    } else if (code.includes('/') || hasSurroundingSpace(code)) {
      issues.push(invalidCodeIssue(code, i));
    } else {
      const first = ids.get(code);
      if (first === undefined) {
        ids.set(code, i);
        isNode[i] = 1;
      } else {
        issues.push(duplicateCodeIssue(code, [i, 'code'], i, first, NODE));
      }
    }
    if (isBlank(row.name)) issues.push(emptyNameIssue([i, 'name'], code, i, NODE));
    if (row.counterpart !== undefined && isBlank(row.counterpart)) {
      issues.push(
        emptyCodeIssue([i, 'counterpart'], {
          zh: `节点“${code}”（第 ${i} 行）的对应节点编码`,
          en: `the counterpart of node "${code}" (row ${i})`,
        }),
      );
    }
    const rank = rankOf.get(row.level) ?? -1;
    ranks[i] = rank;
    if (rank < 0) {
      issues.push(invalidLevelIssue(row, i, options.kind));
    } else if (row.subtype !== undefined && !SUBTYPES_BY_LEVEL[row.level]?.includes(row.subtype)) {
      issues.push(invalidSubtypeIssue(row, i));
    }
    if (row.divisionCode !== undefined) {
      const division = validateDivisionCode(row.divisionCode, [i, 'divisionCode']);
      if (!division.ok) {
        for (const problem of division.issues) issues.push(aboutNode(problem, row, i));
      } else {
        divisions.set(i, division.value);
        if (rank >= 0 && division.value.level !== DIVISION_LEVEL_OF[row.level]) {
          issues.push(divisionLevelIssue(row, i, division.value));
        }
      }
    }
  }

  // Parent resolution: every problem here leaves the row without a parent.
  const parents = new Int32Array(n).fill(NO_PARENT);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    if (isNode[i] === 0) continue;
    const row = rows[i]!;
    const parentCode = row.parentCode;
    if (parentCode === null) {
      parents[i] = ROOT;
      roots.push(i);
    } else if (typeof parentCode !== 'string' || parentCode === '') {
      issues.push(
        emptyCodeIssue([i, 'parentCode'], {
          zh: `节点“${row.code}”（第 ${i} 行）的上级编码（根节点请用 null）`,
          en: `the parent code of node "${row.code}" (row ${i}; use null for the root)`,
        }),
      );
    } else {
      const j = ids.get(parentCode);
      if (j === undefined) issues.push(parentNotFoundIssue(row, i));
      else parents[i] = j;
    }
  }
  issues.push(...rootIssues(rows, roots));
  const cycles = findCycles(rows, parents);
  issues.push(...cycles.issues);

  // Level nesting and division containment, one edge at a time. An edge inside a cycle is
  // reported once, as part of the cycle.
  const allowedUnder = allowedParentRanks(levels);
  for (let i = 0; i < n; i++) {
    const j = parents[i]!;
    if (j < 0 || (cycles.members[i] === 1 && cycles.members[j] === 1)) continue;
    const rank = ranks[i]!;
    const parentRank = ranks[j]!;
    if (rank >= 0 && parentRank >= 0 && allowedUnder[rank * levels.length + parentRank] === 0) {
      issues.push(nestingIssue(rows[i]!, i, rows[j]!));
    }
    if (divisions.size === 0) continue;
    const division = divisions.get(i);
    const parentDivision = divisions.get(j);
    if (
      division !== undefined &&
      parentDivision !== undefined &&
      !divisionPrefix(division).startsWith(divisionPrefix(parentDivision))
    ) {
      issues.push(outsideParentIssue(rows[i]!, i, division, rows[j]!, parentDivision));
    }
  }

  if (issues.length > 0) return fail(byRow(issues));
  const [root] = roots;
  if (root === undefined) throw new TypeError('buildOrgTree: a valid tree has a root');
  return ok(index(options.kind, rows, ids, parents, root));
}

/** May a node of rank c sit under a node of rank p? `table[c * levels.length + p] === 1`. */
function allowedParentRanks(levels: readonly OrgLevel[]): Uint8Array {
  const table = new Uint8Array(levels.length * levels.length);
  levels.forEach((level, c) => {
    for (const parent of ALLOWED_PARENT_LEVELS[level]) table[c * levels.length + levels.indexOf(parent)] = 1;
  });
  return table;
}

function invalidCodeIssue(code: string, i: number): Issue<'ORG_INVALID_CODE'> {
  return issue(
    'ORG_INVALID_CODE',
    {
      zh: `第 ${i} 行的编码“${code}”不能含有“/”或首尾空白（“/”是路径分隔符）`,
      en: `the code "${code}" of row ${i} must not contain "/" (the path separator) or surrounding spaces`,
    },
    [i, 'code'],
    { code, row: i },
  );
}

function invalidLevelIssue(row: OrgRow, i: number, kind: TreeKind): Issue<'ORG_INVALID_LEVEL'> {
  const levels = LEVELS_BY_KIND[kind];
  const allowed = quoteList(levels);
  return issue(
    'ORG_INVALID_LEVEL',
    {
      zh: `节点“${shown(row.code)}”（第 ${i} 行）的层级“${shown(row.level)}”不属于${kind === 'party' ? '党组织' : '行政'}树，可选：${allowed.zh}`,
      en: `node "${shown(row.code)}" (row ${i}) has level "${shown(row.level)}", which is not a level of the ${kind} tree; expected one of ${allowed.en}`,
    },
    [i, 'level'],
    { code: row.code, row: i, level: row.level, allowed: levels },
  );
}

function invalidSubtypeIssue(row: OrgRow, i: number): Issue<'ORG_INVALID_SUBTYPE'> {
  const allowed = SUBTYPES_BY_LEVEL[row.level] ?? [];
  const expected = quoteList(allowed);
  const label = LEVEL_LABELS[row.level];
  return issue(
    'ORG_INVALID_SUBTYPE',
    {
      zh: `节点“${shown(row.code)}”（第 ${i} 行）的类型“${shown(row.subtype)}”不适用于${label.zh}层级${allowed.length > 0 ? `，可选：${expected.zh}` : '，该层级不设类型'}`,
      en: `node "${shown(row.code)}" (row ${i}) has subtype "${shown(row.subtype)}", which does not apply to the ${label.en} level${allowed.length > 0 ? `; expected one of ${expected.en}` : '; that level takes no subtype'}`,
    },
    [i, 'subtype'],
    { code: row.code, row: i, subtype: row.subtype, allowed },
  );
}

/** Says which node an invalid division code belongs to. */
function aboutNode(
  problem: Issue<'ORG_INVALID_DIVISION_CODE'>,
  row: OrgRow,
  i: number,
): Issue<'ORG_INVALID_DIVISION_CODE'> {
  return {
    ...problem,
    message: {
      zh: `节点“${shown(row.code)}”（第 ${i} 行）：${problem.message.zh}`,
      en: `node "${shown(row.code)}" (row ${i}): ${problem.message.en}`,
    },
    details: { code: row.code, row: i, divisionCode: row.divisionCode, reason: problem.details?.['reason'] },
  };
}

function divisionLevelIssue(
  row: OrgRow,
  i: number,
  division: DivisionCode,
): Issue<'ORG_DIVISION_LEVEL_MISMATCH'> {
  const expected = DIVISION_LEVEL_OF[row.level];
  const label = LEVEL_LABELS[row.level];
  return issue(
    'ORG_DIVISION_LEVEL_MISMATCH',
    {
      zh: `节点“${row.code}”（第 ${i} 行，${label.zh}）的区划代码“${division.code}”是${DIVISION_LEVEL_LABELS[division.level].zh}级代码，应为${DIVISION_LEVEL_LABELS[expected].zh}级`,
      en: `node "${row.code}" (row ${i}, ${label.en}) has division code "${division.code}" of ${division.level} level; expected ${expected} level`,
    },
    [i, 'divisionCode'],
    { code: row.code, row: i, divisionCode: division.code, actual: division.level, expected },
  );
}

function parentNotFoundIssue(row: OrgRow, i: number): Issue<'ORG_PARENT_NOT_FOUND'> {
  return issue(
    'ORG_PARENT_NOT_FOUND',
    {
      zh: `节点“${row.code}”（第 ${i} 行）的上级“${row.parentCode}”不存在`,
      en: `node "${row.code}" (row ${i}) has parent "${row.parentCode}", which is not in the rows`,
    },
    [i, 'parentCode'],
    { code: row.code, row: i, parentCode: row.parentCode },
  );
}

function rootIssues(
  rows: readonly OrgRow[],
  roots: readonly number[],
): Issue<'ORG_NO_ROOT' | 'ORG_MULTIPLE_ROOTS'>[] {
  if (roots.length === 0) {
    const message =
      rows.length === 0
        ? { zh: '没有任何节点', en: 'there are no rows' }
        : {
            zh: '没有根节点：每一行都有上级编码（根节点的上级编码应为 null）',
            en: 'there is no root: every row has a parent code (the root has parentCode null)',
          };
    return [issue('ORG_NO_ROOT', message, [])];
  }
  if (roots.length === 1) return [];
  const codes = roots.map((r) => rows[r]!.code);
  const list = quoteList(roots.map((r) => `${rows[r]!.code}@${r}`));
  return [
    issue(
      'ORG_MULTIPLE_ROOTS',
      {
        zh: `有 ${roots.length} 个根节点（编码@行号）：${list.zh}；一棵树只能有一个根`,
        en: `there are ${roots.length} roots (code@row): ${list.en}; a tree has exactly one`,
      },
      [],
      { codes, rows: [...roots] },
    ),
  ];
}

function nestingIssue(row: OrgRow, i: number, parent: OrgRow): Issue<'ORG_LEVEL_NESTING'> {
  const allowed = ALLOWED_PARENT_LEVELS[row.level];
  const expected = {
    zh: allowed.length > 0 ? allowed.map((l) => LEVEL_LABELS[l].zh).join('或') : '无（只能是根节点）',
    en:
      allowed.length > 0
        ? allowed.map((l) => LEVEL_LABELS[l].en).join(' or ')
        : 'none (it can only be the root)',
  };
  return issue(
    'ORG_LEVEL_NESTING',
    {
      zh: `${LEVEL_LABELS[row.level].zh}“${row.code}”（第 ${i} 行）不能位于${LEVEL_LABELS[parent.level].zh}“${parent.code}”之下；其上级层级应为：${expected.zh}`,
      en: `${LEVEL_LABELS[row.level].en} "${row.code}" (row ${i}) cannot be under ${LEVEL_LABELS[parent.level].en} "${parent.code}"; its parent must be: ${expected.en}`,
    },
    [i, 'level'],
    { code: row.code, row: i, level: row.level, parentCode: parent.code, parentLevel: parent.level, allowed },
  );
}

function outsideParentIssue(
  row: OrgRow,
  i: number,
  division: DivisionCode,
  parent: OrgRow,
  parentDivision: DivisionCode,
): Issue<'ORG_DIVISION_OUTSIDE_PARENT'> {
  return issue(
    'ORG_DIVISION_OUTSIDE_PARENT',
    {
      zh: `节点“${row.code}”（第 ${i} 行）的区划代码“${division.code}”不在上级“${parent.code}”的区划“${parentDivision.code}”之内`,
      en: `node "${row.code}" (row ${i}) has division code "${division.code}", which is not within its parent "${parent.code}"'s division "${parentDivision.code}"`,
    },
    [i, 'divisionCode'],
    {
      code: row.code,
      row: i,
      divisionCode: division.code,
      parentCode: parent.code,
      parentDivisionCode: parentDivision.code,
    },
  );
}

/**
 * Every parent chain ends at the root, at a missing parent, or in a cycle. Walking each chain
 * once, and stopping at rows already settled, finds every cycle in linear time.
 */
function findCycles(
  rows: readonly OrgRow[],
  parents: Int32Array,
): { issues: Issue<'ORG_CYCLE'>[]; members: Uint8Array } {
  const n = parents.length;
  const UNSEEN = 0;
  const ON_WALK = 1;
  const SETTLED = 2;
  const state = new Uint8Array(n);
  const walk = new Int32Array(n);
  const found: Issue<'ORG_CYCLE'>[] = [];
  const inCycle = new Uint8Array(n);
  for (let start = 0; start < n; start++) {
    if (state[start] !== UNSEEN) continue;
    let length = 0;
    let j = start;
    while (j >= 0 && state[j] === UNSEEN) {
      state[j] = ON_WALK;
      walk[length++] = j;
      j = parents[j]!;
    }
    if (j >= 0 && state[j] === ON_WALK) {
      const members: number[] = [];
      let k = j;
      do {
        members.push(k);
        inCycle[k] = 1;
        k = parents[k]!;
      } while (k !== j);
      // Start the cycle at its first row so the report does not depend on where the walk began.
      let first = 0;
      for (let m = 1; m < members.length; m++) if (members[m]! < members[first]!) first = m;
      found.push(cycleIssue(rows, [...members.slice(first), ...members.slice(0, first)]));
    }
    for (let w = 0; w < length; w++) state[walk[w]!] = SETTLED;
  }
  return { issues: found, members: inCycle };
}

function cycleIssue(rows: readonly OrgRow[], members: readonly number[]): Issue<'ORG_CYCLE'> {
  const codes = members.map((m) => rows[m]!.code);
  const [firstRow = 0] = members;
  const head = codes.slice(0, CYCLE_SHOWN);
  const closed = codes.length > CYCLE_SHOWN;
  const chain = {
    zh: `${head.map((c) => `“${c}”`).join(' → ')} → ${closed ? `…（共 ${codes.length} 个节点）` : `“${codes[0]}”`}`,
    en: `${head.map((c) => `"${c}"`).join(' → ')} → ${closed ? `… (${codes.length} nodes in all)` : `"${codes[0]}"`}`,
  };
  return issue(
    'ORG_CYCLE',
    {
      zh: `上级关系构成循环（自第 ${firstRow} 行起，箭头指向上级）：${chain.zh}`,
      en: `parent links form a cycle (from row ${firstRow}, each arrow pointing to the parent): ${chain.en}`,
    },
    [firstRow, 'parentCode'],
    { codes, rows: members },
  );
}

/** Whole-input issues first, then by row, keeping the order of checks within a row. */
function byRow<C extends string>(issues: readonly Issue<C>[]): Issue<C>[] {
  const rowOfIssue = (i: Issue<C>): number => {
    const [first] = i.path;
    return typeof first === 'number' ? first : -1;
  };
  return issues
    .map((value, order) => ({ value, order, row: rowOfIssue(value) }))
    .sort((a, b) => a.row - b.row || a.order - b.order)
    .map((e) => e.value);
}

/** Numbers a validated tree in pre-order, children in row order. */
function index<R extends OrgRow>(
  kind: TreeKind,
  rows: readonly R[],
  ids: ReadonlyMap<string, number>,
  parents: Int32Array,
  root: number,
): OrgTree<R> {
  const n = rows.length;
  // Children of node p are children[firstChild[p] … firstChild[p + 1] - 1], in row order.
  const firstChild = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = parents[i]!;
    if (p >= 0) firstChild[p + 1]!++;
  }
  for (let p = 0; p < n; p++) firstChild[p + 1]! += firstChild[p]!;
  const next = firstChild.slice(0, n);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parents[i]!;
    if (p >= 0) children[next[p]!++] = i;
  }

  const preorder = new Int32Array(n);
  const enters = new Int32Array(n);
  const depths = new Int32Array(n);
  const stack = next; // reused: its counts are spent
  let top = 0;
  let position = 0;
  stack[top++] = root;
  while (top > 0) {
    const id = stack[--top]!;
    preorder[position] = id;
    enters[id] = position++;
    const p = parents[id]!;
    depths[id] = p >= 0 ? depths[p]! + 1 : 0;
    // Pushed last-first so that the first child is visited first.
    for (let k = firstChild[id + 1]! - 1; k >= firstChild[id]!; k--) stack[top++] = children[k]!;
  }
  if (position !== n) throw new TypeError('buildOrgTree: validated rows must all be reachable');

  // Descendants follow their ancestor in pre-order, so one backward pass sums subtree sizes.
  const exits = new Int32Array(n).fill(1);
  for (let k = n - 1; k > 0; k--) {
    const id = preorder[k]!;
    exits[parents[id]!]! += exits[id]!;
  }
  for (let id = 0; id < n; id++) exits[id]! += enters[id]!;

  return Object.freeze({
    kind,
    nodes: Object.freeze(rows.slice()),
    ids,
    parents,
    depths,
    enters,
    exits,
    preorder,
  });
}
