import { uncoveredYearsBetween } from '../calendar/coverage.js';
import {
  addWorkingDays,
  lenientCalendar,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '../calendar/working-days.js';
import type { HandlingDeadline } from '../profiles/schema.js';
import { daysInMonth, fromDayNumber, type LocalDate, toDayNumber } from '../shared/dates.js';
import { unreachable, unwrap } from '../shared/result.js';

/**
 * Handling deadlines 办理时限 on the working-day calendar. A unit is never refused because next
 * year's holiday schedule is not published yet: a day in a year the calendar does not list counts
 * by the weekend rule, and the deadline is marked provisional, as the resident request channel does.
 */

export interface Deadline {
  readonly dueOn: LocalDate;
  /** Counted over a year the calendar does not list yet. */
  readonly provisional: boolean;
}

/** `date` plus calendar months, on the same day of the month or the month's last (01-31 + 1 month = 02-28). */
function addMonths(date: LocalDate, months: number): LocalDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
}

/** The first working day on or after `date` (遇节假日顺延). */
function onOrAfterWorkingDay(calendar: WorkingDayCalendar, date: LocalDate): LocalDate {
  return unwrap(addWorkingDays(calendar, fromDayNumber(toDayNumber(date) - 1), 1));
}

/**
 * The due day of a deadline counted from `start`: calendar months or days, moved to the next
 * working day when they end on a day off; or working days, the start day never counted.
 *
 * @example
 * // Assigned Friday 2025-01-31, three months: 2025-04-30 (a Wednesday, a working day).
 * handlingDeadline('2025-01-31', { unit: 'months', count: 3 }, workingCalendarOf(referenceProfile))
 * // { dueOn: '2025-04-30', provisional: false }
 */
export function handlingDeadline(
  start: LocalDate,
  deadline: HandlingDeadline,
  calendar: WorkingDayCalendar,
): Deadline {
  const counting = lenientCalendar(calendar);
  let dueOn: LocalDate;
  switch (deadline.unit) {
    case 'months':
      dueOn = onOrAfterWorkingDay(counting, addMonths(start, deadline.count));
      break;
    case 'days':
      dueOn = onOrAfterWorkingDay(counting, fromDayNumber(toDayNumber(start) + deadline.count));
      break;
    case 'working_days':
      dueOn = unwrap(addWorkingDays(counting, start, deadline.count));
      break;
    default:
      dueOn = unreachable(deadline.unit, 'deadline unit');
  }
  return { dueOn, provisional: uncoveredYearsBetween(calendar, start, dueOn).length > 0 };
}

/**
 * Working days `on` lies after `dueOn`: 0 when on time. A reply handed in on the Saturday after a
 * Friday deadline is 0 working days late, so it is on time: lateness is counted in working days.
 */
export function workingDaysLate(calendar: WorkingDayCalendar, dueOn: LocalDate, on: LocalDate): number {
  if (on <= dueOn) return 0;
  return unwrap(workingDaysBetween(lenientCalendar(calendar), dueOn, on));
}
