import type { LocalizedText } from '../shared/errors.js';
import { type CellKind, type CellValue, cellText } from './cells.js';
import { columnLetters, type ImportIssue } from './issues.js';

/**
 * The sheets of a county's register workbook 名册工作簿 and their columns, with the headers as
 * county offices write them (Chinese first, English aliases), so one description serves the
 * reader, the checks, the blank template and the docs.
 */

/** One column of a sheet. */
export interface ColumnSpec<K extends string = string> {
  readonly key: K;
  /** The header the template writes: Chinese, and its English alias. */
  readonly header: LocalizedText;
  /** Other headers that mean the same column (compared after {@link normaliseHeader}). */
  readonly aliases: readonly string[];
  readonly required: boolean;
  readonly kind: CellKind;
  /** Most characters. */
  readonly max: number;
  /** What to write in it, for the template's notes. */
  readonly note: LocalizedText;
}

/** The registers this import knows. */
export type SheetKind =
  | 'organisations'
  | 'members'
  | 'buildings'
  | 'workers'
  | 'teams'
  | 'units'
  | 'unitMembers'
  | 'groups';

export interface SheetSpec<K extends string = string> {
  readonly kind: SheetKind;
  /** The sheet name the template writes. */
  readonly name: LocalizedText;
  /** Other sheet names that mean this register. */
  readonly aliases: readonly string[];
  /** The column that is the row's natural key. */
  readonly key: K;
  readonly columns: readonly ColumnSpec<K>[];
  /**
   * The registers whose rows this one's cells name (a member's branch names an organisation): an
   * import reads them, wholly, before this one, whatever the order of the sheets in the file.
   */
  readonly requires: readonly SheetKind[];
  /** Registers needed only when the sheet has the column (a member's 楼栋 names a building). */
  readonly requiresIf?: Partial<Record<K, SheetKind>>;
}

/** Columns a county sheet often has that the import reads past: a running number, remarks. */
const IGNORED_HEADERS = [
  '序号',
  '编号序号',
  'no',
  'number',
  '#',
  '备注',
  'remark',
  'remarks',
  'note',
  'notes',
];

/** A column, typed by its sheet's keys. */
export const column = <K extends string>(c: ColumnSpec<K>): ColumnSpec<K> => c;

export type OrgColumn =
  | 'code'
  | 'name'
  | 'tree'
  | 'level'
  | 'parent'
  | 'subtype'
  | 'divisionCode'
  | 'counterpart';

