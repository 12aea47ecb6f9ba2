import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { MEMBERS_SHEET, REGISTER_SHEETS, readHeaderRow, referenceProfile } from '@jiceng/domain';
import {
  annotateWorkbook,
  createGatewayServices,
  type GatewayServices,
  ISSUES_SHEET,
  importRegisters,
  writeRegisterTemplate,
} from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cell,
  countyOrgRows,
  csvText,
  memberRow,
  memberRows,
  writeXlsx,
} from './onboarding-fixtures.js';

describe('the register template and the annotated copy', () => {
  let db: Database;
  let services: GatewayServices;
  let dir: string;

  beforeAll(async () => {
    db = await openDatabase({ url: 'sqlite::memory:' });
    services = await createGatewayServices(db, { record: () => {} });
    dir = await mkdtemp(join(tmpdir(), 'jiceng-workbooks-'));
  });
  afterAll(async () => {
    await services?.close();
    await db?.close();
  });

  const ctx = () => ({
    principal: { subject: 'cli:test', role: 'county_admin' as const, scope: 'K1' },
    now: new Date('2026-03-02T02:00:00Z'),
    em: db.em.fork(),
    services,
  });
  const file = (path: string) => ({ name: path, open: () => createReadStream(path) });
  async function write(
    path: string,
    fill: (out: NodeJS.WritableStream & import('node:stream').Writable) => Promise<void>,
  ) {
    const out = createWriteStream(path);
    await fill(out);
    out.end();
    await finished(out);
  }

  it('writes the headers the import reads, with notes, text formats and the profile categories as a list', async () => {
    const path = join(dir, 'template.xlsx');
    await write(path, (out) =>
      writeRegisterTemplate(out, { categories: referenceProfile.points.categories }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      ...REGISTER_SHEETS.map((s) => s.name.zh),
      '填写说明',
    ]);
    for (const spec of REGISTER_SHEETS) {
      const ws = book.getWorksheet(spec.name.zh)!;
      const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      expect(readHeaderRow(spec, ws.name, 1, headers).issues).toEqual([]);
      expect(headers).toEqual(spec.columns.map((c) => c.header.zh));
    }
    const members = book.getWorksheet('党员')!;
    expect(String(members.getCell('A1').note)).toContain('member code');
    expect(members.getCell('C2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"骨干类,普通类,流动类,在职类,非公企业和社会组织类"'],
    });
    expect(members.getColumn(8).numFmt).toBe('@');
    expect(book.getWorksheet('组织')!.getCell('C9').dataValidation?.formulae).toEqual(['"行政,党组织"']);
    expect(book.getWorksheet('填写说明')!.rowCount).toBeGreaterThan(MEMBERS_SHEET.columns.length);
    expect(book.getWorksheet('网格员')!.getCell('E2').dataValidation?.formulae).toEqual(['"是,否"']);
    expect(String(book.getWorksheet('楼栋')!.getCell('E1').note)).toContain('households');
    expect(String(book.getWorksheet('网格团队')!.getCell('B1').note)).toContain('W001、W002');
    expect(book.getWorksheet('驻区单位')!.getCell('C2').dataValidation?.formulae).toEqual([
      '"机关事业单位,非公企业和社会组织,村"',
    ]);
    expect(String(book.getWorksheet('在职党员报到')!.getCell('B1').note)).toContain('party organisation');
    expect(book.getWorksheet('功能党小组')!.getCell('C2').dataValidation?.formulae).toEqual([
      '"业缘,志缘,趣缘"',
    ]);

    // Blank, it imports nothing and says so; filled in, it imports.
    expect(
      (await importRegisters(ctx(), { file: file(path), dryRun: true })).issues.map((i) => i.code),
    ).toEqual(['IMPORT_EMPTY']);
    // Filled in by header, as an office worker would: the template's columns are in its own order.
    const fill = (sheet: string, rows: readonly (readonly Cell[])[]) => {
      const ws = book.getWorksheet(sheet)!;
      const order = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const [headers, ...data] = rows;
      data.forEach((row, i) => {
        ws.getRow(i + 2).values = order.map((h) => row[(headers as string[]).indexOf(h)] ?? null);
      });
    };
    fill('组织', countyOrgRows());
    fill('党员', memberRows(4));
    const filled = join(dir, 'filled.xlsx');
    await book.xlsx.writeFile(filled);
    const report = await importRegisters(ctx(), { file: file(filled) });
    expect(report.issues).toEqual([]);
    // The sheets left blank are read, and manage nothing.
    expect(report.sheets.map((s) => [s.kind, s.rows, s.counts.added])).toEqual([
      ['organisations', 15, 15],
      ['buildings', 0, 0],
      ['members', 4, 4],
      ['workers', 0, 0],
      ['teams', 0, 0],
      ['units', 0, 0],
      ['unitMembers', 0, 0],
      ['groups', 0, 0],
    ]);
    expect(report.skippedSheets).toEqual(['填写说明']);
  });

  it('marks each refused cell red with its code and both messages, and lists every problem', async () => {
    const rows = memberRows(4);
    rows[2]![2] = '先进类';
    const id = String(memberRow(2)[7]);
    rows[3]![7] = `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;
    const path = join(dir, 'bad.xlsx');
    await writeXlsx(path, [
      { name: '组织', rows: countyOrgRows() },
      { name: '党员', rows },
    ]);
    const report = await importRegisters(ctx(), { file: file(path) });
    expect(report.issues.map((i) => i.cell)).toEqual(['C3', 'H4']);
    const marked = join(dir, 'bad-marked.xlsx');
    await write(marked, (out) => annotateWorkbook(file(path), report.issues, out));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(marked);
    const ws = book.getWorksheet('党员')!;
    expect(ws.getCell('C3').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(String(ws.getCell('C3').note)).toContain('IMPORT_UNKNOWN_VALUE');
    expect(String(ws.getCell('H4').note)).toContain('RESIDENT_ID_CHECKSUM');
    expect(ws.getCell('B3').note).toBeUndefined();
    // The data is kept as it was, for the fix.
    expect(ws.getCell('C3').value).toBe('先进类');
    const list = book.getWorksheet(ISSUES_SHEET)!;
    expect(list.rowCount).toBe(3);
    expect(list.getRow(2).values).toEqual(expect.arrayContaining(['党员', 3, 'C3', 'IMPORT_UNKNOWN_VALUE']));
  });

  it('annotates a CSV as a workbook of its one sheet', async () => {
    const rows = memberRows(2);
    rows[1]![1] = '=1+1';
    const path = join(dir, 'members.csv');
    await write(path, async (out) => {
      out.write(csvText(rows));
    });
    const report = await importRegisters(ctx(), { file: file(path), dryRun: true });
    expect(report.issues.map((i) => [i.sheet, i.cell, i.code])).toEqual([
      ['members', 'B2', 'IMPORT_FORMULA'],
    ]);
    const marked = join(dir, 'members-marked.xlsx');
    await write(marked, (out) => annotateWorkbook(file(path), report.issues, out));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(marked);
    expect(String(book.getWorksheet('members')!.getCell('B2').note)).toContain('IMPORT_FORMULA');
  });

  it('marks the bad cells of a buildings sheet', async () => {
    const path = join(dir, 'buildings-bad.xlsx');
    await writeXlsx(path, [
      {
        name: '楼栋',
        rows: [
          ['楼栋编号', '所在社区', '户数', '经度', '纬度'],
          ['B1', 'K1S1C1', '很多', '', ''],
          ['B2', 'K1S1C1', 30, 112.7, ''],
        ],
      },
    ]);
    const report = await importRegisters(ctx(), { file: file(path), dryRun: true });
    expect(report.issues.map((i) => [i.sheet, i.cell, i.code])).toEqual([
      ['楼栋', 'C2', 'IMPORT_INVALID_NUMBER'],
      ['楼栋', 'E3', 'IMPORT_HALF_COORDINATES'],
    ]);
    const marked = join(dir, 'buildings-marked.xlsx');
    await write(marked, (out) => annotateWorkbook(file(path), report.issues, out));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(marked);
    expect(String(book.getWorksheet('楼栋')!.getCell('C2').note)).toContain('IMPORT_INVALID_NUMBER');
    expect(String(book.getWorksheet('楼栋')!.getCell('E3').note)).toContain('IMPORT_HALF_COORDINATES');
  });
});
