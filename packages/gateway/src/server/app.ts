import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { loggableError, runCancellable } from '@jiceng/persistence';
import { unfinishedLoad } from '@jiceng/persistence/seed';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { ValidationContext } from 'graphql';
import { type Principal, PUBLIC } from '../auth/principal.js';
import { TokenError, type TokenVerifier } from '../auth/tokens.js';
import { calendarWarnings } from '../calendar/status.js';
import { createRequestLoaders, type GatewayContext, type GatewayServices } from '../kernel/context.js';
import {
  GatewayError,
  localeFromAcceptLanguage,
  type QueryLimit,
  queryOverLimit,
  requestCancelled,
  unauthenticated,
} from '../kernel/errors.js';
import { type Open311Settings, open311ApiKey, registerOpen311 } from '../open311/routes.js';
import { buildGatewaySchema } from '../schema/index.js';
import {
  type ConcurrencyLimits,
  DEFAULT_CONCURRENCY,
  DEFAULT_COSTLY,
  registerAdmission,
} from './admission.js';
import { costlySharePlugin, QueryCosts, withPrincipalKey } from './costly-share.js';
import { graphiqlLandingPage, type IdeOptions, registerIde } from './ide.js';
import { incomingTextPlugin } from './incoming.js';
import { redactedLogging } from './log-redaction.js';
import { publicCachePlugin } from './public-cache.js';
import { createReportLinks, registerReportDownloads } from './report-links.js';
import { type ErrorLogger, graphQLErrorOf, responsePlugin } from './responses.js';
import { DEFAULT_UPLOAD_LIMIT_BYTES, registerUploads } from './uploads.js';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxCost: number;
}

// A query's cost is the number of values its answer can hold: 2 per object, 1 per scalar, every
// list counted at the page size asked for (graphql-armor's measure with no extra weight for depth).
// A full page of 100 public consultations with every field costs about 18,500, the street
// dashboard's widest query about 1,600; a list of 100 nested in a list of 100 is refused.
export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 15, maxTokens: 2000, maxCost: 50_000 };

export interface GatewayOptions {
  readonly services: GatewayServices;
  /** Verifies bearer tokens and Open311 keys: the gateway's own, an identity provider's, or both. */
  readonly tokens: TokenVerifier;
  /** `production` turns off introspection and field suggestions. */
  readonly environment: 'production' | 'development' | 'test';
  /** Requests per client (token subject, else address) per minute. */
  readonly rateLimitPerMinute?: number;
  /** Largest request body in bytes. */
  readonly bodyLimitBytes?: number;
  readonly logger?: ErrorLogger;
  /** JSON log level; `silent` (the default) logs nothing. */
  readonly logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** Where JSON log lines go (default stdout). Credentials and statement values never reach them. */
  readonly logStream?: { write(line: string): void };
  /** Query limits; the defaults suit the dashboard and typical clients. */
  readonly limits?: Partial<QueryLimits>;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Requests running at once, per principal and in all (`DEFAULT_CONCURRENCY`). */
  readonly concurrency?: ConcurrencyLimits;
  /**
   * Browser origins allowed to call the gateway from another origin (CORS), exactly as written
   * (`https://app.example.org`). Default: none in production; in development, any page served
   * from this machine (`http://localhost:*`, `http://127.0.0.1:*`).
   */
  readonly corsOrigins?: readonly string[];
  /** GraphiQL at `GET /graphql` outside production; its token filled in. Off in production. */
  readonly ide?: IdeOptions;
  /** Largest file of a multipart upload (`importRegisters`), in bytes (`DEFAULT_UPLOAD_LIMIT_BYTES`). */
  readonly uploadLimitBytes?: number;
  /**
   * The HMAC key of report download links; gateways behind one load balancer need the same one
   * (`startServer` derives it from the token key). Default: a random key of this process.
   */
  readonly reportLinkKey?: Uint8Array;
  /** What Open311 discovery says (contact, key service, public URL) and the jurisdiction served. */
  readonly open311?: Open311Settings;
}

/** A page served from this machine, on any port: the development default of the CORS origins. */
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Builds the HTTP server: Fastify with Apollo Server at `/graphql`, bearer-token
 * authentication, a per-client rate limit, a body size limit and query cost limits.
 *
 * @example
 * const app = await createGateway({ services, tokens, environment: 'development' });
 * await app.listen({ port: 4000 });
 */
