import {
  addCalendarDays,
  addWorkingDays,
  type CalendarIssueCode,
  calendarCoverage,
  calendarDaysBetween,
  calendarYearsFromEvents,
  createWorkingCalendar,
  epochMillis,
  formatInstant,
  type Instant,
  type Issue,
  isInstant,
  isoWeekday,
  isWorkingDay,
  type LocalDate,
  localDateOf,
  parseInstant,
  referenceProfile,
  startOfLocalDate,
  unwrap,
  workingCalendarOf,
  workingDaysBetween,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const calendar = workingCalendarOf(referenceProfile);
const d = (s: string) => s as LocalDate;

describe('isWorkingDay on the reference calendar (State Council notices 2025, 2026)', () => {
  it.each([
    ['2026-02-13', true, 'a Friday'],
    ['2026-02-14', true, 'a Saturday make-up working day 调休'],
    ['2026-02-15', false, 'a Sunday in the Spring Festival break'],
    ['2026-02-17', false, 'Spring Festival'],
    ['2026-02-23', false, 'a Monday bridged into the break'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, 'another Saturday 调休'],
    ['2026-03-01', false, 'an ordinary Sunday'],
    ['2025-10-08', false, 'the eighth day of National Day 2025'],
    ['2025-10-11', true, 'a Saturday 调休 in 2025'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(unwrap(isWorkingDay(calendar, date))).toBe(expected);
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it('steps over holidays and onto make-up days', () => {
    expect(unwrap(addWorkingDays(calendar, '2026-02-13', 1))).toBe('2026-02-14');
    expect(unwrap(addWorkingDays(calendar, '2026-02-13', 2))).toBe('2026-02-24');
    expect(unwrap(addWorkingDays(calendar, '2026-02-24', -1))).toBe('2026-02-14');
    expect(unwrap(addWorkingDays(calendar, '2026-03-02', 5))).toBe('2026-03-09');
    expect(unwrap(addWorkingDays(calendar, '2026-03-02', 0))).toBe('2026-03-02');
    // Reported on a Saturday: the first working day is Monday.
    expect(unwrap(addWorkingDays(calendar, '2026-03-07', 1))).toBe('2026-03-09');
  });

  it('counts working days in (from, to], or minus those in [to, from)', () => {
    expect(unwrap(workingDaysBetween(calendar, '2026-09-30', '2026-10-10'))).toBe(3);
    expect(unwrap(workingDaysBetween(calendar, '2026-10-10', '2026-09-30'))).toBe(-3);
    expect(unwrap(workingDaysBetween(calendar, '2026-03-02', '2026-03-02'))).toBe(0);
    // 261 weekdays, minus 18 weekday holidays, plus 5 make-up days (2025); 261 − 19 + 6 (2026).
    expect(unwrap(workingDaysBetween(calendar, '2025-01-01', '2025-12-31'))).toBe(248);
    expect(unwrap(workingDaysBetween(calendar, '2025-12-31', '2026-12-31'))).toBe(248);
  });

  it('are inverse: workingDaysBetween(d, addWorkingDays(d, n)) = n', () => {
    const start = Date.UTC(2025, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: -40, max: 40 }), (offset, n) => {
        const date = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const later = addWorkingDays(calendar, date, n);
        if (!later.ok) {
          expect(later.issues[0]?.code).toBe('CALENDAR_YEAR_NOT_COVERED');
          return;
        }
        expect(unwrap(workingDaysBetween(calendar, date, later.value))).toBe(n);
        if (n !== 0) expect(unwrap(isWorkingDay(calendar, later.value))).toBe(true);
      }),
    );
  });

  it('refuses a year the calendar does not cover instead of guessing', () => {
    const r = addWorkingDays(calendar, '2026-12-30', 3);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.code).toBe('CALENDAR_YEAR_NOT_COVERED');
    const covered = Array.from({ length: 23 }, (_, i) => 2004 + i);
    expect(r.issues[0]?.details).toMatchObject({ year: 2027, covered });
    expect(r.issues[0]?.message.zh).toContain('2027');
    expect(r.issues[0]?.message.en).toContain('does not cover 2027');
    // Runs of years are shown as ranges.
    expect(r.issues[0]?.message.en).toContain('(covered: 2004-2026)');
    expect(r.issues[0]?.message.zh).toContain('已收录：2004–2026');
    expect(isWorkingDay(calendar, '2003-05-06').ok).toBe(false);
    expect(unwrap(isWorkingDay(calendar, '2024-05-06'))).toBe(true); // after Labour Day 2024
    expect(workingDaysBetween(calendar, '2026-12-01', '2027-01-05').ok).toBe(false);
  });

  it('does not need the year of the start day, only of the days stepped over', () => {
    expect(unwrap(addWorkingDays(calendar, '2024-12-31', 1))).toBe('2025-01-02');
  });

  it('treats uncovered years as Monday–Friday only when the caller opts in', () => {
    const lenient = workingCalendarOf(referenceProfile, { uncoveredYears: 'weekdays_only' });
    expect(unwrap(addWorkingDays(lenient, '2026-12-30', 3))).toBe('2027-01-04');
    expect(unwrap(isWorkingDay(lenient, '2027-01-01'))).toBe(true); // a guess: New Year is unknown
  });

  it('follows a county that edits its calendar', () => {
    const county = unwrap(
      createWorkingCalendar({
        ...referenceProfile.calendar,
        '2027': { holidays: ['2027-01-01'], makeupWorkdays: [] },
      }),
    );
    expect(unwrap(addWorkingDays(county, '2026-12-30', 3))).toBe('2027-01-05');
  });

  it('rejects invalid dates and counts', () => {
    expect(isWorkingDay(calendar, '2026-02-30').ok).toBe(false);
    const r = workingDaysBetween(calendar, '2026-01-01', 'tomorrow');
    expect(!r.ok && r.issues[0]?.path).toEqual(['to']);
    expect(() => addWorkingDays(calendar, '2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('createWorkingCalendar', () => {
  it('reports every problem of a hand-written calendar', () => {
    const r = createWorkingCalendar({
      '27': { holidays: [], makeupWorkdays: [] },
      '2027': { holidays: ['2027-01-01', '2026-12-31', '2027-02-30'], makeupWorkdays: ['2027-01-01'] },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['CALENDAR_INVALID_YEAR', ['27']],
      ['CALENDAR_WRONG_YEAR', ['2027', 'holidays', 1]],
      ['CALENDAR_INVALID_DATE', ['2027', 'holidays', 2]],
      ['CALENDAR_DAY_CONFLICT', ['2027', 'makeupWorkdays', 0]],
    ]);
  });
});

describe('day arithmetic', () => {
  it('agrees with the JavaScript calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -200_000, max: 200_000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (a, n) => {
          const date = new Date(Date.UTC(2000, 0, 1) + a * 86_400_000);
          const iso = date.toISOString().slice(0, 10);
          const expected = new Date(date.getTime() + n * 86_400_000).toISOString().slice(0, 10);
          expect(addCalendarDays(d(iso), n)).toBe(expected);
          expect(calendarDaysBetween(d(iso), d(expected))).toBe(n);
          expect(isoWeekday(d(iso))).toBe(date.getUTCDay() === 0 ? 7 : date.getUTCDay());
        },
      ),
    );
  });
});

