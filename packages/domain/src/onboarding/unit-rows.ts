import { STATIONED_UNIT_KIND_LABELS, type StationedUnitKind } from '../org/stationed-units.js';
import type { CellAt } from './grid-rows.js';
import type { ImportIssue } from './issues.js';
import { findNode, type Places } from './places.js';
import { compareByKey, type KeyedChange, requiredIssues } from './row-rules.js';
import { cellOf, type HeaderMap, type SheetRow } from './sheets.js';
import { UNIT_MEMBERS_SHEET, UNITS_SHEET, type UnitColumn, type UnitMemberColumn } from './unit-sheets.js';

/**
 * Dual registration's register rows 双报到: stationed units and the in-service members each has
 * registered, checked by the domain's rules and compared with what is stored by natural key.
 */

/** A stationed unit as the register keeps it. */
export interface RegisterUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: StationedUnitKind;
  /** The community (administrative tree) its party organisation registers at. */
  readonly community: string;
  /** Its own party organisation (party tree): its in-service members' branch. */
  readonly branch: string;
}

/** An in-service member registered by their unit. */
export interface RegisterUnitMember {
  readonly member: string;
  readonly unit: string;
  /** The residential community the member registers at; `null`: the unit's. */
  readonly community: string | null;
}

const KIND_WORDS: ReadonlyMap<string, StationedUnitKind> = new Map([
  ['村', 'village'],
  ['行政村', 'village'],
  ['village', 'village'],
  ['机关事业单位', 'institution'],
  ['机关', 'institution'],
  ['事业单位', 'institution'],
  ['机关单位', 'institution'],
  ['institution', 'institution'],
  ['非公企业和社会组织', 'non_public_and_social'],
  ['非公企业', 'non_public_and_social'],
  ['企业', 'non_public_and_social'],
  ['社会组织', 'non_public_and_social'],
  ['两新组织', 'non_public_and_social'],
  ['enterprise', 'non_public_and_social'],
  ['social organisation', 'non_public_and_social'],
  ['non_public_and_social', 'non_public_and_social'],
]);

/** The kind a 单位类别 cell names, in Chinese or English. */
export function unitKindOf(text: string): StationedUnitKind | undefined {
  return KIND_WORDS.get(text.trim().toLowerCase());
}

/**
 * Checks a stationed units row: required cells, the kind one of the three, the community a
 * community (or village) of the administrative tree and the party organisation a node of the
 * party tree, each by code or by a name only one node carries.
 *
 * @example
 * checkUnitRow(row, map, places) // { record: { code: 'U001', kind: 'institution', community: 'C1', branch: 'P9' }, issues: [] }
 */
export function checkUnitRow(
  row: SheetRow<UnitColumn>,
  map: HeaderMap<UnitColumn>,
  places: Places,
): { readonly record: RegisterUnit | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [...requiredIssues(UNITS_SHEET, map, row)];
  const v = row.values;
  const at = (key: UnitColumn) => cellOf(UNITS_SHEET, map, row.row, key);
  let kind: StationedUnitKind | undefined;
  if (v.kind !== undefined) {
    kind = unitKindOf(v.kind);
    if (kind === undefined) {
      const choices = Object.values(STATIONED_UNIT_KIND_LABELS);
      issues.push({
        ...at('kind'),
        code: 'IMPORT_UNKNOWN_VALUE',
        message: {
          zh: `单位类别“${v.kind}”无效，可选：${choices.map((c) => c.zh).join('、')}`,
          en: `unit kind "${v.kind}" is not one of ${choices.map((c) => c.en).join(', ')}`,
        },
        details: { value: v.kind },
      });
    }
  }
  const node = (key: 'community' | 'branch') => {
    const text = v[key];
    if (text === undefined) return undefined;
    const found =
      key === 'community'
        ? findNode(places, 'administrative', text, ['community'])
        : findNode(places, 'party', text);
    if (found.ok) return found.node.code;
    issues.push({
      ...at(key),
      code: found.code,
      message: found.message,
      ...(found.details === undefined ? {} : { details: found.details }),
    });
    return undefined;
  };
  const community = node('community');
  const branch = node('branch');
  if (issues.length > 0 || kind === undefined || community === undefined || branch === undefined) {
    return { record: undefined, issues };
  }
  return { record: { code: v.code!, name: v.name!, kind, community, branch }, issues };
}

