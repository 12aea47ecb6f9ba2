import { migrationsFor, openDatabase, pendingSchemaDiff } from '@jiceng/persistence';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';

describe.each(testDatabases())('migrations on $name', (target) => {
  it('bring an empty database exactly to the mapping, with no pending diff', async () => {
    const scratch = await target.create();
    const db = await openDatabase({ url: scratch.url });
    try {
      const executed = await db.orm.getMigrator().getExecutedMigrations();
      expect(executed.map((m) => m.name)).toEqual(migrationsFor(target.name).map((m) => m.name));
      expect(executed.length).toBeGreaterThan(0);
      expect(await pendingSchemaDiff(db)).toBe('');
    } finally {
      await db.close();
      await scratch.drop();
    }
  });

  it('leave the schema alone when asked, so the diff shows what migrations would add', async () => {
    const scratch = await target.create();
    const db = await openDatabase({ url: scratch.url, migrate: false });
    try {
      expect(await pendingSchemaDiff(db)).toContain('profile_document');
    } finally {
      await db.close();
      await scratch.drop();
    }
  });
});
