import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { Locale } from '@jiceng/domain';
import { loggableError } from '@jiceng/persistence';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../kernel/context.js';
import { type GatewayError, gatewayErrorOf, httpStatusOf, RETRY_AFTER_SECONDS } from '../kernel/errors.js';

const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'DATABASE_UNAVAILABLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * What a refusal says in a GraphQL answer's `extensions`: its code, and the reason and issues
 * when it has them. The one place a {@link GatewayError} becomes GraphQL.
 */
export function extensionsOf(refusal: GatewayError): Record<string, unknown> {
  return {
    code: refusal.code,
    ...(refusal.reason ? { reason: refusal.reason } : {}),
    ...(refusal.issues.length > 0
      ? { issues: refusal.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })) }
      : {}),
  };
}

/**
 * A refusal met before execution (a token refused while building the context, a query over the
 * cost limit during validation) as the GraphQLError Apollo expects there, with its HTTP status.
 */
export function graphQLErrorOf(refusal: GatewayError, locale: Locale = 'en'): GraphQLError {
  const status = httpStatusOf(refusal.code);
  return new GraphQLError(refusal.text[locale], {
    // Kept as the cause, so the response plugin localises it like a resolver's refusal.
    originalError: refusal,
    extensions: { ...extensionsOf(refusal), ...(status === undefined ? {} : { http: { status } }) },
  });
}

export interface ErrorLogger {
  error(entry: { requestId: string; message: string; stack?: string }): void;
}

/**
 * Puts every refusal into the caller's language and masks everything unexpected: an internal
 * error reaches the client as INTERNAL_SERVER_ERROR with the request id only (no stack, no
 * SQL), and is logged with that id, its frames and the shape of any statement, never its
 * values. A database that cannot be reached, wherever a resolver or loader met it, answers the
 * whole request 503 DATABASE_UNAVAILABLE with `Retry-After`, so a client knows to retry.
 */
export function responsePlugin(logger: ErrorLogger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(request: GraphQLRequestContext<GatewayContext>) {
          const { response, contextValue, errors } = request;
          const body = response.body;
          if (body?.kind !== 'single' || body.singleResult.errors === undefined) return;
          const originals = errors ?? [];
          body.singleResult.errors = body.singleResult.errors.map((formatted, i) => {
            const cause = causeOf(originals[i]);
            const refusal = gatewayErrorOf(cause);
            if (refusal === undefined) return masked(formatted, cause, contextValue, logger);
            // A refused operation is a clear 4xx (the last refusal's, as Apollo merges statuses),
            // not a 200 with an error inside.
            const status = httpStatusOf(refusal.code);
            if (status !== undefined) response.http.status = status;
            return localised(formatted, refusal, cause, contextValue, logger);
          });
          if (body.singleResult.errors.some((e) => e.extensions?.['code'] === 'DATABASE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}

/** What was thrown: Apollo wraps a resolver's error in a GraphQLError. */
function causeOf(original: unknown): unknown {
  return (original as { originalError?: unknown } | undefined)?.originalError ?? original;
}

function localised(
  formatted: GraphQLFormattedError,
  refusal: GatewayError,
  cause: unknown,
  context: GatewayContext,
  logger: ErrorLogger,
): GraphQLFormattedError {
  if (refusal.code === 'DATABASE_UNAVAILABLE') {
    // The operator's signal of an outage: the driver's words, in the log only, without the
    // values of the statement it interrupted.
    logger.error({
      requestId: context.requestId,
      message: `database unavailable: ${loggableError(cause).message}`,
    });
  }
  const { http: _http, ...extensions } = formatted.extensions ?? {};
  return {
    ...formatted,
    message: refusal.text[context.locale],
    extensions: { ...extensions, ...extensionsOf(refusal), requestId: context.requestId },
  };
}

/** Anything but a refusal: Apollo's own codes pass, a fault is logged and masked. */
function masked(
  formatted: GraphQLFormattedError,
  cause: unknown,
  context: GatewayContext,
  logger: ErrorLogger,
): GraphQLFormattedError {
  const code = String(formatted.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR');
  if (KNOWN_CODES.has(code)) {
    return { ...formatted, extensions: { code, requestId: context.requestId } };
  }
  // Logged with its frames but without values: a driver's message embeds the whole statement
  // with residents' names and numbers written in.
  const error = loggableError(cause);
  logger.error({
    requestId: context.requestId,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
  });
  return {
    message:
      context.locale === 'zh'
        ? `服务器内部错误，请联系管理员（请求编号 ${context.requestId}）`
        : `internal server error; contact the administrator (request id ${context.requestId})`,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: context.requestId },
  };
}
