import type { RegisterBuilding, RegisterTeam, RegisterWorker } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { buildingRow } from '../grid/mapping.js';
import { GridBuildingSchema, GridTeamMemberSchema, GridWorkerSchema } from '../grid/schemas.js';
import { BATCH, chunks, placeholders } from '../sql.js';

/** A record of a keyed register to store: new (inserted) or stored already (updated). */
export interface KeyedWrite<T> {
  readonly change: 'added' | 'updated';
  readonly record: T;
}

/**
 * The grid side's registers in an import's transaction: buildings (`grid_building`), grid
 * workers (`grid_worker`) and teams (`grid_team_member`), the tables the grid area reads. Loads
 * and stores only; what to store is decided by the caller.
 */
export interface GridRegisterSession {
  /** Stored buildings of these codes, by code. */
  buildings(codes: readonly string[]): Promise<Map<string, RegisterBuilding>>;
  /** Inserts or updates buildings; a building's grid is the record's. */
  storeBuildings(writes: readonly KeyedWrite<RegisterBuilding>[]): Promise<void>;
  buildingCodes(): Promise<string[]>;
  /** Stored members living in these buildings. */
  membersInBuildings(codes: readonly string[]): Promise<{ code: string; building: string }[]>;
  removeBuildings(codes: readonly string[]): Promise<void>;

  workers(codes: readonly string[]): Promise<Map<string, RegisterWorker>>;
  storeWorkers(writes: readonly KeyedWrite<RegisterWorker>[]): Promise<void>;
  workerCodes(): Promise<string[]>;
  /** Stored workers whose party member record is one of these members. */
  workersLinkedTo(memberCodes: readonly string[]): Promise<{ code: string; member: string }[]>;
  removeWorkers(codes: readonly string[]): Promise<void>;

  /** Stored teams of these grids (grids without a team left out). */
  teams(grids: readonly string[]): Promise<Map<string, RegisterTeam>>;
  /** Replaces the teams of these grids. */
  storeTeams(teams: readonly RegisterTeam[]): Promise<void>;
  teamGrids(): Promise<string[]>;
  /** Stored team places of these workers. */
  teamsWith(workerCodes: readonly string[]): Promise<{ grid: string; worker: string }[]>;
  removeTeams(grids: readonly string[]): Promise<void>;

  /** Stored buildings, workers and teams at these organisation nodes (community, grid). */
  gridRowsAt(
    nodes: readonly string[],
  ): Promise<{ register: 'buildings' | 'workers' | 'teams'; key: string; node: string }[]>;
}

type Select = <R>(sql: string, params: readonly unknown[]) => Promise<R[]>;

/** Rows of a query over a list of keys, one query per batch. */
async function byBatch<R>(
  select: Select,
  keys: readonly string[],
  sql: (marks: string) => string,
): Promise<R[]> {
  const out: R[] = [];
  for (const batch of chunks([...new Set(keys)], BATCH))
    out.push(...(await select<R>(sql(placeholders(batch.length)), batch)));
  return out;
}

