import type { OrgLifeRules } from '../profiles/schema.js';
import { ORG_LIFE_KINDS, type OrgLifeKind } from '../profiles/vocabulary.js';
import { isLocalDate, type LocalDate, toDayNumber } from '../shared/dates.js';
import { issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { invalidInput, type OrgLifeIssue, type OrgLifeIssueCode, shownValue } from './errors.js';

/**
 * A meeting of organisational life 组织生活 (三会一课, 主题党日) as recorded by its branch: the kind,
 * the day, the topic and agenda, and each member's attendance (present 出席, on leave 请假, absent
 * 缺席). The profile's `orgLife` says who holds each kind (the branch or each party group), who is
 * expected and whether a leave needs a reason; {@link checkMeeting} holds a record to them.
 */

export const ORG_LIFE_ATTENDANCE_STATUSES = ['present', 'leave', 'absent'] as const;
export type OrgLifeAttendanceStatus = (typeof ORG_LIFE_ATTENDANCE_STATUSES)[number];

export const ORG_LIFE_ATTENDANCE_LABELS: { readonly [S in OrgLifeAttendanceStatus]: LocalizedText } = {
  present: { zh: '出席', en: 'present' },
  leave: { zh: '请假', en: 'on leave' },
  absent: { zh: '缺席', en: 'absent' },
};

export interface OrgLifeAttendance {
  readonly member: string;
  readonly status: OrgLifeAttendanceStatus;
  /** Why a member was on leave (required when the profile says so) or absent. */
  readonly reason?: string;
}

export interface OrgLifeMeeting {
  readonly id: string;
  readonly kind: OrgLifeKind;
  /** The branch 支部 that holds the meeting, or whose party group does. */
  readonly branch: string;
  /** The party group 党小组 holding a group meeting; absent for the branch's own kinds. */
  readonly group?: string;
  readonly heldOn: LocalDate;
  readonly topic: string;
  readonly agenda: readonly string[];
  readonly attendance: readonly OrgLifeAttendance[];
}

/** Who may be listed: the branch's members on the day, each with their party group if any. */
export interface OrgLifeRoster {
  readonly branch: string;
  readonly members: readonly { readonly code: string; readonly group?: string }[];
}

/** The longest topic, agenda item and reason, and the most agenda items. */
export const ORG_LIFE_LIMITS = {
  topic: 200,
  agendaItem: 500,
  agendaItems: 30,
  reason: 500,
  id: 128,
} as const;

const FIELD = {
  id: { zh: '会议编号', en: 'meeting id' },
  kind: { zh: '会议类型', en: 'meeting kind' },
  heldOn: { zh: '召开日期', en: 'meeting date' },
  topic: { zh: '会议主题', en: 'topic' },
  agenda: { zh: '议程', en: 'agenda item' },
  status: { zh: '出勤情况', en: 'attendance status' },
  reason: { zh: '理由', en: 'reason' },
} as const satisfies Record<string, LocalizedText>;

const text = (max: number): LocalizedText => ({
  zh: `应为 1 至 ${max} 个字符的文本`,
  en: `expected text of 1 to ${max} characters`,
});

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max;
}

/** The kind's name, from the profile. */
export function kindName(kind: OrgLifeKind, rules: OrgLifeRules): LocalizedText {
  return rules.kinds[kind].name;
}

/**
 * Checks a meeting record against the profile and the branch's roster on the day, and against
 * today (`on`): a meeting is recorded after it was held and at most `recordWithinDays` later. A
 * party group's meeting names a group of the branch, and the branch's own kinds name none; every
 * member listed belongs to the branch (and to the group), once; for an `all_members` kind every
 * member is listed; a leave carries a reason when the profile asks for one.
 *
 * @example
 * checkMeeting(
 *   { id: 'm1', kind: 'themed_day', branch: 'Pb1', heldOn: '2025-03-05', topic: '学雷锋', agenda: ['志愿服务'],
 *     attendance: [{ member: 'a', status: 'present' }, { member: 'b', status: 'leave', reason: '出差' }] },
 *   { branch: 'Pb1', members: [{ code: 'a' }, { code: 'b' }] },
 *   referenceProfile.orgLife,
 *   '2025-03-06',
 * ).ok // true
 */
