import {
  ORG_LIFE_ATTENDANCE_STATUSES,
  ORG_LIFE_KINDS,
  type OrgLifeAttendanceStatus,
  type OrgLifeCheck,
  type OrgLifeCheckStatus,
  type OrgLifeCompliance,
  type OrgLifeKind,
  type SecretaryRecordLine,
  type SkippedPoint,
} from '@jiceng/domain';
import type { StoredOrgLifeMeeting } from '@jiceng/persistence';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { MeetingOutcome } from '../../application/org-life/meetings.js';
import { connectionOf, enumOf, LocalizedText } from '../common.js';
import { PointEntryView } from '../points/types.js';

/** GraphQL types of organisational life 组织生活: meetings, attendance, compliance, the secretary's record. */

export const OrgLifeKindEnum = enumOf(ORG_LIFE_KINDS);
registerEnumType(OrgLifeKindEnum, {
  name: 'OrgLifeKind',
  description:
    'branch_assembly 支部党员大会, branch_committee 支委会, group_meeting 党小组会, party_lecture 党课, themed_day 主题党日.',
});

export const AttendanceStatusEnum = enumOf(ORG_LIFE_ATTENDANCE_STATUSES);
registerEnumType(AttendanceStatusEnum, {
  name: 'OrgLifeAttendanceStatus',
  description: 'present 出席, leave 请假, absent 缺席.',
});

const CHECK_STATUSES = [
  'held',
  'below_quorum',
  'missing',
  'open',
] as const satisfies readonly OrgLifeCheckStatus[];
export const CheckStatusEnum = enumOf(CHECK_STATUSES);
registerEnumType(CheckStatusEnum, {
  name: 'OrgLifeCheckStatus',
  description:
    'held: a meeting that counts; below_quorum: the period ended with meetings below quorum only; missing: ended without one; open: not over yet.',
});

@InputType('OrgLifeAttendanceInput')
export class AttendanceInput {
  @Field({ description: 'The member’s code.' })
  member!: string;

  @Field(() => AttendanceStatusEnum)
  status!: OrgLifeAttendanceStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why on leave (required by the reference profile) or absent.',
  })
  reason?: string | null;
}

@InputType('RecordOrgLifeMeetingInput')
export class RecordMeetingInput {
  @Field({
    description:
      'The meeting’s id, chosen by the client (at most 64 characters): a retry with the same record is a no-op.',
  })
  id!: string;

  @Field(() => OrgLifeKindEnum)
  kind!: OrgLifeKind;

  @Field({ description: 'The branch 支部 that holds it (a node of the party tree).' })
  branch!: string;

  @Field(() => String, { nullable: true, description: 'The party group 党小组, for a group meeting.' })
  group?: string | null;

  @Field({ description: 'The day it was held (YYYY-MM-DD).' })
  heldOn!: string;

  @Field()
  topic!: string;

  @Field(() => [String], { nullable: true })
  agenda?: string[] | null;

  @Field(() => [AttendanceInput])
  attendance!: AttendanceInput[];
}

@InputType('CorrectOrgLifeMeetingInput')
export class CorrectMeetingInput {
  @Field()
  id!: string;

  @Field(() => Int, { description: 'The version you read: a correction of a stale view is CONFLICT.' })
  expectedVersion!: number;

  @Field({ description: 'Why it is corrected.' })
  reason!: string;

  @Field(() => OrgLifeKindEnum)
  kind!: OrgLifeKind;

  @Field(() => String, { nullable: true })
  group?: string | null;

  @Field()
  heldOn!: string;

  @Field()
  topic!: string;

  @Field(() => [String], { nullable: true })
  agenda?: string[] | null;

  @Field(() => [AttendanceInput])
  attendance!: AttendanceInput[];
}

@ObjectType('OrgLifeAttendance')
export class AttendanceView {
  @Field()
  member!: string;

  @Field(() => AttendanceStatusEnum)
  status!: OrgLifeAttendanceStatus;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType('OrgLifeMeeting', {
  description: 'A meeting of organisational life 组织生活 (三会一课, 主题党日).',
})
export class MeetingView {
  @Field()
  id!: string;

  @Field(() => OrgLifeKindEnum)
  kind!: OrgLifeKind;

  @Field()
  branch!: string;

  @Field(() => String, { nullable: true })
  group!: string | null;

  @Field()
  heldOn!: string;

  @Field()
  topic!: string;

  @Field(() => [String])
  agenda!: string[];

  @Field(() => [AttendanceView])
  attendance!: AttendanceView[];

  @Field(() => Int)
  present!: number;

  @Field(() => Int)
  leave!: number;

  @Field(() => Int)
  absent!: number;

  @Field({ description: '`held`, or `withdrawn` when the branch deleted the record (kept).' })
  status!: string;

  @Field(() => Int, { description: 'Pass it back as expectedVersion to correct or withdraw.' })
  version!: number;

  @Field({ description: 'Who recorded or last corrected it (token subject).' })
  recordedBy!: string;

  @Field()
  recordedOn!: string;

  @Field(() => String, { nullable: true, description: 'Why it was last corrected or withdrawn.' })
  note!: string | null;

