import {
  escalateRequest,
  type Instant,
  type LocalDate,
  localDateOf,
  OPEN_REQUEST_STATUSES,
  type ReportRequestInput,
  type RequestCommand,
  type RequestContext,
  type RequestEvent,
  type RequestStatus,
  type RequestType,
  type ResidentRequest,
  type Result,
  type RuleProfile,
  reportRequest,
  requestContextOf,
  transitionRequest,
  validateMobile,
} from '@jiceng/domain';
import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError, InvalidInputError } from '../errors.js';
import { type PersonalDataCodec, personalDataOf } from '../secrets/sealing.js';
import { BATCH, chunks } from '../sql.js';
import {
  eventRows,
  type RequestContact,
  type RequestSummary,
  requestRow,
  requestState,
  type StoredRequest,
  type StoredRequestWithTrail,
  toEvent,
  toStoredRequest,
  withTrail,
} from './mapping.js';
import { routeLocation } from './routing.js';
import { GridRequestEventSchema, type GridRequestRow, GridRequestSchema } from './schemas.js';

/** The parts of a rule profile the request channel reads: grid rules and the working-day calendar. */
export type RequestRules = Pick<RuleProfile, 'grid' | 'calendar'>;

/** The rules a request follows, by the profile id stored with it. */
export type RulesOf = (profileId: string) => RequestRules;

/** `expectedVersion`: the version you read; a stale one raises {@link ConcurrentUpdateError}. */
export interface RequestWriteOptions {
  readonly expectedVersion?: number | undefined;
}

/** Which requests to list. The scope is the union of the codes given; with none, nothing matches. */
export interface RequestFilter {
  readonly streetCodes?: readonly string[] | undefined;
  readonly communityCodes?: readonly string[] | undefined;
  readonly gridCodes?: readonly string[] | undefined;
  readonly types?: readonly RequestType[] | undefined;
  readonly statuses?: readonly RequestStatus[] | undefined;
  /** Only requests open and past their due date on this day (China Standard Time): `dueDate < overdueOn`. */
  readonly overdueOn?: LocalDate | undefined;
  /**
   * Only requests whose reporter gave this mobile number (any written form), matched by its
   * lookup hash: the number itself is stored sealed.
   */
  readonly reporterPhone?: string | undefined;
}

/** What an escalation sweep did. */
export interface EscalationSweep {
  /** Open requests past their due date, and requests with a provisional due date, that were looked at. */
  readonly examined: number;
  /** Requests that climbed at least one level, by id. */
  readonly escalated: readonly string[];
  /** Requests whose provisional due date was recounted on the current calendar, by id. */
  readonly recounted: readonly string[];
  /** Requests changed by someone else meanwhile, left for their own next step (which escalates first). */
  readonly skipped: readonly string[];
}

/**
 * Stores resident requests 民情直通车 and their audit trail. Every step goes through the domain
 * function that decides it (`reportRequest`, `transitionRequest`, `escalateRequest`) inside one
 * transaction with the row it changes: a refusal raises {@link InvalidInputError} with the domain's
 * issues and changes nothing; a stale version raises {@link ConcurrentUpdateError}. New trail events
 * are appended in the same transaction; no path updates or deletes one.
 */
