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
  /** The smaller share of costly queries, within the slots above (`DEFAULT_COSTLY`). */
  readonly costly?: CostlyLimits;
}

/**
 * Costly queries (the street dashboard, a full page of a long list) get a smaller share of their
 * own, taken once the query is parsed and its cost is known: a principal runs `perPrincipal` of
 * them at once and the server `total`; another one waits its turn in a fair queue (at most
 * `waitMs`, then 429 `TOO_MANY_CONCURRENT` if the caller's own costly query still runs, else 503
 * `SERVER_BUSY`, both with `Retry-After`). A cheap query never waits for a costly one.
 */
export interface CostlyLimits {
  /** A query costs this much or more to be costly (graphql-armor's measure, see `DEFAULT_LIMITS`). */
  readonly fromCost: number;
  readonly perPrincipal: number;
  readonly total: number;
}

/** The street dashboard costs about 1,600; an ordinary page of 20 to 50 rows a few hundred. */
export const DEFAULT_COSTLY: CostlyLimits = { fromCost: 1000, perPrincipal: 1, total: 4 };

/** Two per core is plenty for database-bound work; a principal gets a quarter of it. */
export const DEFAULT_CONCURRENCY: ConcurrencyLimits = {
  perPrincipal: 4,
  total: 16,
  waitMs: 1000,
  costly: DEFAULT_COSTLY,
};

/** The limits of one {@link FairSlots}. */
export interface SlotLimits {
  /** Requests of one principal running or waiting at once; `over` says when it has them. */
  readonly perPrincipal: number;
  /** Requests running at once, of every principal. */
  readonly total: number;
  /**
   * Requests of one principal running at once (default `perPrincipal`): past it, its further
   * requests wait even when slots are free, and others' are admitted ahead of them.
   */
  readonly runningPerPrincipal?: number;
  readonly waitMs?: number;
}

/** A request waiting for a slot: `admit` gives it one, `leave` takes it out of the queue. */
interface Waiter {
  readonly key: string;
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

  private readonly runningCap: number;

  constructor(private readonly limits: SlotLimits) {
    this.runningCap = limits.runningPerPrincipal ?? limits.perPrincipal;
    if (
      !(
        limits.perPrincipal >= 1 &&
        limits.total >= limits.perPrincipal &&
        this.runningCap >= 1 &&
        this.runningCap <= limits.total
      )
    )
      throw new RangeError(
        `concurrency limits must be 1 ≤ perPrincipal ≤ total and 1 ≤ runningPerPrincipal ≤ total, got ${JSON.stringify(limits)}`,
      );
  }

  /** True when `key` already has its share running or waiting. */
  over(key: string): boolean {
    return (this.held.get(key) ?? 0) >= this.limits.perPrincipal;
  }

  /** Takes a slot for `key`, waiting for one in the fair queue when the server is full. */
  enter(key: string, signal?: AbortSignal): Promise<boolean> {
    bump(this.held, key, 1);
    if (this.total < this.limits.total && this.mayRun(key) && this.nextIndex() < 0) {
      this.start(key);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        key,
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
    while (this.total < this.limits.total) {
      const at = this.nextIndex();
      if (at < 0) break;
      this.waiting.splice(at, 1)[0]!.admit();
    }
  }

  /** Requests of `key` running now. */
  runningOf(key: string): number {
    return this.running.get(key) ?? 0;
  }

  /** Requests waiting for a slot, of every principal. */
  get queued(): number {
    return this.waiting.length;
  }

  private start(key: string): void {
    this.total++;
    bump(this.running, key, 1);
  }

  private mayRun(key: string): boolean {
    return (this.running.get(key) ?? 0) < this.runningCap;
  }

  /**
   * Where in the queue the next request to admit waits: of the principals below their running
   * cap, the one with the fewest running, the longest waiting among equals; -1 for none.
   */
  private nextIndex(): number {
    let best = -1;
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.waiting.length; i++) {
      const ran = this.running.get(this.waiting[i]!.key) ?? 0;
      // The queue is in arrival order, so the first of the fewest waited longest.
      if (ran < this.runningCap && ran < fewest) {
        best = i;
        fewest = ran;
      }
    }
    return best;
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
