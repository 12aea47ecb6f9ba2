import { createServer } from 'node:net';
import { startServer } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';
import { listenWhileStarting, type StartingState } from '../src/server/starting.js';

const graphqlPost = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { role } }' }),
  });

/** Whether a plain TCP server can bind the port now (it was freed). */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('the port held while the gateway starts', () => {
  it('answers alive on /healthz, loading on /readyz and 503 STARTING elsewhere, then frees the port', async () => {
    const state: StartingState = {};
    const holding = await listenWhileStarting('127.0.0.1', 0, state);
    const base = `http://127.0.0.1:${holding.port}`;
    try {
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'starting' });

      state.progress = { step: 'points_ledger', done: 250, total: 1000 };
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(await ready.json()).toEqual({
        status: 'loading',
        progress: { step: 'points_ledger', done: 250, total: 1000 },
      });

      const api = await graphqlPost(`${base}/graphql`);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('5');
      expect(api.headers.get('cache-control')).toBe('no-store');
      const body = (await api.json()) as {
        errors: { message: string; extensions: Record<string, unknown> }[];
      };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]!.extensions['code']).toBe('STARTING');
      expect(body.errors[0]!.extensions['message']).toEqual({
        zh: '网关正在启动：正在载入参考县（points_ledger 25%），请稍候',
        en: 'the gateway is starting: loading the reference county (points_ledger 25%); try again shortly',
      });
      expect(body.errors[0]!.message).toBe(
        'the gateway is starting: loading the reference county (points_ledger 25%); try again shortly',
      );

      // A browser gets a page that reloads itself, with the step name escaped.
      state.progress = { step: '<b>x</b>', done: 1, total: 0 };
      const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('<meta http-equiv="refresh" content="5">');
      expect(html).toContain('&lt;b&gt;x&lt;/b&gt; 0%');
      expect(html).not.toContain('<b>x</b>');
    } finally {
      await holding.close();
    }
    await holding.close(); // idempotent
    expect(await canBind(holding.port)).toBe(true);
  });

  it('refuses a port in use with a StartError that says so, before any load', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    let loads = 0;
    try {
      await expect(
        startServer({
          databaseUrl: 'sqlite::memory:',
          host: '127.0.0.1',
          port,
          profileFiles: [],
          env: {},
          onSeedProgress: () => {
            loads += 1;
          },
        }),
      ).rejects.toMatchObject({ name: 'StartError', message: expect.stringContaining('already in use') });
      expect(loads).toBe(0);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('answers "starting" during the first load of the reference county, then serves on the same port', async () => {
    let address: string | undefined;
    let during: Promise<{ health: unknown; status: number; code: unknown; ready: number }> | undefined;
    const server = await startServer({
      databaseUrl: 'sqlite::memory:',
      host: '127.0.0.1',
      port: 0,
      profileFiles: [],
      env: {
        JICENG_PUBLIC_URL: 'https://gateway.example.cn/',
        JICENG_OPEN311_CONTACT: '县网格中心 0710-1234567',
      },
      seedScale: 0.05,
      now: new Date('2026-11-27T04:00:00Z'),
      onListening: (at) => {
        address = at;
        // Asked while the load has not begun: the held port answers it.
        // (All at once, so each connects while the load is still ahead.)
        during = (async () => {
          const [health, ready, api] = await Promise.all([
            fetch(`${at}/healthz`),
            fetch(`${at}/readyz`),
            graphqlPost(`${at}/graphql`),
          ]);
          const body = (await api.json()) as { errors: { extensions: { code: unknown } }[] };
          return {
            health: await health.json(),
            status: api.status,
            code: body.errors[0]!.extensions.code,
            ready: ready.status,
          };
        })();
      },
    });
    try {
      expect(server.seeded).toBeDefined();
      expect(await during).toEqual({
        health: { status: 'starting' },
        status: 503,
        code: 'STARTING',
        ready: 503,
      });
      expect(server.url).toBe(`${address}/graphql`);
      const health = await fetch(`${address}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const api = await graphqlPost(server.url);
      expect(await api.json()).toEqual({ data: { viewer: { role: 'public' } } });
      // Open311 discovery says what the environment configured, and the county the load made.
      const discovery = await (await fetch(`${address}/open311/discovery.json`)).json();
      expect(discovery).toMatchObject({
        contact: '县网格中心 0710-1234567',
        endpoints: [{ url: 'https://gateway.example.cn/open311/v2', type: 'test' }],
      });
      const elsewhere = await fetch(`${address}/open311/v2/services.json?jurisdiction_id=999999`);
      expect(elsewhere.status).toBe(404);
      expect((await fetch(`${address}/open311/v2/services.json?jurisdiction_id=330102`)).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 180_000);
});
