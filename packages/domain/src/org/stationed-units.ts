import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { emptyNameIssue, indexCodes, isBlank, quoteList, shown } from './issues.js';
import { LEVEL_LABELS } from './levels.js';
import type { OrgTree } from './tree.js';

/**
 * The kinds of unit stationed in an area 驻区单位, as the seed counts them: institutions
 * 机关事业单位, non-public enterprises and social organisations 非公企业和社会组织, and villages 村.
 */
export type StationedUnitKind = 'institution' | 'non_public_and_social' | 'village';

export const STATIONED_UNIT_KINDS: readonly StationedUnitKind[] = [
  'institution',
  'non_public_and_social',
  'village',
];

export const STATIONED_UNIT_KIND_LABELS: { readonly [K in StationedUnitKind]: LocalizedText } = {
  institution: { zh: '机关事业单位', en: 'institution' },
  non_public_and_social: { zh: '非公企业和社会组织', en: 'non-public enterprise or social organisation' },
  village: { zh: '村', en: 'village' },
};

/**
 * A unit stationed in the area. Under dual registration 双报到 its party organisation registers
 * at a community (`communityCode`, a `community` node of the administrative tree) while staying
 * under its own superior: a registration, not a tree edge.
 */
export interface StationedUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: StationedUnitKind;
  readonly communityCode: string;
}

/** Validated stationed units and where each registered. */
export interface DualRegistrations {
  readonly units: ReadonlyMap<string, StationedUnit>;
  /** Community code → the units registered there, in input order. */
  readonly byCommunity: ReadonlyMap<string, readonly StationedUnit[]>;
}

export type StationedUnitIssueCode =
  | 'ORG_EMPTY_CODE'
  | 'ORG_DUPLICATE_CODE'
  | 'ORG_EMPTY_NAME'
  | 'ORG_INVALID_UNIT_KIND'
  | 'ORG_UNKNOWN_ANCHOR'
  | 'ORG_NOT_A_COMMUNITY';

const UNIT: LocalizedText = { zh: '驻区单位', en: 'stationed unit' };

/**
 * Validates stationed units and their dual registration against an administrative tree. Reports
 * every problem: empty or duplicate codes, empty names, an unknown kind, a registration at a code
 * the tree does not hold, or at a node that is not a community. Throws a TypeError for a party
 * tree (a programming error).
 *
 * @example
 * const units = validateStationedUnits(adminTree, [
 *   { code: 'U001', name: '县委党校', kind: 'institution', communityCode: '330102001001' },
 * ]);
 * if (units.ok) units.value.byCommunity.get('330102001001'); // [{ code: 'U001', … }]
 */
export function validateStationedUnits(
  tree: OrgTree,
  units: readonly StationedUnit[],
): Result<DualRegistrations, StationedUnitIssueCode> {
  if (tree.kind !== 'administrative')
    throw new TypeError('validateStationedUnits needs an administrative tree');
  const issues: Issue<StationedUnitIssueCode>[] = [];
  const codes = indexCodes(units, undefined, UNIT);
  const firstOf = codes.firstOf;
  issues.push(...codes.issues);

  units.forEach((unit, i) => {
    if (isBlank(unit.name)) issues.push(emptyNameIssue([i, 'name'], unit.code, i, UNIT));
    if (!STATIONED_UNIT_KINDS.includes(unit.kind)) {
      const expected = quoteList(STATIONED_UNIT_KINDS);
      issues.push(
        issue(
          'ORG_INVALID_UNIT_KIND',
          {
            zh: `驻区单位“${shown(unit.code)}”（第 ${i} 行）的类别“${shown(unit.kind)}”无效，可选：${expected.zh}`,
            en: `stationed unit "${shown(unit.code)}" (row ${i}) has kind "${shown(unit.kind)}"; expected one of ${expected.en}`,
          },
          [i, 'kind'],
          { code: unit.code, row: i, kind: unit.kind },
        ),
      );
    }
    const id = tree.ids.get(unit.communityCode);
    if (id === undefined) {
      issues.push(
        issue(
          'ORG_UNKNOWN_ANCHOR',
          {
            zh: `驻区单位“${shown(unit.code)}”（第 ${i} 行）报到的社区“${shown(unit.communityCode)}”不在行政树中`,
            en: `stationed unit "${shown(unit.code)}" (row ${i}) registers at "${shown(unit.communityCode)}", which is not a node of the administrative tree`,
          },
          [i, 'communityCode'],
          { code: unit.code, row: i, communityCode: unit.communityCode },
        ),
      );
      return;
    }
    const node = tree.nodes[id]!;
    if (node.level !== 'community') {
      issues.push(
        issue(
          'ORG_NOT_A_COMMUNITY',
          {
            zh: `驻区单位“${shown(unit.code)}”（第 ${i} 行）只能到社区/村报到，“${node.code}”是${LEVEL_LABELS[node.level].zh}`,
            en: `stationed unit "${shown(unit.code)}" (row ${i}) must register at a community, but "${node.code}" is a ${LEVEL_LABELS[node.level].en}`,
          },
          [i, 'communityCode'],
          { code: unit.code, row: i, communityCode: unit.communityCode, level: node.level },
        ),
      );
    }
  });

  if (issues.length > 0) return fail(issues);
  const byCode = new Map<string, StationedUnit>();
  const byCommunity = new Map<string, StationedUnit[]>();
  for (const [code, i] of firstOf) {
    const unit = units[i]!;
    byCode.set(code, unit);
    const registered = byCommunity.get(unit.communityCode);
    if (registered === undefined) byCommunity.set(unit.communityCode, [unit]);
    else registered.push(unit);
  }
  return ok({ units: byCode, byCommunity });
}

