import { isLocalDate, type LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { fromDayNumber, toDayNumber, yearOfDay } from './days.js';
import { type CalendarIssueCode, invalidDateIssue } from './errors.js';
import type { CalendarYearInput, WorkingDayCalendar } from './working-days.js';

/**
 * What a working-day calendar covers, and how to extend it. The State Council publishes each
 * year's holidays and make-up working days 调休 late in the year before, so a calendar always runs
 * out: these functions say which days a result leaned on an uncovered year for (such a result is
 * provisional, counted by the weekend rule until the year is added), warn before the calendar runs
 * out, and turn a published schedule (events such as an iCalendar file holds) into calendar data.
 */

/**
 * The years between `from` and `to` (both included, in either order) that the calendar does not
 * list, ascending. A deadline counted over such a year is provisional.
 *
 * @example
 * uncoveredYearsBetween(workingCalendarOf(referenceProfile), '2026-12-28', '2027-01-06') // [2027]
 */
export function uncoveredYearsBetween(calendar: WorkingDayCalendar, from: string, to: string): number[] {
  let lo = yearOfDay(dayOf(from));
  let hi = yearOfDay(dayOf(to));
  if (lo > hi) [lo, hi] = [hi, lo];
  const missing: number[] = [];
  for (let year = lo; year <= hi; year++) if (!calendar.years.includes(year)) missing.push(year);
  return missing;
}

/** When a calendar's data ends, as seen on one day. */
export interface CalendarCoverage {
  /** The last day of the last year the calendar lists, or null for an empty calendar. */
  readonly endsOn: LocalDate | null;
  /** Calendar days from `today` to `endsOn` (negative once it has ended). */
  readonly daysLeft: number | null;
  /**
   * `CALENDAR_ENDING_SOON` from `warnDays` before the end, `CALENDAR_ENDED` after it (also for an
   * empty calendar); null while the calendar is good for longer.
   */
  readonly warning: Issue<CalendarIssueCode> | null;
}

/**
 * How long the calendar lasts from `today`, with a warning from `warnDays` (default 60) days before
 * it runs out: deadlines past the end are provisional until the next year's schedule is imported.
 *
 * @example
 * calendarCoverage(workingCalendarOf(referenceProfile), '2026-12-04').warning?.code // 'CALENDAR_ENDING_SOON'
 */
export function calendarCoverage(
  calendar: WorkingDayCalendar,
  today: string,
  warnDays = 60,
): CalendarCoverage {
  const day = dayOf(today);
  const last = calendar.years[calendar.years.length - 1];
  if (last === undefined) {
    return {
      endsOn: null,
      daysLeft: null,
      warning: issue(
        'CALENDAR_ENDED',
        {
          zh: '工作日历没有收录任何年份，所有期限都按双休日规则暂定计算',
          en: 'the working-day calendar lists no year; every deadline is provisional (weekend rule)',
        },
        [],
        { endsOn: null },
      ),
    };
  }
  const endsOn = `${String(last).padStart(4, '0')}-12-31` as LocalDate;
  const daysLeft = toDayNumber(endsOn) - day;
  const next = last + 1;
  let warning: Issue<CalendarIssueCode> | null = null;
  if (daysLeft < 0) {
    warning = issue(
      'CALENDAR_ENDED',
      {
        zh: `工作日历只收录到 ${last} 年，此后的期限按双休日规则暂定计算；请导入 ${next} 年起的国务院节假日安排（jiceng calendar import）`,
        en: `the working-day calendar ends with ${last}; later deadlines are provisional (weekend rule) until the State Council schedule for ${next} is imported (jiceng calendar import)`,
      },
      [],
      { endsOn, daysLeft },
    );
  } else if (daysLeft < warnDays) {
    warning = issue(
      'CALENDAR_ENDING_SOON',
      {
        zh: `工作日历将于 ${endsOn} 到期（还剩 ${daysLeft} 天），跨入 ${next} 年的期限为暂定；请导入 ${next} 年国务院节假日安排（jiceng calendar import）`,
        en: `the working-day calendar ends on ${endsOn} (${daysLeft} days left); deadlines in ${next} are provisional until its State Council schedule is imported (jiceng calendar import)`,
      },
      [],
      { endsOn, daysLeft },
    );
  }
  return { endsOn, daysLeft, warning };
}

/** A date the caller vouches for (a clock's day, a stored date): anything else is a bug. */
function dayOf(date: string): number {
  if (!isLocalDate(date)) throw new RangeError(`expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return toDayNumber(date);
}

/** One entry of a published holiday schedule: a run of days off, or of make-up working days. */
export interface CalendarEventInput {
  /** First day. */
  readonly start: string;
  /** The day after the last (iCalendar's all-day `DTEND`); one day when left out. */
  readonly end?: string | undefined;
  readonly kind: 'holiday' | 'makeup_workday';
  /** The schedule's own name for it (e.g. 春节(休)); only used in messages. */
  readonly name?: string | undefined;
}

/** The longest run one event may cover: the longest statutory break is nine days. */
const MAX_EVENT_DAYS = 31;

/**
 * Turns a published schedule into calendar data per year, as a profile's `calendar` section
 * holds it: each event's days are listed under their year, sorted and without repeats. Reports
 * every problem at once: an invalid date, an end not after its start or a run longer than a
 * month, a day that is both off and a working day, and a schedule with no days at all.
 *
 * @example
 * calendarYearsFromEvents([
 *   { start: '2026-02-15', end: '2026-02-24', kind: 'holiday', name: '春节(休)' },
 *   { start: '2026-02-14', kind: 'makeup_workday', name: '春节(班)' },
 * ]) // ok: { '2026': { holidays: ['2026-02-15', …, '2026-02-23'], makeupWorkdays: ['2026-02-14'] } }
 */
export function calendarYearsFromEvents(
  events: readonly CalendarEventInput[],
): Result<Record<string, CalendarYearInput>, CalendarIssueCode> {
  const issues: Issue<CalendarIssueCode>[] = [];
  const kinds = new Map<number, { kind: CalendarEventInput['kind']; index: number }>();
  events.forEach((event, index) => {
    if (!isLocalDate(event.start)) {
      issues.push(invalidDateIssue(event.start, [index, 'start']));
      return;
    }
    if (event.end !== undefined && !isLocalDate(event.end)) {
      issues.push(invalidDateIssue(event.end, [index, 'end']));
      return;
    }
    const first = toDayNumber(event.start);
    const after = event.end === undefined ? first + 1 : toDayNumber(event.end);
    if (after <= first || after - first > MAX_EVENT_DAYS) {
      issues.push(
        issue(
          'CALENDAR_INVALID_RANGE',
          {
            zh: `“${event.name ?? event.start}”的日期范围 ${event.start} 至 ${event.end} 无效：结束须晚于开始，且不超过 ${MAX_EVENT_DAYS} 天`,
            en: `"${event.name ?? event.start}" runs from ${event.start} to ${event.end}: the end must come after the start, at most ${MAX_EVENT_DAYS} days later`,
          },
          [index, 'end'],
          { start: event.start, end: event.end },
        ),
      );
      return;
    }
    for (let day = first; day < after; day++) {
      const seen = kinds.get(day);
      if (seen !== undefined && seen.kind !== event.kind) {
        const date = fromDayNumber(day);
        issues.push(
          issue(
            'CALENDAR_DAY_CONFLICT',
            {
              zh: `${date} 既是节假日又是调休上班日（第 ${seen.index + 1} 和第 ${index + 1} 条）`,
              en: `${date} is both a holiday and a make-up working day (entries ${seen.index + 1} and ${index + 1})`,
            },
            [index],
            { date },
          ),
        );
        continue;
      }
      kinds.set(day, { kind: event.kind, index });
    }
  });
  if (issues.length === 0 && kinds.size === 0) {
    issues.push(
      issue(
        'CALENDAR_EMPTY',
        {
          zh: '日程中没有任何节假日或调休上班日',
          en: 'the schedule lists no holiday and no make-up working day',
        },
        [],
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  const years: Record<string, { holidays: LocalDate[]; makeupWorkdays: LocalDate[] }> = {};
  for (const day of [...kinds.keys()].sort((a, b) => a - b)) {
    const year = String(yearOfDay(day));
    const lists = years[year] ?? { holidays: [], makeupWorkdays: [] };
    years[year] = lists;
    (kinds.get(day)!.kind === 'holiday' ? lists.holidays : lists.makeupWorkdays).push(fromDayNumber(day));
  }
  return ok(years);
}
