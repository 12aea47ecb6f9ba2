import {
  buildOrgTree,
  type CellValue,
  checkMemberRow,
  checkOrgRow,
  type LocalDate,
  MEMBERS_SHEET,
  ORGANISATIONS_SHEET,
  type OrgRow,
  placesOf,
  planMember,
  planTrees,
  readDataRow,
  readHeaderRow,
  referenceProfile,
  residentIdCheckDigit,
  SeenKeys,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const admin: OrgRow[] = [
  { code: '330102001', parentCode: null, level: 'street', subtype: 'street', name: 'XX街道' },
  { code: 'C1', parentCode: '330102001', level: 'community', subtype: 'community', name: '汉江路社区' },
  { code: 'C2', parentCode: '330102001', level: 'community', subtype: 'community', name: '胜利街社区' },
  { code: 'G11', parentCode: 'C1', level: 'grid', name: '第1网格' },
  { code: 'G21', parentCode: 'C2', level: 'grid', name: '第1网格' },
  { code: 'G22', parentCode: 'C2', level: 'grid', name: '胜利街第2网格' },
];
const party: OrgRow[] = [
  { code: 'P0', parentCode: null, level: 'committee', name: 'XX街道党委', counterpart: '330102001' },
  { code: 'P1', parentCode: 'P0', level: 'community_org', name: '汉江路社区党委', counterpart: 'C1' },
  { code: 'P2', parentCode: 'P0', level: 'community_org', name: '胜利街社区党委', counterpart: 'C2' },
];
const places = placesOf(
  unwrap(buildOrgTree(admin, { kind: 'administrative' })),
  unwrap(buildOrgTree(party, { kind: 'party' })),
);
const rules = { categories: referenceProfile.points.categories, today: '2026-03-01' as LocalDate, places };

const HEADERS = ['党员编号', '姓名', '类别', '所在支部', '网格', '工作单位', '手机号', '身份证号'];
const ID = (first17: string) => `${first17}${residentIdCheckDigit(first17)}`;
const GOOD_ID = ID('33010219800101001');

function member(cells: readonly CellValue[], headers: readonly string[] = HEADERS, row = 2) {
  const header = readHeaderRow(MEMBERS_SHEET, '党员', 1, headers);
  expect(header.issues).toEqual([]);
  const read = readDataRow(MEMBERS_SHEET, header.map, row, cells);
  if (read.row === undefined) return { record: undefined, issues: read.issues };
  const checked = checkMemberRow(read.row, header.map, rules);
  return { record: checked.record, issues: [...read.issues, ...checked.issues] };
}

describe('member rows', () => {
  it('reads a clean row of the seed street: the branch by name, the community from the grid', () => {
    const { record, issues } = member([
      'm001',
      '张明',
      '骨干类',
      '汉江路社区党委',
      'G11',
      '',
      '138 1234 5678',
      GOOD_ID.toLowerCase(),
    ]);
    expect(issues).toEqual([]);
    expect(record).toMatchObject({
      code: 'm001',
      category: 'backbone',
      branch: 'P1',
      grid: 'G11',
      community: 'C1',
      street: '330102001',
      mobile: '13812345678',
      residentId: GOOD_ID,
    });
    expect(record?.workUnit).toBeUndefined();
  });

  it('accepts English aliases, a bracketed remark and a required marker in headers', () => {
    const header = readHeaderRow(MEMBERS_SHEET, 'members', 1, [
      'Member code',
      '*姓名（必填）',
      'category',
      'branch',
      '序号',
    ]);
    expect(header.issues).toEqual([]);
    expect([...header.map.indexOf.keys()]).toEqual(['code', 'name', 'category', 'branch']);
  });

  it('refuses an unknown header, a duplicated field and a missing required column, each with its cell', () => {
    const header = readHeaderRow(MEMBERS_SHEET, '党员', 1, ['党员编号', '编号', '性别']);
    expect(header.issues.map((i) => [i.code, i.cell ?? i.column])).toEqual([
      ['IMPORT_DUPLICATE_COLUMN', 'B1'],
      ['IMPORT_UNKNOWN_HEADER', 'C1'],
      ['IMPORT_MISSING_COLUMN', '姓名'],
      ['IMPORT_MISSING_COLUMN', '类别'],
      ['IMPORT_MISSING_COLUMN', '所在支部'],
    ]);
    expect(header.issues[1]!.message.zh).toContain('性别');
  });

  it('reports a bad check digit in the resident ID cell with both languages', () => {
    const bad = `${GOOD_ID.slice(0, 17)}${GOOD_ID.endsWith('0') ? '1' : '0'}`;
    const { record, issues } = member(['m002', '李华', '普通类', 'P1', '', '', '', bad], HEADERS, 7);
    expect(record).toBeUndefined();
    expect(issues).toMatchObject([
      { sheet: '党员', row: 7, column: '身份证号', cell: 'H7', code: 'RESIDENT_ID_CHECKSUM' },
    ]);
    expect(issues[0]!.message.en).toContain('check digit');
  });

  it('refuses an ID stored as a number (its last digits are lost) and a landline', () => {
    const { issues } = member(['m003', '王五', '普通类', 'P1', '', '', '010-12345678', 3.30102198001011e17]);
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ['IMPORT_NUMBER_NOT_TEXT', 'H2'],
      ['MOBILE_FORMAT', 'G2'],
    ]);
  });

  it('refuses an unknown branch, an ambiguous grid name and an unknown category', () => {
    const { issues } = member(['m004', '赵六', '先进类', '不存在的支部', '第1网格', '', '', '']);
    expect(issues.map((i) => [i.code, i.column])).toEqual([
      ['IMPORT_UNKNOWN_VALUE', '类别'],
      ['IMPORT_UNKNOWN_NODE', '所在支部'],
      ['IMPORT_AMBIGUOUS_NAME', '网格'],
    ]);
  });

  it('refuses a branch that is not a party node and a grid outside the community given', () => {
    const headers = [...HEADERS, '所在社区'];
    const wrongTree = member(['m005', '钱七', '普通类', 'C1', 'G21', '', '', '', 'C1'], headers);
    expect(wrongTree.issues.map((i) => i.code)).toEqual([
      'IMPORT_UNKNOWN_NODE',
      'IMPORT_GRID_OUTSIDE_COMMUNITY',
    ]);
    const notGrid = member(['m005', '钱七', '普通类', 'P1', 'C2', '', '', ''], HEADERS);
    expect(notGrid.issues.map((i) => i.code)).toEqual(['IMPORT_WRONG_LEVEL']);
  });

  it('names every blank required cell', () => {
    const { issues } = member(['m006', '', '', '', '', '单位', '', '']);
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ['IMPORT_REQUIRED', 'B2'],
      ['IMPORT_REQUIRED', 'C2'],
      ['IMPORT_REQUIRED', 'D2'],
    ]);
  });

  it('refuses over-long text and control characters', () => {
    const { issues } = member(['m007', '张'.repeat(51), '普通类', 'P1', '', 'a\u0000b', '', '']);
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ['TEXT_TOO_LONG', 'B2'],
      ['TEXT_CONTROL_CHARACTER', 'F2'],
    ]);
  });

  it('refuses formulas and text a spreadsheet would run as one, but keeps a +86 mobile', () => {
    const { issues } = member([
      'm008',
      "=cmd|' /C calc'!A0",
      '普通类',
      'P1',
      '',
      "-2+3+cmd|' /C calc'!A0",
      '+86 138-1234-5678',
      { kind: 'formula' },
    ]);
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ['IMPORT_FORMULA', 'B2'],
      ['IMPORT_FORMULA', 'F2'],
      ['IMPORT_FORMULA', 'H2'],
    ]);
    const plus = member(['m009', '@SUM(A1)', '普通类', 'P1', '', '', '+86 138-1234-5678', '']);
    expect(plus.issues.map((i) => [i.code, i.cell])).toEqual([['IMPORT_FORMULA', 'B2']]);
  });

  it('skips a blank row and reads a number in a code column as its digits', () => {
    const header = readHeaderRow(MEMBERS_SHEET, '党员', 1, HEADERS);
    expect(readDataRow(MEMBERS_SHEET, header.map, 3, ['', null, '  ']).row).toBeUndefined();
    expect(readDataRow(MEMBERS_SHEET, header.map, 3, [1001, '张']).row?.values.code).toBe('1001');
  });

  it('refuses the same member code twice in a file, naming the first row', () => {
    const seen = new SeenKeys();
    expect(seen.check('m001', { sheet: '党员', row: 2, column: '党员编号', cell: 'A2' })).toBeUndefined();
    expect(seen.check('m001', { sheet: '党员', row: 9, column: '党员编号', cell: 'A9' })).toMatchObject({
      code: 'IMPORT_DUPLICATE_KEY',
      row: 9,
      details: { first: 2 },
    });
  });
});

