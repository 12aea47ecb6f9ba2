import { civilOfDay, fromDayNumber, isLocalDate, type LocalDate, toDayNumber } from '../shared/dates.js';

export { fromDayNumber, toDayNumber };

/**
 * Day arithmetic on `LocalDate`s without `Date`: a date is turned into its day number (days since
 * 1970-01-01 in the proleptic Gregorian calendar) and back, with Howard Hinnant's civil-from-days
 * algorithms. Pure integer work, so it is exact and the same in every time zone.
 */

/** ISO weekday of a day number: Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Gregorian year a day number falls in. */
export function yearOfDay(day: number): number {
  return civilOfDay(day).year;
}

/**
 * The date `days` calendar days after `date` (before it when negative).
 *
 * @example
 * addCalendarDays('2026-02-27' as LocalDate, 2) // '2026-03-01'
 */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  assertDate(date);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Calendar days from `from` to `to`: positive when `to` is later.
 *
 * @example
 * calendarDaysBetween('2026-02-27' as LocalDate, '2026-03-01' as LocalDate) // 2
 */
export function calendarDaysBetween(from: LocalDate, to: LocalDate): number {
  assertDate(from);
  assertDate(to);
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * ISO weekday of a date: Monday 1 … Sunday 7.
 *
 * @example
 * isoWeekday('2026-02-14' as LocalDate) // 6 (a Saturday, and a make-up working day in 2026)
 */
export function isoWeekday(date: LocalDate): number {
  assertDate(date);
  return weekdayOfDay(toDayNumber(date));
}

function assertDate(date: string): void {
  // A LocalDate is branded, so an invalid one here is a programming error, not a rule violation.
  if (!isLocalDate(date)) throw new TypeError(`Not a valid LocalDate: ${JSON.stringify(date)}`);
}
