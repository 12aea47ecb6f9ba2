import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@jiceng/persistence';
import {
  isEmptyDatabase,
  type SeedNotice,
  seedReferenceCounty,
  unfinishedLoad,
} from '@jiceng/persistence/seed';
import { beforeAll, describe, expect, it } from 'vitest';
import { entities } from '../src/database.js';
import { ProfileDocumentSchema } from '../src/profile-documents.js';
import { InstanceSecretSchema } from '../src/secrets/instance-secrets.js';
import { personalDataOf, type SealedField } from '../src/secrets/sealing.js';
import { DataLoadSchema } from '../src/seed/data-load.js';
import { CRASH_OPTIONS, killedLoad } from './reference-county-crash-plan.js';
import { type TestDatabase, testDatabases } from './support/databases.js';

/**
 * Issue #12: `kill -9` during the first load left part of the county, and the next start called
 * the database loaded. Here a child process loads the reference county and is killed at a
 * progress report; the next load must redo it and give, table by table and row by row, what an
 * uninterrupted load gives. Each engine gets files of its own (SQLite) or scratch databases.
 */
const targets: TestDatabase[] = testDatabases().map((t) =>
  t.name === 'sqlite'
    ? {
        name: 'sqlite',
        create: async () => {
          const dir = await mkdtemp(join(tmpdir(), 'jiceng-crash-'));
          return { url: `sqlite:${join(dir, 'county.db')}`, drop: () => rm(dir, { recursive: true }) };
        },
      }
    : t,
);

/** Where the child is killed, and what the kill must have left (the partial county of the issue). */
const KILL_POINTS = [
  {
    name: 'in the grid tables, after the organisation trees',
    step: 'grid_request_event',
    nth: 1,
    left: (rows: Counts) => {
      expect(rows['org_node']).toBeGreaterThan(0);
      expect(rows['grid']).toBe(0);
      expect(rows['points_member']).toBe(0);
    },
  },
  {
    name: 'in the ledger',
    step: 'points_ledger',
    nth: 5,
    left: (rows: Counts, all: Counts) => {
      expect(rows['points_ledger']).toBeGreaterThan(0);
      expect(rows['points_ledger']).toBeLessThan(all['points_ledger']!);
      expect(rows['consultation']).toBe(0);
    },
  },
  {
    // Every row is written (the CPPCC proposals are the last step); only the marker is not.
    name: 'after the last step, before the marker',
    step: 'cppcc_proposals',
    nth: 1,
    left: (rows: Counts, all: Counts) => expect(rows).toEqual(all),
  },
] as const;

type Counts = Record<string, number>;

/**
 * Every table the county lives in (not the markers, not the profiles the gateway stores, not the
 * database's own keys, which it makes when first opened).
 */
const COUNTY_TABLES = entities
  .filter((e) => e !== DataLoadSchema && e !== ProfileDocumentSchema && e !== InstanceSecretSchema)
  .map((e) => e.meta.tableName!);

/**
 * Sealed personal data, compared by what it holds: each load seals under a fresh nonce and each
 * database under keys of its own, so the stored bytes and lookup hashes differ by design.
 */
const SEALED: Readonly<
  Record<string, { readonly key: string; readonly columns: Readonly<Record<string, SealedField>> }>
> = {
  points_member: {
    key: 'code',
    columns: { resident_id: 'points_member.resident_id', mobile: 'points_member.mobile' },
  },
  grid_request: { key: 'id', columns: { reporter_phone: 'grid_request.reporter_phone' } },
};

