import { createGatewayServices, type GatewayServices } from '@jiceng/gateway';
import {
  type Database,
  OrgRepository,
  openDatabase,
  ProfileDocumentRepository,
  watchChanges,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrative, party } from './gateway-points-fixtures.js';
import { e2eDatabases } from './support.js';

/**
 * Two gateways on one PostgreSQL database: what one writes to the data both keep in memory
 * (county profiles, organisation trees) reaches the other through change announcements, without
 * a restart.
 */

const county = (id: string) => ({
  id,
  name: { zh: '另一县', en: 'Another County' },
  extends: 'reference',
  versions: [{ version: '2026.1', effectiveFrom: '2026-01-01', changes: {} }],
});

/** Waits until `check` holds, polling; fails with `what` after five seconds. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  const until = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const postgres = e2eDatabases().filter((d) => d.name === 'postgresql');

describe.each(postgres)('two gateways on one database ($name)', (target) => {
  let drop: () => Promise<void>;
  let db1: Database;
  let db2: Database;
  let one: GatewayServices;
  let other: GatewayServices;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db1 = await openDatabase({ url: scratch.url });
    db2 = await openDatabase({ url: scratch.url, migrate: false });
    await new OrgRepository(db1.em).replaceTree('administrative', administrative);
    await new OrgRepository(db1.em).replaceTree('party', party);
    one = await createGatewayServices(db1, { record: () => {} }, { watchChanges: true });
    other = await createGatewayServices(db2, { record: () => {} }, { watchChanges: true });
  }, 60_000);

  afterAll(async () => {
    await one.close();
    await other.close();
    await db1.close();
    await db2.close();
    await drop();
  });

  it('sees a county profile saved through the other', async () => {
    expect(other.profiles().history('another_county')).toBeUndefined();
    await new ProfileDocumentRepository(db1.em).save(county('another_county'));
    await eventually(
      'the profile on the other gateway',
      () => other.profiles().history('another_county') !== undefined,
    );
  });

  it('sees an organisation tree replaced through the other', async () => {
    const tree = one.orgTree('administrative')!;
    const parent = tree.nodes.find((n) => n.level === 'community')!.code;
    expect(other.orgTree('administrative')!.ids.has('new-grid')).toBe(false);
    await new OrgRepository(db1.em).replaceTree('administrative', [
      ...administrative,
      { code: 'new-grid', parentCode: parent, level: 'grid', name: '新网格' },
    ]);
    await eventually('the new grid on the other gateway', () =>
      other.orgTree('administrative')!.ids.has('new-grid'),
    );
  });

  it('hears nothing from a write that rolled back', async () => {
    const heard: string[] = [];
    const watcher = await watchChanges(db2, { onChange: (what) => heard.push(what) });
    try {
      await db1.em
        .fork()
        .transactional(async (tx) => {
          await tx.execute(`select pg_notify('jiceng_changes', 'profiles')`);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await new ProfileDocumentRepository(db1.em).save(county('third_county'));
      await eventually('the committed change', () => heard.length > 0);
      expect(heard).toEqual(['profiles']);
    } finally {
      await watcher.close();
    }
  });

  it('listens again after its connection is cut, and reloads everything once', async () => {
    const heard: string[] = [];
    const watcher = await watchChanges(db2, { onChange: (what) => heard.push(what), retryMs: 20 });
    try {
      await db1.em.execute(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where query = 'listen jiceng_changes' and datname = current_database()`,
      );
      await eventually('the reconnection', () => heard.includes('all'));
      await new ProfileDocumentRepository(db1.em).save(county('fourth_county'));
      await eventually('a change after the reconnection', () => heard.includes('profiles'));
    } finally {
      await watcher.close();
    }
  });
});

describe('change announcements on SQLite', () => {
  it('watch nothing and cost nothing: one process reloads after its own writes', async () => {
    const db = await openDatabase({ url: 'sqlite::memory:' });
    try {
      const heard: string[] = [];
      const watcher = await watchChanges(db, { onChange: (what) => heard.push(what) });
      await new ProfileDocumentRepository(db.em).save(county('sqlite_county'));
      await watcher.close();
      expect(heard).toEqual([]);
      const services = await createGatewayServices(db, { record: () => {} }, { watchChanges: true });
      expect(services.profiles().history('sqlite_county')).toBeDefined();
      await services.close();
      await services.close();
    } finally {
      await db.close();
    }
  });
});
