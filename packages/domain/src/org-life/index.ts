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
  ATTENDANCE_LABELS,
  ATTENDANCE_STATUSES,
  type Attendance,
  type AttendanceStatus,
  checkMeeting,
  kindName,
  type MeetingTurnout,
  ORG_LIFE_LIMITS,
  type OrgLifeMeeting,
  type OrgLifeRoster,
  turnout,
} from './meetings.js';
