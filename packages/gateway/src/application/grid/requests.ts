import { randomBytes } from 'node:crypto';
import {
  escalateRequest,
  type Instant,
  type LocalDate,
  type RequestActor,
  type RequestCommand,
  type RequestStatus,
  type RequestType,
  type RuleProfile,
  reportRequest,
  requestContextOf,
  transitionRequest,
} from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  type DecidedRequest,
  type EscalationSweep,
  GridRepository,
  type RequestFilter,
  ResidentRequestRepository,
  type StatisticsScope,
  type StoredRequest,
  type StoredRequestWithTrail,
} from '@jiceng/persistence';
import { authorise, requireAction } from '../../auth/authorise.js';
import { badInput, persist } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import {
  actorOf,
  canSeeRequest,
  DEFAULT_PROFILE,
  gridResource,
  gridRulesOf,
  nowInstant,
  REPORT_TEXT,
  requestText,
  scopeOf,
  today,
} from './access.js';
import { noteOf, type ReportFields, reportedPeriodOf, reportInputOf } from './inputs.js';
import { requestPoints } from './request-points.js';

/**
 * The use cases of the resident request channel 民情直通车: report, each step of the state machine,
 * the escalation sweep, and the reads they rest on. Each checks its command, reads the request,
 * asks the policy, runs the domain's step (`reportRequest`, `transitionRequest`, `escalateRequest`)
 * and hands the repository the result with the version it was decided on; the repository writes
 * it only if the request is still at that version (else CONFLICT). GraphQL, Open311 and the CLI
 * call these with a context of their own.
 */

/** A resident request to report. */
export interface ReportRequestCommand extends ReportFields {
  readonly type: RequestType;
  /** The county rule profile whose deadlines apply (default `reference`). */
  readonly profileId?: string | null | undefined;
  /**
   * `open311`: a resident reports through the app that holds the caller's key, and is recorded as
   * that app's resident; otherwise staff report in their own request role.
   */
  readonly channel?: 'staff' | 'open311' | undefined;
}

/**
 * Reports a request: routed to its grid by address, point or a named grid, due by the profile's
 * deadline, and refused as if there were no grid there when it lands outside the caller's scope. A
 * client's own `id` is its idempotency key: a taken one is CONFLICT.
 *
 * @example
 * await reportResidentRequest(ctx, { type: 'dispute', location: { address: '汉江路3号' } });
 */
export async function reportResidentRequest(
  ctx: UseCaseContext,
  command: ReportRequestCommand,
): Promise<StoredRequestWithTrail> {
  const reporter = reporterOf(ctx, command.channel ?? 'staff');
  const checked = reportInputOf(command);
  const profileId = command.profileId ?? DEFAULT_PROFILE;
  const rules = gridRulesOf(ctx, profileId);
  const id = checked.id ?? `R${today(ctx).replaceAll('-', '')}-${randomBytes(5).toString('hex')}`;
  const requests = new ResidentRequestRepository(ctx.em);
  return persist(async () => {
    const routing = await requests.routing(checked.location);
    const reported = reportRequest(
      {
        id,
        type: command.type,
        at: nowInstant(ctx),
        reporter,
        location: checked.location,
        ...(checked.summary === undefined ? {} : { summary: checked.summary }),
      },
      { ...requestContextOf(rules), ...routing },
    );
    if (!reported.ok) throw badInput(reported.issues);
    authorise(ctx, 'request.report', gridResource(reported.value), REPORT_TEXT);
    return requests.add(reported.value, { profileId, contact: checked.contact, mediaUrl: checked.mediaUrl });
  });
}

/** Who a report is recorded as: FORBIDDEN, before anything is read, for a role that may not report. */
function reporterOf(ctx: UseCaseContext, channel: 'staff' | 'open311'): RequestActor {
  if (channel === 'staff') return actorOf(ctx, 'request.report');
  requireAction(ctx, 'request.report');
  return { id: `open311:${ctx.principal.subject}`, role: 'resident' };
}

