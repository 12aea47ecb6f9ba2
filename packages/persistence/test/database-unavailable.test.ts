import {
  type Database,
  DuplicateKeyError,
  OrgRepository,
  openDatabase,
  persistenceErrorOf,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgNodeSchema } from '../src/org/org-nodes.js';
import { cutOffPostgres, type TestDatabase, testDatabases } from './support/databases.js';

const rows = [{ code: 's', parentCode: null, level: 'street', subtype: 'street', name: '街道' }] as const;

async function codeOfFailure(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    return persistenceErrorOf(error)?.code ?? 'UNKNOWN';
  }
  return undefined;
}

/**
 * Issue #12: a lost database connection reached clients as an internal error. Persistence names
 * it DATABASE_UNAVAILABLE (a read or a write, whichever engine), so a door can answer 503.
 */
describe.each(testDatabases())('a database that cannot be reached on $name', (target: TestDatabase) => {
  let db: Database;
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await target.create();
    ({ url, drop } = scratch);
    db = await openDatabase({ url });
    await new OrgRepository(db.em).replaceTree('administrative', [...rows]);
  }, 60_000);

  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('tells a taken key and a bug apart from an outage', async () => {
    expect(persistenceErrorOf(new DuplicateKeyError('k'))?.code).toBe('DUPLICATE');
    expect(persistenceErrorOf(new TypeError('x is undefined'))).toBeUndefined();
    expect(
      await codeOfFailure(() => db.em.fork().getConnection().execute('select * from no_such_table')),
    ).toBe('UNKNOWN');
  });

  // An outage the server itself causes exists only on PostgreSQL; SQLite has no server.
  if (target.name === 'postgresql')
    it('names connections refused and terminated by the server DATABASE_UNAVAILABLE, and recovers', async () => {
      const cut = await cutOffPostgres(process.env['JICENG_TEST_POSTGRES_URL']!, url);
      try {
        expect(await codeOfFailure(() => db.em.fork().count(OrgNodeSchema, {}))).toBe('DATABASE_UNAVAILABLE');
        expect(
          await codeOfFailure(() => new OrgRepository(db.em).replaceTree('administrative', [...rows])),
        ).toBe('DATABASE_UNAVAILABLE');
      } finally {
        await cut.restore();
      }
      expect(await db.em.fork().count(OrgNodeSchema, {})).toBe(1);
    }, 60_000);

  it('names a closed pool DATABASE_UNAVAILABLE', async () => {
    const closed = await openDatabase({ url, migrate: false });
    await closed.close();
    expect(await codeOfFailure(() => closed.em.fork().count(OrgNodeSchema, {}))).toBe('DATABASE_UNAVAILABLE');
  });
});
