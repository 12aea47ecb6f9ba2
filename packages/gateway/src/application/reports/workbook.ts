import type { Writable } from 'node:stream';
import type { LocalizedText } from '@jiceng/domain';
import ExcelJS from 'exceljs';

/**
 * The workbooks a street office sends upward 报表导出: sheets of rows under Chinese headers,
 * written as a stream (exceljs's `WorkbookWriter`, one row in memory at a time), so a county's
 * 200,000 members fit in the memory of one.
 */

/** A cell of a report: text, a number, or blank. */
export type ReportCell = string | number | null | undefined;

/** One column: its header (the Chinese one is written; the English one goes in the header's note). */
export interface ReportColumn {
  readonly header: LocalizedText;
  /** `text` cells are stored as text, `number` cells as numbers. Default `text`. */
  readonly kind?: 'text' | 'number';
  /** Width in characters; default from the header. */
  readonly width?: number;
}

/** One sheet: its name, columns and rows (any iterable, so a caller can page through a database). */
export interface ReportSheet {
  readonly name: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: Iterable<readonly ReportCell[]> | AsyncIterable<readonly ReportCell[]>;
}

/**
 * Text a spreadsheet program would run as a formula if the cell were ever typed again: it starts
 * with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs strip first).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The number format of text: a cell formatted so is kept as text even when someone edits it. */
const TEXT_FORMAT = '@';

/**
 * Writes sheets of rows to `out` as an .xlsx workbook, streaming. Every text cell is stored as a
 * string (never a formula), and a text cell that starts like a formula (`=`, `+`, `-`, `@`) is
 * formatted as text (`@`), so a spreadsheet never runs it, even after an edit.
 *
 * @example
 * await writeReportWorkbook(createWriteStream('排名.xlsx'), [
 *   { name: '排名', columns: [{ header: { zh: '党员编号', en: 'member code' } }], rows: [['M1']] },
 * ]);
 */
export async function writeReportWorkbook(out: Writable, sheets: readonly ReportSheet[]): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = 'jiceng';
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({
      width: c.width ?? Math.max(10, c.header.zh.length * 2 + 4),
      ...(c.kind === 'number' ? {} : { style: { numFmt: TEXT_FORMAT } }),
    }));
    const header = ws.addRow(sheet.columns.map((c) => c.header.zh));
    header.font = { bold: true };
    sheet.columns.forEach((c, i) => {
      header.getCell(i + 1).note = c.header.en;
    });
    header.commit();
    for await (const cells of sheet.rows) {
      const row = ws.addRow(cells.map((v, i) => cellValue(v, sheet.columns[i]?.kind)));
      cells.forEach((v, i) => {
        if (typeof v === 'string' && FORMULA_START.test(v)) row.getCell(i + 1).numFmt = TEXT_FORMAT;
      });
      row.commit();
    }
    ws.commit();
  }
  await book.commit();
}

function cellValue(value: ReportCell, kind: ReportColumn['kind']): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  // A text column holds its number as text: codes and IDs keep their leading zeros and digits.
  if (kind !== 'number') return String(value);
  return value;
}
