import { issue } from '@jiceng/domain';
import { ConcurrentUpdateError, DuplicateKeyError, InvalidInputError } from '@jiceng/persistence';
import { describe, expect, it } from 'vitest';
import { GatewayError, persist } from '../src/kernel/errors.js';

/** What a refusal from `persist` says: its code, its status and both languages. */
async function refusal(error: Error) {
  try {
    await persist(() => Promise.reject(error));
  } catch (e) {
    if (!(e instanceof GatewayError)) throw e;
    return { code: e.code, status: (e.extensions['http'] as { status: number }).status, text: e.text };
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
      expect((error.extensions['issues'] as { code: string }[]).map((i) => i.code)).toEqual([
        'POINTS_UNKNOWN_ITEM',
        'POINTS_EVIDENCE_REQUIRED',
      ]);
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
