import {
  LEVELS_BY_KIND,
  type OrgLevel,
  type OrgSubtype,
  SUBTYPES_BY_LEVEL,
  type TreeKind,
} from '../org/levels.js';
import { linkTrees } from '../org/links.js';
import { buildOrgTree, type OrgRow, type OrgTree } from '../org/tree.js';
import type { Issue } from '../shared/errors.js';
import type { ImportIssue } from './issues.js';
import { requiredIssues } from './row-rules.js';
import {
  cellOf,
  type HeaderMap,
  normaliseHeader,
  ORGANISATIONS_SHEET,
  type OrgColumn,
  type SheetRow,
} from './sheets.js';

/** A node as an organisations row gives it, with the tree it belongs to and where it sits in the file. */
export interface OrgRecord {
  readonly sheet: string;
  readonly row: number;
  readonly tree: TreeKind;
  readonly node: OrgRow;
  /** Where each field's cell is, for issues the trees raise later. */
  readonly cells: Readonly<Partial<Record<OrgColumn, { column: string; cell?: string }>>>;
}

const TREE_WORDS: Readonly<Record<string, TreeKind>> = {
  行政: 'administrative',
  行政区划: 'administrative',
  行政树: 'administrative',
  行政区划树: 'administrative',
  administrative: 'administrative',
  admin: 'administrative',
  党组织: 'party',
  党: 'party',
  党组织树: 'party',
  党建: 'party',
  party: 'party',
};

/** Level words as county staff write them, with the subtype a word implies. */
const LEVEL_WORDS: Readonly<Record<string, { level: OrgLevel; subtype?: OrgSubtype }>> = {
  县: { level: 'county' },
  区: { level: 'county' },
  县区: { level: 'county' },
  '县(市、区)': { level: 'county' },
  街道: { level: 'street', subtype: 'street' },
  乡镇: { level: 'street', subtype: 'township' },
  乡: { level: 'street', subtype: 'township' },
  镇: { level: 'street', subtype: 'township' },
  '街道/乡镇': { level: 'street' },
  社区: { level: 'community', subtype: 'community' },
  村: { level: 'community', subtype: 'village' },
  '社区/村': { level: 'community' },
  小区: { level: 'compound' },
  网格: { level: 'grid' },
  楼栋: { level: 'building' },
  党委: { level: 'committee' },
  街道党委: { level: 'committee' },
  县委: { level: 'committee' },
  党工委: { level: 'committee' },
  社区党组织: { level: 'community_org' },
  社区党委: { level: 'community_org' },
  社区党总支: { level: 'community_org' },
  村党组织: { level: 'community_org' },
  党支部: { level: 'branch' },
  支部: { level: 'branch' },
  小区党支部: { level: 'branch' },
  网格党小组: { level: 'grid_group' },
  党小组: { level: 'grid_group' },
};

const SUBTYPE_WORDS: Readonly<Record<string, OrgSubtype>> = {
  街道: 'street',
  乡镇: 'township',
  乡: 'township',
  镇: 'township',
  社区: 'community',
  村: 'village',
  street: 'street',
  township: 'township',
  community: 'community',
  village: 'village',
};

/**
 * Checks an organisations row: required cells, the tree (行政 or 党组织), a level of that tree
 * (a code or the word county staff use: 街道, 乡镇, 社区, 村, 党支部…, which may also say the
 * subtype), a known subtype. The tree rules themselves (parents, nesting, division codes,
 * counterparts) are checked on the whole trees by {@link planTrees}.
 *
 * @example
 * checkOrgRow(row, header) // { record: { tree: 'party', node: { code: 'P1', level: 'branch', … } }, issues: [] }
 */
