/**
 * Why this exists: better-sqlite3 runs each statement synchronously on the one SQLite
 * connection, so statements are served one at a time, one per turn of the event loop (a turn
 * between them keeps `/healthz` and new requests answered). Served first come first served, a
 * client running its heaviest query several times at once keeps a backlog of statements waiting,
 * and anyone else's statement waits behind all of it: a colleague's one-statement query took as
 * long as the flooder's backlog. Here the waiting statements take turns by owner (the gateway's
 * principal key, carried with the request's cancellation signal): each turn serves the owner that
 * waited longest for its turn, one statement, and sends it to the back. An owner with one
 * statement waiting is served within as many turns as there are other owners waiting, however
 * long their queues.
 *
 * Within one owner the order stays first come first served. Statements outside any request share
 * one owner (`NO_OWNER`) and take their turns like anyone else's.
 */
export class StatementTurns {
  /** Each waiting owner's statements, oldest first; the map's order is the order of turns. */
  private readonly waiting = new Map<string, Array<() => void>>();
  private scheduled = false;

  constructor(private readonly nextTurn: (serve: () => void) => void = (serve) => setImmediate(serve)) {}

  /** Resolves when it is `owner`'s statement's turn to run, on a later turn of the event loop. */
  turn(owner: string): Promise<void> {
    return new Promise<void>((resolve) => {
      const queue = this.waiting.get(owner);
      if (queue === undefined) this.waiting.set(owner, [resolve]);
      else queue.push(resolve);
      this.schedule();
    });
  }

  /** Statements waiting for their turn, of every owner. */
  get size(): number {
    let n = 0;
    for (const queue of this.waiting.values()) n += queue.length;
    return n;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextTurn(() => this.serve());
  }

  private serve(): void {
    this.scheduled = false;
    const first = this.waiting.entries().next();
    if (first.done) return;
    const [owner, queue] = first.value;
    const resolve = queue.shift()!;
    this.waiting.delete(owner);
    if (queue.length > 0) this.waiting.set(owner, queue);
    // The statement runs once this callback returns (its promise's continuation); the next turn
    // is taken on a later turn of the event loop, after whatever I/O is waiting.
    resolve();
    if (this.waiting.size > 0) this.schedule();
  }
}