/** What every step names: the request, and optionally the version the caller read. */
export interface RequestStepCommand {
  readonly id: string;
  /** The version the caller read: a later one is CONFLICT. */
  readonly expectedVersion?: number | null | undefined;
}

/** A step with an optional note. */
export interface NotedStepCommand extends RequestStepCommand {
  readonly note?: string | null | undefined;
}

/** A step that needs a reason. */
export interface ReasonedStepCommand extends RequestStepCommand {
  readonly reason: string;
}

/** Assigns (or reassigns) a request to a grid worker of its community. */
export function assignResidentRequest(
  ctx: UseCaseContext,
  command: NotedStepCommand & { readonly assigneeId: string },
): Promise<StoredRequestWithTrail> {
  const note = noteOf(command.note, 'note');
  return step(ctx, command, async (stored, actor, at) => {
    const [worker] = await new GridRepository(ctx.em).workersByIds([command.assigneeId]);
    if (
      worker === undefined ||
      worker.retiredOn !== undefined ||
      worker.homeCommunityCode !== stored.request.communityCode
    ) {
      throw badInput([
        {
          code: 'REQUEST_UNKNOWN_ASSIGNEE',
          path: ['assigneeId'],
          message: {
            zh: `承办人“${command.assigneeId}”不是诉求所在社区的网格员`,
            en: `assignee "${command.assigneeId}" is not a grid worker of the request's community`,
          },
        },
      ]);
    }
    return { action: 'assign', at, actor, assigneeId: command.assigneeId, ...noted(note) };
  });
}

/** Starts work on an assigned request. */
export function startResidentRequest(
  ctx: UseCaseContext,
  command: NotedStepCommand,
): Promise<StoredRequestWithTrail> {
  const note = noteOf(command.note, 'note');
  return step(ctx, command, async (_s, actor, at) => ({ action: 'start', at, actor, ...noted(note) }));
}

/** Resolves a request in progress. */
export function resolveResidentRequest(
  ctx: UseCaseContext,
  command: NotedStepCommand,
): Promise<StoredRequestWithTrail> {
  const note = noteOf(command.note, 'note');
  return step(ctx, command, async (_s, actor, at) => ({ action: 'resolve', at, actor, ...noted(note) }));
}

/** Sends a resolved request back to work, with a reason. */
export function reopenResidentRequest(
  ctx: UseCaseContext,
  command: ReasonedStepCommand,
): Promise<StoredRequestWithTrail> {
  const reason = noteOf(command.reason, 'reason') ?? '';
  return step(ctx, command, async (_s, actor, at) => ({ action: 'reopen', at, actor, reason }));
}

/** Closes (archives) a resolved request. */
export function closeResidentRequest(
  ctx: UseCaseContext,
  command: NotedStepCommand,
): Promise<StoredRequestWithTrail> {
  const note = noteOf(command.note, 'note');
  return step(ctx, command, async (_s, actor, at) => ({ action: 'close', at, actor, ...noted(note) }));
}

/** Turns a request away, with a reason (community and street). */
export function rejectResidentRequest(
  ctx: UseCaseContext,
  command: ReasonedStepCommand,
): Promise<StoredRequestWithTrail> {
  const reason = noteOf(command.reason, 'reason') ?? '';
  return step(ctx, command, async (_s, actor, at) => ({ action: 'reject', at, actor, reason }));
}

/** Marks a request as a duplicate of another within the caller's scope. */
export function markResidentRequestDuplicate(
  ctx: UseCaseContext,
  command: NotedStepCommand & { readonly duplicateOf: string },
): Promise<StoredRequestWithTrail> {
  const note = noteOf(command.note, 'note');
  const { id, duplicateOf } = command;
  return step(ctx, command, async (_s, actor, at) => {
    const [original] = await new ResidentRequestRepository(ctx.em).loadMany([duplicateOf]);
    if (duplicateOf !== id && (original === undefined || !canSeeRequest(ctx, original))) {
      throw badInput([
        {
          code: 'REQUEST_UNKNOWN_DUPLICATE',
          path: ['duplicateOf'],
          message: {
            zh: `原诉求“${duplicateOf}”不存在或不在您的管辖范围内`,
            en: `original request "${duplicateOf}" does not exist or is outside your scope`,
          },
        },
      ]);
    }
    return { action: 'mark_duplicate', at, actor, duplicateOf, ...noted(note) };
  });
}

