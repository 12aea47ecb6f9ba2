// The fair share of admission (server/admission.ts): when the server is full, a freed slot goes
// to the waiting principal with the fewest requests running, so a colleague's request is admitted
// ahead of every request a flooder has waiting. Ordering, not timing: the handler is held open
// until the test lets it answer.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { FairSlots, registerAdmission } from '../src/server/admission.js';

/** A server whose `/graphql` answers only when the test releases it, in the order it was admitted. */
async function heldServer(limits: { perPrincipal: number; total: number; waitMs?: number }) {
  const app: FastifyInstance = Fastify();
  const admitted: string[] = [];
  const open: Array<() => void> = [];
  registerAdmission(
    app,
    limits,
    async (request) => String(request.headers['x-who']),
    (url) => url === '/graphql',
  );
  app.get('/graphql', (request, reply) => {
    admitted.push(`${request.headers['x-who']}#${request.headers['x-n']}`);
    open.push(() => void reply.send({ ok: true }));
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const send = (who: string, n: number) =>
    fetch(`${base}/graphql`, { headers: { 'x-who': who, 'x-n': String(n) } }).then(async (res) => ({
      status: res.status,
      code: res.ok
        ? undefined
        : ((await res.json()) as { errors: [{ extensions: { code: string } }] }).errors[0].extensions.code,
    }));
  /** Waits until `n` requests are admitted in all. */
  const admittedCount = async (n: number) => {
    for (let i = 0; i < 500 && admitted.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    expect(admitted.length).toBe(n);
  };
  /** Lets the oldest admitted request still open answer. */
  const finishOne = () => open.shift()!();
  return { app, admitted, send, admittedCount, finishOne };
}

describe('fair admission', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("admits a second principal's request before the flooder's waiting ones", async () => {
    const server = await heldServer({ perPrincipal: 3, total: 4, waitMs: 30_000 });
    app = server.app;
    const answers = [];
    for (const [who, n] of [
      ['flooder', 1],
      ['flooder', 2],
      ['other', 1],
      ['other', 2],
    ] as const) {
      answers.push(server.send(who, n));
      await server.admittedCount(answers.length);
    }
    // The server is full: the flooder's third waits, then a colleague's first.
    answers.push(server.send('flooder', 3));
    await new Promise((r) => setTimeout(r, 200));
    answers.push(server.send('colleague', 1));
    await new Promise((r) => setTimeout(r, 200));
    expect(server.admitted).toHaveLength(4);
    // Over its share (3 running or waiting), the flooder is refused at once.
    expect(await server.send('flooder', 4)).toEqual({ status: 429, code: 'TOO_MANY_CONCURRENT' });

    // flooder#1 answers: the flooder has 1 running, the colleague none, so the colleague goes first.
    server.finishOne();
    await server.admittedCount(5);
    expect(server.admitted[4]).toBe('colleague#1');
    server.finishOne();
    await server.admittedCount(6);
    expect(server.admitted[5]).toBe('flooder#3');
    for (let i = 0; i < 4; i++) server.finishOne();
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('answers 503 SERVER_BUSY when no slot frees within the wait, and frees the place it held', async () => {
    const server = await heldServer({ perPrincipal: 1, total: 1, waitMs: 100 });
    app = server.app;
    const first = server.send('a', 1);
    await server.admittedCount(1);
    expect(await server.send('b', 1)).toEqual({ status: 503, code: 'SERVER_BUSY' });
    // b's place in the queue is gone: its next request waits again rather than being over its share.
    const again = server.send('b', 2);
    server.finishOne();
    await server.admittedCount(2);
    expect(server.admitted[1]).toBe('b#2');
    server.finishOne();
    expect([(await first).status, (await again).status]).toEqual([200, 200]);
  });
});

describe('FairSlots', () => {
  it('gives a freed slot to the principal with fewest running, then to the longest waiting', async () => {
    const slots = new FairSlots({ perPrincipal: 3, total: 3, waitMs: 30_000 });
    const order: string[] = [];
    const enter = (key: string) => slots.enter(key).then((ok) => ok && order.push(key));
    await Promise.all([enter('a'), enter('a'), enter('b')]);
    const waiting = [enter('a'), enter('b'), enter('c')];
    expect(slots.queued).toBe(3);
    slots.release('a'); // a 1, b 1 running: c has none.
    slots.release('a'); // a 0, b 1, c 1: a.
    slots.release('b'); // a 1, b 0, c 1: b.
    await Promise.all(waiting);
    expect(order.slice(3)).toEqual(['c', 'a', 'b']);
    expect(slots.queued).toBe(0);
  });

  it('refuses limits that cannot hold, and leaves the queue when the waiting request is abandoned', async () => {
    expect(() => new FairSlots({ perPrincipal: 2, total: 1 })).toThrow(RangeError);
    const slots = new FairSlots({ perPrincipal: 1, total: 1, waitMs: 30_000 });
    await slots.enter('a');
    const gone = new AbortController();
    const waiting = slots.enter('b', gone.signal);
    expect(slots.over('b')).toBe(true);
    gone.abort();
    expect(await waiting).toBe(false);
    expect([slots.queued, slots.over('b')]).toEqual([0, false]);
  });

  it('holds a principal at its running cap while others are admitted past its waiting requests (the costly share)', async () => {
    const slots = new FairSlots({ perPrincipal: 2, runningPerPrincipal: 1, total: 2, waitMs: 30_000 });
    const order: string[] = [];
    const enter = (key: string) => slots.enter(key).then((ok) => ok && order.push(key));
    await enter('a');
    const second = enter('a'); // a runs one already: it waits, though a slot is free.
    await enter('b'); // admitted at once, past a's waiting request.
    const third = enter('c'); // the server is full now.
    expect([order, slots.queued]).toEqual([['a', 'b'], 2]);
    slots.release('b'); // a's waiting request may not run yet: c takes the slot.
    await third;
    expect(order).toEqual(['a', 'b', 'c']);
    slots.release('a'); // now a's second runs.
    await second;
    expect([order, slots.queued, slots.runningOf('a')]).toEqual([['a', 'b', 'c', 'a'], 0, 1]);
    expect(() => new FairSlots({ perPrincipal: 1, runningPerPrincipal: 3, total: 2 })).toThrow(RangeError);
  });
});
