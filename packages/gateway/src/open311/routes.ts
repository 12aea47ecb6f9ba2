import {
  type Locale,
  REQUEST_TYPES,
  type RequestStatus,
  type RequestType,
  type RuleProfile,
} from '@jiceng/domain';
import type { StoredRequest } from '@jiceng/persistence';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseContext } from '../application/context.js';
import { REPORT_TEXT } from '../application/grid/access.js';
import {
  findResidentRequest,
  listResidentRequests,
  reportResidentRequest,
  residentRequestsByIds,
} from '../application/grid/requests.js';
import { incomingTextIssues } from '../application/inputs.js';
import { rulesFor } from '../application/rules.js';
import { requireAction } from '../auth/authorise.js';
import type { Principal } from '../auth/principal.js';
import { TokenError, type TokenVerifier } from '../auth/tokens.js';
import type { GatewayServices } from '../kernel/context.js';
import {
  badInput,
  gatewayErrorOf,
  httpStatusOf,
  localeFromAcceptLanguage,
  notFound,
  RETRY_AFTER_SECONDS,
} from '../kernel/errors.js';
import { currentDeadline } from '../schema/grid/deadlines.js';
import { forgetPublicAnswers } from '../server/public-cache.js';

/**
 * Open311 GeoReport v2 beside GraphQL, so existing citizen-reporting apps can submit resident
 * requests (民情直通车) to a grid: services.json, requests.json (GET, POST) and
 * requests/{id}.json, JSON only. The `api_key` is a Jiceng token: it names the intake (an app
 * or a staff role) and its scope. Every endpoint but the service list needs one — the public
 * sees aggregate statistics only — and the key is authorised by the policy GraphQL uses, as the
 * same actions: reading is `request.read`, submitting `request.report`, each within the key's
 * scope (a `member` key does neither). Personal data (the reporter's name, phone, address) is
 * never returned here.
 */
export interface Open311Options {
  readonly services: GatewayServices;
  readonly tokens: TokenVerifier;
  readonly now: () => Date;
  /** The profile whose request types and deadlines apply (default `reference`). */
  readonly profileId?: string;
}

const OPEN_STATUSES: readonly RequestStatus[] = ['reported', 'assigned', 'in_progress'];
const CLOSED_STATUSES: readonly RequestStatus[] = ['resolved', 'closed', 'rejected', 'duplicate'];

/** The domain's answers for a location it routes to no grid (the point's names the nearest grid). */
const UNROUTED: ReadonlySet<string> = new Set([
  'REQUEST_UNKNOWN_ADDRESS',
  'REQUEST_OUTSIDE_GRIDS',
  'REQUEST_UNKNOWN_GRID',
]);

/**
 * A report's location in no grid, answered as one in a grid outside the key's scope: NOT_FOUND,
 * no grid of yours at this location. Otherwise a key could tell an address (or, named as the
 * nearest, a grid) beyond its scope exists. The other issues, if any, stay BAD_USER_INPUT: what a
 * location outside the scope would answer, since the domain checks them before the scope.
 */
function unroutedAsOutOfScope(error: unknown): unknown {
  const known = gatewayErrorOf(error);
  if (known?.code !== 'BAD_USER_INPUT' || !known.issues.some((i) => UNROUTED.has(i.code))) return error;
  const others = known.issues.filter((i) => !UNROUTED.has(i.code));
  return others.length > 0 ? badInput(others) : notFound(REPORT_TEXT);
}

interface Open311Error {
  readonly code: number;
  readonly description: string;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly description: { zh: string; en: string },
  ) {
    super(description.en);
  }
}

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

/**
 * The key of an Open311 request: the `X-Api-Key` header or an `Authorization: Bearer` token (kept
 * out of URLs, and so out of access logs and proxies' logs), else GeoReport v2's `api_key` in
 * the query or the form body (accepted, and redacted from every log line).
 */
export function open311ApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? field(request.query, 'api_key') ?? field(request.body, 'api_key');
}

