import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { MEMBERS_SHEET, ORGANISATIONS_SHEET } from '@jiceng/domain';
import { type ImportReport, runCli, writeReportWorkbook } from '@jiceng/gateway';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cell,
  countyOrgRows,
  MEMBER_HEADERS,
  memberRow,
  residentId,
  writeXlsx,
} from './onboarding-fixtures.js';
import { e2eDatabases } from './support.js';

const SECRET = 'cli-test-secret-that-is-long-enough-for-hs256';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: new Date('2026-03-02T02:00:00Z'),
    env: { JICENG_LOG_LEVEL: 'silent', JICENG_JWT_SECRET: SECRET, USER: 'clerk' },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The county's members with every column the register has: categories from a day, dual registrations. */
function fullMemberRows(count: number): Cell[][] {
  const rows: Cell[][] = [[...MEMBER_HEADERS, '所在社区', '类别起始日期', '报到社区']];
  for (let i = 0; i < count; i++) {
    const row = memberRow(i);
    const inService = row[2] === '在职类';
    rows.push([
      ...row,
      `K1S1C${1 + (i % 3)}`,
      i % 4 === 0 ? '2024-05-01' : null,
      inService ? 'K1S1C2' : null,
    ]);
  }
  // A member without a grid, mobile or resident ID: blank cells come back blank.
  rows.push(['M900000', '孙无网格', '普通类', 'PK1S1C1', null, null, null, null, 'K1S1C1', null, null]);
  return rows;
}

async function readBook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

const sheetCounts = (r: ImportReport) => Object.fromEntries(r.sheets.map((s) => [s.kind, s.counts]));

describe.each(e2eDatabases())('register export round trip on $name', (target) => {
  let dir: string;
  let db: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = scratch.url;
    dir = await mkdtemp(join(tmpdir(), 'jiceng-export-'));
    const workbook = join(dir, 'county.xlsx');
    await writeXlsx(workbook, [
      { name: '组织', rows: countyOrgRows() },
      { name: '党员', rows: fullMemberRows(25) },
    ]);
    const first = await run('import', workbook, '--db', db);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await drop?.();
  });

  it('exports the registers in the import’s own sheets and headers, personal data in full for the operator', async () => {
    const out = join(dir, 'registers.xlsx');
    const r = await run('export', 'registers', out, '--db', db);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const book = await readBook(out);
    expect(book.worksheets.map((w) => w.name)).toEqual(['组织', '党员']);
    const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers(book.getWorksheet('组织')!)).toEqual(ORGANISATIONS_SHEET.columns.map((c) => c.header.zh));
    expect(headers(book.getWorksheet('党员')!)).toEqual(MEMBERS_SHEET.columns.map((c) => c.header.zh));
    const members = book.getWorksheet('党员')!;
    expect(members.rowCount).toBe(1 + 26);
    const col = (key: string) => MEMBERS_SHEET.columns.findIndex((c) => c.key === key) + 1;
    const first = members.getRow(2);
    expect(first.getCell(col('code')).value).toBe('M000000');
    expect(first.getCell(col('residentId')).value).toBe(residentId(0));
    expect(first.getCell(col('categorySince')).value).toBe('2024-05-01');
    expect(first.getCell(col('category')).value).toBe('骨干类');
    // An ID is text, never a number that lost its last digits.
    expect(first.getCell(col('residentId')).type).toBe(ExcelJS.ValueType.String);
    const inService = members.getRow(5); // M000003: 在职类
    expect(inService.getCell(col('registeredCommunity')).value).toBe('K1S1C2');
    expect(inService.getCell(col('workUnit')).value).toBe('县人民医院');
    const orgs = book.getWorksheet('组织')!;
    expect(orgs.getRow(2).values).toEqual([undefined, 'K1', '示例县', '行政', '县']);
  });

  it('round trip: importing the export changes nothing, with or without --remove-missing', async () => {
    const out = join(dir, 'again.xlsx');
    expect((await run('export', 'registers', out, '--db', db)).code).toBe(0);
    for (const flags of [[], ['--remove-missing']]) {
      const r = await run('import', out, '--db', db, '--json', ...flags);
      expect(r.err).toBe('');
      const report = JSON.parse(r.out) as ImportReport;
      expect(report.issueCount).toBe(0);
      expect(report.applied).toBe(true);
      expect(sheetCounts(report)).toEqual({
        organisations: { added: 0, updated: 0, unchanged: 15, missing: 0, removed: 0 },
        members: { added: 0, updated: 0, unchanged: 26, missing: 0, removed: 0 },
      });
    }
  });

  it('exports the rankings and the grid statistics of the imported county', async () => {
    const rankings = join(dir, 'rankings.xlsx');
    const r = await run('export', 'rankings', rankings, '--db', db, '--scope', 'K1S1', '--year', '2026');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const ranked = (await readBook(rankings)).worksheets[0]!;
    expect(ranked.name).toBe('2026年积分排名');
    // Every member with a community of the street, each ranked (no entries yet: all on the base score).
    expect(ranked.rowCount).toBe(1 + 26);
    const grid = join(dir, 'grid.xlsx');
    expect((await run('export', 'grid', grid, '--db', db, '--scope', 'K1S1')).code).toBe(0);
    const stats = (await readBook(grid)).getWorksheet('诉求统计')!;
    // The street, its three communities and their six grids.
    expect(stats.rowCount).toBe(1 + 1 + 3 + 6);
    expect(stats.getRow(2).getCell(1).value).toBe('K1S1');
  });

  it('refuses a report without what it needs, and an unknown report, leaving no file', async () => {
    const bad = await run('export', 'rankings', join(dir, 'r.xlsx'), '--db', db);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('BAD_USER_INPUT');
    expect(bad.err).toContain('needs a scope');
    const unknown = await run('export', 'nonsense', join(dir, 'n.xlsx'), '--db', db);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown report "nonsense"');
    expect((await run('export', 'registers', join(dir, 'x.csv'), '--db', db)).code).toBe(2);
  });
});

describe('report workbooks', () => {
  it('writes text that looks like a formula as text, formatted as text, never as a formula', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-report-'));
    const path = join(dir, 'r.xlsx');
    const out = createWriteStream(path);
    const risky = ['=HYPERLINK("http://x","y")', '+1+cmd|calc', '-2+3', '@SUM(A1)', 'plain'];
    await writeReportWorkbook(out, [
      {
        name: '测试',
        columns: [{ header: { zh: '名称', en: 'name' } }, { header: { zh: '数', en: 'n' }, kind: 'number' }],
        rows: risky.map((v, i) => [v, i]),
      },
    ]);
    await finished(out);
    const ws = (await readBook(path)).getWorksheet('测试')!;
    risky.forEach((v, i) => {
      const cell = ws.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(v);
      expect(cell.numFmt).toBe('@');
      expect(ws.getRow(i + 2).getCell(2).value).toBe(i);
    });
  });
});
