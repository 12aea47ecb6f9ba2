import { createReadStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
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
import { type Cell, countyOrgRows, writeXlsx } from './onboarding-fixtures.js';
import { buildingRows, memberRowsWithBuildings, teamRows, workerRows } from './onboarding-grid-fixtures.js';
import { unitMemberRows, unitRows } from './onboarding-unit-fixtures.js';
import { e2eDatabases } from './support.js';

const NOW = new Date('2026-03-02T02:00:00Z');
type Rows = readonly (readonly Cell[])[];

/**
 * Every register of a county in one workbook, its sheets in reverse dependency order and a notes
 * sheet among them, written by exceljs's streaming writer (the workbook part and shared strings
 * after the sheets in the zip). exceljs's streaming reader lost the workbook part of such a file
 * on a busy machine (IMPORT_NO_SHEET); the import now reads the zip's directory first, so the
 * same file is read whole every time.
 */
export function wholeCounty(): { name: string; rows: Rows }[] {
  return [
    { name: '在职党员报到', rows: unitMemberRows() },
    { name: '填写说明', rows: [['说明'], ['每个工作表一个名册']] },
    {
      name: '功能党小组',
      rows: [
        ['小组代码', '小组名称', '组建类型', '所属党组织', '成员'],
        ['FG01', '法律维权党小组', '志缘', 'PK1S1', 'M000000、M000004'],
      ],
    },
    { name: '网格团队', rows: teamRows() },
    { name: '网格员', rows: workerRows() },
    { name: '党员', rows: memberRowsWithBuildings(12) },
    { name: '楼栋', rows: buildingRows() },
    { name: '驻区单位', rows: unitRows() },
    { name: '组织', rows: countyOrgRows() },
  ];
}

describe.each(e2eDatabases())('a whole county in one workbook on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let services: GatewayServices;
  let path: string;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    path = join(await mkdtemp(join(tmpdir(), 'jiceng-whole-')), '县名册.xlsx');
    await writeXlsx(path, wholeCounty());
  });

  afterAll(async () => {
    await services?.close();
    await db?.close();
    await drop?.();
  });

  const run = (options: { dryRun?: boolean; viaStream?: boolean } = {}): Promise<ImportReport> =>
    importRegisters(
      {
        principal: { subject: 'cli:test', role: 'county_admin' as const, scope: 'K1' },
        now: NOW,
        em: db.em.fork(),
        services,
      },
      {
        // The CLI and an upload name the file on disk; a caller with a stream only has it copied.
        file: options.viaStream
          ? { name: path, open: () => createReadStream(path) }
          : { name: path, path, open: () => createReadStream(path) },
        dryRun: options.dryRun ?? false,
      },
    );
  const summary = (r: ImportReport) =>
    r.sheets.map((s) => [s.sheet, s.kind, s.rows, s.counts.added, s.counts.unchanged]);

  it('reads every sheet, in dependency order, on every one of several reads', async () => {
    const row = (sheet: string, kind: string, n: number, added: boolean) => [
      sheet,
      kind,
      n,
      added ? n : 0,
      added ? 0 : n,
    ];
    // Each register after those it names; among the ready ones, in the order of the file.
    const expected = (added: boolean) => [
      row('组织', 'organisations', 15, added),
      row('楼栋', 'buildings', 12, added),
      row('驻区单位', 'units', 3, added),
      row('党员', 'members', 12, added),
      row('在职党员报到', 'unitMembers', 4, added),
      row('功能党小组', 'groups', 1, added),
      row('网格员', 'workers', 12, added),
      row('网格团队', 'teams', 6, added),
    ];
    // Dry runs first (the whole file read, nothing written), then the import, then re-imports.
    for (let i = 0; i < 3; i++) {
      const dry = await run({ dryRun: true, viaStream: i === 1 });
      expect(dry.issues, `dry run ${i}`).toEqual([]);
      expect(summary(dry), `dry run ${i}`).toEqual(expected(true));
      expect(dry.skippedSheets).toEqual(['填写说明']);
    }
    const first = await run();
    expect(first.issues).toEqual([]);
    expect(first.applied).toBe(true);
    expect(summary(first)).toEqual(expected(true));
    for (let i = 0; i < 4; i++) {
      for (const report of [await run({ viaStream: i % 2 === 0 }), await run({ dryRun: true })]) {
        expect(report.issues, `re-import ${i}`).toEqual([]);
        expect(summary(report), `re-import ${i}`).toEqual(expected(false));
      }
    }
  });
});
