import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createGateway,
  createGatewayServices,
  createOidcVerifier,
  createTokenService,
  createTokenVerifier,
  type GatewayServices,
  type OidcConfig,
  oidcConfigFromEnv,
  secretsFromEnv,
} from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import type { FastifyInstance } from 'fastify';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type CryptoKey as JoseKey,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, NOW, SECRET } from './support.js';

const ISSUER = 'https://id.county.example';
const AUDIENCE = 'jiceng';

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256' | 'EdDSA';
  readonly privateKey: JoseKey;
  readonly publicKey: JoseKey;
  readonly jwk: JWK;
}

async function signingKey(kid: string, alg: SigningKey['alg']): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

describe('staff tokens from a county identity provider (OIDC, JWKS with key rotation)', () => {
  let jwksServer: Server;
  let jwksUrl = '';
  /** What the provider's JWKS endpoint serves now; a test rotates it. */
  let published: JWK[] = [];
  let fetches = 0;
  let db: Database;
  let services: GatewayServices;
  let app: FastifyInstance;
  let rsa: SigningKey;
  let ec: SigningKey;
  let ed: SigningKey;

  const claims = (over: JWTPayload = {}): JWTPayload => ({
    sub: 'staff-0001',
    groups: ['all-staff', 'street-staff'],
    org: '330102001',
    name: '王科长',
    ...over,
  });
  const sign = (key: SigningKey, over: JWTPayload = {}, options: { iss?: string; aud?: string } = {}) =>
    new SignJWT(claims(over))
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setIssuedAt(Math.floor(NOW.getTime() / 1000) - 3600)
      .setExpirationTime(over.exp ?? Math.floor(NOW.getTime() / 1000) + 600)
      .sign(key.privateKey);
  const viewer = (token: string) => gql(app, '{ viewer { subject role scope name } }', { token });

  beforeAll(async () => {
    [rsa, ec, ed] = await Promise.all([
      signingKey('rsa-2026-1', 'RS256'),
      signingKey('ec-2026-2', 'ES256'),
      signingKey('ed-2026-3', 'EdDSA'),
    ]);
    published = [rsa.jwk, ed.jwk];
    jwksServer = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((ready) => jwksServer.listen(0, '127.0.0.1', ready));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
    const config: OidcConfig = {
      ...oidcConfigFromEnv(
        {
          JICENG_OIDC_ISSUER: ISSUER,
          JICENG_OIDC_JWKS_URL: jwksUrl,
          JICENG_OIDC_AUDIENCE: AUDIENCE,
          JICENG_OIDC_ROLE_CLAIM: 'groups',
          JICENG_OIDC_ROLE_MAP: 'street-staff=street_admin,county-admins=county_admin',
          JICENG_OIDC_SCOPE_CLAIM: 'org',
        },
        'development',
      )!,
      // Refetch at once for an unknown key id (30 s by default), so the test need not wait.
      cooldownMs: 0,
    };
    db = await openDatabase({ url: 'sqlite::memory:' });
    services = await createGatewayServices(db, { record: () => {} });
    app = await createGateway({
      services,
      tokens: createTokenVerifier({ local: createTokenService(SECRET), oidc: createOidcVerifier(config) }),
      environment: 'test',
      now: () => NOW,
      logger: { error: () => {} },
    });
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await services.close();
    await db.close();
    await new Promise((done) => jwksServer.close(done));
  });

  it('accepts RS256 and EdDSA tokens of the configured issuer, mapping its group claim to a role and its org claim to a scope', async () => {
    for (const key of [rsa, ed]) {
      expect((await viewer(await sign(key))).data).toEqual({
        viewer: { subject: 'staff-0001', role: 'street_admin', scope: '330102001', name: '王科长' },
      });
    }
    // The gateway's own tokens still work beside them.
    const own = await createTokenService(SECRET).issue(
      { subject: 'local', role: 'grid_worker', scope: '330102001001001' },
      { now: NOW, expiresInSeconds: 600 },
    );
    expect((await viewer(own)).data).toMatchObject({ viewer: { role: 'grid_worker' } });
  });

  it('after a key rotation: the new key id is fetched and accepted, the retired one refused', async () => {
    const before = fetches;
    published = [ec.jwk];
    expect((await viewer(await sign(ec))).data).toMatchObject({ viewer: { role: 'street_admin' } });
    expect(fetches).toBeGreaterThan(before);
    const old = await viewer(await sign(rsa));
    expect(old.status).toBe(401);
    expect(old.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    published = [ec.jwk, rsa.jwk, ed.jwk];
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    expect((await viewer(await sign(rsa, {}, { iss: 'https://id.elsewhere.example' }))).status).toBe(401);
    expect((await viewer(await sign(rsa, {}, { aud: 'another-app' }))).status).toBe(401);
  });

  it('refuses alg none, and HS256 signed with the provider’s public key as the secret', async () => {
    const unsigned = new UnsecuredJWT(claims())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 600)
      .encode();
    expect((await viewer(unsigned)).status).toBe(401);
    const publicPem = await exportSPKI(rsa.publicKey);
    const confused = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 600)
      .sign(new TextEncoder().encode(publicPem));
    expect((await viewer(confused)).status).toBe(401);
  });

  it('refuses a token whose groups map to no Jiceng role, or to two, and one without a scope', async () => {
    expect((await viewer(await sign(rsa, { groups: ['all-staff'] }))).status).toBe(401);
    expect((await viewer(await sign(rsa, { groups: ['street-staff', 'county-admins'] }))).status).toBe(401);
    expect((await viewer(await sign(rsa, { org: '' }))).status).toBe(401);
    const expired = await viewer(await sign(rsa, { exp: Math.floor(NOW.getTime() / 1000) - 60 }));
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0]?.extensions?.['reason']).toBe('TOKEN_EXPIRED');
  });

  it('reads its configuration from the environment and refuses what would be unsafe', () => {
    const base = { JICENG_OIDC_ISSUER: ISSUER, JICENG_OIDC_AUDIENCE: AUDIENCE };
    expect(() => oidcConfigFromEnv(base, 'production')).toThrow(/^OIDC_INCOMPLETE:/);
    expect(() =>
      oidcConfigFromEnv({ ...base, JICENG_OIDC_JWKS_URL: 'http://id.county.example/jwks' }, 'production'),
    ).toThrow(/^OIDC_INVALID:.*https/);
    expect(() =>
      oidcConfigFromEnv(
        {
          ...base,
          JICENG_OIDC_JWKS_URL: 'https://id.county.example/jwks',
          JICENG_OIDC_ALGORITHMS: 'RS256,HS256',
        },
        'production',
      ),
    ).toThrow(/^OIDC_INVALID:.*HS256/);
    expect(() =>
      oidcConfigFromEnv(
        { ...base, JICENG_OIDC_JWKS_URL: 'https://id.county.example/jwks', JICENG_OIDC_ROLE_MAP: 'x=mayor' },
        'production',
      ),
    ).toThrow(/^OIDC_INVALID:/);
    expect(() => oidcConfigFromEnv({ JICENG_OIDC_AUDIENCE: 'x' }, 'production')).toThrow(/^OIDC_INCOMPLETE:/);
    // Production may rely on the provider alone: no token secret of its own.
    const secrets = secretsFromEnv({
      NODE_ENV: 'production',
      ...base,
      JICENG_OIDC_JWKS_URL: 'https://id.county.example/jwks',
      JICENG_DATA_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7)).toString('base64'),
      JICENG_DATA_LOOKUP_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i * 5 + 1)).toString('base64'),
    });
    expect(secrets.tokenKey).toEqual({ source: 'none' });
    expect(secrets.oidc).toMatchObject({ issuer: ISSUER, algorithms: ['RS256', 'ES256', 'EdDSA'] });
  });
});
