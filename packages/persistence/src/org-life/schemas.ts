import { EntitySchema } from '@mikro-orm/core';

/** Organisational life 组织生活: meetings of branches and party groups, and who attended. */

export interface OrgLifeMeetingRow {
  id: string;
  kind: string;
  branchCode: string;
  groupCode: string | null;
  heldOn: string;
  topic: string;
  agenda: string[];
  /** `held`, or `withdrawn` when the branch deleted the record (kept, never removed). */
  status: string;
  /** The person who recorded or last corrected it (token subject). */
  recordedBy: string;
  recordedOn: string;
  /** Why it was last corrected or withdrawn. */
  note: string | null;
  version: number;
}

export const OrgLifeMeetingSchema = new EntitySchema<OrgLifeMeetingRow>({
  name: 'OrgLifeMeetingRow',
  tableName: 'org_life_meeting',
  properties: {
    id: { type: 'string', primary: true, length: 128 },
    kind: { type: 'string', length: 32 },
    branchCode: { type: 'string', length: 64 },
    groupCode: { type: 'string', length: 64, nullable: true },
    heldOn: { type: 'string', length: 10 },
    topic: { type: 'string', length: 200 },
    agenda: { type: 'json' },
    status: { type: 'string', length: 16 },
    recordedBy: { type: 'string', length: 128 },
    recordedOn: { type: 'string', length: 10 },
    note: { type: 'text', nullable: true },
    version: { type: 'integer' },
  },
  indexes: [{ name: 'org_life_meeting_branch_idx', properties: ['branchCode', 'heldOn'] }],
});

export interface OrgLifeAttendanceRow {
  meetingId: string;
  memberCode: string;
  status: string;
  reason: string | null;
  /** The row's place in the record, so a meeting reads back in the order it was written. */
  position: number;
}

export const OrgLifeAttendanceSchema = new EntitySchema<OrgLifeAttendanceRow>({
  name: 'OrgLifeAttendanceRow',
  tableName: 'org_life_attendance',
  properties: {
    meetingId: { type: 'string', primary: true, length: 128 },
    memberCode: { type: 'string', primary: true, length: 64 },
    status: { type: 'string', length: 16 },
    reason: { type: 'string', length: 500, nullable: true },
    position: { type: 'integer' },
  },
  indexes: [{ name: 'org_life_attendance_member_idx', properties: ['memberCode'] }],
});

export const orgLifeEntities = [OrgLifeMeetingSchema, OrgLifeAttendanceSchema] as const;