  static from(s: StoredOrgLifeMeeting): MeetingView {
    const m = s.meeting;
    const count = (status: OrgLifeAttendanceStatus) => m.attendance.filter((a) => a.status === status).length;
    return Object.assign(new MeetingView(), {
      id: m.id,
      kind: m.kind,
      branch: m.branch,
      group: m.group ?? null,
      heldOn: m.heldOn,
      topic: m.topic,
      agenda: [...m.agenda],
      attendance: m.attendance.map((a) =>
        Object.assign(new AttendanceView(), { member: a.member, status: a.status, reason: a.reason ?? null }),
      ),
      present: count('present'),
      leave: count('leave'),
      absent: count('absent'),
      status: s.status,
      version: s.version,
      recordedBy: s.recordedBy,
      recordedOn: s.recordedOn,
      note: s.note,
    });
  }
}

export const MeetingConnection = connectionOf('OrgLifeMeeting', MeetingView);

@ObjectType('SkippedPoint', { description: 'A participant whose fact earned no entry, and why.' })
export class SkippedPointView {
  @Field()
  member!: string;

  @Field()
  item!: string;

  @Field({ description: 'no_rules, unknown_member, unknown_item, not_eligible or deadline_passed.' })
  reason!: string;

  @Field(() => LocalizedText)
  message!: LocalizedText;

  static from(s: SkippedPoint): SkippedPointView {
    return Object.assign(new SkippedPointView(), {
      member: s.member,
      item: s.item,
      reason: s.reason,
      message: Object.assign(new LocalizedText(), s.message),
    });
  }
}

@ObjectType('OrgLifeMeetingResult', {
  description: 'What recording, correcting or withdrawing a meeting did.',
})
export class MeetingResult {
  @Field(() => MeetingView)
  meeting!: MeetingView;

  @Field({ description: 'True when the same record was already stored: nothing was written.' })
  duplicate!: boolean;

  @Field(() => [PointEntryView], {
    description:
      'The system point entries and reversals written with it (自动记分), as they stand after the write.',
  })
  points!: PointEntryView[];

  @Field(() => [SkippedPointView])
  skipped!: SkippedPointView[];

  static from(o: MeetingOutcome): MeetingResult {
    return Object.assign(new MeetingResult(), {
      meeting: MeetingView.from(o.stored),
      duplicate: o.duplicate,
      points: o.points.map((p) => PointEntryView.from(p.record)),
      skipped: o.skipped.map(SkippedPointView.from),
    });
  }
}

@ObjectType('OrgLifeCheck', { description: 'One kind, one holder, one period of its cadence.' })
export class CheckView {
  @Field(() => OrgLifeKindEnum)
  kind!: OrgLifeKind;

  @Field({ description: 'The branch, or the party group for group meetings.' })
  holder!: string;

  @Field({ description: 'The period: 2025-03, 2025-Q1, 2025-H1 or 2025.' })
  period!: string;

  @Field()
  start!: string;

  @Field()
  end!: string;

  @Field(() => CheckStatusEnum)
  status!: OrgLifeCheckStatus;

  @Field(() => [String])
  meetingIds!: string[];

  static from(c: OrgLifeCheck): CheckView {
    return Object.assign(new CheckView(), {
      kind: c.kind,
      holder: c.holder,
      period: c.period.label,
      start: c.period.start,
      end: c.period.end,
      status: c.status,
      meetingIds: [...c.meetingIds],
    });
  }
}

@ObjectType('OrgLifeCompliance', {
  description: 'A branch’s organisational life against the profile’s cadence 落实情况.',
})
export class ComplianceView {
  @Field()
  branch!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => Int)
  held!: number;

  @Field(() => Int)
  belowQuorum!: number;

  @Field(() => Int)
  missing!: number;

  @Field(() => Int)
  open!: number;

  @Field(() => Float, { nullable: true, description: 'Held over the periods that ended, 0–1.' })
  rate!: number | null;

  @Field(() => Int)
  meetings!: number;

  @Field(() => Int)
  present!: number;

  @Field(() => Int)
  leave!: number;

  @Field(() => Int)
  absent!: number;

  @Field(() => Float, { nullable: true, description: 'Present over everyone expected, 0–1.' })
  attendanceRate!: number | null;

  @Field(() => [CheckView])
  checks!: CheckView[];

  static from(c: OrgLifeCompliance): ComplianceView {
    return Object.assign(new ComplianceView(), {
      branch: c.branch,
      from: c.from,
      to: c.to,
      held: c.held,
      belowQuorum: c.belowQuorum,
      missing: c.missing,
      open: c.open,
      rate: c.rate,
      meetings: c.meetings,
      present: c.attendance.present,
      leave: c.attendance.leave,
      absent: c.attendance.absent,
      attendanceRate: c.attendance.rate,
      checks: c.checks.map(CheckView.from),
    });
  }
}

@ObjectType('SecretaryRecordLine', { description: 'One line of the secretary’s record 书记抓党建纪实.' })
export class RecordLineView {
  @Field()
  on!: string;

  @Field(() => OrgLifeKindEnum)
  kind!: OrgLifeKind;

  @Field()
  holder!: string;

  @Field({ description: 'meeting, below_quorum or missing.' })
  what!: string;

  @Field(() => String, { nullable: true })
  meetingId!: string | null;

  @Field(() => LocalizedText)
  text!: LocalizedText;

  static from(l: SecretaryRecordLine): RecordLineView {
    return Object.assign(new RecordLineView(), {
      on: l.on,
      kind: l.kind,
      holder: l.holder,
      what: l.what,
      meetingId: l.meetingId,
      text: Object.assign(new LocalizedText(), l.text),
    });
  }
}

@ObjectType('SecretaryRecord', {
  description: 'The secretary’s record of leading party building 书记抓党建纪实.',
})
export class SecretaryRecordView {
  @Field(() => ComplianceView)
  compliance!: ComplianceView;

  @Field(() => [RecordLineView])
  lines!: RecordLineView[];
}
