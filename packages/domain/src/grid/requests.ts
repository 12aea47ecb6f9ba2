// Long file: one state machine (statuses, transitions, report, steps, escalation, the SLA clock)
// read top to bottom; each step checks the same table and the same deadline rules.
import { uncoveredYearsBetween } from '../calendar/coverage.js';
import { addCalendarDays } from '../calendar/days.js';
import {
  epochMillis,
  type Instant,
  localDateOf,
  parseInstant,
  startOfLocalDate,
} from '../calendar/instant.js';
import {
  addWorkingDays,
  lenientCalendar,
  type WorkingDayCalendar,
  workingCalendarOf,
  workingDaysBetween,
} from '../calendar/working-days.js';
import type { GridRules, RuleProfile } from '../profiles/schema.js';
import { type EscalationLevel, REQUEST_TYPES, type RequestType } from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result, unreachable, unwrap } from '../shared/result.js';
import { createGridDirectory, type GridDirectory } from './directory.js';
import { type RequestIssueCode, shown } from './errors.js';
import { type AddressBook, type GridIndex, routeAddress, routePoint } from './routing.js';
import type { Position } from './types.js';

/**
 * The resident request channel 民情直通车: disputes 矛盾纠纷, safety hazards 安全隐患 and service
 * requests 便民服务 reported by residents (or on their behalf), routed to a grid and handled through
 * a state machine with a deadline per type in working days and escalation grid → community →
 * street when the deadline passes. Every step, escalations included, is an event in the request's
 * audit trail; a request is an immutable value and each step returns a new one.
 *
 * Time: every step carries an {@link Instant} (ISO-8601 with an offset). Deadlines are dates: a
 * request reported on day D with a deadline of N working days is due at the end of the N-th
 * working day after D, in China Standard Time unless the context says otherwise.
 */

export const REQUEST_STATUSES = [
  'reported',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses in which the deadline runs and escalation happens. */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ['reported', 'assigned', 'in_progress'];

export const REQUEST_STATUS_LABELS: { readonly [S in RequestStatus]: LocalizedText } = {
  reported: { zh: '已上报', en: 'reported' },
  assigned: { zh: '已派单', en: 'assigned' },
  in_progress: { zh: '办理中', en: 'in progress' },
  resolved: { zh: '已办结', en: 'resolved' },
  closed: { zh: '已归档', en: 'closed' },
  rejected: { zh: '不予受理', en: 'rejected' },
  duplicate: { zh: '重复件', en: 'duplicate' },
};

/** Who acts on a request. Whether a given person holds the role is the gateway's question. */
export type RequestRole = 'resident' | 'grid_worker' | 'community' | 'street' | 'system';

export interface RequestActor {
  readonly id: string;
  readonly role: RequestRole;
}

export type RequestAction =
  | 'report'
  | 'assign'
  | 'start'
  | 'resolve'
  | 'reopen'
  | 'close'
  | 'reject'
  | 'mark_duplicate'
  | 'escalate';

/** The actions a command can take (`report` starts a request, `escalate` is the system's). */
export type RequestCommandAction = Exclude<RequestAction, 'report' | 'escalate'>;

/**
 * The state machine: for each action, the statuses it may start from, the status it leads to, and
 * the roles that may take it. A grid worker may start or resolve only a request assigned to them.
 */
export const REQUEST_TRANSITIONS: {
  readonly [A in RequestCommandAction]: {
    readonly from: readonly RequestStatus[];
    readonly to: RequestStatus;
    readonly roles: readonly RequestRole[];
  };
} = {
  assign: {
    from: ['reported', 'assigned', 'in_progress'],
    to: 'assigned',
    roles: ['grid_worker', 'community', 'street'],
  },
  start: { from: ['assigned'], to: 'in_progress', roles: ['grid_worker', 'community', 'street'] },
  resolve: { from: ['in_progress'], to: 'resolved', roles: ['grid_worker', 'community', 'street'] },
  reopen: { from: ['resolved'], to: 'in_progress', roles: ['resident', 'community', 'street'] },
  close: { from: ['resolved'], to: 'closed', roles: ['resident', 'community', 'street', 'system'] },
  reject: { from: ['reported', 'assigned'], to: 'rejected', roles: ['community', 'street'] },
  mark_duplicate: {
    from: ['reported', 'assigned'],
    to: 'duplicate',
    roles: ['grid_worker', 'community', 'street'],
  },
};

/** Who may report a request: residents, grid workers on their rounds, cadres, or a system feed. */
export const REPORT_ROLES: readonly RequestRole[] = [
  'resident',
  'grid_worker',
  'community',
  'street',
  'system',
];

/** Where the request is about: an address, a point, or a grid chosen by a dispatcher. */
export type RequestLocation =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'point'; readonly point: Position }
  | { readonly kind: 'grid'; readonly gridCode: string };

