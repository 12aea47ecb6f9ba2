import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { fromDayNumber, toDayNumber } from './days.js';
import type { CalendarIssueCode } from './errors.js';

/**
 * A moment in time as an ISO-8601 string with an explicit offset:
 * `2026-03-02T09:30:00+08:00` or `2026-03-02T01:30:00Z`. The offset is required, so the same
 * string means the same moment on every machine (a bare `2026-03-02T09:30` would depend on the
 * zone of whoever parses it). Domain functions take instants as arguments: nothing reads a clock.
 */
export type Instant = string & { readonly __brand: 'Instant' };

/** China Standard Time, UTC+8, in minutes: the zone in which grid work counts its days. */
export const CHINA_STANDARD_TIME_OFFSET_MINUTES = 480;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Milliseconds since 1970-01-01T00:00Z, or `undefined` when `value` is not a valid instant. */
function parse(value: string): number | undefined {
  const m = INSTANT.exec(value);
  if (m === null) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const days = toDayNumber(date as LocalDate);
  if (fromDayNumber(days) !== date) return undefined; // 2026-02-30 and friends
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = m[6] === undefined ? 0 : Number(m[6]);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const zone = m[8]!;
  let offset = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return days * MS_PER_DAY + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + millis;
}

/**
 * True when `value` is an ISO-8601 instant with an explicit offset.
 *
 * @example
 * isInstant('2026-03-02T09:30:00+08:00') // true
 * isInstant('2026-03-02T09:30:00')       // false: no offset
 */
export function isInstant(value: unknown): value is Instant {
  return typeof value === 'string' && parse(value) !== undefined;
}

/**
 * Validates an instant: an ISO-8601 date-time with seconds optional and an explicit offset.
 *
 * @example
 * parseInstant('2026-03-02T09:30:00+08:00') // { ok: true, value: '2026-03-02T09:30:00+08:00' }
 * parseInstant('2026-03-02 09:30')          // { ok: false, issues: [{ code: 'CALENDAR_INVALID_INSTANT', … }] }
 */
export function parseInstant(
  value: unknown,
  path: readonly (string | number)[] = [],
): Result<Instant, CalendarIssueCode> {
  if (isInstant(value)) return ok(value);
  const shown = typeof value === 'string' ? value : String(value);
  const problem: Issue<CalendarIssueCode> = issue(
    'CALENDAR_INVALID_INSTANT',
    {
      zh: `“${shown}”不是有效的时间点，应为带时区的 ISO-8601 格式，如 2026-03-02T09:30:00+08:00`,
      en: `"${shown}" is not a valid instant; expected ISO-8601 with an offset, e.g. 2026-03-02T09:30:00+08:00`,
    },
    path,
    { value },
  );
  return fail([problem]);
}

/**
 * Milliseconds since the Unix epoch. Throws a TypeError for a string that is not an instant (a
 * programming error: validate input with {@link parseInstant} first).
 *
 * @example
 * epochMillis('1970-01-01T08:00:00+08:00' as Instant) // 0
 */
export function epochMillis(instant: Instant): number {
  const ms = parse(instant);
  if (ms === undefined) throw new TypeError(`Not a valid instant: ${JSON.stringify(instant)}`);
  return ms;
}

/**
 * The local calendar date of an instant at a UTC offset (China Standard Time unless given).
 *
 * @example
 * localDateOf('2026-03-01T17:30:00Z' as Instant) // '2026-03-02' (01:30 the next day in Beijing)
 */
export function localDateOf(
  instant: Instant,
  utcOffsetMinutes: number = CHINA_STANDARD_TIME_OFFSET_MINUTES,
): LocalDate {
  return fromDayNumber(Math.floor((epochMillis(instant) + utcOffsetMinutes * 60_000) / MS_PER_DAY));
}

/**
 * Formats epoch milliseconds as an instant in a UTC offset (China Standard Time unless given).
 *
 * @example
 * formatInstant(0) // '1970-01-01T08:00:00+08:00'
 */
export function formatInstant(
  epochMs: number,
  utcOffsetMinutes: number = CHINA_STANDARD_TIME_OFFSET_MINUTES,
): Instant {
  if (!Number.isFinite(epochMs)) throw new TypeError(`Not a finite time: ${epochMs}`);
  const local = Math.round(epochMs) + utcOffsetMinutes * 60_000;
  const day = Math.floor(local / MS_PER_DAY);
  let rest = local - day * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const two = (n: number): string => String(n).padStart(2, '0');
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const zone = utcOffsetMinutes === 0 ? 'Z' : `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${fromDayNumber(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}${fraction}${zone}` as Instant;
}

/**
 * The first instant of a local date (midnight) at a UTC offset (China Standard Time unless given).
 *
 * @example
 * startOfLocalDate('2026-03-02' as LocalDate) // '2026-03-02T00:00:00+08:00'
 */
export function startOfLocalDate(
  date: LocalDate,
  utcOffsetMinutes: number = CHINA_STANDARD_TIME_OFFSET_MINUTES,
): Instant {
  return formatInstant(toDayNumber(date) * MS_PER_DAY - utcOffsetMinutes * 60_000, utcOffsetMinutes);
}
