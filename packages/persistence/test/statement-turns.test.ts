import { type Database, openDatabase, runCancellable } from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapInTurns } from '../src/sql.js';
import { StatementTurns } from '../src/statement-turns.js';
import { type TestDatabase, testDatabases } from './support/databases.js';

/**
 * Issue #12, the flood: on SQLite statements are served one per turn of the event loop, and a
 * principal flooding the server with its heaviest query kept a backlog that everyone else's
 * statements waited behind. Waiting statements take turns by owner.
 */
describe('statement turns', () => {
  /** Turns taken only when the test says so, so the order is the scheduler's alone. */
  function manual() {
    const pending: Array<() => void> = [];
    const turns = new StatementTurns((serve) => pending.push(serve));
    const order: string[] = [];
    const wait = (owner: string, label: string) =>
      turns.turn(owner).then(() => {
        order.push(label);
      });
    const step = async () => {
      const serve = pending.shift();
      if (serve === undefined) return false;
      serve();
      await new Promise((resolve) => setImmediate(resolve));
      return true;
    };
    const drain = async () => {
      while (await step());
    };
    return { turns, order, wait, step, drain };
  }

  it("serves B's one statement second, though it came after 20 of A's", async () => {
    const { order, wait, drain } = manual();
    const all = Array.from({ length: 20 }, (_, i) => wait('A', `A${i}`));
    all.push(wait('B', 'B0'));
    await drain();
    await Promise.all(all);
    expect(order.slice(0, 3)).toEqual(['A0', 'B0', 'A1']);
    expect(order).toHaveLength(21);
  });

  it('takes owners round robin, one statement each, each owner in its own order', async () => {
    const { order, wait, drain } = manual();
    const all = [
      wait('A', 'A0'),
      wait('A', 'A1'),
      wait('A', 'A2'),
      wait('B', 'B0'),
      wait('B', 'B1'),
      wait('C', 'C0'),
    ];
    await drain();
    await Promise.all(all);
    expect(order).toEqual(['A0', 'B0', 'C0', 'A1', 'B1', 'A2']);
  });

  it('serves one statement per turn', async () => {
    const { turns, order, wait, step } = manual();
    const all = [wait('A', 'A0'), wait('B', 'B0'), wait('C', 'C0')];
    expect(turns.size).toBe(3);
    await step();
    expect(order).toEqual(['A0']);
    expect(turns.size).toBe(2);
    await step();
    expect(order).toEqual(['A0', 'B0']);
    await step();
    await Promise.all(all);
    expect(turns.size).toBe(0);
    expect(await step()).toBe(false);
  });

  it('by default takes its turns on the event loop, with nothing asked to schedule them', async () => {
    const turns = new StatementTurns();
    const order: string[] = [];
    await Promise.all([
      turns.turn('A').then(() => order.push('A')),
      turns.turn('B').then(() => order.push('B')),
    ]);
    expect(order).toEqual(['A', 'B']);
  });
});

describe.each(testDatabases())('statements of many owners on $name', (target: TestDatabase) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
  }, 60_000);

  afterAll(async () => {
    await db.close();
    await drop();
  });

  const one = async () => (await db.em.fork().execute('select 1 as one'))[0]?.['one'];

  it('runs statements outside any request', async () => {
    expect(Number(await one())).toBe(1);
  });

  it("runs another owner's statement before a flooder's backlog (on SQLite; PostgreSQL runs them side by side)", async () => {
    const order: string[] = [];
    const flood = new AbortController().signal;
    const colleague = new AbortController().signal;
    const work = [
      ...Array.from({ length: 20 }, (_, i) =>
        runCancellable(flood, () => one().then(() => order.push(`flooder ${i}`)), 'sub:flooder'),
      ),
      runCancellable(colleague, () => one().then(() => order.push('colleague')), 'sub:colleague'),
    ];
    await Promise.all(work);
    expect(order).toHaveLength(21);
    if (target.name === 'sqlite') {
      expect(order.indexOf('colleague')).toBe(1);
      expect(order.filter((o) => o.startsWith('flooder'))).toEqual(
        Array.from({ length: 20 }, (_, i) => `flooder ${i}`),
      );
    }
  });

  it('refuses the next statement of cancelled work, and runs the others', async () => {
    const gone = new AbortController();
    const stays = new AbortController();
    const cancelled = runCancellable(gone.signal, () => one(), 'sub:gone');
    const kept = runCancellable(stays.signal, () => one(), 'sub:stays');
    gone.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Number(await kept)).toBe(1);
  });
});

describe('rows decoded in turns', () => {
  it('lets the event loop turn between slices of a long read, and keeps every row in order', async () => {
    const events: string[] = [];
    // Stands for I/O that arrived while the statement ran: a probe, another caller's request.
    setImmediate(() => events.push('io'));
    const rows = Array.from({ length: 1200 }, (_, i) => i);
    const decoded = await mapInTurns(
      rows,
      (row) => {
        if (row % 500 === 0) events.push(`slice from ${row}`);
        return row * 2;
      },
      500,
    );
    expect(events).toEqual(['slice from 0', 'io', 'slice from 500', 'slice from 1000']);
    expect(decoded).toEqual(rows.map((r) => r * 2));
    expect(await mapInTurns([], (row: number) => row)).toEqual([]);
  });
});