/** One step of the audit trail. */
export interface RequestEvent {
  /** 0 for the report, then 1, 2, … */
  readonly seq: number;
  readonly at: Instant;
  readonly action: RequestAction;
  readonly actor: RequestActor;
  readonly from: RequestStatus | null;
  readonly to: RequestStatus;
  /** The escalation level after this step. */
  readonly level: EscalationLevel;
  readonly assigneeId?: string;
  readonly duplicateOf?: string;
  readonly note?: string;
}

/** A resident request with its whole history. Plain data. */
export interface ResidentRequest {
  readonly id: string;
  readonly type: RequestType;
  readonly status: RequestStatus;
  /** Who is answerable now: the grid until the deadline passes, then community, then street. */
  readonly level: EscalationLevel;
  readonly gridCode: string;
  readonly communityCode: string;
  readonly streetCode: string;
  readonly location: RequestLocation;
  readonly summary: string;
  readonly reportedAt: Instant;
  /** The last day to resolve it: `deadlineWorkingDays` working days after the report. */
  readonly dueDate: LocalDate;
  /**
   * The due date was counted over a year the calendar did not list yet, by the weekend rule: it is
   * recomputed ({@link confirmDueDate}) once that year's holidays and make-up days are added.
   */
  readonly dueDateProvisional: boolean;
  readonly assigneeId: string | null;
  readonly resolvedAt: Instant | null;
  readonly closedAt: Instant | null;
  readonly duplicateOf: string | null;
  readonly events: readonly RequestEvent[];
}

/** What the request functions need besides the request. */
export interface RequestContext {
  readonly rules: Pick<GridRules, 'requests' | 'escalationLevels'>;
  readonly calendar: WorkingDayCalendar;
  readonly directory: GridDirectory;
  /** For routing by address. */
  readonly addresses?: AddressBook | undefined;
  /** For routing by coordinates. */
  readonly index?: GridIndex | undefined;
  /** Local time for deadlines; China Standard Time (480) unless given. */
  readonly utcOffsetMinutes?: number | undefined;
}

const NO_GRIDS: GridDirectory = unwrap(createGridDirectory({ communities: [], grids: [] }));

/**
 * The request context of a profile: its grid rules and working-day calendar, with the grid
 * directory to route against (none by default: enough for every step after the report).
 *
 * @example
 * requestSla(request, now, requestContextOf(referenceProfile))
 */
export function requestContextOf(
  profile: Pick<RuleProfile, 'grid' | 'calendar'>,
  directory: GridDirectory = NO_GRIDS,
): RequestContext {
  return { rules: profile.grid, calendar: workingCalendarOf(profile), directory };
}

export interface ReportRequestInput {
  readonly id: string;
  readonly type: RequestType;
  readonly at: string;
  readonly reporter: RequestActor;
  readonly location: RequestLocation;
  readonly summary?: string | undefined;
}

