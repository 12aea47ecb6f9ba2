import type { JointMeeting, Repartition, RequestLocation } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError } from '../errors.js';
import { BATCH, chunks } from '../sql.js';
import {
  buildingRow,
  meetingRow,
  type StoredBuilding,
  type StoredGrid,
  type StoredWorker,
  toStoredBuilding,
  toStoredGrid,
  toStoredWorker,
} from './mapping.js';
import { type PartitionWrite, readPartition, type StoredPartition, writePartition } from './partitions.js';
import { type GridRoute, routeLocation } from './routing.js';
import {
  type GridBuildingRow,
  GridBuildingSchema,
  GridJointMeetingSchema,
  GridSchema,
  GridWorkerSchema,
} from './schemas.js';
import type { StatisticsScope } from './statistics.js';

/** A building as a community registers it; its grid is decided by partition. */
export interface BuildingInput {
  readonly id: string;
  readonly communityCode: string;
  readonly households: number;
  readonly addressOrder: number;
  readonly address?: string | null | undefined;
  readonly location?: readonly [number, number] | undefined;
}

/** The size of one grid party group. */
export interface PartyGroupSize {
  readonly gridCode: string;
  readonly communityCode: string;
  readonly members: number;
}

/**
 * Grids, buildings, teams and joint meetings: batch reads for the gateway's loaders, routing
 * against the stored grids, and a community's partition — read to be decided on, then stored in one
 * transaction at the version (and the buildings) it was decided on.
 */
export class GridRepository {
  constructor(private readonly em: EntityManager) {}

  /** Grids by code in one query, in the order asked; unknown codes are left out. */
  async gridsByCodes(codes: readonly string[]): Promise<StoredGrid[]> {
    if (codes.length === 0) return [];
    const em = this.em.fork();
    const rows = [];
    for (const batch of chunks([...new Set(codes)], BATCH)) {
      rows.push(...(await em.find(GridSchema, { code: { $in: batch } })));
    }
    const byCode = new Map(rows.map((r) => [r.code, toStoredGrid(r)]));
    return codes.flatMap((c) => byCode.get(c) ?? []);
  }

