// A second county (not the reference one) as its office would keep it in a workbook: the
// organisation trees of one street and a members register of any size, with valid resident IDs
// and mobiles. Used by the import tests and the onboarding bench.
import { createWriteStream } from 'node:fs';
import { residentIdCheckDigit } from '@jiceng/domain';
import ExcelJS from 'exceljs';

export const ORG_HEADERS = ['代码', '名称', '所属树', '层级', '上级代码', '对应行政节点'];
export const MEMBER_HEADERS = [
  '党员编号',
  '姓名',
  '类别',
  '所在支部',
  '网格',
  '工作单位',
  '手机号',
  '身份证号',
];

export type Cell = string | number | null;
export interface FixtureSheet {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
}

/** The county's communities and grids: `communities` communities of `gridsPerCommunity` grids. */
export function countyOrgRows(communities = 3, gridsPerCommunity = 2): Cell[][] {
  const rows: Cell[][] = [
    ORG_HEADERS,
    ['K1', '示例县', '行政', '县', '', ''],
    ['K1S1', '东城街道', '行政', '街道', 'K1', ''],
  ];
  for (let c = 1; c <= communities; c++) {
    rows.push([`K1S1C${c}`, `东城第${c}社区`, '行政', '社区', 'K1S1', '']);
    for (let g = 1; g <= gridsPerCommunity; g++) {
      rows.push([`K1S1C${c}G${g}`, `东城第${c}社区第${g}网格`, '行政', '网格', `K1S1C${c}`, '']);
    }
  }
  rows.push(['PK1S1', '东城街道党工委', '党组织', '党委', '', 'K1S1']);
  for (let c = 1; c <= communities; c++) {
    rows.push([`PK1S1C${c}`, `东城第${c}社区党委`, '党组织', '社区党组织', 'PK1S1', `K1S1C${c}`]);
  }
  return rows;
}

const CATEGORIES = ['骨干类', '普通类', '流动类', '在职类', '非公企业和社会组织类'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';

/** A valid resident ID for member `i`. */
export function residentId(i: number): string {
  const year = 1950 + (i % 50);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const first17 = `330102${year}${month}${day}${String(i % 1000).padStart(3, '0')}`;
  return `${first17}${residentIdCheckDigit(first17)}`;
}

/** Member `i` as a register row: branch and grid by code, spread over the county. */
export function memberRow(i: number, communities = 3, gridsPerCommunity = 2): Cell[] {
  const c = 1 + (i % communities);
  const g = 1 + (Math.floor(i / communities) % gridsPerCommunity);
  const category = CATEGORIES[i % CATEGORIES.length]!;
  return [
    `M${String(i).padStart(6, '0')}`,
    `${SURNAMES[i % SURNAMES.length]}${i}`,
    category,
    `PK1S1C${c}`,
    `K1S1C${c}G${g}`,
    category === '在职类' ? '县人民医院' : '',
    `139${String((i * 7919) % 100_000_000).padStart(8, '0')}`,
    residentId(i),
  ];
}

export function memberRows(count: number, from = 0): Cell[][] {
  const rows: Cell[][] = [MEMBER_HEADERS];
  for (let i = from; i < from + count; i++) rows.push(memberRow(i));
  return rows;
}

/** Writes sheets as an .xlsx file, streaming (exceljs's `WorkbookWriter`), so any size fits. */
export async function writeXlsx(path: string, sheets: readonly FixtureSheet[]): Promise<void> {
  const out = createWriteStream(path);
  // Flushed and closed before the file is read: under load, a reader racing the last bytes sees
  // a zip without its workbook part, whose sheets have no names.
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', () => resolve());
    out.on('error', reject);
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  for (const sheet of sheets) {
    const ws = writer.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow([...row]).commit();
    ws.commit();
  }
  await writer.commit();
  await closed;
}

/** A CSV of rows, quoted where needed. */
export function csvText(rows: readonly (readonly Cell[])[]): string {
  const cell = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
