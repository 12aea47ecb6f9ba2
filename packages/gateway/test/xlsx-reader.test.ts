import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CellValue } from '@jiceng/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDateFormat, XlsxError, xlsxSheets } from '../src/application/onboarding/xlsx-reader.js';
import { workbookParts, zipOf } from './xlsx-zip.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jiceng-xlsx-'));
});

let files = 0;
async function fileOf(parts: readonly (readonly [string, string])[]): Promise<string> {
  const path = join(dir, `b${files++}.xlsx`);
  await writeFile(path, zipOf(parts));
  return path;
}

async function readAll(
  path: string,
): Promise<{ name: string; rows: { row: number; cells: CellValue[] }[] }[]> {
  const out: { name: string; rows: { row: number; cells: CellValue[] }[] }[] = [];
  for await (const sheet of xlsxSheets(path)) {
    const rows: { row: number; cells: CellValue[] }[] = [];
    for await (const r of sheet.rows()) rows.push({ row: r.row, cells: [...r.cells] });
    out.push({ name: sheet.name, rows });
  }
  return out;
}

// Cell formats: 0 General, 1 built-in date 14, 2 a custom Chinese date, 3 a custom number with
// a quoted "d" (not a date), 4 elapsed time in brackets with a date.
const STYLES =
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
  '<numFmt numFmtId="165" formatCode="0.00&quot; d&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm;yyyy-mm-dd"/></numFmts>' +
  '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>';

const SHARED =
  '<si><t>代码</t></si>' +
  '<si><r><t>城</t></r><r><rPr><b/></rPr><t xml:space="preserve">关 街道</t></r><rPh sb="0" eb="1"><t>チョウ</t></rPh></si>' +
  '<si><t/></si>' +
  '<si><t>&lt;A&amp;B&gt;</t></si>';

describe('the workbook reader (zip central directory, sheets streamed)', () => {
  it('reads every kind of cell, with the workbook part and shared strings after the sheets in the zip', async () => {
    const path = await fileOf(
      workbookParts({
        styles: STYLES,
        shared: SHARED,
        sheets: [
          {
            name: '组织',
            data:
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>' +
              '<row r="3"><c r="A3"><v>42</v></c><c r="B3" s="1"><v>45658</v></c><c r="C3" s="2"><v>45717</v></c>' +
              '<c r="D3" s="3"><v>2.5</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c>' +
              '<c r="G3"><f>1+1</f><v>2</v></c><c r="H3" t="inlineStr"><is><t>内联</t></is></c>' +
              '<c r="I3" t="str"><v>330102001001</v></c><c r="J3" t="s"><v>2</v></c><c r="K3" s="4"><v>45658.5</v></c></row>' +
              // No references at all: rows and columns counted.
              '<row><c><v>1</v></c><c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row><row/>',
          },
          { name: '党员', data: '<row r="1"><c r="B1" t="s"><v>0</v></c></row>' },
        ],
      }),
    );
    const [orgs, members] = await readAll(path);
    expect(orgs!.name).toBe('组织');
    expect(orgs!.rows).toEqual([
      { row: 1, cells: ['代码', undefined, '城关 街道', '<A&B>'] },
      {
        row: 3,
        cells: [
          42,
          { kind: 'date', date: '2025-01-01' },
          { kind: 'date', date: '2025-03-01' },
          2.5,
          true,
          { kind: 'error', text: '#N/A' },
          { kind: 'formula' },
          '内联',
          '330102001001',
          '',
          { kind: 'date', date: '2025-01-01' },
        ],
      },
      { row: 4, cells: [1, 'ab'] },
      { row: 5, cells: [] },
    ]);
    // Absolute and relative relationship targets both find their sheet.
    expect(members).toEqual({ name: '党员', rows: [{ row: 1, cells: [undefined, '代码'] }] });
  });

  it('reads dates of the 1904 system and elements with a namespace prefix', async () => {
    const path = await fileOf(
      workbookParts({
        prefix: 'x',
        date1904: true,
        styles: '<x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs>',
        shared: '<x:si><x:t>类别起始日期</x:t></x:si>',
        sheets: [
          {
            name: 'Sheet',
            data: '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" s="1"><x:v>44196</x:v></x:c></x:row>',
          },
        ],
      }),
    );
    expect(await readAll(path)).toEqual([
      { name: 'Sheet', rows: [{ row: 2, cells: ['类别起始日期', { kind: 'date', date: '2025-01-01' }] }] },
    ]);
  });

  it('tells a date format from a number format', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('[$-804]yyyy年m月d日')).toBe(true);
    expect(isDateFormat('0.00" d"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('#,##0\\d')).toBe(false);
  });

  it('says so when the zip has no workbook part, a sheet is missing, the XML is broken, or it is no zip', async () => {
    const parts = workbookParts({ sheets: [{ name: 'A', data: '' }] });
    const noBook = await fileOf(parts.filter(([n]) => n !== 'xl/workbook.xml'));
    const noSheet = await fileOf(parts.filter(([n]) => n !== 'xl/worksheets/sheet1.xml'));
    const broken = await fileOf(
      parts.map(
        ([n, t]) => [n, n === 'xl/worksheets/sheet1.xml' ? '<worksheet><sheetData><row>' : t] as const,
      ),
    );
    const notZip = join(dir, 'not.xlsx');
    await writeFile(notZip, '代码,名称\n');
    const failure = async (path: string) => {
      try {
        await readAll(path);
      } catch (error) {
        expect(error).toBeInstanceOf(XlsxError);
        return (error as XlsxError).text;
      }
      throw new Error('read');
    };
    expect(await failure(noBook)).toEqual({
      zh: '工作簿缺少部件 xl/workbook.xml，文件可能已损坏',
      en: 'the workbook has no part xl/workbook.xml; the file may be damaged',
    });
    expect((await failure(noSheet)).en).toBe(
      'the workbook has no part xl/worksheets/sheet1.xml; the file may be damaged',
    );
    expect((await failure(broken)).en).toMatch(/^the workbook's content cannot be parsed/);
    expect((await failure(notZip)).zh).toMatch(/^文件不是有效的 Excel 工作簿/);
  });
});
