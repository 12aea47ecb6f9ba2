import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createGateway,
  createGatewayServices,
  createTokenService,
  type GatewayOptions,
  type GatewayServices,
} from '@jiceng/gateway';
import { type Database, OrgRepository, openDatabase } from '@jiceng/persistence';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from '../../../scripts/chromium.js';
import { NOW, SECRET } from './support.js';

/** What a browser on another origin, or a developer's browser, meets at the gateway. */

const IDE_SOURCES = new URL('../ide/', import.meta.url);
const artifacts = new URL('../../../test-artifacts/', import.meta.url);
const launch = chromiumForTests();

let db: Database;
let services: GatewayServices;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  db = await openDatabase({ url: 'sqlite::memory:' });
  await new OrgRepository(db.em).replaceTree('administrative', [
    { code: '330102001', parentCode: null, level: 'street', subtype: 'street', name: 'XX街道' },
    {
      code: '330102001001',
      parentCode: '330102001',
      level: 'community',
      subtype: 'community',
      name: '一社区',
    },
  ]);
  services = await createGatewayServices(db, { record: () => {} });
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await services?.close();
  await db?.close();
});

async function gateway(options: Partial<GatewayOptions>): Promise<FastifyInstance> {
  const app = await createGateway({
    services,
    tokens: createTokenService(SECRET),
    environment: 'development',
    now: () => NOW,
    ...options,
  });
  apps.push(app);
  return app;
}

function preflight(app: FastifyInstance, origin: string) {
  return app.inject({
    method: 'OPTIONS',
    url: '/graphql',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

describe('CORS: a frontend on another origin', () => {
  it('is answered, preflight and request, when its origin is configured; other origins are not', async () => {
    const app = await gateway({ environment: 'production', corsOrigins: ['https://app.example.org'] });
    const allowed = await preflight(app, 'https://app.example.org');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/authorization/);
    const post = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { origin: 'https://app.example.org', 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(post.statusCode).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(JSON.parse(post.body)).toEqual({ data: { viewer: { role: 'public' } } });

    const other = await preflight(app, 'https://elsewhere.example.org');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps CSRF prevention: a simple cross-origin POST is still refused', async () => {
    const app = await gateway({ corsOrigins: ['https://app.example.org'] });
    const simple = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { origin: 'https://app.example.org', 'content-type': 'text/plain' },
      payload: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(simple.statusCode).toBe(400);
    expect(simple.body).toMatch(/CSRF/i);
  });

  it('allows no origin by default in production, and pages from this machine in development', async () => {
    const production = await gateway({ environment: 'production' });
    expect(
      (await preflight(production, 'http://localhost:5173')).headers['access-control-allow-origin'],
    ).toBe(undefined);
    const development = await gateway({});
    expect(
      (await preflight(development, 'http://localhost:5173')).headers['access-control-allow-origin'],
    ).toBe('http://localhost:5173');
    expect(
      (await preflight(development, 'https://app.example.org')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });
});

describe('GraphiQL at /graphql in development, from the package itself', () => {
  let assets: URL;
  let scratch: string;
  let token: string;

  beforeAll(async () => {
    // The test's own build of the bundle, as `build:ide` makes it.
    scratch = await mkdtemp(join(tmpdir(), 'jiceng-ide-'));
    await build({
      configFile: new URL('vite.config.js', IDE_SOURCES).pathname,
      logLevel: 'silent',
      build: { outDir: scratch, emptyOutDir: true },
    });
    assets = pathToFileURL(`${scratch}/`);
    token = await createTokenService(SECRET).issue(
      { subject: 'dev-street-admin', role: 'street_admin', scope: '330102001', name: '开发者' },
      { now: NOW, expiresInSeconds: 3600 },
    );
  }, 180_000);

  afterAll(async () => {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  const page = (app: FastifyInstance) =>
    app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });

  it('serves the page with the token filled in, and every script and style from /ide/, none from a CDN', async () => {
    const app = await gateway({ ide: { token, assets } });
    const res = await page(app);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="jiceng-ide"');
    expect(res.body).toContain(`Bearer ${token}`);
    expect(res.body).not.toMatch(/(src|href)="https?:/);
    const script = /<script type="module" crossorigin src="(\/ide\/assets\/[^"]+\.js)"/.exec(res.body)?.[1];
    expect(script).toBeDefined();
    const asset = await app.inject({ method: 'GET', url: script! });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await app.inject({ method: 'GET', url: '/ide/assets/..%2F..%2Fpackage.json' })).statusCode).toBe(
      404,
    );
  });

  it('says how to build the IDE when it is not built, and shows none in production', async () => {
    const missing = await gateway({ ide: { assets: pathToFileURL(join(scratch, 'nowhere/')) } });
    expect((await page(missing)).body).toContain('build:ide');
    const production = await gateway({ environment: 'production', ide: { assets } });
    const res = await page(production);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/jiceng-ide|<script|https?:\/\//);
  });

  describe.skipIf(!launch)('in headless Chromium with no network but this machine', () => {
    let browser: Browser | undefined;
    let origin = '';

    beforeAll(async () => {
      const app = await gateway({ ide: { token, assets } });
      origin = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await chromium.launch(launch);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('loads GraphiQL and runs the first query with the filled-in token', async () => {
      const tab = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
      const elsewhere: string[] = [];
      const problems: string[] = [];
      // As offline: anything but this machine fails.
      await tab.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:')
          return route.continue();
        elsewhere.push(url.href);
        return route.abort();
      });
      tab.on('pageerror', (e) => problems.push(e.message));
      await tab.goto(`${origin}/graphql`);
      const run = tab.locator('.graphiql-execute-button');
      await run.waitFor({ timeout: 60_000 });
      // The editors fill in once Monaco has started: the query, and the token in the headers.
      await expect
        .poll(() => tab.locator('.graphiql-query-editor').textContent(), { timeout: 60_000 })
        .toContain('myScope');
      const result = tab.locator('.result-window');
      await expect
        .poll(
          async () => {
            const shown = (await result.textContent()) ?? '';
            // A click before GraphiQL has fetched the schema may do nothing yet: click again.
            if (shown === '') await run.click();
            return shown;
          },
          { timeout: 60_000, interval: 1_000 },
        )
        // The editor shows spaces as no-break spaces, which \s matches.
        .toMatch(/"role":\s*"street_admin"[\s\S]*"name":\s*"一社区"/);
      await mkdir(artifacts, { recursive: true });
      await tab.screenshot({ path: new URL('graphiql.png', artifacts).pathname });
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    }, 120_000);
  });
});