/** A step on an existing request. */
export type RequestCommand =
  | {
      readonly action: 'assign';
      readonly at: string;
      readonly actor: RequestActor;
      readonly assigneeId: string;
      readonly note?: string;
    }
  | { readonly action: 'start'; readonly at: string; readonly actor: RequestActor; readonly note?: string }
  | { readonly action: 'resolve'; readonly at: string; readonly actor: RequestActor; readonly note?: string }
  | { readonly action: 'reopen'; readonly at: string; readonly actor: RequestActor; readonly reason: string }
  | { readonly action: 'close'; readonly at: string; readonly actor: RequestActor; readonly note?: string }
  | { readonly action: 'reject'; readonly at: string; readonly actor: RequestActor; readonly reason: string }
  | {
      readonly action: 'mark_duplicate';
      readonly at: string;
      readonly actor: RequestActor;
      readonly duplicateOf: string;
      readonly note?: string;
    };

const ROLE_LABELS: { readonly [R in RequestRole]: LocalizedText } = {
  resident: { zh: '居民', en: 'resident' },
  grid_worker: { zh: '网格员', en: 'grid worker' },
  community: { zh: '社区', en: 'community' },
  street: { zh: '街道', en: 'street' },
  system: { zh: '系统', en: 'system' },
};

const ACTION_LABELS: { readonly [A in RequestAction]: LocalizedText } = {
  report: { zh: '上报', en: 'report' },
  assign: { zh: '派单', en: 'assign' },
  start: { zh: '开始办理', en: 'start' },
  resolve: { zh: '办结', en: 'resolve' },
  reopen: { zh: '退回重办', en: 'reopen' },
  close: { zh: '归档', en: 'close' },
  reject: { zh: '不予受理', en: 'reject' },
  mark_duplicate: { zh: '标记为重复件', en: 'mark as duplicate' },
  escalate: { zh: '升级', en: 'escalate' },
};

export const ESCALATION_LEVEL_LABELS: { readonly [L in EscalationLevel]: LocalizedText } = {
  grid: { zh: '网格', en: 'grid' },
  community: { zh: '社区', en: 'community' },
  street: { zh: '街道', en: 'street' },
};

const list = (items: readonly string[], labels: Readonly<Record<string, LocalizedText>>): LocalizedText => ({
  zh: items.map((i) => labels[i]?.zh ?? i).join('、'),
  en: items.map((i) => labels[i]?.en ?? i).join(', '),
});

function roleIssue(
  action: RequestAction,
  role: RequestRole,
  allowed: readonly RequestRole[],
): Issue<RequestIssueCode> {
  const who = list(allowed, ROLE_LABELS);
  return issue(
    'REQUEST_ROLE_NOT_ALLOWED',
    {
      zh: `${ROLE_LABELS[role]?.zh ?? shown(role)}无权执行“${ACTION_LABELS[action].zh}”，可执行的角色：${who.zh}`,
      en: `a ${ROLE_LABELS[role]?.en ?? shown(role)} may not ${ACTION_LABELS[action].en} a request; allowed: ${who.en}`,
    },
    ['actor', 'role'],
    { action, role, allowed },
  );
}

/**
 * Reports a resident request: validates it, routes it to a grid (by address through the address
 * book, by point through the spatial index, or to a named grid) and sets its due date from the
 * profile's deadline for its type, counted in working days on the calendar.
 *
 * @example
 * const request = reportRequest(
 *   {
 *     id: 'R2026-000123',
 *     type: 'safety_hazard',
 *     at: '2026-02-13T10:00:00+08:00',
 *     reporter: { id: 'resident-88', role: 'resident' },
 *     location: { kind: 'point', point: [112.7031, 32.0052] },
 *     summary: '楼道堆放杂物',
 *   },
 *   context,
 * );
 * // ok: routed to the grid containing the point, due 2026-02-24
 * // (2 working days: Saturday 02-14 is a make-up working day, then the Spring Festival break)
 */
