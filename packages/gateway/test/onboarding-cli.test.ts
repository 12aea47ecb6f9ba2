import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@jiceng/gateway';
import { openDatabase } from '@jiceng/persistence';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countyOrgRows, memberRows, writeXlsx } from './onboarding-fixtures.js';

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

describe('jiceng import', () => {
  let dir: string;
  let db: string;
  let workbook: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jiceng-import-cli-'));
    db = `sqlite:${join(dir, 'county.db')}`;
    workbook = join(dir, 'county.xlsx');
    await writeXlsx(workbook, [
      { name: '组织', rows: countyOrgRows() },
      { name: '党员', rows: memberRows(12) },
    ]);
  });

  it('prints its usage with --help', async () => {
    const r = await run('import', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('jiceng import FILE.xlsx|FILE.csv');
    expect(r.out).toContain('--remove-missing');
    expect((await run('help')).out).toContain('jiceng import --list');
  });

  it('dry-runs, imports, re-imports unchanged, and lists both imports', async () => {
    const dry = await run('import', workbook, '--db', db, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('党员 [members] 12 行 rows: 新增 added 12');
    expect(dry.out).toContain('dry run clean');

    const first = await run('import', workbook, '--db', db);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('已导入 imported: record #1');

    const again = await run('import', workbook, '--db', db);
    expect(again.out).toContain('党员 [members] 12 行 rows: 新增 added 0, 更新 updated 0, 未变 unchanged 12');

    const list = await run('import', '--list', '--db', db);
    expect(list.code).toBe(0);
    expect(list.out.split('\n')).toHaveLength(2);
    expect(list.out).toMatch(/^#2 .* cli:clerk county\.xlsx sha256:[0-9a-f]{16}… 27 rows/);
  });

  it('lists every problem of a bad file by sheet and cell, writes nothing and exits 1', async () => {
    const rows = memberRows(3);
    rows[2]![2] = '先进类';
    rows[3]![1] = '=HYPERLINK("http://x","y")';
    const bad = join(dir, 'bad.xlsx');
    await writeXlsx(bad, [{ name: '党员', rows }]);
    const r = await run('import', bad, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('发现 2 个问题');
    expect(r.err).toContain('党员!C3 类别: IMPORT_UNKNOWN_VALUE');
    expect(r.err).toContain('党员!B4 姓名: IMPORT_FORMULA');
    expect((await run('import', '--list', '--db', db)).out.split('\n')).toHaveLength(2);
  });

  it('writes a template, and an annotated copy of a bad file', async () => {
    const template = join(dir, 'template.xlsx');
    const t = await run('template', template);
    expect(t.code).toBe(0);
    expect(t.out).toContain('template written');
    expect((await run('template', join(dir, 'template.csv'))).code).toBe(2);
    const dry = await run('import', template, '--db', db, '--dry-run');
    expect(dry.err).toContain('IMPORT_EMPTY');

    const rows = memberRows(2);
    rows[1]![2] = '先进类';
    const bad = join(dir, 'bad-annotate.xlsx');
    await writeXlsx(bad, [{ name: '党员', rows }]);
    const marked = join(dir, 'bad-marked.xlsx');
    const r = await run('import', bad, '--db', db, '--annotate', marked);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`bad cells marked in ${marked}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(marked);
    expect(String(book.getWorksheet('党员')!.getCell('C2').note)).toContain('IMPORT_UNKNOWN_VALUE');
  });

  it('answers a missing file, a file that is no workbook and bad arguments clearly', async () => {
    expect((await run('import', join(dir, 'nope.xlsx'), '--db', db)).err).toContain('ENOENT');
    const text = join(dir, 'text.xlsx');
    await writeFile(text, 'not a zip');
    const r = await run('import', text, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('IMPORT_UNREADABLE');
    expect((await run('import', '--db', db)).code).toBe(2);
    expect((await run('import', workbook, '--frobnicate')).code).toBe(2);
  });

  it('prints the report as JSON on request', async () => {
    const r = await run('import', workbook, '--db', db, '--dry-run', '--json');
    const report = JSON.parse(r.out) as { dryRun: boolean; sheets: { kind: string }[] };
    expect(report.dryRun).toBe(true);
    expect(report.sheets.map((s) => s.kind)).toEqual(['organisations', 'members']);
  });
});

describe('a write that fails inside the database', () => {
  it('is told as an internal error with the statement’s shape, never the names and phones it carried', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-import-fault-'));
    const db = `sqlite:${join(dir, 'county.db')}`;
    const organisations = join(dir, 'orgs.xlsx');
    await writeXlsx(organisations, [{ name: '组织', rows: countyOrgRows() }]);
    expect((await run('import', organisations, '--db', db)).code).toBe(0);
    // The database refuses every new member, as a full disk or a broken replica would.
    const database = await openDatabase({ url: db });
    await database.em.execute(
      "create trigger refuse_members before insert on points_member begin select raise(abort, 'refused by the test'); end",
    );
    await database.close();
    const rows = memberRows(2);
    const [name, mobile] = [String(rows[1]![1]), String(rows[1]![6])];
    const members = join(dir, 'members.xlsx');
    await writeXlsx(members, [{ name: '党员', rows }]);

    const r = await run('import', members, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('内部错误 internal error');
    expect(r.err).toMatch(/insert into/i);
    expect(r.err).not.toContain(name);
    expect(r.err).not.toContain(mobile);
  });
});
