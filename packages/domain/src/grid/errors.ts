import type { CalendarIssueCode } from '../calendar/errors.js';
import { type Issue, type IssuePath, issue, type LocalizedText } from '../shared/errors.js';

/**
 * The issue codes of grid management. Codes are the public contract (the gateway maps them to
 * `extensions.code`); messages exist in Chinese and English and may change wording.
 *
 * Issues in a failed `Result` refuse the input. Findings (`…FindingCode`) ride along with a
 * successful result: facts a person should look at, such as a grid below the minimum size that no
 * partition could avoid.
 */

/** Problems with the buildings given to {@link partitionCommunity} or {@link repartitionCommunity}. */
export type PartitionIssueCode =
  | 'GRID_NO_BUILDINGS'
  | 'GRID_EMPTY_ID'
  | 'GRID_DUPLICATE_BUILDING'
  | 'GRID_INVALID_HOUSEHOLDS'
  | 'GRID_INVALID_ADDRESS_ORDER'
  | 'GRID_INVALID_LOCATION'
  | 'GRID_MISSING_LOCATION'
  | 'GRID_BUILDING_OVER_MAX';

/** What a successful partition reports for review. */
export type PartitionFindingCode = 'GRID_UNDER_MIN' | 'GRID_FORCED_OVER_MAX';

/** Problems with a list of streets, communities and grids. */
export type DirectoryIssueCode =
  | 'GRID_EMPTY_ID'
  | 'GRID_DUPLICATE_STREET'
  | 'GRID_DUPLICATE_COMMUNITY'
  | 'GRID_DUPLICATE_GRID'
  | 'GRID_UNKNOWN_STREET'
  | 'GRID_UNKNOWN_COMMUNITY'
  | 'GRID_INVALID_HOUSEHOLDS';

/** Why grid workers could not be assigned. */
export type StaffingIssueCode =
  | DirectoryIssueCode
  | 'GRID_DUPLICATE_WORKER'
  | 'GRID_TEAM_INCOMPLETE'
  | 'GRID_TEAM_WITHOUT_PARTY_MEMBER';

/** Why party members could not be placed into grid party groups. */
export type PartyGroupIssueCode =
  | 'GRID_EMPTY_ID'
  | 'GRID_DUPLICATE_MEMBER'
  | 'GRID_DUPLICATE_GRID'
  | 'GRID_NO_SPATIAL_INDEX';

/** What a successful placement reports for review. */
export type PartyGroupFindingCode = 'GRID_PARTY_GROUP_TOO_SMALL' | 'GRID_MEMBER_UNPLACED';

/** Violations of the functional party group caps. */
export type FunctionalGroupCapIssueCode =
  | 'GRID_EMPTY_ID'
  | 'GRID_DUPLICATE_FUNCTIONAL_GROUP'
  | 'GRID_UNKNOWN_FUNCTIONAL_GROUP'
  | 'GRID_UNKNOWN_MEMBER'
  | 'GRID_DUPLICATE_MEMBERSHIP'
  | 'GRID_TOO_MANY_FUNCTIONAL_GROUPS'
  | 'GRID_FUNCTIONAL_GROUP_TOO_SMALL'
  | 'GRID_FUNCTIONAL_GROUP_TOO_LARGE';

/** Problems with grid outlines or the address book used for routing. */
export type RoutingIssueCode =
  | 'GRID_EMPTY_ID'
  | 'GRID_NO_POLYGONS'
  | 'GRID_INVALID_POLYGON'
  | 'GRID_EMPTY_ADDRESS'
  | 'GRID_ADDRESS_CONFLICT';

/** Why a resident request could not be reported or moved on. */
export type RequestIssueCode =
  | CalendarIssueCode
  | 'REQUEST_EMPTY_ID'
  | 'REQUEST_UNKNOWN_TYPE'
  | 'REQUEST_UNKNOWN_GRID'
  | 'REQUEST_UNKNOWN_ADDRESS'
  | 'REQUEST_OUTSIDE_GRIDS'
  | 'REQUEST_NO_ROUTER'
  | 'REQUEST_TIME_BEFORE_LAST_EVENT'
  | 'REQUEST_INVALID_TRANSITION'
  | 'REQUEST_ROLE_NOT_ALLOWED'
  | 'REQUEST_NOT_ASSIGNEE'
  | 'REQUEST_MISSING_ASSIGNEE'
  | 'REQUEST_MISSING_REASON'
  | 'REQUEST_INVALID_DUPLICATE'
  | 'REQUEST_INVALID_MEDIA_URL';

/** Problems with joint meeting records or the period checked. */
export type MeetingIssueCode =
  | 'CALENDAR_INVALID_DATE'
  | 'MEETING_EMPTY_ID'
  | 'MEETING_DUPLICATE_ID'
  | 'MEETING_UNKNOWN_ORG'
  | 'MEETING_INVALID_RANGE'
  | 'MEETING_RANGE_TOO_LONG';

/** Problems with the data statistics are computed from. */
export type StatisticsIssueCode = DirectoryIssueCode | CalendarIssueCode | 'GRID_UNKNOWN_GRID';

/** Every issue and finding code of grid management. */
export type GridIssueCode =
  | PartitionIssueCode
  | PartitionFindingCode
  | DirectoryIssueCode
  | StaffingIssueCode
  | PartyGroupIssueCode
  | PartyGroupFindingCode
  | FunctionalGroupCapIssueCode
  | RoutingIssueCode
  | RequestIssueCode
  | MeetingIssueCode
  | StatisticsIssueCode;

/** Shows a value inside a message without letting a long or odd input take over the text. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 64 ? `${text.slice(0, 61)}…` : text;
}

export function emptyIdIssue(what: LocalizedText, path: IssuePath, row: number): Issue<'GRID_EMPTY_ID'> {
  return issue(
    'GRID_EMPTY_ID',
    { zh: `第 ${row} 行的${what.zh}编号为空`, en: `the ${what.en} in row ${row} has an empty id` },
    path,
    { row },
  );
}

export function duplicateIssue<C extends string>(
  code: C,
  what: LocalizedText,
  id: string,
  row: number,
  firstRow: number,
  path: IssuePath,
): Issue<C> {
  return issue(
    code,
    {
      zh: `${what.zh}“${shown(id)}”重复：第 ${firstRow} 行和第 ${row} 行`,
      en: `${what.en} "${shown(id)}" appears twice: rows ${firstRow} and ${row}`,
    },
    path,
    { id, row, firstRow },
  );
}

export function invalidHouseholdsIssue(
  what: LocalizedText,
  id: string,
  value: unknown,
  path: IssuePath,
): Issue<'GRID_INVALID_HOUSEHOLDS'> {
  return issue(
    'GRID_INVALID_HOUSEHOLDS',
    {
      zh: `${what.zh}“${shown(id)}”的户数“${shown(value)}”无效，应为不小于 0 的整数`,
      en: `${what.en} "${shown(id)}" has households ${shown(value)}; expected a whole number ≥ 0`,
    },
    path,
    { id, value },
  );
}

export const BUILDING: LocalizedText = { zh: '楼栋', en: 'building' };
export const GRID: LocalizedText = { zh: '网格', en: 'grid' };
export const COMMUNITY: LocalizedText = { zh: '社区', en: 'community' };
export const STREET: LocalizedText = { zh: '街道', en: 'street' };
export const WORKER: LocalizedText = { zh: '网格员', en: 'grid worker' };
export const PARTY_MEMBER: LocalizedText = { zh: '党员', en: 'party member' };
export const FUNCTIONAL_GROUP: LocalizedText = { zh: '功能党小组', en: 'functional party group' };