/** The unit after a row: every field is the row's. */
export function planUnit(stored: RegisterUnit | undefined, next: RegisterUnit): KeyedChange<RegisterUnit> {
  return compareByKey(stored, next, ['name', 'kind', 'community', 'branch']);
}

/** A registered members row, checked, with where its cells are for the later checks. */
export interface UnitMemberRecord {
  readonly sheet: string;
  readonly row: number;
  readonly registration: RegisterUnitMember;
  readonly memberAt: CellAt;
  readonly unitAt: CellAt;
}

/**
 * Checks a registered members row: required cells and the community (when given) a community of
 * the administrative tree. The member and the unit are checked by {@link checkUnitMemberRefs}
 * once both registers are known.
 */
export function checkUnitMemberRow(
  row: SheetRow<UnitMemberColumn>,
  map: HeaderMap<UnitMemberColumn>,
  places: Places,
): { readonly record: UnitMemberRecord | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [...requiredIssues(UNIT_MEMBERS_SHEET, map, row)];
  const v = row.values;
  const at = (key: UnitMemberColumn) => cellOf(UNIT_MEMBERS_SHEET, map, row.row, key);
  let community: string | null = null;
  if (v.community !== undefined) {
    const found = findNode(places, 'administrative', v.community, ['community']);
    if (found.ok) community = found.node.code;
    else
      issues.push({
        ...at('community'),
        code: found.code,
        message: found.message,
        ...(found.details === undefined ? {} : { details: found.details }),
      });
  }
  if (issues.length > 0) return { record: undefined, issues };
  return {
    record: {
      sheet: row.sheet,
      row: row.row,
      registration: { member: v.member!, unit: v.unit!, community },
      memberAt: at('member'),
      unitAt: at('unit'),
    },
    issues,
  };
}

/**
 * Checks a registration against the registers after the import: the member (their branch, or
 * `undefined` when neither the file nor the store has them) and the unit. In-service members
 * belong to their unit's party organisation, so the member's branch must be the unit's.
 *
 * @example
 * checkUnitMemberRefs(record, 'P_TAX', { branch: 'P_TAX' }) // []
 */
export function checkUnitMemberRefs(
  record: UnitMemberRecord,
  memberBranch: string | undefined,
  unit: Pick<RegisterUnit, 'branch'> | undefined,
): ImportIssue[] {
  const { member, unit: unitCode } = record.registration;
  const issues: ImportIssue[] = [];
  if (memberBranch === undefined) issues.push(unknown(record.memberAt, member, { zh: '党员', en: 'member' }));
  if (unit === undefined)
    issues.push(unknown(record.unitAt, unitCode, { zh: '驻区单位', en: 'stationed unit' }));
  if (memberBranch !== undefined && unit !== undefined && memberBranch !== unit.branch) {
    issues.push({
      ...record.memberAt,
      code: 'IMPORT_WRONG_BRANCH',
      message: {
        zh: `在职党员“${member}”的所在支部是 ${memberBranch}，不是单位“${unitCode}”的党组织 ${unit.branch}；在职党员属于所在单位的党组织`,
        en: `in-service member "${member}" is in branch ${memberBranch}, not ${unit.branch}, the party organisation of unit "${unitCode}"; in-service members belong to their unit's`,
      },
      details: { member, branch: memberBranch, unit: unitCode, unitBranch: unit.branch },
    });
  }
  return issues;
}

/** The registration after a row: every field is the row's. */
export function planUnitMember(
  stored: RegisterUnitMember | undefined,
  next: RegisterUnitMember,
): KeyedChange<RegisterUnitMember> {
  return compareByKey(stored, next, ['unit', 'community']);
}

function unknown(at: CellAt, code: string, what: { zh: string; en: string }): ImportIssue {
  return {
    ...at,
    code: 'IMPORT_UNKNOWN_KEY',
    message: {
      zh: `${what.zh}“${code}”既不在本文件中，也未导入过`,
      en: `${what.en} "${code}" is neither in this file nor stored`,
    },
    details: { key: code },
  };
}
