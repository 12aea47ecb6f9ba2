import {
  addWorkingDays,
  calendarCoverage,
  confirmDueDate,
  createGridDirectory,
  createWorkingCalendar,
  defineRuleProfile,
  escalateRequest,
  type ReportRequestInput,
  type RequestContext,
  referenceProfile,
  reportRequest,
  requestSla,
  transitionRequest,
  uncoveredYearsBetween,
  unwrap,
  workingCalendarOf,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Resident requests around New Year, when the next year's State Council schedule may be missing.
// The reference calendar ends with 2026. "2027" below is test data shaped like a real schedule
// (New Year 01-01…01-03 off, Sunday 01-03… and a make-up Saturday 01-09), not the published one.
const directory = unwrap(
  createGridDirectory({
    streets: [{ code: 'S', name: 'XX街道' }],
    communities: [{ code: 'C1', streetCode: 'S', name: '汉江路社区' }],
    grids: [{ code: 'G01', communityCode: 'C1', households: 300 }],
  }),
);
const base: RequestContext = {
  rules: referenceProfile.grid, // dispute 5 working days (escalate every 2); hazard 2 / 1; service 3 / 2
  calendar: workingCalendarOf(referenceProfile),
  directory,
};
const with2027 = defineRuleProfile(
  {
    id: 'with_2027',
    name: { zh: '含2027年日历', en: 'with 2027' },
    version: 'test',
    effectiveFrom: '2026-12-01',
    calendar: {
      '2027': {
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'],
        makeupWorkdays: ['2027-01-09'],
      },
    },
  },
  referenceProfile,
);
const covered: RequestContext = { ...base, calendar: workingCalendarOf(with2027) };

const report = (type: ReportRequestInput['type'], at: string, context: RequestContext = base) =>
  reportRequest(
    {
      id: 'R-NY',
      type,
      at,
      reporter: { id: 'resident-1', role: 'resident' },
      location: { kind: 'grid', gridCode: 'G01' },
      summary: '跨年诉求',
    },
    context,
  );

describe('resident requests across New Year without next year’s schedule', () => {
  it.each([
    // The days production first refused: disputes from 12-24, services from 12-28, hazards from 12-29.
    ['dispute', '2026-12-24T10:00:00+08:00', '2026-12-31', false],
    ['dispute', '2026-12-25T10:00:00+08:00', '2027-01-01', true],
    ['service_request', '2026-12-28T10:00:00+08:00', '2026-12-31', false],
    ['service_request', '2026-12-29T10:00:00+08:00', '2027-01-01', true],
    ['safety_hazard', '2026-12-29T10:00:00+08:00', '2026-12-31', false],
    ['safety_hazard', '2026-12-30T10:00:00+08:00', '2027-01-01', true],
    ['safety_hazard', '2026-12-31T23:59:00+08:00', '2027-01-04', true],
    ['dispute', '2027-01-01T00:00:00+08:00', '2027-01-08', true],
  ] as const)('a %s reported at %s is due %s (provisional: %s)', (type, at, due, provisional) => {
    const r = unwrap(report(type, at));
    expect([r.dueDate, r.dueDateProvisional]).toEqual([due, provisional]);
  });

  it('counts the reporting day in China Standard Time: 16:30 UTC on 12-30 is already 12-31', () => {
    const r = unwrap(report('safety_hazard', '2026-12-30T16:30:00Z'));
    expect([r.dueDate, r.dueDateProvisional]).toEqual(['2027-01-04', true]);
  });

  it('marks the SLA provisional while the due date or the overdue count lean on 2027', () => {
    const late = unwrap(report('safety_hazard', '2026-12-24T10:00:00+08:00')); // due 12-28
    expect(late.dueDateProvisional).toBe(false);
    const december = unwrap(requestSla(late, '2026-12-29T09:00:00+08:00', base));
    expect(december).toMatchObject({ overdue: true, overdueWorkingDays: 1, provisional: false });
    const january = unwrap(requestSla(late, '2027-01-05T09:00:00+08:00', base));
    // 12-29, 12-30, 12-31 and, by the weekend rule, 01-01, 01-04, 01-05.
    expect(january).toMatchObject({ overdueWorkingDays: 6, level: 'street', provisional: true });
    const counted = unwrap(requestSla(late, '2027-01-05T09:00:00+08:00', covered));
    // With 2027 known: 01-01…01-04 are off, so only 01-05 is added.
    expect(counted).toMatchObject({ overdueWorkingDays: 4, provisional: false });
  });

  it('escalates across New Year instead of failing (the sweep runs every 5 minutes)', () => {
    const r = unwrap(report('dispute', '2026-12-21T10:00:00+08:00')); // due 12-28
    const escalated = unwrap(escalateRequest(r, '2027-01-04T09:00:00+08:00', base));
    expect(escalated.events.map((e) => [e.action, e.level, e.at])).toEqual([
      ['report', 'grid', '2026-12-21T10:00:00+08:00'],
      ['escalate', 'community', '2026-12-29T00:00:00+08:00'],
      ['escalate', 'street', '2026-12-31T00:00:00+08:00'],
    ]);
  });

  it('recounts a provisional due date once the year is added, and only then', () => {
    const r = unwrap(report('dispute', '2026-12-28T10:00:00+08:00'));
    expect([r.dueDate, r.dueDateProvisional]).toEqual(['2027-01-04', true]);
    expect(unwrap(confirmDueDate(r, base))).toBe(r);
    const confirmed = unwrap(confirmDueDate(r, covered));
    // 12-29, 12-30, 12-31, then 01-01…01-04 off, 01-05, 01-06.
    expect([confirmed.dueDate, confirmed.dueDateProvisional]).toEqual(['2027-01-06', false]);
    expect(unwrap(confirmDueDate(confirmed, covered))).toBe(confirmed);
    // Any later step recounts first, so the trail and the deadline agree.
    const assigned = unwrap(
      transitionRequest(
        r,
        {
          action: 'assign',
          at: '2027-01-05T09:00:00+08:00',
          actor: { id: 'C1', role: 'community' },
          assigneeId: 'W1',
        },
        covered,
      ),
    );
    expect([assigned.dueDate, assigned.dueDateProvisional, assigned.level]).toEqual([
      '2027-01-06',
      false,
      'grid',
    ]);
    expect(unwrap(requestSla(r, '2027-01-05T09:00:00+08:00', covered))).toMatchObject({
      dueDate: '2027-01-06',
      overdue: false,
      provisional: false,
    });
  });

  it('a closed request’s provisional date is recounted too (late figures use it)', () => {
    const r = unwrap(report('service_request', '2026-12-30T10:00:00+08:00'));
    const resolved = { ...r, status: 'resolved' as const };
    expect(unwrap(requestSla(resolved, '2027-01-10T09:00:00+08:00', covered))).toMatchObject({
      dueDate: '2027-01-06', // 12-31, then 01-01…01-04 off, 01-05, 01-06
      provisional: false,
    });
  });

  it('never refuses any report from December to February, on either calendar (property)', () => {
    const start = Date.UTC(2026, 11, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 * 24 * 60 - 1 }),
        fc.constantFrom('dispute', 'safety_hazard', 'service_request'),
        fc.boolean(),
        (minute, type, know2027) => {
          const at = new Date(start + minute * 60_000).toISOString().replace('.000Z', 'Z');
          const context = know2027 ? covered : base;
          const r = report(type, at, context);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const days = referenceProfile.grid.requests[type].deadlineWorkingDays;
          const reported = new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);
          const lenient = { ...context.calendar, uncoveredYears: 'weekdays_only' as const };
          expect(r.value.dueDate).toBe(unwrap(addWorkingDays(lenient, reported, days)));
          expect(r.value.dueDateProvisional).toBe(
            uncoveredYearsBetween(context.calendar, reported, r.value.dueDate).length > 0 &&
              r.value.dueDate > reported,
          );
          expect(unwrap(requestSla(r.value, at, context)).dueDate).toBe(r.value.dueDate);
        },
      ),
    );
  });
});

