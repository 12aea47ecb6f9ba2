export {
  MAX_ORG_LIFE_RANGE_DAYS,
  type OrgLifeAttendanceTotals,
  type OrgLifeCheck,
  type OrgLifeCheckStatus,
  type OrgLifeCompliance,
  type OrgLifeComplianceInput,
  orgLifeCompliance,
  type SecretaryRecordLine,
  secretaryRecord,
} from './compliance.js';
export type { OrgLifeIssue, OrgLifeIssueCode } from './errors.js';
export {
  checkMeeting,
  kindName,
  type MeetingTurnout,
  ORG_LIFE_ATTENDANCE_LABELS,
  ORG_LIFE_ATTENDANCE_STATUSES,
  ORG_LIFE_LIMITS,
  type OrgLifeAttendance,
  type OrgLifeAttendanceStatus,
  type OrgLifeMeeting,
  type OrgLifeRoster,
  turnout,
} from './meetings.js';
