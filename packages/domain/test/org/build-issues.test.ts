import { buildOrgTree, type Issue, type OrgRow, type OrgTreeIssueCode, type TreeKind } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

function issuesOf(
  rows: readonly OrgRow[],
  kind: TreeKind = 'administrative',
): readonly Issue<OrgTreeIssueCode>[] {
  const result = buildOrgTree(rows, { kind });
  if (result.ok) throw new Error('expected the rows to be rejected');
  return result.issues;
}

function only(
  rows: readonly OrgRow[],
  code: OrgTreeIssueCode,
  kind: TreeKind = 'administrative',
): Issue<OrgTreeIssueCode> {
  const issues = issuesOf(rows, kind);
  expect(issues.map((i) => i.code)).toEqual([code]);
  return issues[0]!;
}

const county: OrgRow = { code: '330102', parentCode: null, level: 'county', name: '县' };
const street: OrgRow = { code: 'S1', parentCode: '330102', level: 'street', subtype: 'street', name: '街道' };
const community: OrgRow = { code: 'C1', parentCode: 'S1', level: 'community', name: '社区' };
const valid = [county, street, community];

/** Rows typed loosely, as they arrive from JSON, to reach the checks the types would prevent. */
const loose = (row: Record<string, unknown>): OrgRow => row as unknown as OrgRow;

