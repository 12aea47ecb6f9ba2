import type { GridRules } from '../profiles/schema.js';
import {
  BUILDINGS_SHEET,
  type BuildingColumn,
  TEAMS_SHEET,
  type TeamColumn,
  WORKERS_SHEET,
  type WorkerColumn,
} from './grid-sheets.js';
import type { ImportIssue } from './issues.js';
import type { MemberRecord } from './members.js';
import { ancestorAt, findNode, type Places } from './places.js';
import { compareByKey, type KeyedChange, numberIn, requiredIssues } from './row-rules.js';
import { cellOf, type HeaderMap, type SheetRow } from './sheets.js';

/**
 * The grid side's register rows — buildings, grid workers, teams — checked by the domain's rules,
 * and compared with what is stored by their natural keys. References between registers (a
 * member's building, a worker's member record, a team's workers) are checked once the referenced
 * rows are known, by the `check…` functions that take them.
 */

/** Where a cell is, for an issue found after the row was read. */
export type CellAt = ReturnType<typeof cellOf>;

/** A building as the register keeps it. */
export interface RegisterBuilding {
  readonly code: string;
  readonly community: string;
  readonly grid: string | null;
  readonly address: string | null;
  readonly households: number;
  readonly addressOrder: number;
  readonly longitude: number | null;
  readonly latitude: number | null;
}

/** A buildings row, checked. Fields of columns the sheet lacks are `undefined`: kept as stored. */
export interface BuildingRecord {
  readonly sheet: string;
  readonly row: number;
  readonly code: string;
  readonly community: string;
  readonly grid: string | null | undefined;
  readonly address: string | null | undefined;
  readonly households: number;
  readonly addressOrder: number | undefined;
  readonly location: readonly [number, number] | null | undefined;
}

const HOUSEHOLDS = { min: 0, max: 100_000, integer: true } as const;
const ADDRESS_ORDER = { min: -1e9, max: 1e9 } as const;
const LONGITUDE = { min: -180, max: 180 } as const;
const LATITUDE = { min: -90, max: 90 } as const;

/**
 * Checks a buildings row: required cells, the community a community and the grid a grid of the
 * administrative tree (by code or a name only one node carries), the grid inside the community,
 * households a whole number, the address order a number, and the coordinates a pair of degrees
 * (longitude −180…180, latitude −90…90; the domain has no county outline to hold them to).
 *
 * @example
 * checkBuildingRow(row, map, places)
 * // { record: { code: 'B001', community: 'C1', grid: 'G11', households: 48, location: [112.7, 32.0], … }, issues: [] }
 */
export function checkBuildingRow(
  row: SheetRow<BuildingColumn>,
  map: HeaderMap<BuildingColumn>,
  places: Places,
): { readonly record: BuildingRecord | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [...requiredIssues(BUILDINGS_SHEET, map, row)];
  const v = row.values;
  const at = (key: BuildingColumn) => cellOf(BUILDINGS_SHEET, map, row.row, key);
  const node = (key: 'community' | 'grid') => {
    const text = v[key];
    if (text === undefined) return undefined;
    const found = findNode(places, 'administrative', text, [key]);
    if (found.ok) return found.node.code;
    issues.push({ ...at(key), code: found.code, message: found.message, ...detailsOf(found) });
    return undefined;
  };
  const number = (key: BuildingColumn, range: Parameters<typeof numberIn>[1]) => {
    const text = v[key];
    if (text === undefined) return undefined;
    const read = numberIn(text, range);
    if (read.ok) return read.value;
    issues.push({ ...at(key), ...read.issue });
    return undefined;
  };
  const community = node('community');
  const grid = node('grid');
  if (grid !== undefined && community !== undefined && ancestorAt(places, grid, 'community') !== community) {
    issues.push({
      ...at('grid'),
      code: 'IMPORT_GRID_OUTSIDE_COMMUNITY',
      message: {
        zh: `网格“${v.grid}”不在社区“${v.community}”内`,
        en: `grid "${v.grid}" is not inside community "${v.community}"`,
      },
    });
  }
  const households = number('households', HOUSEHOLDS);
  const addressOrder = number('addressOrder', ADDRESS_ORDER);
  const longitude = number('longitude', LONGITUDE);
  const latitude = number('latitude', LATITUDE);
  const hasX = v.longitude !== undefined;
  const hasY = v.latitude !== undefined;
  if (hasX !== hasY && !row.refused.has('longitude') && !row.refused.has('latitude')) {
    issues.push({
      ...at(hasX ? 'latitude' : 'longitude'),
      code: 'IMPORT_HALF_COORDINATES',
      message: {
        zh: '经度和纬度须同时填写或同时留空',
        en: 'give both longitude and latitude, or neither',
      },
    });
  }
  if (issues.length > 0 || community === undefined || households === undefined) {
    return { record: undefined, issues };
  }
  const has = (key: BuildingColumn) => row.present.has(key);
  return {
    record: {
      sheet: row.sheet,
      row: row.row,
      code: v.code!,
      community,
      grid: has('grid') ? (grid ?? null) : undefined,
      address: has('address') ? (v.address ?? null) : undefined,
      households,
      addressOrder,
      location:
        has('longitude') || has('latitude')
          ? longitude === undefined || latitude === undefined
            ? null
            : [longitude, latitude]
          : undefined,
    },
    issues,
  };
}

