import type { RuleProfile, WorkingCalendar } from '../profiles/schema.js';
import { isLocalDate, type LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result, unwrap } from '../shared/result.js';
import { fromDayNumber, toDayNumber, weekdayOfDay, yearOfDay } from './days.js';
import { type CalendarIssueCode, invalidDateIssue, yearNotCoveredIssue } from './errors.js';

/**
 * What to do with a date in a year the calendar does not list. `reject` (the default) gives a
 * `CALENDAR_YEAR_NOT_COVERED` issue, because the State Council publishes each year's holidays and
 * make-up days 调休 only late in the year before, and guessing them would silently move deadlines.
 * `weekdays_only` treats such a year as Monday–Friday without holidays: an explicit opt-in for
 * callers (a long-range forecast, a test) that accept that error.
 */
export type UncoveredYearPolicy = 'reject' | 'weekdays_only';

/** The days off and make-up working days of one year, as a county's profile lists them. */
export interface CalendarYearInput {
  readonly holidays: readonly string[];
  readonly makeupWorkdays: readonly string[];
}

/**
 * A working-day calendar 工作日历: statutory holidays 法定节假日 and make-up working days 调休上班
 * per year, kept as data (the profile's `calendar` section), and the policy for other years.
 * Plain data: it survives `structuredClone`.
 */
export interface WorkingDayCalendar {
  /** The years the data covers, ascending. */
  readonly years: readonly number[];
  readonly uncoveredYears: UncoveredYearPolicy;
  /** Day numbers (days since 1970-01-01) of statutory days off. */
  readonly holidays: ReadonlySet<number>;
  /** Day numbers of weekend days that are working days. */
  readonly makeupWorkdays: ReadonlySet<number>;
}

export interface WorkingCalendarOptions {
  readonly uncoveredYears?: UncoveredYearPolicy;
}

/**
 * Builds a working-day calendar from per-year data (a profile's `calendar` section, or a county's
 * own list). Reports every problem at once: a malformed year key, an invalid date, a date filed
 * under the wrong year, and a day that is both a holiday and a make-up working day.
 *
 * @example
 * const calendar = unwrap(createWorkingCalendar({
 *   '2026': { holidays: ['2026-02-16', '2026-02-17'], makeupWorkdays: ['2026-02-14'] },
 * }));
 * unwrap(isWorkingDay(calendar, '2026-02-14')); // true (a Saturday 调休)
 */
export function createWorkingCalendar(
  data: Readonly<Record<string, CalendarYearInput>>,
  options: WorkingCalendarOptions = {},
): Result<WorkingDayCalendar, CalendarIssueCode> {
  const issues: Issue<CalendarIssueCode>[] = [];
  const years: number[] = [];
  const holidays = new Set<number>();
  const makeup = new Set<number>();
  for (const [key, days] of Object.entries(data)) {
    if (!/^\d{4}$/.test(key)) {
      issues.push(
        issue(
          'CALENDAR_INVALID_YEAR',
          {
            zh: `“${key}”不是有效年份，应为四位数字，如 2026`,
            en: `"${key}" is not a year; expected four digits such as 2026`,
          },
          [key],
          { year: key },
        ),
      );
      continue;
    }
    const year = Number(key);
    years.push(year);
    const seen = new Set<number>();
    for (const list of ['holidays', 'makeupWorkdays'] as const) {
      days[list].forEach((date, i) => {
        const path = [key, list, i];
        if (!isLocalDate(date)) {
          issues.push(invalidDateIssue(date, path));
          return;
        }
        if (!date.startsWith(`${key}-`)) {
          issues.push(
            issue(
              'CALENDAR_WRONG_YEAR',
              {
                zh: `${date} 不在 ${key} 年内`,
                en: `${date} is listed under ${key} but is not in that year`,
              },
              path,
              { year, date },
            ),
          );
          return;
        }
        const day = toDayNumber(date);
        if (list === 'makeupWorkdays' && seen.has(day)) {
          issues.push(
            issue(
              'CALENDAR_DAY_CONFLICT',
              {
                zh: `${date} 既是节假日又是调休上班日`,
                en: `${date} is both a holiday and a make-up working day`,
              },
              path,
              { date },
            ),
          );
          return;
        }
        if (list === 'holidays') {
          seen.add(day);
          holidays.add(day);
        } else makeup.add(day);
      });
    }
  }
  if (issues.length > 0) return fail(issues);
  years.sort((a, b) => a - b);
  return ok({
    years,
    uncoveredYears: options.uncoveredYears ?? 'reject',
    holidays,
    makeupWorkdays: makeup,
  });
}

/**
 * The working-day calendar of a validated rule profile (its `calendar` section).
 *
 * @example
 * const calendar = workingCalendarOf(referenceProfile); // 2025 and 2026, from the State Council notices
 */
export function workingCalendarOf(
  profile: Pick<RuleProfile, 'calendar'> | { readonly calendar: WorkingCalendar },
  options: WorkingCalendarOptions = {},
): WorkingDayCalendar {
  // A resolved profile is frozen, so its calendar is built once per section and policy: callers
  // (every request step, every readiness probe) need not keep caches of their own.
  const policy = options.uncoveredYears ?? 'reject';
  let built = profileCalendars.get(profile.calendar);
  if (built === undefined) {
    built = {};
    profileCalendars.set(profile.calendar, built);
  }
  // A resolved profile has passed the schema, which checks the same rules; a failure here is a bug.
  built[policy] ??= unwrap(createWorkingCalendar(profile.calendar, options));
  return built[policy];
}

