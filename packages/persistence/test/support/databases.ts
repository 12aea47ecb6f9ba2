/**
 * The databases every repository test runs on: SQLite always, PostgreSQL when
 * JICENG_TEST_POSTGRES_URL is set. With JICENG_REQUIRE_POSTGRES=1 (set by .ci/run) a missing
 * URL fails the run instead of quietly skipping the PostgreSQL half.
 */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgresql';
  readonly url: string;
  /** A schema unique to this run, so parallel runs never collide (PostgreSQL only). */
  readonly schema?: string;
}

export function testDatabases(): TestDatabase[] {
  const pg = process.env['JICENG_TEST_POSTGRES_URL'];
  if (!pg && process.env['JICENG_REQUIRE_POSTGRES'] === '1') {
    throw new Error(
      'JICENG_REQUIRE_POSTGRES=1 but JICENG_TEST_POSTGRES_URL is not set: the PostgreSQL tests would be skipped',
    );
  }
  const unique = `jiceng_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return [
    { name: 'sqlite', url: 'sqlite::memory:' },
    ...(pg ? [{ name: 'postgresql' as const, url: pg, schema: unique }] : []),
  ];
}