/** The grid side's register session over the import's transaction. */
export function gridRegisterSession(tx: EntityManager, select: Select): GridRegisterSession {
  const codesOf = async (sql: string) => (await select<{ code: string }>(sql, [])).map((r) => r.code);
  const remove = async (table: string, column: string, keys: readonly string[]) => {
    for (const batch of chunks([...new Set(keys)], BATCH)) {
      await tx
        .getConnection('write')
        .execute(
          `delete from ${table} where ${column} in (${placeholders(batch.length)})`,
          batch,
          'run',
          tx.getTransactionContext(),
        );
    }
  };
  return {
    async buildings(codes) {
      const rows = await byBatch<{
        id: string;
        community_code: string;
        grid_code: string | null;
        address: string | null;
        households: number;
        address_order: number;
        x: number | null;
        y: number | null;
      }>(select, codes, (m) => `select * from grid_building where id in (${m})`);
      return new Map(
        rows.map((r) => [
          r.id,
          {
            code: r.id,
            community: r.community_code,
            grid: r.grid_code,
            address: r.address,
            households: Number(r.households),
            addressOrder: Number(r.address_order),
            longitude: r.x === null ? null : Number(r.x),
            latitude: r.y === null ? null : Number(r.y),
          },
        ]),
      );
    },

    async storeBuildings(writes) {
      const rows = writes.map((w) => ({
        change: w.change,
        row: buildingRow({
          id: w.record.code,
          communityCode: w.record.community,
          gridCode: w.record.grid,
          households: w.record.households,
          addressOrder: w.record.addressOrder,
          address: w.record.address,
          ...(w.record.longitude === null || w.record.latitude === null
            ? {}
            : { location: [w.record.longitude, w.record.latitude] as const }),
        }),
      }));
      for (const batch of chunks(
        rows.filter((r) => r.change === 'added').map((r) => r.row),
        BATCH,
      )) {
        await tx.insertMany(GridBuildingSchema, batch);
      }
      for (const { row } of rows.filter((r) => r.change === 'updated')) {
        const { id, ...columns } = row;
        await tx.nativeUpdate(GridBuildingSchema, { id }, columns);
      }
    },

    buildingCodes: () => codesOf('select id as code from grid_building'),

    async membersInBuildings(codes) {
      const rows = await byBatch<{ code: string; building_id: string }>(
        select,
        codes,
        (m) => `select code, building_id from points_member where building_id in (${m})`,
      );
      return rows.map((r) => ({ code: r.code, building: r.building_id }));
    },

    removeBuildings: (codes) => remove('grid_building', 'id', codes),

    async workers(codes) {
      const rows = await byBatch<{
        id: string;
        name: string;
        home_community_code: string;
        is_party_member: boolean | number;
        party_member_id: string | null;
      }>(select, codes, (m) => `select * from grid_worker where id in (${m})`);
      return new Map(
        rows.map((r) => [
          r.id,
          {
            code: r.id,
            name: r.name,
            homeCommunity: r.home_community_code,
            isPartyMember: r.is_party_member === true || r.is_party_member === 1,
            memberCode: r.party_member_id,
          },
        ]),
      );
    },

    async storeWorkers(writes) {
      const rows = writes.map((w) => ({
        change: w.change,
        row: {
          id: w.record.code,
          name: w.record.name,
          homeCommunityCode: w.record.homeCommunity,
          isPartyMember: w.record.isPartyMember,
          partyMemberId: w.record.memberCode,
        },
      }));
      for (const batch of chunks(
        rows.filter((r) => r.change === 'added').map((r) => r.row),
        BATCH,
      )) {
        await tx.insertMany(GridWorkerSchema, batch);
      }
      for (const { row } of rows.filter((r) => r.change === 'updated')) {
        const { id, ...columns } = row;
        await tx.nativeUpdate(GridWorkerSchema, { id }, columns);
      }
    },

    workerCodes: () => codesOf('select id as code from grid_worker'),

    async workersLinkedTo(memberCodes) {
      const rows = await byBatch<{ id: string; party_member_id: string }>(
        select,
        memberCodes,
        (m) => `select id, party_member_id from grid_worker where party_member_id in (${m})`,
      );
      return rows.map((r) => ({ code: r.id, member: r.party_member_id }));
    },

    removeWorkers: (codes) => remove('grid_worker', 'id', codes),

    async teams(grids) {
      const rows = await byBatch<{ grid_code: string; worker_id: string; position: number }>(
        select,
        grids,
        (m) => `select grid_code, worker_id, position from grid_team_member where grid_code in (${m})`,
      );
      rows.sort((a, b) =>
        a.grid_code === b.grid_code
          ? Number(a.position) - Number(b.position)
          : a.grid_code < b.grid_code
            ? -1
            : 1,
      );
      const out = new Map<string, string[]>();
      for (const r of rows) {
        const list = out.get(r.grid_code);
        if (list === undefined) out.set(r.grid_code, [r.worker_id]);
        else list.push(r.worker_id);
      }
      return new Map([...out].map(([grid, workers]) => [grid, { grid, workers }]));
    },

    async storeTeams(teams) {
      await remove(
        'grid_team_member',
        'grid_code',
        teams.map((t) => t.grid),
      );
      const rows = teams.flatMap((t) =>
        t.workers.map((workerId, position) => ({ gridCode: t.grid, workerId, position })),
      );
      for (const batch of chunks(rows, BATCH)) await tx.insertMany(GridTeamMemberSchema, batch);
    },

    teamGrids: () => codesOf('select distinct grid_code as code from grid_team_member'),

    async teamsWith(workerCodes) {
      const rows = await byBatch<{ grid_code: string; worker_id: string }>(
        select,
        workerCodes,
        (m) => `select grid_code, worker_id from grid_team_member where worker_id in (${m})`,
      );
      return rows.map((r) => ({ grid: r.grid_code, worker: r.worker_id }));
    },

    removeTeams: (grids) => remove('grid_team_member', 'grid_code', grids),

    async gridRowsAt(nodes) {
      const out: { register: 'buildings' | 'workers' | 'teams'; key: string; node: string }[] = [];
      for (const batch of chunks([...new Set(nodes)], BATCH)) {
        const m = placeholders(batch.length);
        const buildings = await select<{ id: string; community_code: string; grid_code: string | null }>(
          `select id, community_code, grid_code from grid_building where community_code in (${m}) or grid_code in (${m})`,
          [...batch, ...batch],
        );
        const set = new Set(batch);
        for (const b of buildings) {
          out.push({
            register: 'buildings',
            key: b.id,
            node: set.has(b.community_code) ? b.community_code : b.grid_code!,
          });
        }
        const workers = await select<{ id: string; home_community_code: string }>(
          `select id, home_community_code from grid_worker where home_community_code in (${m})`,
          batch,
        );
        for (const w of workers) out.push({ register: 'workers', key: w.id, node: w.home_community_code });
        const teams = await select<{ grid_code: string }>(
          `select distinct grid_code from grid_team_member where grid_code in (${m})`,
          batch,
        );
        for (const t of teams) out.push({ register: 'teams', key: t.grid_code, node: t.grid_code });
      }
      return out;
    },
  };
}
