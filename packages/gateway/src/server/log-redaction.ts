import { maskPersonalDataInText } from '@jiceng/domain';
import { loggableError } from '@jiceng/persistence';
import type { FastifyRequest } from 'fastify';

/** Query parameters that carry a live credential (Open311's `api_key`, OAuth-style tokens). */
const CREDENTIAL_PARAMS = new Set(['api_key', 'apikey', 'access_token', 'id_token', 'token']);
/** The same, in text: a parameter name (percent-encoded or not) and its value, up to `&`, `#` or a space. */
const CREDENTIAL_IN_TEXT =
  /\b((?:api(?:_|%5f)?key|access(?:_|%5f)token|id(?:_|%5f)token|token)=)[^&#\s"']*/gi;

/**
 * A request URL as a log may show it: the value of every credential parameter replaced, and any
 * mobile or resident ID number in it masked (a GET query's variables may carry one).
 *
 * @example
 * redactUrl('/open311/v2/requests.json?api_key=eyJ…&status=open') // '/open311/v2/requests.json?api_key=[REDACTED]&status=open'
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      let name = eq < 0 ? pair : pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replaceAll('+', ' '));
      } catch {
        // A malformed name is logged as it came, value redacted below if it looks like a credential.
      }
      return CREDENTIAL_PARAMS.has(name.toLowerCase()) && eq >= 0 ? `${pair.slice(0, eq)}=[REDACTED]` : pair;
    });
  return maskPersonalDataInText(redactCredentials(`${url.slice(0, at)}?${params.join('&')}`));
}

/** Credentials written into any text (a message that quotes a URL). */
export function redactCredentials(text: string): string {
  return text.replace(CREDENTIAL_IN_TEXT, '$1[REDACTED]');
}

/**
 * Pino options for every log line of the gateway: requests with their URL redacted (no query
 * credential), errors as {@link loggableError} shows them (no SQL values, no driver details), and
 * credentials taken out of any message text.
 */
export const redactedLogging = {
  serializers: {
    req: (request: FastifyRequest) => ({
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    }),
    err: (error: unknown) => {
      const loggable = loggableError(error);
      return { ...loggable, stack: loggable.stack ?? '' };
    },
  },
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
      method.apply(
        this,
        args.map((a) => (typeof a === 'string' ? redactCredentials(a) : a)),
      );
    },
  },
};