export function reportRequest(
  input: ReportRequestInput,
  context: RequestContext,
): Result<ResidentRequest, RequestIssueCode> {
  const issues: Issue<RequestIssueCode>[] = [];
  if (typeof input.id !== 'string' || input.id.trim() === '') {
    issues.push(issue('REQUEST_EMPTY_ID', { zh: '诉求编号为空', en: 'the request id is empty' }, ['id']));
  }
  if (!REQUEST_TYPES.includes(input.type)) {
    const names = context.rules.requests;
    const types = {
      zh: REQUEST_TYPES.map((t) => `${t}（${names[t].name.zh}）`).join('、'),
      en: REQUEST_TYPES.join(', '),
    };
    issues.push(
      issue(
        'REQUEST_UNKNOWN_TYPE',
        {
          zh: `诉求类型“${shown(input.type)}”无效，可选：${types.zh}`,
          en: `request type "${shown(input.type)}" is unknown; expected one of ${types.en}`,
        },
        ['type'],
        { type: input.type },
      ),
    );
  }
  const at = parseInstant(input.at, ['at']);
  if (!at.ok) issues.push(...at.issues);
  if (!REPORT_ROLES.includes(input.reporter.role))
    issues.push(roleIssue('report', input.reporter.role, REPORT_ROLES));
  const routed = routeLocation(input.location, context);
  if (!routed.ok) issues.push(...routed.issues);
  if (issues.length > 0 || !at.ok || !routed.ok) return fail(issues);

  const due = deadlineOf(input.type, at.value, context);
  if (!due.ok) return due;
  const level = context.rules.escalationLevels[0] ?? 'grid';
  const placement = routed.value;
  return ok({
    id: input.id,
    type: input.type,
    status: 'reported',
    level,
    gridCode: placement.gridCode,
    communityCode: placement.communityCode,
    streetCode: placement.streetCode,
    location: input.location,
    summary: input.summary ?? '',
    reportedAt: at.value,
    dueDate: due.value.dueDate,
    dueDateProvisional: due.value.provisional,
    assigneeId: null,
    resolvedAt: null,
    closedAt: null,
    duplicateOf: null,
    events: [
      {
        seq: 0,
        at: at.value,
        action: 'report',
        actor: input.reporter,
        from: null,
        to: 'reported',
        level,
      },
    ],
  });
}

/**
 * The calendar the request channel counts on. A resident is never refused because a year's
 * schedule is not published yet: an uncovered day counts by the weekend rule, and the deadline is
 * marked provisional instead.
 */
function countingCalendar(context: RequestContext): WorkingDayCalendar {
  return lenientCalendar(context.calendar);
}

function deadlineOf(
  type: RequestType,
  reportedAt: Instant,
  context: RequestContext,
): Result<{ dueDate: LocalDate; provisional: boolean }, RequestIssueCode> {
  const reported = localDateOf(reportedAt, context.utcOffsetMinutes);
  const due = addWorkingDays(
    countingCalendar(context),
    reported,
    context.rules.requests[type].deadlineWorkingDays,
  );
  if (!due.ok) return due;
  const counted = due.value > reported ? addCalendarDays(reported, 1) : reported;
  const provisional =
    due.value > reported && uncoveredYearsBetween(context.calendar, counted, due.value).length > 0;
  return ok({ dueDate: due.value, provisional });
}

/**
 * Counts a provisional due date again on the context's calendar: once the missing year has been
 * added (a new profile version), the request gets its real due date and loses the mark. A due date
 * that is not provisional, or still is, is left alone; the same request comes back when nothing
 * changed. The deadline is the context's for the request's type, so rules changed since the report
 * apply to the recount. {@link escalateRequest} (and so every step and the escalation sweep) calls
 * it first.
 *
 * @example
 * // Reported 2026-12-28 with 2027 missing: due 2027-01-04, provisional. After 2027 is added
 * // (1 January off, 4 January a make-up day, say), the recount gives the real date.
 * confirmDueDate(request, contextWith2027) // ok: { ...request, dueDate: '2027-01-05', dueDateProvisional: false }
 */
