import type { Writable } from 'node:stream';
import {
  type ColumnSpec,
  columnLetters,
  GROUPS_SHEET,
  LEVEL_LABELS,
  MEMBERS_SHEET,
  type MemberCategory,
  ORGANISATIONS_SHEET,
  REGISTER_SHEETS,
  type SheetSpec,
  STATIONED_UNIT_KIND_LABELS,
  STATIONED_UNIT_KINDS,
  UNITS_SHEET,
  WORKERS_SHEET,
} from '@jiceng/domain';
import ExcelJS from 'exceljs';

/** Rows of the template that carry drop-down lists and text formats: far more than a street has. */
const TEMPLATE_ROWS = 5000;

const NOTES_SHEET = { zh: '填写说明', en: 'notes' };

/**
 * Writes a blank register workbook 名册模板 an office worker can fill in: one sheet per register
 * with the headers the import reads (Chinese, the English alias in each header's note), a note on
 * every header saying what goes in the column, drop-down lists where the values are fixed (member
 * categories of the rule profile, the trees, levels and subtypes), ID and phone columns formatted
 * as text so Excel does not round them, and a notes sheet listing every column.
 *
 * @example
 * await writeRegisterTemplate(createWriteStream('县名册模板.xlsx'), { categories: referenceProfile.points.categories });
 */
export async function writeRegisterTemplate(
  out: Writable,
  options: { readonly categories: readonly MemberCategory[] },
): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = 'jiceng';
  const lists: Record<string, readonly string[]> = {
    [`${ORGANISATIONS_SHEET.kind}.tree`]: ['行政', '党组织'],
    [`${ORGANISATIONS_SHEET.kind}.level`]: [
      '县',
      '街道',
      '乡镇',
      '社区',
      '村',
      '小区',
      '网格',
      '楼栋',
      '党委',
      '社区党组织',
      '党支部',
      '网格党小组',
    ],
    [`${ORGANISATIONS_SHEET.kind}.subtype`]: ['街道', '乡镇', '社区', '村'],
    [`${MEMBERS_SHEET.kind}.category`]: options.categories.map((c) => c.name.zh),
    [`${WORKERS_SHEET.kind}.partyMember`]: ['是', '否'],
    [`${GROUPS_SHEET.kind}.basis`]: ['业缘', '志缘', '趣缘'],
    [`${UNITS_SHEET.kind}.kind`]: STATIONED_UNIT_KINDS.map((k) => STATIONED_UNIT_KIND_LABELS[k].zh),
  };
  for (const spec of REGISTER_SHEETS) addSheet(book, spec as SheetSpec, lists);

  const notes = book.addWorksheet(NOTES_SHEET.zh);
  notes.columns = [
    { header: '工作表 sheet', width: 16 },
    { header: '列 column', width: 22 },
    { header: '必填 required', width: 12 },
    { header: '说明', width: 70 },
    { header: 'notes', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const spec of REGISTER_SHEETS) {
    for (const c of spec.columns) {
      notes.addRow([
        `${spec.name.zh} ${spec.name.en}`,
        `${c.header.zh} ${c.header.en}`,
        c.required ? '是 yes' : '',
        c.note.zh,
        c.note.en,
      ]);
    }
  }
  notes.addRow([]);
  notes.addRow([
    '',
    '',
    '',
    '各表按依赖顺序导入（组织→楼栋→党员→网格员→网格团队），与表的先后无关；留空的表不导入。整份文件有任何错误都不会写入；再次导入同一文件不会改变数据。',
    'Sheets are imported in dependency order (organisations, buildings, members, grid workers, teams), whatever their order in the file; a sheet left blank is not imported. A file with any error writes nothing; importing the same file again changes nothing.',
  ]);
  notes.addRow([
    '',
    '',
    '',
    `层级可填：${Object.values(LEVEL_LABELS)
      .map((l) => l.zh)
      .join('、')}`,
    '',
  ]);
  await book.xlsx.write(out);
}

function addSheet(book: ExcelJS.Workbook, spec: SheetSpec, lists: Record<string, readonly string[]>): void {
  const ws = book.addWorksheet(spec.name.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  spec.columns.forEach((c: ColumnSpec, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.max(12, c.header.zh.length * 2 + 4);
    if (c.kind === 'digits' || c.kind === 'code') column.numFmt = '@';
    if (c.kind === 'date') column.numFmt = 'yyyy-mm-dd';
    const cell = ws.getCell(1, i + 1);
    cell.value = c.header.zh;
    cell.font = { bold: true, ...(c.required ? { color: { argb: 'FFC00000' } } : {}) };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.note = `${c.header.en}${c.required ? '（必填 required）' : ''}\n${c.note.zh}\n${c.note.en}`;
    const list = lists[`${spec.kind}.${c.key}`];
    if (list !== undefined && list.length > 0) {
      const letter = columnLetters(i);
      (ws as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations.add(
        `${letter}2:${letter}${TEMPLATE_ROWS}`,
        {
          type: 'list',
          allowBlank: !c.required,
          // Excel's inline list is at most 255 characters.
          formulae: [`"${list.join(',').slice(0, 255)}"`],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: c.header.zh,
          error: `请从列表中选择 choose from the list`,
        },
      );
    }
  });
}