describe('instants', () => {
  it('need an explicit offset', () => {
    expect(isInstant('2026-03-02T09:30:00+08:00')).toBe(true);
    expect(isInstant('2026-03-02T01:30Z')).toBe(true);
    expect(isInstant('2026-03-02T09:30:00.123456+08:00')).toBe(true);
    expect(isInstant('2026-03-02T09:30:00')).toBe(false);
    expect(isInstant('2026-02-30T09:30:00+08:00')).toBe(false);
    expect(isInstant('2026-03-02T24:00:00+08:00')).toBe(false);
    expect(isInstant(20260302)).toBe(false);
  });

  it('agree with Date on the moment they name', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (ms, offset) => {
          const text = formatInstant(ms, offset);
          expect(epochMillis(text)).toBe(ms);
          expect(Date.parse(text)).toBe(ms);
        },
      ),
    );
  });

  it('give the local date in China Standard Time by default', () => {
    expect(localDateOf('2026-03-01T17:30:00Z' as Instant)).toBe('2026-03-02');
    expect(localDateOf('2026-03-01T17:30:00Z' as Instant, 0)).toBe('2026-03-01');
    expect(startOfLocalDate(d('2026-03-02'))).toBe('2026-03-02T00:00:00+08:00');
    expect(formatInstant(0)).toBe('1970-01-01T08:00:00+08:00');
    expect(formatInstant(0, 0)).toBe('1970-01-01T00:00:00Z');
  });
});

describe('every calendar issue code has a Chinese and an English message', () => {
  const issuesOf = (r: { ok: true } | { ok: false; issues: readonly Issue[] }): readonly Issue[] =>
    r.ok ? [] : r.issues;
  const SAMPLES: Record<CalendarIssueCode, () => readonly Issue[]> = {
    CALENDAR_INVALID_DATE: () => issuesOf(isWorkingDay(calendar, '2026-13-01')),
    CALENDAR_INVALID_INSTANT: () => issuesOf(parseInstant('2026-03-02 09:30')),
    CALENDAR_INVALID_YEAR: () =>
      issuesOf(createWorkingCalendar({ next: { holidays: [], makeupWorkdays: [] } })),
    CALENDAR_WRONG_YEAR: () =>
      issuesOf(createWorkingCalendar({ '2027': { holidays: ['2026-01-01'], makeupWorkdays: [] } })),
    CALENDAR_DAY_CONFLICT: () =>
      issuesOf(
        createWorkingCalendar({ '2027': { holidays: ['2027-01-02'], makeupWorkdays: ['2027-01-02'] } }),
      ),
    CALENDAR_YEAR_NOT_COVERED: () => issuesOf(isWorkingDay(calendar, '2030-01-01')),
    CALENDAR_ENDING_SOON: () => [calendarCoverage(calendar, '2026-11-15').warning!],
    CALENDAR_ENDED: () => [calendarCoverage(calendar, '2027-02-01').warning!],
    CALENDAR_INVALID_RANGE: () =>
      issuesOf(calendarYearsFromEvents([{ start: '2027-01-01', end: '2027-03-01', kind: 'holiday' }])),
    CALENDAR_EMPTY: () => issuesOf(calendarYearsFromEvents([])),
  };
  it.each(Object.entries(SAMPLES))('%s', (code, sample) => {
    const found = sample().find((i) => i.code === code);
    expect(found, code).toBeDefined();
    expect(found?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(found?.message.en).toMatch(/^[\x20-\x7e—→≤≥·…]+$/u);
  });
});