export function confirmDueDate(
  request: ResidentRequest,
  context: RequestContext,
): Result<ResidentRequest, RequestIssueCode> {
  if (!request.dueDateProvisional) return ok(request);
  const due = deadlineOf(request.type, request.reportedAt, context);
  if (!due.ok) return due;
  if (due.value.provisional && due.value.dueDate === request.dueDate) return ok(request);
  return ok({ ...request, dueDate: due.value.dueDate, dueDateProvisional: due.value.provisional });
}

function routeLocation(
  location: RequestLocation,
  context: RequestContext,
): Result<{ gridCode: string; communityCode: string; streetCode: string }, RequestIssueCode> {
  let gridCode: string;
  switch (location.kind) {
    case 'grid':
      gridCode = location.gridCode;
      break;
    case 'address': {
      if (context.addresses === undefined) return fail([noRouter('address')]);
      const route = routeAddress(context.addresses, location.address);
      if (route.status === 'unknown_address') {
        return fail([
          issue(
            'REQUEST_UNKNOWN_ADDRESS',
            {
              zh: `地址“${shown(location.address)}”不在任何网格的地址库中，请核对地址或人工指定网格`,
              en: `address "${shown(location.address)}" is in no grid's address book; check it or name the grid`,
            },
            ['location', 'address'],
            { address: route.address },
          ),
        ]);
      }
      gridCode = route.gridCode;
      break;
    }
    case 'point': {
      if (context.index === undefined) return fail([noRouter('point')]);
      const route = routePoint(context.index, location.point);
      if (route.status === 'outside') {
        return fail([
          issue(
            'REQUEST_OUTSIDE_GRIDS',
            {
              zh: `坐标 ${shown(location.point)} 不在任何网格内（最近的网格是“${route.nearestGridCode}”），请人工指定网格`,
              en: `point ${shown(location.point)} lies outside every grid (nearest: "${route.nearestGridCode}"); name the grid by hand`,
            },
            ['location', 'point'],
            { point: location.point, nearestGridCode: route.nearestGridCode },
          ),
        ]);
      }
      gridCode = route.gridCode;
      break;
    }
    default:
      return unreachable(location, 'request location');
  }
  const placement = context.directory.placement.get(gridCode);
  if (placement === undefined) {
    return fail([
      issue(
        'REQUEST_UNKNOWN_GRID',
        { zh: `网格“${shown(gridCode)}”不存在`, en: `grid "${shown(gridCode)}" does not exist` },
        ['location'],
        { gridCode },
      ),
    ]);
  }
  return ok(placement);
}

function noRouter(kind: 'address' | 'point'): Issue<RequestIssueCode> {
  return issue(
    'REQUEST_NO_ROUTER',
    kind === 'address'
      ? {
          zh: '按地址分派需要地址库（createAddressBook）',
          en: 'routing by address needs an address book (createAddressBook)',
        }
      : {
          zh: '按坐标分派需要网格空间索引（createGridIndex）',
          en: 'routing by point needs a grid index (createGridIndex)',
        },
    ['location'],
    { kind },
  );
}

const SYSTEM: RequestActor = { id: 'system', role: 'system' };

/**
 * The escalation levels a request has reached by `today`, with the day each was reached. The
 * deadline passes at the end of the due date; the first working day after it the request climbs
 * one level, then one more every `escalateEveryWorkingDays` working days, up to the profile's top.
 * Days in a year the calendar does not list count by the weekend rule.
 */