function noted(note: string | undefined): { note?: string } {
  return note === undefined ? {} : { note };
}

/**
 * One step on a request: the caller's request role (FORBIDDEN before anything is read), the
 * request as stored (NOT_FOUND alike when missing or out of scope), the command built on it, the
 * version the caller read (CONFLICT if it moved), the domain's step, and the write at the version
 * the step was decided on.
 */
async function step(
  ctx: UseCaseContext,
  command: RequestStepCommand,
  build: (stored: StoredRequest, actor: RequestActor, at: Instant) => Promise<RequestCommand>,
): Promise<StoredRequestWithTrail> {
  const actor = actorOf(ctx, 'request.act');
  const { id, expectedVersion } = command;
  const requests = new ResidentRequestRepository(ctx.em);
  const stored = await persist(() => requests.get(id));
  authorise(ctx, 'request.act', stored && gridResource(stored.request), requestText(id));
  const current = stored!;
  const next = await build(current, actor, nowInstant(ctx));
  return persist(async () => {
    if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new ConcurrentUpdateError(`resident request "${id}" is at version ${current.version}`);
    }
    const rules = gridRulesOf(ctx, current.profileId);
    const result = transitionRequest(current.full, next, requestContextOf(rules));
    if (!result.ok) throw badInput(result.issues);
    // Resolving and reopening change the fact behind a member's points (自动记分).
    const points =
      next.action === 'resolve' || next.action === 'reopen'
        ? await requestPoints(ctx, result.value, current.profileId)
        : undefined;
    return requests.save(result.value, { decidedOn: current, ...(points === undefined ? {} : { points }) });
  });
}

/** A sweep of one scope. */
export interface EscalateOverdueCommand {
  /** An administrative node within the caller's scope (default: the caller's scope). */
  readonly scope?: string | null | undefined;
}

/**
 * Escalates every open request past its due day under a node (street administrators and above)
 * to the level its deadline says, and recounts provisional due dates. Idempotent.
 */
export async function escalateOverdueRequests(
  ctx: UseCaseContext,
  command: EscalateOverdueCommand = {},
): Promise<EscalationSweep> {
  const where = scopeOf(ctx, 'request.escalate', command.scope ?? ctx.principal.scope);
  const empty = !where.streetCodes?.length && !where.communityCodes?.length && !where.gridCodes?.length;
  if (empty) return { examined: 0, escalated: [], recounted: [], skipped: [] };
  return sweepOverdueRequests(ctx, where);
}

/**
 * The SLA clock's sweep, on the rules in force today: each open request past its due date (within
 * `scope`, else the whole county) climbs to the level `escalateRequest` says, and each provisional
 * due date is recounted on the current calendar (`confirmDueDate`, inside `escalateRequest`). Each
 * request is written only at the version it was decided on; one someone changed meanwhile is
 * skipped, not overwritten (their step escalates it first anyway). No caller is asked: the server's
 * own timer and the calendar import run it for the county; {@link escalateOverdueRequests} runs it
 * for a caller's scope once the policy allows.
 */