  /** The active grids of some communities in one query, each community's in line order. */
  async gridsOfCommunities(communityCodes: readonly string[]): Promise<StoredGrid[]> {
    if (communityCodes.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(
        GridSchema,
        { communityCode: { $in: [...new Set(communityCodes)] }, retired: false },
        { orderBy: { communityCode: 'asc', position: 'asc' } },
      );
    return rows.map(toStoredGrid);
  }

  /** The active grids under some streets, communities or grids, in one query. */
  async gridsIn(scope: StatisticsScope): Promise<StoredGrid[]> {
    const or = scopeOr(scope, { street: 'streetCode', community: 'communityCode', grid: 'code' });
    if (or.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(GridSchema, { $or: or, retired: false }, { orderBy: { communityCode: 'asc', position: 'asc' } });
    return rows.map(toStoredGrid);
  }

  /** The buildings of some grids in one query, by grid, each in address order. */
  async buildingsOfGrids(gridCodes: readonly string[]): Promise<Map<string, StoredBuilding[]>> {
    const out = new Map<string, StoredBuilding[]>();
    if (gridCodes.length === 0) return out;
    const em = this.em.fork();
    for (const batch of chunks([...new Set(gridCodes)], BATCH)) {
      const rows = await em.find(
        GridBuildingSchema,
        { gridCode: { $in: batch } },
        { orderBy: { gridCode: 'asc', addressOrder: 'asc', id: 'asc' } },
      );
      for (const row of rows) {
        const list = out.get(row.gridCode!);
        if (list === undefined) out.set(row.gridCode!, [toStoredBuilding(row)]);
        else list.push(toStoredBuilding(row));
      }
    }
    return out;
  }

  /** Every building of a community, in address order. */
  async buildingsOfCommunity(communityCode: string): Promise<StoredBuilding[]> {
    const rows = await this.em
      .fork()
      .find(GridBuildingSchema, { communityCode }, { orderBy: { addressOrder: 'asc', id: 'asc' } });
    return rows.map(toStoredBuilding);
  }

  /**
   * Registers buildings, or updates their households, address order, address and position; a
   * building keeps its grid until a partition is applied. One transaction, batched.
   */
  async saveBuildings(buildings: readonly BuildingInput[]): Promise<void> {
    if (buildings.length === 0) return;
    try {
      await this.em.fork().transactional(async (tx) => {
        const ids = buildings.map((b) => b.id);
        const existing = new Map<string, string | null>();
        for (const batch of chunks([...new Set(ids)], BATCH)) {
          const rows = await tx.find(
            GridBuildingSchema,
            { id: { $in: batch } },
            { fields: ['id', 'gridCode'], disableIdentityMap: true },
          );
          for (const r of rows) existing.set(r.id, r.gridCode);
        }
        const fresh: GridBuildingRow[] = [];
        for (const b of buildings) {
          const row = buildingRow({ ...b, gridCode: existing.get(b.id) ?? null });
          if (existing.has(b.id)) {
            const { id, gridCode: _grid, ...columns } = row;
            await tx.nativeUpdate(GridBuildingSchema, { id }, columns);
          } else fresh.push(row);
        }
        for (const batch of chunks(fresh, BATCH)) await tx.insertMany(GridBuildingSchema, batch);
      });
    } catch (error) {
      convertDriverError(error, 'a building');
    }
  }

  /** The teams of some grids in one query: grid → its workers, in team order. */
  async teamsOf(gridCodes: readonly string[]): Promise<Map<string, StoredWorker[]>> {
    const out = new Map<string, StoredWorker[]>();
    if (gridCodes.length === 0) return out;
    const knex = this.em.getKnex();
    for (const batch of chunks([...new Set(gridCodes)], BATCH)) {
      const rows: {
        grid_code: string;
        id: string;
        name: string;
        home_community_code: string;
        is_party_member: boolean | number;
        party_member_id: string | null;
      }[] = await knex('grid_team_member as t')
        .join('grid_worker as w', 'w.id', 't.worker_id')
        .select(
          't.grid_code',
          'w.id',
          'w.name',
          'w.home_community_code',
          'w.is_party_member',
          'w.party_member_id',
        )
        .whereIn('t.grid_code', batch)
        .orderBy([{ column: 't.grid_code' }, { column: 't.position' }]);
      for (const r of rows) {
        const worker = toStoredWorker({
          id: r.id,
          name: r.name,
          homeCommunityCode: r.home_community_code,
          isPartyMember: r.is_party_member === true || r.is_party_member === 1,
          partyMemberId: r.party_member_id,
        });
        const list = out.get(r.grid_code);
        if (list === undefined) out.set(r.grid_code, [worker]);
        else list.push(worker);
      }
    }
    return out;
  }

  /** Grid workers by id in one query, in the order asked. */
  async workersByIds(ids: readonly string[]): Promise<StoredWorker[]> {
    if (ids.length === 0) return [];
    const em = this.em.fork();
    const rows = [];
    for (const batch of chunks([...new Set(ids)], BATCH)) {
      rows.push(...(await em.find(GridWorkerSchema, { id: { $in: batch } })));
    }
    const byId = new Map(rows.map((r) => [r.id, toStoredWorker(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** The serving (not retired) grid workers living in some communities, by id. */
  async workersOfCommunities(communityCodes: readonly string[]): Promise<StoredWorker[]> {
    if (communityCodes.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(
        GridWorkerSchema,
        { homeCommunityCode: { $in: [...new Set(communityCodes)] }, retiredOn: null },
        { orderBy: { id: 'asc' } },
      );
    return rows.map(toStoredWorker);
  }

  /**
   * Where a location falls: by address (one indexed lookup), by point (the grids whose box holds
   * it, tested point-in-polygon), or a named grid.
   *
   * @example
   * await repo.route({ kind: 'point', point: [112.7031, 32.0052] });
   * // { status: 'inside', gridCode: '330102001001-G01', communityCode: '330102001001', streetCode: '330102001' }
   */
  async route(location: RequestLocation): Promise<GridRoute> {
    return (await routeLocation(this.em.fork(), location)).route;
  }

  /** Members in each active grid's party group under a scope: one GROUP BY, grids without members included. */
  async partyGroupSizes(scope: StatisticsScope): Promise<PartyGroupSize[]> {
    const grids = await this.gridsIn(scope);
    if (grids.length === 0) return [];
    const counts = new Map<string, number>();
    const knex = this.em.getKnex();
    for (const batch of chunks(
      grids.map((g) => g.code),
      BATCH,
    )) {
      // Placed members only (a street): the grid side counts no one it does not place.
      const rows: { grid_code: string; n: number | string }[] = await knex('points_member')
        .select('grid_code')
        .count({ n: '*' })
        .whereIn('grid_code', batch)
        .whereNotNull('street_code')
        .groupBy('grid_code');
      for (const r of rows) counts.set(r.grid_code, Number(r.n));
    }
    return grids.map((g) => ({
      gridCode: g.code,
      communityCode: g.communityCode,
      members: counts.get(g.code) ?? 0,
    }));
  }

  /** Joint meetings of some streets and communities held in a range (inclusive), by day. */
  async jointMeetings(orgCodes: readonly string[], from?: string, to?: string): Promise<JointMeeting[]> {
    if (orgCodes.length === 0) return [];
    const held =
      from === undefined && to === undefined
        ? {}
        : {
            heldOn: {
              ...(from === undefined ? {} : { $gte: from }),
              ...(to === undefined ? {} : { $lte: to }),
            },
          };
    const rows = await this.em
      .fork()
      .find(
        GridJointMeetingSchema,
        { orgCode: { $in: [...new Set(orgCodes)] }, ...held },
        { orderBy: { heldOn: 'asc', id: 'asc' } },
      );
    return rows.map((r) => ({
      id: r.id,
      level: r.level,
      orgCode: r.orgCode,
      heldOn: r.heldOn,
      kind: r.kind,
      ...(r.topic === null ? {} : { topic: r.topic }),
    }));
  }

  /** Records joint meetings (a repeated id raises {@link DuplicateKeyError}). */
  async recordJointMeetings(meetings: readonly JointMeeting[]): Promise<void> {
    if (meetings.length === 0) return;
    try {
      await this.em.fork().transactional(async (tx) => {
        for (const batch of chunks(meetings.map(meetingRow), BATCH))
          await tx.insertMany(GridJointMeetingSchema, batch);
      });
    } catch (error) {
      convertDriverError(error, 'a joint meeting');
    }
  }

  /**
   * A community's partition as stored, for a re-partition to be decided on: its buildings in
   * address order with their grids, the codes of its retired grids, the method it was last
   * partitioned by and its version.
   *
   * @example
   * const read = await repo.readPartition(c);
   * const next = repartitionCommunity(read.input, rules.grid, { method: read.method ?? 'auto' });
   * if (next.ok) await repo.savePartition(next.value, { decidedOn: read, at });
   */
  async readPartition(communityCode: string): Promise<StoredPartition> {
    return readPartition(this.em.fork(), communityCode);
  }

  /**
   * Stores a re-partition decided on {@link readPartition}'s answer, in one transaction:
   * buildings move to their new grids, new grids are stored (without an outline until one is
   * drawn), dissolved grids are retired with their teams (a retired code is never given out
   * again), party members follow their buildings, and the organisation trees gain and lose the
   * same grid and party group nodes. {@link ConcurrentUpdateError} if the community was
   * re-partitioned, or its buildings changed, since it was read. Returns the new version.
   */
  async savePartition(partition: Repartition, options: PartitionWrite): Promise<number> {
    const { communityCode } = options.decidedOn;
    try {
      return await this.em.fork().transactional((tx) => writePartition(tx, partition, options));
    } catch (error) {
      return convertDriverError(error, `the partition of community "${communityCode}"`);
    }
  }
}

function scopeOr(
  scope: StatisticsScope,
  columns: { street: string; community: string; grid: string },
): Record<string, { $in: string[] }>[] {
  return [
    ...(scope.streetCodes?.length ? [{ [columns.street]: { $in: [...new Set(scope.streetCodes)] } }] : []),
    ...(scope.communityCodes?.length
      ? [{ [columns.community]: { $in: [...new Set(scope.communityCodes)] } }]
      : []),
    ...(scope.gridCodes?.length ? [{ [columns.grid]: { $in: [...new Set(scope.gridCodes)] } }] : []),
  ];
}