function reachedLevels(
  request: ResidentRequest,
  today: LocalDate,
  context: RequestContext,
): Result<{ overdue: number; reached: { level: EscalationLevel; on: LocalDate }[] }, RequestIssueCode> {
  if (today <= request.dueDate) return ok({ overdue: 0, reached: [] });
  const calendar = countingCalendar(context);
  const overdue = workingDaysBetween(calendar, request.dueDate, today);
  if (!overdue.ok) return overdue;
  const levels = context.rules.escalationLevels;
  const every = context.rules.requests[request.type].escalateEveryWorkingDays;
  const reached: { level: EscalationLevel; on: LocalDate }[] = [];
  for (let k = 1; k < levels.length; k++) {
    const after = 1 + (k - 1) * every;
    if (overdue.value < after) break;
    const on = addWorkingDays(calendar, request.dueDate, after);
    if (!on.ok) return on;
    reached.push({ level: levels[k]!, on: on.value });
  }
  return ok({ overdue: overdue.value, reached });
}

/**
 * Records the escalations a request has due by `now`: while it is open, each level it climbs
 * (grid → community → street) is an `escalate` event by the system, at the start of the day it was
 * reached (or at the last event, if that was later). Idempotent: calling it again adds nothing.
 * {@link transitionRequest} calls it first, so the trail stays in time order.
 *
 * @example
 * const now = escalateRequest(request, '2026-03-12T09:00:00+08:00', context);
 * // ok: a dispute due 2026-03-09 escalated to the community on 03-10 and to the street on 03-12
 */
export function escalateRequest(
  given: ResidentRequest,
  now: string,
  context: RequestContext,
): Result<ResidentRequest, RequestIssueCode> {
  const at = parseInstant(now, ['now']);
  if (!at.ok) return at;
  const confirmed = confirmDueDate(given, context);
  if (!confirmed.ok) return confirmed;
  const request = confirmed.value;
  if (!OPEN_REQUEST_STATUSES.includes(request.status)) return ok(request);
  const offset = context.utcOffsetMinutes;
  const levels = context.rules.escalationLevels;
  const reached = reachedLevels(request, localDateOf(at.value, offset), context);
  if (!reached.ok) return reached;
  const current = levels.indexOf(request.level);
  const events = [...request.events];
  let level = request.level;
  for (const step of reached.value.reached) {
    if (levels.indexOf(step.level) <= current) continue;
    const last = events[events.length - 1]!;
    const start = startOfLocalDate(step.on, offset);
    const when = epochMillis(start) >= epochMillis(last.at) ? start : last.at;
    level = step.level;
    events.push({
      seq: events.length,
      at: when,
      action: 'escalate',
      actor: SYSTEM,
      from: request.status,
      to: request.status,
      level,
      note: `due ${request.dueDate}; escalated to ${ESCALATION_LEVEL_LABELS[level].en} (${ESCALATION_LEVEL_LABELS[level].zh})`,
    });
  }
  if (events.length === request.events.length) return ok(request);
  return ok({ ...request, level, events });
}

/** The deadline position of a request at a moment. */
export interface RequestSla {
  readonly dueDate: LocalDate;
  /** Open and past the end of the due date. */
  readonly overdue: boolean;
  /** Working days since the due date (0 when not overdue or not open). */
  readonly overdueWorkingDays: number;
  /** The level the request should be at now (its recorded level may lag until escalated). */
  readonly level: EscalationLevel;
  /** The day it climbs to the next level if still open, or null when it cannot climb further. */
  readonly nextEscalationOn: LocalDate | null;
  /**
   * Some of these figures lean on a year the calendar does not list yet (counted by the weekend
   * rule): the due date itself, the working days overdue, or the next escalation day.
   */
  readonly provisional: boolean;
}

/**
 * Where a request stands against its deadline at `now`.
 *
 * @example
 * requestSla(request, '2026-03-10T09:00:00+08:00', context)
 * // ok: { dueDate: '2026-03-09', overdue: true, overdueWorkingDays: 1, level: 'community', nextEscalationOn: '2026-03-12' }
 */
