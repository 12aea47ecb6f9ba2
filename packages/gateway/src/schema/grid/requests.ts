import { randomBytes } from 'node:crypto';
import {
  type LocalDate,
  maskMobile,
  maskName,
  type RequestActor,
  type RequestCommand,
  requestContextOf,
  requestSla,
} from '@jiceng/domain';
import {
  GridRepository,
  type RequestFilter,
  ResidentRequestRepository,
  type StoredRequest,
  type StoredRequestWithTrail,
} from '@jiceng/persistence';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { allows, authorise, requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { badInput, GatewayError, notFound, persist } from '../../kernel/errors.js';
import { connectionOf, decodeCursor, encodeCursor, MAX_PAGE, PageArgs, PageInfo } from '../common.js';
import {
  actorOf,
  canSeeGrid,
  canSeeRequest,
  gridResource,
  nowInstant,
  profileOf,
  REPORT_TEXT,
  requestText,
  rulesOf,
  scopeOf,
  today,
} from './access.js';
import { currentDeadline } from './deadlines.js';
import { noteOf, reportInputOf } from './inputs.js';
import { gridLoaders } from './loaders.js';
import {
  EscalationSweepResult,
  Grid,
  ReportResidentRequestInput,
  ResidentRequest,
  ResidentRequestEvent,
  ResidentRequestFilter,
  ResidentRequestReporter,
  ResidentRequestSla,
} from './types.js';

const ResidentRequestConnection = connectionOf('ResidentRequest', ResidentRequest);

const DEFAULT_PROFILE = 'reference';

/** The offset and size of a page the database cuts. */
function pageWindow(page: PageArgs): { offset: number; limit: number } {
  const limit = page.first ?? 20;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: `每页条数须在 0 到 ${MAX_PAGE} 之间`,
      en: `first must be between 0 and ${MAX_PAGE}`,
    });
  }
  return { offset: page.after ? decodeCursor(page.after) + 1 : 0, limit };
}

/** Resident requests 民情直通车: lists in scope, the trail, and every step of the state machine. */
@Resolver(() => ResidentRequest)
export class ResidentRequestResolver {
  @Query(() => ResidentRequestConnection, {
    description:
      'Resident requests under a node (default: your scope), newest first; filtered and paged by the database.',
  })
  residentRequests(
    @Ctx() ctx: GatewayContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('filter', () => ResidentRequestFilter, { nullable: true }) filter?: ResidentRequestFilter | null,
  ) {
    return listRequests(ctx, scope, filter ?? {}, page);
  }

  @Query(() => ResidentRequestConnection, {
    description: 'Open requests past their due day under a node (default: your scope), newest first.',
  })
  overdueRequests(
    @Ctx() ctx: GatewayContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
  ) {
    return listRequests(ctx, scope, { overdue: true }, page);
  }

  @Query(() => ResidentRequest, { description: 'One request within your scope.' })
  async residentRequest(@Ctx() ctx: GatewayContext, @Arg('id') id: string): Promise<ResidentRequest> {
    return ResidentRequest.from(await visibleRequest(ctx, 'request.read', id));
  }

  @FieldResolver(() => [ResidentRequestEvent], { description: 'The audit trail, oldest step first.' })
  async trail(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequest): Promise<ResidentRequestEvent[]> {
    if (!canSeeRequest(ctx, r.stored)) return [];
    return (await gridLoaders(ctx).trail.load(r.id)).map(ResidentRequestEvent.from);
  }

  @FieldResolver(() => String, {
    description:
      'The last day to resolve it (YYYY-MM-DD, China Standard Time). Counted by the weekend rule where the working-day calendar does not cover the year yet (see dueDateProvisional).',
  })
  dueDate(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequest): string {
    return currentDeadline(profileOf(ctx, r.stored.profileId), r.stored.request).dueDate;
  }

  @FieldResolver(() => Boolean, {
    description:
      'The due date leans on a year the working-day calendar does not list yet; it is recounted when that year’s State Council schedule is imported.',
  })
  dueDateProvisional(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequest): boolean {
    return currentDeadline(profileOf(ctx, r.stored.profileId), r.stored.request).provisional;
  }

  @FieldResolver(() => ResidentRequestSla, {
    nullable: true,
    description:
      'Where it stands against its deadline now; null (with an error beside the data) if it cannot be worked out, so one request never fails a list.',
  })
  sla(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequest): ResidentRequestSla {
    const context = requestContextOf(profileOf(ctx, r.stored.profileId));
    const sla = requestSla({ ...r.stored.request, events: [] }, nowInstant(ctx), context);
    if (!sla.ok) throw badInput(sla.issues);
    return ResidentRequestSla.from(sla.value);
  }