export class ResidentRequestRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Reports a request: routes its location against the stored grids (an address, a point or a
   * named grid), sets the due date from the profile and stores it with its first trail event.
   * A taken id raises {@link DuplicateKeyError}.
   *
   * @example
   * const saved = await repo.report(
   *   { id: 'R2026-000001', type: 'dispute', at: '2026-03-02T09:00:00+08:00',
   *     reporter: { id: 'W0001', role: 'grid_worker' }, location: { kind: 'address', address: '汉江路3号' } },
   *   { profileId: 'reference', rules: referenceProfile },
   * );
   */
  async report(
    input: ReportRequestInput,
    options: {
      readonly profileId: string;
      readonly rules: RequestRules;
      readonly contact?: RequestContact | undefined;
      /** Called with the routed request before it is stored; throw to refuse it (nothing is written). */
      readonly authorise?: ((request: RequestSummary) => void) | undefined;
    },
  ): Promise<StoredRequestWithTrail> {
    const codec = await personalDataOf(this.em);
    try {
      return await this.em.fork().transactional(async (tx) => {
        const routing = await routeLocation(tx, input.location);
        const context: RequestContext = {
          ...requestContextOf(options.rules, routing.directory),
          addresses: routing.addresses,
          index: routing.index,
        };
        const reported = reportRequest(input, context);
        if (!reported.ok) throw new InvalidInputError(reported.issues);
        const request = reported.value;
        options.authorise?.(request);
        const row = requestRow(request, { ...options, codec });
        await tx.insert(GridRequestSchema, row);
        await tx.insertMany(GridRequestEventSchema, eventRows(request, 0));
        return withTrail(toStoredRequest(row, codec), request.events);
      });
    } catch (error) {
      return convertDriverError(error, `resident request "${input.id}"`);
    }
  }

  /**
   * Moves a request on by one step (`transitionRequest`, which records any escalation due first);
   * `undefined` when the request is unknown.
   *
   * @example
   * await repo.transition('R2026-000001',
   *   { action: 'assign', at: '2026-03-02T10:00:00+08:00', actor: { id: 'C01', role: 'community' }, assigneeId: 'W0002' },
   *   rulesOf, { expectedVersion: 1 });
   */
  transition(
    id: string,
    command: RequestCommand,
    rulesOf: RulesOf,
    options: RequestWriteOptions = {},
  ): Promise<StoredRequestWithTrail | undefined> {
    return this.change(
      id,
      (request, context) => transitionRequest(request, command, context),
      rulesOf,
      options,
    );
  }

  /** Records the escalations of one request due by `now` (`escalateRequest`; idempotent). */
  escalate(
    id: string,
    now: Instant,
    rulesOf: RulesOf,
    options: RequestWriteOptions = {},
  ): Promise<StoredRequestWithTrail | undefined> {
    return this.change(id, (request, context) => escalateRequest(request, now, context), rulesOf, options);
  }

  /**
   * Escalates every open request past its due date (within the scope, when one is given) as of
   * `now`, in one transaction, and recounts every provisional due date on the current calendar (a
   * year added since gives the real date). Idempotent: a second sweep at the same moment changes nothing. Each
   * row is updated only at the version read, so a request someone else changed meanwhile is
   * skipped rather than overwritten (their step escalates it first anyway).
   */
  async escalateOverdue(
    now: Instant,
    rulesOf: RulesOf,
    scope?: Pick<RequestFilter, 'streetCodes' | 'communityCodes' | 'gridCodes'>,
  ): Promise<EscalationSweep> {
    const today = localDateOf(now);
    const filter: RequestFilter = { ...(scope ?? {}), overdueOn: today };
    if (scope !== undefined && !hasScope(filter))
      return { examined: 0, escalated: [], recounted: [], skipped: [] };
    const em = this.em.fork();
    const codec = await personalDataOf(em);
    const { dueDate, status, ...inScope } = whereOf(filter, scope === undefined, codec);
    const where = { ...inScope, $and: [{ $or: [{ dueDate, status }, { dueDateProvisional: true }] }] };
    const rows = await em.find(GridRequestSchema, where, { orderBy: { id: 'asc' } });
    const trails = await this.trailsOf(rows.map((r) => r.id));
    const changed: { row: GridRequestRow; next: ResidentRequest }[] = [];
    for (const row of rows) {
      const stored = toStoredRequest(row, codec);
      const request: ResidentRequest = { ...stored.request, events: trails.get(row.id) ?? [] };
      const next = escalateRequest(request, now, requestContextOf(rulesOf(row.profileId)));
      if (!next.ok) throw new InvalidInputError(next.issues);
      if (next.value !== request) changed.push({ row, next: next.value });
    }
    const escalated: string[] = [];
    const recounted: string[] = [];
    const skipped: string[] = [];
    if (changed.length === 0) return { examined: rows.length, escalated, recounted, skipped };
    try {
      await em.fork().transactional(async (tx) => {
        const fresh = [];
        for (const { row, next } of changed) {
          const updated = await tx.nativeUpdate(
            GridRequestSchema,
            { id: row.id, version: row.version },
            { ...requestState(next), version: row.version + 1 },
          );
          if (updated === 1) {
            if (next.events.length > row.eventCount) escalated.push(row.id);
            if (next.dueDate !== row.dueDate || next.dueDateProvisional !== Boolean(row.dueDateProvisional))
              recounted.push(row.id);
            fresh.push(...eventRows(next, row.eventCount));
          } else {
            skipped.push(row.id);
          }
        }
        for (const batch of chunks(fresh, BATCH)) await tx.insertMany(GridRequestEventSchema, batch);
      });
    } catch (error) {
      convertDriverError(error, 'an escalated resident request');
    }
    return { examined: rows.length, escalated, recounted, skipped };
  }

  async get(id: string): Promise<StoredRequestWithTrail | undefined> {
    const [stored] = await this.loadMany([id]);
    if (stored === undefined) return undefined;
    return withTrail(stored, (await this.trailsOf([id])).get(id) ?? []);
  }

  /** Requests by id in one query, in the order asked, without their trails; unknown ids are left out. */
  async loadMany(ids: readonly string[]): Promise<StoredRequest[]> {
    if (ids.length === 0) return [];
    const codec = await personalDataOf(this.em);
    const rows = await this.em.fork().find(GridRequestSchema, { id: { $in: [...new Set(ids)] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [toStoredRequest(row, codec)];
    });
  }

  /** The audit trails of some requests in one query, oldest step first. */
  async trailsOf(ids: readonly string[]): Promise<Map<string, RequestEvent[]>> {
    const trails = new Map<string, RequestEvent[]>();
    if (ids.length === 0) return trails;
    const em = this.em.fork();
    for (const batch of chunks([...new Set(ids)], BATCH)) {
      const rows = await em.find(
        GridRequestEventSchema,
        { requestId: { $in: batch } },
        { orderBy: { requestId: 'asc', seq: 'asc' } },
      );
      for (const row of rows) {
        const trail = trails.get(row.requestId);
        if (trail === undefined) trails.set(row.requestId, [toEvent(row)]);
        else trail.push(toEvent(row));
      }
    }
    return trails;
  }

  /**
   * A page of the requests that match, newest report first, and how many match: two queries, the
   * filter and the paging done by the database.
   */
  async list(
    filter: RequestFilter,
    page: { readonly limit: number; readonly offset: number },
  ): Promise<{ items: StoredRequest[]; totalCount: number }> {
    if (!hasScope(filter)) return { items: [], totalCount: 0 };
    const em = this.em.fork();
    const codec = await personalDataOf(em);
    const where = whereOf(filter, false, codec);
    const totalCount = await em.count(GridRequestSchema, where);
    if (page.limit <= 0 || page.offset >= totalCount) return { items: [], totalCount };
    const rows = await em.find(GridRequestSchema, where, {
      orderBy: { reportedMs: 'desc', id: 'desc' },
      limit: page.limit,
      offset: page.offset,
    });
    return { items: rows.map((row) => toStoredRequest(row, codec)), totalCount };
  }

  private async change(
    id: string,
    apply: (request: ResidentRequest, context: RequestContext) => Result<ResidentRequest, string>,
    rulesOf: RulesOf,
    options: RequestWriteOptions,
  ): Promise<StoredRequestWithTrail | undefined> {
    const codec = await personalDataOf(this.em);
    try {
      return await this.em.fork().transactional(async (tx) => {
        const row = await tx.findOne(GridRequestSchema, { id });
        if (row === null) return undefined;
        if (options.expectedVersion !== undefined) {
          await tx.lock(row, LockMode.OPTIMISTIC, options.expectedVersion);
        }
        const events = await tx.find(GridRequestEventSchema, { requestId: id }, { orderBy: { seq: 'asc' } });
        const current: ResidentRequest = {
          ...toStoredRequest(row, codec).request,
          events: events.map(toEvent),
        };
        const result = apply(current, requestContextOf(rulesOf(row.profileId)));
        if (!result.ok) throw new InvalidInputError(result.issues);
        const next = result.value;
        // The domain only ever appends to the trail; anything else is a programming error.
        if (next.events.length < row.eventCount) {
          throw new Error(`resident request "${id}": the domain dropped events from the trail`);
        }
        if (next === current) return withTrail(toStoredRequest(row, codec), current.events);
        const fresh = eventRows(next, row.eventCount);
        Object.assign(row, requestState(next));
        // The versioned update first: a concurrent writer fails on the version, not on the trail.
        await tx.flush();
        if (fresh.length > 0) await tx.insertMany(GridRequestEventSchema, fresh);
        return withTrail(toStoredRequest(row, codec), next.events);
      });
    } catch (error) {
      return convertDriverError(error, `resident request "${id}"`);
    }
  }
}

