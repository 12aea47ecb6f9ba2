import type { Database } from '@jiceng/persistence';
import { type EntitySchema, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/config.js';

/**
 * The databases every repository test runs on: SQLite always, PostgreSQL when
 * JICENG_TEST_POSTGRES_URL is set. With JICENG_REQUIRE_POSTGRES=1 (set by .ci/run) a missing
 * URL fails the run instead of quietly skipping the PostgreSQL half.
 */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgresql';
  /** Creates an empty database for one test file; `drop` removes it. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

export function testDatabases(): TestDatabase[] {
  const pg = process.env['JICENG_TEST_POSTGRES_URL'];
  if (!pg && process.env['JICENG_REQUIRE_POSTGRES'] === '1') {
    throw new Error(
      'JICENG_REQUIRE_POSTGRES=1 but JICENG_TEST_POSTGRES_URL is not set: the PostgreSQL tests would be skipped',
    );
  }
  const sqlite: TestDatabase = {
    name: 'sqlite',
    create: async () => ({ url: 'sqlite::memory:', drop: async () => {} }),
  };
  return pg ? [sqlite, { name: 'postgresql', create: () => createScratchPostgres(pg) }] : [sqlite];
}

/**
 * A fresh PostgreSQL database named uniquely for this process, so parallel runs never
 * collide; created through the server that `adminUrl` points at.
 */
export async function createScratchPostgres(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `jiceng_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: adminUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: true,
  });
  await admin.em.getConnection().execute(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.em.getConnection().execute(`drop database if exists "${name}" with (force)`);
      await admin.close(true);
    },
  };
}

/**
 * Drops the scratch databases created since `since` whose creating process is gone: what a test
 * file leaves when a hook fails before its cleanup is in place, or its worker dies. A database
 * someone is still connected to stays. Returns the names dropped.
 */
export async function sweepScratchDatabases(adminUrl: string, since: number): Promise<string[]> {
  const admin = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: adminUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: true,
  });
  const sql = admin.em.getConnection();
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  const dropped: string[] = [];
  try {
    const rows = (await sql.execute(
      "select datname from pg_database where datname like 'jiceng\\_t\\_%'",
    )) as { datname: string }[];
    for (const { datname } of rows) {
      const [, pid, time] = /^jiceng_t_(\d+)_([0-9a-z]+)_/.exec(datname) ?? [];
      if (pid === undefined || time === undefined || parseInt(time, 36) < since || alive(Number(pid)))
        continue;
      try {
        await sql.execute(`drop database "${datname}"`);
        dropped.push(datname);
      } catch {
        // In use after all: left to whoever uses it.
      }
    }
  } finally {
    await admin.close(true);
  }
  return dropped;
}

/**
 * A scratch database for one test file with a schema created straight from `entities`
 * (no migrations): for repository tests of entities whose migration is not written yet.
 * The migrations test proves, separately, that the committed migrations reach the same schema.
 */
export async function openScratchDatabase(
  target: TestDatabase,
  entities: readonly EntitySchema[],
): Promise<Database & { drop(): Promise<void> }> {
  const scratch = await target.create();
  const orm = await MikroORM.init(ormOptions({ url: scratch.url, entities }));
  // A schema that fails to build must not leave its database behind on the server.
  await orm.schema.createSchema().catch(async (error: unknown) => {
    await orm.close(true);
    await scratch.drop();
    throw error;
  });
  return {
    orm,
    em: orm.em as SqlEntityManager,
    close: () => orm.close(true),
    drop: async () => {
      await orm.close(true);
      await scratch.drop();
    },
  };
}

/**
 * Cuts a scratch PostgreSQL database off as an outage would: refuses new connections to it and
 * terminates the open ones (a test's own database only). `restore` lets connections in again.
 */
export async function cutOffPostgres(adminUrl: string, url: string): Promise<{ restore(): Promise<void> }> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.startsWith('jiceng_t_')) throw new Error(`cutOffPostgres: ${name} is not a scratch database`);
  const admin = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: adminUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: true,
  });
  const sql = admin.em.getConnection();
  await sql.execute(`alter database "${name}" allow_connections false`);
  await sql.execute(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
  );
  return {
    restore: async () => {
      await sql.execute(`alter database "${name}" allow_connections true`);
      await admin.close(true);
    },
  };
}
