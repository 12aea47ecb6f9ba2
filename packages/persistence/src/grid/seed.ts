import type { Issue } from '@jiceng/domain';
import type { ReferenceGridDataset } from '@jiceng/domain/reference';
import type { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError, InvalidInputError } from '../errors.js';
import { OrgRepository } from '../org/org-nodes.js';
import { checkMembers, memberRow } from '../points/members.js';
import { type PointsMemberRow, PointsMemberSchema } from '../points/schemas.js';
import { pointsMembersOf } from '../points/seed-members.js';
import { personalDataOf } from '../secrets/sealing.js';
import { BATCH } from '../sql.js';
import { boxOf, buildingRow, eventRows, meetingRow, requestRow } from './mapping.js';
import {
  type GridBuildingRow,
  GridBuildingSchema,
  GridJointMeetingSchema,
  type GridPartitionRow,
  GridPartitionSchema,
  type GridRequestEventRow,
  GridRequestEventSchema,
  type GridRequestRow,
  GridRequestSchema,
  type GridRow,
  GridSchema,
  type GridTeamMemberRow,
  GridTeamMemberSchema,
  type GridWorkerRow,
  GridWorkerSchema,
} from './schemas.js';

/** The tables the seeder fills, in the order it fills them. */
export type GridSeedTable =
  | 'org_tree'
  | 'grid'
  | 'grid_building'
  | 'grid_worker'
  | 'grid_team_member'
  | 'points_member'
  | 'grid_partition'
  | 'grid_request'
  | 'grid_request_event'
  | 'grid_joint_meeting';

/** Progress of a load: rows of `table` written so far, of `total`. */
export interface GridSeedProgress {
  readonly table: GridSeedTable;
  readonly done: number;
  readonly total: number;
}

export interface GridSeedOptions {
  /** Called after each batch. */
  readonly onProgress?: ((progress: GridSeedProgress) => void) | undefined;
  /** The rule profile the requests follow and new members' points are kept under. Default `reference`. */
  readonly profileId?: string | undefined;
}

export interface GridSeedSummary {
  readonly rows: { readonly [T in GridSeedTable]: number };
  /**
   * The party tree is stored when it is one tree. The generator gives every street its own
   * committee, so above scale 1 (several streets) it has several roots, which the organisation
   * trees refuse: the grid tables are still loaded and the refusal is returned here.
   */
  readonly partyTree:
    | { readonly stored: true }
    | { readonly stored: false; readonly issues: readonly Issue[] };
}

interface Table {
  readonly name: GridSeedTable;
  readonly size: number;
  clear(tx: EntityManager): Promise<void>;
  /** Inserts rows [from, to) in one statement; returns how many. */
  insert(tx: EntityManager, from: number, to: number): Promise<number>;
}

function table<T extends object>(name: GridSeedTable, schema: EntitySchema<T>, rows: readonly T[]): Table {
  return {
    name,
    size: rows.length,
    clear: async (tx) => {
      await tx.nativeDelete(schema, {});
    },
    insert: async (tx, from, to) => {
      const batch = rows.slice(from, to);
      await tx.insertMany(schema, batch);
      return batch.length;
    },
  };
}

/** Where the grid side places a member: what a load replaces of a member stored already. */
const PLACEMENT: (keyof PointsMemberRow)[] = ['streetCode', 'communityCode', 'gridCode', 'buildingId'];

/**
 * The dataset's party members. Clearing un-places every member (their records are the points
 * area's, with their ledger, and stay); a member of the dataset is then inserted whole, or, when
 * stored already (the points seed or a register got there first), only placed again.
 */
function placedMembers(rows: readonly PointsMemberRow[]): Table {
  return {
    name: 'points_member',
    size: rows.length,
    clear: async (tx) => {
      await tx.nativeUpdate(
        PointsMemberSchema,
        { streetCode: { $ne: null } },
        { streetCode: null, buildingId: null },
      );
    },
    insert: async (tx, from, to) => {
      const batch = rows.slice(from, to);
      await tx.upsertMany(PointsMemberSchema, batch, {
        onConflictFields: ['code'],
        onConflictAction: 'merge',
        onConflictMergeFields: PLACEMENT,
      });
      tx.clear();
      return batch.length;
    },
  };
}

/**
 * Stores the reference grid dataset (`generateReferenceGridDataset(profile, { seed, scale })`): the
 * administrative and party trees through {@link OrgRepository.replaceTrees} (one transaction; a
 * party tree the domain refuses is reported in the summary and left out, with the old one),
 * then every grid table in one transaction, replacing what they held, in batched inserts of at
 * most 1,000 rows with progress after each batch. The party members go to the one member table
 * (`points_member`): where the grid side places members is replaced, their records are kept (see
 * `placedMembers`). A failure while loading the grid tables leaves them as they were; the trees,
 * stored first, stay replaced.
 *
 * @example
 * const data = generateReferenceGridDataset(referenceProfile, { scale: 1 });
 * await seedGridDataset(db.em, data, { onProgress: ({ table, done, total }) => bar.update(table, done / total) });
 */