function hasScope(filter: RequestFilter): boolean {
  return (
    (filter.streetCodes?.length ?? 0) +
      (filter.communityCodes?.length ?? 0) +
      (filter.gridCodes?.length ?? 0) >
    0
  );
}

/** The WHERE of a filter; `everywhere` drops the scope (a county-wide sweep). */
function whereOf(filter: RequestFilter, everywhere: boolean, codec: PersonalDataCodec) {
  const scope = [
    ...(filter.streetCodes?.length ? [{ streetCode: { $in: [...new Set(filter.streetCodes)] } }] : []),
    ...(filter.communityCodes?.length
      ? [{ communityCode: { $in: [...new Set(filter.communityCodes)] } }]
      : []),
    ...(filter.gridCodes?.length ? [{ gridCode: { $in: [...new Set(filter.gridCodes)] } }] : []),
  ];
  const open = OPEN_REQUEST_STATUSES as readonly RequestStatus[];
  const statuses =
    filter.overdueOn === undefined
      ? filter.statuses
      : (filter.statuses ?? open).filter((s) => open.includes(s));
  return {
    ...(everywhere || scope.length === 0 ? {} : { $or: scope }),
    ...(filter.types?.length ? { type: { $in: [...filter.types] } } : {}),
    ...(statuses === undefined ? {} : { status: { $in: [...statuses] } }),
    ...(filter.overdueOn === undefined ? {} : { dueDate: { $lt: filter.overdueOn } }),
    ...(filter.reporterPhone === undefined
      ? {}
      : { reporterPhoneHash: codec.lookup('mobile', normalisedMobile(filter.reporterPhone)) }),
  };
}

/** A mobile number as stored (11 bare digits); anything else as given, which matches nothing. */
function normalisedMobile(text: string): string {
  const checked = validateMobile(text);
  return checked.ok ? checked.value : text;
}