/** 组织 — the nodes of both organisation trees, one per row. */
export const ORGANISATIONS_SHEET: SheetSpec<OrgColumn> = {
  kind: 'organisations',
  name: { zh: '组织', en: 'organisations' },
  aliases: ['组织架构', '组织机构', '组织树', 'organizations', 'orgs', 'org'],
  key: 'code',
  requires: [],
  columns: [
    column({
      key: 'code',
      header: { zh: '代码', en: 'code' },
      aliases: ['编码', '组织代码', '节点代码', '组织编码', 'org code', 'node code'],
      required: true,
      kind: 'code',
      max: 64,
      note: {
        zh: '节点的唯一代码，两棵树内不得重复；行政节点宜用统计用区划代码',
        en: 'unique code of the node across both trees; administrative nodes preferably their division code',
      },
    }),
    column({
      key: 'name',
      header: { zh: '名称', en: 'name' },
      aliases: ['组织名称', '节点名称', 'org name'],
      required: true,
      kind: 'text',
      max: 200,
      note: { zh: '组织的全称，如“XX社区”“XX社区党委”', en: 'full name, e.g. “XX社区”' },
    }),
    column({
      key: 'tree',
      header: { zh: '所属树', en: 'tree' },
      aliases: ['树', '类型', '组织类型', 'kind', 'tree kind'],
      required: true,
      kind: 'text',
      max: 20,
      note: { zh: '填“行政”或“党组织”', en: '“行政” (administrative) or “党组织” (party)' },
    }),
    column({
      key: 'level',
      header: { zh: '层级', en: 'level' },
      aliases: ['级别', '组织层级'],
      required: true,
      kind: 'text',
      max: 20,
      note: {
        zh: '行政：县、街道、乡镇、社区、村、小区、网格、楼栋；党组织：党委、社区党组织、党支部、网格党小组',
        en: 'administrative: county, street, township, community, village, compound, grid, building; party: committee, community_org, branch, grid_group',
      },
    }),
    column({
      key: 'parent',
      header: { zh: '上级代码', en: 'parent code' },
      aliases: ['上级', '上级编码', '上级组织代码', 'parent'],
      required: false,
      kind: 'code',
      max: 64,
      note: { zh: '上级节点的代码；树根留空', en: 'code of the parent node; blank for the root' },
    }),
    column({
      key: 'subtype',
      header: { zh: '子类型', en: 'subtype' },
      aliases: ['街道或乡镇', '社区或村'],
      required: false,
      kind: 'text',
      max: 20,
      note: {
        zh: '街道/乡镇、社区/村；层级已写明时可留空',
        en: 'street/township, community/village; may stay blank when the level says it',
      },
    }),
    column({
      key: 'divisionCode',
      header: { zh: '区划代码', en: 'division code' },
      aliases: ['统计用区划代码', '行政区划代码', 'division'],
      required: false,
      kind: 'code',
      max: 12,
      note: {
        zh: 'GB/T 2260 或 12 位统计用区划代码（知道时填写）',
        en: 'GB/T 2260 or 12-digit statistical division code, where known',
      },
    }),
    column({
      key: 'counterpart',
      header: { zh: '对应行政节点', en: 'counterpart' },
      aliases: ['对应节点', '对应行政代码', '所在行政节点', 'counterpart code'],
      required: false,
      kind: 'code',
      max: 64,
      note: {
        zh: '党组织节点对应的行政节点代码（如社区党组织对应的社区、网格党小组对应的网格）',
        en: 'on a party node: the administrative node it meets (a community party organisation’s community, a grid party group’s grid)',
      },
    }),
  ],
};

export type MemberColumn =
  | 'code'
  | 'name'
  | 'category'
  | 'branch'
  | 'grid'
  | 'community'
  | 'workUnit'
  | 'mobile'
  | 'residentId'
  | 'categorySince'
  | 'registeredCommunity'
  | 'building';

