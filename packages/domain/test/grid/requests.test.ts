import {
  createAddressBook,
  createGridDirectory,
  createGridIndex,
  defineRuleProfile,
  escalateRequest,
  OPEN_REQUEST_STATUSES,
  REQUEST_TRANSITIONS,
  type ReportRequestInput,
  type RequestActor,
  type RequestCommand,
  type RequestCommandAction,
  type RequestContext,
  type ResidentRequest,
  referenceProfile,
  reportRequest,
  requestSla,
  transitionRequest,
  unwrap,
  workingCalendarOf,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const directory = unwrap(
  createGridDirectory({
    streets: [{ code: 'S', name: 'XX街道' }],
    communities: [{ code: 'C1', streetCode: 'S', name: '汉江路社区' }],
    grids: [
      { code: 'G01', communityCode: 'C1', households: 300 },
      { code: 'G02', communityCode: 'C1', households: 280 },
    ],
  }),
);
const context: RequestContext = {
  rules: referenceProfile.grid, // dispute 5 working days, escalate every 2; hazard 2 / 1; service 3 / 2
  calendar: workingCalendarOf(referenceProfile),
  directory,
  addresses: unwrap(createAddressBook([{ address: '汉江路12号', gridCode: 'G02' }])),
  index: unwrap(
    createGridIndex([
      {
        gridCode: 'G01',
        coordinates: [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
          ],
        ],
      },
      {
        gridCode: 'G02',
        coordinates: [
          [
            [10, 0],
            [20, 0],
            [20, 10],
            [10, 10],
          ],
        ],
      },
    ]),
  ),
};

const resident: RequestActor = { id: 'resident-88', role: 'resident' };
const community: RequestActor = { id: 'C1', role: 'community' };
const worker: RequestActor = { id: 'W007', role: 'grid_worker' };
const other: RequestActor = { id: 'W008', role: 'grid_worker' };

const dispute = (overrides: Partial<ReportRequestInput> = {}): ReportRequestInput => ({
  id: 'R1',
  type: 'dispute',
  at: '2026-03-02T09:00:00+08:00',
  reporter: resident,
  location: { kind: 'grid', gridCode: 'G01' },
  summary: '邻里噪音纠纷',
  ...overrides,
});
const step = (r: ResidentRequest, command: RequestCommand) => unwrap(transitionRequest(r, command, context));

describe('reportRequest', () => {
  it('routes by point, by address or to a named grid', () => {
    const byPoint = unwrap(reportRequest(dispute({ location: { kind: 'point', point: [3, 4] } }), context));
    expect([byPoint.gridCode, byPoint.communityCode, byPoint.streetCode]).toEqual(['G01', 'C1', 'S']);
    const byAddress = unwrap(
      reportRequest(dispute({ location: { kind: 'address', address: '汉江路 １２号' } }), context),
    );
    expect(byAddress.gridCode).toBe('G02');
    expect(unwrap(reportRequest(dispute(), context)).gridCode).toBe('G01');
  });

  it('sets the due date in working days over holidays and make-up days (the documented example)', () => {
    const r = unwrap(
      reportRequest(
        dispute({
          type: 'safety_hazard',
          at: '2026-02-13T10:00:00+08:00',
          location: { kind: 'point', point: [12, 5] },
        }),
        context,
      ),
    );
    expect(r.dueDate).toBe('2026-02-24');
    expect(r).toMatchObject({ status: 'reported', level: 'grid', assigneeId: null, resolvedAt: null });
    expect(r.events).toEqual([
      {
        seq: 0,
        at: '2026-02-13T10:00:00+08:00',
        action: 'report',
        actor: resident,
        from: null,
        to: 'reported',
        level: 'grid',
      },
    ]);
  });

  it('counts days in China Standard Time', () => {
    // 17:30 UTC on Thursday is 01:30 on Friday in Beijing: 3 working days from Friday is Wednesday
    // (from Thursday it would be Tuesday).
    const r = unwrap(
      reportRequest(dispute({ type: 'service_request', at: '2026-03-05T17:30:00Z' }), context),
    );
    expect(r.dueDate).toBe('2026-03-11');
  });

  it('says clearly when a point lies outside every grid or an address is unknown', () => {
    const outside = reportRequest(dispute({ location: { kind: 'point', point: [30, 5] } }), context);
    expect(!outside.ok && outside.issues[0]).toMatchObject({
      code: 'REQUEST_OUTSIDE_GRIDS',
      details: { nearestGridCode: 'G02' },
    });
    const unknown = reportRequest(dispute({ location: { kind: 'address', address: '无名路1号' } }), context);
    expect(!unknown.ok && unknown.issues[0]?.code).toBe('REQUEST_UNKNOWN_ADDRESS');
    const grid = reportRequest(dispute({ location: { kind: 'grid', gridCode: 'G99' } }), context);
    expect(!grid.ok && grid.issues[0]?.code).toBe('REQUEST_UNKNOWN_GRID');
    const noBook = reportRequest(dispute({ location: { kind: 'address', address: 'x' } }), {
      ...context,
      addresses: undefined,
    });
    expect(!noBook.ok && noBook.issues[0]?.code).toBe('REQUEST_NO_ROUTER');
  });

  it('refuses malformed input, all at once', () => {
    const r = reportRequest(
      dispute({
        id: ' ',
        type: 'complaint' as 'dispute',
        at: '2026-03-02 09:00',
        reporter: { id: 'x', role: 'mayor' as 'street' },
      }),
      context,
    );
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual([
      'REQUEST_EMPTY_ID',
      'REQUEST_UNKNOWN_TYPE',
      'CALENDAR_INVALID_INSTANT',
      'REQUEST_ROLE_NOT_ALLOWED',
    ]);
  });

  it('never refuses a resident for a year the calendar does not cover: the deadline is provisional', () => {
    const r = unwrap(reportRequest(dispute({ at: '2030-03-01T09:00:00+08:00' }), context));
    // Friday 2030-03-01 + 5 weekdays by the weekend rule.
    expect([r.dueDate, r.dueDateProvisional]).toEqual(['2030-03-08', true]);
  });
});

