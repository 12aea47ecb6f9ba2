import {
  buildOrgTree,
  type Issue,
  type StationedUnit,
  type StationedUnitIssueCode,
  unwrap,
  validateStationedUnits,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { adminRows, COUNTY, communityCode, partyRows, STREET } from './seed-street.js';

const admin = unwrap(buildOrgTree(adminRows(), { kind: 'administrative' }));
const unit: StationedUnit = {
  code: 'U1',
  name: '县委党校',
  kind: 'institution',
  communityCode: communityCode(0),
};

function issuesOf(units: readonly StationedUnit[]): readonly Issue<StationedUnitIssueCode>[] {
  const result = validateStationedUnits(admin, units);
  if (result.ok) throw new Error('expected the units to be rejected');
  return result.issues;
}

describe('validateStationedUnits (dual registration)', () => {
  it('groups units by the community they registered at', () => {
    const other: StationedUnit = {
      code: 'U2',
      name: '三里桥派出所',
      kind: 'institution',
      communityCode: communityCode(1),
    };
    const third: StationedUnit = { ...unit, code: 'U3', kind: 'non_public_and_social', name: '某商会' };
    const result = unwrap(validateStationedUnits(admin, [unit, other, third]));
    expect(result.byCommunity.get(communityCode(0))).toEqual([unit, third]);
    expect(result.byCommunity.get(communityCode(1))).toEqual([other]);
    expect(result.units.get('U2')).toBe(other);
  });

  it('ORG_NOT_A_COMMUNITY for a registration at a street, a county or a grid', () => {
    const issues = issuesOf([
      { ...unit, communityCode: STREET },
      { ...unit, code: 'U2', communityCode: COUNTY },
      { ...unit, code: 'U3', communityCode: `${communityCode(1)}-G1` },
    ]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ORG_NOT_A_COMMUNITY', [0, 'communityCode']],
      ['ORG_NOT_A_COMMUNITY', [1, 'communityCode']],
      ['ORG_NOT_A_COMMUNITY', [2, 'communityCode']],
    ]);
    expect(issues[0]?.details).toMatchObject({ level: 'street' });
    expect(issues[0]?.message.zh).toBe(`驻区单位“U1”（第 0 行）只能到社区/村报到，“${STREET}”是街道/乡镇`);
  });

  it('ORG_UNKNOWN_ANCHOR for a community the tree does not hold', () => {
    const issues = issuesOf([{ ...unit, communityCode: '330102001999' }]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['ORG_UNKNOWN_ANCHOR', [0, 'communityCode']]]);
  });

  it('ORG_DUPLICATE_CODE, ORG_EMPTY_CODE, ORG_EMPTY_NAME and ORG_INVALID_UNIT_KIND', () => {
    const issues = issuesOf([
      unit,
      { ...unit, name: '' },
      { ...unit, code: ' ', kind: 'school' as StationedUnit['kind'] },
    ]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ORG_DUPLICATE_CODE', [1, 'code']],
      ['ORG_EMPTY_CODE', [2, 'code']],
      ['ORG_EMPTY_NAME', [1, 'name']],
      ['ORG_INVALID_UNIT_KIND', [2, 'kind']],
    ]);
    expect(issues[3]?.message.en).toContain('"institution", "non_public_and_social", "village"');
  });

  it('refuses a party tree: units register at administrative communities', () => {
    const party = unwrap(buildOrgTree(partyRows(), { kind: 'party' }));
    expect(() => validateStationedUnits(party, [])).toThrow(TypeError);
  });
});
