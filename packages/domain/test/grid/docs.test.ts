// docs/grids.md: every issue code is documented once and emitted by its sample with messages in both
// languages, and the worked example gives the figures the page shows.
import { readFileSync } from 'node:fs';
import {
  assignGridWorkers,
  calendarCoverage,
  calendarYearsFromEvents,
  checkFunctionalGroups,
  createAddressBook,
  createGridDirectory,
  createGridIndex,
  createWorkingCalendar,
  findMissingJointMeetings,
  type GridIssueCode,
  gridStatistics,
  type Issue,
  isWorkingDay,
  partitionCommunity,
  placePartyMembers,
  type RequestContext,
  referenceProfile,
  repartitionCommunity,
  reportRequest,
  requestSla,
  transitionRequest,
  unwrap,
  validateMediaUrl,
  workingCalendarOf,
  workingDaysBetween,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const docs = readFileSync(new URL('../../../../docs/grids.md', import.meta.url), 'utf8');
const rules = referenceProfile.grid;
const calendar = workingCalendarOf(referenceProfile);
const issuesOf = (r: { ok: true } | { ok: false; issues: readonly Issue[] }): readonly Issue[] =>
  r.ok ? [] : r.issues;

const directory = unwrap(
  createGridDirectory({
    communities: [{ code: 'C', streetCode: 'S' }],
    grids: [{ code: 'G', communityCode: 'C', households: 300 }],
  }),
);
const index = unwrap(
  createGridIndex([
    {
      gridCode: 'G',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    },
  ]),
);
const context: RequestContext = {
  rules,
  calendar,
  directory,
  index,
  addresses: unwrap(createAddressBook([])),
};
const reporter = { id: 'r', role: 'resident' } as const;
const report = (overrides: object = {}) =>
  reportRequest(
    {
      id: 'R',
      type: 'dispute',
      at: '2026-03-02T09:00:00+08:00',
      reporter,
      location: { kind: 'grid', gridCode: 'G' },
      ...overrides,
    },
    context,
  );
const reported = unwrap(report());
const act = (command: object, request = reported) =>
  issuesOf(
    transitionRequest(
      request,
      { at: '2026-03-02T10:00:00+08:00', actor: { id: 'C', role: 'community' }, ...command } as never,
      context,
    ),
  );
const building = (id: string, households = 100, addressOrder = 1) => ({ id, households, addressOrder });
const partition = (buildings: object[], options = {}) =>
  issuesOf(partitionCommunity({ communityCode: 'C', buildings: buildings as never }, rules, options));
const findings = (buildings: object[], options = {}) =>
  unwrap(partitionCommunity({ communityCode: 'C', buildings: buildings as never }, rules, options)).findings;
const staffing = (grids: object[], workers: object[]) =>
  issuesOf(assignGridWorkers({ grids, workers } as never, rules));
const worker = (id: string, isPartyMember = false) => ({ id, homeCommunityCode: 'C', isPartyMember });
const place = (input: object) =>
  placePartyMembers({ gridCodes: ['G'], members: [], gridOfBuilding: {}, ...input } as never, rules);
const groups = (input: object) =>
  issuesOf(checkFunctionalGroups({ groups: [], memberships: [], ...input } as never, rules));
const trio = (groupCode: string) => ['M1', 'M2', 'M3'].map((memberId) => ({ groupCode, memberId }));
const meetings = (input: object) =>
  issuesOf(
    findMissingJointMeetings(
      {
        streetCodes: ['S'],
        communityCodes: ['C'],
        meetings: [],
        from: '2026-01-01',
        to: '2026-03-31',
        ...input,
      } as never,
      rules,
    ),
  );
const meeting = { id: 'm', level: 'community', orgCode: 'C', heldOn: '2026-01-05', kind: 'regular' };
const stats = (input: object) =>
  issuesOf(gridStatistics({ directory, asOf: '2026-03-02T09:00:00+08:00', ...input } as never, rules));
const dir = (input: object) =>
  issuesOf(createGridDirectory({ communities: [], grids: [], ...input } as never));

/** One input per code; the record's type makes the compiler ask for every code in the union. */
const SAMPLES: Record<GridIssueCode, () => readonly Issue[]> = {
  GRID_NO_BUILDINGS: () => partition([]),
  GRID_EMPTY_ID: () => partition([building('')]),
  GRID_DUPLICATE_BUILDING: () => partition([building('A'), building('A')]),
  GRID_INVALID_HOUSEHOLDS: () => partition([building('A', 2.5)]),
  GRID_INVALID_ADDRESS_ORDER: () => partition([building('A', 100, Number.NaN)]),
  GRID_INVALID_LOCATION: () => partition([{ ...building('A'), location: [0] }]),
  GRID_MISSING_LOCATION: () => partition([building('A')], { method: 'spatial' }),
  GRID_BUILDING_OVER_MAX: () => partition([building('A', 401)]),
  GRID_UNDER_MIN: () => findings([building('A', 120)]),
  GRID_FORCED_OVER_MAX: () => findings([building('A', 401)], { oversizedBuildings: 'own_grid' }),
  GRID_DUPLICATE_STREET: () => dir({ streets: [{ code: 'S' }, { code: 'S' }] }),
  GRID_DUPLICATE_COMMUNITY: () =>
    dir({
      communities: [
        { code: 'C', streetCode: 'S' },
        { code: 'C', streetCode: 'S' },
      ],
    }),
  GRID_DUPLICATE_GRID: () =>
    staffing(
      [
        { code: 'G', communityCode: 'C', households: 1 },
        { code: 'G', communityCode: 'C', households: 1 },
      ],
      [],
    ),
  GRID_UNKNOWN_STREET: () => dir({ streets: [], communities: [{ code: 'C', streetCode: 'S' }] }),
  GRID_UNKNOWN_COMMUNITY: () => dir({ grids: [{ code: 'G', communityCode: 'C', households: 1 }] }),
  GRID_UNKNOWN_GRID: () => stats({ teams: [{ gridCode: 'X', workerIds: [] }] }),
  GRID_DUPLICATE_WORKER: () => staffing([], [worker('W'), worker('W')]),
  GRID_TEAM_INCOMPLETE: () =>
    staffing([{ code: 'G', communityCode: 'C', households: 300 }], [worker('W', true)]),
  GRID_TEAM_WITHOUT_PARTY_MEMBER: () =>
    staffing(
      [{ code: 'G', communityCode: 'C', households: 300 }],
      [worker('W1'), worker('W2'), worker('W3')],
    ),
  GRID_DUPLICATE_MEMBER: () =>
    issuesOf(
      place({
        members: [
          { id: 'M', residence: { kind: 'elsewhere' } },
          { id: 'M', residence: { kind: 'elsewhere' } },
        ],
      }),
    ),
  GRID_NO_SPATIAL_INDEX: () =>
    issuesOf(place({ members: [{ id: 'M', residence: { kind: 'point', point: [0, 0] } }] })),
  GRID_PARTY_GROUP_TOO_SMALL: () => unwrap(place({})).findings,
  GRID_MEMBER_UNPLACED: () =>
    unwrap(place({ members: [{ id: 'M', residence: { kind: 'building', buildingId: 'B' } }] })).findings,
  GRID_DUPLICATE_FUNCTIONAL_GROUP: () => groups({ groups: [{ code: 'F' }, { code: 'F' }] }),
  GRID_UNKNOWN_FUNCTIONAL_GROUP: () => groups({ memberships: [{ groupCode: 'F', memberId: 'M' }] }),
  GRID_UNKNOWN_MEMBER: () => groups({ groups: [{ code: 'F' }], memberships: trio('F'), memberIds: ['M1'] }),
  GRID_DUPLICATE_MEMBERSHIP: () =>
    groups({ groups: [{ code: 'F' }], memberships: [...trio('F'), ...trio('F')] }),
  GRID_TOO_MANY_FUNCTIONAL_GROUPS: () =>
    groups({
      groups: ['a', 'b', 'c', 'd'].map((code) => ({ code })),
      memberships: ['a', 'b', 'c', 'd'].flatMap(trio),
    }),
  GRID_FUNCTIONAL_GROUP_TOO_SMALL: () => groups({ groups: [{ code: 'F' }] }),
  GRID_FUNCTIONAL_GROUP_TOO_LARGE: () =>
    groups({
      groups: [{ code: 'F' }],
      memberships: Array.from({ length: 51 }, (_, i) => ({ groupCode: 'F', memberId: `M${i}` })),
    }),
  GRID_NO_POLYGONS: () => issuesOf(createGridIndex([])),
  GRID_INVALID_POLYGON: () =>
    issuesOf(
      createGridIndex([
        {
          gridCode: 'G',
          coordinates: [
            [
              [0, 0],
              [1, 1],
            ],
          ],
        },
      ]),
    ),
  GRID_EMPTY_ADDRESS: () => issuesOf(createAddressBook([{ address: '', gridCode: 'G' }])),
  GRID_ADDRESS_CONFLICT: () =>
    issuesOf(
      createAddressBook([
        { address: 'a', gridCode: 'G' },
        { address: 'A', gridCode: 'H' },
      ]),
    ),
  REQUEST_EMPTY_ID: () => issuesOf(report({ id: '' })),
  REQUEST_UNKNOWN_TYPE: () => issuesOf(report({ type: 'complaint' })),
  REQUEST_UNKNOWN_GRID: () => issuesOf(report({ location: { kind: 'grid', gridCode: 'X' } })),
  REQUEST_UNKNOWN_ADDRESS: () => issuesOf(report({ location: { kind: 'address', address: '无名路1号' } })),
  REQUEST_OUTSIDE_GRIDS: () => issuesOf(report({ location: { kind: 'point', point: [5, 5] } })),
  REQUEST_NO_ROUTER: () =>
    issuesOf(
      reportRequest(
        {
          id: 'R',
          type: 'dispute',
          at: '2026-03-02T09:00:00+08:00',
          reporter,
          location: { kind: 'point', point: [0, 0] },
        },
        { ...context, index: undefined },
      ),
    ),
  REQUEST_TIME_BEFORE_LAST_EVENT: () =>
    act({ action: 'assign', assigneeId: 'W', at: '2026-03-01T09:00:00+08:00' }),
  REQUEST_INVALID_TRANSITION: () => act({ action: 'close' }),
  REQUEST_ROLE_NOT_ALLOWED: () => act({ action: 'assign', assigneeId: 'W', actor: reporter }),
  REQUEST_NOT_ASSIGNEE: () =>
    act(
      { action: 'start', actor: { id: 'W2', role: 'grid_worker' } },
      unwrap(
        transitionRequest(
          reported,
          {
            action: 'assign',
            at: '2026-03-02T09:30:00+08:00',
            actor: { id: 'C', role: 'community' },
            assigneeId: 'W1',
          },
          context,
        ),
      ),
    ),
  REQUEST_MISSING_ASSIGNEE: () => act({ action: 'assign', assigneeId: '' }),
  REQUEST_MISSING_REASON: () => act({ action: 'reject', reason: '' }),
  REQUEST_INVALID_DUPLICATE: () => act({ action: 'mark_duplicate', duplicateOf: 'R' }),
  REQUEST_INVALID_MEDIA_URL: () => issuesOf(validateMediaUrl('javascript:alert(1)')),
  MEETING_EMPTY_ID: () => meetings({ meetings: [{ ...meeting, id: '' }] }),
  MEETING_DUPLICATE_ID: () => meetings({ meetings: [meeting, meeting] }),
  MEETING_UNKNOWN_ORG: () => meetings({ meetings: [{ ...meeting, orgCode: 'X' }] }),
  MEETING_INVALID_RANGE: () => meetings({ from: '2026-12-31' }),
  MEETING_RANGE_TOO_LONG: () => meetings({ from: '0001-01-01' }),
  CALENDAR_INVALID_DATE: () => meetings({ to: '2026-02-30' }),
  CALENDAR_INVALID_INSTANT: () => stats({ asOf: '2026-03-02' }),
  CALENDAR_INVALID_YEAR: () => issuesOf(createWorkingCalendar({ y: { holidays: [], makeupWorkdays: [] } })),
  CALENDAR_WRONG_YEAR: () =>
    issuesOf(createWorkingCalendar({ '2027': { holidays: ['2026-01-01'], makeupWorkdays: [] } })),
  CALENDAR_DAY_CONFLICT: () =>
    issuesOf(createWorkingCalendar({ '2027': { holidays: ['2027-01-02'], makeupWorkdays: ['2027-01-02'] } })),
  CALENDAR_YEAR_NOT_COVERED: () => issuesOf(isWorkingDay(workingCalendarOf(referenceProfile), '2030-03-01')),
  CALENDAR_ENDING_SOON: () => [calendarCoverage(workingCalendarOf(referenceProfile), '2026-12-04').warning!],
  CALENDAR_ENDED: () => [calendarCoverage(workingCalendarOf(referenceProfile), '2027-01-04').warning!],
  CALENDAR_INVALID_RANGE: () =>
    issuesOf(calendarYearsFromEvents([{ start: '2027-02-10', end: '2027-02-01', kind: 'holiday' }])),
  CALENDAR_EMPTY: () => issuesOf(calendarYearsFromEvents([])),
};

/** The first cell of each row of the codes table. */
const documented = docs
  .split('\n')
  .map((line) => /^\|\s*`((?:GRID|REQUEST|MEETING|CALENDAR)_[A-Z_]+)`\s*\|/.exec(line)?.[1])
  .filter((code): code is string => code !== undefined);

describe('docs/grids.md', () => {
  it.each(Object.entries(SAMPLES))('%s is emitted by its sample, in Chinese and English', (code, sample) => {
    const found = sample().find((i) => i.code === code);
    expect(found, code).toBeDefined();
    expect(found?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(found?.message.en.length).toBeGreaterThan(10);
    expect(found?.message.en).not.toMatch(/[\u4e00-\u9fff]{4,}/);
  });

  it('lists every issue code exactly once, and no other', () => {
    expect([...documented].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it('gives the figures of the worked example', () => {
    const buildings = [96, 88, 120, 72, 110, 64, 90, 84].map((households, i) => ({
      id: `B${i + 1}`,
      households,
      addressOrder: i + 1,
    }));
    const community = '330102001001';
    const p = unwrap(partitionCommunity({ communityCode: community, buildings }, rules));
    expect(p.grids.map((g) => [g.buildingIds.join(','), g.households])).toEqual([
      ['B1,B2,B3,B4', 376],
      ['B5,B6,B7,B8', 348],
    ]);
    expect(p.imbalance).toMatchObject({
      mean: 362,
      smallest: 348,
      largest: 376,
      standardDeviation: 14,
      maxDeviation: 76,
    });

    const changed = [
      ...buildings.map((b) => (b.id === 'B8' ? { ...b, households: 150 } : b)),
      { id: 'B9', households: 60, addressOrder: 9 },
    ];
    const after = unwrap(
      repartitionCommunity({ communityCode: community, buildings: changed, previous: p }, rules),
    );
    expect(after.grids.map((g) => [g.buildingIds.join(','), g.households])).toEqual([
      ['B1,B2,B3,B4', 376],
      ['B5,B6,B7', 264],
      ['B8,B9', 210],
    ]);
    expect(after.moves).toEqual([{ buildingId: 'B8', from: `${community}-G02`, to: `${community}-G03` }]);
    expect(after.added).toEqual([{ buildingId: 'B9', to: `${community}-G03` }]);
    expect(after.createdGrids).toEqual([`${community}-G03`]);

    const grids = p.grids.map((g) => ({ code: g.code, communityCode: community, households: g.households }));
    const workers = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'].map((id) => ({
      id,
      homeCommunityCode: community,
      isPartyMember: id === 'W1' || id === 'W4',
    }));
    const plan = unwrap(assignGridWorkers({ grids, workers }, rules));
    expect(plan.teams.map((t) => t.workerIds)).toEqual([
      ['W1', 'W2', 'W5'],
      ['W4', 'W3', 'W6'],
    ]);
    expect(plan.balance.spread).toBeCloseTo(9.33, 2);

    const homes = { M1: 'B1', M2: 'B2', M3: 'B3', M4: 'B4', M5: 'B6', M6: 'B7' };
    const members = [
      ...Object.entries(homes).map(([id, buildingId]) => ({
        id,
        residence: { kind: 'building' as const, buildingId },
      })),
      { id: 'M7', residence: { kind: 'elsewhere' as const } },
    ];
    const placement = unwrap(
      placePartyMembers({ gridCodes: grids.map((g) => g.code), members, gridOfBuilding: p.gridOf }, rules),
    );
    expect(placement.belowMinimum).toEqual([{ gridCode: `${community}-G02`, members: 2, minimum: 3 }]);
    expect(docs).toContain(
      placement.findings[0]!.message.zh.replace('不足成立党小组所需的 3 名', '不足成立党小组所需的\n3 名'),
    );

    const directory = unwrap(
      createGridDirectory({
        streets: [{ code: '330102001', name: 'XX街道' }],
        communities: [{ code: community, streetCode: '330102001', name: '汉江路社区' }],
        grids,
      }),
    );
    const addresses = unwrap(
      createAddressBook(
        buildings.map((b) => ({ address: `汉江路${b.addressOrder}号`, gridCode: p.gridOf[b.id]! })),
      ),
    );
    const ctx: RequestContext = { rules, calendar, directory, addresses };
    let request = unwrap(
      reportRequest(
        {
          id: 'R2026-000001',
          type: 'safety_hazard',
          at: '2026-02-13T10:00:00+08:00',
          reporter: { id: 'resident-88', role: 'resident' },
          location: { kind: 'address', address: '汉江路 7 号' },
          summary: '电动车楼道充电',
        },
        ctx,
      ),
    );
    expect([request.gridCode, request.dueDate]).toEqual([`${community}-G02`, '2026-02-24']);
    const w4 = { id: 'W4', role: 'grid_worker' } as const;
    request = unwrap(
      transitionRequest(
        request,
        {
          action: 'assign',
          at: '2026-02-13T10:30:00+08:00',
          actor: { id: community, role: 'community' },
          assigneeId: 'W4',
        },
        ctx,
      ),
    );
    request = unwrap(
      transitionRequest(request, { action: 'start', at: '2026-02-13T11:00:00+08:00', actor: w4 }, ctx),
    );
    expect(unwrap(requestSla(request, '2026-02-25T09:00:00+08:00', ctx))).toEqual({
      dueDate: '2026-02-24',
      overdue: true,
      overdueWorkingDays: 1,
      level: 'community',
      nextEscalationOn: '2026-02-26',
      provisional: false,
    });
    request = unwrap(
      transitionRequest(request, { action: 'resolve', at: '2026-02-26T16:00:00+08:00', actor: w4 }, ctx),
    );
    for (const e of request.events) {
      const row = `| ${e.seq}   | ${e.at} | ${e.action.padEnd(8)} | ${e.actor.id.padEnd(12)} | ${(e.from ?? '—').padEnd(11)} | ${e.to.padEnd(11)} | ${e.level.padEnd(9)} |`;
      expect(docs).toContain(row);
    }

    const stats = unwrap(
      gridStatistics(
        {
          directory,
          teams: plan.teams,
          partyMembers: [
            ...Object.keys(homes).map((id) => ({ id, gridCode: placement.gridOfMember[id] ?? null })),
            { id: 'M7', communityCode: community },
          ],
          requests: [request],
          asOf: '2026-02-27T18:00:00+08:00',
        },
        rules,
      ),
    );
    expect(stats.communities[0]).toMatchObject({
      grids: 2,
      households: 724,
      workers: 6,
      partyMembers: 7,
      partyOrganisations: 2,
    });
    expect(stats.communities[0]?.requests).toMatchObject({
      resolvedLate: 1,
      escalated: 1,
      timeToResolve: { medianHours: 318 },
    });
  });

  it('states the working days of the reference years', () => {
    expect(unwrap(workingDaysBetween(calendar, '2024-12-31', '2025-12-31'))).toBe(248);
    expect(unwrap(workingDaysBetween(calendar, '2025-12-31', '2026-12-31'))).toBe(248);
    expect(docs).toContain('248 working days each');
  });
});