export function checkMeeting(
  meeting: OrgLifeMeeting,
  roster: OrgLifeRoster,
  rules: OrgLifeRules,
  on: LocalDate,
): Result<OrgLifeMeeting, OrgLifeIssueCode> {
  const issues: OrgLifeIssue[] = [];
  if (!isText(meeting.id, ORG_LIFE_LIMITS.id))
    issues.push(invalidInput(FIELD.id, text(ORG_LIFE_LIMITS.id), ['id'], meeting.id));
  if (!ORG_LIFE_KINDS.includes(meeting.kind)) {
    issues.push(
      invalidInput(
        FIELD.kind,
        { zh: `应为 ${ORG_LIFE_KINDS.join('、')} 之一`, en: `expected one of ${ORG_LIFE_KINDS.join(', ')}` },
        ['kind'],
        meeting.kind,
      ),
    );
    return fail(issues);
  }
  if (!isText(meeting.topic, ORG_LIFE_LIMITS.topic)) {
    issues.push(invalidInput(FIELD.topic, text(ORG_LIFE_LIMITS.topic), ['topic'], meeting.topic));
  }
  if (meeting.agenda.length > ORG_LIFE_LIMITS.agendaItems) {
    issues.push(
      invalidInput(
        FIELD.agenda,
        {
          zh: `议程最多 ${ORG_LIFE_LIMITS.agendaItems} 项`,
          en: `at most ${ORG_LIFE_LIMITS.agendaItems} agenda items`,
        },
        ['agenda'],
        meeting.agenda.length,
      ),
    );
  }
  meeting.agenda.forEach((item, i) => {
    if (!isText(item, ORG_LIFE_LIMITS.agendaItem)) {
      issues.push(invalidInput(FIELD.agenda, text(ORG_LIFE_LIMITS.agendaItem), ['agenda', i], item));
    }
  });
  const rule = rules.kinds[meeting.kind];
  const name = rule.name;
  if (!isLocalDate(meeting.heldOn)) {
    issues.push(
      invalidInput(
        FIELD.heldOn,
        { zh: '应为 YYYY-MM-DD 格式的真实日期', en: 'expected a real date as YYYY-MM-DD' },
        ['heldOn'],
        meeting.heldOn,
      ),
    );
  } else if (meeting.heldOn > on || toDayNumber(on) - toDayNumber(meeting.heldOn) > rules.recordWithinDays) {
    issues.push(
      issue(
        'ORG_LIFE_DATE_OUT_OF_RANGE',
        meeting.heldOn > on
          ? {
              zh: `召开日期 ${meeting.heldOn} 晚于今天 ${on}：不能记录尚未召开的会议`,
              en: `the meeting date ${meeting.heldOn} is after today, ${on}: a meeting is recorded once it is held`,
            }
          : {
              zh: `${meeting.heldOn} 召开的${name.zh}已超过 ${rules.recordWithinDays} 天的记录期限（今天 ${on}），请由党委更正`,
              en: `the ${name.en} of ${meeting.heldOn} is more than ${rules.recordWithinDays} days old (today is ${on}); the committee corrects it`,
            },
        ['heldOn'],
        { heldOn: meeting.heldOn, on, recordWithinDays: rules.recordWithinDays },
      ),
    );
  }
  const groups = new Set(roster.members.flatMap((m) => (m.group === undefined ? [] : [m.group])));
  const wrongHolder = issues.length;
  if (rule.heldBy === 'group' && (meeting.group === undefined || !groups.has(meeting.group))) {
    issues.push(
      issue(
        'ORG_LIFE_WRONG_HOLDER',
        meeting.group === undefined
          ? {
              zh: `${name.zh}由党小组召开，须写明党小组`,
              en: `a ${name.en} is held by a party group: name the group`,
            }
          : {
              zh: `党小组“${shownValue(meeting.group)}”不属于支部“${roster.branch}”，或其中没有党员`,
              en: `party group "${shownValue(meeting.group)}" is not a group of branch "${roster.branch}" with members`,
            },
        ['group'],
        { kind: meeting.kind, group: meeting.group ?? null, branch: roster.branch },
      ),
    );
  } else if (rule.heldBy === 'branch' && meeting.group !== undefined) {
    issues.push(
      issue(
        'ORG_LIFE_WRONG_HOLDER',
        {
          zh: `${name.zh}由支部召开，不写党小组`,
          en: `a ${name.en} is held by the branch, not by a party group`,
        },
        ['group'],
        { kind: meeting.kind, group: meeting.group, branch: roster.branch },
      ),
    );
  }
  // OrgLifeAttendance is checked against the holder's members: not when the holder is wrong.
  if (issues.slice(wrongHolder).some((i) => i.code === 'ORG_LIFE_WRONG_HOLDER')) return fail(issues);
  const expected = roster.members.filter((m) => rule.heldBy === 'branch' || m.group === meeting.group);
  const known = new Set(expected.map((m) => m.code));
  const seen = new Map<string, number>();
  meeting.attendance.forEach((a, i) => {
    const first = seen.get(a.member);
    if (first !== undefined) {
      issues.push(
        issue(
          'ORG_LIFE_DUPLICATE_ATTENDEE',
          {
            zh: `党员“${shownValue(a.member)}”在出勤名单中出现两次：第 ${first} 条和第 ${i} 条`,
            en: `member "${shownValue(a.member)}" is listed twice: rows ${first} and ${i}`,
          },
          ['attendance', i, 'member'],
          { member: a.member, row: i, firstRow: first },
        ),
      );
      return;
    }
    seen.set(a.member, i);
    if (!known.has(a.member)) {
      issues.push(
        issue(
          'ORG_LIFE_NOT_A_MEMBER',
          rule.heldBy === 'group'
            ? {
                zh: `党员“${shownValue(a.member)}”不是党小组“${shownValue(meeting.group)}”的成员`,
                en: `"${shownValue(a.member)}" is not a member of party group "${shownValue(meeting.group)}"`,
              }
            : {
                zh: `党员“${shownValue(a.member)}”不是支部“${roster.branch}”的党员`,
                en: `"${shownValue(a.member)}" is not a member of branch "${roster.branch}"`,
              },
          ['attendance', i, 'member'],
          { member: a.member, branch: roster.branch, group: meeting.group ?? null },
        ),
      );
    }
    if (!ORG_LIFE_ATTENDANCE_STATUSES.includes(a.status)) {
      issues.push(
        invalidInput(
          FIELD.status,
          {
            zh: '应为 present（出席）、leave（请假）或 absent（缺席）',
            en: 'expected present, leave or absent',
          },
          ['attendance', i, 'status'],
          a.status,
        ),
      );
    }
    if (a.reason !== undefined && !isText(a.reason, ORG_LIFE_LIMITS.reason)) {
      issues.push(
        invalidInput(FIELD.reason, text(ORG_LIFE_LIMITS.reason), ['attendance', i, 'reason'], a.reason),
      );
    } else if (a.status === 'leave' && a.reason === undefined && rules.leaveRequiresReason) {
      issues.push(
        issue(
          'ORG_LIFE_REASON_REQUIRED',
          {
            zh: `党员“${shownValue(a.member)}”请假，须写明请假理由`,
            en: `member "${shownValue(a.member)}" is on leave: record the reason`,
          },
          ['attendance', i, 'reason'],
          { member: a.member },
        ),
      );
    }
  });
  if (rule.roster === 'all_members') {
    const missing = expected.map((m) => m.code).filter((c) => !seen.has(c));
    if (missing.length > 0) {
      const shownList =
        missing.slice(0, 10).join('、') + (missing.length > 10 ? ` 等 ${missing.length} 人` : '');
      const shownEn =
        missing.slice(0, 10).join(', ') + (missing.length > 10 ? ` and ${missing.length - 10} more` : '');
      issues.push(
        issue(
          'ORG_LIFE_ATTENDANCE_MISSING',
          {
            zh: `${name.zh}应列出全体党员的出勤情况（出席、请假或缺席），未列出：${shownList}`,
            en: `a ${name.en} lists every member as present, on leave or absent; missing: ${shownEn}`,
          },
          ['attendance'],
          { missing },
        ),
      );
    }
  }
  if (meeting.attendance.length === 0 && rule.roster === 'listed') {
    issues.push(
      issue(
        'ORG_LIFE_ATTENDANCE_MISSING',
        { zh: `${name.zh}须列出出席人员`, en: `a ${name.en} lists who attended` },
        ['attendance'],
        { missing: [] },
      ),
    );
  }
  return issues.length > 0 ? fail(issues) : ok(meeting);
}

/** Present, on leave and absent counts of a meeting, and whether it reached its kind's quorum. */
export interface MeetingTurnout {
  readonly present: number;
  readonly leave: number;
  readonly absent: number;
  readonly expected: number;
  /** True when the kind has no quorum, or more than its share of those expected was present. */
  readonly quorate: boolean;
}

/**
 * The turnout of a meeting. A quorum of 0.5 means more than half present (党员大会须有半数以上党员到会).
 *
 * @example
 * turnout({ ...meeting, kind: 'branch_assembly', attendance: [present, present, absent, leave] }, rules)
 * // { present: 2, leave: 1, absent: 1, expected: 4, quorate: false } — 2 of 4 is not more than half
 */
export function turnout(
  meeting: Pick<OrgLifeMeeting, 'kind' | 'attendance'>,
  rules: OrgLifeRules,
): MeetingTurnout {
  let present = 0;
  let leave = 0;
  let absent = 0;
  for (const a of meeting.attendance) {
    if (a.status === 'present') present++;
    else if (a.status === 'leave') leave++;
    else absent++;
  }
  const expected = present + leave + absent;
  const quorum = rules.kinds[meeting.kind].quorum;
  return { present, leave, absent, expected, quorate: quorum === undefined || present > quorum * expected };
}