describe('planning a member against what is stored', () => {
  const today = '2026-03-01' as LocalDate;
  const record = (cells: readonly CellValue[], headers: readonly string[] = HEADERS) => {
    const r = member(cells, headers).record;
    if (r === undefined) throw new Error('row refused');
    return r;
  };
  const row = ['m001', '张明', '骨干类', 'P1', 'G11', '县医院', '13812345678', GOOD_ID];

  it('adds a new member with the category from 1 January of the import year', () => {
    const plan = planMember(undefined, record(row), today);
    expect(plan).toMatchObject({
      change: 'added',
      member: { categories: [{ category: 'backbone', from: '2026-01-01' }], workUnit: '县医院' },
    });
  });

  it('leaves a member the row repeats unchanged, and updates a changed name and category', () => {
    const added = planMember(undefined, record(row), today).member;
    expect(planMember(added, record(row), today).change).toBe('unchanged');
    const changed = planMember(
      added,
      record(['m001', '张明明', '普通类', 'P1', 'G11', '县医院', '13812345678', GOOD_ID]),
      today,
    );
    expect(changed).toMatchObject({
      change: 'updated',
      fields: ['name', 'categories'],
      member: {
        categories: [
          { category: 'backbone', from: '2026-01-01' },
          { category: 'ordinary', from: '2026-03-01' },
        ],
      },
    });
    // Importing the changed file again changes nothing more.
    const again = planMember(
      changed.member,
      record(['m001', '张明明', '普通类', 'P1', 'G11', '县医院', '13812345678', GOOD_ID]),
      '2026-04-01' as LocalDate,
    );
    expect(again.change).toBe('unchanged');
  });

  it('keeps the fields of columns the sheet lacks, and clears a blank cell of a column it has', () => {
    const added = planMember(undefined, record(row), today).member;
    const narrow = record(['m001', '张明', '骨干类', 'P1'], ['党员编号', '姓名', '类别', '所在支部']);
    expect(planMember(added, narrow, today).change).toBe('unchanged');
    const blankMobile = record(['m001', '张明', '骨干类', 'P1', 'G11', '县医院', '', GOOD_ID]);
    expect(planMember(added, blankMobile, today)).toMatchObject({ change: 'updated', fields: ['mobile'] });
  });

  it('moves a dual registration: the old one closes the day before, the new one opens today', () => {
    const headers = [...HEADERS, '报到社区'];
    const added = planMember(undefined, record([...row, 'C1'], headers), today).member;
    expect(added.dualRegistrations).toEqual([{ community: 'C1', from: '2026-01-01' }]);
    const moved = planMember(added, record([...row, '胜利街社区'], headers), today);
    expect(moved.member.dualRegistrations).toEqual([
      { community: 'C1', from: '2026-01-01', to: '2026-02-28' },
      { community: 'C2', from: '2026-03-01' },
    ]);
  });
});

