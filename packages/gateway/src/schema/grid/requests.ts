import { maskEmail, maskMobile, maskName, requestContextOf, requestSla } from '@jiceng/domain';
import type { StoredRequestWithTrail } from '@jiceng/persistence';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canSeeGrid, canSeeRequest, gridResource, nowInstant } from '../../application/grid/access.js';
import {
  assignResidentRequest,
  closeResidentRequest,
  escalateOverdueRequests,
  findResidentRequest,
  listResidentRequests,
  markResidentRequestDuplicate,
  rejectResidentRequest,
  reopenResidentRequest,
  reportResidentRequest,
  resolveResidentRequest,
  startResidentRequest,
} from '../../application/grid/requests.js';
import { allows } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { badInput, GatewayError } from '../../kernel/errors.js';
import { connectionOf, decodeCursor, encodeCursor, MAX_PAGE, PageArgs, PageInfo } from '../common.js';
import { profileOf } from './access.js';
import { currentDeadline } from './deadlines.js';
import { gridLoaders } from './loaders.js';
import {
  EscalationSweepResult,
  ReportResidentRequestInput,
  ResidentRequest,
  ResidentRequestEvent,
  ResidentRequestFilter,
  ResidentRequestReporter,
  ResidentRequestSla,
} from './request-types.js';
import { Grid } from './types.js';

const ResidentRequestConnection = connectionOf('ResidentRequest', ResidentRequest);

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
    return ResidentRequest.from(await findResidentRequest(ctx, id));
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
    const email = contact.email ?? null;
    if (!canSeeRequest(ctx, r.stored) || (contact.name === null && contact.phone === null && email === null))
      return null;
    const full = allows(ctx, 'personal.read', gridResource(r.stored.request));
    return Object.assign(new ResidentRequestReporter(), {
      requestId: r.id,
      rawName: contact.name,
      rawPhone: contact.phone,
      rawEmail: email,
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
    const saved = await reportResidentRequest(ctx, input);
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
    return answer(ctx, await assignResidentRequest(ctx, { id, assigneeId, note, expectedVersion }));
  }

  @Mutation(() => ResidentRequest, { description: 'Starts work on an assigned request.' })
  async startResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    return answer(ctx, await startResidentRequest(ctx, { id, note, expectedVersion }));
  }

  @Mutation(() => ResidentRequest, { description: 'Resolves a request in progress.' })
  async resolveResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    return answer(ctx, await resolveResidentRequest(ctx, { id, note, expectedVersion }));
  }

  @Mutation(() => ResidentRequest, { description: 'Sends a resolved request back to work, with a reason.' })
  async reopenResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    return answer(ctx, await reopenResidentRequest(ctx, { id, reason, expectedVersion }));
  }

  @Mutation(() => ResidentRequest, { description: 'Closes (archives) a resolved request.' })
  async closeResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    return answer(ctx, await closeResidentRequest(ctx, { id, note, expectedVersion }));
  }

  @Mutation(() => ResidentRequest, {
    description: 'Turns a request away, with a reason (community and street).',
  })
  async rejectResidentRequest(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    return answer(ctx, await rejectResidentRequest(ctx, { id, reason, expectedVersion }));
  }

  @Mutation(() => ResidentRequest, {
    description: 'Marks a request as a duplicate of another within your scope.',
  })
  async markResidentRequestDuplicate(
    @Ctx() ctx: GatewayContext,
    @Arg('id') id: string,
    @Arg('duplicateOf') duplicateOf: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<ResidentRequest> {
    return answer(ctx, await markResidentRequestDuplicate(ctx, { id, duplicateOf, note, expectedVersion }));
  }

  @Mutation(() => EscalationSweepResult, {
    description:
      'Escalates every open request past its due day under a node (default: your scope) to the level its deadline says (street administrators and above). Idempotent.',
  })
  async escalateOverdueRequests(
    @Ctx() ctx: GatewayContext,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
  ): Promise<EscalationSweepResult> {
    const now = nowInstant(ctx);
    const sweep = await escalateOverdueRequests(ctx, { scope });
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

  @FieldResolver(() => String, { nullable: true })
  email(@Ctx() ctx: GatewayContext, @Root() r: ResidentRequestReporter): string | null {
    if (r.rawEmail === null) return null;
    if (!r.full) return maskEmail(r.rawEmail);
    logRead(ctx, 'grid_request.reporter_email', r.requestId);
    return r.rawEmail;
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
  const window = pageWindow(page);
  const { items, totalCount } = await listResidentRequests(ctx, { scope, ...filter, ...window });
  const edges = items.map((s, i) => ({
    cursor: encodeCursor(window.offset + i),
    node: ResidentRequest.from(s),
  }));
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

/** The request after a write, its trail already known to this request's loader. */
function answer(ctx: GatewayContext, saved: StoredRequestWithTrail): ResidentRequest {
  gridLoaders(ctx).trail.clear(saved.request.id).prime(saved.request.id, saved.full.events);
  return ResidentRequest.from(saved);
}