export async function seedGridDataset(
  em: EntityManager,
  dataset: ReferenceGridDataset,
  options: GridSeedOptions = {},
): Promise<GridSeedSummary> {
  const progress = options.onProgress ?? (() => {});
  const profileId = options.profileId ?? 'reference';
  const orgs = new OrgRepository(em);
  let partyTree: GridSeedSummary['partyTree'] = { stored: true };
  try {
    await orgs.replaceTrees(dataset.administrativeRows, dataset.partyRows);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    // The administrative tree alone, without a party tree that would not fit it.
    await orgs.replaceTrees(dataset.administrativeRows, undefined);
    partyTree = { stored: false, issues: error.issues };
  }
  const treeRows = dataset.administrativeRows.length + (partyTree.stored ? dataset.partyRows.length : 0);
  progress({ table: 'org_tree', done: treeRows, total: treeRows });

  const streetOf = new Map(dataset.communities.map((c) => [c.code, c.streetCode]));
  const gridOf = new Map<string, string>();
  const position = new Map<string, number>();
  const grids: GridRow[] = dataset.grids.map((g) => {
    for (const b of g.buildingIds) gridOf.set(b, g.code);
    const p = position.get(g.communityCode) ?? 0;
    position.set(g.communityCode, p + 1);
    return {
      code: g.code,
      communityCode: g.communityCode,
      streetCode: g.streetCode,
      name: g.name,
      households: g.households,
      outline: g.outline,
      ...boxOf(g.outline),
      position: p,
      retired: false,
    };
  });
  const buildings: GridBuildingRow[] = dataset.buildings.map((b) =>
    buildingRow({ ...b, gridCode: gridOf.get(b.id) ?? null }),
  );
  const workers: GridWorkerRow[] = dataset.workers.map((w) => ({
    id: w.id,
    name: w.name,
    homeCommunityCode: w.homeCommunityCode,
    isPartyMember: w.isPartyMember,
    partyMemberId: w.partyMemberId,
  }));
  const team: GridTeamMemberRow[] = dataset.teams.flatMap((t) =>
    t.workerIds.map((workerId, i) => ({ gridCode: t.gridCode, workerId, position: i })),
  );
  // The party members as the points area stores them (the records `seedMembersAndLedger` writes
  // for this dataset, less the synthetic personal data it adds), placed in their street, grid and
  // building.
  const codec = await personalDataOf(em);
  const records = checkMembers(
    pointsMembersOf(dataset.partyMembers, {
      year: Number(dataset.period.from.slice(0, 4)),
      seed: dataset.seed,
      profileId,
    }).map(({ residentId: _id, mobile: _mobile, ...record }) => record),
  );
  const members: PointsMemberRow[] = dataset.partyMembers.map((m, i) => ({
    ...memberRow(records[i]!, codec),
    streetCode: streetOf.get(m.communityCode) ?? '',
    buildingId: m.residence.kind === 'building' ? m.residence.buildingId : null,
  }));
  const partitions: GridPartitionRow[] = dataset.communities.map((c) => ({
    communityCode: c.code,
    method: 'address_order',
    appliedAt: null,
    version: 1,
  }));
  const requests: GridRequestRow[] = dataset.requests.map((r) => requestRow(r, { profileId }));
  const events: GridRequestEventRow[] = dataset.requests.flatMap((r) => eventRows(r, 0));
  const meetings = dataset.meetings.map(meetingRow);

  const tables: Table[] = [
    table('grid', GridSchema, grids),
    table('grid_building', GridBuildingSchema, buildings),
    table('grid_worker', GridWorkerSchema, workers),
    table('grid_team_member', GridTeamMemberSchema, team),
    placedMembers(members),
    table('grid_partition', GridPartitionSchema, partitions),
    table('grid_request', GridRequestSchema, requests),
    table('grid_request_event', GridRequestEventSchema, events),
    table('grid_joint_meeting', GridJointMeetingSchema, meetings),
  ];
  try {
    await em.fork().transactional(async (tx) => {
      for (const t of [...tables].reverse()) await t.clear(tx);
      for (const t of tables) {
        let done = 0;
        for (let i = 0; i < t.size; i += BATCH) {
          done += await t.insert(tx, i, i + BATCH);
          progress({ table: t.name, done, total: t.size });
        }
        if (t.size === 0) progress({ table: t.name, done: 0, total: 0 });
      }
    });
  } catch (error) {
    convertDriverError(error, 'a row of the reference grid dataset');
  }
  return {
    rows: {
      org_tree: treeRows,
      grid: grids.length,
      grid_building: buildings.length,
      grid_worker: workers.length,
      grid_team_member: team.length,
      points_member: members.length,
      grid_partition: partitions.length,
      grid_request: requests.length,
      grid_request_event: events.length,
      grid_joint_meeting: meetings.length,
    },
    partyTree,
  };
}