/** Row count and a hash of every row of every county table, ids included. */
async function digest(db: Database): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  const codec = await personalDataOf(db.em);
  for (const table of COUNTY_TABLES) {
    const rows = (await db.em.fork().execute(`select * from "${table}"`)) as Record<string, unknown>[];
    const sealed = SEALED[table];
    const plain = (row: Record<string, unknown>): Record<string, unknown> => {
      if (sealed === undefined) return row;
      const out = Object.fromEntries(Object.entries(row).filter(([column]) => !column.endsWith('_hash')));
      for (const [column, field] of Object.entries(sealed.columns)) {
        const value = row[column];
        if (typeof value === 'string') out[column] = codec.open(field, String(row[sealed.key]), value);
      }
      return out;
    };
    const lines = rows.map((r) => JSON.stringify(plain(r))).sort();
    out[table] = { rows: rows.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}

const countsOf = (d: Awaited<ReturnType<typeof digest>>): Counts =>
  Object.fromEntries(Object.entries(d).map(([t, v]) => [t, v.rows]));

describe.each(targets)('a reference county load killed part way, on $name', (target) => {
  let uninterrupted: Awaited<ReturnType<typeof digest>>;

  beforeAll(async () => {
    const scratch = await target.create();
    const db = await openDatabase({ url: scratch.url });
    try {
      await seedReferenceCounty(db, CRASH_OPTIONS);
      uninterrupted = await digest(db);
    } finally {
      await db.close();
      await scratch.drop();
    }
    // The comparison means something only if the load fills every county table it owns.
    expect(countsOf(uninterrupted)).toMatchObject({ grid: 8, points_member: 265, consultation: 10 });
  }, 120_000);

  it.each(KILL_POINTS)(
    'is not taken for loaded when killed $name, and the next load redoes it into the uninterrupted county',
    async (point) => {
      const scratch = await target.create();
      try {
        await killedLoad(scratch.url, point.step, point.nth);
        const db = await openDatabase({ url: scratch.url });
        try {
          point.left(countsOf(await digest(db)), countsOf(uninterrupted));
          expect(await isEmptyDatabase(db)).toBe(true);
          const unfinished = await unfinishedLoad(db.em);
          expect(unfinished).toMatchObject({
            kind: 'reference_county',
            status: 'loading',
            parameters: { scale: 0.1, seed: 5, today: '2026-11-27' },
            finishedAt: null,
          });

          const notices: SeedNotice[] = [];
          const summary = await seedReferenceCounty(db, {
            ...CRASH_OPTIONS,
            onNotice: (n) => notices.push(n),
          });
          // On PostgreSQL the killed loader's session may hold the load lock a moment longer.
          expect(notices.filter((n) => n.action === 'redo')).toEqual([{ action: 'redo', unfinished }]);
          expect(summary).toMatchObject({ grids: 8, partyMembers: 265, consultations: 10 });
          expect(await digest(db)).toEqual(uninterrupted);
          expect(await unfinishedLoad(db.em)).toBeUndefined();
          expect(await isEmptyDatabase(db)).toBe(false);
          const markers = await db.em.fork().find(DataLoadSchema, {}, { orderBy: { id: 'asc' } });
          expect(markers.map((m) => [m.id, m.status])).toEqual([
            [unfinished!.id, 'abandoned'],
            [unfinished!.id + 1, 'complete'],
          ]);
          // Loaded now: a further load writes nothing.
          expect(await seedReferenceCounty(db, CRASH_OPTIONS)).toBeUndefined();
        } finally {
          await db.close();
        }
      } finally {
        await scratch.drop();
      }
    },
    120_000,
  );

  // Two gateways started at once on one empty database: the second must not clear the first's
  // load as if it had crashed. SQLite has no lock between processes (one process per file).
  // (Defined for PostgreSQL only rather than skipped: CI counts a skipped test as a failure.)
  if (target.name === 'postgresql')
    it('lets one of two loads started together load, while the other waits and then writes nothing', async () => {
      const scratch = await target.create();
      const [a, b] = [await openDatabase({ url: scratch.url }), await openDatabase({ url: scratch.url })];
      try {
        const notices: SeedNotice[][] = [[], []];
        const results = await Promise.all(
          [a, b].map((db, i) =>
            seedReferenceCounty(db, { ...CRASH_OPTIONS, onNotice: (n) => notices[i]!.push(n) }),
          ),
        );
        expect(results.filter((r) => r === undefined)).toHaveLength(1);
        const waited = results.indexOf(undefined);
        // Told once; what it names depends on how far the other had got (its marker may not be
        // written yet).
        expect(notices[waited]!.map((n) => n.action)).toEqual(['wait']);
        expect(notices[1 - waited]).toEqual([]);
        expect(await digest(a)).toEqual(uninterrupted);
        expect(await a.em.fork().count(DataLoadSchema, {})).toBe(1);
      } finally {
        await a.close();
        await b.close();
        await scratch.drop();
      }
    }, 120_000);
});