describe('buildOrgTree issue codes', () => {
  it('accepts the valid base rows', () => {
    expect(buildOrgTree(valid, { kind: 'administrative' }).ok).toBe(true);
  });

  it('ORG_EMPTY_CODE for a blank or missing code, and for an empty parent code', () => {
    const issue = only([...valid, { ...community, code: '  ' }], 'ORG_EMPTY_CODE');
    expect(issue.path).toEqual([3, 'code']);
    expect(issue.message.en).toContain('row 3');
    expect(only([...valid, loose({ ...community, code: undefined })], 'ORG_EMPTY_CODE').path).toEqual([
      3,
      'code',
    ]);
    const parent = only([...valid, { ...community, code: 'C2', parentCode: '' }], 'ORG_EMPTY_CODE');
    expect(parent.path).toEqual([3, 'parentCode']);
    expect(parent.message.en).toContain('use null for the root');
  });

  it('ORG_INVALID_CODE for a "/" or surrounding white space', () => {
    const slash = only([...valid, { ...community, code: 'C/2' }], 'ORG_INVALID_CODE');
    expect(slash.details).toEqual({ code: 'C/2', row: 3 });
    expect(only([...valid, { ...community, code: 'C2 ' }], 'ORG_INVALID_CODE').path).toEqual([3, 'code']);
    expect(only([...valid, { ...community, code: '\u3000C2' }], 'ORG_INVALID_CODE').path).toEqual([
      3,
      'code',
    ]);
  });

  it('ORG_EMPTY_NAME for a blank name', () => {
    const issue = only([...valid, { ...community, code: 'C2', name: '\u3000' }], 'ORG_EMPTY_NAME');
    expect(issue.path).toEqual([3, 'name']);
    expect(issue.message.zh).toContain('“C2”');
  });

  it('ORG_DUPLICATE_CODE names both rows', () => {
    const issue = only([...valid, { ...community, name: '另一个社区' }], 'ORG_DUPLICATE_CODE');
    expect(issue.path).toEqual([3, 'code']);
    expect(issue.details).toEqual({ code: 'C1', row: 3, firstRow: 2 });
    expect(issue.message.en).toBe('duplicate node code "C1": row 3 repeats row 2');
  });

  it('ORG_INVALID_LEVEL for a level of the other tree kind or an unknown one', () => {
    const issue = only([...valid, { ...community, code: 'X', level: 'branch' }], 'ORG_INVALID_LEVEL');
    expect(issue.path).toEqual([3, 'level']);
    expect(issue.message.en).toContain('"branch"');
    expect(only([county, loose({ ...street, level: 'province' })], 'ORG_INVALID_LEVEL').path).toEqual([
      1,
      'level',
    ]);
    expect(
      only([{ ...county, level: 'committee' }], 'ORG_INVALID_LEVEL', 'administrative').details,
    ).toMatchObject({
      level: 'committee',
    });
  });

  it('ORG_INVALID_SUBTYPE for a subtype of another level', () => {
    const issue = only([county, { ...street, subtype: 'village' }], 'ORG_INVALID_SUBTYPE');
    expect(issue.path).toEqual([1, 'subtype']);
    expect(issue.details).toMatchObject({ subtype: 'village', allowed: ['street', 'township'] });
    expect(only([{ ...county, subtype: 'street' }], 'ORG_INVALID_SUBTYPE').message.en).toContain(
      'takes no subtype',
    );
    expect(buildOrgTree([county, { ...street, subtype: 'township' }], { kind: 'administrative' }).ok).toBe(
      true,
    );
  });

  it('ORG_PARENT_NOT_FOUND for an orphan', () => {
    const issue = only([...valid, { ...community, code: 'C2', parentCode: 'S9' }], 'ORG_PARENT_NOT_FOUND');
    expect(issue.path).toEqual([3, 'parentCode']);
    expect(issue.details).toEqual({ code: 'C2', row: 3, parentCode: 'S9' });
    expect(issue.message.zh).toBe('节点“C2”（第 3 行）的上级“S9”不存在');
  });

  it('ORG_CYCLE names every member of the cycle, starting from its first row', () => {
    const rows: OrgRow[] = [
      county,
      { code: 'A', parentCode: 'C', level: 'community', name: 'a' },
      { code: 'B', parentCode: 'A', level: 'community', name: 'b' },
      { code: 'C', parentCode: 'B', level: 'community', name: 'c' },
    ];
    const cycles = issuesOf(rows).filter((i) => i.code === 'ORG_CYCLE');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.details).toEqual({ codes: ['A', 'C', 'B'], rows: [1, 3, 2] });
    expect(cycles[0]?.path).toEqual([1, 'parentCode']);
    expect(cycles[0]?.message.en).toContain('"A" → "C" → "B" → "A"');
  });

  it('ORG_CYCLE for a node that is its own parent, without a nesting issue', () => {
    const issue = only([county, { ...street, parentCode: 'S1' }, { ...street, code: 'S2' }], 'ORG_CYCLE');
    expect(issue.details).toEqual({ codes: ['S1'], rows: [1] });
  });

  it('ORG_CYCLE reports a cycle of 200,000 nodes without overflowing, naming the first few', () => {
    const n = 200_000;
    const rows: OrgRow[] = [county];
    for (let i = 0; i < n; i++)
      rows.push({ code: `N${i}`, parentCode: `N${(i + 1) % n}`, level: 'grid', name: 'g' });
    const cycles = issuesOf(rows).filter((i) => i.code === 'ORG_CYCLE');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.details?.['codes']).toHaveLength(n);
    expect(cycles[0]?.message.en).toContain('(200000 nodes in all)');
  });

  it('ORG_NO_ROOT for no rows, and for rows that all have parents', () => {
    expect(only([], 'ORG_NO_ROOT').message.en).toBe('there are no rows');
    const issues = issuesOf([
      { ...street, parentCode: 'S2' },
      { ...street, code: 'S2', parentCode: 'S1' },
    ]);
    expect(issues.map((i) => i.code)).toEqual(['ORG_NO_ROOT', 'ORG_CYCLE']);
    expect(issues[0]?.path).toEqual([]);
  });

  it('ORG_MULTIPLE_ROOTS lists every root with its row', () => {
    const issue = only(
      [county, { ...county, code: '330103' }, street, { ...street, code: 'S2', parentCode: null }],
      'ORG_MULTIPLE_ROOTS',
    );
    expect(issue.details).toEqual({ codes: ['330102', '330103', 'S2'], rows: [0, 1, 3] });
    expect(issue.message.en).toContain('"330102@0", "330103@1", "S2@3"');
  });

  it('ORG_LEVEL_NESTING for going upward or sideways, not for skipping the compound', () => {
    const upward = only(
      [county, street, community, { code: 'S2', parentCode: 'C1', level: 'street', name: '街道' }],
      'ORG_LEVEL_NESTING',
    );
    expect(upward.path).toEqual([3, 'level']);
    expect(upward.details).toMatchObject({
      code: 'S2',
      parentCode: 'C1',
      level: 'street',
      parentLevel: 'community',
    });
    expect(upward.message.zh).toBe('街道/乡镇“S2”（第 3 行）不能位于社区/村“C1”之下；其上级层级应为：县');
    const sideways = only([...valid, { ...community, code: 'C2', parentCode: 'C1' }], 'ORG_LEVEL_NESTING');
    expect(sideways.details).toMatchObject({
      level: 'community',
      parentLevel: 'community',
      allowed: ['street'],
    });
    const skipsStreet = only([county, { ...community, parentCode: '330102' }], 'ORG_LEVEL_NESTING');
    expect(skipsStreet.path).toEqual([1, 'level']);
    const gridUnderCommunity: OrgRow = { code: 'G1', parentCode: 'C1', level: 'grid', name: '网格' };
    expect(buildOrgTree([...valid, gridUnderCommunity], { kind: 'administrative' }).ok).toBe(true);
    const buildingUnderCommunity: OrgRow = { code: 'B1', parentCode: 'C1', level: 'building', name: '楼' };
    expect(only([...valid, buildingUnderCommunity], 'ORG_LEVEL_NESTING').details).toMatchObject({
      allowed: ['grid'],
    });
  });

  it('ORG_LEVEL_NESTING in the party tree: grid groups may skip the branch, branches may not skip the organisation', () => {
    const committee: OrgRow = { code: 'P', parentCode: null, level: 'committee', name: '街道党委' };
    const org: OrgRow = { code: 'P1', parentCode: 'P', level: 'community_org', name: '社区党组织' };
    const group: OrgRow = { code: 'P1-G1', parentCode: 'P1', level: 'grid_group', name: '网格党小组' };
    expect(buildOrgTree([committee, org, group], { kind: 'party' }).ok).toBe(true);
    const issue = only(
      [committee, org, { code: 'B', parentCode: 'P', level: 'branch', name: '支部' }],
      'ORG_LEVEL_NESTING',
      'party',
    );
    expect(issue.message.en).toBe(
      'compound party branch "B" (row 2) cannot be under street party committee "P"; its parent must be: community party organisation',
    );
  });

  it('ORG_INVALID_DIVISION_CODE names the node and the row', () => {
    const issue = only([{ ...county, divisionCode: '990102' }], 'ORG_INVALID_DIVISION_CODE');
    expect(issue.path).toEqual([0, 'divisionCode']);
    expect(issue.details).toEqual({ code: '330102', row: 0, divisionCode: '990102', reason: 'province' });
    expect(issue.message.en).toMatch(/^node "330102" \(row 0\): "990102" is not a valid division code/);
  });

  it('ORG_DIVISION_LEVEL_MISMATCH when a node carries a code of another level', () => {
    const issue = only([{ ...county, divisionCode: '330102001' }], 'ORG_DIVISION_LEVEL_MISMATCH');
    expect(issue.details).toMatchObject({ actual: 'township', expected: 'county' });
    expect(only([county, { ...street, divisionCode: '330102' }], 'ORG_DIVISION_LEVEL_MISMATCH').path).toEqual(
      [1, 'divisionCode'],
    );
    // Statistical codes stop at the village, so a grid may repeat its community's code.
    const rows: OrgRow[] = [
      { ...community, parentCode: null, divisionCode: '330102001001' },
      { code: 'G1', parentCode: 'C1', level: 'grid', name: '网格', divisionCode: '330102001001' },
    ];
    expect(buildOrgTree(rows, { kind: 'administrative' }).ok).toBe(true);
  });

  it('ORG_DIVISION_OUTSIDE_PARENT when a child division is not within the parent division', () => {
    const rows: OrgRow[] = [
      { ...county, divisionCode: '330102' },
      { ...street, divisionCode: '330103001' },
      { ...community, divisionCode: '330102001001' },
    ];
    const issues = issuesOf(rows);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ORG_DIVISION_OUTSIDE_PARENT', [1, 'divisionCode']],
      ['ORG_DIVISION_OUTSIDE_PARENT', [2, 'divisionCode']],
    ]);
    expect(issues[0]?.details).toMatchObject({ divisionCode: '330103001', parentDivisionCode: '330102' });
    const padded: OrgRow[] = [
      { ...county, divisionCode: '330102000000' },
      { ...street, divisionCode: '330102001000' },
      { ...community, divisionCode: '330102001001' },
    ];
    expect(buildOrgTree(padded, { kind: 'administrative' }).ok).toBe(true);
  });

  it('reports every problem at once, whole-input issues first and then by row', () => {
    const rows: OrgRow[] = [
      county,
      { ...county, code: 'K2' },
      { ...community, code: 'C/1', parentCode: 'nowhere' },
      { ...community, code: 'C2', parentCode: 'S9' },
      { ...community, code: 'C2', name: '' },
    ];
    expect(issuesOf(rows).map((i) => [i.code, i.path[0]])).toEqual([
      ['ORG_MULTIPLE_ROOTS', undefined],
      ['ORG_INVALID_CODE', 2],
      ['ORG_PARENT_NOT_FOUND', 3],
      ['ORG_DUPLICATE_CODE', 4],
      ['ORG_EMPTY_NAME', 4],
    ]);
  });

  it('keeps the rows it is given, extra fields included', () => {
    const rows = [{ ...county, id: 7 }];
    const tree = buildOrgTree(rows, { kind: 'administrative' });
    expect(tree.ok && tree.value.nodes[0]).toBe(rows[0]);
  });
});
