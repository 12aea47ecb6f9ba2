import type { Database } from '@jiceng/persistence';
import { seedReferenceCounty } from '@jiceng/persistence/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities } from '../src/database.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

// What `jiceng serve` loads lives around the day it is loaded, not in 2025 for ever.
describe.each(testDatabases())('the reference county around today on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  const today = '2026-12-04';
  const one = async <T>(sql: string): Promise<T> => (await db.em.getConnection().execute<T[]>(sql))[0] as T;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...entities]);
    await seedReferenceCounty(db, { scale: 0.1, today: today as never, aroundToday: true });
  }, 180_000);
  afterAll(() => db.drop(), 60_000);

  it('has points for the last full year, audited, and this year to date, not audited', async () => {
    const years = await db.em
      .getConnection()
      .execute<{ year: number; n: number | string }[]>(
        'select year, count(*) as n from points_entry group by year order by year',
      );
    expect(years.map((y) => Number(y.year))).toEqual([2025, 2026]);
    expect(years.every((y) => Number(y.n) > 100)).toBe(true);
    const latest = await one<{ last: string }>('select max(occurred_on) as last from points_entry');
    expect(latest.last <= today).toBe(true);
    expect(latest.last >= '2026-10-01').toBe(true);
    const locks = await db.em
      .getConnection()
      .execute<{ year: number }[]>('select distinct year from points_year_lock');
    expect(locks.map((l) => Number(l.year))).toEqual([2025]);
  });

  it('has open requests a few days old, with deadlines on both sides of today, and nothing later', async () => {
    const open = await db.em
      .getConnection()
      .execute<{ reported_at: string; due_date: string }[]>(
        "select reported_at, due_date from grid_request where status in ('reported', 'assigned', 'in_progress')",
      );
    expect(open.length).toBeGreaterThan(5);
    expect(open.every((r) => r.reported_at >= '2026-11-24' && r.reported_at < `${today}T`)).toBe(true);
    expect(open.some((r) => r.due_date < today) && open.some((r) => r.due_date >= today)).toBe(true);
    const last = await one<{ last: string }>('select max(reported_at) as last from grid_request');
    expect(last.last < `${today}T`).toBe(true);
    const lastYear = await one<{ n: number | string }>(
      "select count(*) as n from grid_request where reported_at like '2025-%'",
    );
    expect(Number(lastYear.n)).toBeGreaterThan(900); // a tenth of the seed's yearly 9,583
  });
});
