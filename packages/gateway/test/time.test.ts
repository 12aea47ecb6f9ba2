import { afterEach, describe, expect, it, vi } from 'vitest';
import { advancingFrom, chinaDate } from '../src/time.js';

describe('the gateway’s clocks', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts at the given moment and moves on with real time', () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const clock = advancingFrom(new Date('2026-11-27T02:00:00Z'));
    expect(clock().toISOString()).toBe('2026-11-27T02:00:00.000Z');
    vi.advanceTimersByTime(5 * 60_000);
    expect(clock().toISOString()).toBe('2026-11-27T02:05:00.000Z');
  });

  it('tells the day in China, whatever the server’s zone', () => {
    expect(chinaDate(new Date('2026-11-27T20:00:00Z'))).toBe('2026-11-28');
    expect(chinaDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
  });
});