  @FieldResolver(() => ResidentRequestReporter, {
    nullable: true,
    description: 'The resident’s contact details, when given: masked unless your role may see them in full.',
  })
  reporter(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequest): ResidentRequestReporter | null {
    const { contact } = r.stored;
    if (!canSeeRequest(ctx, r.stored) || (contact.name === null && contact.phone === null)) return null;
    const full = allows(ctx, 'personal.read', gridResource(r.stored.request));
    return Object.assign(new ResidentRequestReporter(), {
      requestId: r.id,
      rawName: contact.name,
      rawPhone: contact.phone,
      full,
      masked: !full,
    });
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'Its grid; null outside your scope.' })
  async grid(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequest): Promise<Grid | null> {
    if (!canSeeRequest(ctx, r.stored)) return null;
    const grid = await gridLoaders(ctx).grid.load(r.gridCode);
    return grid === null || !canSeeGrid(ctx, { gridCode: grid.code, communityCode: grid.communityCode })
      ? null
      : Grid.from(grid);
  }

  @Mutation(() => ResidentRequest, {
    description:
      'Reports a resident request (grid workers and above; residents’ requests come through staff): routed to its grid by address, point or a named grid, due by the profile’s deadline.',
  })
  async reportResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => ReportResidentRequestInput) input: ReportResidentRequestInput,
  ): Promise<ResidentRequest> {
    const actor = actorOf(ctx, 'request.report');
    const checked = reportInputOf(input);
    const profileId = input.profileId ?? DEFAULT_PROFILE;
    const rules = profileOf(ctx, profileId);
    const at = nowInstant(ctx);
    const id = checked.id ?? `R${today(ctx).replaceAll('-', '')}-${randomBytes(5).toString('hex')}`;
    const saved = await persist(() =>
      new ResidentRequestRepository(ctx.em).report(
        {
          id,
          type: input.type,
          at,
          reporter: actor,
          location: checked.location,
          ...(checked.summary === undefined ? {} : { summary: checked.summary }),
        },
        {
          profileId,
          rules,
          contact: checked.contact,
          authorise: (request) => authorise(ctx, 'request.report', gridResource(request), REPORT_TEXT),
        },
      ),
    );
    return answer(ctx, saved);
  }

  @Mutation(() => ResidentRequest, {
    description: 'Assigns (or reassigns) a request to a grid worker of its community.',
  })
  async assignResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('assigneeId') assigneeId: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    const text = noteOf(note, 'note');
    return step(ctx, id, expectedVersion, async (stored, actor, at) => {
      const [worker] = await new GridRepository(ctx.em).workersByIds([assigneeId]);
      if (worker === undefined || worker.homeCommunityCode !== stored.request.communityCode) {
        throw badInput([
          {
            code: 'REQUEST_UNKNOWN_ASSIGNEE',
            path: ['assigneeId'],
            message: {
              zh: `承办人“${assigneeId}”不是诉求所在社区的网格员`,
              en: `assignee "${assigneeId}" is not a grid worker of the request's community`,
            },
          },
        ]);
      }
      return { action: 'assign', at, actor, assigneeId, ...(text === undefined ? {} : { note: text }) };
    });
  }

  @Mutation(() => ResidentRequest, { description: 'Starts work on an assigned request.' })
  startResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    const text = noteOf(note, 'note');
    return step(ctx, id, expectedVersion, async (_s, actor, at) => ({
      action: 'start',
      at,
      actor,
      ...(text === undefined ? {} : { note: text }),
    }));
  }

  @Mutation(() => ResidentRequest, { description: 'Resolves a request in progress.' })
  resolveResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    const text = noteOf(note, 'note');
    return step(ctx, id, expectedVersion, async (_s, actor, at) => ({
      action: 'resolve',
      at,
      actor,
      ...(text === undefined ? {} : { note: text }),
    }));
  }

  @Mutation(() => ResidentRequest, { description: 'Sends a resolved request back to work, with a reason.' })
  reopenResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    const text = noteOf(reason, 'reason') ?? '';
    return step(ctx, id, expectedVersion, async (_s, actor, at) => ({
      action: 'reopen',
      at,
      actor,
      reason: text,
    }));
  }

  @Mutation(() => ResidentRequest, { description: 'Closes (archives) a resolved request.' })
  closeResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    const text = noteOf(note, 'note');
    return step(ctx, id, expectedVersion, async (_s, actor, at) => ({
      action: 'close',
      at,
      actor,
      ...(text === undefined ? {} : { note: text }),
    }));
  }

  @Mutation(() => ResidentRequest, {
    description: 'Turns a request away, with a reason (community and street).',
  })
  rejectResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    const text = noteOf(reason, 'reason') ?? '';
    return step(ctx, id, expectedVersion, async (_s, actor, at) => ({
      action: 'reject',
      at,
      actor,
      reason: text,
    }));
  }

  @Mutation(() => ResidentRequest, {
    description: 'Marks a request as a duplicate of another within your scope.',
  })
  markResidentRequestDuplicate(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('duplicateOf') duplicateOf: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    const text = noteOf(note, 'note');
    return step(ctx, id, expectedVersion, async (_s, actor, at) => {
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
      return {
        action: 'mark_duplicate',
        at,
        actor,
        duplicateOf,
        ...(text === undefined ? {} : { note: text }),
      };
    });
  }

  @Mutation(() => EscalationSweepResult, {
    description:
      'Escalates every open request past its due day under a node (default: your scope) to the level its deadline says (street administrators and above). Idempotent.',
  })
  async escalateOverdueRequests(
    @Ctx() ctx: GatewayContext,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
  ): Promise<EscalationSweepResult> {
    const where = scopeOf(ctx, 'request.escalate', scope ?? ctx.principal.scope);
    const now = nowInstant(ctx);
    const empty = !where.streetCodes?.length && !where.communityCodes?.length && !where.gridCodes?.length;
    const sweep = empty
      ? { examined: 0, escalated: [], recounted: [], skipped: [] }
      : await persist(() => new ResidentRequestRepository(ctx.em).escalateOverdue(now, rulesOf(ctx), where));
    return Object.assign(new EscalationSweepResult(), {
      asOf: now,
      examined: sweep.examined,
      escalated: [...sweep.escalated],
      recounted: [...sweep.recounted],
      skipped: [...sweep.skipped],
    });
  }
}

