import {
  buildOrgTree,
  isWithinLinked,
  linkTrees,
  type OrgRow,
  referenceProfile,
  unwrap,
} from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { describe, expect, it } from 'vitest';

const administrative: OrgRow[] = [
  { code: '330102', parentCode: null, level: 'county', name: '上城区' },
  { code: 'S1', parentCode: '330102', level: 'street', name: '清波街道' },
  { code: 'C1', parentCode: 'S1', level: 'community', name: '劳动路社区' },
  { code: 'C1-G1', parentCode: 'C1', level: 'grid', name: '一网格' },
  { code: 'C1-G2', parentCode: 'C1', level: 'grid', name: '二网格' },
  { code: 'C2', parentCode: 'S1', level: 'community', name: '清波门社区' },
  { code: 'C2-G1', parentCode: 'C2', level: 'grid', name: '一网格' },
];
const party: OrgRow[] = [
  { code: 'PS1', parentCode: null, level: 'committee', name: '清波街道党委', counterpart: 'S1' },
  { code: 'PC1', parentCode: 'PS1', level: 'community_org', name: '劳动路社区党委', counterpart: 'C1' },
  { code: 'PC1-G1', parentCode: 'PC1', level: 'grid_group', name: '一网格党小组', counterpart: 'C1-G1' },
  { code: 'PC2', parentCode: 'PS1', level: 'community_org', name: '清波门社区党委', counterpart: 'C2' },
  // A functional group under the community organisation, meeting nothing.
  { code: 'PC2-F1', parentCode: 'PC2', level: 'grid_group', name: '志愿服务党小组' },
];
const build = (rows: OrgRow[], kind: 'administrative' | 'party') => unwrap(buildOrgTree(rows, { kind }));
const codesOf = (rows: OrgRow[], kind: 'administrative' | 'party') => {
  const r = linkTrees(build(administrative, 'administrative'), build(rows, kind));
  return r.ok ? [] : r.issues.map((i) => [i.code, i.path]);
};

describe('the two trees meet', () => {
  const links = unwrap(linkTrees(build(administrative, 'administrative'), build(party, 'party')));

  it('lets an administrative scope reach the party organisations within it', () => {
    expect(isWithinLinked(links, 'S1', 'PS1')).toBe(true);
    expect(isWithinLinked(links, 'C1', 'PC1-G1')).toBe(true);
    expect(isWithinLinked(links, 'C1', 'PC2')).toBe(false);
    // A grid worker's grid meets its own party group, not the community organisation above it.
    expect(isWithinLinked(links, 'C1-G1', 'PC1-G1')).toBe(true);
    expect(isWithinLinked(links, 'C1-G1', 'PC1')).toBe(false);
    // An unlinked node is reached through the nearest linked ancestor.
    expect(isWithinLinked(links, 'C2', 'PC2-F1')).toBe(true);
    expect(isWithinLinked(links, 'C1', 'PC2-F1')).toBe(false);
  });

  it('lets a party scope reach the administrative nodes it leads', () => {
    expect(isWithinLinked(links, 'PC1', 'C1')).toBe(true);
    expect(isWithinLinked(links, 'PC1', 'C1-G2')).toBe(true);
    expect(isWithinLinked(links, 'PC1', 'C2-G1')).toBe(false);
    expect(isWithinLinked(links, 'PC1-G1', 'C1-G1')).toBe(true);
    expect(isWithinLinked(links, 'PC1-G1', 'C1-G2')).toBe(false);
    expect(isWithinLinked(links, 'PS1', '330102')).toBe(false);
  });

  it('answers within one tree as isWithin does, and unknown codes as outside', () => {
    expect(isWithinLinked(links, 'S1', 'C2-G1')).toBe(true);
    expect(isWithinLinked(links, 'PC1', 'PC2')).toBe(false);
    expect(isWithinLinked(links, 'S1', 'nowhere')).toBe(false);
    expect(isWithinLinked(links, 'nowhere', 'C1')).toBe(false);
  });

  it('refuses counterparts that are missing, of the wrong level, taken, out of nesting or on the wrong side', () => {
    expect(codesOf([...party.slice(0, 4), { ...party[4]!, counterpart: 'C9' }], 'party')).toEqual([
      ['ORG_COUNTERPART_NOT_FOUND', [4, 'counterpart']],
    ]);
    expect(codesOf([...party.slice(0, 4), { ...party[4]!, counterpart: 'C2' }], 'party')).toEqual([
      ['ORG_COUNTERPART_LEVEL', [4, 'counterpart']],
    ]);
    expect(codesOf([...party.slice(0, 4), { ...party[4]!, counterpart: 'C1-G1' }], 'party')).toEqual([
      ['ORG_COUNTERPART_TAKEN', [4, 'counterpart']],
    ]);
    expect(codesOf([...party.slice(0, 4), { ...party[4]!, counterpart: 'C1-G2' }], 'party')).toEqual([
      ['ORG_COUNTERPART_NESTING', [4, 'counterpart']],
    ]);
    const admin = build(
      administrative.map((r) => (r.code === 'S1' ? { ...r, counterpart: 'PS1' } : r)),
      'administrative',
    );
    const r = linkTrees(admin, build(party, 'party'));
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['ORG_COUNTERPART_WRONG_TREE']);
    expect(r.ok ? '' : r.issues[0]!.message.zh).toContain('对应关系写在党组织一侧');
  });

  it('links the reference county’s trees: every party organisation meets its street, community or grid', () => {
    const data = generateReferenceGridDataset(referenceProfile, { scale: 1 });
    const both = unwrap(
      linkTrees(build([...data.administrativeRows], 'administrative'), build([...data.partyRows], 'party')),
    );
    expect([...both.partyToAdministrative].every((a) => a >= 0)).toBe(true);
    const grid = data.grids[0]!;
    expect(isWithinLinked(both, `P${grid.communityCode}`, grid.code)).toBe(true);
  });
});