const profileCalendars = new WeakMap<
  WorkingCalendar,
  { -readonly [P in UncoveredYearPolicy]?: WorkingDayCalendar }
>();

const lenientCalendars = new WeakMap<WorkingDayCalendar, WorkingDayCalendar>();

/**
 * The same calendar counting a day of a year it does not list by the weekend rule
 * (`weekdays_only`), for deadlines nobody may be refused over because a year's schedule is not
 * published yet; the caller marks such a deadline provisional (`uncoveredYearsBetween`).
 *
 * @example
 * addWorkingDays(lenientCalendar(workingCalendarOf(referenceProfile)), '2026-12-31', 1) // ok: '2027-01-01' until 2027 is added
 */
export function lenientCalendar(calendar: WorkingDayCalendar): WorkingDayCalendar {
  if (calendar.uncoveredYears === 'weekdays_only') return calendar;
  let lenient = lenientCalendars.get(calendar);
  if (lenient === undefined) {
    lenient = { ...calendar, uncoveredYears: 'weekdays_only' };
    lenientCalendars.set(calendar, lenient);
  }
  return lenient;
}

/** 1 working day, 0 day off, -1 in a year the calendar does not cover (under `reject`). */
export function dayKind(calendar: WorkingDayCalendar, day: number): 1 | 0 | -1 {
  if (calendar.makeupWorkdays.has(day)) return 1;
  if (calendar.holidays.has(day)) return 0;
  if (calendar.uncoveredYears === 'reject' && !covers(calendar, day)) return -1;
  return weekdayOfDay(day) <= 5 ? 1 : 0;
}

function covers(calendar: WorkingDayCalendar, day: number): boolean {
  const { years } = calendar;
  return years.length > 0 && years.includes(yearOfDay(day));
}

function checkDate(value: unknown, what: string): Result<number, CalendarIssueCode> {
  if (!isLocalDate(value)) return fail([invalidDateIssue(value, [what])]);
  return ok(toDayNumber(value));
}

function notCovered(calendar: WorkingDayCalendar, day: number): Result<never, CalendarIssueCode> {
  return fail([yearNotCoveredIssue(yearOfDay(day), fromDayNumber(day), calendar.years)]);
}

/**
 * Whether a date is a working day: a make-up working day always is, a statutory holiday never is,
 * otherwise Monday to Friday are.
 *
 * @example
 * isWorkingDay(workingCalendarOf(referenceProfile), '2026-10-01') // { ok: true, value: false }
 * isWorkingDay(workingCalendarOf(referenceProfile), '2027-03-01') // CALENDAR_YEAR_NOT_COVERED
 */
export function isWorkingDay(calendar: WorkingDayCalendar, date: string): Result<boolean, CalendarIssueCode> {
  const parsed = checkDate(date, 'date');
  if (!parsed.ok) return parsed;
  const kind = dayKind(calendar, parsed.value);
  return kind === -1 ? notCovered(calendar, parsed.value) : ok(kind === 1);
}

/**
 * The date `count` working days after `date` (before it when `count` is negative; `date` itself for
 * 0). The start day is never counted, so a request reported on a Saturday with a 1-day deadline is
 * due on Monday. Only the days actually stepped over must lie in covered years.
 *
 * @example
 * // Friday 2026-02-13 + 1 working day: Saturday 02-14 is a make-up working day.
 * addWorkingDays(workingCalendarOf(referenceProfile), '2026-02-13', 1) // { ok: true, value: '2026-02-14' }
 */
export function addWorkingDays(
  calendar: WorkingDayCalendar,
  date: string,
  count: number,
): Result<LocalDate, CalendarIssueCode> {
  if (!Number.isSafeInteger(count))
    throw new RangeError(`addWorkingDays needs an integer count, got ${count}`);
  const parsed = checkDate(date, 'date');
  if (!parsed.ok) return parsed;
  const step = count < 0 ? -1 : 1;
  let day = parsed.value;
  for (let left = Math.abs(count); left > 0; ) {
    day += step;
    const kind = dayKind(calendar, day);
    if (kind === -1) return notCovered(calendar, day);
    left -= kind;
  }
  return ok(fromDayNumber(day));
}

/**
 * How many working days `to` lies after `from`: the working days in `(from, to]`, or, when `to` is
 * earlier, minus those in `[to, from)`. So `workingDaysBetween(c, d, addWorkingDays(c, d, n)) === n`
 * for every day `d` and count `n`.
 *
 * @example
 * // National Day week 2026: 10-01 … 10-07 off, Saturday 10-10 a make-up working day.
 * workingDaysBetween(workingCalendarOf(referenceProfile), '2026-09-30', '2026-10-10') // { ok: true, value: 3 }
 */
export function workingDaysBetween(
  calendar: WorkingDayCalendar,
  from: string,
  to: string,
): Result<number, CalendarIssueCode> {
  const start = checkDate(from, 'from');
  if (!start.ok) return start;
  const end = checkDate(to, 'to');
  if (!end.ok) return end;
  // Forward: (from, to]. Backward: [to, from), so that stepping back n working days from any day
  // (working or not) lands on a day n working days away.
  const forward = start.value <= end.value;
  const lo = forward ? start.value + 1 : end.value;
  const hi = forward ? end.value : start.value - 1;
  let count = 0;
  for (let day = lo; day <= hi; day++) {
    const kind = dayKind(calendar, day);
    if (kind === -1) return notCovered(calendar, day);
    count += kind;
  }
  return ok(forward ? count : -count);
}
