import {
  ancestors,
  buildOrgTree,
  childrenOf,
  depthOf,
  hasNode,
  isWithin,
  isWithinId,
  JicengError,
  lowestCommonAncestor,
  nodeIdOf,
  nodeOf,
  type OrgTree,
  parentOf,
  pathOf,
  rootOf,
  subtree,
  subtreeSize,
  unwrap,
  validateFunctionalGroups,
  validateStationedUnits,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import {
  adminRows,
  COMMITTEE,
  COMMUNITY_NAMES,
  COUNTY,
  communityCode,
  communityOrgCode,
  functionalGroups,
  GRIDS_PER_COMMUNITY,
  partyRows,
  STREET,
  stationedUnits,
} from './seed-street.js';

const admin = unwrap(buildOrgTree(adminRows(), { kind: 'administrative' }));
const party = unwrap(buildOrgTree(partyRows(), { kind: 'party' }));

const count = (tree: OrgTree, level: string, scope = rootOf(tree).code): number =>
  subtree(tree, scope).filter((n) => n.level === level).length;

const HANJIANG = communityCode(0);
const SHENGLI = communityCode(1);

describe('the seed street, administrative tree', () => {
  it('has one street with 7 communities and 48 grids', () => {
    expect(rootOf(admin).code).toBe(COUNTY);
    expect(count(admin, 'street')).toBe(1);
    expect(count(admin, 'community', STREET)).toBe(7);
    expect(count(admin, 'grid', STREET)).toBe(48);
    expect(GRIDS_PER_COMMUNITY.map((_, c) => count(admin, 'grid', communityCode(c)))).toEqual(
      GRIDS_PER_COMMUNITY,
    );
    expect(subtreeSize(admin, COUNTY)).toBe(admin.nodes.length);
  });

  it('lists the communities of the street in row order', () => {
    expect(childrenOf(admin, STREET).map((n) => n.name)).toEqual(COMMUNITY_NAMES);
    expect(childrenOf(admin, `${SHENGLI}-G2`)).toEqual([]);
  });

  it('answers scope questions across compounds and skipped compounds', () => {
    expect(isWithin(admin, HANJIANG, `${HANJIANG}-X2-G3`)).toBe(true);
    expect(isWithin(admin, SHENGLI, `${SHENGLI}-G1-B2`)).toBe(true);
    expect(isWithin(admin, HANJIANG, `${SHENGLI}-G1`)).toBe(false);
    expect(isWithin(admin, `${HANJIANG}-X1`, `${HANJIANG}-X2-G1`)).toBe(false);
    expect(isWithin(admin, `${SHENGLI}-G1`, SHENGLI)).toBe(false);
    expect(isWithin(admin, STREET, STREET)).toBe(true);
  });

  it('answers them by ids once a request has resolved its scope', () => {
    // Codes as a request parses them: new strings, not the ones the tree was built from.
    const scope = nodeIdOf(admin, [HANJIANG].join(''));
    expect(admin.nodes[scope]?.code).toBe(HANJIANG);
    expect(isWithinId(admin, scope, nodeIdOf(admin, `${HANJIANG}-X2-G3`))).toBe(true);
    expect(isWithinId(admin, scope, nodeIdOf(admin, `${SHENGLI}-G1`))).toBe(false);
    expect(() => nodeIdOf(admin, 'nowhere')).toThrow(JicengError);
    expect(() => isWithinId(admin, scope, admin.nodes.length)).toThrow(RangeError);
    expect(() => isWithinId(admin, -1, scope)).toThrow(RangeError);
  });

  it('walks up nearest first and writes the materialised path root first', () => {
    const building = `${SHENGLI}-G1-B3`;
    expect(ancestors(admin, building).map((n) => n.code)).toEqual([`${SHENGLI}-G1`, SHENGLI, STREET, COUNTY]);
    expect(ancestors(admin, building).find((n) => n.level === 'community')?.name).toBe('胜利街社区');
    expect(pathOf(admin, `${HANJIANG}-X1-G2`)).toBe(
      `/${COUNTY}/${STREET}/${HANJIANG}/${HANJIANG}-X1/${HANJIANG}-X1-G2`,
    );
    expect(pathOf(admin, COUNTY)).toBe(`/${COUNTY}`);
    expect(ancestors(admin, COUNTY)).toEqual([]);
    expect(depthOf(admin, building)).toBe(4);
    expect(depthOf(admin, `${HANJIANG}-X1-G2`)).toBe(4);
    expect(parentOf(admin, COUNTY)).toBeNull();
    expect(parentOf(admin, `${HANJIANG}-X1`)?.code).toBe(HANJIANG);
  });

  it('finds the lowest common ancestor', () => {
    expect(lowestCommonAncestor(admin, `${HANJIANG}-X1-G1`, `${SHENGLI}-G4`).code).toBe(STREET);
    expect(lowestCommonAncestor(admin, `${HANJIANG}-X1-G1`, `${HANJIANG}-X2-G1`).code).toBe(HANJIANG);
    expect(lowestCommonAncestor(admin, SHENGLI, `${SHENGLI}-G1-B1`).code).toBe(SHENGLI);
    expect(lowestCommonAncestor(admin, COUNTY, COUNTY).code).toBe(COUNTY);
  });

  it('lists a subtree in pre-order, the node first', () => {
    expect(subtree(admin, `${SHENGLI}-G1`).map((n) => n.code)).toEqual([
      `${SHENGLI}-G1`,
      `${SHENGLI}-G1-B1`,
      `${SHENGLI}-G1-B2`,
      `${SHENGLI}-G1-B3`,
    ]);
    expect(
      subtree(admin, HANJIANG)
        .map((n) => n.code)
        .slice(0, 3),
    ).toEqual([HANJIANG, `${HANJIANG}-X1`, `${HANJIANG}-X1-G1`]);
  });
});

describe('the seed street, party tree', () => {
  it('has the four levels: a committee, 7 community organisations, 2 branches, 48 grid groups', () => {
    expect(rootOf(party).code).toBe(COMMITTEE);
    expect(rootOf(party).level).toBe('committee');
    expect(count(party, 'community_org')).toBe(7);
    expect(count(party, 'branch')).toBe(2);
    expect(count(party, 'grid_group')).toBe(48);
    expect(count(party, 'grid_group', communityOrgCode(0))).toBe(8);
  });

  it('puts grid groups under branches or, without compounds, directly under the community organisation', () => {
    expect(parentOf(party, `P${HANJIANG}-X1-G1`)?.level).toBe('branch');
    expect(parentOf(party, `P${SHENGLI}-G1`)?.level).toBe('community_org');
    expect(isWithin(party, COMMITTEE, `P${SHENGLI}-G7`)).toBe(true);
  });

  it('validates the 52 functional party groups and indexes both directions', () => {
    const groups = unwrap(validateFunctionalGroups(party, functionalGroups()));
    expect(groups.groups.size).toBe(52);
    expect(groups.groupsOf.get('M000')).toHaveLength(52);
    expect(groups.groupsOf.get('M7')).toEqual(['FG07']);
    expect(groups.membersOf.get('FG07')).toEqual(['M000', 'M7']);
    const anchoredInHanjiang = [...groups.groups.values()].filter((g) =>
      isWithin(party, communityOrgCode(0), g.anchorCode),
    );
    expect(anchoredInHanjiang.map((g) => g.code)).toEqual(['FG15', 'FG22', 'FG29', 'FG36', 'FG43', 'FG50']);
  });

  it('validates the dual registration of 97 stationed units at the 7 communities', () => {
    const registrations = unwrap(validateStationedUnits(admin, stationedUnits()));
    expect(registrations.units.size).toBe(97);
    const kinds = [...registrations.units.values()].map((u) => u.kind);
    expect(kinds.filter((k) => k === 'village')).toHaveLength(7);
    expect(kinds.filter((k) => k === 'institution')).toHaveLength(66);
    expect(kinds.filter((k) => k === 'non_public_and_social')).toHaveLength(24);
    expect([...registrations.byCommunity.keys()].sort()).toEqual(
      COMMUNITY_NAMES.map((_, c) => communityCode(c)),
    );
    expect(registrations.byCommunity.get(HANJIANG)).toHaveLength(14);
  });
});

describe('queries on unknown codes', () => {
  const unknown = 'NOPE';
  const queries: Record<string, () => unknown> = {
    nodeOf: () => nodeOf(admin, unknown),
    isWithin_scope: () => isWithin(admin, unknown, STREET),
    isWithin_node: () => isWithin(admin, STREET, unknown),
    ancestors: () => ancestors(admin, unknown),
    depthOf: () => depthOf(admin, unknown),
    parentOf: () => parentOf(admin, unknown),
    childrenOf: () => childrenOf(admin, unknown),
    subtree: () => subtree(admin, unknown),
    subtreeSize: () => subtreeSize(admin, unknown),
    pathOf: () => pathOf(admin, unknown),
    lowestCommonAncestor: () => lowestCommonAncestor(admin, STREET, unknown),
  };

  it.each(Object.entries(queries))('%s throws ORG_UNKNOWN_NODE', (_, query) => {
    let thrown: unknown;
    try {
      query();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JicengError);
    expect((thrown as JicengError).code).toBe('ORG_UNKNOWN_NODE');
    expect((thrown as JicengError).issues[0]?.details).toEqual({ code: unknown });
    expect((thrown as JicengError).localized('zh')).toContain('NOPE');
  });

  it('hasNode answers without throwing', () => {
    expect(hasNode(admin, unknown)).toBe(false);
    expect(hasNode(admin, STREET)).toBe(true);
    // A code of the other tree is unknown here: the trees share no codes.
    expect(hasNode(admin, COMMITTEE)).toBe(false);
  });
});