export function checkOrgRow(
  row: SheetRow<OrgColumn>,
  map: HeaderMap<OrgColumn>,
): { readonly record: OrgRecord | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const v = row.values;
  const at = (key: OrgColumn) => cellOf(ORGANISATIONS_SHEET, map, row.row, key);
  issues.push(...requiredIssues(ORGANISATIONS_SHEET, map, row));
  const unknown = (key: OrgColumn, value: string, choices: string) =>
    issues.push({
      ...at(key),
      code: 'IMPORT_UNKNOWN_VALUE',
      message: {
        zh: `“${value}”不是可用的值；可填：${choices}`,
        en: `"${value}" is not allowed; use ${choices}`,
      },
      details: { value },
    });

  let tree: TreeKind | undefined;
  if (v.tree !== undefined) {
    tree = TREE_WORDS[normaliseHeader(v.tree)];
    if (tree === undefined) unknown('tree', v.tree, '行政 / 党组织 (administrative / party)');
  }
  let level: OrgLevel | undefined;
  let subtype: OrgSubtype | undefined;
  if (v.level !== undefined && tree !== undefined) {
    const word = LEVEL_WORDS[v.level.trim()];
    const code = v.level.trim().toLowerCase();
    const levels = LEVELS_BY_KIND[tree];
    if (word !== undefined && levels.includes(word.level)) {
      level = word.level;
      subtype = word.subtype;
    } else if ((levels as readonly string[]).includes(code)) {
      level = code as OrgLevel;
    } else {
      const words = Object.entries(LEVEL_WORDS)
        .filter(([, w]) => levels.includes(w.level))
        .map(([k]) => k);
      unknown('level', v.level, [...words, ...levels].join('、'));
    }
  }
  if (v.subtype !== undefined && level !== undefined) {
    const given = SUBTYPE_WORDS[v.subtype.trim().toLowerCase()];
    if (given === undefined || !(SUBTYPES_BY_LEVEL[level] ?? []).includes(given)) {
      unknown('subtype', v.subtype, (SUBTYPES_BY_LEVEL[level] ?? []).join('、') || '（留空 blank）');
    } else {
      subtype = given;
    }
  }
  if (issues.length > 0 || tree === undefined || level === undefined) return { record: undefined, issues };
  const cells: Partial<Record<OrgColumn, { column: string; cell?: string }>> = {};
  for (const c of ORGANISATIONS_SHEET.columns) {
    const { column, cell } = at(c.key);
    cells[c.key] = cell === undefined ? { column } : { column, cell };
  }
  return {
    record: {
      sheet: row.sheet,
      row: row.row,
      tree,
      node: {
        code: v.code!,
        parentCode: v.parent ?? null,
        level,
        name: v.name!,
        ...(subtype === undefined ? {} : { subtype }),
        ...(v.divisionCode === undefined ? {} : { divisionCode: v.divisionCode }),
        ...(v.counterpart === undefined ? {} : { counterpart: v.counterpart }),
      },
      cells,
    },
    issues,
  };
}

/** Counts of one sheet: what an import adds, changes, leaves, finds missing and removes. */
export interface SheetCounts {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Stored rows the file no longer has: kept, unless the import removes them. */
  readonly missing: number;
  readonly removed: number;
}

/** The trees after an import, and what it changed. */
export interface TreePlan {
  /** The rows to store for a tree the import changes; absent for a tree left as it is. */
  readonly write: Partial<Record<TreeKind, readonly OrgRow[]>>;
  /** The trees after the import, built (undefined when that tree is empty). */
  readonly trees: { readonly [K in TreeKind]: OrgTree | undefined };
  readonly counts: SheetCounts;
  /** Codes of stored nodes the file does not have, and whether they go. */
  readonly missing: readonly string[];
  readonly issues: readonly ImportIssue[];
}

const FIELD_COLUMN: Readonly<Record<string, OrgColumn>> = {
  code: 'code',
  parentCode: 'parent',
  level: 'level',
  name: 'name',
  subtype: 'subtype',
  divisionCode: 'divisionCode',
  counterpart: 'counterpart',
};

function sameNode(a: OrgRow, b: OrgRow): boolean {
  return (
    a.code === b.code &&
    a.parentCode === b.parentCode &&
    a.level === b.level &&
    a.name === b.name &&
    a.subtype === b.subtype &&
    a.divisionCode === b.divisionCode &&
    a.counterpart === b.counterpart
  );
}

/**
 * The trees after an organisations sheet is applied to the stored ones: a row with a stored code
 * replaces that node where it stands (in either tree: a node may move between them), a new code is
 * added after the stored nodes, in file order; a stored node the file lacks stays, and is counted
 * missing, unless `removeMissing`; a tree the file has no row of is left as stored. The results are checked as whole trees (`buildOrgTree`) and
 * against each other (`linkTrees`); their issues point at the row and cell of the file that
 * caused them, or at the stored node. A tree nothing changed in is not written again.
 *
 * @example
 * const plan = planTrees({ administrative: storedA, party: storedP }, records, { removeMissing: false });
 * if (plan.issues.length === 0) store(plan.write);
 */
