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
import { e2eDatabases } from './support.js';

const NOW = new Date('2026-03-02T02:00:00Z');
type Rows = readonly (readonly Cell[])[];
const GROUP_HEADERS = ['小组代码', '小组名称', '组建类型', '所属党组织', '成员'];

/** Two groups of members from several branches, anchored at the committee and a community organisation. */
function groupRows(): Cell[][] {
  return [
    GROUP_HEADERS,
    ['FG01', '法律维权党小组', '志缘', '东城街道党工委', 'M000000、M000004，M000008'],
    ['FG02', '书画党小组', 'interest', 'PK1S1C2', 'M000001'],
  ];
}

describe.each(e2eDatabases())('functional party groups import on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let services: GatewayServices;
  let dir: string;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    dir = await mkdtemp(join(tmpdir(), 'jiceng-groups-import-'));
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
  const members = async (group: string) =>
    (
      await query<{ member_code: string }>(
        `select member_code from functional_group_member where group_code = '${group}' order by position`,
      )
    ).map((r) => r.member_code);

  it('dry-runs, stores groups with their members in order, and changes nothing on the same file again', async () => {
    const book = [
      { name: '功能党小组', rows: groupRows() },
      { name: '党员', rows: memberRows(12) },
      { name: '组织', rows: countyOrgRows() },
    ];
    const dry = await run(book, { dryRun: true });
    expect(dry.issues).toEqual([]);
    expect(counts(dry)['groups']).toMatchObject({ added: 2 });
    expect(await query('select code from functional_group')).toEqual([]);
    const report = await run(book);
    expect(report.issues).toEqual([]);
    expect(await query('select code, name, basis, anchor_code from functional_group order by code')).toEqual([
      { code: 'FG01', name: '法律维权党小组', basis: 'aspiration', anchor_code: 'PK1S1' },
      { code: 'FG02', name: '书画党小组', basis: 'interest', anchor_code: 'PK1S1C2' },
    ]);
    expect(await members('FG01')).toEqual(['M000000', 'M000004', 'M000008']);
    const again = await run(book);
    expect(counts(again)['groups']).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
  });

  it('updates a group’s members by its code, and keeps them when the sheet has no members column', async () => {
    const rows = groupRows();
    rows[1] = ['FG01', '法律维权党小组', '志缘', 'PK1S1', 'M000008、M000000'];
    const report = await run([{ name: '功能党小组', rows }]);
    expect(report.issues).toEqual([]);
    expect(counts(report)['groups']).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await members('FG01')).toEqual(['M000008', 'M000000']);
    const renamed = await run([
      {
        name: '功能党小组',
        rows: [
          GROUP_HEADERS.slice(0, 4),
          ['FG02', '书画摄影党小组', '趣缘', 'PK1S1C2'],
          ['FG01', '法律维权党小组', '志缘', 'PK1S1'],
        ],
      },
    ]);
    expect(renamed.issues).toEqual([]);
    expect(await members('FG02')).toEqual(['M000001']);
  });

  it('refuses a bad basis, an unknown anchor, unknown and repeated members, writing nothing', async () => {
    const rows = groupRows();
    rows[1] = ['FG01', '法律维权党小组', '学缘', 'P_NONE', 'M000000、M999999'];
    rows.push(['FG03', '志愿服务党小组', '志缘', 'PK1S1', 'M000002、M000002']);
    const report = await run([{ name: '功能党小组', rows }]);
    expect(report.applied).toBe(false);
    expect(report.issues.map((i) => [i.cell, i.code])).toEqual([
      ['C2', 'IMPORT_UNKNOWN_VALUE'],
      ['D2', 'IMPORT_UNKNOWN_NODE'],
      ['E4', 'IMPORT_DUPLICATE_KEY'],
    ]);
    const unknown = await run([
      { name: '功能党小组', rows: [GROUP_HEADERS, ['FG01', '法律维权党小组', '志缘', 'PK1S1', 'M999999']] },
    ]);
    expect(unknown.issues.map((i) => [i.cell, i.code, i.details?.['key']])).toEqual([
      ['E2', 'IMPORT_UNKNOWN_KEY', 'M999999'],
    ]);
    expect(await members('FG01')).toEqual(['M000008', 'M000000']);
  });

  it('removes groups only with removeMissing, and holds a member a kept group lists', async () => {
    const withoutMember = memberRows(12).filter((r) => r[0] !== 'M000001');
    const held = await run([{ name: '党员', rows: withoutMember }], { removeMissing: true });
    expect(held.issues.map((i) => [i.code, i.details?.['key'], i.details?.['by']])).toEqual([
      ['IMPORT_STILL_IN_USE', 'M000001', 'FG02'],
    ]);
    const only = [GROUP_HEADERS, groupRows()[1]!];
    const reported = await run([{ name: '功能党小组', rows: only }]);
    expect(reported.sheets[0]).toMatchObject({ counts: { missing: 1, removed: 0 }, missing: ['FG02'] });
    const removed = await run([{ name: '功能党小组', rows: only }], { removeMissing: true });
    expect(removed.issues).toEqual([]);
    expect(counts(removed)['groups']).toMatchObject({ missing: 1, removed: 1 });
    expect(await query("select code from functional_group where code = 'FG02'")).toEqual([]);
    expect(await members('FG02')).toEqual([]);
  });
});
