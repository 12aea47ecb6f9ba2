import { invalidDateIssue } from '../calendar/errors.js';
import type { GridRules } from '../profiles/schema.js';
import { MEETING_CADENCES, type MeetingCadence } from '../profiles/vocabulary.js';
import { daysInMonth, isLocalDate, type LocalDate, toDayNumber } from '../shared/dates.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result, unreachable } from '../shared/result.js';
import { type MeetingIssueCode, shown } from './errors.js';

/**
 * Joint meetings 联席会议 on party building (seed 5): the street's, called by the street party
 * secretary, every quarter; each community's, called by the deputy secretary, every month; and ad
 * hoc meetings for major problems. The profile's `jointMeetings` sets each level's cadence; this
 * file finds the periods in which a level held no regular meeting.
 */

export type JointMeetingLevel = 'street' | 'community';

/** `regular` meetings satisfy the cadence; `ad_hoc` ones (遇有重大问题随时召开) are counted apart. */
export type JointMeetingKind = 'regular' | 'ad_hoc';

export interface JointMeeting {
  readonly id: string;
  readonly level: JointMeetingLevel;
  /** The street or community code. */
  readonly orgCode: string;
  readonly heldOn: string;
  readonly kind: JointMeetingKind;
  readonly topic?: string | undefined;
}

