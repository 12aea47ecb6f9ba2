import { daysInMonth, fromDayNumber, isLocalDate, parseLocalDate, toDayNumber } from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const date = fc
  .record({
    y: fc.integer({ min: 1600, max: 2400 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ y, m, d }) => d <= daysInMonth(y, m))
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

describe('local dates', () => {
  it('knows real dates from impossible ones', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate(20260101)).toBe(false);
    const bad = parseLocalDate('2026-02-30', ['effectiveFrom']);
    expect(!bad.ok && bad.issues[0]).toMatchObject({ code: 'INVALID_DATE', path: ['effectiveFrom'] });
  });

  it('numbers days from 1970-01-01 and back', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2026-03-01')).toBe(20513);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    fc.assert(
      fc.property(date, (d) => {
        expect(fromDayNumber(toDayNumber(d))).toBe(d);
        expect(isLocalDate(fromDayNumber(toDayNumber(d) + 1))).toBe(true);
        expect(fromDayNumber(toDayNumber(d) + 1) > d).toBe(true);
      }),
    );
  });
});