export function registerOpen311(app: FastifyInstance, options: Open311Options): void {
  const profileId = options.profileId ?? 'reference';
  const rulesOf = (id: string): RuleProfile =>
    rulesFor({ services: options.services, now: options.now() }, id);

  const handle =
    (fn: (request: FastifyRequest, locale: Locale) => Promise<[number, unknown]>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const locale = localeFromAcceptLanguage(request.headers['accept-language']);
      try {
        // The same text rule as GraphQL, for every string of the query, the path and the body.
        const incoming = [request.query, request.params, request.body].flatMap((part) =>
          incomingTextIssues(part ?? {}),
        );
        if (incoming.length > 0) throw badInput(incoming);
        const [status, body] = await fn(request, locale);
        return send(reply, status, body);
      } catch (error) {
        if (error instanceof Refusal) {
          const body: Open311Error[] = [{ code: error.status, description: error.description[locale] }];
          return send(reply, error.status, body);
        }
        // The GraphQL door's error mapper: each issue as `CODE: message`, 503 with Retry-After.
        const refusal = gatewayErrorOf(error);
        const status = refusal === undefined ? undefined : httpStatusOf(refusal.code);
        if (refusal !== undefined && status !== undefined) {
          if (refusal.code === 'DATABASE_UNAVAILABLE') {
            request.log.error({ err: error }, 'open311: database unavailable');
            reply.header('retry-after', String(RETRY_AFTER_SECONDS));
          }
          const body: Open311Error[] =
            refusal.issues.length === 0
              ? [{ code: status, description: `${refusal.code}: ${refusal.text[locale]}` }]
              : refusal.issues.map((i) => ({ code: status, description: `${i.code}: ${i.message[locale]}` }));
          return send(reply, status, body);
        }
        request.log.error({ err: error }, 'open311 internal error');
        return send(reply, 500, [{ code: 500, description: `internal error (request id ${request.id})` }]);
      }
    };

  const principalOf = async (request: FastifyRequest): Promise<Principal> => {
    const key = open311ApiKey(request);
    if (key === undefined) {
      throw new Refusal(401, {
        zh: '缺少 api_key（请用 X-Api-Key 请求头）',
        en: 'api_key is required (send it in the X-Api-Key header)',
      });
    }
    try {
      return await options.tokens.verify(key, options.now());
    } catch (error) {
      if (error instanceof TokenError)
        throw new Refusal(401, { zh: 'api_key 无效或已过期', en: 'api_key is invalid or expired' });
      throw error;
    }
  };

  /** A verified key as a use case's caller, on the gateway's unit of work and clock. */
  const callerOf = async (request: FastifyRequest): Promise<UseCaseContext> => ({
    principal: await principalOf(request),
    now: options.now(),
    em: options.services.db.em,
    services: options.services,
  });

  const serviceName = (type: RequestType, locale: Locale): string =>
    rulesOf(profileId).grid.requests[type].name[locale];

  const view = (stored: StoredRequest, locale: Locale) => {
    const r = stored.request;
    const due = currentDeadline(rulesOf(stored.profileId), r);
    return {
      service_request_id: r.id,
      status: CLOSED_STATUSES.includes(r.status) ? 'closed' : 'open',
      status_notes: r.status,
      service_name: serviceName(r.type, locale),
      service_code: r.type,
      agency_responsible: r.gridCode,
      requested_datetime: r.reportedAt,
      expected_datetime: `${due.dueDate}T23:59:59+08:00`,
      // An extension to GeoReport v2: the expected time was counted by the weekend rule over a
      // year whose holiday schedule is not published yet, and may still move.
      expected_datetime_provisional: due.provisional,
    };
  };

  app.get(
    '/open311/v2/services.json',
    handle(async (_request, locale) => [
      200,
      REQUEST_TYPES.map((type) => ({
        service_code: type,
        service_name: serviceName(type, locale),
        description: `${serviceName(type, locale)} — ${rulesOf(profileId).grid.requests[type].deadlineWorkingDays} ${locale === 'zh' ? '个工作日内办结' : 'working days to resolve'}`,
        metadata: false,
        type: 'realtime',
        keywords: type,
        group: locale === 'zh' ? '民情直通车' : 'resident request channel',
      })),
    ]),
  );

  app.get(
    '/open311/v2/requests.json',
    handle(async (request, locale) => {
      const ctx = await callerOf(request);
      const ids = field(request.query, 'service_request_id')
        ?.split(',')
        .map((s) => s.trim());
      if (ids !== undefined) {
        return [200, (await residentRequestsByIds(ctx, ids)).map((s) => view(s, locale))];
      }
      const code = field(request.query, 'service_code');
      if (code !== undefined && !(REQUEST_TYPES as readonly string[]).includes(code)) {
        throw new Refusal(400, { zh: `未知的服务代码 ${code}`, en: `unknown service_code ${code}` });
      }
      const status = field(request.query, 'status');
      if (status !== undefined && status !== 'open' && status !== 'closed') {
        throw new Refusal(400, { zh: 'status 须为 open 或 closed', en: 'status must be open or closed' });
      }
      const { items } = await listResidentRequests(ctx, {
        ...(code === undefined ? {} : { types: [code as RequestType] }),
        ...(status === undefined ? {} : { statuses: status === 'open' ? OPEN_STATUSES : CLOSED_STATUSES }),
        limit: 1000,
        offset: 0,
      });
      return [200, items.map((s) => view(s, locale))];
    }),
  );

  app.get<{ Params: { id: string } }>(
    '/open311/v2/requests/:id.json',
    handle(async (request, locale) => {
      const ctx = await callerOf(request);
      const id = (request.params as { id: string }).id;
      const found = await findResidentRequest(ctx, id);
      return [200, [view(found, locale)]];
    }),
  );

  app.post(
    '/open311/v2/requests.json',
    handle(async (request, locale) => {
      const ctx = await callerOf(request);
      requireAction(ctx, 'request.report');
      const body = request.body;
      const code = field(body, 'service_code');
      if (code === undefined || !(REQUEST_TYPES as readonly string[]).includes(code)) {
        throw new Refusal(400, {
          zh: `service_code 须为 ${REQUEST_TYPES.join('、')} 之一`,
          en: `service_code must be one of ${REQUEST_TYPES.join(', ')}`,
        });
      }
      const lat = field(body, 'lat');
      const long = field(body, 'long');
      const address = field(body, 'address_string');
      let location: { kind: 'point'; point: [number, number] } | { kind: 'address'; address: string };
      if (lat !== undefined && long !== undefined) {
        const y = Number(lat);
        const x = Number(long);
        if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(y) > 90 || Math.abs(x) > 180) {
          throw new Refusal(400, { zh: 'lat/long 不是有效坐标', en: 'lat/long is not a valid position' });
        }
        location = { kind: 'point', point: [x, y] };
      } else if (address !== undefined) {
        location = { kind: 'address', address };
      } else {
        throw new Refusal(400, {
          zh: '须提供 lat 与 long，或 address_string',
          en: 'lat and long, or address_string, is required',
        });
      }
      const name = [field(body, 'last_name'), field(body, 'first_name')].filter(Boolean).join('');
      try {
        // The use case of GraphQL's reportResidentRequest, so both doors take and refuse the same.
        const saved = await reportResidentRequest(ctx, {
          type: code as RequestType,
          profileId,
          channel: 'open311',
          location:
            location.kind === 'point'
              ? { point: { x: location.point[0], y: location.point[1] } }
              : { address: location.address },
          summary: field(body, 'description') ?? null,
          reporterName: name === '' ? null : name,
          reporterPhone: field(body, 'phone') ?? null,
        });
        forgetPublicAnswers(options.services);
        return [
          201,
          [
            {
              service_request_id: saved.request.id,
              service_notice:
                locale === 'zh'
                  ? `已分派至网格 ${saved.request.gridCode}`
                  : `routed to grid ${saved.request.gridCode}`,
              account_id: null,
            },
          ],
        ];
      } catch (error) {
        throw unroutedAsOutOfScope(error);
      }
    }),
  );
}
