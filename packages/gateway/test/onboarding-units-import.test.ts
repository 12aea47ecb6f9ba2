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
import { type Cell, countyOrgRows, memberRows, writeXlsx } from './onboarding-fixtures.js';
import { unitMemberRows, unitRows } from './onboarding-unit-fixtures.js';
import { e2eDatabases } from './support.js';

const NOW = new Date('2026-03-02T02:00:00Z');
type Rows = readonly (readonly Cell[])[];

describe.each(e2eDatabases())('stationed units and registered members import on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let services: GatewayServices;
  let dir: string;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    dir = await mkdtemp(join(tmpdir(), 'jiceng-units-import-'));
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
      { file: { name: path, path, open: () => createReadStream(path) }, ...options },
    );
  };
  const counts = (r: ImportReport) => Object.fromEntries(r.sheets.map((s) => [s.kind, s.counts]));
  const query = async <R>(sql: string) => (await db.em.fork().getConnection().execute(sql)) as R[];
  // Registrations first in the file: read after the units and members they name.
  const book = (over: Partial<Record<'units' | 'unitMembers' | 'members', Rows>> = {}) => [
    { name: '在职党员报到', rows: over.unitMembers ?? unitMemberRows() },
    { name: '驻区单位', rows: over.units ?? unitRows() },
    { name: '党员', rows: over.members ?? memberRows(12) },
    { name: '组织', rows: countyOrgRows() },
  ];

  it('a dry run counts the units and registrations it would add, and writes nothing', async () => {
    const report = await run(book(), { dryRun: true });
    expect(report.issues).toEqual([]);
    expect(report.sheets.map((s) => s.kind)).toEqual(['organisations', 'units', 'members', 'unitMembers']);
    expect(counts(report)).toMatchObject({
      units: { added: 3, updated: 0, unchanged: 0 },
      unitMembers: { added: 4, updated: 0, unchanged: 0 },
    });
    expect(await query('select code from stationed_unit')).toEqual([]);
  });

  it('stores units (names and codes resolved) and registrations; the same file again changes nothing', async () => {
    const report = await run(book());
    expect(report.issues).toEqual([]);
    expect(report.applied).toBe(true);
    const units = await query<Record<string, string>>('select * from stationed_unit order by code');
    expect(units).toEqual([
      {
        code: 'U1',
        name: '县人民医院',
        kind: 'institution',
        community_code: 'K1S1C1',
        branch_code: 'PK1S1C1',
      },
      { code: 'U2', name: '东城村', kind: 'village', community_code: 'K1S1C2', branch_code: 'PK1S1C2' },
      {
        code: 'U3',
        name: '宏达物流公司',
        kind: 'non_public_and_social',
        community_code: 'K1S1C3',
        branch_code: 'PK1S1C3',
      },
    ]);
    expect(await query('select * from stationed_unit_member order by member_code')).toEqual([
      { member_code: 'M000000', unit_code: 'U1', community_code: null },
      { member_code: 'M000001', unit_code: 'U2', community_code: null },
      { member_code: 'M000003', unit_code: 'U1', community_code: 'K1S1C2' },
      { member_code: 'M000005', unit_code: 'U3', community_code: 'K1S1C1' },
    ]);
    const again = await run(book());
    expect(again.issues).toEqual([]);
    expect(counts(again)).toMatchObject({
      units: { added: 0, updated: 0, unchanged: 3, missing: 0 },
      unitMembers: { added: 0, updated: 0, unchanged: 4, missing: 0 },
    });
  });

  it('updates by natural key, and a registrations sheet alone reads the stored units and members', async () => {
    const units = unitRows();
    units[1] = ['U1', '县第一人民医院', '机关', 'K1S1C1', 'PK1S1C1'];
    const report = await run([{ name: '驻区单位', rows: units }]);
    expect(report.issues).toEqual([]);
    expect(counts(report)['units']).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
    const members = unitMemberRows();
    members[2] = ['M000003', 'U1', ''];
    const moved = await run([{ name: '在职党员', rows: members }]);
    expect(moved.issues).toEqual([]);
    expect(counts(moved)['unitMembers']).toMatchObject({ updated: 1, unchanged: 3 });
    expect(await query<{ name: string }>("select name from stationed_unit where code = 'U1'")).toEqual([
      { name: '县第一人民医院' },
    ]);
    expect(
      await query<{ community_code: string | null }>(
        "select community_code from stationed_unit_member where member_code = 'M000003'",
      ),
    ).toEqual([{ community_code: null }]);
  });

  it('refuses bad cells with their code and both messages, and writes nothing', async () => {
    const units = unitRows();
    units[1] = ['U1', '县人民医院', '医院', 'K1S1C1G1', 'PK1S1C1'];
    units.push(['U4', '不存在的党组织单位', '村', 'K1S1C1', 'P_NONE']);
    const members = unitMemberRows();
    members.push(['M000002', 'U9', ''], ['M000004', 'U3', ''], ['M999999', 'U3', '']);
    const report = await run(book({ units, unitMembers: members }));
    expect(report.applied).toBe(false);
    const found = report.issues.map((i) => [i.sheet, i.cell, i.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['驻区单位', 'C2', 'IMPORT_UNKNOWN_VALUE'],
        ['驻区单位', 'D2', 'IMPORT_WRONG_LEVEL'],
        ['驻区单位', 'E5', 'IMPORT_UNKNOWN_NODE'],
        ['在职党员报到', 'B6', 'IMPORT_UNKNOWN_KEY'],
        ['在职党员报到', 'A7', 'IMPORT_WRONG_BRANCH'],
        ['在职党员报到', 'A8', 'IMPORT_UNKNOWN_KEY'],
      ]),
    );
    const wrongBranch = report.issues.find((i) => i.code === 'IMPORT_WRONG_BRANCH')!;
    expect(wrongBranch.message.zh).toContain('在职党员属于所在单位的党组织');
    expect(wrongBranch.message.en).toContain('belong to their unit');
    expect(await query("select code from stationed_unit where code = 'U4'")).toEqual([]);
    expect(await query<{ name: string }>("select name from stationed_unit where code = 'U1'")).toEqual([
      { name: '县第一人民医院' },
    ]);
  });

  it('reports rows gone, removes them only with removeMissing, and holds a unit a kept registration needs', async () => {
    const units = unitRows().filter((r) => r[0] !== 'U3');
    const reported = await run([{ name: '驻区单位', rows: units }]);
    expect(reported.issues).toEqual([]);
    expect(reported.sheets[0]).toMatchObject({ counts: { missing: 1, removed: 0 }, missing: ['U3'] });
    expect(await query("select code from stationed_unit where code = 'U3'")).toHaveLength(1);

    // U3's registration stays (no registrations sheet): the unit cannot go.
    const held = await run([{ name: '驻区单位', rows: units }], { removeMissing: true });
    expect(held.applied).toBe(false);
    expect(held.issues.map((i) => [i.code, i.details?.['key']])).toEqual([['IMPORT_STILL_IN_USE', 'U3']]);

    // A member registered with a unit stays while the registration does.
    const members = memberRows(12).filter((r) => r[0] !== 'M000005');
    const memberHeld = await run([{ name: '党员', rows: members }], { removeMissing: true });
    expect(memberHeld.issues.map((i) => [i.code, i.details?.['key']])).toEqual([
      ['IMPORT_STILL_IN_USE', 'M000005'],
    ]);

    // Both go together.
    const registrations = unitMemberRows().filter((r) => r[1] !== 'U3');
    const removed = await run(
      [
        { name: '驻区单位', rows: units },
        { name: '在职党员报到', rows: registrations },
      ],
      { removeMissing: true },
    );
    expect(removed.issues).toEqual([]);
    expect(counts(removed)).toMatchObject({
      units: { missing: 1, removed: 1 },
      unitMembers: { missing: 1, removed: 1 },
    });
    expect(await query("select code from stationed_unit where code = 'U3'")).toEqual([]);
    expect(
      await query("select member_code from stationed_unit_member where member_code = 'M000005'"),
    ).toEqual([]);
  });
});
