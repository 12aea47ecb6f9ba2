import {
  checkFunctionalGroups,
  createGridIndex,
  placePartyMembers,
  referenceProfile,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const rules = referenceProfile.grid; // party groups of at least 3; ≤ 3 functional groups per member, 3–50 members each

describe('placePartyMembers', () => {
  const gridOfBuilding = { B1: 'G01', B2: 'G01', B3: 'G02' };

  it('places members by residence and lists grids whose group is too small (the documented example)', () => {
    const placement = unwrap(
      placePartyMembers(
        {
          gridCodes: ['G01', 'G02'],
          members: [
            { id: 'M1', residence: { kind: 'building', buildingId: 'B1' } },
            { id: 'M2', residence: { kind: 'elsewhere' } },
          ],
          gridOfBuilding: { B1: 'G01', B2: 'G02' },
        },
        rules,
      ),
    );
    expect(placement.belowMinimum).toEqual([
      { gridCode: 'G01', members: 1, minimum: 3 },
      { gridCode: 'G02', members: 0, minimum: 3 },
    ]);
    expect(placement.unplaced).toEqual([{ memberId: 'M2', reason: 'lives_elsewhere' }]);
    expect(placement.findings.map((f) => f.code)).toEqual([
      'GRID_PARTY_GROUP_TOO_SMALL',
      'GRID_PARTY_GROUP_TOO_SMALL',
    ]);
  });

  it('forms a group at the minimum and places points through the spatial index', () => {
    const index = unwrap(
      createGridIndex([
        {
          gridCode: 'G01',
          coordinates: [
            [
              [0, 0],
              [10, 0],
              [10, 10],
              [0, 10],
            ],
          ],
        },
        {
          gridCode: 'G02',
          coordinates: [
            [
              [10, 0],
              [20, 0],
              [20, 10],
              [10, 10],
            ],
          ],
        },
      ]),
    );
    const placement = unwrap(
      placePartyMembers(
        {
          gridCodes: ['G01', 'G02'],
          members: [
            { id: 'M1', residence: { kind: 'building', buildingId: 'B1' } },
            { id: 'M2', residence: { kind: 'building', buildingId: 'B2' } },
            { id: 'M3', residence: { kind: 'point', point: [3, 3] } },
            { id: 'M4', residence: { kind: 'point', point: [50, 3] } },
            { id: 'M5', residence: { kind: 'building', buildingId: 'B9' } },
          ],
          gridOfBuilding,
          index,
        },
        rules,
      ),
    );
    expect(placement.groups).toEqual([
      { gridCode: 'G01', memberIds: ['M1', 'M2', 'M3'], formed: true },
      { gridCode: 'G02', memberIds: [], formed: false },
    ]);
    expect(placement.gridOfMember).toEqual({ M1: 'G01', M2: 'G01', M3: 'G01' });
    expect(placement.unplaced).toEqual([
      { memberId: 'M4', reason: 'outside_grids' },
      { memberId: 'M5', reason: 'unknown_building' },
    ]);
    expect(
      placement.findings.map((f) => [f.code, f.details?.['memberId'] ?? f.details?.['gridCode']]),
    ).toEqual([
      ['GRID_MEMBER_UNPLACED', 'M4'],
      ['GRID_MEMBER_UNPLACED', 'M5'],
      ['GRID_PARTY_GROUP_TOO_SMALL', 'G02'],
    ]);
  });

  it('refuses duplicate members and points without an index', () => {
    const r = placePartyMembers(
      {
        gridCodes: ['G01', 'G01'],
        members: [
          { id: 'M1', residence: { kind: 'elsewhere' } },
          { id: 'M1', residence: { kind: 'point', point: [0, 0] } },
        ],
        gridOfBuilding,
      },
      rules,
    );
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual([
      'GRID_DUPLICATE_GRID',
      'GRID_DUPLICATE_MEMBER',
      'GRID_NO_SPATIAL_INDEX',
    ]);
  });
});

describe('checkFunctionalGroups', () => {
  const members = (group: string, ids: string[]) => ids.map((memberId) => ({ groupCode: group, memberId }));

  it('accepts many-to-many membership within the caps', () => {
    const summary = unwrap(
      checkFunctionalGroups(
        {
          groups: [{ code: 'culture' }, { code: 'law' }],
          memberships: [...members('culture', ['M1', 'M2', 'M3']), ...members('law', ['M1', 'M4', 'M5'])],
        },
        rules,
      ),
    );
    expect(summary).toEqual({
      groups: [
        { code: 'culture', members: 3 },
        { code: 'law', members: 3 },
      ],
      members: 5,
      memberships: 6,
      mostGroupsPerMember: 2,
    });
  });

  it('refuses a member in too many groups and groups too small or too large', () => {
    const big = Array.from({ length: 51 }, (_, i) => `X${i}`);
    const r = checkFunctionalGroups(
      {
        groups: ['a', 'b', 'c', 'd', 'big'].map((code) => ({ code })),
        memberships: [
          ...['a', 'b', 'c', 'd'].flatMap((g) => members(g, ['M1', 'M2', 'M3'])),
          ...members('big', big),
        ],
      },
      { ...rules, functionalGroupsMaxPerMember: 3 },
    );
    expect(
      !r.ok && r.issues.map((i) => [i.code, i.details?.['memberId'] ?? i.details?.['groupCode']]),
    ).toEqual([
      ['GRID_TOO_MANY_FUNCTIONAL_GROUPS', 'M1'],
      ['GRID_TOO_MANY_FUNCTIONAL_GROUPS', 'M2'],
      ['GRID_TOO_MANY_FUNCTIONAL_GROUPS', 'M3'],
      ['GRID_FUNCTIONAL_GROUP_TOO_LARGE', 'big'],
    ]);
    const small = checkFunctionalGroups(
      { groups: [{ code: 'FG01' }], memberships: members('FG01', ['M1']) },
      rules,
    );
    expect(!small.ok && small.issues[0]?.code).toBe('GRID_FUNCTIONAL_GROUP_TOO_SMALL');
  });

  it('refuses unknown groups and members, duplicates and empty codes', () => {
    const r = checkFunctionalGroups(
      {
        groups: [{ code: 'a' }, { code: 'a' }, { code: '' }],
        memberships: [
          ...members('a', ['M1', 'M2', 'M3', 'M3']),
          ...members('zz', ['M1']),
          ...members('a', ['ghost']),
        ],
        memberIds: ['M1', 'M2', 'M3'],
      },
      rules,
    );
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual([
      'GRID_DUPLICATE_FUNCTIONAL_GROUP',
      'GRID_EMPTY_ID',
      'GRID_DUPLICATE_MEMBERSHIP',
      'GRID_UNKNOWN_FUNCTIONAL_GROUP',
      'GRID_UNKNOWN_MEMBER',
    ]);
  });
});
