// Public API of the organisation area (组织架构): the administrative and party trees, their
// index and queries, division codes, functional party groups and dual registration.
export type {
  DivisionCode,
  DivisionCodeIssueCode,
  DivisionCodeProblem,
  DivisionLevel,
} from './division-code.js';
export {
  DIVISION_LEVEL_LABELS,
  divisionCodeParent,
  isDivisionWithin,
  PROVINCE_PREFIXES,
  validateDivisionCode,
} from './division-code.js';
export type {
  FunctionalGroupBasis,
  FunctionalGroupIssueCode,
  FunctionalGroupMembership,
  FunctionalGroups,
  FunctionalGroupsInput,
  FunctionalPartyGroup,
} from './functional-groups.js';
export {
  FUNCTIONAL_GROUP_BASES,
  FUNCTIONAL_GROUP_BASIS_LABELS,
  validateFunctionalGroups,
} from './functional-groups.js';
export type { OrgIssueCode } from './issue-codes.js';
export type { OrgQueryErrorCode } from './issues.js';
export type { AdministrativeLevel, OrgLevel, OrgSubtype, PartyLevel, TreeKind } from './levels.js';
export {
  ADMINISTRATIVE_LEVELS,
  ALLOWED_PARENT_LEVELS,
  DIVISION_LEVEL_OF,
  LEVEL_LABELS,
  LEVELS_BY_KIND,
  PARTY_LEVELS,
  SUBTYPE_LABELS,
  SUBTYPES_BY_LEVEL,
} from './levels.js';
export type { TreeLinkIssueCode, TreeLinks } from './links.js';
export { COUNTERPART_LEVELS, isWithinLinked, linkTrees } from './links.js';
export {
  ancestors,
  childrenOf,
  depthOf,
  hasNode,
  isWithin,
  isWithinId,
  lowestCommonAncestor,
  nodeIdOf,
  nodeOf,
  parentOf,
  pathOf,
  rootOf,
  subtree,
  subtreeSize,
} from './queries.js';
export type {
  DualRegistrations,
  StationedUnit,
  StationedUnitIssueCode,
  StationedUnitKind,
  UnitRegistrationIssueCode,
} from './stationed-units.js';
export {
  checkUnitBranch,
  checkUnitRegistration,
  STATIONED_UNIT_KIND_LABELS,
  STATIONED_UNIT_KINDS,
  validateStationedUnits,
} from './stationed-units.js';
export type { BuildOrgTreeOptions, OrgRow, OrgTree, OrgTreeIssueCode } from './tree.js';
export { buildOrgTree } from './tree.js';
