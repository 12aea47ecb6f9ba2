import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { loggableError } from '@jiceng/persistence';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../kernel/context.js';
import { type GatewayError, gatewayErrorOf, RETRY_AFTER_SECONDS } from '../kernel/errors.js';

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
          body.singleResult.errors = body.singleResult.errors.map((formatted, i) =>
            localise(formatted, originals[i], contextValue, logger),
          );
          if (body.singleResult.errors.some((e) => e.extensions?.['code'] === 'DATABASE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}

function localise(
  formatted: GraphQLFormattedError,
  original: unknown,
  context: GatewayContext,
  logger: ErrorLogger,
): GraphQLFormattedError {
  const cause = (original as { originalError?: unknown } | undefined)?.originalError ?? original;
  const known: GatewayError | undefined = gatewayErrorOf(cause);
  if (known !== undefined) {
    if (known.code === 'DATABASE_UNAVAILABLE') {
      // The operator's signal of an outage: the driver's words, in the log only, without the
      // values of the statement it interrupted.
      logger.error({
        requestId: context.requestId,
        message: `database unavailable: ${loggableError(cause).message}`,
      });
    }
    // A refusal mapped here (not thrown as one) carries its code, issues and reason from the map.
    const { http: _http, ...extensions } = known.extensions;
    return {
      ...formatted,
      message: known.text[context.locale],
      extensions: { ...formatted.extensions, ...extensions, requestId: context.requestId },
    };
  }
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