describe('the request lifecycle', () => {
  it('goes reported → assigned → in progress → resolved → closed, with a complete trail', () => {
    let r = unwrap(reportRequest(dispute(), context));
    expect(r.dueDate).toBe('2026-03-09');
    r = step(r, { action: 'assign', at: '2026-03-02T10:00:00+08:00', actor: community, assigneeId: 'W007' });
    r = step(r, { action: 'start', at: '2026-03-02T14:00:00+08:00', actor: worker });
    r = step(r, {
      action: 'resolve',
      at: '2026-03-04T16:00:00+08:00',
      actor: worker,
      note: '双方达成调解协议',
    });
    r = step(r, { action: 'close', at: '2026-03-05T09:00:00+08:00', actor: resident });
    expect(r).toMatchObject({
      status: 'closed',
      level: 'grid',
      assigneeId: 'W007',
      resolvedAt: '2026-03-04T16:00:00+08:00',
      closedAt: '2026-03-05T09:00:00+08:00',
    });
    expect(r.events.map((e) => [e.seq, e.action, e.from, e.to, e.actor.id])).toEqual([
      [0, 'report', null, 'reported', 'resident-88'],
      [1, 'assign', 'reported', 'assigned', 'C1'],
      [2, 'start', 'assigned', 'in_progress', 'W007'],
      [3, 'resolve', 'in_progress', 'resolved', 'W007'],
      [4, 'close', 'resolved', 'closed', 'resident-88'],
    ]);
    expect(r.events[1]?.assigneeId).toBe('W007');
    expect(r.events[3]?.note).toBe('双方达成调解协议');
  });

  it('reopens a resolution the resident does not accept, and supports rejection and duplicates', () => {
    let r = unwrap(reportRequest(dispute(), context));
    r = step(r, { action: 'assign', at: '2026-03-02T10:00:00+08:00', actor: worker, assigneeId: 'W007' });
    r = step(r, { action: 'start', at: '2026-03-02T11:00:00+08:00', actor: worker });
    r = step(r, { action: 'resolve', at: '2026-03-03T11:00:00+08:00', actor: worker });
    r = step(r, {
      action: 'reopen',
      at: '2026-03-03T18:00:00+08:00',
      actor: resident,
      reason: '问题仍未解决',
    });
    expect(r).toMatchObject({ status: 'in_progress', resolvedAt: null });
    const rejected = step(unwrap(reportRequest(dispute({ id: 'R2' }), context)), {
      action: 'reject',
      at: '2026-03-02T12:00:00+08:00',
      actor: community,
      reason: '不属于社区受理范围',
    });
    expect(rejected.status).toBe('rejected');
    const duplicate = step(unwrap(reportRequest(dispute({ id: 'R3' }), context)), {
      action: 'mark_duplicate',
      at: '2026-03-02T12:00:00+08:00',
      actor: worker,
      duplicateOf: 'R1',
    });
    expect(duplicate).toMatchObject({ status: 'duplicate', duplicateOf: 'R1' });
  });

  it('refuses steps the state machine, the roles or the trail do not allow', () => {
    const reported = unwrap(reportRequest(dispute(), context));
    const assigned = step(reported, {
      action: 'assign',
      at: '2026-03-02T10:00:00+08:00',
      actor: community,
      assigneeId: 'W007',
    });
    const codes = (r: ReturnType<typeof transitionRequest>) => (r.ok ? [] : r.issues.map((i) => i.code));
    expect(
      codes(
        transitionRequest(
          reported,
          { action: 'start', at: '2026-03-02T10:00:00+08:00', actor: community },
          context,
        ),
      ),
    ).toEqual(['REQUEST_INVALID_TRANSITION']);
    expect(
      codes(
        transitionRequest(
          reported,
          { action: 'assign', at: '2026-03-02T10:00:00+08:00', actor: resident, assigneeId: 'W1' },
          context,
        ),
      ),
    ).toEqual(['REQUEST_ROLE_NOT_ALLOWED']);
    expect(
      codes(
        transitionRequest(
          assigned,
          { action: 'start', at: '2026-03-02T11:00:00+08:00', actor: other },
          context,
        ),
      ),
    ).toEqual(['REQUEST_NOT_ASSIGNEE']);
    expect(
      codes(
        transitionRequest(
          reported,
          { action: 'assign', at: '2026-03-02T10:00:00+08:00', actor: community, assigneeId: '' },
          context,
        ),
      ),
    ).toEqual(['REQUEST_MISSING_ASSIGNEE']);
    expect(
      codes(
        transitionRequest(
          reported,
          { action: 'reject', at: '2026-03-02T10:00:00+08:00', actor: community, reason: ' ' },
          context,
        ),
      ),
    ).toEqual(['REQUEST_MISSING_REASON']);
    expect(
      codes(
        transitionRequest(
          reported,
          { action: 'mark_duplicate', at: '2026-03-02T10:00:00+08:00', actor: community, duplicateOf: 'R1' },
          context,
        ),
      ),
    ).toEqual(['REQUEST_INVALID_DUPLICATE']);
    expect(
      codes(
        transitionRequest(
          assigned,
          { action: 'start', at: '2026-03-02T09:30:00+08:00', actor: worker },
          context,
        ),
      ),
    ).toEqual(['REQUEST_TIME_BEFORE_LAST_EVENT']);
    expect(
      codes(transitionRequest(assigned, { action: 'start', at: 'soon', actor: worker }, context)),
    ).toEqual(['CALENDAR_INVALID_INSTANT']);
    const message = transitionRequest(
      reported,
      { action: 'start', at: '2026-03-02T10:00:00+08:00', actor: community },
      context,
    );
    expect(!message.ok && message.issues[0]?.message).toEqual({
      zh: '诉求当前为“已上报”，不能“开始办理”（仅限：已派单）',
      en: 'cannot start a request that is reported (only when assigned)',
    });
  });
});

