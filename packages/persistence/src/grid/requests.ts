import {
  epochMillis,
  type Instant,
  type LocalDate,
  OPEN_REQUEST_STATUSES,
  type ReportRequestInput,
  type RequestContext,
  type RequestEvent,
  type RequestLocation,
  type RequestStatus,
  type RequestType,
  type ResidentRequest,
  type RuleProfile,
  reportRequest,
  requestContextOf,
  validateMobile,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { ConcurrentUpdateError, convertDriverError, InvalidInputError, PersistenceError } from '../errors.js';
import type { EntryInput, PointsLedgerRepository } from '../points/ledger.js';
import { type PersonalDataCodec, personalDataOf } from '../secrets/sealing.js';
import { BATCH, chunks } from '../sql.js';
import {
  eventRows,
  type RequestContact,
  requestRow,
  requestState,
  type StoredRequest,
  type StoredRequestWithTrail,
  toEvent,
  toStoredRequest,
  withTrail,
} from './mapping.js';
import { routeLocation } from './routing.js';
import { GridRequestEventSchema, GridRequestSchema } from './schemas.js';

/** The parts of a rule profile the request channel reads: grid rules and the working-day calendar. */
export type RequestRules = Pick<RuleProfile, 'grid' | 'calendar'>;

/** The rules a request follows, by the profile id stored with it. */
export type RulesOf = (profileId: string) => RequestRules;

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
  /** Only requests reported at or after this instant. */
  readonly reportedFrom?: Instant | undefined;
  /** Only requests reported at or before this instant. */
  readonly reportedTo?: Instant | undefined;
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

/** A request changed as decided on a stored version, for {@link ResidentRequestRepository.saveAll}. */
export interface DecidedRequest {
  /** The request after the domain's step, its trail the stored one with the new events appended. */
  readonly next: ResidentRequest;
  /** The request as read to decide the step: its version is the one the write must still find. */
  readonly decidedOn: StoredRequest;
}

/** What {@link ResidentRequestRepository.saveAll} wrote. */
export interface SavedRequests {
  /** Requests written, by id. */
  readonly saved: readonly string[];
  /** Requests changed by someone else since they were read, left as they are, by id. */
  readonly skipped: readonly string[];
}

/**
 * Stores resident requests 民情直通车 and their audit trail. It decides nothing: the caller runs
 * the domain's step (`reportRequest`, `transitionRequest`, `escalateRequest`) on a request it read
 * and hands over the result with the version it read; the write happens in one transaction only if
 * the row is still at that version, else {@link ConcurrentUpdateError}. New trail events are appended in
 * the same transaction; no path updates or deletes one.
 */
export class ResidentRequestRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * What the domain needs to route a location (`reportRequest`'s context), read from the stored
   * grids in a few indexed queries.
   *
   * @example
   * const routing = await repo.routing({ kind: 'address', address: '汉江路3号' });
   * const reported = reportRequest(input, { ...requestContextOf(rules), ...routing });
   */
  async routing(
    location: RequestLocation,
  ): Promise<Pick<RequestContext, 'directory' | 'addresses' | 'index'>> {
    const routing = await routeLocation(this.em.fork(), location);
    return {
      directory: routing.directory,
      ...(routing.addresses === undefined ? {} : { addresses: routing.addresses }),
      ...(routing.index === undefined ? {} : { index: routing.index }),
    };
  }

  /**
   * Stores a request the domain reported (`reportRequest`), with its trail, in one transaction. A
   * taken id raises {@link DuplicateKeyError}: a client's own id is its idempotency key. The
   * reporter's contact (phone and e-mail sealed) and a media link ride along as given: the caller
   * checked them (`validateMobile`, `validateEmail`, `validateMediaUrl`).
   *
   * @example
   * await repo.add(reported.value, { profileId: 'reference', contact: { name: '张三', phone: null } });
   */
  async add(
    request: ResidentRequest,
    options: {
      readonly profileId: string;
      readonly contact?: RequestContact | undefined;
      readonly mediaUrl?: string | null | undefined;
    },
  ): Promise<StoredRequestWithTrail> {
    const codec = await personalDataOf(this.em);
    try {
      return await this.em.fork().transactional(async (tx) => {
        const row = requestRow(request, { ...options, codec });
        await tx.insert(GridRequestSchema, row);
        await tx.insertMany(GridRequestEventSchema, eventRows(request, 0));
        return withTrail(toStoredRequest(row, codec), request.events);
      });
    } catch (error) {
      return convertDriverError(error, `resident request "${request.id}"`);
    }
  }

  /**
   * Reports a request without anyone's authorisation (seeders, tests, an integration that is its
   * own authority): routes it, runs `reportRequest` and {@link add}s it. A refusal raises
   * {@link InvalidInputError} with the domain's issues. The gateway's use case does these steps
   * itself, to ask the policy between the domain's answer and the write.
   */
  async report(
    input: ReportRequestInput,
    options: {
      readonly profileId: string;
      readonly rules: RequestRules;
      readonly contact?: RequestContact | undefined;
    },
  ): Promise<StoredRequestWithTrail> {
    const routing = await this.routing(input.location);
    const reported = reportRequest(input, { ...requestContextOf(options.rules), ...routing });
    if (!reported.ok) throw new InvalidInputError(reported.issues);
    return this.add(reported.value, options);
  }

  /**
   * Writes a step decided on a stored request: its new state, and the events it appended to the
   * trail, in one transaction, only if the row is still at the version `decidedOn` was read at;
   * otherwise nothing is written and {@link ConcurrentUpdateError} (CONFLICT) is raised. A `next`
   * the same as the stored request writes nothing and returns it.
   *
   * @example
   * const current = await repo.get('R2026-000001');
   * const next = transitionRequest(current.full, command, context);
   * if (next.ok) await repo.save(next.value, { decidedOn: current });
   */
  async save(
    next: ResidentRequest,
    options: {
      readonly decidedOn: StoredRequestWithTrail;
      /**
       * System point entries and reversals the step decided (a request resolved by a party member
       * earns one; reopened, it is reversed), appended by `ledger` in the same transaction.
       */
      readonly points?: { readonly inputs: readonly EntryInput[]; readonly ledger: PointsLedgerRepository };
    },
  ): Promise<StoredRequestWithTrail> {
    const { decidedOn, points } = options;
    if (next === decidedOn.full) return decidedOn;
    if (points !== undefined && points.inputs.length > 0) {
      checkAppendOnly(next, decidedOn);
      try {
        await this.em.fork().transactional(async (tx) => {
          const updated = await tx.nativeUpdate(
            GridRequestSchema,
            { id: next.id, version: decidedOn.version },
            { ...requestState(next), version: decidedOn.version + 1 },
          );
          if (updated !== 1) {
            throw new ConcurrentUpdateError(
              `resident request "${next.id}" was changed by someone else since the step was decided; reload and retry`,
            );
          }
          for (const batch of chunks(eventRows(next, decidedOn.eventCount), BATCH)) {
            await tx.insertMany(GridRequestEventSchema, batch);
          }
          for (const input of points.inputs) await points.ledger.appendWithin(tx as EntityManager, input);
        });
      } catch (error) {
        if (error instanceof PersistenceError) throw error;
        convertDriverError(error, 'a resident request');
      }
      return withTrail(afterStep(decidedOn, next), next.events);
    }
    const { saved } = await this.saveAll([{ next, decidedOn }]);
    if (saved.length === 0) {
      throw new ConcurrentUpdateError(
        `resident request "${next.id}" was changed by someone else since the step was decided; reload and retry`,
      );
    }
    return withTrail(afterStep(decidedOn, next), next.events);
  }

  /**
   * Writes many decided steps in one transaction (an escalation sweep): each row only at the
   * version it was decided on; a request changed meanwhile is skipped rather than overwritten.
   */
  async saveAll(changes: readonly DecidedRequest[]): Promise<SavedRequests> {
    for (const { next, decidedOn } of changes) checkAppendOnly(next, decidedOn);
    const saved: string[] = [];
    const skipped: string[] = [];
    if (changes.length === 0) return { saved, skipped };
    try {
      await this.em.fork().transactional(async (tx) => {
        const fresh = [];
        for (const { next, decidedOn } of changes) {
          // The versioned update first: a concurrent writer fails on the version, not on the trail.
          const updated = await tx.nativeUpdate(
            GridRequestSchema,
            { id: next.id, version: decidedOn.version },
            { ...requestState(next), version: decidedOn.version + 1 },
          );
          if (updated === 1) {
            saved.push(next.id);
            fresh.push(...eventRows(next, decidedOn.eventCount));
          } else {
            skipped.push(next.id);
          }
        }
        for (const batch of chunks(fresh, BATCH)) await tx.insertMany(GridRequestEventSchema, batch);
      });
    } catch (error) {
      convertDriverError(error, 'a resident request');
    }
    return { saved, skipped };
  }

  /**
   * The requests an escalation sweep looks at on a day (China Standard Time), with their trails:
   * open ones past their due date, and every one whose due date is provisional (to recount it on
   * the current calendar), within the scope when one is given (none: the whole county).
   */
  async sweepCandidates(
    today: LocalDate,
    scope?: Pick<RequestFilter, 'streetCodes' | 'communityCodes' | 'gridCodes'>,
  ): Promise<StoredRequestWithTrail[]> {
    const filter: RequestFilter = { ...(scope ?? {}), overdueOn: today };
    if (scope !== undefined && !hasScope(filter)) return [];
    const em = this.em.fork();
    const codec = await personalDataOf(em);
    const { dueDate, status, ...inScope } = whereOf(filter, scope === undefined, codec);
    const where = { ...inScope, $and: [{ $or: [{ dueDate, status }, { dueDateProvisional: true }] }] };
    const rows = await em.find(GridRequestSchema, where, { orderBy: { id: 'asc' } });
    const trails = await this.trailsOf(rows.map((r) => r.id));
    return rows.map((row) => withTrail(toStoredRequest(row, codec), trails.get(row.id) ?? []));
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
}

/** The stored request after a step written at its version. */
function afterStep(decidedOn: StoredRequest, next: ResidentRequest): StoredRequest {
  const { events, ...request } = next;
  return {
    ...decidedOn,
    request,
    eventCount: events.length,
    escalations: events.filter((e) => e.action === 'escalate').length,
    updatedAt: events.at(-1)?.at ?? decidedOn.updatedAt,
    version: decidedOn.version + 1,
  };
}

/** The domain only ever appends to a trail; anything else is a programming error. */
function checkAppendOnly(next: ResidentRequest, decidedOn: StoredRequest): void {
  if (next.id !== decidedOn.request.id)
    throw new Error(`resident request "${next.id}" was decided on "${decidedOn.request.id}"`);
  if (next.events.length < decidedOn.eventCount)
    throw new Error(`resident request "${next.id}": the step dropped events from the trail`);
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
    ...reportedWithin(filter),
    ...(filter.reporterPhone === undefined
      ? {}
      : { reporterPhoneHash: codec.lookup('mobile', normalisedMobile(filter.reporterPhone)) }),
  };
}

/** The report-time bounds of a filter, on the indexed epoch column. */
function reportedWithin(filter: RequestFilter) {
  const bounds = {
    ...(filter.reportedFrom === undefined ? {} : { $gte: epochMillis(filter.reportedFrom) }),
    ...(filter.reportedTo === undefined ? {} : { $lte: epochMillis(filter.reportedTo) }),
  };
  return Object.keys(bounds).length === 0 ? {} : { reportedMs: bounds };
}

/** A mobile number as stored (11 bare digits); anything else as given, which matches nothing. */
function normalisedMobile(text: string): string {
  const checked = validateMobile(text);
  return checked.ok ? checked.value : text;
}
