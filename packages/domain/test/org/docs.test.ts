import { readFileSync } from 'node:fs';
import {
  buildOrgTree,
  type FunctionalPartyGroup,
  type Issue,
  isWithin,
  JicengError,
  linkTrees,
  type OrgIssueCode,
  type OrgRow,
  type StationedUnit,
  unwrap,
  validateDivisionCode,
  validateFunctionalGroups,
  validateStationedUnits,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { adminRows, COMMITTEE, communityCode, partyRows, STREET } from './seed-street.js';

const docs = readFileSync(new URL('../../../../docs/trees.md', import.meta.url), 'utf8');

const admin = unwrap(buildOrgTree(adminRows(), { kind: 'administrative' }));
const party = unwrap(buildOrgTree(partyRows(), { kind: 'party' }));
const county: OrgRow = { code: 'K', parentCode: null, level: 'county', name: '县' };
const street: OrgRow = { code: 'S', parentCode: 'K', level: 'street', name: '街道' };
const group: FunctionalPartyGroup = { code: 'FG1', name: '党小组', basis: 'interest', anchorCode: COMMITTEE };
const unit: StationedUnit = {
  code: 'U1',
  name: '单位',
  kind: 'institution',
  communityCode: communityCode(0),
};

const issuesOf = (result: { ok: true } | { ok: false; issues: readonly Issue[] }): readonly Issue[] =>
  result.ok ? [] : result.issues;
const tree = (rows: readonly OrgRow[]): readonly Issue[] =>
  issuesOf(buildOrgTree(rows, { kind: 'administrative' }));
const groups = (
  g: readonly FunctionalPartyGroup[],
  memberships: { groupCode: string; memberId: string }[] = [],
) => issuesOf(validateFunctionalGroups(party, { groups: g, memberships }));
const units = (u: readonly StationedUnit[]) => issuesOf(validateStationedUnits(admin, u));

/** Link problems on a two-node party tree over the county and street above. */
const links = (counterpart: string, level: OrgRow['level'] = 'committee', onAdmin = false) => {
  const a = unwrap(
    buildOrgTree(onAdmin ? [county, { ...street, counterpart: 'P' }] : [county, street], {
      kind: 'administrative',
    }),
  );
  const p = unwrap(
    buildOrgTree(
      [
        { code: 'P', parentCode: null, level: 'committee', name: '街道党委', counterpart: 'S' },
        { code: 'P1', parentCode: 'P', level, name: '党组织', counterpart },
      ],
      { kind: 'party' },
    ),
  );
  return issuesOf(linkTrees(a, p));
};

/** One input per code; the record's type makes the compiler ask for every code in the union. */
const SAMPLES: Record<OrgIssueCode, () => readonly Issue[]> = {
  ORG_EMPTY_CODE: () => tree([{ ...county, code: '' }]),
  ORG_INVALID_CODE: () => tree([{ ...county, code: 'K/1' }]),
  ORG_EMPTY_NAME: () => tree([{ ...county, name: '' }]),
  ORG_DUPLICATE_CODE: () => tree([county, county]),
  ORG_INVALID_LEVEL: () => tree([{ ...county, level: 'committee' }]),
  ORG_INVALID_SUBTYPE: () => tree([{ ...county, subtype: 'village' }]),
  ORG_PARENT_NOT_FOUND: () => tree([county, { ...street, parentCode: 'X' }]),
  ORG_CYCLE: () => tree([county, { ...street, parentCode: 'S' }]),
  ORG_NO_ROOT: () => tree([]),
  ORG_MULTIPLE_ROOTS: () => tree([county, { ...county, code: 'K2' }]),
  ORG_LEVEL_NESTING: () =>
    tree([
      { ...street, parentCode: null },
      { ...county, parentCode: 'S' },
    ]),
  ORG_INVALID_DIVISION_CODE: () => issuesOf(validateDivisionCode('99')),
  ORG_DIVISION_LEVEL_MISMATCH: () => tree([{ ...county, divisionCode: '110000' }]),
  ORG_DIVISION_OUTSIDE_PARENT: () =>
    tree([
      { ...county, divisionCode: '110105' },
      { ...street, divisionCode: '110106001' },
    ]),
  ORG_INVALID_GROUP_BASIS: () => groups([{ ...group, basis: 'x' as FunctionalPartyGroup['basis'] }]),
  ORG_UNKNOWN_ANCHOR: () => groups([{ ...group, anchorCode: 'nowhere' }]),
  ORG_UNKNOWN_GROUP: () => groups([group], [{ groupCode: 'FG9', memberId: 'M1' }]),
  ORG_DUPLICATE_MEMBERSHIP: () =>
    groups(
      [group],
      [
        { groupCode: 'FG1', memberId: 'M1' },
        { groupCode: 'FG1', memberId: 'M1' },
      ],
    ),
  ORG_INVALID_UNIT_KIND: () => units([{ ...unit, kind: 'x' as StationedUnit['kind'] }]),
  ORG_NOT_A_COMMUNITY: () => units([{ ...unit, communityCode: STREET }]),
  ORG_COUNTERPART_NOT_FOUND: () => links('nowhere'),
  ORG_COUNTERPART_LEVEL: () => links('K', 'community_org'),
  ORG_COUNTERPART_TAKEN: () => links('S'),
  ORG_COUNTERPART_NESTING: () => links('K'),
  ORG_COUNTERPART_WRONG_TREE: () => links('K', 'committee', true),
  ORG_UNKNOWN_NODE: () => {
    try {
      isWithin(admin, STREET, 'nowhere');
      return [];
    } catch (error) {
      return error instanceof JicengError ? error.issues : [];
    }
  },
};

/** The first cell of each row of the codes table. */
const documented = docs
  .split('\n')
  .map((line) => /^\|\s*`(ORG_[A-Z_]+)`\s*\|/.exec(line)?.[1])
  .filter((code): code is string => code !== undefined);

describe('docs/trees.md', () => {
  it.each(Object.entries(SAMPLES))('%s is emitted by its sample', (code, sample) => {
    expect(sample().map((i) => i.code)).toContain(code);
  });

  it('lists every issue code exactly once, and no other', () => {
    expect([...documented].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it('documents every exported query', () => {
    for (const name of ['hasNode', 'nodeOf', 'isWithin', 'ancestors', 'depthOf', 'parentOf', 'childrenOf']) {
      expect(docs).toContain(`\`${name}(tree`);
    }
    for (const name of ['subtree', 'subtreeSize', 'pathOf', 'lowestCommonAncestor', 'rootOf']) {
      expect(docs).toContain(`\`${name}(tree`);
    }
  });
});
