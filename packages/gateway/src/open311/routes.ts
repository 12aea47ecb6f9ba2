import { type Locale, REQUEST_TYPES, type RequestType, type RuleProfile } from '@jiceng/domain';
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
import { forgetPublicAnswers } from '../server/public-cache.js';
import { CONTENT_TYPES, OPEN311_FORMATS, type Open311Format, type Open311Value, render } from './format.js';
import { extendedStatusesOf, type ListQuery, listQueryOf, Refusal, reportOf } from './params.js';
import { discoveryOf, requestView, serviceDefinitionOf, servicesOf } from './views.js';

/**
 * Open311 GeoReport v2 beside GraphQL, so existing citizen-reporting apps can submit resident
 * requests (民情直通车) to a grid and follow them: discovery, services, service definitions,
 * requests (GET, POST) and requests/{id}, each in XML (the specification's default) and JSON.
 * The `api_key` is a Jiceng token: it names the intake (an app or a staff role) and its scope.
 * Discovery, the service list and definitions are public; requests need a key, authorised by the
 * policy GraphQL uses, as the same actions: reading is `request.read`, submitting
 * `request.report`, each within the key's scope (a `member` key does neither). The reporter's
 * contact details (name, phone, e-mail) are stored, and never returned here.
 */
export interface Open311Settings {
  /** The `jurisdiction_id` this endpoint serves (default: the county of the administrative tree). */
  readonly jurisdictionId?: string;
  /** Discovery's `contact`: who runs the endpoint and how to reach them. */
  readonly contact?: string;
  /** Discovery's `key_service`: where a client gets an api_key. */
  readonly keyService?: string;
  /** The gateway's public base URL (`https://gateway.example.cn`); default: the request's own host. */
  readonly publicUrl?: string;
}

export interface Open311Options extends Open311Settings {
  readonly services: GatewayServices;
  readonly tokens: TokenVerifier;
  readonly now: () => Date;
  /** The profile whose request types and deadlines apply (default `reference`). */
  readonly profileId?: string;
  /** Discovery's endpoint `type`: `production` in production, `test` otherwise. */
  readonly environment?: 'production' | 'development' | 'test';
}

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

/** The county an administrative tree stands for: its root's division code, else its code. */
function countyOf(services: GatewayServices): string | undefined {
  const tree = services.orgTree('administrative');
  const root = tree === undefined ? undefined : tree.nodes[tree.preorder[0] ?? -1];
  return root === undefined ? undefined : (root.divisionCode ?? root.code);
}

type Answer = readonly [status: number, root: string, body: Open311Value];

