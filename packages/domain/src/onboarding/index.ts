// Public API of onboarding 名册导入: a county's registers read from its spreadsheets, every row and
// cell checked by the domain's own rules, and planned against what is stored.
export { type CellKind, type CellProblem, type CellText, type CellValue, cellText } from './cells.js';
export { fieldIssues, fieldsRow } from './fields.js';
export {
  type BuildingRecord,
  type CellAt,
  checkBuildingRow,
  checkMemberBuilding,
  checkTeamRow,
  checkTeamWorkers,
  checkWorkerMember,
  checkWorkerRow,
  planBuilding,
  planTeam,
  planWorker,
  type RegisterBuilding,
  type RegisterTeam,
  type RegisterWorker,
  type TeamRecord,
  type WorkerRecord,
} from './grid-rows.js';
export {
  BUILDINGS_SHEET,
  type BuildingColumn,
  TEAMS_SHEET,
  type TeamColumn,
  WORKERS_SHEET,
  type WorkerColumn,
} from './grid-sheets.js';
export {
  checkGroupMembers,
  checkGroupRow,
  GROUPS_SHEET,
  type GroupColumn,
  type GroupRecord,
  planGroup,
  type RegisterGroup,
} from './group-rows.js';
export { columnIndexOf, columnLetters, type ImportIssue, type ImportIssueCode } from './issues.js';
export {
  categoryCode,
  changedFields,
  checkMemberRow,
  type MemberChange,
  type MemberRecord,
  type MemberRowRules,
  planMember,
  type RegisterMember,
} from './members.js';
export {
  checkOrgRow,
  type OrgRecord,
  planTrees,
  type SheetCounts,
  type TreePlan,
} from './organisations.js';
export { ancestorAt, findNode, type Lookup, type Places, placesOf } from './places.js';
export { REGISTER_SHEETS, ReadingOrder, sheetSpecByName } from './registers.js';
export { compareByKey, type KeyedChange, numberIn, requiredIssues } from './row-rules.js';
export {
  type ColumnSpec,
  cellOf,
  type HeaderMap,
  MEMBERS_SHEET,
  type MemberColumn,
  normaliseHeader,
  ORGANISATIONS_SHEET,
  type OrgColumn,
  readDataRow,
  readHeaderRow,
  recognisedHeaders,
  SeenKeys,
  type SheetKind,
  type SheetRow,
  type SheetSpec,
} from './sheets.js';
export {
  checkUnitMemberRefs,
  checkUnitMemberRow,
  checkUnitRow,
  planUnit,
  planUnitMember,
  type RegisterUnit,
  type RegisterUnitMember,
  type UnitMemberRecord,
  unitKindOf,
} from './unit-rows.js';
export {
  UNIT_MEMBERS_SHEET,
  UNITS_SHEET,
  type UnitColumn,
  type UnitMemberColumn,
} from './unit-sheets.js';
