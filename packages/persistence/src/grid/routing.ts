import {
  type AddressBook,
  createAddressBook,
  createGridDirectory,
  createGridIndex,
  type GridDirectory,
  type GridIndex,
  normalizeAddress,
  type RequestLocation,
  routeAddress,
  routePoint,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { StoredDataInvalidError } from '../errors.js';
import { GridBuildingSchema, type GridRow, GridSchema } from './schemas.js';

/**
 * Routing against the stored grids without loading them all: an address is one indexed lookup,
 * a point asks the database for the grids whose bounding box holds it and tests only those with
 * the domain's point-in-polygon index. Only a point outside every candidate loads every outline,
 * to name the nearest grid as the domain does.
 */

/** Where a location falls among the stored grids. */
export type GridRoute =
  | {
      readonly status: 'inside';
      readonly gridCode: string;
      readonly communityCode: string;
      readonly streetCode: string;
    }
  /** Outside every outline; the nearest grid, or null when no grid has an outline. */
  | { readonly status: 'outside'; readonly nearestGridCode: string | null }
  | { readonly status: 'unknown_address'; readonly address: string }
  | { readonly status: 'unknown_grid'; readonly gridCode: string };

/** The parts of a request context that routing a location needs, built from the rows it touched. */
export interface RoutingInputs {
  readonly directory: GridDirectory;
  readonly addresses?: AddressBook | undefined;
  readonly index?: GridIndex | undefined;
  readonly route: GridRoute;
}

const GRID_FIELDS = ['code', 'communityCode', 'streetCode', 'name', 'households', 'outline'] as const;
type RoutedGrid = Pick<GridRow, (typeof GRID_FIELDS)[number]>;

/** Routes a location in a few indexed queries and returns what the domain needs to route it again. */
export async function routeLocation(em: EntityManager, location: RequestLocation): Promise<RoutingInputs> {
  switch (location.kind) {
    case 'grid': {
      const grids = routed(
        await em.find(GridSchema, { code: location.gridCode, retired: false }, { fields: [...GRID_FIELDS] }),
      );
      const grid = grids[0];
      return {
        directory: directoryOf(grids),
        route: grid === undefined ? { status: 'unknown_grid', gridCode: location.gridCode } : inside(grid),
      };
    }
    case 'address': {
      const key = normalizeAddress(location.address);
      const buildings = await em.find(
        GridBuildingSchema,
        { $or: [{ addressKey: key }, { id: location.address.trim() }], gridCode: { $ne: null } },
        { fields: ['id', 'address', 'addressKey', 'gridCode'], orderBy: { id: 'asc' } },
      );
      const entries = buildings.map((b) => ({
        address: b.addressKey === key && b.address !== null ? b.address : b.id,
        gridCode: b.gridCode!,
      }));
      const book = createAddressBook(entries);
      if (!book.ok) throw new StoredDataInvalidError('building addresses', book.issues);
      const found = routeAddress(book.value, location.address);
      const grids =
        found.status === 'inside'
          ? routed(
              await em.find(
                GridSchema,
                { code: found.gridCode, retired: false },
                { fields: [...GRID_FIELDS] },
              ),
            )
          : [];
      const grid = grids[0];
      return {
        directory: directoryOf(grids),
        addresses: book.value,
        route:
          found.status === 'unknown_address'
            ? { status: 'unknown_address', address: found.address }
            : grid === undefined
              ? { status: 'unknown_grid', gridCode: found.gridCode }
              : inside(grid),
      };
    }
    case 'point': {
      const [x, y] = location.point;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        return { directory: directoryOf([]), route: { status: 'outside', nearestGridCode: null } };
      }
      const candidates = routed(
        await em.find(
          GridSchema,
          { retired: false, minX: { $lte: x }, maxX: { $gte: x }, minY: { $lte: y }, maxY: { $gte: y } },
          { fields: [...GRID_FIELDS], orderBy: { communityCode: 'asc', position: 'asc' } },
        ),
      );
      const near = indexOf(candidates);
      if (near !== undefined) {
        const hit = routePoint(near, location.point);
        if (hit.status === 'inside') {
          return {
            directory: directoryOf(candidates),
            index: near,
            route: inside(candidates.find((g) => g.code === hit.gridCode)!),
          };
        }
      }
      const all = routed(
        await em.find(
          GridSchema,
          { retired: false, outline: { $ne: null } },
          { fields: [...GRID_FIELDS], orderBy: { communityCode: 'asc', position: 'asc' } },
        ),
      );
      const index = indexOf(all);
      if (index === undefined) {
        return { directory: directoryOf([]), route: { status: 'outside', nearestGridCode: null } };
      }
      const hit = routePoint(index, location.point);
      return {
        directory: directoryOf(all),
        index,
        route:
          hit.status === 'inside'
            ? inside(all.find((g) => g.code === hit.gridCode)!)
            : { status: 'outside', nearestGridCode: hit.nearestGridCode },
      };
    }
  }
}

/** Loaded rows in plain shape (the ORM's `Loaded` type does not keep JSON tuples). */
function routed(rows: readonly object[]): RoutedGrid[] {
  return rows as RoutedGrid[];
}

function inside(grid: RoutedGrid): GridRoute {
  return {
    status: 'inside',
    gridCode: grid.code,
    communityCode: grid.communityCode,
    streetCode: grid.streetCode,
  };
}

/** The grid directory of some grids: their streets and communities as their columns name them. */
export function directoryOf(
  grids: readonly Pick<GridRow, 'code' | 'communityCode' | 'streetCode' | 'name' | 'households'>[],
): GridDirectory {
  const streets = [...new Set(grids.map((g) => g.streetCode))].map((code) => ({ code }));
  const communities = [
    ...new Map(
      grids.map((g) => [g.communityCode, { code: g.communityCode, streetCode: g.streetCode }]),
    ).values(),
  ];
  const result = createGridDirectory({
    streets,
    communities,
    grids: grids.map((g) => ({
      code: g.code,
      communityCode: g.communityCode,
      households: g.households,
      name: g.name,
    })),
  });
  if (!result.ok) throw new StoredDataInvalidError('grids', result.issues);
  return result.value;
}

function indexOf(grids: readonly RoutedGrid[]): GridIndex | undefined {
  const polygons = grids.flatMap((g) =>
    g.outline === null ? [] : [{ gridCode: g.code, coordinates: g.outline }],
  );
  if (polygons.length === 0) return undefined;
  const index = createGridIndex(polygons);
  if (!index.ok) throw new StoredDataInvalidError('grid outlines', index.issues);
  return index.value;
}