describe('calendarCoverage', () => {
  const calendar = workingCalendarOf(referenceProfile);
  it('warns from 60 days before the calendar runs out, then says it has ended', () => {
    expect(calendarCoverage(calendar, '2026-11-01').warning).toBeNull();
    const soon = calendarCoverage(calendar, '2026-12-04');
    expect(soon).toMatchObject({ endsOn: '2026-12-31', daysLeft: 27 });
    expect(soon.warning?.code).toBe('CALENDAR_ENDING_SOON');
    expect(soon.warning?.message.zh).toContain('2027');
    expect(calendarCoverage(calendar, '2026-11-02').warning?.code).toBe('CALENDAR_ENDING_SOON');
    expect(calendarCoverage(calendar, '2026-11-01', 61).warning?.code).toBe('CALENDAR_ENDING_SOON');
    const ended = calendarCoverage(calendar, '2027-01-01');
    expect([ended.daysLeft, ended.warning?.code]).toEqual([-1, 'CALENDAR_ENDED']);
    expect(calendarCoverage(calendar, '2026-12-31').daysLeft).toBe(0);
  });

  it('an empty calendar has ended', () => {
    const empty = unwrap(createWorkingCalendar({}));
    expect(calendarCoverage(empty, '2026-12-04')).toMatchObject({ endsOn: null, daysLeft: null });
    expect(calendarCoverage(empty, '2026-12-04').warning?.code).toBe('CALENDAR_ENDED');
  });

  it('uncoveredYearsBetween lists the missing years in either order', () => {
    expect(uncoveredYearsBetween(calendar, '2026-12-28', '2028-01-06')).toEqual([2027, 2028]);
    expect(uncoveredYearsBetween(calendar, '2028-01-06', '2026-12-28')).toEqual([2027, 2028]);
    expect(uncoveredYearsBetween(calendar, '2026-01-01', '2026-12-31')).toEqual([]);
  });
});