describe('planning the organisation trees', () => {
  const orgHeaders = ['代码', '名称', '所属树', '层级', '上级代码', '对应行政节点'];
  const header = readHeaderRow(ORGANISATIONS_SHEET, '组织', 1, orgHeaders).map;
  const records = (rows: readonly (readonly CellValue[])[]) =>
    rows.map((cells, i) => {
      const read = readDataRow(ORGANISATIONS_SHEET, header, i + 2, cells);
      const checked = checkOrgRow(read.row!, header);
      expect([...read.issues, ...checked.issues]).toEqual([]);
      return checked.record!;
    });

  it('adds, updates and keeps nodes; a node the file lacks is missing and stays unless removed', () => {
    const file = records([
      ['330102001', 'XX街道', '行政', '街道', '', ''],
      ['C1', '汉江路社区', '行政', '社区', '330102001', ''],
      ['C3', '新社区', '行政', '社区', '330102001', ''],
      ['P0', 'XX街道党委', '党组织', '党委', '', '330102001'],
      ['P1', '汉江路社区党委（新）', '党组织', '社区党组织', 'P0', 'C1'],
    ]);
    const stored = { administrative: admin.slice(0, 3), party: party.slice(0, 2) };
    const kept = planTrees(stored, file, { removeMissing: false, sheet: '组织' });
    expect(kept.issues).toEqual([]);
    expect(kept.counts).toEqual({ added: 1, updated: 1, unchanged: 3, missing: 1, removed: 0 });
    expect(kept.missing).toEqual(['C2']);
    expect(kept.write.administrative?.map((r) => r.code)).toEqual(['330102001', 'C1', 'C2', 'C3']);
    const removed = planTrees(stored, file, { removeMissing: true, sheet: '组织' });
    expect(removed.write.administrative?.map((r) => r.code)).toEqual(['330102001', 'C1', 'C3']);
    expect(removed.counts.removed).toBe(1);
  });

  it('writes no tree the file leaves as it is', () => {
    const file = records([
      ['330102001', 'XX街道', '行政', '街道', '', ''],
      ['C1', '汉江路社区', '行政', '社区', '330102001', ''],
    ]);
    const plan = planTrees({ administrative: admin.slice(0, 2), party: [] }, file, {
      removeMissing: false,
      sheet: '组织',
    });
    expect(plan.write).toEqual({});
    expect(plan.counts).toMatchObject({ unchanged: 2, added: 0, updated: 0 });
  });

  it('points a tree rule broken by a row at that row and cell', () => {
    const file = records([
      ['330102001', 'XX街道', '行政', '街道', '', ''],
      ['G9', '孤儿网格', '行政', '网格', 'C404', ''],
    ]);
    const plan = planTrees({ administrative: [], party: [] }, file, { removeMissing: false, sheet: '组织' });
    expect(plan.issues.map((i) => [i.code, i.cell])).toEqual([['ORG_PARENT_NOT_FOUND', 'E3']]);
    const links = records([
      ['330102001', 'XX街道', '行政', '街道', '', ''],
      ['P0', 'XX街道党委', '党组织', '党委', '', 'G404'],
    ]);
    const linked = planTrees({ administrative: [], party: [] }, links, {
      removeMissing: false,
      sheet: '组织',
    });
    expect(linked.issues.map((i) => [i.code, i.cell])).toEqual([['ORG_COUNTERPART_NOT_FOUND', 'F3']]);
  });

  it('refuses an unknown tree and a level of the other tree', () => {
    const read = readDataRow(ORGANISATIONS_SHEET, header, 2, ['X', 'x', '行政', '党支部', '', '']);
    expect(checkOrgRow(read.row!, header).issues.map((i) => [i.code, i.cell])).toEqual([
      ['IMPORT_UNKNOWN_VALUE', 'D2'],
    ]);
    const tree = readDataRow(ORGANISATIONS_SHEET, header, 2, ['X', 'x', '树', '社区', '', '']);
    expect(checkOrgRow(tree.row!, header).issues.map((i) => [i.code, i.cell])).toEqual([
      ['IMPORT_UNKNOWN_VALUE', 'C2'],
    ]);
  });
});