export function requestSla(
  given: ResidentRequest,
  now: string,
  context: RequestContext,
): Result<RequestSla, RequestIssueCode> {
  const at = parseInstant(now, ['now']);
  if (!at.ok) return at;
  const confirmed = confirmDueDate(given, context);
  if (!confirmed.ok) return confirmed;
  const request = confirmed.value;
  const levels = context.rules.escalationLevels;
  if (!OPEN_REQUEST_STATUSES.includes(request.status)) {
    return ok({
      dueDate: request.dueDate,
      overdue: false,
      overdueWorkingDays: 0,
      level: request.level,
      nextEscalationOn: null,
      provisional: request.dueDateProvisional,
    });
  }
  const today = localDateOf(at.value, context.utcOffsetMinutes);
  const reached = reachedLevels(request, today, context);
  if (!reached.ok) return reached;
  const last = reached.value.reached[reached.value.reached.length - 1];
  const levelIndex = Math.max(
    levels.indexOf(request.level),
    last === undefined ? 0 : levels.indexOf(last.level),
  );
  let nextEscalationOn: LocalDate | null = null;
  if (levelIndex + 1 < levels.length) {
    const every = context.rules.requests[request.type].escalateEveryWorkingDays;
    const next = addWorkingDays(countingCalendar(context), request.dueDate, 1 + levelIndex * every);
    if (!next.ok) return next;
    nextEscalationOn = next.value;
  }
  // The last day these figures count to: today, or the next escalation day if later.
  const horizon = [today, nextEscalationOn ?? request.dueDate].sort().at(-1)!;
  const provisional =
    request.dueDateProvisional ||
    (horizon > request.dueDate &&
      uncoveredYearsBetween(context.calendar, request.dueDate, horizon).length > 0);
  return ok({
    dueDate: request.dueDate,
    overdue: today > request.dueDate,
    overdueWorkingDays: reached.value.overdue,
    level: levels[levelIndex]!,
    nextEscalationOn,
    provisional,
  });
}

/**
 * Moves a request on by one step of the state machine ({@link REQUEST_TRANSITIONS}), after
 * recording any escalation due by the step's time. Refuses a step that the status does not allow,
 * a role that may not take it, a grid worker acting on a request not assigned to them, a time
 * before the last event, and a missing assignee, reason or original request.
 *
 * @example
 * const assigned = transitionRequest(
 *   request,
 *   { action: 'assign', at: '2026-03-02T10:00:00+08:00', actor: { id: 'C01', role: 'community' }, assigneeId: 'W007' },
 *   context,
 * );
 * // ok: status 'assigned', assigneeId 'W007', one more event in the trail
 */
