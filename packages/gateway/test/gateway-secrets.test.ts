import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTokenService,
  runCli,
  StartError,
  type StartOptions,
  secretsFromEnv,
  startServer,
} from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';

const b64 = (bytes: number) => randomBytes(bytes).toString('base64');
const STRONG = b64(48);
const DATA_KEYS = { JICENG_DATA_KEY: b64(32), JICENG_DATA_LOOKUP_KEY: b64(32) };
/** The secret every release before per-database keys signed development tokens with. */
const OLD_DEVELOPMENT_SECRET = 'jiceng-development-secret-do-not-use-in-production';

const start = (env: NodeJS.ProcessEnv, databaseUrl = 'sqlite::memory:') =>
  startServer({
    databaseUrl,
    host: '127.0.0.1',
    port: 0,
    profileFiles: [],
    env,
    seedWhenEmpty: false,
    escalateEveryMinutes: 0,
  } satisfies StartOptions);

async function refusal(env: NodeJS.ProcessEnv): Promise<StartError> {
  const error = await start(env).then(
    async (server) => {
      await server.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartError);
  return error as StartError;
}

async function post(url: string, query: string, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
}

describe('production refuses known and guessable token secrets', () => {
  it.each([
    [
      'the development secret written in the source of earlier releases',
      OLD_DEVELOPMENT_SECRET,
      'TOKEN_SECRET_KNOWN',
    ],
    ['32 × a', 'a'.repeat(32), 'TOKEN_SECRET_LOW_ENTROPY'],
    ['a run of the alphabet', 'abcdefghijklmnopqrstuvwxyz0123456789', 'TOKEN_SECRET_LOW_ENTROPY'],
    ['a repeated block', 'Xk9#vQ2!'.repeat(5), 'TOKEN_SECRET_LOW_ENTROPY'],
    ['a short one', 'short-secret', 'TOKEN_SECRET_TOO_SHORT'],
  ])('production accepted %s: now refused, naming the rule', async (_what, secret, rule) => {
    const error = await refusal({ NODE_ENV: 'production', JICENG_JWT_SECRET: secret, ...DATA_KEYS });
    expect(error.message.startsWith(`${rule}:`)).toBe(true);
  });

  it('a token minted with the old development secret got county_admin in production: now refused', async () => {
    const server = await start({ NODE_ENV: 'production', JICENG_JWT_SECRET: STRONG, ...DATA_KEYS });
    try {
      const forged = await createTokenService(OLD_DEVELOPMENT_SECRET).issue(
        { subject: 'x', role: 'county_admin', scope: '330102' },
        { now: new Date(), expiresInSeconds: 600 },
      );
      const r = await post(server.url, '{ viewer { role } }', forged);
      expect(r.status).toBe(401);
      expect(server.developmentToken).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('jiceng serve prints the rule and exits 1', async () => {
    const err: string[] = [];
    const code = await runCli(['serve', '--db', 'sqlite::memory:', '--no-seed', '--port', '0'], {
      out: () => {},
      err: (line) => err.push(line),
      now: new Date(),
      env: { NODE_ENV: 'production', JICENG_JWT_SECRET: 'a'.repeat(32), JICENG_LOG_LEVEL: 'silent' },
      stopped: Promise.resolve(),
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('TOKEN_SECRET_LOW_ENTROPY');
  });
});

describe('the mode is explicit and case-proof', () => {
  it('NODE_ENV=Production (capital P) ran in development mode with introspection on: now production', async () => {
    expect((await refusal({ NODE_ENV: 'Production' })).message).toMatch(/^TOKEN_SECRET_REQUIRED:/);
    const server = await start({ NODE_ENV: ' PRODUCTION ', JICENG_JWT_SECRET: STRONG, ...DATA_KEYS });
    try {
      const r = await post(server.url, '{ __schema { queryType { name } } }');
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body.errors)).toMatch(/introspection/i);
    } finally {
      await server.close();
    }
  });

  it.each([
    [{ NODE_ENV: 'prod' }, 'MODE_UNKNOWN'],
    [{ NODE_ENV: 'staging' }, 'MODE_UNKNOWN'],
    [{ JICENG_MODE: 'live' }, 'MODE_UNKNOWN'],
    [{ JICENG_MODE: 'development', NODE_ENV: 'production' }, 'MODE_CONFLICT'],
  ])('refuses %o rather than running in development mode (%s)', async (env, rule) => {
    expect((await refusal(env)).message.startsWith(`${rule}:`)).toBe(true);
  });

  it('JICENG_MODE=production is production whatever the case; development stays the default', () => {
    expect(secretsFromEnv({ JICENG_MODE: 'Production', JICENG_JWT_SECRET: STRONG, ...DATA_KEYS }).mode).toBe(
      'production',
    );
    expect(secretsFromEnv({}).mode).toBe('development');
    expect(secretsFromEnv({ NODE_ENV: 'test' }).mode).toBe('development');
  });

  it('production requires its own personal-data keys: two distinct random 32-byte keys', async () => {
    const env = { NODE_ENV: 'production', JICENG_JWT_SECRET: STRONG };
    expect((await refusal(env)).message).toMatch(/^DATA_KEY_REQUIRED:/);
    const key = b64(32);
    for (const keys of [
      { JICENG_DATA_KEY: key, JICENG_DATA_LOOKUP_KEY: key },
      { JICENG_DATA_KEY: b64(16), JICENG_DATA_LOOKUP_KEY: key },
      { JICENG_DATA_KEY: Buffer.alloc(32).toString('base64'), JICENG_DATA_LOOKUP_KEY: key },
      { JICENG_DATA_KEY: 'not base64 at all!', JICENG_DATA_LOOKUP_KEY: key },
    ])
      expect((await refusal({ ...env, ...keys })).message).toMatch(/^DATA_KEY_INVALID:/);
  });
});

describe('development keys are generated per database, not shipped', () => {
  it('jiceng token --db signs with the key of that database: serve on it accepts the token, serve on another refuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-keys-'));
    const [a, b] = [`sqlite:${join(dir, 'a.db')}`, `sqlite:${join(dir, 'b.db')}`];
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['token', '--role', 'street_admin', '--scope', '330102001', '--db', a], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      now: new Date(),
      env: {},
    });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const token = out.join('').trim();
    await expect(createTokenService(OLD_DEVELOPMENT_SECRET).verify(token, new Date())).rejects.toThrow();
    const onA = await start({}, a);
    try {
      const r = await post(onA.url, '{ viewer { role scope } }', token);
      expect(r.body).toEqual({ data: { viewer: { role: 'street_admin', scope: '330102001' } } });
      // The token serve prints is signed with the same key.
      const own = await post(onA.url, '{ viewer { role } }', onA.developmentToken);
      expect(own.body).toEqual({ data: { viewer: { role: 'county_admin' } } });
    } finally {
      await onA.close();
    }
    const onB = await start({}, b);
    try {
      expect((await post(onB.url, '{ viewer { role } }', token)).status).toBe(401);
    } finally {
      await onB.close();
    }
  }, 60_000);
});
