import type { OrgRow, OrgTree, TreeKind } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { checkTreeLinks, readTreeRows, writeTreeRows } from '../org/org-nodes.js';

/**
 * Keeps the organisation trees in step with a re-partition, inside the re-partition's own
 * transaction: dissolved grids (and their party groups) leave the trees, new grids (and party
 * groups) join them under their community, and building nodes follow their buildings.
 *
 * `OrgRepository.replaceTree` runs its own transaction on a fork, which cannot join this one
 * (on SQLite it would wait for the connection this transaction holds), so the trees are read and
 * written with the functions it uses, `readTreeRows` and `writeTreeRows`, on this transaction.
 */
export interface SubtreeChange {
  readonly communityCode: string;
  /** Grids new in the community, in line order, with their names. */
  readonly createdGrids: readonly { readonly code: string; readonly name: string }[];
  readonly dissolvedGrids: readonly string[];
  /** Building → its grid after the change, for every building of the community. */
  readonly gridOfBuilding: ReadonlyMap<string, string>;
  /** Building → the name of its node (its address), for buildings not yet in the tree. */
  readonly buildingNames: ReadonlyMap<string, string>;
}

/** The party tree's node for an administrative code (the reference dataset's convention). */
const partyCode = (code: string): string => `P${code}`;

export async function syncTrees(tx: EntityManager, change: SubtreeChange): Promise<void> {
  const dissolved = new Set(change.dissolvedGrids);
  const written: Partial<Record<TreeKind, OrgTree>> = {};
  const admin = await readTreeRows(tx, 'administrative');
  if (admin.some((r) => r.code === change.communityCode)) {
    const known = new Set(admin.map((r) => r.code));
    const rows: OrgRow[] = [];
    for (const row of admin) {
      if (dissolved.has(row.code) && row.level === 'grid') continue;
      const grid = row.level === 'building' ? change.gridOfBuilding.get(row.code) : undefined;
      rows.push(grid === undefined ? row : { ...row, parentCode: grid });
    }
    for (const grid of change.createdGrids) {
      if (!known.has(grid.code))
        rows.push({ code: grid.code, parentCode: change.communityCode, level: 'grid', name: grid.name });
    }
    // Building nodes are added only where the tree already carries the community's buildings.
    const carriesBuildings = admin.some((r) => r.level === 'building' && change.gridOfBuilding.has(r.code));
    if (carriesBuildings) {
      for (const [building, grid] of change.gridOfBuilding) {
        if (!known.has(building))
          rows.push({
            code: building,
            parentCode: grid,
            level: 'building',
            name: change.buildingNames.get(building) ?? building,
          });
      }
    }
    written.administrative = await writeTreeRows(tx, 'administrative', rows, { checkLinks: false });
  }
  const party = await readTreeRows(tx, 'party');
  // The community's party organisation: the node that meets the community, else the dataset's
  // naming convention.
  const anchor =
    party.find((r) => r.counterpart === change.communityCode)?.code ?? partyCode(change.communityCode);
  if (party.some((r) => r.code === anchor)) {
    const known = new Set(party.map((r) => r.code));
    const gone = new Set(change.dissolvedGrids.map(partyCode));
    const dissolvedGroup = (r: OrgRow) =>
      r.level === 'grid_group' &&
      (r.counterpart === undefined ? gone.has(r.code) : dissolved.has(r.counterpart));
    const rows: OrgRow[] = party.filter((r) => !dissolvedGroup(r));
    for (const grid of change.createdGrids) {
      const code = partyCode(grid.code);
      if (!known.has(code))
        rows.push({
          code,
          parentCode: anchor,
          level: 'grid_group',
          name: `${grid.name}党小组`,
          counterpart: grid.code,
        });
    }
    written.party = await writeTreeRows(tx, 'party', rows, { checkLinks: false });
  }
  // Both trees written: they must still meet where the party tree says.
  await checkTreeLinks(tx, written);
}
