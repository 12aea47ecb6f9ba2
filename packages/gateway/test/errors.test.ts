import { issue } from '@jiceng/domain';
import { ConcurrentUpdateError, DuplicateKeyError, InvalidInputError } from '@jiceng/persistence';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GatewayError, httpStatusOf, persist } from '../src/kernel/errors.js';
import { extensionsOf, graphQLErrorOf } from '../src/server/responses.js';

/** What a refusal from `persist` says: its code, its status and both languages. */
async function refusal(error: Error) {
  try {
    await persist(() => Promise.reject(error));
  } catch (e) {
    if (!(e instanceof GatewayError)) throw e;
    return { code: e.code, status: httpStatusOf(e.code), text: e.text };
  }
  throw new Error('persist resolved');
}

describe('persist: persistence refusals as gateway refusals, in one place', () => {
  it('passes a result through', async () => {
    expect(await persist(() => Promise.resolve(42))).toBe(42);
  });

  it('turns the domain’s refusals into BAD_USER_INPUT with every issue', async () => {
    const issues = [
      issue('POINTS_UNKNOWN_ITEM', { zh: '未知积分项目', en: 'unknown item' }, ['item']),
      issue('POINTS_EVIDENCE_REQUIRED', { zh: '需要佐证材料', en: 'evidence required' }, ['evidence']),
    ];
    try {
      await persist(() => Promise.reject(new InvalidInputError(issues)));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GatewayError);
      const error = e as GatewayError;
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.issues.map((i) => i.code)).toEqual(['POINTS_UNKNOWN_ITEM', 'POINTS_EVIDENCE_REQUIRED']);
    }
  });

  it('tells a stale write from a taken key, both as CONFLICT (409)', async () => {
    const stale = await refusal(new ConcurrentUpdateError('version 3 expected, found 4'));
    const taken = await refusal(new DuplicateKeyError('key k1 is taken'));
    expect([stale.code, stale.status, taken.code, taken.status]).toEqual(['CONFLICT', 409, 'CONFLICT', 409]);
    expect(stale.text.zh).toContain('已被他人修改');
    expect(taken.text.zh).toContain('已被占用');
    expect(taken.text.en).toContain('already taken');
  });

  it('lets a fault through untouched', async () => {
    const fault = new TypeError('boom');
    await expect(persist(() => Promise.reject(fault))).rejects.toBe(fault);
  });
});

describe('a refusal is transport-free; the GraphQL door maps it in one place', () => {
  const refusal = new GatewayError(
    'BAD_USER_INPUT',
    { zh: '日期无效', en: 'invalid date' },
    { issues: [issue('DATE_INVALID', { zh: '日期无效', en: 'invalid date' }, ['date'])], reason: 'r1' },
  );

  it('is no GraphQLError: the kernel knows nothing of GraphQL', () => {
    expect(refusal).not.toBeInstanceOf(GraphQLError);
    expect([refusal.code, refusal.message, refusal.reason]).toEqual(['BAD_USER_INPUT', 'invalid date', 'r1']);
  });

  it('becomes a GraphQLError with its code, issues, reason and status, in the language asked', () => {
    const error = graphQLErrorOf(refusal, 'zh');
    expect(error.message).toBe('日期无效');
    expect(error.originalError).toBe(refusal);
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'r1',
      issues: [{ code: 'DATE_INVALID', path: ['date'], message: { zh: '日期无效', en: 'invalid date' } }],
      http: { status: 400 },
    });
    expect(extensionsOf(new GatewayError('NOT_FOUND', { zh: '无', en: 'none' }))).toEqual({
      code: 'NOT_FOUND',
    });
  });
});