export function planTrees(
  stored: { readonly [K in TreeKind]: readonly OrgRow[] },
  records: readonly OrgRecord[],
  options: { readonly removeMissing: boolean; readonly sheet: string },
): TreePlan {
  const byCode = new Map(records.map((r) => [r.node.code, r]));
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  const missing: string[] = [];
  const result: {
    -readonly [K in TreeKind]: { rows: OrgRow[]; from: (OrgRecord | undefined)[]; changed: boolean };
  } = {
    administrative: { rows: [], from: [], changed: false },
    party: { rows: [], from: [], changed: false },
  };
  // A tree the file has no row of is not this file's to change: kept whole, nothing missing.
  const managed = new Set(records.map((r) => r.tree));
  const storedKind = new Map<string, TreeKind>();
  for (const kind of ['administrative', 'party'] as const) {
    for (const node of stored[kind]) storedKind.set(node.code, kind);
  }
  for (const kind of ['administrative', 'party'] as const) {
    for (const node of stored[kind]) {
      const record = byCode.get(node.code);
      const target = result[kind];
      if (record === undefined && !managed.has(kind)) {
        target.rows.push(node);
        target.from.push(undefined);
        continue;
      }
      if (record === undefined) {
        missing.push(node.code);
        if (options.removeMissing) {
          target.changed = true;
        } else {
          target.rows.push(node);
          target.from.push(undefined);
        }
        continue;
      }
      if (record.tree !== kind) {
        // Moves to the other tree: it leaves this one here and joins the other below.
        target.changed = true;
        continue;
      }
      if (sameNode(node, record.node)) unchanged += 1;
      else {
        updated += 1;
        target.changed = true;
      }
      target.rows.push(record.node);
      target.from.push(record);
    }
  }
  for (const record of records) {
    const target = result[record.tree];
    const was = storedKind.get(record.node.code);
    if (was === record.tree) continue;
    if (was !== undefined) {
      updated += 1;
    } else {
      added += 1;
    }
    target.changed = true;
    target.rows.push(record.node);
    target.from.push(record);
  }

  const issues: ImportIssue[] = [];
  const place = (kind: TreeKind, i: Issue): ImportIssue => {
    const [index, field] = i.path;
    const from = typeof index === 'number' ? result[kind].from[index] : undefined;
    const node = typeof index === 'number' ? result[kind].rows[index] : undefined;
    if (from !== undefined) {
      const column = typeof field === 'string' ? FIELD_COLUMN[field] : undefined;
      const cell = column === undefined ? undefined : from.cells[column];
      return {
        sheet: from.sheet,
        row: from.row,
        ...(cell ?? {}),
        code: i.code,
        message: i.message,
        ...(i.details ? { details: i.details } : {}),
      };
    }
    return {
      sheet: options.sheet,
      row: 0,
      code: i.code,
      message:
        node === undefined
          ? i.message
          : {
              zh: `已存储的节点“${node.code}”：${i.message.zh}`,
              en: `stored node "${node.code}": ${i.message.en}`,
            },
      ...(i.details ? { details: i.details } : {}),
    };
  };
  const trees: { [K in TreeKind]: OrgTree | undefined } = { administrative: undefined, party: undefined };
  for (const kind of ['administrative', 'party'] as const) {
    const { rows } = result[kind];
    if (rows.length === 0) continue;
    const built = buildOrgTree(rows, { kind });
    if (built.ok) trees[kind] = built.value;
    else issues.push(...built.issues.map((i) => place(kind, i)));
  }
  if (trees.administrative !== undefined && trees.party !== undefined) {
    const links = linkTrees(trees.administrative, trees.party);
    if (!links.ok) {
      for (const i of links.issues) {
        // Link issues name party rows, except a counterpart given on an administrative row.
        const kind: TreeKind = i.code === 'ORG_COUNTERPART_WRONG_TREE' ? 'administrative' : 'party';
        issues.push(place(kind, i));
      }
    }
  }
  const removed = options.removeMissing ? missing.length : 0;
  return {
    write: Object.fromEntries(
      (['administrative', 'party'] as const).filter((k) => result[k].changed).map((k) => [k, result[k].rows]),
    ),
    trees,
    counts: { added, updated, unchanged, missing: missing.length, removed },
    missing,
    issues,
  };
}