/** 党员 — the party members' register, one member per row. */
export const MEMBERS_SHEET: SheetSpec<MemberColumn> = {
  kind: 'members',
  name: { zh: '党员', en: 'members' },
  aliases: ['党员名册', '党员信息', '党员花名册', 'party members', 'party_members'],
  key: 'code',
  requires: ['organisations'],
  requiresIf: { building: 'buildings' },
  columns: [
    column({
      key: 'code',
      header: { zh: '党员编号', en: 'member code' },
      aliases: ['编号', '党员代码', '党员编码', 'code'],
      required: true,
      kind: 'code',
      max: 64,
      note: {
        zh: '党员的唯一编号，再次导入时按它更新',
        en: 'the member’s unique code; a later import updates by it',
      },
    }),
    column({
      key: 'name',
      header: { zh: '姓名', en: 'name' },
      aliases: ['党员姓名', 'member name', 'full name'],
      required: true,
      kind: 'text',
      max: 50,
      note: { zh: '党员姓名', en: 'the member’s name' },
    }),
    column({
      key: 'category',
      header: { zh: '类别', en: 'category' },
      aliases: ['党员类别', '人员类别', 'member category'],
      required: true,
      kind: 'text',
      max: 64,
      note: {
        zh: '规则配置中的党员类别，如骨干类、普通类、流动类、在职类、非公企业和社会组织类',
        en: 'a member category of the rule profile, e.g. 骨干类 (backbone) or 在职类 (in-service)',
      },
    }),
    column({
      key: 'branch',
      header: { zh: '所在支部', en: 'branch' },
      aliases: ['所在党支部', '所在党组织', '党支部', '支部', '党组织', 'party branch'],
      required: true,
      kind: 'code',
      max: 200,
      note: {
        zh: '党员所在党组织的代码或名称，须在党组织树中（在职党员填所在单位党组织）',
        en: 'code or name of the member’s own party organisation, in the party tree (for in-service members, their unit’s)',
      },
    }),
    column({
      key: 'grid',
      header: { zh: '网格', en: 'grid' },
      aliases: ['所在网格', '居住网格', 'grid code'],
      required: false,
      kind: 'code',
      max: 200,
      note: { zh: '居住地所在网格的代码或名称', en: 'code or name of the grid the member lives in' },
    }),
    column({
      key: 'community',
      header: { zh: '所在社区', en: 'community' },
      aliases: ['居住社区', '社区', '社区/村', 'residential community'],
      required: false,
      kind: 'code',
      max: 200,
      note: {
        zh: '居住地所在社区或村的代码或名称；填了网格可不填',
        en: 'code or name of the residential community or village; may stay blank when the grid is given',
      },
    }),
    column({
      key: 'workUnit',
      header: { zh: '工作单位', en: 'work unit' },
      aliases: ['单位', '所在单位', 'unit', 'employer'],
      required: false,
      kind: 'text',
      max: 200,
      note: { zh: '在职党员的工作单位', en: 'the in-service member’s employer' },
    }),
    column({
      key: 'mobile',
      header: { zh: '手机号', en: 'mobile' },
      aliases: ['手机号码', '手机', '联系电话', '电话', 'phone', 'mobile number'],
      required: false,
      kind: 'digits',
      max: 30,
      note: {
        zh: '11 位中国大陆手机号码，请将此列设为文本格式',
        en: '11-digit mainland mobile number; format the column as text',
      },
    }),
    column({
      key: 'residentId',
      header: { zh: '身份证号', en: 'resident id' },
      aliases: ['身份证号码', '公民身份号码', '身份证', 'id number', 'resident id number'],
      required: false,
      kind: 'digits',
      max: 30,
      note: {
        zh: '18 位居民身份证号码（校验位会核对），请将此列设为文本格式',
        en: '18-character resident identity number (the check digit is verified); format the column as text',
      },
    }),
    column({
      key: 'categorySince',
      header: { zh: '类别起始日期', en: 'category since' },
      aliases: ['类别日期', '类别生效日期', 'category from'],
      required: false,
      kind: 'date',
      max: 20,
      note: {
        zh: '现类别从哪一天起算；留空时新党员从当年1月1日起，类别变动从导入当天起',
        en: 'the day the current category applies from; blank: 1 January of this year for a new member, the import day for a change',
      },
    }),
    column({
      key: 'registeredCommunity',
      header: { zh: '报到社区', en: 'registered community' },
      aliases: ['双报到社区', '报到社区代码', 'dual registration'],
      required: false,
      kind: 'code',
      max: 200,
      note: {
        zh: '在职党员“双报到”的社区代码或名称；留空表示未报到',
        en: 'code or name of the community an in-service member reports to (双报到); blank: not registered',
      },
    }),
    column({
      key: 'building',
      header: { zh: '楼栋', en: 'building' },
      aliases: ['所在楼栋', '居住楼栋', '楼栋编号', 'building code'],
      required: false,
      kind: 'code',
      max: 64,
      note: {
        zh: '居住楼栋的编号（楼栋表或已导入的），须在其社区和网格内',
        en: 'code of the building the member lives in (of the buildings sheet, or stored), inside their community and grid',
      },
    }),
  ],
};

/**
 * A header or sheet name as compared: without spaces, underscores, hyphens, required-markers
 * (`*`) and a bracketed remark (`身份证号（必填）`), full-width letters folded, lower case.
 *
 * @example
 * normaliseHeader(' *身份证号（必填）') // '身份证号'
 * normaliseHeader('Member_Code') // 'membercode'
 */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\([^)]*\)$/, '')
    .replace(/[\s_\-*:]/g, '')
    .toLowerCase();
}

/** Where each column of a sheet is, as its header row says. */
export interface HeaderMap<K extends string = string> {
  readonly sheet: string;
  /** The row number of the header row (from 1). */
  readonly row: number;
  readonly columns: readonly { readonly key: K; readonly index: number; readonly header: string }[];
  /** Column key → 0-based index. */
  readonly indexOf: ReadonlyMap<K, number>;
}