/** Full personal data only for the roles allowed it, each read written to the access log. */
@Resolver(() => ResidentRequestReporter)
export class ResidentRequestReporterResolver {
  @FieldResolver(() => String, { nullable: true })
  name(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequestReporter): string | null {
    if (r.rawName === null) return null;
    if (!r.full) return maskName(r.rawName);
    logRead(ctx, 'grid_request.reporter_name', r.requestId);
    return r.rawName;
  }

  @FieldResolver(() => String, { nullable: true })
  phone(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequestReporter): string | null {
    if (r.rawPhone === null) return null;
    if (!r.full) return maskMobile(r.rawPhone);
    logRead(ctx, 'grid_request.reporter_phone', r.requestId);
    return r.rawPhone;
  }
}

function logRead(ctx: GatewayContext, field: string, recordId: string): void {
  ctx.services.accessLog.record({
    at: ctx.now.toISOString(),
    requestId: ctx.requestId,
    subject: ctx.principal.subject,
    role: ctx.principal.role,
    field,
    recordId,
  });
}

async function listRequests(
  ctx: GatewayContext,
  scope: string | null | undefined,
  filter: ResidentRequestFilter,
  page: PageArgs,
) {
  const where = scopeOf(ctx, 'request.read', scope ?? ctx.principal.scope);
  const window = pageWindow(page);
  const query: RequestFilter = {
    ...where,
    ...(filter.types?.length ? { types: filter.types } : {}),
    ...(filter.statuses?.length ? { statuses: filter.statuses } : {}),
    ...(filter.overdue ? { overdueOn: today(ctx) as LocalDate } : {}),
  };
  const { items, totalCount } = await new ResidentRequestRepository(ctx.em).list(query, window);
  const edges = items
    .filter((s) => canSeeRequest(ctx, s))
    .map((s, i) => ({ cursor: encodeCursor(window.offset + i), node: ResidentRequest.from(s) }));
  return {
    edges,
    totalCount,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: window.offset + window.limit < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
  };
}

/**
 * A request the caller may take the action on: FORBIDDEN for a role that may not before it is
 * read, then NOT_FOUND alike for a missing request and one outside the scope.
 */
async function visibleRequest(
  ctx: GatewayContext,
  action: 'request.read' | 'request.act',
  id: string,
): Promise<StoredRequest> {
  requireAction(ctx, action);
  const [stored] = await new ResidentRequestRepository(ctx.em).loadMany([id]);
  authorise(ctx, action, stored && gridResource(stored.request), requestText(id));
  return stored!;
}

/** One step on a request within the caller's scope, under its version. */
async function step(
  ctx: GatewayContext,
  id: string,
  expectedVersion: number | null | undefined,
  command: (stored: StoredRequest, actor: RequestActor, at: string) => Promise<RequestCommand>,
): Promise<ResidentRequest> {
  const actor = actorOf(ctx, 'request.act');
  const stored = await visibleRequest(ctx, 'request.act', id);
  const next = await command(stored, actor, nowInstant(ctx));
  const saved = await persist(() =>
    new ResidentRequestRepository(ctx.em).transition(id, next, rulesOf(ctx), {
      expectedVersion: expectedVersion ?? undefined,
    }),
  );
  if (saved === undefined) throw notFound(requestText(id));
  return answer(ctx, saved);
}

/** The request after a write, its trail already known to this request's loader. */
function answer(ctx: GatewayContext, saved: StoredRequestWithTrail): ResidentRequest {
  gridLoaders(ctx).trail.clear(saved.request.id).prime(saved.request.id, saved.full.events);
  return ResidentRequest.from(saved);
}
