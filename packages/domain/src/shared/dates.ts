import { type Issue, issue } from './errors.js';
import { fail, ok, type Result } from './result.js';

/**
 * A calendar date without time or zone, `YYYY-MM-DD`. Governance rules are about days in
 * China Standard Time; the caller converts instants to local dates at the edge.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateIssueCode = 'INVALID_DATE';

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `value` is a real calendar date in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Validates a `YYYY-MM-DD` string.
 *
 * @example
 * parseLocalDate('2026-03-01') // { ok: true, value: '2026-03-01' }
 */
export function parseLocalDate(
  value: unknown,
  path: readonly (string | number)[] = [],
): Result<LocalDate, DateIssueCode> {
  if (isLocalDate(value)) return ok(value);
  const shown = typeof value === 'string' ? value : String(value);
  const problem: Issue<DateIssueCode> = issue(
    'INVALID_DATE',
    {
      zh: `“${shown}”不是有效日期，应为 YYYY-MM-DD 格式的真实日期`,
      en: `"${shown}" is not a valid date; expected a real calendar date as YYYY-MM-DD`,
    },
    path,
    { value },
  );
  return fail([problem]);
}
