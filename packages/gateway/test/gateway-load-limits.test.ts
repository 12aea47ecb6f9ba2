import { connect, type Socket } from 'node:net';
import {
  createGateway,
  createGatewayServices,
  createTokenService,
  type GatewayServices,
  type Principal,
} from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import { seedReferenceCounty } from '@jiceng/persistence/seed';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, SECRET } from './support.js';

// One principal must not take the server from everyone else: bounded work in flight, limits keyed
// on who the caller really is, abandoned requests cancelled, public answers computed once.
const STREET = '330102001';
const DASHBOARD = `{ myScope { code statistics { grids workers partyMembers }
  children(first: 10) { edges { node { code statistics { grids workers partyMembers }
    children(first: 10) { edges { node { code statistics { workers partyMembers } } } } } } } }
  partyMembers(scope: "${STREET}", first: 100) { totalCount edges { node { code yearTotal(year: 2025) } } } }`;

interface Answer {
  // Only read where the test has just asserted its shape.
  data: Record<string, { grids: number }>;
  errors: { extensions: { code: string; issues: { code: string }[] } }[];
}

describe.each(e2eDatabases())('load limits on $name', (engine) => {
  let db: Database;
  let services: GatewayServices;
  let app: FastifyInstance;
  let base: URL;
  let drop: () => Promise<void>;
  const tokens = createTokenService(SECRET);
  const token = (subject: string, extra: Partial<Principal> = {}) =>
    tokens.issue(
      { subject, role: 'street_admin', scope: STREET, ...extra },
      { now: new Date(), expiresInSeconds: 3600 },
    );
  const post = async (auth: string | undefined, query: string) => {
    const res = await fetch(`${base.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Answer,
    };
  };
  /** A request whose body never finishes: it holds its admission slot until the socket closes. */
  const hold = (auth: string): Promise<Socket> =>
    new Promise((resolve) => {
      const socket = connect(Number(base.port), '127.0.0.1', () => {
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${auth}\r\nContent-Length: 1000\r\n\r\n{"query":`,
        );
        // The server has read the headers (and admitted it) once another request can see it.
        setTimeout(() => resolve(socket), 150);
      });
    });

  beforeAll(async () => {
    const scratch = await engine.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    await seedReferenceCounty(db, { scale: 0.2, today: '2026-11-27' as never });
    services = await createGatewayServices(db, { record: () => {} });
    app = await createGateway({
      services,
      tokens,
      environment: 'test',
      logger: { error: () => {} },
      rateLimitPerMinute: 12,
      concurrency: { perPrincipal: 2, total: 3 },
    });
    base = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await services.close();
    await db.close();
    await drop();
  }, 60_000);

  it('refuses a principal over its concurrent requests at once (429), and the server when full (503)', async () => {
    const flooder = await token('flooder');
    const held = [await hold(flooder), await hold(flooder)];
    const over = await post(flooder, '{ __typename }');
    expect([over.status, over.retryAfter, over.body.errors[0]?.extensions.code]).toEqual([
      429,
      '1',
      'TOO_MANY_CONCURRENT',
    ]);
    // Someone else still gets in: one slot of three is left.
    const colleague = await token('colleague');
    expect((await post(colleague, '{ __typename }')).status).toBe(200);
    held.push(await hold(colleague));
    const full = await post(await token('third'), '{ __typename }');
    expect([full.status, full.retryAfter, full.body.errors[0]?.extensions.code]).toEqual([
      503,
      '1',
      'SERVER_BUSY',
    ]);
    // Probes are never refused, even now.
    expect((await fetch(`${base.origin}/healthz`)).status).toBe(200);
    // A client that goes away gives its slot back.
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await post(flooder, '{ __typename }')).status).toBe(200);
  });

  it("gives costly queries a smaller share: a caller's second dashboard is refused, its cheap query and a colleague's dashboard are not", async () => {
    // Its own gateway on the same database: one costly query per caller, two in all, no wait.
    const strict = await createGateway({
      services,
      tokens,
      environment: 'test',
      logger: { error: () => {} },
      concurrency: {
        perPrincipal: 4,
        total: 8,
        waitMs: 1,
        costly: { fromCost: 1000, perPrincipal: 1, total: 2 },
      },
    });
    try {
      const url = await strict.listen({ host: '127.0.0.1', port: 0 });
      const send = async (auth: string, query: string) => {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as Answer;
        return [
          res.status,
          res.headers.get('retry-after'),
          body.errors?.[0]?.extensions.code ?? 'ok',
        ] as const;
      };
      const [flooder, colleague] = [await token('costly-flooder'), await token('costly-colleague')];
      const [first, second, cheap, other] = await Promise.all([
        send(flooder, DASHBOARD),
        send(flooder, DASHBOARD),
        send(flooder, '{ __typename }'),
        send(colleague, DASHBOARD),
      ]);
      // Whichever of the flooder's dashboards came first runs; the other waited its 1 ms in vain.
      expect([first, second].map((a) => a.map(String).join(' ')).sort()).toEqual([
        '200 null ok',
        '429 1 TOO_MANY_CONCURRENT',
      ]);
      expect([cheap, other]).toEqual([
        [200, null, 'ok'],
        [200, null, 'ok'],
      ]);
      // The slot is given back with the answer: the next dashboard runs.
      expect(await send(flooder, DASHBOARD)).toEqual([200, null, 'ok']);
    } finally {
      await strict.close();
    }
  });

  it('counts every token of one subject against one rate limit, and an edited token against its address', async () => {
    const a = await token('limited');
    const b = await token('limited', { name: 'another session' });
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await post(i % 2 === 0 ? a : b, '{ __typename }')).status;
    expect(last).toBe(200);
    const over = await post(a, '{ __typename }');
    expect([over.status, over.body.errors[0]?.extensions.code]).toEqual([429, 'RATE_LIMITED']);
    // A token edited inside its signature verifies as nobody: 401, counted against its address.
    const at = b.length - 10;
    const edited = `${b.slice(0, at)}${b[at] === 'A' ? 'B' : 'A'}${b.slice(at + 1)}`;
    expect((await post(edited, '{ __typename }')).status).toBe(401);
    // The last character of a signature carries two padding bits, so four variants of it verify:
    // they are the same subject and share its spent budget, none gets a fresh one (issue #13 saw
    // 4 × 600 a minute).
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const group = alphabet.indexOf(b.at(-1)!) & ~3;
    const variants = [...alphabet.slice(group, group + 4)].map((c) => `${b.slice(0, -1)}${c}`);
    expect(variants).toHaveLength(4);
    for (const variant of variants) expect((await post(variant, '{ __typename }')).status).toBe(429);
    // /healthz is not rate limited.
    for (let i = 0; i < 15; i++) expect((await fetch(`${base.origin}/healthz`)).status).toBe(200);
  });

  it('stops the database work of a request whose client went away', async () => {
    const knex = db.em.getConnection().getKnex();
    let queued = 0;
    let ran = 0;
    const onQueued = () => {
      queued++;
    };
    const onRan = () => {
      ran++;
    };
    knex.on('query', onQueued);
    knex.on('query-response', onRan);
    try {
      const full = await post(await token('reader'), DASHBOARD);
      expect(full.body.errors).toBeUndefined();
      const all = ran;
      expect(all).toBeGreaterThanOrEqual(6);
      [queued, ran] = [0, 0];
      const body = JSON.stringify({ query: DASHBOARD });
      const socket = connect(Number(base.port), '127.0.0.1');
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${await token('leaver')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      // Leave as soon as the first statement is on its way.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (queued > 0) {
            clearInterval(check);
            resolve();
          }
        }, 0);
      });
      socket.destroy();
      await new Promise((r) => setTimeout(r, 500));
      // SQLite runs one statement at a time and checks before each: what was queued when the
      // client left is not run. PostgreSQL sends a level's statements at once, so those run (the
      // statement timeout bounds them) and the levels after are not.
      expect(ran).toBeLessThan(engine.name === 'sqlite' ? all / 2 : all);
    } finally {
      knex.off('query', onQueued);
      knex.off('query-response', onRan);
    }
  });

  it('answers the public statistics from one computation, until a write', async () => {
    const knex = db.em.getConnection().getKnex();
    let statements = 0;
    const count = () => {
      statements++;
    };
    const query = `{ publicStatistics(code: "${STREET}") { grids households } }`;
    const first = await post(undefined, query);
    expect(first.body.data['publicStatistics']?.grids).toBeGreaterThan(0);
    knex.on('query', count);
    try {
      const again = await Promise.all([1, 2, 3].map(() => post(undefined, query)));
      expect(again.map((r) => r.body)).toEqual([first.body, first.body, first.body]);
      expect(statements).toBe(0);
    } finally {
      knex.off('query', count);
    }
  });

  it('refuses a joint-meeting check over millennia with a code, not 9 MB of periods', async () => {
    const r = await post(
      await token('meetings'),
      '{ missingJointMeetings(from: "0001-01-01", to: "2026-11-27") { held } }',
    );
    expect(r.body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors[0]?.extensions.issues.map((i: { code: string }) => i.code)).toEqual([
      'MEETING_RANGE_TOO_LONG',
    ]);
  });
});

describe('PostgreSQL statement timeout', () => {
  const pg = process.env['JICENG_TEST_POSTGRES_URL'];
  it.runIf(pg !== undefined)('cancels a statement that runs longer than the configured timeout', async () => {
    const db = await openDatabase({ url: pg!, migrate: false, statementTimeoutMs: 300 });
    try {
      await expect(db.em.getConnection().execute('select pg_sleep(2)')).rejects.toThrow(/statement timeout/);
      expect(await db.em.getConnection().execute('show statement_timeout')).toEqual([
        { statement_timeout: '300ms' },
      ]);
    } finally {
      await db.close();
    }
  });
});
