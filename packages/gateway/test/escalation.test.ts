import { OPEN_REQUEST_STATUSES, referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { startEscalationSweeps } from '@jiceng/gateway';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { gql, useGateway } from './support.js';

const data = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });
const street = data.streets[0]!.code;
const open = OPEN_REQUEST_STATUSES as readonly string[];
/** The gateway clock of the tests (support.ts): every open request of the 2025 dataset is overdue. */
const NOW = new Date('2026-11-27T02:00:00Z');

describe('the escalation sweeps `jiceng serve` runs', () => {
  const gw = useGateway();
  beforeAll(async () => {
    await seedGridDataset(gw.db.em, data);
    await gw.services.reloadOrgTrees();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('escalates every overdue open request at start, and nothing twice', async () => {
    const overdue = data.requests.filter((q) => open.includes(q.status)).length;
    expect(overdue).toBeGreaterThan(0);
    const sweeper = startEscalationSweeps(gw.services, { everyMinutes: 0, now: () => NOW });
    const first = await sweeper.first;
    expect(first.examined).toBe(overdue);
    expect(first.escalated.length).toBeGreaterThan(0);
    expect(first.skipped).toEqual([]);
    // Climbed as far as the deadlines say: a second sweep the same day finds nothing to move.
    const again = await sweeper.sweep();
    expect([again.examined, again.escalated]).toEqual([overdue, []]);
    await sweeper.stop();
    const token = await gw.token({ subject: 's', role: 'street_admin', scope: street });
    const r = await gql(gw.app, `{ orgNode(code: "${street}") { statistics { requests { escalated } } } }`, {
      token,
    });
    // The dataset escalated what was due by its own moment (20 December 2025); the sweep takes
    // the rest up, and the statistics count each escalated request once.
    const before = new Set(
      data.requests.filter((q) => q.events.some((e) => e.action === 'escalate')).map((q) => q.id),
    );
    const escalated = new Set([...before, ...first.escalated]).size;
    expect(escalated).toBeGreaterThan(before.size);
    expect(r.data).toEqual({ orgNode: { statistics: { requests: { escalated } } } });
  });

  it('sweeps again on its timer, and one sweep at a time', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const seen: number[] = [];
    const sweeper = startEscalationSweeps(gw.services, {
      everyMinutes: 5,
      now: () => NOW,
      onSweep: (s) => seen.push(s.examined),
    });
    await sweeper.first;
    const [a, b] = [sweeper.sweep(), sweeper.sweep()];
    expect(a).toBe(b);
    await a;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    // The timer's sweep runs its statements on later turns of the event loop (SQLite yields
    // between statements); a call while it runs would join it, so let it finish first.
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    await sweeper.sweep();
    await sweeper.stop();
    // Start, the call above, the timer, and the last call.
    expect(seen).toHaveLength(4);
  });

  it('refuses a negative interval', () => {
    expect(() => startEscalationSweeps(gw.services, { everyMinutes: -1 })).toThrow(RangeError);
  });
});
