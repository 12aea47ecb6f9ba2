import type { Writable } from 'node:stream';
import type { ImportIssue } from '@jiceng/domain';
import ExcelJS from 'exceljs';
import { type ImportFile, openBook, UnreadableFileError } from './workbook.js';

/** The sheet an annotated copy adds, listing every problem (those of no one cell too). */
export const ISSUES_SHEET = '导入问题';

const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

/**
 * The file county staff fix: a copy of the register workbook with every cell an import refused
 * filled red and carrying a note (the code and the message in both languages), the rows of
 * row-wide problems marked on their first cell, and a sheet 导入问题 listing every problem with its
 * place. A CSV comes back as a workbook of its one sheet. The copy is built in memory (exceljs
 * keeps formats, widths and validations only that way): for the files people fix by hand, not a
 * 200,000-row load.
 *
 * @example
 * const report = await importRegisters(ctx, { file });
 * if (report.issueCount > 0) await annotateWorkbook(file, report.issues, createWriteStream('党员名册-问题.xlsx'));
 */
export async function annotateWorkbook(
  file: ImportFile,
  issues: readonly ImportIssue[],
  out: Writable,
): Promise<void> {
  const book = new ExcelJS.Workbook();
  const format = openBook(file).format;
  if (format === 'xlsx') {
    try {
      await book.xlsx.read(file.open());
    } catch {
      // Unreadable as a workbook: the copy is the list of problems alone.
    }
  } else {
    try {
      for await (const sheet of openBook(file).sheets()) {
        const ws = book.addWorksheet(sheet.name.slice(0, 31));
        for await (const { row, cells } of sheet.rows()) {
          ws.getRow(row).values = cells.map((c) =>
            typeof c === 'object' && c !== null ? null : (c ?? null),
          );
        }
      }
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
    }
  }
  const marked = new Map<string, ImportIssue[]>();
  for (const i of issues) {
    const ws = i.sheet === '' ? undefined : book.getWorksheet(i.sheet.slice(0, 31));
    if (ws === undefined || i.row <= 0) continue;
    const address = i.cell ?? `A${i.row}`;
    const key = `${ws.name}!${address}`;
    const list = marked.get(key);
    if (list === undefined) marked.set(key, [i]);
    else list.push(i);
  }
  for (const [key, found] of marked) {
    const [sheet, address] = key.split('!') as [string, string];
    const ws = book.getWorksheet(sheet)!;
    const cell = ws.getCell(address);
    cell.fill = BAD_FILL;
    cell.note = found.map((i) => `${i.code}\n${i.message.zh}\n${i.message.en}`).join('\n\n');
  }
  const list = book.addWorksheet(uniqueName(book, ISSUES_SHEET));
  list.columns = [
    { header: '工作表 sheet', width: 14 },
    { header: '行 row', width: 8 },
    { header: '列 column', width: 14 },
    { header: '单元格 cell', width: 10 },
    { header: '代码 code', width: 28 },
    { header: '问题', width: 60 },
    { header: 'problem', width: 60 },
  ];
  list.getRow(1).font = { bold: true };
  for (const i of issues) {
    list.addRow([i.sheet, i.row || '', i.column ?? '', i.cell ?? '', i.code, i.message.zh, i.message.en]);
  }
  await book.xlsx.write(out);
}

function uniqueName(book: ExcelJS.Workbook, name: string): string {
  let candidate = name;
  for (let n = 2; book.getWorksheet(candidate) !== undefined; n++) candidate = `${name}${n}`;
  return candidate;
}
