import {
  type Building,
  type Instant,
  issue,
  type PartitionMethod,
  type Repartition,
  type RepartitionInput,
} from '@jiceng/domain';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { ConcurrentUpdateError, InvalidInputError } from '../errors.js';
import { fingerprintOf } from '../fingerprint.js';
import { OrgNodeSchema } from '../org/org-nodes.js';
import { PointsMemberSchema } from '../points/schemas.js';
import { BATCH, chunks } from '../sql.js';
import { toStoredBuilding } from './mapping.js';
import {
  GridBuildingSchema,
  GridPartitionSchema,
  type GridRow,
  GridSchema,
  GridTeamMemberSchema,
} from './schemas.js';
import { syncTrees } from './tree-sync.js';

/**
 * A community's partition as stored: what a re-partition is decided on (`repartitionCommunity`
 * takes `input` as it is), with what the write checks it against.
 */
export interface StoredPartition {
  readonly communityCode: string;
  /** The community's partition version (0: never partitioned). */
  readonly version: number;
  /** The method it was last partitioned by; null before its first partition. */
  readonly method: PartitionMethod | null;
  /** Its buildings in address order with their current grids, and the codes of retired grids. */
  readonly input: RepartitionInput;
  /** A digest of the buildings and retired grids read, which carry no version of their own. */
  readonly fingerprint: string;
}

/** The community's partition, read in `em` (a transaction's own manager when it re-checks). */
export async function readPartition(em: EntityManager, communityCode: string): Promise<StoredPartition> {
  const state = await em.findOne(GridPartitionSchema, { communityCode }, { disableIdentityMap: true });
  const rows = await em.find(
    GridBuildingSchema,
    { communityCode },
    { orderBy: { addressOrder: 'asc', id: 'asc' }, disableIdentityMap: true },
  );
  const retired = await em.find(
    GridSchema,
    { communityCode, retired: true },
    { fields: ['code'], orderBy: { code: 'asc' }, disableIdentityMap: true },
  );
  const buildings: Building[] = rows.map(toStoredBuilding).map((b) => ({
    id: b.id,
    households: b.households,
    addressOrder: b.addressOrder,
    ...(b.location === undefined ? {} : { location: b.location }),
  }));
  const gridOf: Record<string, string> = {};
  for (const b of rows) if (b.gridCode !== null) gridOf[b.id] = b.gridCode;
  const retiredGridCodes = retired.map((g) => g.code);
  return {
    communityCode,
    version: state?.version ?? 0,
    method: state?.method ?? null,
    input: { communityCode, buildings, previous: { gridOf }, retiredGridCodes },
    fingerprint: fingerprintOf([buildings, gridOf, retiredGridCodes]),
  };
}

/** How a decided re-partition is stored: on the partition it was decided on, at a moment. */
export interface PartitionWrite {
  readonly decidedOn: StoredPartition;
  readonly at: Instant;
}

/**
 * Stores a decided re-partition in the caller's transaction: buildings move to their new grids,
 * new grids are stored (without an outline until one is drawn), dissolved grids are retired with
 * their teams, party members follow their buildings, and the organisation trees gain and lose the
 * same grid and party group nodes. {@link ConcurrentUpdateError} when the community's version or
 * its buildings and retired grids are no longer what the decision was read from. Returns the new
 * version.
 */
