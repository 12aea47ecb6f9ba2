import {
  buildOrgTree,
  checkMemberRow,
  fieldIssues,
  fieldsRow,
  type LocalDate,
  MEMBERS_SHEET,
  type OrgRow,
  placesOf,
  referenceProfile,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const admin: OrgRow[] = [
  { code: 'S1', parentCode: null, level: 'street', subtype: 'street', name: 'XX街道' },
  { code: 'C1', parentCode: 'S1', level: 'community', subtype: 'community', name: '汉江路社区' },
  { code: 'G11', parentCode: 'C1', level: 'grid', name: '第1网格' },
];
const party: OrgRow[] = [{ code: 'P1', parentCode: null, level: 'committee', name: '街道党委' }];
const rules = {
  categories: referenceProfile.points.categories,
  today: '2026-03-01' as LocalDate,
  places: placesOf(
    unwrap(buildOrgTree(admin, { kind: 'administrative' })),
    unwrap(buildOrgTree(party, { kind: 'party' })),
  ),
};

describe('fieldsRow: a register row from named fields, for the write API', () => {
  it('checks the fields by the import’s row rules, as if a sheet had those columns', () => {
    const { row, map, issues } = fieldsRow(MEMBERS_SHEET, {
      code: 'm1',
      name: '张三',
      category: '骨干类',
      branch: 'P1',
      grid: 'G11',
    });
    expect(issues).toEqual([]);
    const checked = checkMemberRow(row, map, rules);
    expect(checked.issues).toEqual([]);
    expect(checked.record).toMatchObject({ code: 'm1', category: 'backbone', community: 'C1', street: 'S1' });
    // Only the fields given are columns of the row: the others keep what is stored.
    expect([...checked.record!.present].sort()).toEqual(['branch', 'category', 'code', 'grid', 'name']);
  });

  it('a null field is a blank cell (clears it); cell rules apply; issues name the field', () => {
    const { row, map, issues } = fieldsRow(MEMBERS_SHEET, {
      code: 'm1',
      name: null,
      category: '=1+1',
      branch: 'P1',
      mobile: '123',
    });
    const checked = checkMemberRow(row, map, rules);
    const all = fieldIssues(MEMBERS_SHEET, [...issues, ...checked.issues], ['input']);
    expect(all.map((i) => `${i.path.join('.')}:${i.code}`).sort()).toEqual([
      'input.category:IMPORT_FORMULA',
      'input.mobile:MOBILE_FORMAT',
      'input.name:IMPORT_REQUIRED',
    ]);
  });

  it('a required field left out is reported under its key, not its header', () => {
    const { row, map } = fieldsRow(MEMBERS_SHEET, { code: 'm1', name: '张三' });
    const all = fieldIssues(MEMBERS_SHEET, checkMemberRow(row, map, rules).issues, []);
    expect(all.map((i) => i.path.join('.')).sort()).toEqual(['branch', 'category']);
  });
});
