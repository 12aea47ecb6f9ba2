import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGatewayServices,
  type GatewayServices,
  type ImportReport,
  importRegisters,
} from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cell, countyOrgRows, csvText, writeXlsx } from './onboarding-fixtures.js';
import {
  BUILDING_HEADERS,
  buildingRows,
  memberRowsWithBuildings,
  teamRows,
  workerRows,
} from './onboarding-grid-fixtures.js';
import { e2eDatabases } from './support.js';

const NOW = new Date('2026-03-02T02:00:00Z');
type Rows = readonly (readonly Cell[])[];

describe.each(e2eDatabases())('grid registers import on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let services: GatewayServices;
  let dir: string;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    dir = await mkdtemp(join(tmpdir(), 'jiceng-grid-import-'));
  });

  afterAll(async () => {
    await services?.close();
    await db?.close();
    await drop?.();
  });

  let files = 0;
  const run = async (
    sheets: { name: string; rows: Rows }[],
    options: { dryRun?: boolean; removeMissing?: boolean } = {},
  ): Promise<ImportReport> => {
    const path = join(dir, `f${files++}.xlsx`);
    await writeXlsx(path, sheets);
    return importRegisters(
      {
        principal: { subject: 'cli:test', role: 'county_admin' as const, scope: 'K1' },
        now: NOW,
        em: db.em.fork(),
        services,
      },
      { file: { name: path, open: () => createReadStream(path) }, ...options },
    );
  };
  const counts = (r: ImportReport) => Object.fromEntries(r.sheets.map((s) => [s.kind, s.counts]));
  const query = async <R>(sql: string) => (await db.em.fork().getConnection().execute(sql)) as R[];
  // exceljs's streaming reader loses the workbook part of a file of five sheets on a busy machine
  // (see docs/onboarding.md), so the county comes in two workbooks of at most three sheets, each
  // with its sheets in reverse dependency order.
  const full = (over: Partial<Record<string, Rows>> = {}) => [
    [
      { name: '楼栋', rows: over['buildings'] ?? buildingRows() },
      { name: '组织', rows: over['organisations'] ?? countyOrgRows() },
    ],
    [
      { name: '网格团队', rows: over['teams'] ?? teamRows() },
      { name: '网格员', rows: over['workers'] ?? workerRows() },
      { name: '党员', rows: over['members'] ?? memberRowsWithBuildings(12) },
    ],
  ];
  /** Imports the two workbooks; the second only when the first was clean. */
  const runBoth = async (
    books: { name: string; rows: Rows }[][],
    options: { dryRun?: boolean; removeMissing?: boolean } = {},
  ) => {
    const first = await run(books[0]!, options);
    if (first.issueCount > 0) return first;
    const second = await run(books[1]!, options);
    return { ...second, sheets: [...first.sheets, ...second.sheets] };
  };

  it('a dry run counts what the grid sheets would add, read in dependency order though they come last first', async () => {
    const report = await run(full()[0]!, { dryRun: true });
    expect(report.issues).toEqual([]);
    expect(report.sheets.map((s) => s.kind)).toEqual(['organisations', 'buildings']);
    expect(counts(report)).toMatchObject({ buildings: { added: 12, updated: 0, unchanged: 0 } });
    expect(await query('select id from grid_building')).toEqual([]);
    expect(await query('select id from grid_worker')).toEqual([]);
  });

  it('imports buildings, workers and teams into the grid tables, with members in their buildings', async () => {
    const report = await runBoth(full());
    expect(report.issues).toEqual([]);
    expect(report.applied).toBe(true);
    const [b] = await query<Record<string, unknown>>("select * from grid_building where id = 'B212'");
    expect(b).toMatchObject({ community_code: 'K1S1C2', grid_code: 'K1S1C2G1', address: '东城路212号' });
    expect(Number(b!['households'])).toBe(42);
    expect(Number(b!['x'])).toBeCloseTo(112.72);
    const [m] = await query<{ building_id: string }>(
      "select building_id from points_member where code = 'M000004'",
    );
    expect(m?.building_id).toBe('B221');
    const workers = await query<{ id: string; party_member_id: string | null; is_party_member: unknown }>(
      'select id, party_member_id, is_party_member from grid_worker order by id',
    );
    expect(workers).toHaveLength(12);
    expect(workers[0]).toMatchObject({ id: 'W11', party_member_id: 'M000000' });
    expect(Boolean(workers[0]!.is_party_member)).toBe(true);
    expect(workers[1]!.party_member_id).toBeNull();
    const team = await query<{ worker_id: string }>(
      "select worker_id from grid_team_member where grid_code = 'K1S1C3G2' order by position",
    );
    expect(team.map((t) => t.worker_id)).toEqual(['W33', 'W34']);
  });

  it('importing the same file again changes nothing', async () => {
    const report = await runBoth(full());
    expect(report.issues).toEqual([]);
    for (const kind of ['buildings', 'members', 'workers', 'teams']) {
      expect(counts(report)[kind], kind).toMatchObject({ added: 0, updated: 0, missing: 0, removed: 0 });
    }
    expect(counts(report)['teams']).toMatchObject({ unchanged: 6 });
  });

  it('refuses bad cells with their sheet, row, column and code, and writes nothing', async () => {
    const buildings = buildingRows();
    buildings[1] = ['B111', 'K1S1C1', 'K1S1C2G1', '', '四十', '112.7', ''];
    const workers = workerRows();
    workers[2] = ['W12', '网格员12', '东城第1社区', 'M999999', '是'];
    const teams = teamRows();
    teams[1] = ['K1S1C1G1', 'W11、W21'];
    teams[2] = ['K1S1C1G2', 'W13、W13'];
    const members = memberRowsWithBuildings(12);
    members[2] = [...members[2]!.slice(0, 8), 'B999'];
    const books = full({ buildings, workers, teams, members });
    const places = await run(books[0]!);
    expect(places.applied).toBe(false);
    expect(places.issues.map((i) => [i.sheet, i.cell, i.column, i.code])).toEqual([
      ['楼栋', 'C2', '网格', 'IMPORT_GRID_OUTSIDE_COMMUNITY'],
      ['楼栋', 'E2', '户数', 'IMPORT_INVALID_NUMBER'],
      ['楼栋', 'G2', '纬度', 'IMPORT_HALF_COORDINATES'],
    ]);
    const report = await run(books[1]!);
    expect(report.applied).toBe(false);
    const found = report.issues.map((i) => [i.sheet, i.cell, i.column, i.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['党员', 'I3', '楼栋', 'IMPORT_UNKNOWN_KEY'],
        ['网格员', 'D3', '党员编号', 'IMPORT_UNKNOWN_KEY'],
        ['网格团队', 'B2', '网格员', 'IMPORT_WRONG_COMMUNITY'],
        // W21 serves C2G1 too (row 4): more grids than the profile's one.
        ['网格团队', 'B4', '网格员', 'IMPORT_TOO_MANY_GRIDS'],
        ['网格团队', 'B3', '网格员', 'IMPORT_DUPLICATE_KEY'],
      ]),
    );
    expect(report.issues.every((i) => i.message.zh !== '' && i.message.en !== '')).toBe(true);
    const [b] = await query<{ households: number }>("select households from grid_building where id = 'B111'");
    expect(Number(b?.households)).toBe(41);
  });

  it('updates a changed row by its key', async () => {
    const buildings = buildingRows();
    buildings[1] = ['B111', 'K1S1C1', 'K1S1C1G1', '东城路111号（改）', 55, 112.71, 32.01];
    const workers = workerRows();
    workers[2] = ['W12', '网格员十二', '东城第1社区', 'M000003', ''];
    const teams = teamRows();
    teams[1] = ['K1S1C1G1', 'W12、W11'];
    const report = await runBoth(full({ buildings, workers, teams }));
    expect(report.issues).toEqual([]);
    expect(counts(report)).toMatchObject({
      buildings: { updated: 1, unchanged: 11 },
      workers: { updated: 1, unchanged: 11 },
      teams: { updated: 1, unchanged: 5 },
    });
    const [b] = await query<{ households: number; address: string }>(
      "select households, address from grid_building where id = 'B111'",
    );
    expect(Number(b?.households)).toBe(55);
    expect(b?.address).toBe('东城路111号（改）');
    const [w] = await query<{ name: string; party_member_id: string }>(
      "select name, party_member_id from grid_worker where id = 'W12'",
    );
    expect(w).toMatchObject({ name: '网格员十二', party_member_id: 'M000003' });
    const team = await query<{ worker_id: string }>(
      "select worker_id from grid_team_member where grid_code = 'K1S1C1G1' order by position",
    );
    expect(team.map((t) => t.worker_id)).toEqual(['W12', 'W11']);
  });

  it('reports rows gone, removes them only with removeMissing, and holds what something kept needs', async () => {
    // Worker W14 leaves the file; W14 is still in C1G2's team, which stays.
    const workers = workerRows().filter((r) => r[0] !== 'W14');
    const buildings = buildingRows();
    const kept = await runBoth(full({ workers, buildings }));
    expect(kept.issues).toEqual([]);
    expect(counts(kept)).toMatchObject({ workers: { missing: 1, removed: 0 }, buildings: { missing: 0 } });
    expect(kept.sheets.find((s) => s.kind === 'workers')?.missing).toEqual(['W14']);

    const held = await runBoth(full({ workers, buildings }), { removeMissing: true });
    expect(held.applied).toBe(false);
    // The file's own team of C1G2 still names W14, which the import would remove.
    expect(held.issues.map((i) => [i.sheet, i.code, i.details?.['key']])).toEqual([
      ['网格团队', 'IMPORT_UNKNOWN_KEY', 'W14'],
    ]);

    const teams = teamRows().map((r) => (r[0] === '东城第1社区第2网格' ? [r[0], 'W13'] : r));
    const dry = await runBoth(full({ workers, buildings, teams }), { removeMissing: true, dryRun: true });
    expect(dry.issues).toEqual([]);
    expect(counts(dry)).toMatchObject({ workers: { missing: 1, removed: 1 } });
    expect(await query("select id from grid_worker where id = 'W14'")).toHaveLength(1);

    const removed = await runBoth(full({ workers, buildings, teams }), { removeMissing: true });
    expect(removed.issues).toEqual([]);
    expect(await query("select id from grid_worker where id = 'W14'")).toEqual([]);
  });

  it('refuses to remove a member a kept grid worker is linked to, and a building a kept member lives in', async () => {
    // M000000 leaves the members sheet, but W11 (not in this file) stays linked to them.
    const members = memberRowsWithBuildings(12).filter((r) => r[0] !== 'M000000');
    const linked = await run(
      [
        { name: '组织', rows: countyOrgRows() },
        { name: '党员', rows: members },
      ],
      { removeMissing: true },
    );
    expect(linked.applied).toBe(false);
    expect(linked.issues).toMatchObject([
      { sheet: '党员', code: 'IMPORT_STILL_IN_USE', details: { key: 'M000000', by: 'W11' } },
    ]);
    // B111 leaves the buildings sheet while M000000 (not in this file) lives in it.
    const buildings = buildingRows().filter((r) => r[0] !== 'B111');
    const lived = await run([{ name: '楼栋', rows: buildings }], { removeMissing: true });
    expect(lived.issues).toMatchObject([
      { sheet: '楼栋', code: 'IMPORT_STILL_IN_USE', details: { key: 'B111', by: 'M000000' } },
    ]);
    expect(await query("select id from grid_building where id = 'B111'")).toHaveLength(1);
  });

  it('imports a buildings CSV, one register per file, and reads it in its one pass', async () => {
    const path = join(dir, 'buildings.csv');
    await writeFile(
      path,
      csvText([BUILDING_HEADERS, ['B900', '东城第1社区', '', '东城路900号', 12, '', '']]),
    );
    const report = await importRegisters(
      {
        principal: { subject: 'cli:test', role: 'county_admin' as const, scope: 'K1' },
        now: NOW,
        em: db.em.fork(),
        services,
      },
      { file: { name: path, open: () => createReadStream(path) } },
    );
    expect(report.issues).toEqual([]);
    expect(report.sheets.map((s) => [s.kind, s.counts.added])).toEqual([['buildings', 1]]);
    const [b] = await query<{ community_code: string; grid_code: string | null }>(
      "select community_code, grid_code from grid_building where id = 'B900'",
    );
    expect(b).toMatchObject({ community_code: 'K1S1C1', grid_code: null });
  });
});