export function registerOpen311(app: FastifyInstance, options: Open311Options): void {
  const profileId = options.profileId ?? 'reference';
  const rules = (): RuleProfile => rulesFor({ services: options.services, now: options.now() }, profileId);
  const jurisdiction = () => options.jurisdictionId ?? countyOf(options.services);

  const send = (reply: FastifyReply, format: Open311Format, [status, root, body]: Answer) =>
    reply
      .code(status)
      .header('content-type', CONTENT_TYPES[format])
      .send(render(format, root, body));

  const errors = (status: number, descriptions: readonly string[]): Answer => [
    status,
    'errors',
    descriptions.map((description) => ({ code: status, description })),
  ];

  /** One route in one format: the text rule, the jurisdiction, then `fn`; every refusal as `<errors>`. */
  const handle =
    (format: Open311Format, fn: (request: FastifyRequest, locale: Locale) => Promise<Answer>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const locale = localeFromAcceptLanguage(request.headers['accept-language']);
      try {
        // The same text rule as GraphQL, for every string of the query, the path and the body.
        const incoming = [request.query, request.params, request.body].flatMap((part) =>
          incomingTextIssues(part ?? {}),
        );
        if (incoming.length > 0) throw badInput(incoming);
        checkJurisdiction(field(request.query, 'jurisdiction_id') ?? field(request.body, 'jurisdiction_id'));
        return send(reply, format, await fn(request, locale));
      } catch (error) {
        if (error instanceof Refusal) return send(reply, format, errors(error.status, [error.text[locale]]));
        // The GraphQL door's error mapper: each issue as `CODE: message`, 503 with Retry-After.
        const refusal = gatewayErrorOf(error);
        const status = refusal === undefined ? undefined : httpStatusOf(refusal.code);
        if (refusal !== undefined && status !== undefined) {
          if (refusal.code === 'DATABASE_UNAVAILABLE') {
            request.log.error({ err: error }, 'open311: database unavailable');
            reply.header('retry-after', String(RETRY_AFTER_SECONDS));
          }
          const descriptions =
            refusal.issues.length === 0
              ? [`${refusal.code}: ${refusal.text[locale]}`]
              : refusal.issues.map((i) => `${i.code}: ${i.message[locale]}`);
          return send(reply, format, errors(status, descriptions));
        }
        request.log.error({ err: error }, 'open311 internal error');
        return send(reply, format, errors(500, [`internal error (request id ${request.id})`]));
      }
    };

  /** GeoReport v2's jurisdiction_id: optional, and when given it must be the one served here. */
  const checkJurisdiction = (given: string | undefined) => {
    if (given === undefined) return;
    const served = jurisdiction();
    if (given === served) return;
    throw new Refusal(404, {
      zh: `未找到 jurisdiction_id ${given}${served === undefined ? '' : `；本接口服务的是 ${served}`}`,
      en: `jurisdiction_id ${given} was not found${served === undefined ? '' : `; this endpoint serves ${served}`}`,
    });
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

  const discovery = (request: FastifyRequest): Open311Value => {
    const base = (options.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    const served = jurisdiction();
    return discoveryOf({
      changeset: `${rules().effectiveFrom}T00:00:00+08:00`,
      contact:
        options.contact ??
        `Jiceng gateway${served === undefined ? '' : ` of ${served}`}: the county's grid management office`,
      keyService:
        options.keyService ??
        'Keys are Jiceng tokens issued by the county administrator (jiceng token) for an intake app and its scope',
      url: `${base}/open311/v2`,
      type: options.environment === 'production' ? 'production' : 'test',
    });
  };

  const list = async (ctx: UseCaseContext, query: ListQuery, locale: Locale): Promise<Answer> => {
    const profile = rules();
    const view = (s: Parameters<typeof requestView>[0]) => requestView(s, profile, locale, query.extended);
    if (query.ids !== undefined) {
      return [200, 'service_requests', (await residentRequestsByIds(ctx, query.ids)).map(view)];
    }
    const { items } = await listResidentRequests(ctx, {
      ...(query.types === undefined ? {} : { types: query.types }),
      ...(query.statuses === undefined ? {} : { statuses: query.statuses }),
      reportedFrom: query.from,
      reportedTo: query.to,
      periodNames: ['start_date', 'end_date'],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return [200, 'service_requests', items.map(view)];
  };

  for (const format of OPEN311_FORMATS) {
    for (const path of [`/open311/discovery.${format}`, `/open311/v2/discovery.${format}`]) {
      app.get(
        path,
        handle(format, async (request) => [200, 'discovery', discovery(request)]),
      );
    }

    app.get(
      `/open311/v2/services.${format}`,
      handle(format, async (_request, locale) => [200, 'services', servicesOf(rules(), locale)]),
    );

    app.get<{ Params: { code: string } }>(
      `/open311/v2/services/:code.${format}`,
      handle(format, async (request) => {
        const code = (request.params as { code: string }).code;
        if (!(REQUEST_TYPES as readonly string[]).includes(code)) {
          throw new Refusal(404, { zh: `未知的服务代码 ${code}`, en: `unknown service_code ${code}` });
        }
        return [200, 'service_definition', serviceDefinitionOf(code as RequestType)];
      }),
    );

    app.get(
      `/open311/v2/requests.${format}`,
      handle(format, async (request, locale) => {
        const ctx = await callerOf(request);
        return list(ctx, listQueryOf(request.query, ctx.now), locale);
      }),
    );

    app.get<{ Params: { id: string } }>(
      `/open311/v2/requests/:id.${format}`,
      handle(format, async (request, locale) => {
        const ctx = await callerOf(request);
        const extended = extendedStatusesOf(request.query);
        const found = await findResidentRequest(ctx, (request.params as { id: string }).id);
        return [200, 'service_requests', [requestView(found, rules(), locale, extended)]];
      }),
    );

    app.post(
      `/open311/v2/requests.${format}`,
      handle(format, async (request, locale) => {
        const ctx = await callerOf(request);
        requireAction(ctx, 'request.report');
        const report = reportOf(request.body);
        try {
          // The use case of GraphQL's reportResidentRequest, so both doors take and refuse the same.
          const saved = await reportResidentRequest(ctx, { ...report, profileId, channel: 'open311' });
          forgetPublicAnswers(options.services);
          const grid = saved.request.gridCode;
          return [
            201,
            'service_requests',
            [
              {
                service_request_id: saved.request.id,
                service_notice: locale === 'zh' ? `已分派至网格 ${grid}` : `routed to grid ${grid}`,
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
}
