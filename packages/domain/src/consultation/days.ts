import { fromDayNumber, isLocalDate, type LocalDate, toDayNumber } from '../shared/dates.js';

/**
 * Day arithmetic on `LocalDate`, over the shared day numbers (`shared/dates.ts`). Internal to the
 * consultation area.
 */

/** `date` plus `days` (negative to go back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export { yearOf } from '../shared/dates.js';

/**
 * Dates are branded: only `parseLocalDate` makes them. A string that is not one reached a rule
 * through a cast, which is a programming error, not a rule violation.
 */
export function assertLocalDate(value: unknown, what: string): asserts value is LocalDate {
  if (!isLocalDate(value))
    throw new TypeError(`${what} must be a LocalDate (YYYY-MM-DD), got ${JSON.stringify(value)}`);
}
