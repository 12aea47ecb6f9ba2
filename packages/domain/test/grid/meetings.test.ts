import {
  findMissingJointMeetings,
  type JointMeeting,
  MAX_JOINT_MEETING_RANGE_DAYS,
  meetingPeriods,
  referenceProfile,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const rules = referenceProfile.grid; // street quarterly, community monthly (seed 5)
const meeting = (
  id: string,
  level: JointMeeting['level'],
  orgCode: string,
  heldOn: string,
  kind: JointMeeting['kind'] = 'regular',
): JointMeeting => ({
  id,
  level,
  orgCode,
  heldOn,
  kind,
});

describe('meetingPeriods', () => {
  it('cuts a range into the periods of each cadence', () => {
    const d = (s: string) => s as Parameters<typeof meetingPeriods>[1];
    expect(meetingPeriods('quarterly', d('2026-02-10'), d('2026-05-01')).map((p) => p.label)).toEqual([
      '2026-Q1',
      '2026-Q2',
    ]);
    expect(
      meetingPeriods('monthly', d('2025-12-31'), d('2026-01-01')).map((p) => [p.label, p.start, p.end]),
    ).toEqual([
      ['2025-12', '2025-12-01', '2025-12-31'],
      ['2026-01', '2026-01-01', '2026-01-31'],
    ]);
    expect(meetingPeriods('half_yearly', d('2024-01-01'), d('2024-12-31')).map((p) => p.end)).toEqual([
      '2024-06-30',
      '2024-12-31',
    ]);
    expect(meetingPeriods('yearly', d('2024-03-01'), d('2025-03-01')).map((p) => p.label)).toEqual([
      '2024',
      '2025',
    ]);
    expect(meetingPeriods('monthly', d('2024-02-01'), d('2024-02-29'))[0]?.end).toBe('2024-02-29');
  });
});

describe('findMissingJointMeetings', () => {
  it('finds the month a community skipped and leaves the current month open (the documented example)', () => {
    const report = unwrap(
      findMissingJointMeetings(
        {
          streetCodes: ['S1'],
          communityCodes: ['C1'],
          meetings: [
            meeting('m1', 'street', 'S1', '2026-02-05'),
            meeting('m2', 'community', 'C1', '2026-01-20'),
          ],
          from: '2026-01-01',
          to: '2026-03-15',
        },
        rules,
      ),
    );
    expect(report.missing.map((c) => `${c.orgCode} ${c.period.label}`)).toEqual(['C1 2026-02']);
    expect(report.checks.map((c) => [c.level, c.period.label, c.status])).toEqual([
      ['street', '2026-Q1', 'held'],
      ['community', '2026-01', 'held'],
      ['community', '2026-02', 'missing'],
      ['community', '2026-03', 'open'],
    ]);
  });

  it('does not let an ad hoc meeting stand in for a regular one, but counts it', () => {
    const report = unwrap(
      findMissingJointMeetings(
        {
          streetCodes: ['S1'],
          communityCodes: [],
          meetings: [meeting('m1', 'street', 'S1', '2026-02-05', 'ad_hoc')],
          from: '2026-01-01',
          to: '2026-06-30',
        },
        rules,
      ),
    );
    expect(report.missing.map((c) => c.period.label)).toEqual(['2026-Q1', '2026-Q2']);
    expect(report.adHoc).toEqual({ street: 1, community: 0 });
  });

  it('follows a county that changes the cadence', () => {
    const report = unwrap(
      findMissingJointMeetings(
        {
          streetCodes: ['S1'],
          communityCodes: [],
          meetings: [meeting('m1', 'street', 'S1', '2026-08-01')],
          from: '2026-01-01',
          to: '2026-12-31',
        },
        { jointMeetings: { street: 'half_yearly', community: 'monthly' } },
      ),
    );
    expect(report.checks.map((c) => [c.period.label, c.status])).toEqual([
      ['2026-H1', 'missing'],
      ['2026-H2', 'held'],
    ]);
  });

  it('refuses bad dates, an empty range, unknown organisations and repeated ids', () => {
    const r = findMissingJointMeetings(
      {
        streetCodes: ['S1'],
        communityCodes: ['C1'],
        meetings: [
          meeting('m1', 'street', 'S1', '2026-02-30'),
          meeting('m1', 'community', 'S1', '2026-02-01'),
          meeting('', 'community', 'C1', '2026-02-01'),
        ],
        from: '2026-06-01',
        to: '2026-01-01',
      },
      rules,
    );
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual([
      'MEETING_INVALID_RANGE',
      'CALENDAR_INVALID_DATE',
      'MEETING_DUPLICATE_ID',
      'MEETING_UNKNOWN_ORG',
      'MEETING_EMPTY_ID',
    ]);
  });

  it('bounds the range to five years, so one question cannot ask for millennia of periods', () => {
    const check = (from: string, to: string) =>
      findMissingJointMeetings(
        { streetCodes: ['S1'], communityCodes: ['C1'], meetings: [], from, to },
        rules,
      );
    // 2022-01-01 … 2026-12-31 is 1,826 days apart: allowed; one more day is not.
    expect(check('2022-01-01', '2026-12-31').ok).toBe(true);
    expect(check('2021-01-01', '2026-01-06').ok).toBe(false);
    const r = check('0001-01-01', '2026-12-31');
    expect(!r.ok && r.issues.map((i) => [i.code, i.details?.['maxDays']])).toEqual([
      ['MEETING_RANGE_TOO_LONG', MAX_JOINT_MEETING_RANGE_DAYS],
    ]);
  });
});