export function transitionRequest(
  request: ResidentRequest,
  command: RequestCommand,
  context: RequestContext,
): Result<ResidentRequest, RequestIssueCode> {
  const at = parseInstant(command.at, ['at']);
  if (!at.ok) return at;
  const last = request.events[request.events.length - 1]!;
  if (epochMillis(at.value) < epochMillis(last.at)) {
    return fail([
      issue(
        'REQUEST_TIME_BEFORE_LAST_EVENT',
        {
          zh: `时间 ${at.value} 早于诉求的上一步（${last.at}），处理记录只能按时间顺序追加`,
          en: `time ${at.value} is before the request's last step (${last.at}); the trail only grows forward in time`,
        },
        ['at'],
        { at: at.value, lastAt: last.at },
      ),
    ]);
  }
  const escalated = escalateRequest(request, at.value, context);
  if (!escalated.ok) return escalated;
  const current = escalated.value;
  const rule = REQUEST_TRANSITIONS[command.action];
  const issues: Issue<RequestIssueCode>[] = [];
  if (!rule.from.includes(current.status)) {
    const from = list(rule.from, REQUEST_STATUS_LABELS);
    issues.push(
      issue(
        'REQUEST_INVALID_TRANSITION',
        {
          zh: `诉求当前为“${REQUEST_STATUS_LABELS[current.status].zh}”，不能“${ACTION_LABELS[command.action].zh}”（仅限：${from.zh}）`,
          en: `cannot ${ACTION_LABELS[command.action].en} a request that is ${REQUEST_STATUS_LABELS[current.status].en} (only when ${from.en})`,
        },
        ['action'],
        { action: command.action, status: current.status, allowedFrom: rule.from },
      ),
    );
  }
  if (!rule.roles.includes(command.actor.role))
    issues.push(roleIssue(command.action, command.actor.role, rule.roles));
  if (
    command.actor.role === 'grid_worker' &&
    (command.action === 'start' || command.action === 'resolve') &&
    current.assigneeId !== command.actor.id
  ) {
    issues.push(
      issue(
        'REQUEST_NOT_ASSIGNEE',
        {
          zh: `诉求派给了“${current.assigneeId ?? '无人'}”，网格员“${shown(command.actor.id)}”不能办理`,
          en: `the request is assigned to "${current.assigneeId ?? 'nobody'}", not to grid worker "${shown(command.actor.id)}"`,
        },
        ['actor', 'id'],
        { assigneeId: current.assigneeId, actorId: command.actor.id },
      ),
    );
  }
  const extra: { assigneeId?: string; duplicateOf?: string; note?: string } = {};
  switch (command.action) {
    case 'assign':
      if (typeof command.assigneeId !== 'string' || command.assigneeId.trim() === '') {
        issues.push(
          issue(
            'REQUEST_MISSING_ASSIGNEE',
            { zh: '派单须指定承办人', en: 'an assignment needs an assignee' },
            ['assigneeId'],
          ),
        );
      }
      extra.assigneeId = command.assigneeId;
      if (command.note !== undefined) extra.note = command.note;
      break;
    case 'reject':
    case 'reopen':
      if (typeof command.reason !== 'string' || command.reason.trim() === '') {
        issues.push(
          issue(
            'REQUEST_MISSING_REASON',
            {
              zh: `“${ACTION_LABELS[command.action].zh}”须说明理由`,
              en: `to ${ACTION_LABELS[command.action].en} a request, give a reason`,
            },
            ['reason'],
            { action: command.action },
          ),
        );
      }
      extra.note = command.reason;
      break;
    case 'mark_duplicate':
      if (
        typeof command.duplicateOf !== 'string' ||
        command.duplicateOf.trim() === '' ||
        command.duplicateOf === current.id
      ) {
        issues.push(
          issue(
            'REQUEST_INVALID_DUPLICATE',
            {
              zh: `重复件须指向另一件诉求（现为“${shown(command.duplicateOf)}”）`,
              en: `a duplicate must name another request (got "${shown(command.duplicateOf)}")`,
            },
            ['duplicateOf'],
            { duplicateOf: command.duplicateOf },
          ),
        );
      }
      extra.duplicateOf = command.duplicateOf;
      if (command.note !== undefined) extra.note = command.note;
      break;
    case 'start':
    case 'resolve':
    case 'close':
      if (command.note !== undefined) extra.note = command.note;
      break;
    default:
      return unreachable(command, 'request command');
  }
  if (issues.length > 0) return fail(issues);

  const to = rule.to;
  const event: RequestEvent = {
    seq: current.events.length,
    at: at.value,
    action: command.action,
    actor: command.actor,
    from: current.status,
    to,
    level: current.level,
    ...extra,
  };
  return ok({
    ...current,
    status: to,
    assigneeId: extra.assigneeId ?? current.assigneeId,
    resolvedAt:
      command.action === 'resolve' ? at.value : command.action === 'reopen' ? null : current.resolvedAt,
    closedAt: command.action === 'close' ? at.value : current.closedAt,
    duplicateOf: extra.duplicateOf ?? current.duplicateOf,
    events: [...current.events, event],
  });
}