const headerIndex = new WeakMap<SheetSpec, Map<string, ColumnSpec>>();

function indexOfHeaders<K extends string>(spec: SheetSpec<K>): Map<string, ColumnSpec<K>> {
  let map = headerIndex.get(spec as SheetSpec) as Map<string, ColumnSpec<K>> | undefined;
  if (map === undefined) {
    map = new Map();
    for (const c of spec.columns) {
      for (const h of [c.header.zh, c.header.en, c.key, ...c.aliases]) map.set(normaliseHeader(h), c);
    }
    headerIndex.set(spec as SheetSpec, map as Map<string, ColumnSpec>);
  }
  return map;
}

/** How many cells of a row are headers of the sheet: a header row has at least two. */
export function recognisedHeaders(spec: SheetSpec, cells: readonly CellValue[]): number {
  const index = indexOfHeaders(spec);
  return cells.filter((c) => typeof c === 'string' && index.has(normaliseHeader(c))).length;
}

/**
 * Reads a header row: which column holds which field. Reports headers the sheet does not know
 * (besides a running number and remarks, which it reads past), a field given twice, and a
 * required column missing.
 *
 * @example
 * readHeaderRow(MEMBERS_SHEET, '党员', 1, ['党员编号', '姓名', '类别', '所在支部'])
 * // { ok: true, map: { indexOf: Map { 'code' => 0, 'name' => 1, … } } }
 */
export function readHeaderRow<K extends string>(
  spec: SheetSpec<K>,
  sheet: string,
  row: number,
  cells: readonly CellValue[],
): { readonly map: HeaderMap<K>; readonly issues: readonly ImportIssue[] } {
  const index = indexOfHeaders(spec);
  const ignored = new Set(IGNORED_HEADERS.map(normaliseHeader));
  const issues: ImportIssue[] = [];
  const columns: { key: K; index: number; header: string }[] = [];
  const indexOf = new Map<K, number>();
  cells.forEach((cell, i) => {
    const text = typeof cell === 'string' ? cell.trim() : cell == null ? '' : String(cell);
    if (text === '') return;
    const n = normaliseHeader(text);
    const c = index.get(n);
    const at = { sheet, row, column: text, cell: `${columnLetters(i)}${row}` };
    if (c === undefined) {
      if (ignored.has(n)) return;
      issues.push({
        ...at,
        code: 'IMPORT_UNKNOWN_HEADER',
        message: {
          zh: `不认识的列名“${text}”；本表可用的列：${spec.columns.map((x) => x.header.zh).join('、')}`,
          en: `unknown column "${text}"; this sheet's columns are ${spec.columns.map((x) => x.header.en).join(', ')}`,
        },
        details: { header: text },
      });
      return;
    }
    if (indexOf.has(c.key)) {
      issues.push({
        ...at,
        code: 'IMPORT_DUPLICATE_COLUMN',
        message: {
          zh: `列“${text}”与第 ${columnLetters(indexOf.get(c.key)!)} 列都是“${c.header.zh}”`,
          en: `column "${text}" and column ${columnLetters(indexOf.get(c.key)!)} are both "${c.header.en}"`,
        },
        details: { key: c.key },
      });
      return;
    }
    indexOf.set(c.key, i);
    columns.push({ key: c.key, index: i, header: text });
  });
  for (const c of spec.columns) {
    if (c.required && !indexOf.has(c.key)) {
      issues.push({
        sheet,
        row,
        column: c.header.zh,
        code: 'IMPORT_MISSING_COLUMN',
        message: {
          zh: `缺少必填列“${c.header.zh}”`,
          en: `the required column "${c.header.en}" (${c.header.zh}) is missing`,
        },
        details: { key: c.key },
      });
    }
  }
  return { map: { sheet, row, columns, indexOf }, issues };
}

