import { createTokenService, TokenError } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';

/**
 * Issue #12, the flood: the token service remembers the tokens it verified, so a flood of
 * refused requests does not cost a signature check each. Remembering must never accept what a
 * full verification would refuse.
 */
describe('tokens verified once', () => {
  const secret = 'a-test-secret-of-this-file-only-0123456789-abcdef';
  const at = (iso: string) => new Date(iso);
  const principal = { subject: 'u1', role: 'street_admin', scope: '330102001' } as const;

  const problemOf = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (error) {
      return error instanceof TokenError ? error.problem : 'OTHER';
    }
    return undefined;
  };

  it('answers the same principal again, and refuses the token once it expired', async () => {
    const tokens = createTokenService(secret);
    const token = await tokens.issue(principal, { now: at('2026-11-27T08:00:00Z'), expiresInSeconds: 60 });
    expect(await tokens.verify(token, at('2026-11-27T08:00:10Z'))).toEqual(principal);
    expect(await tokens.verify(token, at('2026-11-27T08:00:59Z'))).toEqual(principal);
    expect(await problemOf(tokens.verify(token, at('2026-11-27T08:01:00Z')))).toBe('TOKEN_EXPIRED');
    expect(await problemOf(tokens.verify(token, at('2026-11-27T08:00:30Z')))).toBeUndefined();
  });

  it('refuses an edited token though the original was verified', async () => {
    const tokens = createTokenService(secret);
    const token = await tokens.issue(principal, { now: at('2026-11-27T08:00:00Z'), expiresInSeconds: 600 });
    await tokens.verify(token, at('2026-11-27T08:00:10Z'));
    const [head, body, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    expect(await problemOf(tokens.verify(`${head}.${body}.${flipped}`, at('2026-11-27T08:00:10Z')))).toBe(
      'TOKEN_INVALID',
    );
  });

  it('does not accept a token verified by another service (another secret)', async () => {
    const mine = createTokenService(secret);
    const theirs = createTokenService(`${secret}-other`);
    const token = await theirs.issue(principal, { now: at('2026-11-27T08:00:00Z'), expiresInSeconds: 600 });
    expect(await theirs.verify(token, at('2026-11-27T08:00:10Z'))).toEqual(principal);
    expect(await problemOf(mine.verify(token, at('2026-11-27T08:00:10Z')))).toBe('TOKEN_INVALID');
  });

  it('still verifies every token when more are in use than it remembers', async () => {
    const tokens = createTokenService(secret);
    const now = at('2026-11-27T08:00:10Z');
    const issued = await Promise.all(
      Array.from({ length: 1_100 }, (_, i) =>
        tokens.issue(
          { ...principal, subject: `u${i}` },
          { now: at('2026-11-27T08:00:00Z'), expiresInSeconds: 600 },
        ),
      ),
    );
    for (const t of issued) await tokens.verify(t, now);
    const subjects = await Promise.all(issued.map(async (t) => (await tokens.verify(t, now)).subject));
    expect(subjects).toEqual(issued.map((_, i) => `u${i}`));
  });
});