export async function createGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const fallbackLogger: ErrorLogger = {
    error: (entry) => process.stderr.write(`${JSON.stringify({ level: 'error', ...entry })}\n`),
  };
  const production = options.environment === 'production';
  const app: FastifyInstance = Fastify({
    bodyLimit: options.bodyLimitBytes ?? 1_000_000,
    genReqId: () => randomUUID(),
    // Structured JSON logs (pino) with the request id on every line; off in tests.
    logger:
      options.logLevel === undefined || options.logLevel === 'silent'
        ? false
        : {
            level: options.logLevel,
            ...redactedLogging,
            ...(options.logStream === undefined ? {} : { stream: options.logStream }),
          },
  });

  const logger: ErrorLogger =
    options.logger ??
    (options.logLevel === undefined || options.logLevel === 'silent'
      ? fallbackLogger
      : { error: (entry) => app.log.error(entry, 'internal error') });

  /** Who a request counts against: the verified subject, else the client address. */
  const clientKey = async (request: FastifyRequest): Promise<string> => {
    const apiKey = request.url.startsWith('/open311/') ? open311ApiKey(request) : undefined;
    const caller =
      typeof apiKey === 'string' && apiKey !== ''
        ? await options.tokens.verify(apiKey, now()).catch(() => PUBLIC)
        : await callerOf(request, options.tokens, now());
    return caller instanceof GatewayError || caller === PUBLIC ? `ip:${request.ip}` : `sub:${caller.subject}`;
  };
  /** `clientKey`, worked out once per request: the rate limit, admission and the database share it. */
  const keys = new WeakMap<FastifyRequest, Promise<string>>();
  const keyOf = (request: FastifyRequest): Promise<string> => {
    let key = keys.get(request);
    if (key === undefined) {
      key = clientKey(request);
      keys.set(request, key);
    }
    return key;
  };

  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    // Keyed on the verified subject: a token edited in its signature verifies as nobody, and
    // counts against its address.
    keyGenerator: (request) => keyOf(request),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      errors: [
        {
          message: `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试 / too many requests, retry in ${Math.ceil(context.ttl / 1000)} s`,
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    }),
  });

  // Cross-origin callers: only the listed origins get the CORS headers (and a preflight answer
  // that lets the browser go on). Apollo's CSRF prevention still applies to every request.
  await app.register(cors, {
    origin:
      options.corsOrigins !== undefined
        ? options.corsOrigins.length > 0 && [...options.corsOrigins]
        : !production && LOOPBACK_ORIGIN,
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'accept-language',
      'apollo-require-preflight',
      'x-apollo-operation-name',
    ],
    exposedHeaders: ['retry-after'],
    maxAge: 600,
  });

  const guarded = (url: string) => /^\/(graphql|open311\/|exports\/)/.test(url);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  registerAdmission(app, concurrency, keyOf, guarded);
  // A request whose client goes away before its answer is sent is cancelled: its database
  // statements from then on are not run (runCancellable), nor any work that waits on them. Its
  // statements count as its principal's: on SQLite principals take turns at the one connection,
  // so a flooder's backlog does not hold up anyone else's statements.
  app.addHook('onRequest', (request, reply, done) => {
    if (!guarded(request.url)) return done();
    const abandoned = new AbortController();
    abandonment.set(request, abandoned.signal);
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abandoned.abort();
    });
    keyOf(request).then((key) => runCancellable(abandoned.signal, done, key), done);
  });

  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const costs = new QueryCosts();
  const armor = new ApolloArmor({
    // Introspection is exempt from the depth limit (its own query is deep) and is off in production.
    // Each refused with its own code and message in both languages (armor's own read "Syntax Error").
    maxDepth: { n: limits.maxDepth, ...refusedAs('depth', limits.maxDepth) },
    maxAliases: { n: limits.maxAliases, ...refusedAs('aliases', limits.maxAliases) },
    // Tokens are limited by graphql-js's own parser (parseOptions below): armor's token limit
    // re-parses and turns a plain syntax error into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: MAX_DIRECTIVES, ...refusedAs('directives', MAX_DIRECTIVES) },
    costLimit: {
      maxCost: limits.maxCost,
      depthCostFactor: 1,
      // Refused with its own code and message (armor's own calls it a "Syntax Error").
      propagateOnRejection: false,
      onReject: [
        (context, error) =>
          (context as ValidationContext | null)?.reportError(
            graphQLErrorOf(queryOverLimit('cost', limits.maxCost, foundIn(error))),
          ),
      ],
      // Remembered for the costly share (costly-share.ts).
      onAccept: [
        (context, details: { n: number }) =>
          context && costs.record((context as ValidationContext).getDocument(), details.n),
      ],
    },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();

  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    // graphql-armor is built against Apollo's CommonJS typings; the plugin objects are the same.
    plugins: [
      ...(protection.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      incomingTextPlugin(),
      publicCachePlugin(),
      costlySharePlugin(
        {
          ...(concurrency.costly ?? DEFAULT_COSTLY),
          waitMs: concurrency.waitMs ?? DEFAULT_CONCURRENCY.waitMs!,
        },
        costs,
      ),
      responsePlugin(logger),
      // Apollo's own pages load from a CDN: GraphiQL from this package in development, none in production.
      production ? ApolloServerPluginLandingPageDisabled() : graphiqlLandingPage(options.ide),
    ],
    validationRules: [...protection.validationRules],
  });
  await apollo.start();

  // GraphQL multipart requests (file uploads) become ordinary bodies before Apollo sees them.
  await registerUploads(app, { limitBytes: options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES });
  const reportLinks = createReportLinks(options.reportLinkKey ?? randomBytes(32));

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request) => {
      const locale = localeFromAcceptLanguage(request.headers['accept-language']);
      const auth = await callerOf(request, options.tokens, now());
      if (auth instanceof GatewayError) {
        // A bad token refuses the whole operation with 401, in the caller's language: it is
        // never downgraded to the public. (Context errors bypass the response plugin.)
        throw graphQLErrorOf(auth, locale);
      }
      const signal = abandonment.get(request) ?? new AbortController().signal;
      const em = options.services.db.em.fork();
      const context: GatewayContext = {
        principal: auth,
        locale,
        requestId: String(request.id),
        now: now(),
        get em() {
          if (signal.aborted) throw requestCancelled();
          return em;
        },
        signal,
        loaders: createRequestLoaders(signal),
        services: options.services,
        reportLinks,
      };
      return withPrincipalKey(context, await keyOf(request));
    },
  });

  if (!production) await registerIde(app, options.ide);

  // Open311 GeoReport v2 clients post form-encoded bodies.
  await app.register(formbody);
  registerOpen311(app, {
    services: options.services,
    tokens: options.tokens,
    now,
    environment: options.environment,
    ...options.open311,
  });
  registerReportDownloads(app, {
    services: options.services,
    links: reportLinks,
    now,
    onInternalError: (requestId, error) => {
      const logged = loggableError(error);
      logger.error({ requestId, message: logged.message, ...(logged.stack ? { stack: logged.stack } : {}) });
    },
  });

  // Liveness: the process answers. Readiness: it can also reach its database, which holds no
  // load that is unfinished (still running, or crashed and not yet redone: a partial county).
  // Probes are never rate limited: an orchestrator polling them must not be told 429.
  app.get('/healthz', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { rateLimit: false } }, async (_request, reply) => {
    try {
      await options.services.db.em.getConnection().execute('select 1');
      const load = await unfinishedLoad(options.services.db.em);
      if (load !== undefined) return reply.code(503).send({ status: 'loading', load });
      const warnings = calendarWarnings(options.services, now());
      return warnings.length === 0 ? { status: 'ready' } : { status: 'ready', warnings };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });
  // Closing the HTTP server stops Apollo after in-flight requests finish (Fastify drains them
  // first); Apollo's own drain plugin would call back into close() and wait on itself.
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  return app;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** Aborted when the client of a request goes away before its answer is sent. */
const abandonment = new WeakMap<FastifyRequest, AbortSignal>();