export async function sweepOverdueRequests(
  ctx: Pick<UseCaseContext, 'em' | 'services' | 'now'>,
  scope?: StatisticsScope,
): Promise<EscalationSweep> {
  const now = nowInstant(ctx);
  const requests = new ResidentRequestRepository(ctx.em);
  const profiles = new Map<string, RuleProfile>();
  const rulesOf = (profileId: string): RuleProfile => {
    const cached = profiles.get(profileId);
    if (cached !== undefined) return cached;
    const rules = gridRulesOf(ctx, profileId);
    profiles.set(profileId, rules);
    return rules;
  };
  return persist(async () => {
    const candidates = await requests.sweepCandidates(today(ctx), scope);
    const changes: DecidedRequest[] = [];
    for (const stored of candidates) {
      const next = escalateRequest(stored.full, now, requestContextOf(rulesOf(stored.profileId)));
      if (!next.ok) throw badInput(next.issues);
      if (next.value !== stored.full) changes.push({ next: next.value, decidedOn: stored });
    }
    const { saved, skipped } = await requests.saveAll(changes);
    const written = new Set(saved);
    const done = changes.filter((c) => written.has(c.next.id));
    return {
      examined: candidates.length,
      escalated: done.filter((c) => c.next.events.length > c.decidedOn.eventCount).map((c) => c.next.id),
      recounted: done
        .filter(
          (c) =>
            c.next.dueDate !== c.decidedOn.request.dueDate ||
            c.next.dueDateProvisional !== c.decidedOn.request.dueDateProvisional,
        )
        .map((c) => c.next.id),
      skipped,
    };
  });
}

/**
 * A request the caller may take the action on: FORBIDDEN for a role that may not before it is
 * read, then NOT_FOUND alike for a missing request and one outside the scope.
 */
export async function findResidentRequest(
  ctx: UseCaseContext,
  id: string,
  action: 'request.read' | 'request.act' = 'request.read',
): Promise<StoredRequest> {
  requireAction(ctx, action);
  const [stored] = await persist(() => new ResidentRequestRepository(ctx.em).loadMany([id]));
  authorise(ctx, action, stored && gridResource(stored.request), requestText(id));
  return stored!;
}

/** The requests of some ids the caller may read, in the order asked; the others are left out. */
export async function residentRequestsByIds(
  ctx: UseCaseContext,
  ids: readonly string[],
): Promise<StoredRequest[]> {
  requireAction(ctx, 'request.read');
  const found = await persist(() => new ResidentRequestRepository(ctx.em).loadMany(ids));
  return found.filter((s) => canSeeRequest(ctx, s));
}

/** Which requests to list, and the page. */
export interface ListRequestsCommand {
  /** A node within the caller's scope (default: the caller's scope). */
  readonly scope?: string | null | undefined;
  readonly types?: readonly RequestType[] | null | undefined;
  readonly statuses?: readonly RequestStatus[] | null | undefined;
  /** Only open requests past their due day (today, China Standard Time). */
  readonly overdue?: boolean | null | undefined;
  /** Only requests reported at or after this instant (ISO-8601 with an offset). */
  readonly reportedFrom?: string | null | undefined;
  /** Only requests reported at or before this instant; not before `reportedFrom`. */
  readonly reportedTo?: string | null | undefined;
  /** The names a refusal of the period gives its bounds (the door's own parameter names). */
  readonly periodNames?: readonly [string, string] | undefined;
  readonly offset: number;
  readonly limit: number;
}

/**
 * A page of the requests under a node the caller may read, newest report first, and how many
 * match: NOT_FOUND for a node outside the caller's scope.
 */
export async function listResidentRequests(
  ctx: UseCaseContext,
  command: ListRequestsCommand,
): Promise<{ readonly items: readonly StoredRequest[]; readonly totalCount: number }> {
  const period = reportedPeriodOf(command.reportedFrom, command.reportedTo, command.periodNames);
  const where = scopeOf(ctx, 'request.read', command.scope ?? ctx.principal.scope);
  const query: RequestFilter = {
    ...where,
    ...(period.from === undefined ? {} : { reportedFrom: period.from }),
    ...(period.to === undefined ? {} : { reportedTo: period.to }),
    ...(command.types?.length ? { types: command.types } : {}),
    ...(command.statuses?.length ? { statuses: command.statuses } : {}),
    ...(command.overdue ? { overdueOn: today(ctx) as LocalDate } : {}),
  };
  const { items, totalCount } = await persist(() =>
    new ResidentRequestRepository(ctx.em).list(query, { offset: command.offset, limit: command.limit }),
  );
  return { items: items.filter((s) => canSeeRequest(ctx, s)), totalCount };
}