const BUILDING_FIELDS = [
  'community',
  'grid',
  'address',
  'households',
  'addressOrder',
  'longitude',
  'latitude',
] as const satisfies readonly (keyof RegisterBuilding)[];

/**
 * The building after a row is applied to the stored one (`undefined`: new). Columns the sheet
 * lacks keep what is stored; a new building without an address order takes its row number.
 *
 * @example
 * planBuilding(undefined, record) // { change: 'added', next: { code: 'B001', addressOrder: 2, … } }
 */
export function planBuilding(
  stored: RegisterBuilding | undefined,
  record: BuildingRecord,
): KeyedChange<RegisterBuilding> {
  const location = record.location === undefined ? undefined : record.location;
  const next: RegisterBuilding = {
    code: record.code,
    community: record.community,
    grid: record.grid === undefined ? (stored?.grid ?? null) : record.grid,
    address: record.address === undefined ? (stored?.address ?? null) : record.address,
    households: record.households,
    addressOrder: record.addressOrder ?? stored?.addressOrder ?? record.row,
    longitude: location === undefined ? (stored?.longitude ?? null) : (location?.[0] ?? null),
    latitude: location === undefined ? (stored?.latitude ?? null) : (location?.[1] ?? null),
  };
  return compareByKey(stored, next, BUILDING_FIELDS);
}

/**
 * Checks the building a member row names against that building (from the file, else stored;
 * `undefined` when neither has it): the member must live in its community, and in its grid
 * when both have one.
 *
 * @example
 * checkMemberBuilding(record, at, { community: 'C1', grid: 'G11' }) // []
 */
export function checkMemberBuilding(
  record: MemberRecord,
  at: CellAt,
  building: Pick<RegisterBuilding, 'community' | 'grid'> | undefined,
): ImportIssue[] {
  const code = record.building;
  if (code === undefined) return [];
  if (building === undefined) return [unknownKey(at, code, { zh: '楼栋', en: 'building' })];
  const inGrid = building.grid === null || record.grid === undefined || building.grid === record.grid;
  if (building.community === record.community && inGrid) return [];
  return [
    {
      ...at,
      code: 'IMPORT_WRONG_COMMUNITY',
      message: {
        zh: `楼栋“${code}”在社区 ${building.community}${building.grid === null ? '' : `、网格 ${building.grid}`}，与党员的社区${record.community ?? '（未填）'}、网格${record.grid ?? '（未填）'}不一致`,
        en: `building "${code}" is in community ${building.community}${building.grid === null ? '' : `, grid ${building.grid}`}, not the member's community ${record.community ?? '(none given)'} and grid ${record.grid ?? '(none given)'}`,
      },
      details: { building: code, community: building.community, grid: building.grid },
    },
  ];
}

/** A grid worker as the register keeps them. */
export interface RegisterWorker {
  readonly code: string;
  readonly name: string;
  readonly homeCommunity: string;
  readonly isPartyMember: boolean;
  /** Their record in the members register, by member code. */
  readonly memberCode: string | null;
}

/** A grid workers row, checked, with where its member code is (checked later against the members). */
export interface WorkerRecord {
  readonly sheet: string;
  readonly row: number;
  readonly worker: RegisterWorker;
  /** Whether the sheet has the member columns: without them the stored link stays. */
  readonly linksMember: boolean;
  readonly memberAt: CellAt;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '党员', '中共党员', '中共预备党员']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '群众', '非党员']);

