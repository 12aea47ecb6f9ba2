// Public API of grid management 网格化管理: partition, staffing, party groups, the resident request
// channel 民情直通车 with routing and deadlines, joint meetings and statistics. The reference street's
// dataset is in `@jiceng/domain/reference`.

export { ESCALATION_LEVELS, type EscalationLevel } from '../profiles/vocabulary.js';
export type { GridDirectory, GridDirectoryInput, GridPlacement } from './directory.js';
export { createGridDirectory } from './directory.js';
export type {
  DirectoryIssueCode,
  FunctionalGroupCapIssueCode,
  GridIssueCode,
  MeetingIssueCode,
  PartitionFindingCode,
  PartitionIssueCode,
  PartyGroupFindingCode,
  PartyGroupIssueCode,
  RequestIssueCode,
  RoutingIssueCode,
  StaffingIssueCode,
  StatisticsIssueCode,
} from './errors.js';
export type { MediaUrlIssueCode } from './media.js';
export { MAX_MEDIA_URL_LENGTH, validateMediaUrl } from './media.js';
export type {
  JointMeeting,
  JointMeetingCheck,
  JointMeetingInput,
  JointMeetingKind,
  JointMeetingLevel,
  JointMeetingReport,
  MeetingPeriod,
} from './meetings.js';
export { findMissingJointMeetings, MAX_JOINT_MEETING_RANGE_DAYS, meetingPeriods } from './meetings.js';
export type {
  BuildingMove,
  GridPlan,
  ImbalanceReport,
  Partition,
  PartitionInput,
  PartitionMethod,
  PartitionOptions,
  Repartition,
  RepartitionInput,
} from './partition.js';
export { imbalanceOf, partitionCommunity, repartitionCommunity } from './partition.js';
export type {
  FunctionalGroupCheckInput,
  FunctionalGroupSummary,
  GridPartyGroup,
  PartyGroupInput,
  PartyGroupPlacement,
  Residence,
  ResidentPartyMember,
  UnplacedReason,
} from './party-groups.js';
export { checkFunctionalGroups, placePartyMembers } from './party-groups.js';
export type {
  ReportRequestInput,
  RequestAction,
  RequestActor,
  RequestCommand,
  RequestCommandAction,
  RequestContext,
  RequestEvent,
  RequestLocation,
  RequestRole,
  RequestSla,
  RequestStatus,
  ResidentRequest,
} from './requests.js';
export {
  confirmDueDate,
  ESCALATION_LEVEL_LABELS,
  escalateRequest,
  OPEN_REQUEST_STATUSES,
  REPORT_ROLES,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  REQUEST_TRANSITIONS,
  reportRequest,
  requestContextOf,
  requestSla,
  transitionRequest,
} from './requests.js';
export type { AddressBook, AddressRoute, GridIndex, PointRoute } from './routing.js';
export {
  createAddressBook,
  createGridIndex,
  normalizeAddress,
  pointInPolygon,
  routeAddress,
  routePoint,
  routePointByScan,
} from './routing.js';
export type { GridStaffingPlan, GridTeam, StaffingInput, StaffingRules, WorkerLoad } from './staffing.js';
export { assignGridWorkers } from './staffing.js';
export type {
  GridStatistics,
  LevelStatistics,
  PartyMemberPlacement,
  RequestStatistics,
  ResolutionTimes,
  StatisticsInput,
} from './statistics.js';
export {
  gridStatistics,
  type RequestCounts,
  type RequestTally,
  requestStatistics,
  requestTally,
} from './statistics.js';
export type {
  Building,
  Community,
  Grid,
  GridPolygon,
  GridTreeLevel,
  GridWorker,
  PolygonCoordinates,
  Position,
  Street,
} from './types.js';
export { GRID_TREE_LEVEL_LABELS } from './types.js';