/** A period of a cadence: `2026-03`, `2026-Q1`, `2026-H1` or `2026`. */
export interface MeetingPeriod {
  readonly label: string;
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/**
 * One level, one organisation, one period: `held` (a regular meeting in the period), `missing`
 * (the period ended without one) or `open` (not over yet and none so far).
 */
export interface JointMeetingCheck {
  readonly level: JointMeetingLevel;
  readonly orgCode: string;
  readonly period: MeetingPeriod;
  readonly status: 'held' | 'missing' | 'open';
  readonly meetingIds: readonly string[];
}

export interface JointMeetingReport {
  readonly checks: readonly JointMeetingCheck[];
  readonly missing: readonly JointMeetingCheck[];
  /** Ad hoc meetings held in the range, per level. */
  readonly adHoc: { readonly street: number; readonly community: number };
}

export interface JointMeetingInput {
  readonly streetCodes: readonly string[];
  readonly communityCodes: readonly string[];
  readonly meetings: readonly JointMeeting[];
  /** The range checked, inclusive; periods overlapping it are checked. `to` is usually today. */
  readonly from: string;
  readonly to: string;
}

const LEVEL: { readonly [L in JointMeetingLevel]: LocalizedText } = {
  street: { zh: '街道', en: 'street' },
  community: { zh: '社区', en: 'community' },
};

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The periods of a cadence that overlap `[from, to]`, in order.
 *
 * @example
 * meetingPeriods('quarterly', '2026-02-10', '2026-05-01').map((p) => p.label) // ['2026-Q1', '2026-Q2']
 */
export function meetingPeriods(cadence: MeetingCadence, from: LocalDate, to: LocalDate): MeetingPeriod[] {
  const months = monthsOf(cadence);
  const out: MeetingPeriod[] = [];
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  for (let year = fromYear; year <= toYear; year++) {
    for (let first = 1; first <= 12; first += months) {
      const last = first + months - 1;
      const start = `${year}-${two(first)}-01` as LocalDate;
      const end = `${year}-${two(last)}-${two(daysInMonth(year, last))}` as LocalDate;
      if (end < from || start > to) continue;
      out.push({ label: labelOf(cadence, year, first), start, end });
    }
  }
  return out;
}

function monthsOf(cadence: MeetingCadence): number {
  switch (cadence) {
    case 'monthly':
      return 1;
    case 'quarterly':
      return 3;
    case 'half_yearly':
      return 6;
    case 'yearly':
      return 12;
    default:
      return unreachable(cadence, 'meeting cadence');
  }
}

function labelOf(cadence: MeetingCadence, year: number, first: number): string {
  switch (cadence) {
    case 'monthly':
      return `${year}-${two(first)}`;
    case 'quarterly':
      return `${year}-Q${(first + 2) / 3}`;
    case 'half_yearly':
      return `${year}-H${first === 1 ? 1 : 2}`;
    case 'yearly':
      return String(year);
    default:
      return unreachable(cadence, 'meeting cadence');
  }
}

/** The longest range one check covers: five years, enough for a term of office. */
export const MAX_JOINT_MEETING_RANGE_DAYS = 5 * 366;

/**
 * Checks joint meetings against the profile's cadence (reference: street quarterly, community
 * monthly) for every street and community over a range, and lists the periods that ended without
 * a regular meeting. Reports invalid dates, an empty range, unknown organisations and repeated ids.
 *
 * @example
 * const report = unwrap(findMissingJointMeetings(
 *   {
 *     streetCodes: ['S1'],
 *     communityCodes: ['C1'],
 *     meetings: [
 *       { id: 'm1', level: 'street', orgCode: 'S1', heldOn: '2026-02-05', kind: 'regular' },
 *       { id: 'm2', level: 'community', orgCode: 'C1', heldOn: '2026-01-20', kind: 'regular' },
 *     ],
 *     from: '2026-01-01',
 *     to: '2026-03-15',
 *   },
 *   referenceProfile.grid,
 * ));
 * report.missing.map((c) => `${c.orgCode} ${c.period.label}`); // ['C1 2026-02'] (2026-03 is still open)
 */
export function findMissingJointMeetings(
  input: JointMeetingInput,
  rules: Pick<GridRules, 'jointMeetings'>,
): Result<JointMeetingReport, MeetingIssueCode> {
  const issues: Issue<MeetingIssueCode>[] = [];
  if (!isLocalDate(input.from)) issues.push(invalidDateIssue(input.from, ['from']));
  if (!isLocalDate(input.to)) issues.push(invalidDateIssue(input.to, ['to']));
  if (isLocalDate(input.from) && isLocalDate(input.to) && input.from > input.to) {
    issues.push(
      issue(
        'MEETING_INVALID_RANGE',
        {
          zh: `检查区间的开始日期 ${input.from} 晚于结束日期 ${input.to}`,
          en: `the range starts on ${input.from}, after its end ${input.to}`,
        },
        ['from'],
        { from: input.from, to: input.to },
      ),
    );
  } else if (
    isLocalDate(input.from) &&
    isLocalDate(input.to) &&
    toDayNumber(input.to) - toDayNumber(input.from) >= MAX_JOINT_MEETING_RANGE_DAYS
  ) {
    issues.push(
      issue(
        'MEETING_RANGE_TOO_LONG',
        {
          zh: `检查区间 ${input.from} 至 ${input.to} 过长，最多 ${MAX_JOINT_MEETING_RANGE_DAYS} 天（约五年）`,
          en: `the range ${input.from} to ${input.to} is too long: at most ${MAX_JOINT_MEETING_RANGE_DAYS} days (about five years)`,
        },
        ['from'],
        { from: input.from, to: input.to, maxDays: MAX_JOINT_MEETING_RANGE_DAYS },
      ),
    );
  }
  const orgs: { readonly [L in JointMeetingLevel]: ReadonlySet<string> } = {
    street: new Set(input.streetCodes),
    community: new Set(input.communityCodes),
  };
  const idRow = new Map<string, number>();
  input.meetings.forEach((m, i) => {
    if (typeof m.id !== 'string' || m.id.trim() === '') {
      issues.push(
        issue(
          'MEETING_EMPTY_ID',
          { zh: `第 ${i} 条会议记录的编号为空`, en: `meeting ${i} has an empty id` },
          [i, 'id'],
          {
            row: i,
          },
        ),
      );
    } else if (idRow.has(m.id)) {
      issues.push(
        issue(
          'MEETING_DUPLICATE_ID',
          {
            zh: `会议编号“${shown(m.id)}”重复：第 ${idRow.get(m.id)} 条和第 ${i} 条`,
            en: `meeting id "${shown(m.id)}" appears twice: rows ${idRow.get(m.id)} and ${i}`,
          },
          [i, 'id'],
          { id: m.id, row: i, firstRow: idRow.get(m.id) },
        ),
      );
    } else idRow.set(m.id, i);
    if (!isLocalDate(m.heldOn)) issues.push(invalidDateIssue(m.heldOn, [i, 'heldOn']));
    const known = orgs[m.level];
    if (known === undefined || !known.has(m.orgCode)) {
      const level = LEVEL[m.level] ?? { zh: shown(m.level), en: shown(m.level) };
      issues.push(
        issue(
          'MEETING_UNKNOWN_ORG',
          {
            zh: `第 ${i} 条会议记录的${level.zh}“${shown(m.orgCode)}”不在检查范围内`,
            en: `meeting ${i} belongs to ${level.en} "${shown(m.orgCode)}", which is not among those checked`,
          },
          [i, 'orgCode'],
          { level: m.level, orgCode: m.orgCode, row: i },
        ),
      );
    }
  });
  if (issues.length > 0) return fail(issues);
  const from = input.from as LocalDate;
  const to = input.to as LocalDate;

  const regular = new Map<string, JointMeeting[]>();
  const adHoc = { street: 0, community: 0 };
  for (const m of input.meetings) {
    if (m.kind === 'ad_hoc') {
      if (m.heldOn >= from && m.heldOn <= to) adHoc[m.level]++;
      continue;
    }
    const key = `${m.level}\u0000${m.orgCode}`;
    const held = regular.get(key);
    if (held === undefined) regular.set(key, [m]);
    else held.push(m);
  }
  const checks: JointMeetingCheck[] = [];
  for (const level of ['street', 'community'] as const) {
    const cadence = rules.jointMeetings[level];
    if (!MEETING_CADENCES.includes(cadence)) continue;
    const periods = meetingPeriods(cadence, from, to);
    const codes = level === 'street' ? input.streetCodes : input.communityCodes;
    for (const orgCode of codes) {
      const held = regular.get(`${level}\u0000${orgCode}`) ?? [];
      for (const period of periods) {
        const meetingIds = held
          .filter((m) => m.heldOn >= period.start && m.heldOn <= period.end)
          .map((m) => m.id);
        const status = meetingIds.length > 0 ? 'held' : period.end > to ? 'open' : 'missing';
        checks.push({ level, orgCode, period, status, meetingIds });
      }
    }
  }
  return ok({ checks, missing: checks.filter((c) => c.status === 'missing'), adHoc });
}
