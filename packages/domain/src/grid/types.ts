import type { LocalizedText } from '../shared/errors.js';

/**
 * Shared data of grid management 网格化管理. Plain readonly data: it serialises to JSON as is, so
 * the persistence seeder and a browser dashboard read the same shapes the rules use.
 */

/**
 * A coordinate pair `[x, y]`: longitude and latitude in degrees (GeoJSON order), or any planar
 * coordinates used consistently.
 */
export type Position = readonly [x: number, y: number];

/**
 * A polygon as GeoJSON writes it: the outer ring first, then holes; each ring a list of positions
 * (closing the ring by repeating the first position is optional).
 */
export type PolygonCoordinates = readonly (readonly Position[])[];

/** A building 楼栋 with its households 户数, the unit that partition keeps whole. */
export interface Building {
  readonly id: string;
  /** Households living in it; 0 for an empty building. */
  readonly households: number;
  /**
   * Position along the community's address sequence (road, then house number): grids are runs of
   * consecutive buildings in this order unless coordinates are used.
   */
  readonly addressOrder: number;
  /** Where it stands, if known; with coordinates for every building, partition can go spatially. */
  readonly location?: Position | undefined;
}

/** A street 街道 or township: the top of the grid tree. */
export interface Street {
  readonly code: string;
  readonly name?: string | undefined;
}

/** A community 社区 (or village) inside a street. */
export interface Community {
  readonly code: string;
  readonly streetCode: string;
  readonly name?: string | undefined;
}

/** A grid 网格 inside a community, with its households. */
export interface Grid {
  readonly code: string;
  readonly communityCode: string;
  readonly households: number;
  readonly name?: string | undefined;
}

/** A grid worker 网格员. */
export interface GridWorker {
  readonly id: string;
  /** The community the worker lives in and may serve. */
  readonly homeCommunityCode: string;
  readonly isPartyMember: boolean;
  readonly name?: string | undefined;
}

/** A grid's outline, for routing by coordinates. Several entries with one code are parts of one grid. */
export interface GridPolygon {
  readonly gridCode: string;
  readonly coordinates: PolygonCoordinates;
}

/** The grid levels of the administrative tree that statistics and escalation use. */
export type GridTreeLevel = 'street' | 'community' | 'grid';

export const GRID_TREE_LEVEL_LABELS: { readonly [L in GridTreeLevel]: LocalizedText } = {
  street: { zh: '街道', en: 'street' },
  community: { zh: '社区', en: 'community' },
  grid: { zh: '网格', en: 'grid' },
};
