import {
  BUILDINGS_SHEET,
  buildOrgTree,
  type CellValue,
  checkBuildingRow,
  checkTeamRow,
  checkTeamWorkers,
  checkWorkerRow,
  type OrgRow,
  placesOf,
  planBuilding,
  planWorker,
  readDataRow,
  readHeaderRow,
  type SheetSpec,
  TEAMS_SHEET,
  unwrap,
  WORKERS_SHEET,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const admin: OrgRow[] = [
  { code: 'S1', parentCode: null, level: 'street', subtype: 'street', name: 'XX街道' },
  { code: 'C1', parentCode: 'S1', level: 'community', subtype: 'community', name: '汉江路社区' },
  { code: 'C2', parentCode: 'S1', level: 'community', subtype: 'community', name: '胜利街社区' },
  { code: 'G11', parentCode: 'C1', level: 'grid', name: '汉江路第1网格' },
  { code: 'G21', parentCode: 'C2', level: 'grid', name: '胜利街第1网格' },
];
const places = placesOf(unwrap(buildOrgTree(admin, { kind: 'administrative' })), undefined);

function read<K extends string>(spec: SheetSpec<K>, headers: string[], cells: CellValue[]) {
  const header = readHeaderRow(spec, 'x', 1, headers);
  expect(header.issues).toEqual([]);
  const row = readDataRow(spec, header.map, 2, cells);
  return { map: header.map, row: row.row!, issues: row.issues };
}

describe('grid register rows', () => {
  it('reads a building by community and grid names, with its households and coordinates', () => {
    const { map, row } = read(
      BUILDINGS_SHEET,
      ['楼栋编号', '所在社区', '网格', '户数', '经度', '纬度'],
      ['B1', '汉江路社区', '汉江路第1网格', 48, '112.7031', 32.0052],
    );
    const { record, issues } = checkBuildingRow(row, map, places);
    expect(issues).toEqual([]);
    expect(record).toMatchObject({
      code: 'B1',
      community: 'C1',
      grid: 'G11',
      households: 48,
      location: [112.7031, 32.0052],
    });
    // A new building without an address order takes its row number; without an address column the stored one stays.
    const plan = planBuilding(undefined, record!);
    expect(plan).toMatchObject({ change: 'added', next: { addressOrder: 2, address: null } });
    expect(planBuilding(plan.next, record!).change).toBe('unchanged');
    expect(planBuilding({ ...plan.next, households: 40 }, record!)).toMatchObject({
      change: 'updated',
      fields: ['households'],
    });
  });

  it('refuses a grid outside the community, a fractional household count and half a position', () => {
    const { map, row } = read(
      BUILDINGS_SHEET,
      ['楼栋编号', '所在社区', '网格', '户数', '经度', '纬度'],
      ['B1', 'C1', 'G21', 4.5, 200, null],
    );
    expect(checkBuildingRow(row, map, places).issues.map((i) => [i.cell, i.code])).toEqual([
      ['C2', 'IMPORT_GRID_OUTSIDE_COMMUNITY'],
      ['D2', 'IMPORT_INVALID_NUMBER'],
      ['E2', 'IMPORT_INVALID_NUMBER'],
      ['F2', 'IMPORT_HALF_COORDINATES'],
    ]);
  });

  it('reads a worker, refuses 否 with a member code, and keeps the stored link when the sheet has no member columns', () => {
    const { map, row } = read(
      WORKERS_SHEET,
      ['网格员编号', '姓名', '居住社区', '党员编号', '是否党员'],
      ['W1', '李', 'C1', 'm1', '否'],
    );
    expect(checkWorkerRow(row, map, places).issues.map((i) => i.code)).toEqual(['IMPORT_UNKNOWN_VALUE']);
    const plain = read(WORKERS_SHEET, ['网格员编号', '姓名', '居住社区'], ['W1', '李四', 'C1']);
    const { record } = checkWorkerRow(plain.row, plain.map, places);
    const stored = { code: 'W1', name: '李', homeCommunity: 'C1', isPartyMember: true, memberCode: 'm1' };
    expect(planWorker(stored, record!)).toMatchObject({
      change: 'updated',
      fields: ['name'],
      next: { memberCode: 'm1' },
    });
  });

  it('checks a team: its workers known, from the grid’s community, within the profile’s grids per worker', () => {
    const { map, row } = read(TEAMS_SHEET, ['网格', '网格员'], ['汉江路第1网格', 'W1、W2，W3']);
    const { record, issues } = checkTeamRow(row, map, places);
    expect(issues).toEqual([]);
    expect(record?.team).toEqual({ grid: 'G11', workers: ['W1', 'W2', 'W3'] });
    const workers = new Map([
      ['W1', { homeCommunity: 'C1' }],
      ['W2', { homeCommunity: 'C2' }],
    ]);
    const seen = new Map([['W1', 1]]);
    expect(
      checkTeamWorkers(record!, (c) => workers.get(c), seen, { maxGridsPerWorker: 1 }).map((i) => [
        i.code,
        i.details?.['worker'] ?? i.details?.['key'],
      ]),
    ).toEqual([
      ['IMPORT_TOO_MANY_GRIDS', 'W1'],
      ['IMPORT_WRONG_COMMUNITY', 'W2'],
      ['IMPORT_UNKNOWN_KEY', 'W3'],
    ]);
  });
});