describe('deadlines and escalation', () => {
  const open = () => {
    let r = unwrap(reportRequest(dispute(), context)); // due Monday 2026-03-09
    r = step(r, { action: 'assign', at: '2026-03-02T10:00:00+08:00', actor: community, assigneeId: 'W007' });
    return step(r, { action: 'start', at: '2026-03-02T11:00:00+08:00', actor: worker });
  };

  it('climbs grid → community → street on working days after the due date', () => {
    expect(unwrap(requestSla(open(), '2026-03-09T20:00:00+08:00', context))).toEqual({
      dueDate: '2026-03-09',
      overdue: false,
      overdueWorkingDays: 0,
      level: 'grid',
      nextEscalationOn: '2026-03-10',
      provisional: false,
    });
    expect(unwrap(requestSla(open(), '2026-03-10T09:00:00+08:00', context))).toEqual({
      dueDate: '2026-03-09',
      overdue: true,
      overdueWorkingDays: 1,
      level: 'community',
      nextEscalationOn: '2026-03-12',
      provisional: false,
    });
    const late = unwrap(escalateRequest(open(), '2026-03-12T09:00:00+08:00', context));
    expect(late.level).toBe('street');
    expect(late.events.slice(-2).map((e) => [e.action, e.at, e.level, e.actor.role])).toEqual([
      ['escalate', '2026-03-10T00:00:00+08:00', 'community', 'system'],
      ['escalate', '2026-03-12T00:00:00+08:00', 'street', 'system'],
    ]);
    expect(unwrap(escalateRequest(late, '2026-03-20T09:00:00+08:00', context))).toBe(late);
    expect(unwrap(requestSla(late, '2026-03-20T09:00:00+08:00', context)).nextEscalationOn).toBeNull();
  });

  it('records escalations before a later step, keeping the trail in time order', () => {
    const r = step(open(), { action: 'resolve', at: '2026-03-11T15:00:00+08:00', actor: worker });
    expect(r.events.map((e) => e.action)).toEqual(['report', 'assign', 'start', 'escalate', 'resolve']);
    expect(r.events[4]?.level).toBe('community');
    // Once resolved, it no longer climbs.
    expect(unwrap(escalateRequest(r, '2026-04-30T09:00:00+08:00', context)).events).toHaveLength(5);
  });

  it('does not climb over a weekend: overdue on Saturday, escalated on Monday', () => {
    const friday = unwrap(
      reportRequest(dispute({ type: 'safety_hazard', at: '2026-03-04T09:00:00+08:00' }), context),
    );
    expect(friday.dueDate).toBe('2026-03-06');
    expect(unwrap(requestSla(friday, '2026-03-07T10:00:00+08:00', context))).toMatchObject({
      overdue: true,
      overdueWorkingDays: 0,
      level: 'grid',
      nextEscalationOn: '2026-03-09',
    });
  });

  it('stops at the top level the profile lists', () => {
    const county = defineRuleProfile({
      id: 'two_levels',
      version: '1',
      effectiveFrom: '2026-01-01',
      // The cast works around ProfileChanges distributing over the element union of a list
      // (it types this field as a list of one literal); reported upstream.
      grid: { escalationLevels: ['grid', 'community'] as readonly 'grid'[] },
    });
    const r = unwrap(
      escalateRequest(open(), '2026-03-31T09:00:00+08:00', { ...context, rules: county.grid }),
    );
    expect(r.level).toBe('community');
    expect(r.events.filter((e) => e.action === 'escalate')).toHaveLength(1);
  });
});

