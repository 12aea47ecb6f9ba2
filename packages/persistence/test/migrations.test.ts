import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, pendingSchemaDiff } from '@jiceng/persistence';
import { describe, expect, it } from 'vitest';
import { migrationsFor } from '../src/config.js';
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

  it('each go down again: all the way down leaves no table of ours, and up again reaches the mapping', async () => {
    const scratch = await target.create();
    const db = await openDatabase({ url: scratch.url });
    try {
      const migrator = db.orm.getMigrator();
      const sql = db.em.getConnection();
      const ours = async (): Promise<string[]> => {
        const rows: { name: string }[] =
          target.name === 'sqlite'
            ? await sql.execute(
                `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
              )
            : await sql.execute(
                `select table_name as name from information_schema.tables
                   where table_schema = current_schema() order by table_name`,
              );
        return rows.map((r) => r.name).filter((name) => name !== 'jiceng_migrations');
      };
      expect((await ours()).length).toBeGreaterThan(10);
      await migrator.down({ to: 0 });
      expect(await migrator.getExecutedMigrations()).toEqual([]);
      expect(await ours()).toEqual([]);
      await migrator.up();
      expect(await pendingSchemaDiff(db)).toBe('');
    } finally {
      await db.close();
      await scratch.drop();
    }
  }, 300_000);

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

describe('migrations on an SQLite file', () => {
  it('bring an empty database file exactly to the mapping, and a second open changes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-migrations-'));
    const url = `sqlite:${join(dir, 'empty.db')}`;
    const db = await openDatabase({ url });
    try {
      expect(await pendingSchemaDiff(db)).toBe('');
    } finally {
      await db.close();
    }
    const again = await openDatabase({ url });
    try {
      expect((await again.orm.getMigrator().getPendingMigrations()).length).toBe(0);
      expect(await pendingSchemaDiff(again)).toBe('');
    } finally {
      await again.close();
    }
  });
});
