import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Bounds the work in flight, not only the request count: each principal (a verified token's
 * subject, else the client address) may have `perPrincipal` requests running at once, and the
 * server `total`. A request over either bound is answered at once — 429 `TOO_MANY_CONCURRENT`
 * for the principal, 503 `SERVER_BUSY` for the server, both with `Retry-After` — so one token
 * flooding its heaviest allowed query cannot starve other users, health checks or memory. A slot
 * is held until the response is sent or the client goes away; a request whose client went away
 * is cancelled at its next database access (see the request context's `signal`).
 */
export interface ConcurrencyLimits {
  readonly perPrincipal: number;
  readonly total: number;
}

/** Two per core is plenty for database-bound work; a principal gets a quarter of it. */
export const DEFAULT_CONCURRENCY: ConcurrencyLimits = { perPrincipal: 4, total: 16 };

/**
 * Registers the admission hook on `app` for the paths `guarded` accepts. `keyOf` names the
 * principal of a request (the same key the rate limit uses).
 */
export function registerAdmission(
  app: FastifyInstance,
  limits: ConcurrencyLimits,
  keyOf: (request: FastifyRequest) => Promise<string>,
  guarded: (url: string) => boolean,
): void {
  if (!(limits.perPrincipal >= 1 && limits.total >= limits.perPrincipal))
    throw new RangeError(
      `concurrency limits must be 1 ≤ perPrincipal ≤ total, got ${JSON.stringify(limits)}`,
    );
  const running = new Map<string, number>();
  let total = 0;
  const refuse = (reply: FastifyReply, status: 429 | 503, code: string, zh: string, en: string) =>
    reply
      .code(status)
      .header('retry-after', '1')
      .type('application/json; charset=utf-8')
      .send({ errors: [{ message: `${zh} / ${en}`, extensions: { code } }] });

  app.addHook('onRequest', async (request, reply) => {
    if (!guarded(request.url)) return;
    const key = await keyOf(request);
    const mine = running.get(key) ?? 0;
    if (mine >= limits.perPrincipal) {
      return refuse(
        reply,
        429,
        'TOO_MANY_CONCURRENT',
        `同一身份同时进行的请求已达 ${limits.perPrincipal} 个，请稍后再试`,
        `${limits.perPrincipal} requests of yours are already running; retry in a moment`,
      );
    }
    if (total >= limits.total) {
      return refuse(
        reply,
        503,
        'SERVER_BUSY',
        '服务器繁忙，请稍后再试',
        'the server is busy; retry in a moment',
      );
    }
    running.set(key, mine + 1);
    total++;
    let released = false;
    // 'close' comes once the response is sent, or when the client goes away first.
    reply.raw.once('close', () => {
      if (released) return;
      released = true;
      total--;
      const left = (running.get(key) ?? 1) - 1;
      if (left === 0) running.delete(key);
      else running.set(key, left);
    });
    return undefined;
  });
}
