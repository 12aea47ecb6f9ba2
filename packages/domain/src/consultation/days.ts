import { isLocalDate, type LocalDate } from '../shared/dates.js';

/**
 * Day arithmetic on `LocalDate` without the `Date` object: the civil-from-days algorithm
 * (Howard Hinnant), exact for the proleptic Gregorian calendar. Internal to the consultation area.
 */

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`. */
export function dayNumber(date: LocalDate): number {
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

/** The `LocalDate` of a day number. */
export function fromDayNumber(days: number): LocalDate {
  const z = days + 719468;
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

/** `date` plus `days` (negative to go back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The calendar year of a date. */
export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/**
 * Dates are branded: only `parseLocalDate` makes them. A string that is not one reached a rule
 * through a cast, which is a programming error, not a rule violation.
 */
export function assertLocalDate(value: unknown, what: string): asserts value is LocalDate {
  if (!isLocalDate(value))
    throw new TypeError(`${what} must be a LocalDate (YYYY-MM-DD), got ${JSON.stringify(value)}`);
}
