import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  createGatewayServices,
  type GatewayServices,
  importRegisters,
  type Role,
  reportRequestOf,
  writeReport,
} from '@jiceng/gateway';
import { type Database, openDatabase, PointsLedgerRepository } from '@jiceng/persistence';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cell, countyOrgRows, MEMBER_HEADERS, memberRow, writeXlsx } from './onboarding-fixtures.js';
import { UNIT_HEADERS, UNIT_MEMBER_HEADERS } from './onboarding-unit-fixtures.js';
import { e2eDatabases } from './support.js';

const NOW = new Date('2026-03-02T02:00:00Z');

/** Members 0–11; the in-service ones (3 and 8) registered at a community of residence. */
function membersWithRegistration(): Cell[][] {
  const rows: Cell[][] = [[...MEMBER_HEADERS, '报到社区']];
  for (let i = 0; i < 12; i++) rows.push([...memberRow(i), i === 3 ? 'K1S1C2' : i === 8 ? 'K1S1C1' : '']);
  return rows;
}

describe.each(e2eDatabases())('the dual-registration feedback per unit on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let services: GatewayServices;
  let dir: string;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    dir = await mkdtemp(join(tmpdir(), 'jiceng-unit-feedback-'));
    const path = join(dir, 'county.xlsx');
    await writeXlsx(path, [
      { name: '组织', rows: countyOrgRows() },
      { name: '党员', rows: membersWithRegistration() },
      {
        name: '驻区单位',
        rows: [
          UNIT_HEADERS,
          ['U1', '县人民医院', '机关事业单位', 'K1S1C1', 'PK1S1C1'],
          ['U3', '宏达物流公司', '非公企业和社会组织', 'K1S1C3', 'PK1S1C3'],
          ['U4', '东城小学', '机关事业单位', 'K1S1C2', 'PK1S1C2'],
        ],
      },
      {
        name: '在职党员报到',
        rows: [
          UNIT_MEMBER_HEADERS,
          ['M000000', 'U1', ''],
          ['M000003', 'U1', 'K1S1C2'],
          ['M000008', 'U3', 'K1S1C1'],
        ],
      },
    ]);
    const report = await importRegisters(ctx(), {
      file: { name: path, path, open: () => createReadStream(path) },
    });
    expect(report.issues).toEqual([]);
    await services.reloadOrgTrees();
    const ledger = new PointsLedgerRepository(db.em, { rules: (id) => services.profiles().history(id) });
    const record = async (key: string, member: string, community: string, date: string) => {
      const appended = await ledger.append({
        type: 'point',
        key,
        member,
        item: 'community_report_service',
        date,
        quantity: 1,
        evidence: ['签到表'],
        by: { role: 'community', id: community },
        on: date,
      });
      expect(appended.duplicate, key).toBe(false);
    };
    // M000003 served at their community in February; M000008 only in March.
    await record('fb/m3/feb', 'M000003', 'K1S1C2', '2026-02-10');
    await record('fb/m8/mar', 'M000008', 'K1S1C1', '2026-03-01');
  });

  afterAll(async () => {
    await services?.close();
    await db?.close();
    await drop?.();
  });

  function ctx(role: Role = 'county_admin', scope = 'K1') {
    return { principal: { subject: `test:${role}`, role, scope }, now: NOW, em: db.em.fork(), services };
  }

  async function sheets(role: Role, scope: string, input: { scope: string; month: string }) {
    const path = join(dir, `feedback-${role}-${input.scope}-${input.month}.xlsx`);
    const out = createWriteStream(path);
    await writeReport(ctx(role, scope), reportRequestOf({ kind: 'feedback', ...input }), out, {
      requestId: 't',
    });
    await finished(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    return book.worksheets.map((ws) => ({
      name: ws.name,
      rows: ws
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1)),
    }));
  }

  it('lists, per unit and addressed to its party organisation, the members with no community activity in the month', async () => {
    const [summary, inactive] = await sheets('county_admin', 'K1', { scope: 'K1S1', month: '2026-02' });
    expect(summary!.name).toBe('2026-02双报到反馈');
    expect(summary!.rows.map((r) => r.slice(0, 7))).toEqual([
      ['U1', '县人民医院', 'PK1S1C1', 'K1S1C1', 2, 1, 1],
      ['U3', '宏达物流公司', 'PK1S1C3', 'K1S1C3', 1, 0, 1],
      ['U4', '东城小学', 'PK1S1C2', 'K1S1C2', 0, 0, 0],
    ]);
    expect(String(summary!.rows[0]![7])).toContain('1 名参加了社区活动');
    expect(inactive!.name).toBe('未参加社区活动党员');
    expect(inactive!.rows).toEqual([
      ['U1', '县人民医院', 'PK1S1C1', 'M000000', memberRow(0)[1], 'K1S1C1'],
      ['U3', '宏达物流公司', 'PK1S1C3', 'M000008', memberRow(8)[1], 'K1S1C1'],
    ]);
    // March: M000008 served, M000003 did not.
    const [march] = await sheets('county_admin', 'K1', { scope: 'K1S1', month: '2026-03' });
    expect(march!.rows.map((r) => r.slice(4, 7))).toEqual([
      [2, 0, 2],
      [1, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('is scoped like points.read: a community administrator gets the units registered at their community', async () => {
    const [summary] = await sheets('community_admin', 'K1S1C3', { scope: 'K1S1C3', month: '2026-02' });
    expect(summary!.rows.map((r) => r[0])).toEqual(['U3']);
    await expect(
      sheets('community_admin', 'K1S1C3', { scope: 'K1S1C1', month: '2026-02' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => reportRequestOf({ kind: 'feedback', scope: 'K1S1', month: '2026-13' })).toThrow(
      /needs a month \(YYYY-MM\)/,
    );
  });
});
