import {
  buildOrgTree,
  type CellValue,
  checkUnitMemberRefs,
  checkUnitMemberRow,
  checkUnitRow,
  type OrgRow,
  placesOf,
  planUnit,
  planUnitMember,
  readDataRow,
  readHeaderRow,
  type SheetSpec,
  UNIT_MEMBERS_SHEET,
  UNITS_SHEET,
  unitKindOf,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const admin: OrgRow[] = [
  { code: 'S1', parentCode: null, level: 'street', subtype: 'street', name: 'XX街道' },
  { code: 'C1', parentCode: 'S1', level: 'community', subtype: 'community', name: '汉江路社区' },
  { code: 'G11', parentCode: 'C1', level: 'grid', name: '汉江路第1网格' },
];
const party: OrgRow[] = [
  { code: 'P1', parentCode: null, level: 'committee', name: 'XX街道党工委' },
  { code: 'PC1', parentCode: 'P1', level: 'community_org', name: '汉江路社区党委', counterpart: 'C1' },
];
const places = placesOf(
  unwrap(buildOrgTree(admin, { kind: 'administrative' })),
  unwrap(buildOrgTree(party, { kind: 'party' })),
);

function read<K extends string>(spec: SheetSpec<K>, headers: string[], cells: CellValue[]) {
  const header = readHeaderRow(spec, 'x', 1, headers);
  expect(header.issues).toEqual([]);
  const row = readDataRow(spec, header.map, 2, cells);
  return { map: header.map, row: row.row! };
}

describe('dual registration register rows', () => {
  it('reads a unit by community and party organisation names, its kind in Chinese or English', () => {
    const { map, row } = read(
      UNITS_SHEET,
      ['单位代码', '单位名称', '单位类别', '报到社区', '单位党组织'],
      ['U1', '县税务局', '机关事业单位', '汉江路社区', '汉江路社区党委'],
    );
    const { record, issues } = checkUnitRow(row, map, places);
    expect(issues).toEqual([]);
    expect(record).toEqual({
      code: 'U1',
      name: '县税务局',
      kind: 'institution',
      community: 'C1',
      branch: 'PC1',
    });
    expect(planUnit(undefined, record!).change).toBe('added');
    expect(planUnit(record, record!).change).toBe('unchanged');
    expect(planUnit({ ...record!, kind: 'village' }, record!)).toMatchObject({
      change: 'updated',
      fields: ['kind'],
    });
    expect(['村', 'enterprise', ' 社会组织 ', 'Village'].map(unitKindOf)).toEqual([
      'village',
      'non_public_and_social',
      'non_public_and_social',
      'village',
    ]);
    expect(unitKindOf('医院')).toBeUndefined();
  });

  it('refuses an unknown kind, a grid for a community and an unknown party organisation, each in its cell', () => {
    const { map, row } = read(
      UNITS_SHEET,
      ['单位代码', '单位名称', '单位类别', '报到社区', '单位党组织'],
      ['U1', '县税务局', '医院', 'G11', 'P_NONE'],
    );
    const { record, issues } = checkUnitRow(row, map, places);
    expect(record).toBeUndefined();
    expect(issues.map((i) => [i.cell, i.code])).toEqual([
      ['C2', 'IMPORT_UNKNOWN_VALUE'],
      ['D2', 'IMPORT_WRONG_LEVEL'],
      ['E2', 'IMPORT_UNKNOWN_NODE'],
    ]);
    expect(issues[0]!.message.zh).toContain('机关事业单位、非公企业和社会组织、村');
  });

  it('holds an in-service member to their unit’s party organisation', () => {
    const { map, row } = read(
      UNIT_MEMBERS_SHEET,
      ['党员编号', '所在单位', '报到社区'],
      ['M1', 'U1', '汉江路社区'],
    );
    const { record, issues } = checkUnitMemberRow(row, map, places);
    expect(issues).toEqual([]);
    expect(record!.registration).toEqual({ member: 'M1', unit: 'U1', community: 'C1' });
    expect(checkUnitMemberRefs(record!, 'PC1', { branch: 'PC1' })).toEqual([]);
    const wrong = checkUnitMemberRefs(record!, 'P1', { branch: 'PC1' });
    expect(wrong.map((i) => [i.cell, i.code, i.details])).toEqual([
      ['A2', 'IMPORT_WRONG_BRANCH', { member: 'M1', branch: 'P1', unit: 'U1', unitBranch: 'PC1' }],
    ]);
    expect(checkUnitMemberRefs(record!, undefined, undefined).map((i) => [i.cell, i.code])).toEqual([
      ['A2', 'IMPORT_UNKNOWN_KEY'],
      ['B2', 'IMPORT_UNKNOWN_KEY'],
    ]);
    expect(planUnitMember({ member: 'M1', unit: 'U2', community: 'C1' }, record!.registration)).toMatchObject(
      {
        change: 'updated',
        fields: ['unit'],
      },
    );
  });
});