export async function writePartition(
  tx: EntityManager,
  partition: Repartition,
  { decidedOn, at }: PartitionWrite,
): Promise<number> {
  const { communityCode } = decidedOn;
  if (partition.communityCode !== communityCode) {
    throw new Error(`a partition of "${partition.communityCode}" was decided on "${communityCode}"`);
  }
  // The version row first: it holds a concurrent writer back until this one ends, which then
  // finds the version moved. The rows without a version are compared by their fingerprint.
  await claimVersion(tx, partition, decidedOn, at);
  const now = await readPartition(tx, communityCode);
  if (now.fingerprint !== decidedOn.fingerprint) throw moved(communityCode);
  const buildings = await tx.find(
    GridBuildingSchema,
    { communityCode },
    { fields: ['id', 'gridCode', 'address'], disableIdentityMap: true },
  );
  const grids = await tx.find(GridSchema, { communityCode }, { disableIdentityMap: true });
  const streetCode = grids[0]?.streetCode ?? (await streetOf(tx, communityCode));
  const communityName = (await tx.findOne(OrgNodeSchema, { code: communityCode }))?.name ?? communityCode;

  // Buildings and the party members living in them move grid by grid.
  const moving = new Map<string, string[]>();
  const before = new Map(buildings.map((b) => [b.id, b.gridCode]));
  for (const [id, to] of Object.entries(partition.gridOf)) {
    if (before.get(id) === to) continue;
    const list = moving.get(to);
    if (list === undefined) moving.set(to, [id]);
    else list.push(id);
  }
  for (const [to, ids] of moving) {
    for (const batch of chunks(ids, BATCH)) {
      await tx.nativeUpdate(GridBuildingSchema, { id: { $in: batch } }, { gridCode: to });
      await tx.nativeUpdate(PointsMemberSchema, { buildingId: { $in: batch } }, { gridCode: to });
    }
  }

  // Grids: kept ones take their new size and place, new ones are added, dissolved ones retire.
  const stored = new Map(grids.map((g) => [g.code, g]));
  const prefix = `${communityCode}-G`;
  const created: { code: string; name: string }[] = [];
  const fresh: GridRow[] = [];
  for (const [position, g] of partition.grids.entries()) {
    const row = stored.get(g.code);
    if (row !== undefined) {
      if (row.households !== g.households || row.position !== position || row.retired) {
        await tx.nativeUpdate(
          GridSchema,
          { code: g.code },
          { households: g.households, position, retired: false },
        );
      }
      continue;
    }
    const n = g.code.startsWith(prefix) ? Number(g.code.slice(prefix.length)) : Number.NaN;
    const name = Number.isInteger(n) ? `${communityName}第${n}网格` : `${communityName}${g.code}网格`;
    created.push({ code: g.code, name });
    fresh.push({
      code: g.code,
      communityCode,
      streetCode,
      name,
      households: g.households,
      outline: null,
      minX: null,
      minY: null,
      maxX: null,
      maxY: null,
      position,
      retired: false,
    });
  }
  if (fresh.length > 0) await tx.insertMany(GridSchema, fresh);
  if (partition.dissolvedGrids.length > 0) {
    const dissolved = [...partition.dissolvedGrids];
    await tx.nativeUpdate(GridSchema, { code: { $in: dissolved } }, { retired: true });
    await tx.nativeDelete(GridTeamMemberSchema, { gridCode: { $in: dissolved } });
  }

  await syncTrees(tx, {
    communityCode,
    createdGrids: created,
    dissolvedGrids: partition.dissolvedGrids,
    gridOfBuilding: new Map(Object.entries(partition.gridOf)),
    buildingNames: new Map(buildings.map((b) => [b.id, b.address ?? b.id])),
  });

  return decidedOn.version + 1;
}

/** Raises the community's partition version from the one decided on, or refuses the write. */
async function claimVersion(
  tx: EntityManager,
  partition: Repartition,
  decidedOn: StoredPartition,
  at: Instant,
): Promise<void> {
  const { communityCode } = decidedOn;
  const version = decidedOn.version + 1;
  if (decidedOn.version === 0) {
    try {
      await tx.insert(GridPartitionSchema, {
        communityCode,
        method: partition.method,
        appliedAt: at,
        version,
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw moved(communityCode);
      throw error;
    }
    return;
  }
  const updated = await tx.nativeUpdate(
    GridPartitionSchema,
    { communityCode, version: decidedOn.version },
    { method: partition.method, appliedAt: at, version },
  );
  if (updated !== 1) throw moved(communityCode);
}

function moved(communityCode: string): ConcurrentUpdateError {
  return new ConcurrentUpdateError(
    `the partition of community "${communityCode}" changed since it was read; preview again`,
  );
}

async function streetOf(em: EntityManager, communityCode: string): Promise<string> {
  const node = await em.findOne(OrgNodeSchema, { code: communityCode }, { disableIdentityMap: true });
  if (node === null || node.level !== 'community' || node.parentCode === null) {
    throw new InvalidInputError([
      issue(
        'GRID_UNKNOWN_COMMUNITY',
        {
          zh: `社区“${communityCode}”不在行政区划树中，无法确定其所属街道`,
          en: `community "${communityCode}" is not in the administrative tree, so its street is unknown`,
        },
        ['communityCode'],
        { community: communityCode },
      ),
    ]);
  }
  return node.parentCode;
}
