import { type Issue, type Locale, type LocalizedText, unreachable } from '@jiceng/domain';
import { persistenceErrorOf } from '@jiceng/persistence';

/** The refusal codes clients see in `extensions.code`: the gateway's public contract. */
export type GatewayErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'DATABASE_UNAVAILABLE'
  | 'REQUEST_CANCELLED'
  | 'TOO_MANY_CONCURRENT'
  | 'SERVER_BUSY'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<GatewayErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  DATABASE_UNAVAILABLE: 503,
  // nginx's "client closed request": nobody reads it, but logs and metrics tell it apart.
  REQUEST_CANCELLED: 499,
  // Admission: retry after `Retry-After` (server/admission.ts).
  TOO_MANY_CONCURRENT: 429,
  SERVER_BUSY: 503,
};

/** The HTTP status of a refusal, on every door; `undefined` for an internal error. */
export function httpStatusOf(code: GatewayErrorCode): number | undefined {
  return HTTP_STATUS[code];
}

/** How long a client should wait before retrying a request refused with DATABASE_UNAVAILABLE. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * An expected refusal, the same on every door: a code from {@link GatewayErrorCode}, both
 * languages, and the issues behind a BAD_USER_INPUT. It knows nothing of GraphQL or HTTP; each door
 * turns it into its own answer in one place (GraphQL: `server/graphql-errors.ts`; Open311: its
 * routes, through {@link httpStatusOf}), in the caller's language.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly issues: readonly Issue[];
  /** A word for the logs and for operators (e.g. why a token was refused); never personal data. */
  readonly reason: string | undefined;

  constructor(
    readonly code: GatewayErrorCode,
    readonly text: LocalizedText,
    details: { issues?: readonly Issue[]; reason?: string } = {},
  ) {
    super(text.en);
    this.issues = details.issues ?? [];
    this.reason = details.reason;
  }
}

export const unauthenticated = (reason: string) =>
  new GatewayError(
    'UNAUTHENTICATED',
    { zh: '身份验证失败，请重新登录', en: 'authentication failed; sign in again' },
    { reason },
  );

export const forbidden = (what: LocalizedText) =>
  new GatewayError('FORBIDDEN', { zh: `无权访问：${what.zh}`, en: `not allowed: ${what.en}` });

export const notFound = (what: LocalizedText) =>
  new GatewayError('NOT_FOUND', { zh: `未找到：${what.zh}`, en: `not found: ${what.en}` });

/** Domain rule violations become BAD_USER_INPUT with every issue listed. */
export function badInput(issues: readonly Issue[]): GatewayError {
  const first = issues[0];
  const text = first
    ? {
        zh: issues.map((i) => i.message.zh).join('；'),
        en: issues.map((i) => i.message.en).join('; '),
      }
    : { zh: '输入无效', en: 'invalid input' };
  return new GatewayError('BAD_USER_INPUT', text, { issues });
}

/**
 * The one error mapper of every door (GraphQL, Open311): the refusal a thrown value stands for, or
 * `undefined` for a fault (logged in full, answered as an internal error). A gateway refusal as it
 * is; persistence errors by their code: the domain's refusals become BAD_USER_INPUT with its
 * issues; a stale write (someone else's change came first) or a taken key, CONFLICT; a database
 * that cannot be reached, DATABASE_UNAVAILABLE (503 with `Retry-After`, nothing written).
 *
 * @example
 * const refusal = gatewayErrorOf(error);
 * reply.code(refusal === undefined ? 500 : (httpStatusOf(refusal.code) ?? 500));
 */
export function gatewayErrorOf(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  const known = persistenceErrorOf(error);
  switch (known?.code) {
    case 'INVALID_INPUT':
      return badInput(known.issues);
    case 'CONFLICT':
      return new GatewayError('CONFLICT', {
        zh: '数据已被他人修改，请刷新后重试',
        en: 'someone else changed this in the meantime; reload and retry',
      });
    case 'DUPLICATE':
      return new GatewayError('CONFLICT', {
        zh: '编号已被占用（或已提交过），请刷新后重试',
        en: 'the id is already taken (or this was already submitted); reload and retry',
      });
    case 'DATABASE_UNAVAILABLE':
      return new GatewayError('DATABASE_UNAVAILABLE', {
        zh: `数据库暂时无法访问，请 ${RETRY_AFTER_SECONDS} 秒后重试（本次未保存任何内容）`,
        en: `the database cannot be reached right now; retry in ${RETRY_AFTER_SECONDS} s (nothing was saved)`,
      });
    case 'CANCELLED':
      return requestCancelled();
    case 'STORED_DATA_INVALID':
    case undefined:
      return undefined;
    default:
      return unreachable(known, 'persistence error');
  }
}

/** Runs a repository call and throws its refusals as {@link gatewayErrorOf} maps them. */
export async function persist<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw gatewayErrorOf(error) ?? error;
  }
}

/** `zh` unless the caller prefers English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (header === undefined) return 'zh';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/** The client went away: the rest of its request is not worth the database's time. */
export const requestCancelled = () =>
  new GatewayError('REQUEST_CANCELLED', {
    zh: '客户端已断开，请求已取消',
    en: 'the client went away; the request was cancelled',
  });

/**
 * The limits a query is checked against before it runs: its cost (`limit` values at most, counting
 * every list at the page size asked for; see `DEFAULT_LIMITS`), nesting depth, aliases, directives.
 */
export type QueryLimit = 'cost' | 'depth' | 'aliases' | 'directives';

const n = (x: number) => x.toLocaleString('en-US');

const LIMIT_TEXT: Record<QueryLimit, (limit: number, found: number | undefined) => LocalizedText> = {
  cost: (limit, found) => ({
    zh: `查询过于复杂：按所请求的每页条数计，答复最多可含 ${n(limit)} 个值${found === undefined ? '' : `，本查询约 ${n(found)} 个`}。请减少字段，或用较小的 first 分页。`,
    en: `the query is too complex: counting every list at the page size asked for, an answer may hold at most ${n(limit)} values${found === undefined ? '' : `; this one ${n(found)}`}. Ask for fewer fields, or page with a smaller first.`,
  }),
  depth: (limit, found) => ({
    zh: `查询嵌套过深：最多 ${limit} 层${found === undefined ? '' : `，本查询 ${found} 层`}。请减少嵌套的字段。`,
    en: `the query is nested too deep: a depth of at most ${limit}${found === undefined ? '' : `; this one ${found}`}. Ask for fewer nested fields.`,
  }),
  aliases: (limit, found) => ({
    zh: `查询使用的别名过多：最多 ${limit} 个${found === undefined ? '' : `，本查询 ${found} 个`}。`,
    en: `the query uses too many aliases: at most ${limit}${found === undefined ? '' : `; this one ${found}`}.`,
  }),
  directives: (limit, found) => ({
    zh: `查询使用的指令过多：最多 ${limit} 个${found === undefined ? '' : `，本查询 ${found} 个`}。`,
    en: `the query uses too many directives: at most ${limit}${found === undefined ? '' : `; this one ${found}`}.`,
  }),
};

/**
 * The query is over one of its limits (`QueryLimit`): refused before it runs, as QUERY_TOO_COMPLEX
 * with the limit and, when known, what this query came to, in both languages.
 */
export const queryOverLimit = (kind: QueryLimit, limit: number, found?: number) =>
  new GatewayError('QUERY_TOO_COMPLEX', LIMIT_TEXT[kind](limit, found), {
    reason: found === undefined ? `${kind} limit ${limit}` : `${kind} ${found} > limit ${limit}`,
  });
