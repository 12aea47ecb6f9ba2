import { runCli } from '@jiceng/gateway';
import type { DataLoad } from '@jiceng/persistence/seed';
import { describe, expect, it } from 'vitest';
import { killedLoad } from '../../persistence/test/reference-county-crash-plan.js';
import { e2eDatabases, useGateway } from './support.js';

/**
 * Issue #12: after `kill -9` during the first load, a restarted gateway served the partial county
 * and `/readyz` said ready. Readiness waits for the load's marker; `serve` redoes the load and
 * says so.
 */
describe.each(e2eDatabases())('a database whose first load never finished, on $name', (target) => {
  const gw = useGateway({ e2e: target });

  it('is not ready while a load is unfinished, and names the load; ready once it completes', async () => {
    const unfinished: Omit<DataLoad, 'id'> = {
      kind: 'reference_county',
      status: 'loading',
      parameters: { scale: 1, seed: 5, today: '2026-11-27' },
      startedAt: '2026-11-27T03:59:00.000Z',
      finishedAt: null,
    };
    const id = Number(await gw.db.em.fork().insert('DataLoadRow', { ...unfinished }));
    const loading = await gw.app.inject({ method: 'GET', url: '/readyz' });
    expect(loading.statusCode).toBe(503);
    expect(loading.json()).toEqual({
      status: 'loading',
      load: { id, ...unfinished },
    });
    expect((await gw.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    await gw.db.em
      .fork()
      .nativeUpdate('DataLoadRow', { id }, { status: 'complete', finishedAt: '2026-11-27T04:01:00.000Z' });
    const ready = await gw.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });

  it('makes `jiceng serve` redo a load killed in the ledger, say so, and serve the whole county', async () => {
    const scratch = await target.create();
    try {
      await killedLoad(scratch.url, 'points_ledger', 3);
      const out: string[] = [];
      const err: string[] = [];
      let stop = () => {};
      let started = () => {};
      const listening = new Promise<void>((resolve) => {
        started = resolve;
      });
      const served = runCli(['serve', '--db', scratch.url, '--port', '0', '--scale', '0.1'], {
        out: (l) => {
          out.push(l);
          if (l.startsWith('Jiceng gateway:')) started();
        },
        err: (l) => err.push(l),
        now: new Date('2026-11-27T04:00:00Z'),
        env: { JICENG_LOG_LEVEL: 'silent' },
        stopped: new Promise<void>((resolve) => {
          stop = resolve;
        }),
      });
      await Promise.race([listening, served]);
      try {
        expect(err.join('\n')).toMatch(
          /redoing an unfinished load of the reference county started at \S+Z \(scale 0\.1, seed 5\): clearing what it wrote and loading it again/,
        );
        expect(out.join('\n')).toContain(
          '1 社区 communities, 8 网格 grids, 24 网格员 grid workers, 265 党员 party members, 10 协商 consultations',
        );
        const url = /Jiceng gateway: (\S+)\/graphql/.exec(out.join('\n'))?.[1];
        const ready = await fetch(`${url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ status: 'ready' });
      } finally {
        stop();
        expect(await served).toBe(0);
      }
    } finally {
      await scratch.drop();
    }
  }, 120_000);
});
