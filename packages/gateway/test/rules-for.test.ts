import { createProfileCatalog, type ProfileCatalog, unwrap } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { ruleHistoryFor, rulesFor } from '../src/application/rules.js';
import type { GatewayServices } from '../src/kernel/context.js';
import { GatewayError } from '../src/kernel/errors.js';

// The one lookup of a county's rules, used by every door (GraphQL areas, Open311, the sweeps).
const catalog: ProfileCatalog = unwrap(createProfileCatalog([]));
const ctx = {
  services: { profiles: () => catalog } as unknown as GatewayServices,
  now: new Date('2026-12-04T17:00:00Z'), // 2026-12-05 01:00 in China
};

function refusal(work: () => unknown): GatewayError {
  try {
    work();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('rulesFor', () => {
  it('answers the profile in force today in China by default, or on the day asked', () => {
    const today = rulesFor(ctx, 'reference');
    expect(today).toEqual(unwrap(catalog.profileAt('reference', '2026-12-05')));
    expect(rulesFor(ctx, 'reference', '2026-01-01')).toEqual(
      unwrap(catalog.profileAt('reference', '2026-01-01')),
    );
  });

  it('refuses an unknown profile as NOT_FOUND, naming it in both languages', () => {
    const error = refusal(() => rulesFor(ctx, 'no_such_county'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.text).toEqual({
      zh: '未找到：规则配置 no_such_county',
      en: 'not found: rule profile no_such_county',
    });
    expect(refusal(() => ruleHistoryFor(ctx, 'no_such_county')).text).toEqual(error.text);
  });

  it('refuses a day the profile cannot answer as BAD_USER_INPUT with the catalogue’s issues', () => {
    const answer = catalog.profileAt('reference', '1900-01-01');
    expect(answer.ok).toBe(false);
    const error = refusal(() => rulesFor(ctx, 'reference', '1900-01-01'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.issues.map((i) => i.code)).toEqual(answer.ok ? [] : answer.issues.map((i) => i.code));
  });

  it('gives every version of a profile', () => {
    expect(ruleHistoryFor(ctx, 'reference')).toBe(catalog.history('reference'));
  });
});