/** The caller of each request, verified once and shared by the limits and the GraphQL context. */
/** Directives one query may carry; a query needs a handful (`@include`, `@skip`). */
const MAX_DIRECTIVES = 20;

/** What armor found over a limit ("… exceeded, found 7."), rounded up; `undefined` if it did not say. */
function foundIn(error: Error): number | undefined {
  const found = /found ([\d.]+)/.exec(error.message)?.[1];
  return found === undefined ? undefined : Math.ceil(Number(found));
}

/** Armor options that report a shape limit as our own refusal instead of armor's error. */
function refusedAs(kind: QueryLimit, limit: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: Error) =>
        context?.reportError(graphQLErrorOf(queryOverLimit(kind, limit, foundIn(error)))),
    ],
  };
}

const callers = new WeakMap<FastifyRequest, Promise<Principal | GatewayError>>();
function callerOf(
  request: FastifyRequest,
  tokens: TokenVerifier,
  now: Date,
): Promise<Principal | GatewayError> {
  let caller = callers.get(request);
  if (caller === undefined) {
    caller = authenticate(request, tokens, now);
    callers.set(request, caller);
  }
  return caller;
}

/**
 * The caller's principal, or the refusal to send instead of any data. A bad token is never
 * downgraded to the public: the whole operation is refused (see `responsePlugin`).
 */
async function authenticate(
  request: FastifyRequest,
  tokens: TokenVerifier,
  now: Date,
): Promise<Principal | GatewayError> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return PUBLIC;
  const token = bearer(request);
  if (token === undefined)
    return unauthenticated('malformed Authorization header; expected "Bearer <token>"');
  try {
    return await tokens.verify(token, now);
  } catch (error) {
    if (error instanceof TokenError) {
      return new GatewayError(
        'UNAUTHENTICATED',
        error.problem === 'TOKEN_EXPIRED'
          ? { zh: '登录已过期，请重新登录', en: 'your session has expired; sign in again' }
          : { zh: '身份令牌无效', en: 'the token is not valid' },
        { reason: error.problem },
      );
    }
    throw error;
  }
}
