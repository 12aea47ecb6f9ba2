import {
  createGridDirectory,
  gridStatistics,
  type RequestActor,
  type RequestContext,
  type ResidentRequest,
  referenceProfile,
  reportRequest,
  requestStatistics,
  transitionRequest,
  unwrap,
  workingCalendarOf,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const directory = unwrap(
  createGridDirectory({
    streets: [{ code: 'S', name: 'XX街道' }],
    communities: [
      { code: 'C1', streetCode: 'S', name: '汉江路社区' },
      { code: 'C2', streetCode: 'S', name: '胜利街社区' },
    ],
    grids: [
      { code: 'C1-G01', communityCode: 'C1', households: 300 },
      { code: 'C1-G02', communityCode: 'C1', households: 280 },
      { code: 'C2-G01', communityCode: 'C2', households: 320 },
    ],
  }),
);
const context: RequestContext = {
  rules: referenceProfile.grid,
  calendar: workingCalendarOf(referenceProfile),
  directory,
};
const worker: RequestActor = { id: 'W1', role: 'grid_worker' };

/** A request reported on Monday 2026-03-02 09:00 and resolved after `hours` (none: left open). */
function request(
  id: string,
  gridCode: string,
  type: ResidentRequest['type'],
  hours?: number,
): ResidentRequest {
  let r = unwrap(
    reportRequest(
      {
        id,
        type,
        at: '2026-03-02T09:00:00+08:00',
        reporter: { id: 'r', role: 'resident' },
        location: { kind: 'grid', gridCode },
      },
      context,
    ),
  );
  r = unwrap(
    transitionRequest(
      r,
      { action: 'assign', at: '2026-03-02T09:00:00+08:00', actor: worker, assigneeId: 'W1' },
      context,
    ),
  );
  r = unwrap(
    transitionRequest(r, { action: 'start', at: '2026-03-02T09:00:00+08:00', actor: worker }, context),
  );
  if (hours === undefined) return r;
  const at = new Date(Date.parse('2026-03-02T01:00:00Z') + hours * 3_600_000).toISOString();
  return unwrap(transitionRequest(r, { action: 'resolve', at, actor: worker }, context));
}

describe('gridStatistics', () => {
  const requests = [
    request('R1', 'C1-G01', 'dispute', 10),
    request('R2', 'C1-G01', 'dispute', 20),
    request('R3', 'C1-G02', 'service_request', 30),
    request('R4', 'C1-G02', 'safety_hazard'), // due 03-04: overdue on 03-10
    request('R5', 'C2-G01', 'service_request', 190), // due 03-05, resolved 03-10 07:00: late, escalated
    request('R6', 'C2-G01', 'dispute'), // due 03-09: overdue on 03-10
  ];
  const stats = unwrap(
    gridStatistics(
      {
        directory,
        teams: [
          { gridCode: 'C1-G01', workerIds: ['W1', 'W2', 'W3'] },
          { gridCode: 'C1-G02', workerIds: ['W4', 'W5', 'W6'] },
          { gridCode: 'C2-G01', workerIds: ['W7', 'W8', 'W9'] },
        ],
        partyMembers: [
          ...['M1', 'M2', 'M3'].map((id) => ({ id, gridCode: 'C1-G01' })),
          { id: 'M4', gridCode: 'C1-G02' },
          { id: 'M5', communityCode: 'C2' },
          { id: 'M6', streetCode: 'S' },
        ],
        requests,
        asOf: '2026-03-10T12:00:00+08:00',
      },
      referenceProfile.grid,
    ),
  );

  it('counts grids, households, workers, members and organisations at every level', () => {
    const row = (s: (typeof stats.grids)[number]) => [
      s.code,
      s.grids,
      s.households,
      s.workers,
      s.partyMembers,
      s.partyOrganisations,
    ];
    expect(stats.streets.map(row)).toEqual([['S', 3, 900, 9, 6, 4]]); // committee + 2 community orgs + 1 grid group
    expect(stats.communities.map(row)).toEqual([
      ['C1', 2, 580, 6, 4, 2],
      ['C2', 1, 320, 3, 1, 1],
    ]);
    expect(stats.grids.map(row)).toEqual([
      ['C1-G01', 1, 300, 3, 3, 1],
      ['C1-G02', 1, 280, 3, 1, 0],
      ['C2-G01', 1, 320, 3, 0, 0],
    ]);
    expect(stats.grids[0]).toMatchObject({ level: 'grid', parentCode: 'C1', name: null });
    expect(stats.streets[0]).toMatchObject({ level: 'street', parentCode: null, name: 'XX街道' });
  });

  it('counts requests by type and status with overdue counts and resolution times', () => {
    const street = stats.streets[0]!.requests;
    expect(street).toMatchObject({
      total: 6,
      byType: { dispute: 3, safety_hazard: 1, service_request: 2 },
      byStatus: {
        reported: 0,
        assigned: 0,
        in_progress: 2,
        resolved: 4,
        closed: 0,
        rejected: 0,
        duplicate: 0,
      },
      open: 2,
      overdue: 2,
      resolvedLate: 1,
    });
    // Hours 10, 20, 30, 190: median 25, p90 = 30 + 0.7 × 160 (linear between ranks).
    expect(street.timeToResolve.count).toBe(4);
    expect(street.timeToResolve.medianHours).toBeCloseTo(25);
    expect(street.timeToResolve.p90Hours).toBeCloseTo(142);
    expect(stats.grids[0]!.requests.timeToResolve).toEqual({ count: 2, medianHours: 15, p90Hours: 19 });
    expect(stats.grids[1]!.requests).toMatchObject({ total: 2, overdue: 1 });
    expect(stats.communities[1]!.requests).toMatchObject({
      total: 2,
      overdue: 1,
      resolvedLate: 1,
      escalated: 1,
    });
    expect(stats.grids[2]!.requests.timeToResolve.medianHours).toBe(190);
  });

  it('has no resolution times where nothing was resolved', () => {
    const empty = unwrap(
      gridStatistics({ directory, asOf: '2026-03-10T12:00:00+08:00' }, referenceProfile.grid),
    );
    expect(empty.streets[0]?.requests.timeToResolve).toEqual({ count: 0, medianHours: null, p90Hours: null });
    expect(empty.streets[0]?.partyOrganisations).toBe(3);
  });

  it('refuses data that names grids, communities or streets it does not know', () => {
    const r = gridStatistics(
      {
        directory,
        teams: [{ gridCode: 'X', workerIds: [] }],
        partyMembers: [
          { id: 'M', communityCode: 'C9' },
          { id: 'N', streetCode: 'S9' },
        ],
        asOf: '2026-03-10T12:00:00+08:00',
      },
      referenceProfile.grid,
    );
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([
      ['GRID_UNKNOWN_GRID', ['teams', 0, 'gridCode']],
      ['GRID_UNKNOWN_COMMUNITY', ['partyMembers', 0, 'communityCode']],
      ['GRID_UNKNOWN_STREET', ['partyMembers', 1, 'streetCode']],
    ]);
    const time = gridStatistics({ directory, asOf: 'now' }, referenceProfile.grid);
    expect(!time.ok && time.issues[0]?.code).toBe('CALENDAR_INVALID_INSTANT');
  });
});

describe('createGridDirectory', () => {
  it('refuses duplicates, unknown parents and bad household counts', () => {
    const r = createGridDirectory({
      streets: [{ code: 'S' }, { code: 'S' }, { code: '' }],
      communities: [
        { code: 'C1', streetCode: 'S' },
        { code: 'C1', streetCode: 'S' },
        { code: 'C2', streetCode: 'S9' },
        { code: '', streetCode: 'S' },
      ],
      grids: [
        { code: 'G1', communityCode: 'C1', households: 1.5 },
        { code: 'G1', communityCode: 'C1', households: 1 },
        { code: 'G2', communityCode: 'C9', households: 1 },
        { code: '', communityCode: 'C1', households: 1 },
      ],
    });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual([
      'GRID_DUPLICATE_STREET',
      'GRID_EMPTY_ID',
      'GRID_DUPLICATE_COMMUNITY',
      'GRID_UNKNOWN_STREET',
      'GRID_EMPTY_ID',
      'GRID_INVALID_HOUSEHOLDS',
      'GRID_DUPLICATE_GRID',
      'GRID_UNKNOWN_COMMUNITY',
      'GRID_EMPTY_ID',
    ]);
  });

  it('derives the streets from the communities when they are not listed', () => {
    const d = unwrap(createGridDirectory({ communities: [{ code: 'C', streetCode: 'S' }], grids: [] }));
    expect(d.streets).toEqual([{ code: 'S' }]);
  });
});

describe('requestStatistics', () => {
  it('derives the open total and the median and p90 resolution times from the counts', () => {
    const byType = { dispute: 1, safety_hazard: 1, service_request: 2 };
    const byStatus = {
      reported: 1,
      assigned: 0,
      in_progress: 0,
      resolved: 2,
      closed: 1,
      rejected: 0,
      duplicate: 0,
    };
    const figures = requestStatistics(
      { total: 4, byType, byStatus, overdue: 1, resolvedLate: 0, escalated: 1 },
      [30, 2, 5],
    );
    expect(figures.open).toBe(1);
    expect(figures.timeToResolve).toEqual({ count: 3, medianHours: 5, p90Hours: 25 });
    expect(
      requestStatistics({ total: 0, byType, byStatus, overdue: 0, resolvedLate: 0, escalated: 0 }, [])
        .timeToResolve,
    ).toEqual({
      count: 0,
      medianHours: null,
      p90Hours: null,
    });
  });
});
