import { describe, expect, it } from 'vitest';
import { useGateway } from './support.js';

describe('health endpoints', () => {
  const gw = useGateway();

  it('answers liveness and readiness while the database is reachable', async () => {
    expect((await gw.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await gw.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    // The test clock (2026-11-27) is within 60 days of the calendar's end: ready, with a warning.
    expect(ready.json()).toEqual({
      status: 'ready',
      warnings: [
        expect.objectContaining({ profileId: 'reference', code: 'CALENDAR_ENDING_SOON', daysLeft: 34 }),
      ],
    });
  });

  it('reports not ready, and stays alive, when the database is gone', async () => {
    await gw.db.close();
    const ready = await gw.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect((await gw.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
