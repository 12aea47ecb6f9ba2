import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGatewayServices,
  type GatewayServices,
  type ImportReport,
  importRegisters,
  listRegisterImports,
} from '@jiceng/gateway';
import { type Database, openDatabase, PointsMemberRepository } from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cell,
  countyOrgRows,
  csvText,
  MEMBER_HEADERS,
  memberRow,
  memberRows,
  writeXlsx,
} from './onboarding-fixtures.js';
import { e2eDatabases } from './support.js';

const NOW = new Date('2026-03-02T02:00:00Z');

describe.each(e2eDatabases())('register import on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let services: GatewayServices;
  let dir: string;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    dir = await mkdtemp(join(tmpdir(), 'jiceng-import-'));
  });

  afterAll(async () => {
    await services?.close();
    await db?.close();
    await drop?.();
  });

  const ctx = () => ({
    principal: { subject: 'cli:test', role: 'county_admin' as const, scope: 'K1' },
    now: NOW,
    em: db.em.fork(),
    services,
  });
  let files = 0;
  async function xlsx(sheets: { name: string; rows: readonly (readonly Cell[])[] }[]): Promise<string> {
    const path = join(dir, `f${files++}.xlsx`);
    await writeXlsx(path, sheets);
    return path;
  }
  const run = (
    path: string,
    options: { dryRun?: boolean; removeMissing?: boolean } = {},
  ): Promise<ImportReport> =>
    importRegisters(ctx(), { file: { name: path, open: () => createReadStream(path) }, ...options });
  const counts = (r: ImportReport) => Object.fromEntries(r.sheets.map((s) => [s.kind, s.counts]));
  const stored = async (codes: string[]) => new PointsMemberRepository(db.em).findByCodes(codes);
  const placements = async () =>
    (await db.em
      .fork()
      .getConnection()
      .execute(
        `select code as member_id, street_code, community_code, grid_code from points_member
          where street_code is not null order by code`,
      )) as {
      member_id: string;
      street_code: string;
      community_code: string;
      grid_code: string;
    }[];

  const base = () => [
    { name: '组织', rows: countyOrgRows() },
    { name: '党员', rows: memberRows(30) },
  ];

  it('a dry run of a fresh county shows what it would add and writes nothing', async () => {
    const report = await run(await xlsx(base()), { dryRun: true });
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ applied: false, dryRun: true });
    expect(counts(report)).toEqual({
      organisations: { added: 15, updated: 0, unchanged: 0, missing: 0, removed: 0 },
      members: { added: 30, updated: 0, unchanged: 0, missing: 0, removed: 0 },
    });
    expect(await stored(['M000000'])).toEqual([]);
    expect(services.orgTree('administrative')).toBeUndefined();
    expect(await listRegisterImports(ctx())).toEqual([]);
  });

  it('loads a whole county from a workbook: both trees, members in both tables, one record', async () => {
    const path = await xlsx(base());
    const report = await run(path);
    expect(report.issues).toEqual([]);
    expect(report.applied).toBe(true);
    expect(counts(report).members).toMatchObject({ added: 30 });
    // The gateway's trees were reloaded: the new county is what every permission check sees.
    expect(services.orgTree('administrative')?.nodes.map((n) => n.code)).toContain('K1S1C3G2');
    expect(services.orgTree('party')?.nodes).toHaveLength(4);
    const [m] = await stored(['M000004']);
    expect(m).toMatchObject({
      code: 'M000004',
      branch: 'PK1S1C2',
      community: 'K1S1C2',
      grid: 'K1S1C2G2',
      categories: [{ category: 'non_public', from: '2026-01-01' }],
      profileId: 'reference',
    });
    expect(m?.residentId).toBe(memberRow(4)[7]);
    const placed = await placements();
    expect(placed).toHaveLength(30);
    expect(placed.find((p) => p.member_id === 'M000004')).toMatchObject({
      street_code: 'K1S1',
      community_code: 'K1S1C2',
      grid_code: 'K1S1C2G2',
    });
    const [record] = await listRegisterImports(ctx());
    expect(record).toMatchObject({
      importedBy: 'cli:test',
      fileSha256: report.file.sha256,
      rows: 45,
      counts: { members: { added: 30 } },
    });
    expect(report.file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('importing the same file again changes nothing', async () => {
    const report = await run(await xlsx(base()));
    expect(report.issues).toEqual([]);
    expect(counts(report)).toEqual({
      organisations: { added: 0, updated: 0, unchanged: 15, missing: 0, removed: 0 },
      members: { added: 0, updated: 0, unchanged: 30, missing: 0, removed: 0 },
    });
    expect(await listRegisterImports(ctx())).toHaveLength(2);
  });

  it('a file with one bad cell writes nothing and names the cell; the good rows are not stored either', async () => {
    const rows = memberRows(31);
    rows[3] = [...rows[3]!.slice(0, 1), '改名了', ...rows[3]!.slice(2)];
    const id = String(rows[10]![7]);
    rows[10]![7] = `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;
    const report = await run(
      await xlsx([
        { name: '组织', rows: countyOrgRows() },
        { name: '党员', rows },
      ]),
    );
    expect(report.applied).toBe(false);
    expect(report.issues).toMatchObject([
      { sheet: '党员', row: 11, column: '身份证号', cell: 'H11', code: 'RESIDENT_ID_CHECKSUM' },
    ]);
    expect(report.issues[0]!.message.zh).toContain('校验码');
    // Neither the new member nor the changed name was kept.
    expect(await stored(['M000030'])).toEqual([]);
    expect((await stored(['M000002']))[0]?.name).toBe(memberRow(2)[1]);
    expect(await listRegisterImports(ctx())).toHaveLength(2);
  });

  it('a changed row updates by its code; a row gone is reported and kept', async () => {
    const rows = memberRows(30).filter((r) => r[0] !== 'M000029');
    rows[1] = ['M000000', '王零零', '普通类', 'PK1S1C2', 'K1S1C2G1', '', '13900000000', memberRow(0)[7]!];
    const report = await run(
      await xlsx([
        { name: '组织', rows: countyOrgRows() },
        { name: '党员', rows },
      ]),
    );
    expect(report.issues).toEqual([]);
    expect(counts(report).members).toEqual({ added: 0, updated: 1, unchanged: 28, missing: 1, removed: 0 });
    expect(report.sheets.find((s) => s.kind === 'members')?.missing).toEqual(['M000029']);
    const [m] = await stored(['M000000']);
    expect(m).toMatchObject({
      name: '王零零',
      branch: 'PK1S1C2',
      grid: 'K1S1C2G1',
      mobile: '13900000000',
      categories: [
        { category: 'backbone', from: '2026-01-01' },
        { category: 'ordinary', from: '2026-03-02' },
      ],
    });
    expect((await placements()).find((p) => p.member_id === 'M000000')).toMatchObject({
      grid_code: 'K1S1C2G1',
    });
    expect(await stored(['M000029'])).toHaveLength(1);
  });

  it('removes a row gone only with removeMissing, from both tables', async () => {
    const rows = memberRows(30).filter((r) => r[0] !== 'M000029');
    rows[1] = ['M000000', '王零零', '普通类', 'PK1S1C2', 'K1S1C2G1', '', '13900000000', memberRow(0)[7]!];
    const path = await xlsx([
      { name: '组织', rows: countyOrgRows() },
      { name: '党员', rows },
    ]);
    const dry = await run(path, { dryRun: true, removeMissing: true });
    expect(counts(dry).members).toEqual({ added: 0, updated: 0, unchanged: 29, missing: 1, removed: 1 });
    expect(await stored(['M000029'])).toHaveLength(1);
    const report = await run(path, { removeMissing: true });
    expect(report.issues).toEqual([]);
    expect(counts(report).members).toMatchObject({ missing: 1, removed: 1 });
    expect(await stored(['M000029'])).toEqual([]);
    expect((await placements()).map((p) => p.member_id)).not.toContain('M000029');
  });

  it('never removes a member with point entries: the ledger keeps them, the import is refused', async () => {
    await db.em
      .fork()
      .getConnection()
      .execute(
        `insert into points_ledger (key, type, member_code, entry_key, year, occurred_on, item, step_on, role, actor, payload)
         values ('k-import-1', 'point', 'M000028', 'k-import-1', 2026, '2026-02-01', 'volunteer_service', '2026-02-01', 'self', 'M000028', '{}')`,
      );
    const rows = memberRows(28);
    rows[1] = ['M000000', '王零零', '普通类', 'PK1S1C2', 'K1S1C2G1', '', '13900000000', memberRow(0)[7]!];
    const report = await run(
      await xlsx([
        { name: '组织', rows: countyOrgRows() },
        { name: '党员', rows },
      ]),
      {
        removeMissing: true,
      },
    );
    expect(report.applied).toBe(false);
    expect(report.issues).toMatchObject([{ code: 'IMPORT_STILL_IN_USE', details: { key: 'M000028' } }]);
    expect(await stored(['M000028'])).toHaveLength(1);
  });

  it('changes a tree by the organisations sheet and refuses to remove a node members still belong to', async () => {
    const orgs = countyOrgRows().filter((r) => r[0] !== 'K1S1C3G2');
    orgs.push(['K1S1C4', '东城第4社区', '行政', '社区', 'K1S1', '']);
    const rows = memberRows(30).filter((r) => r[0] !== 'M000029');
    rows[1] = ['M000000', '王零零', '普通类', 'PK1S1C2', 'K1S1C2G1', '', '13900000000', memberRow(0)[7]!];
    const refused = await run(
      await xlsx([
        { name: '组织', rows: orgs },
        { name: '党员', rows },
      ]),
      {
        removeMissing: true,
      },
    );
    expect(refused.applied).toBe(false);
    // Members of the file still live in that grid.
    expect(refused.issues.map((i) => i.code)).toContain('IMPORT_UNKNOWN_NODE');
    expect(services.orgTree('administrative')?.nodes.map((n) => n.code)).not.toContain('K1S1C4');
    const kept = await run(
      await xlsx([
        { name: '组织', rows: orgs },
        { name: '党员', rows },
      ]),
    );
    expect(kept.issues).toEqual([]);
    expect(counts(kept).organisations).toEqual({
      added: 1,
      updated: 0,
      unchanged: 14,
      missing: 1,
      removed: 0,
    });
    expect(services.orgTree('administrative')?.nodes.map((n) => n.code)).toContain('K1S1C4');
  });

  it('reads the members sheet after an organisations sheet that comes later in the workbook', async () => {
    const orgs = countyOrgRows();
    orgs.push(['K1S1C4', '东城第4社区', '行政', '社区', 'K1S1', '']);
    orgs.push(['PK1S1C4', '东城第4社区党委', '党组织', '社区党组织', 'PK1S1', 'K1S1C4']);
    const rows = memberRows(29);
    rows.push(['N000001', '新成员', '普通类', '东城第4社区党委', '', '', '', '']);
    const report = await run(
      await xlsx([
        { name: '说明', rows: [['本工作簿由某街道填写']] },
        { name: 'members', rows },
        { name: 'organisations', rows: orgs },
      ]),
    );
    expect(report.issues).toEqual([]);
    expect(report.skippedSheets).toEqual(['说明']);
    expect(counts(report).members).toMatchObject({ added: 1 });
    expect((await stored(['N000001']))[0]).toMatchObject({ branch: 'PK1S1C4' });
  });

  it('imports a members CSV in GB18030 as Excel on a Chinese Windows saves it', async () => {
    const rows: Cell[][] = [MEMBER_HEADERS, ['N000002', '赵国庆', '流动类', 'PK1S1C1', '', '', '', '']];
    const path = join(dir, 'members.csv');
    await writeFile(path, Buffer.from(new TextEncoder().encode(csvText(rows))));
    const utf8 = await run(path, { dryRun: true });
    expect(utf8.issues).toEqual([]);
    expect(counts(utf8).members).toMatchObject({ added: 1, unchanged: 0 });
    // A members-only file leaves the trees alone and reports no organisations sheet.
    expect(utf8.sheets.map((s) => s.kind)).toEqual(['members']);
    const gb = join(dir, 'members-gb.csv');
    await writeFile(gb, gb18030(csvText(rows)));
    const report = await run(gb);
    expect(report.issues).toEqual([]);
    expect((await stored(['N000002']))[0]).toMatchObject({
      name: '赵国庆',
      categories: [{ category: 'mobile' }],
    });
  });

  it('answers a malformed file with a clear error, never a crash', async () => {
    const notZip = join(dir, 'not-a-zip.xlsx');
    await writeFile(notZip, 'this is not a workbook');
    expect((await run(notZip)).issues.map((i) => i.code)).toEqual(['IMPORT_UNREADABLE']);
    const empty = join(dir, 'empty.xlsx');
    await writeFile(empty, '');
    expect((await run(empty)).issues.map((i) => i.code)).toEqual(['IMPORT_EMPTY']);
    const old = join(dir, 'old.xls');
    await writeFile(old, 'x');
    expect((await run(old)).issues.map((i) => i.code)).toEqual(['IMPORT_UNREADABLE']);
    const headless = join(dir, 'headless.csv');
    await writeFile(headless, 'a,b\n1,2\n');
    expect((await run(headless)).issues).toMatchObject([
      { code: 'IMPORT_NO_SHEET', message: { en: expect.stringContaining('header row') } },
    ]);
    const noSheet = await run(await xlsx([{ name: 'Sheet1', rows: [['a', 'b']] }]));
    expect(noSheet.issues.map((i) => i.code)).toEqual(['IMPORT_NO_SHEET']);
    expect(noSheet.issues[0]!.message.zh).toContain('Sheet1');
    const unknown = await run(
      await xlsx([
        {
          name: '党员',
          rows: [
            ['党员编号', '姓名', '类别', '所在支部', '性别'],
            ['M1', '甲', '普通类', 'PK1S1C1', '男'],
          ],
        },
      ]),
    );
    expect(unknown.issues).toMatchObject([{ code: 'IMPORT_UNKNOWN_HEADER', cell: 'E1', column: '性别' }]);
    const noHeader = await run(await xlsx([{ name: '党员', rows: [['x'], ['y']] }]));
    expect(noHeader.issues.map((i) => i.code)).toEqual(['IMPORT_NO_HEADER']);
    const dup = await run(await xlsx([{ name: '党员', rows: [MEMBER_HEADERS, memberRow(1), memberRow(1)] }]));
    expect(dup.issues).toMatchObject([{ code: 'IMPORT_DUPLICATE_KEY', cell: 'A3', details: { first: 2 } }]);
    // Nothing of any of these was recorded.
    expect((await listRegisterImports(ctx())).length).toBeLessThan(8);
  });
});

/** GB18030 bytes of text (the test's own encoder: TextEncoder only writes UTF-8). */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  // Every two-byte GBK code: enough for the characters of these rows.
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (pair === undefined) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}
