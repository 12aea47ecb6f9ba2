import { calendarYearsFromEvents, createWorkingCalendar, isWorkingDay, unwrap } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

describe('calendarYearsFromEvents: a published schedule as calendar data', () => {
  it('expands runs of days (end exclusive, as iCalendar all-day events) and sorts them per year', () => {
    const years = unwrap(
      calendarYearsFromEvents([
        { start: '2026-02-15', end: '2026-02-24', kind: 'holiday', name: '春节(休)' },
        { start: '2026-01-01', end: '2026-01-04', kind: 'holiday', name: '元旦(休)' },
        { start: '2026-02-28', kind: 'makeup_workday', name: '春节(班)' },
        { start: '2026-02-14', kind: 'makeup_workday', name: '春节(班)' },
        { start: '2026-01-04', end: '2026-01-05', kind: 'makeup_workday', name: '元旦(班)' },
      ]),
    );
    expect(years).toEqual({
      '2026': {
        holidays: [
          '2026-01-01',
          '2026-01-02',
          '2026-01-03',
          ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d}`),
        ],
        makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28'],
      },
    });
    const calendar = unwrap(createWorkingCalendar(years));
    expect(unwrap(isWorkingDay(calendar, '2026-02-14'))).toBe(true);
    expect(unwrap(isWorkingDay(calendar, '2026-02-23'))).toBe(false);
  });

  it('splits a run over New Year between the two years, and merges repeats', () => {
    const years = unwrap(
      calendarYearsFromEvents([
        { start: '2030-12-31', end: '2031-01-03', kind: 'holiday' },
        { start: '2031-01-01', kind: 'holiday' },
      ]),
    );
    expect(years).toEqual({
      '2030': { holidays: ['2030-12-31'], makeupWorkdays: [] },
      '2031': { holidays: ['2031-01-01', '2031-01-02'], makeupWorkdays: [] },
    });
  });

  it('reports every problem at once, each at its entry', () => {
    const r = calendarYearsFromEvents([
      { start: '2027-02-30', kind: 'holiday' },
      { start: '2027-02-10', end: '2027-02-10', kind: 'holiday' },
      { start: '2027-05-01', end: '2027-05-06', kind: 'holiday' },
      { start: '2027-05-03', kind: 'makeup_workday', name: '劳动节(班)' },
      { start: '2027-06-01', end: 'soon', kind: 'holiday' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['CALENDAR_INVALID_DATE', [0, 'start']],
      ['CALENDAR_INVALID_RANGE', [1, 'end']],
      ['CALENDAR_DAY_CONFLICT', [3]],
      ['CALENDAR_INVALID_DATE', [4, 'end']],
    ]);
    expect(r.issues[2]?.message.zh).toContain('2027-05-03');
  });
});
