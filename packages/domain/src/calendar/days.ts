import { isLocalDate, type LocalDate } from '../shared/dates.js';

/**
 * Day arithmetic on `LocalDate`s without `Date`: a date is turned into its day number (days since
 * 1970-01-01 in the proleptic Gregorian calendar) and back, with Howard Hinnant's civil-from-days
 * algorithms. Pure integer work, so it is exact and the same in every time zone.
 */

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` date. */
export function toDayNumber(date: LocalDate): number {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number (inverse of {@link toDayNumber}). */
export function fromDayNumber(day: number): LocalDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;
}

/** ISO weekday of a day number: Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Gregorian year a day number falls in. */
export function yearOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp < 10 ? 0 : 1);
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