/**
 * Checks a grid workers row: required cells, the home community a community of the
 * administrative tree, 是否党员 yes or no, and no member code on a worker said not to be one.
 *
 * @example
 * checkWorkerRow(row, map, places) // { record: { worker: { code: 'W001', homeCommunity: 'C1', isPartyMember: true, memberCode: 'm001' } } }
 */
export function checkWorkerRow(
  row: SheetRow<WorkerColumn>,
  map: HeaderMap<WorkerColumn>,
  places: Places,
): { readonly record: WorkerRecord | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [...requiredIssues(WORKERS_SHEET, map, row)];
  const v = row.values;
  const at = (key: WorkerColumn) => cellOf(WORKERS_SHEET, map, row.row, key);
  let homeCommunity: string | undefined;
  if (v.homeCommunity !== undefined) {
    const found = findNode(places, 'administrative', v.homeCommunity, ['community']);
    if (found.ok) homeCommunity = found.node.code;
    else
      issues.push({ ...at('homeCommunity'), code: found.code, message: found.message, ...detailsOf(found) });
  }
  let said: boolean | undefined;
  if (v.partyMember !== undefined) {
    const word = v.partyMember.trim().toLowerCase();
    said = YES.has(word) ? true : NO.has(word) ? false : undefined;
    if (said === undefined) {
      issues.push({
        ...at('partyMember'),
        code: 'IMPORT_UNKNOWN_VALUE',
        message: {
          zh: `“${v.partyMember}”应为“是”或“否”`,
          en: `"${v.partyMember}" should be 是 (yes) or 否 (no)`,
        },
        details: { value: v.partyMember },
      });
    } else if (!said && v.memberCode !== undefined) {
      issues.push({
        ...at('partyMember'),
        code: 'IMPORT_UNKNOWN_VALUE',
        message: {
          zh: `填了党员编号“${v.memberCode}”，“是否党员”不能为“否”`,
          en: `a member code "${v.memberCode}" is given, so "party member" cannot be no`,
        },
        details: { value: v.partyMember },
      });
    }
  }
  if (issues.length > 0 || homeCommunity === undefined) return { record: undefined, issues };
  return {
    record: {
      sheet: row.sheet,
      row: row.row,
      worker: {
        code: v.code!,
        name: v.name!,
        homeCommunity,
        isPartyMember: v.memberCode !== undefined || said === true,
        memberCode: v.memberCode ?? null,
      },
      linksMember: row.present.has('memberCode') || row.present.has('partyMember'),
      memberAt: at('memberCode'),
    },
    issues,
  };
}

/**
 * The worker after a row is applied to the stored one: without the member columns, the stored
 * link to the members register stays.
 */
export function planWorker(
  stored: RegisterWorker | undefined,
  record: WorkerRecord,
): KeyedChange<RegisterWorker> {
  const next: RegisterWorker =
    record.linksMember || stored === undefined
      ? record.worker
      : { ...record.worker, isPartyMember: stored.isPartyMember, memberCode: stored.memberCode };
  return compareByKey(stored, next, ['name', 'homeCommunity', 'isPartyMember', 'memberCode']);
}

/**
 * Checks a worker's member code against the members register after the import (`exists`: the
 * file has the member, or the store does and keeps them).
 */
export function checkWorkerMember(record: WorkerRecord, exists: boolean): ImportIssue[] {
  const code = record.worker.memberCode;
  if (code === null || exists || !record.linksMember) return [];
  return [unknownKey(record.memberAt, code, { zh: '党员', en: 'member' })];
}

/** A grid's team as the register keeps it: its workers in order. */
export interface RegisterTeam {
  readonly grid: string;
  readonly workers: readonly string[];
}

/** A teams row, checked, with the grid's community and where its workers cell is. */
export interface TeamRecord {
  readonly sheet: string;
  readonly row: number;
  readonly team: RegisterTeam;
  readonly community: string | undefined;
  readonly gridAt: CellAt;
  readonly workersAt: CellAt;
}

/**
 * Checks a teams row: the grid a grid of the administrative tree, and its workers a list of codes
 * (split at 、，,;； and spaces), none twice.
 *
 * @example
 * checkTeamRow(row, map, places) // { record: { team: { grid: 'G11', workers: ['W001', 'W002'] }, community: 'C1' } }
 */