describe('the audit trail (property)', () => {
  const actions = Object.keys(REQUEST_TRANSITIONS) as RequestCommandAction[];
  const roles: RequestActor[] = [
    resident,
    community,
    worker,
    other,
    { id: 'S', role: 'street' },
    { id: 'sys', role: 'system' },
  ];
  it('stays consistent whatever is attempted', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...actions),
            fc.constantFrom(...roles),
            fc.integer({ min: 0, max: 3 * 24 * 60 }),
          ),
          {
            maxLength: 25,
          },
        ),
        (attempts) => {
          let r = unwrap(reportRequest(dispute(), context));
          let t = Date.parse(r.reportedAt);
          for (const [action, actor, minutes] of attempts) {
            t += minutes * 60_000;
            const at = new Date(t).toISOString();
            const command = {
              action,
              actor,
              at,
              assigneeId: 'W007',
              reason: '理由',
              duplicateOf: 'R0',
            } as RequestCommand;
            const next = transitionRequest(r, command, context);
            if (next.ok) r = next.value;
          }
          r.events.forEach((e, i) => {
            expect(e.seq).toBe(i);
            if (i > 0) {
              expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse(r.events[i - 1]!.at));
              expect(e.from).toBe(r.events[i - 1]!.to);
              expect(['grid', 'community', 'street'].indexOf(e.level)).toBeGreaterThanOrEqual(
                ['grid', 'community', 'street'].indexOf(r.events[i - 1]!.level),
              );
            }
            if (e.action !== 'report' && e.action !== 'escalate') {
              const rule = REQUEST_TRANSITIONS[e.action];
              expect(rule.from).toContain(e.from);
              expect(e.to).toBe(rule.to);
              expect(rule.roles).toContain(e.actor.role);
            }
            if (e.action === 'escalate') expect(OPEN_REQUEST_STATUSES).toContain(e.to);
          });
          expect(r.status).toBe(r.events[r.events.length - 1]!.to);
          expect(r.level).toBe(r.events[r.events.length - 1]!.level);
        },
      ),
    );
  });
});
