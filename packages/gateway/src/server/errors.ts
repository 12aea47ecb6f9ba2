import type { Issue, Locale, LocalizedText } from '@jiceng/domain';
import { ConcurrentUpdateError, DuplicateKeyError, InvalidInputError } from '@jiceng/persistence';
import { GraphQLError } from 'graphql';

/** The refusal codes clients see in `extensions.code`: the gateway's public contract. */
export type GatewayErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<GatewayErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/**
 * An expected refusal. Carries both languages; the response plugin picks one by the caller's
 * `Accept-Language` so resolvers never have to.
 */
export class GatewayError extends GraphQLError {
  constructor(
    readonly code: GatewayErrorCode,
    readonly text: LocalizedText,
    details: { issues?: readonly Issue[]; reason?: string } = {},
  ) {
    super(text.en, {
      extensions: {
        code,
        // Apollo answers with this status (and drops the extension from the body), so a refused
        // operation is a clear 4xx, not a 200 with an error inside.
        ...(HTTP_STATUS[code] === undefined ? {} : { http: { status: HTTP_STATUS[code] } }),
        ...(details.reason ? { reason: details.reason } : {}),
        ...(details.issues
          ? { issues: details.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })) }
          : {}),
      },
    });
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
 * Runs a repository call and maps persistence refusals, in one place for every area: the
 * domain's refusals become BAD_USER_INPUT with its issues; a stale write (someone else's change
 * came first) or a taken key becomes CONFLICT. Anything else is a fault and propagates.
 */
export async function persist<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidInputError) throw badInput(error.issues);
    if (error instanceof ConcurrentUpdateError) {
      throw new GatewayError('CONFLICT', {
        zh: '数据已被他人修改，请刷新后重试',
        en: 'someone else changed this in the meantime; reload and retry',
      });
    }
    if (error instanceof DuplicateKeyError) {
      throw new GatewayError('CONFLICT', {
        zh: '编号已被占用（或已提交过），请刷新后重试',
        en: 'the id is already taken (or this was already submitted); reload and retry',
      });
    }
    throw error;
  }
}

/** `zh` unless the caller prefers English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (header === undefined) return 'zh';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