export function checkTeamRow(
  row: SheetRow<TeamColumn>,
  map: HeaderMap<TeamColumn>,
  places: Places,
): { readonly record: TeamRecord | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [...requiredIssues(TEAMS_SHEET, map, row)];
  const v = row.values;
  const at = (key: TeamColumn) => cellOf(TEAMS_SHEET, map, row.row, key);
  let grid: string | undefined;
  if (v.grid !== undefined) {
    const found = findNode(places, 'administrative', v.grid, ['grid']);
    if (found.ok) grid = found.node.code;
    else issues.push({ ...at('grid'), code: found.code, message: found.message, ...detailsOf(found) });
  }
  const workers = (v.workers ?? '').split(/[、，,;；\s]+/).filter((w) => w !== '');
  const twice = workers.filter((w, i) => workers.indexOf(w) !== i);
  if (twice.length > 0) {
    issues.push({
      ...at('workers'),
      code: 'IMPORT_DUPLICATE_KEY',
      message: {
        zh: `网格员“${twice[0]}”在团队中重复`,
        en: `worker "${twice[0]}" is in the team twice`,
      },
      details: { key: twice[0] },
    });
  }
  if (issues.length > 0 || grid === undefined) return { record: undefined, issues };
  return {
    record: {
      sheet: row.sheet,
      row: row.row,
      team: { grid, workers },
      community: ancestorAt(places, grid, 'community'),
      gridAt: at('grid'),
      workersAt: at('workers'),
    },
    issues,
  };
}

/**
 * Checks a team's workers against the workers register after the import (`undefined`: no such
 * worker) and the profile: each worker serves only grids of their home community, and — counting
 * the grids the file gave them so far in `gridsSoFar`, which this updates — in at most
 * `maxGridsPerWorker` grids.
 *
 * @example
 * checkTeamWorkers(record, (code) => workers.get(code), gridsSoFar, referenceProfile.grid) // []
 */
export function checkTeamWorkers(
  record: TeamRecord,
  workerOf: (code: string) => Pick<RegisterWorker, 'homeCommunity'> | undefined,
  gridsSoFar: Map<string, number>,
  rules: Pick<GridRules, 'maxGridsPerWorker'>,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const code of record.team.workers) {
    const worker = workerOf(code);
    if (worker === undefined) {
      issues.push(unknownKey(record.workersAt, code, { zh: '网格员', en: 'grid worker' }));
      continue;
    }
    if (record.community !== undefined && worker.homeCommunity !== record.community) {
      issues.push({
        ...record.workersAt,
        code: 'IMPORT_WRONG_COMMUNITY',
        message: {
          zh: `网格员“${code}”居住在社区 ${worker.homeCommunity}，只能在本社区的网格服务（网格 ${record.team.grid} 属于 ${record.community}）`,
          en: `worker "${code}" lives in community ${worker.homeCommunity} and serves only its grids (grid ${record.team.grid} is in ${record.community})`,
        },
        details: { worker: code, homeCommunity: worker.homeCommunity, community: record.community },
      });
    }
    const grids = (gridsSoFar.get(code) ?? 0) + 1;
    gridsSoFar.set(code, grids);
    if (grids === rules.maxGridsPerWorker + 1) {
      issues.push({
        ...record.workersAt,
        code: 'IMPORT_TOO_MANY_GRIDS',
        message: {
          zh: `网格员“${code}”已在 ${rules.maxGridsPerWorker} 个网格的团队中，规则配置最多 ${rules.maxGridsPerWorker} 个`,
          en: `worker "${code}" is in more than the ${rules.maxGridsPerWorker} grids' teams the rule profile allows`,
        },
        details: { worker: code, max: rules.maxGridsPerWorker },
      });
    }
  }
  return issues;
}

/** The team after a row: the row's workers, in its order. */
export function planTeam(stored: RegisterTeam | undefined, record: TeamRecord): KeyedChange<RegisterTeam> {
  return compareByKey(stored, record.team, ['workers']);
}

function unknownKey(at: CellAt, code: string, what: { zh: string; en: string }): ImportIssue {
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

function detailsOf(found: { readonly details?: Readonly<Record<string, unknown>> }) {
  return found.details === undefined ? {} : { details: found.details };
}
