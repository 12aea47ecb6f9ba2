import { describe, expect, it } from 'vitest';
import { gql, NOW, useGateway } from './support.js';

const county = { subject: 'admin-1', role: 'county_admin', scope: '330102' } as const;
const street = { subject: 'street-1', role: 'street_admin', scope: '330102001' } as const;

describe('authentication', () => {
  const gw = useGateway();

  it('treats a caller without a token as the public', async () => {
    const r = await gql(gw.app, '{ viewer { role scope } }');
    expect(r.data).toEqual({ viewer: { role: 'public', scope: '' } });
  });

  it('reads role and scope from a valid bearer token', async () => {
    const r = await gql(gw.app, '{ viewer { subject role scope } }', { token: await gw.token(street) });
    expect(r.data).toEqual({ viewer: { subject: 'street-1', role: 'street_admin', scope: '330102001' } });
  });

  it('refuses a forged token with UNAUTHENTICATED, in the caller’s language', async () => {
    const forged = `${(await gw.token(county)).slice(0, -4)}AAAA`;
    const zh = await gql(gw.app, '{ viewer { role } }', { token: forged });
    expect(zh.status).toBe(401);
    expect(zh.data).toBeUndefined();
    expect(zh.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(zh.errors?.[0]?.message).toBe('身份令牌无效');
    const en = await gql(gw.app, '{ viewer { role } }', { token: forged, language: 'en-GB,en;q=0.9' });
    expect(en.errors?.[0]?.message).toBe('the token is not valid');
  });

  it('refuses an expired token with its own message', async () => {
    const expired = await gw.token(county, -10);
    const r = await gql(gw.app, '{ viewer { role } }', { token: expired, language: 'en' });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: 'Token abc' },
      payload: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('denies rule profiles to the public by default', async () => {
    const r = await gql(gw.app, '{ ruleProfile { id } }');
    expect(r.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(r.data).toBeNull();
  });

  it('uses the injected clock, not the wall clock', () => {
    expect(NOW.toISOString()).toBe('2026-11-27T04:00:00.000Z');
  });
});
