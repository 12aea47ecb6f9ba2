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

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date in the proleptic Gregorian calendar (Howard
 * Hinnant's days-from-civil): integer work, exact, the same in every time zone. The caller
 * passes a valid date.
 *
 * @example
 * toDayNumber('1970-01-02') // 1
 */
export function toDayNumber(date: string): number {
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

/**
 * The date of a day number (the inverse of {@link toDayNumber}).
 *
 * @example
 * fromDayNumber(20513) // '2026-03-01'
 */
export function fromDayNumber(day: number): LocalDate {
  const { year: y, month: m, day: d } = civilOfDay(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;
}

/** Year, month (1–12) and day of a day number, by Howard Hinnant's civil-from-days. */
export function civilOfDay(day: number): { year: number; month: number; day: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

/**
 * The calendar year of a `YYYY-MM-DD` date.
 *
 * @example
 * yearOf('2025-06-30') // 2025
 */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