/** A data row read under its header: each present column's text, blank cells left out. */
export interface SheetRow<K extends string = string> {
  readonly sheet: string;
  /** The row number as the spreadsheet shows it (from 1). */
  readonly row: number;
  readonly values: Partial<Record<K, string>>;
  /** The columns the sheet has at all: a column absent from the sheet leaves its field as stored. */
  readonly present: ReadonlySet<K>;
  /** Columns whose cell was refused as it stood (a formula, over-long text): reported once, there. */
  readonly refused: ReadonlySet<K>;
}

/**
 * Reads a data row's cells under the header (see {@link cellText}): the row, or `undefined` for
 * a blank row, which an import skips; and every cell's problem, with its address.
 */
export function readDataRow<K extends string>(
  spec: SheetSpec<K>,
  map: HeaderMap<K>,
  row: number,
  cells: readonly CellValue[],
): { readonly row: SheetRow<K> | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const values: Partial<Record<K, string>> = {};
  const refused = new Set<K>();
  let blank = true;
  for (const c of map.columns) {
    const col = specOf(spec, c.key);
    const read = cellText(cells[c.index], col.kind, col.max);
    if (!read.ok) {
      blank = false;
      refused.add(c.key);
      issues.push({
        sheet: map.sheet,
        row,
        column: c.header,
        cell: `${columnLetters(c.index)}${row}`,
        code: read.code,
        message: read.message,
        ...(read.details === undefined ? {} : { details: read.details }),
      });
    } else if (read.text !== undefined) {
      blank = false;
      values[c.key] = read.text;
    }
  }
  if (blank) return { row: undefined, issues };
  return { row: { sheet: map.sheet, row, values, present: presentOf(map), refused }, issues };
}

const presentSets = new WeakMap<HeaderMap, ReadonlySet<string>>();

function presentOf<K extends string>(map: HeaderMap<K>): ReadonlySet<K> {
  let set = presentSets.get(map as HeaderMap) as ReadonlySet<K> | undefined;
  if (set === undefined) {
    set = new Set(map.indexOf.keys());
    presentSets.set(map as HeaderMap, set);
  }
  return set;
}

function specOf<K extends string>(spec: SheetSpec<K>, key: K): ColumnSpec<K> {
  return spec.columns.find((s) => s.key === key)!;
}

/** The address of a column of a read row, for an issue about one of its fields. */
export function cellOf<K extends string>(
  spec: SheetSpec<K>,
  map: HeaderMap<K>,
  row: number,
  key: K,
): { readonly sheet: string; readonly row: number; readonly column: string; readonly cell?: string } {
  const index = map.indexOf.get(key);
  const header = map.columns.find((c) => c.key === key)?.header;
  const spec_ = spec.columns.find((c) => c.key === key);
  return index === undefined
    ? { sheet: map.sheet, row, column: spec_?.header.zh ?? key }
    : { sheet: map.sheet, row, column: header ?? key, cell: `${columnLetters(index)}${row}` };
}

/**
 * The natural keys seen so far in one sheet, so the same key twice is refused on the row that
 * repeats it (naming the first). Holds one entry per key, not the rows.
 *
 * @example
 * const seen = new SeenKeys();
 * seen.check('m001', { sheet: '党员', row: 2, column: '党员编号', cell: 'A2' }); // undefined
 * seen.check('m001', { sheet: '党员', row: 9, column: '党员编号', cell: 'A9' }); // { code: 'IMPORT_DUPLICATE_KEY', … }
 */
export class SeenKeys {
  private readonly rows = new Map<string, number>();

  get size(): number {
    return this.rows.size;
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  keys(): IterableIterator<string> {
    return this.rows.keys();
  }

  /** Records the key, or returns the issue of a key seen before (the first row keeps it). */
  check(
    key: string,
    at: { readonly sheet: string; readonly row: number; readonly column: string; readonly cell?: string },
  ): ImportIssue | undefined {
    const first = this.rows.get(key);
    if (first === undefined) {
      this.rows.set(key, at.row);
      return undefined;
    }
    return {
      ...at,
      code: 'IMPORT_DUPLICATE_KEY',
      message: {
        zh: `“${key}”与第 ${first} 行重复`,
        en: `"${key}" repeats row ${first}`,
      },
      details: { key, first },
    };
  }
}