export type UnitRegistrationIssueCode = 'ORG_UNKNOWN_ANCHOR' | 'UNIT_UNKNOWN_MEMBER' | 'UNIT_WRONG_BRANCH';

/**
 * Checks a stationed unit's own party organisation 单位党组织: a node of the party tree (its
 * in-service members' branch).
 *
 * @example
 * checkUnitBranch(partyTree, 'U001', 'P_TAX') // { ok: true, value: 'P_TAX' }
 */
export function checkUnitBranch(
  party: OrgTree | undefined,
  unitCode: string,
  branch: string,
): Result<string, UnitRegistrationIssueCode> {
  if (party?.ids.has(branch) === true) return ok(branch);
  return fail([
    issue(
      'ORG_UNKNOWN_ANCHOR',
      {
        zh: `驻区单位“${shown(unitCode)}”的党组织“${shown(branch)}”不在党组织树中`,
        en: `the party organisation "${shown(branch)}" of stationed unit "${shown(unitCode)}" is not a node of the party tree`,
      },
      ['branch'],
      { code: unitCode, branch },
    ),
  ]);
}

/**
 * Checks an in-service member's registration with a unit: the member exists (`memberBranch`
 * is their branch, `undefined` when there is no such member) and, as in-service members belong
 * to their unit's party organisation, is in the unit's branch.
 *
 * @example
 * checkUnitRegistration('M1', 'P_TAX', { code: 'U001', branch: 'P_TAX' }) // { ok: true, value: undefined }
 */
export function checkUnitRegistration(
  member: string,
  memberBranch: string | undefined,
  unit: { readonly code: string; readonly branch: string },
): Result<void, UnitRegistrationIssueCode> {
  if (memberBranch === undefined) {
    return fail([
      issue(
        'UNIT_UNKNOWN_MEMBER',
        {
          zh: `党员“${shown(member)}”不在党员名册中`,
          en: `member "${shown(member)}" is not in the members register`,
        },
        ['member'],
        { member },
      ),
    ]);
  }
  if (memberBranch !== unit.branch) {
    return fail([
      issue(
        'UNIT_WRONG_BRANCH',
        {
          zh: `在职党员“${shown(member)}”的所在支部是 ${memberBranch}，不是单位“${shown(unit.code)}”的党组织 ${unit.branch}；在职党员属于所在单位的党组织`,
          en: `in-service member "${shown(member)}" is in branch ${memberBranch}, not ${unit.branch}, the party organisation of unit "${shown(unit.code)}"; in-service members belong to their unit's`,
        },
        ['member'],
        { member, branch: memberBranch, unit: unit.code, unitBranch: unit.branch },
      ),
    ]);
  }
  return ok(undefined);
}
