import { createGridDirectory, gridStatistics, type OrgRow, referenceProfile, unwrap } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { type Database, GridStatisticsRepository, OrgRepository } from '@jiceng/persistence';
import { type GridSeedProgress, seedGridDataset } from '@jiceng/persistence/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridEntities } from '../src/grid/schemas.js';
import { OrgNodeSchema } from '../src/org/org-nodes.js';
import { PointsMemberSchema } from '../src/points/schemas.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const scale1 = generateReferenceGridDataset(referenceProfile, { scale: 1 });
const small = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });

describe.each(testDatabases())('seeding the reference grid dataset on $name', (target) => {
  let db: Database & { drop(): Promise<void> };

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...gridEntities, OrgNodeSchema, PointsMemberSchema]);
  });

  afterAll(async () => {
    await db.drop();
  });

  const count = async (table: string): Promise<number> => {
    const [row] = await db.em.getKnex()(table).count({ n: '*' });
    return Number(row?.['n']);
  };

  it('loads scale 1 in batches with progress, every row counted', async () => {
    const progress: GridSeedProgress[] = [];
    const started = performance.now();
    const summary = await seedGridDataset(db.em, scale1, { onProgress: (p) => progress.push(p) });
    const seconds = (performance.now() - started) / 1000;
    console.info(`grid seed, scale 1, ${target.name}: ${seconds.toFixed(2)} s`, summary.rows);

    const events = scale1.requests.reduce((sum, r) => sum + r.events.length, 0);
    expect(summary.partyTree).toEqual({ stored: true });
    expect(summary.rows).toEqual({
      org_tree: scale1.administrativeRows.length + scale1.partyRows.length,
      grid: 48,
      grid_building: scale1.buildings.length,
      grid_worker: 144,
      grid_team_member: 144,
      points_member: 2645,
      grid_partition: 7,
      grid_request: scale1.requests.length,
      grid_request_event: events,
      grid_joint_meeting: scale1.meetings.length,
    });
    for (const [table, rows] of Object.entries(summary.rows)) {
      if (table !== 'org_tree') expect(await count(table), table).toBe(rows);
    }
    expect(await count('org_node')).toBe(summary.rows.org_tree);

    // Batches of at most 1,000 rows, progress rising to the total for every table.
    const eventProgress = progress.filter((p) => p.table === 'grid_request_event').map((p) => p.done);
    expect(eventProgress).toHaveLength(Math.ceil(events / 1000));
    expect(eventProgress.every((done, i) => done - (eventProgress[i - 1] ?? 0) <= 1000)).toBe(true);
    expect(eventProgress.at(-1)).toBe(events);
    expect(new Set(progress.map((p) => p.table))).toEqual(new Set(Object.keys(summary.rows)));
  });

  it('gives the domain’s statistics for every street, community and grid, from GROUP BY queries', async () => {
    const directory = unwrap(
      createGridDirectory({ streets: scale1.streets, communities: scale1.communities, grids: scale1.grids }),
    );
    const expected = unwrap(
      gridStatistics(
        {
          directory,
          teams: scale1.teams,
          partyMembers: scale1.partyMembers,
          requests: scale1.requests,
          asOf: scale1.asOf,
        },
        referenceProfile.grid,
      ),
    );
    const statements: string[] = [];
    const knex = db.em.getKnex();
    const listen = (q: { sql: string }) => statements.push(q.sql);
    knex.on('query', listen);
    const stats = await new GridStatisticsRepository(db.em).statistics(
      {
        streetCodes: scale1.streets.map((s) => s.code),
        communityCodes: scale1.communities.map((c) => c.code),
        gridCodes: scale1.grids.map((g) => g.code),
      },
      { asOf: scale1.asOf, rules: referenceProfile.grid },
    );
    knex.off('query', listen);
    // Names come from the organisation tree in the gateway; the figures must be the domain's.
    const unnamed = (levels: readonly { name: string | null }[], keep: boolean) =>
      levels.map((l) => ({ ...l, name: keep ? l.name : null }));
    expect(unnamed(stats.streets, false)).toEqual(unnamed(expected.streets, false));
    expect(unnamed(stats.communities, false)).toEqual(unnamed(expected.communities, false));
    expect(stats.grids).toEqual(expected.grids);
    expect(stats.streets[0]).toMatchObject({
      grids: 48,
      workers: 144,
      partyMembers: 2645,
      partyOrganisations: 56,
    });
    expect(stats.streets[0]?.requests.byType).toMatchObject({ safety_hazard: 516 });
    // Five statements whatever the number of nodes and requests: grids, teams, members, requests, times.
    expect(statements).toHaveLength(5);
    expect(statements.filter((s) => /group by/i.test(s))).toHaveLength(2);
  });

  it('replaces what an earlier load stored', async () => {
    const summary = await seedGridDataset(db.em, small);
    expect(await count('grid')).toBe(small.grids.length);
    expect(await count('grid_request')).toBe(small.requests.length);
    expect(await count('grid_request_event')).toBe(summary.rows.grid_request_event);
    expect((await new OrgRepository(db.em).loadTree('administrative'))?.nodes).toHaveLength(
      small.administrativeRows.length,
    );
  });

  it('still loads the grid tables when the party tree has several roots, and says so', async () => {
    const rows: OrgRow[] = [
      ...small.partyRows,
      { code: 'P-other', parentCode: null, level: 'committee', name: '另一街道党委' },
    ];
    const summary = await seedGridDataset(db.em, { ...small, partyRows: rows });
    expect(summary.partyTree).toMatchObject({
      stored: false,
      issues: [expect.objectContaining({ code: 'ORG_MULTIPLE_ROOTS' })],
    });
    expect(await count('grid')).toBe(small.grids.length);
  });
});
