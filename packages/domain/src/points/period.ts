import { daysInMonth, fromDayNumber, toDayNumber, yearOf } from '../shared/dates.js';
import type { LocalizedText } from '../shared/errors.js';
import { unreachable } from '../shared/result.js';

/**
 * Scoring periods and the day arithmetic the cadence needs (month end + N days, …). Dates are
 * `YYYY-MM-DD` strings, already validated where they enter the area.
 */

/** A calendar month, quarter or year that totals are reported for. */
export type Period =
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'quarter'; readonly year: number; readonly quarter: 1 | 2 | 3 | 4 }
  | { readonly kind: 'month'; readonly year: number; readonly month: number };

export type PeriodKind = Period['kind'];

/**
 * The whole year.
 *
 * @example
 * yearPeriod(2025) // { kind: 'year', year: 2025 }
 */
export function yearPeriod(year: number): Period {
  return { kind: 'year', year };
}

/**
 * A calendar quarter, 1–4.
 *
 * @example
 * quarterPeriod(2025, 2) // April–June 2025
 */
export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  return { kind: 'quarter', year, quarter };
}

/**
 * A calendar month, 1–12.
 *
 * @example
 * monthPeriod(2025, 3) // March 2025
 */
export function monthPeriod(year: number, month: number): Period {
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`month must be 1–12, got ${month}`);
  return { kind: 'month', year, month };
}

/**
 * The period of a kind that contains a date.
 *
 * @example
 * periodOf('2025-05-20', 'quarter') // { kind: 'quarter', year: 2025, quarter: 2 }
 */
export function periodOf(date: string, kind: PeriodKind): Period {
  const year = yearOf(date);
  const month = monthOf(date);
  switch (kind) {
    case 'year':
      return yearPeriod(year);
    case 'quarter':
      return quarterPeriod(year, quarterOfMonth(month));
    case 'month':
      return monthPeriod(year, month);
    default:
      return unreachable(kind, 'period kind');
  }
}

/**
 * Whether a date falls in a period.
 *
 * @example
 * periodContains(quarterPeriod(2025, 1), '2025-03-31') // true
 */
export function periodContains(period: Period, date: string): boolean {
  if (yearOf(date) !== period.year) return false;
  switch (period.kind) {
    case 'year':
      return true;
    case 'quarter':
      return quarterOfMonth(monthOf(date)) === period.quarter;
    case 'month':
      return monthOf(date) === period.month;
    default:
      return unreachable(period, 'period');
  }
}

/**
 * A label for people.
 *
 * @example
 * periodLabel(quarterPeriod(2025, 2)) // { zh: '2025年第2季度', en: '2025 Q2' }
 */
export function periodLabel(period: Period): LocalizedText {
  switch (period.kind) {
    case 'year':
      return { zh: `${period.year}年度`, en: String(period.year) };
    case 'quarter':
      return { zh: `${period.year}年第${period.quarter}季度`, en: `${period.year} Q${period.quarter}` };
    case 'month':
      return {
        zh: `${period.year}年${period.month}月`,
        en: `${period.year}-${String(period.month).padStart(2, '0')}`,
      };
    default:
      return unreachable(period, 'period');
  }
}

/** Months 1–12 of a period, in order. */
export function monthsOf(period: Period): readonly number[] {
  switch (period.kind) {
    case 'year':
      return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    case 'quarter': {
      const first = (period.quarter - 1) * 3 + 1;
      return [first, first + 1, first + 2];
    }
    case 'month':
      return [period.month];
    default:
      return unreachable(period, 'period');
  }
}

export { yearOf };

export function monthOf(date: string): number {
  return (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
}

export function quarterOfMonth(month: number): 1 | 2 | 3 | 4 {
  return ((((month - 1) / 3) | 0) + 1) as 1 | 2 | 3 | 4;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (see `toDayNumber`). */
export function epochDay(year: number, month: number, day: number): number {
  return toDayNumber(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

export const epochDayOf: (date: string) => number = toDayNumber;

/** The date of an epoch day. */
export const dateOfEpochDay: (days: number) => string = fromDayNumber;

export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDayOf(date) + days);
}

/** 0 for 1 January. */
export function dayOfYear(date: string): number {
  return epochDayOf(date) - epochDay(yearOf(date), 1, 1);
}

export function lastDayOfMonth(date: string): string {
  const year = yearOf(date);
  const month = monthOf(date);
  return `${date.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export function lastDayOfQuarter(date: string): string {
  const year = yearOf(date);
  const lastMonth = quarterOfMonth(monthOf(date)) * 3;
  return `${year}-${String(lastMonth).padStart(2, '0')}-${String(daysInMonth(year, lastMonth)).padStart(2, '0')}`;
}

export function lastDayOfYear(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}
