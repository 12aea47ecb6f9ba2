import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Bounds the work in flight, not only the request count: each principal (a verified token's
 * subject, else the client address) may have `perPrincipal` requests running or waiting at once,
 * and the server runs `total`. A principal over its share is answered at once — 429
 * `TOO_MANY_CONCURRENT` with `Retry-After` — so one token flooding its heaviest allowed query
 * cannot starve other users, health checks or memory. When the server is full, a request waits
 * (at most `waitMs`, then 503 `SERVER_BUSY` with `Retry-After`) and a freed slot goes to the fair
 * share: the waiting principal with the fewest requests running, the one that waited longest
 * among equals. So a colleague's first request is admitted ahead of every request a flooder has
 * waiting, however many. A slot is held until the response is sent or the client goes away; a
 * request whose client went away is cancelled at its next database access (see the request
 * context's `signal`), and one that goes away while waiting leaves the queue.
 */
export interface ConcurrencyLimits {
  readonly perPrincipal: number;
  readonly total: number;
  /** How long a request may wait for a slot when the server is full (default 1,000 ms). */
  readonly waitMs?: number;
}

/** Two per core is plenty for database-bound work; a principal gets a quarter of it. */
export const DEFAULT_CONCURRENCY: ConcurrencyLimits = { perPrincipal: 4, total: 16, waitMs: 1000 };

/** A request waiting for a slot: `admit` gives it one, `leave` takes it out of the queue. */
interface Waiter {
  readonly key: string;
  readonly since: number;
  readonly admit: () => void;
}

/**
 * The slots and the fair queue, apart from HTTP (tested on its own). `enter` resolves `true`
 * once the request runs, `false` when it waited `waitMs` in vain; `over` says a principal is at
 * its share already.
 *
 * @example
 * const slots = new FairSlots({ perPrincipal: 2, total: 4 });
 * if (!slots.over('sub:u1') && (await slots.enter('sub:u1', signal))) try { … } finally { slots.release('sub:u1') }
 */
export class FairSlots {
  /** Each principal's requests running or waiting. */
  private readonly held = new Map<string, number>();
  private readonly running = new Map<string, number>();
  private readonly waiting: Waiter[] = [];
  private total = 0;
  private sequence = 0;

  constructor(private readonly limits: ConcurrencyLimits) {
    if (!(limits.perPrincipal >= 1 && limits.total >= limits.perPrincipal))
      throw new RangeError(
        `concurrency limits must be 1 ≤ perPrincipal ≤ total, got ${JSON.stringify(limits)}`,
      );
  }

  /** True when `key` already has its share running or waiting. */
  over(key: string): boolean {
    return (this.held.get(key) ?? 0) >= this.limits.perPrincipal;
  }

  /** Takes a slot for `key`, waiting for one in the fair queue when the server is full. */
  enter(key: string, signal?: AbortSignal): Promise<boolean> {
    bump(this.held, key, 1);
    if (this.total < this.limits.total && this.waiting.length === 0) {
      this.start(key);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        key,
        since: this.sequence++,
        admit: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', leave);
          this.start(key);
          resolve(true);
        },
      };
      const leave = () => {
        const at = this.waiting.indexOf(waiter);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        clearTimeout(timer);
        bump(this.held, key, -1);
        resolve(false);
      };
      const timer = setTimeout(leave, this.limits.waitMs ?? DEFAULT_CONCURRENCY.waitMs);
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Gives `key`'s slot back; the fair share of the waiting requests takes it. */
  release(key: string): void {
    this.total--;
    bump(this.running, key, -1);
    bump(this.held, key, -1);
    while (this.total < this.limits.total && this.waiting.length > 0) this.next().admit();
  }

  /** Requests waiting for a slot, of every principal. */
  get queued(): number {
    return this.waiting.length;
  }

  private start(key: string): void {
    this.total++;
    bump(this.running, key, 1);
  }

  /** The waiter of the principal with the fewest running, the longest waiting among equals. */
  private next(): Waiter {
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) {
      const a = this.waiting[i]!;
      const b = this.waiting[best]!;
      const ra = this.running.get(a.key) ?? 0;
      const rb = this.running.get(b.key) ?? 0;
      if (ra < rb || (ra === rb && a.since < b.since)) best = i;
    }
    return this.waiting.splice(best, 1)[0]!;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}

/**
 * Registers the admission hook on `app` for the paths `guarded` accepts. `keyOf` names the
 * principal of a request (the same key the rate limit uses).
 */
export function registerAdmission(
  app: FastifyInstance,
  limits: ConcurrencyLimits,
  keyOf: (request: FastifyRequest) => Promise<string>,
  guarded: (url: string) => boolean,
): FairSlots {
  const slots = new FairSlots(limits);
  const refuse = (reply: FastifyReply, status: 429 | 503, code: string, zh: string, en: string) =>
    reply
      .code(status)
      .header('retry-after', '1')
      .type('application/json; charset=utf-8')
      .send({ errors: [{ message: `${zh} / ${en}`, extensions: { code } }] });

  app.addHook('onRequest', async (request, reply) => {
    if (!guarded(request.url)) return;
    const key = await keyOf(request);
    if (slots.over(key)) {
      return refuse(
        reply,
        429,
        'TOO_MANY_CONCURRENT',
        `同一身份同时进行的请求已达 ${limits.perPrincipal} 个，请稍后再试`,
        `${limits.perPrincipal} requests of yours are already running; retry in a moment`,
      );
    }
    // 'close' comes once the response is sent, or when the client goes away first.
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    if (!(await slots.enter(key, gone.signal))) {
      // Waited in vain (or the client went away, and the answer goes nowhere).
      return refuse(
        reply,
        503,
        'SERVER_BUSY',
        '服务器繁忙，请稍后再试',
        'the server is busy; retry in a moment',
      );
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      slots.release(key);
    };
    if (gone.signal.aborted) release();
    else reply.raw.once('close', release);
    return undefined;
  });
  return slots;
}
