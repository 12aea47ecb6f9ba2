import Flatbush from 'flatbush';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { emptyIdIssue, GRID, type RoutingIssueCode, shown } from './errors.js';
import type { GridPolygon, PolygonCoordinates, Position } from './types.js';

/**
 * Routing 民情直通车的分派: which grid a resident request belongs to, by address or by coordinates.
 *
 * Coordinates go through a static R-tree (flatbush) over the grids' bounding boxes; only the few
 * candidates it returns are tested point-in-polygon (even-odd rule, so holes work). Where outlines
 * overlap, the grid listed first wins, so the answer never depends on the tree's layout. A point on
 * an edge shared by two grids belongs to exactly one of them (the half-open crossing test).
 */

/** Where a point falls: inside a grid, or outside every grid with the nearest one named. */
export type PointRoute =
  | { readonly status: 'inside'; readonly gridCode: string }
  | { readonly status: 'outside'; readonly nearestGridCode: string };

/** Where an address falls: a known grid, or an address the book does not have. */
export type AddressRoute =
  | { readonly status: 'inside'; readonly gridCode: string }
  | { readonly status: 'unknown_address'; readonly address: string };

/**
 * A spatial index of grid outlines. Build it once with {@link createGridIndex} and query it with
 * {@link routePoint}; it is immutable and safe to share.
 */
export interface GridIndex {
  /** Distinct grid codes, in first-listed order. */
  readonly gridCodes: readonly string[];
  /** Number of polygons (a grid may have several parts). */
  readonly parts: number;
  /** @internal the part (polygon) index containing a point, -1 when none */
  readonly locate: (x: number, y: number) => number;
  /** @internal the part nearest to a point */
  readonly nearest: (x: number, y: number) => number;
  /** @internal part → index into gridCodes */
  readonly partGrid: Int32Array;
  /** @internal per part: minX, minY, maxX, maxY */
  readonly boxes: Float64Array;
  /** @internal point-in-polygon test of one part */
  readonly contains: (part: number, x: number, y: number) => boolean;
}

/**
 * Builds the spatial index of grid outlines (GeoJSON polygon coordinates; several entries with one
 * code are parts of one grid). Reports every outline that is not a polygon: empty, a ring with
 * fewer than 3 distinct points, or a coordinate that is not a finite number.
 *
 * @example
 * const index = unwrap(createGridIndex([
 *   { gridCode: 'G01', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10]]] },
 *   { gridCode: 'G02', coordinates: [[[10, 0], [20, 0], [20, 10], [10, 10]]] },
 * ]));
 * routePoint(index, [12, 5]); // { status: 'inside', gridCode: 'G02' }
 */
export function createGridIndex(polygons: readonly GridPolygon[]): Result<GridIndex, RoutingIssueCode> {
  if (polygons.length === 0) {
    return fail([
      issue(
        'GRID_NO_POLYGONS',
        { zh: '没有网格边界，无法按坐标分派', en: 'there are no grid outlines to route by coordinates' },
        ['polygons'],
      ),
    ]);
  }
  const issues: Issue<RoutingIssueCode>[] = [];
  polygons.forEach((p, i) => {
    if (typeof p.gridCode !== 'string' || p.gridCode === '')
      issues.push(emptyIdIssue(GRID, [i, 'gridCode'], i));
    const problem = polygonProblem(p.coordinates);
    if (problem !== undefined) {
      issues.push(
        issue(
          'GRID_INVALID_POLYGON',
          {
            zh: `网格“${shown(p.gridCode)}”的边界（第 ${i} 项）无效：${problem.zh}`,
            en: `the outline of grid "${shown(p.gridCode)}" (entry ${i}) is not a polygon: ${problem.en}`,
          },
          [i, 'coordinates'],
          { gridCode: p.gridCode, row: i },
        ),
      );
    }
  });
  if (issues.length > 0) return fail(issues);

  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  let ringCount = 0;
  let pointCount = 0;
  for (const p of polygons) {
    ringCount += p.coordinates.length;
    for (const ring of p.coordinates) pointCount += ring.length;
  }
  const coords = new Float64Array(pointCount * 2);
  const ringStarts = new Int32Array(ringCount + 1);
  const partRings = new Int32Array(polygons.length + 1);
  const partGrid = new Int32Array(polygons.length);
  const boxes = new Float64Array(polygons.length * 4);
  const tree = new Flatbush(polygons.length, 4);
  let r = 0;
  let c = 0;
  polygons.forEach((p, part) => {
    let g = codeIndex.get(p.gridCode);
    if (g === undefined) {
      g = codes.length;
      codes.push(p.gridCode);
      codeIndex.set(p.gridCode, g);
    }
    partGrid[part] = g;
    partRings[part] = r;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const ring of p.coordinates) {
      ringStarts[r++] = c;
      for (const [x, y] of ring) {
        coords[2 * c] = x;
        coords[2 * c + 1] = y;
        c++;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
    boxes.set([minX, minY, maxX, maxY], part * 4);
    tree.add(minX, minY, maxX, maxY);
  });
  ringStarts[r] = c;
  partRings[polygons.length] = r;
  tree.finish();

  const contains = (part: number, x: number, y: number): boolean => {
    let inside = false;
    for (let ring = partRings[part]!, last = partRings[part + 1]!; ring < last; ring++) {
      const s = ringStarts[ring]!;
      const e = ringStarts[ring + 1]!;
      for (let i = s, j = e - 1; i < e; j = i++) {
        const yi = coords[2 * i + 1]!;
        const yj = coords[2 * j + 1]!;
        if (yi > y !== yj > y) {
          const xi = coords[2 * i]!;
          const xj = coords[2 * j]!;
          if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
    }
    return inside;
  };

  // One filter for every query: it records the lowest-numbered part containing the point and
  // answers false, so flatbush visits every candidate without allocating a result list.
  let qx = 0;
  let qy = 0;
  let hit = -1;
  const filter = (part: number): boolean => {
    if ((hit === -1 || part < hit) && contains(part, qx, qy)) hit = part;
    return false;
  };
  const locate = (x: number, y: number): number => {
    qx = x;
    qy = y;
    hit = -1;
    tree.collides(x, y, x, y, filter);
    return hit;
  };
  const edgeDistance = (part: number, x: number, y: number): number => {
    let best = Infinity;
    for (let ring = partRings[part]!, last = partRings[part + 1]!; ring < last; ring++) {
      const s = ringStarts[ring]!;
      const e = ringStarts[ring + 1]!;
      for (let i = s, j = e - 1; i < e; j = i++) {
        best = Math.min(
          best,
          segmentDistance(x, y, coords[2 * j]!, coords[2 * j + 1]!, coords[2 * i]!, coords[2 * i + 1]!),
        );
      }
    }
    return best;
  };
  const nearest = (x: number, y: number): number => {
    // Exact: a box is never farther than its polygon, so every polygon that could beat the first
    // candidate's true distance has its box within that distance.
    const [first] = tree.neighbors(x, y, 1);
    let bestPart = first!;
    let best = edgeDistance(bestPart, x, y);
    for (const part of tree.neighbors(x, y, Infinity, best)) {
      const d = edgeDistance(part, x, y);
      if (d < best || (d === best && part < bestPart)) {
        best = d;
        bestPart = part;
      }
    }
    return bestPart;
  };
  return ok({ gridCodes: codes, parts: polygons.length, locate, nearest, partGrid, boxes, contains });
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function polygonProblem(coordinates: PolygonCoordinates): { zh: string; en: string } | undefined {
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    return { zh: '没有任何环', en: 'it has no rings' };
  for (const [r, ring] of coordinates.entries()) {
    if (!Array.isArray(ring))
      return { zh: `第 ${r} 个环不是坐标列表`, en: `ring ${r} is not a list of positions` };
    const distinct = new Set<string>();
    for (const p of ring) {
      if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        return {
          zh: `第 ${r} 个环含有无效坐标 ${shown(p)}`,
          en: `ring ${r} has an invalid position ${shown(p)}`,
        };
      }
      distinct.add(`${p[0]},${p[1]}`);
    }
    if (distinct.size < 3) {
      return {
        zh: `第 ${r} 个环只有 ${distinct.size} 个不同的点，至少需要 3 个`,
        en: `ring ${r} has ${distinct.size} distinct points; a polygon needs at least 3`,
      };
    }
  }
  return undefined;
}

/**
 * The grid a point lies in, through the spatial index; outside every grid, the nearest grid (by
 * distance to its outline) is named so a dispatcher can decide.
 *
 * @example
 * // with the two square grids of the createGridIndex example
 * routePoint(index, [5, 5]);  // { status: 'inside', gridCode: 'G01' }
 * routePoint(index, [25, 5]); // { status: 'outside', nearestGridCode: 'G02' }
 */
export function routePoint(index: GridIndex, point: Position): PointRoute {
  const [x, y] = point;
  const part = index.locate(x, y);
  if (part >= 0) return { status: 'inside', gridCode: index.gridCodes[index.partGrid[part]!]! };
  return { status: 'outside', nearestGridCode: index.gridCodes[index.partGrid[index.nearest(x, y)]!]! };
}

/**
 * The same answer as {@link routePoint} for points inside a grid, by testing every outline in turn
 * (bounding box first). O(grids) per point: a reference to check the index against, and the
 * baseline of the routing benchmark. Returns `undefined` outside every grid.
 *
 * @example
 * routePointByScan(index, [12, 5]); // 'G02'
 */
export function routePointByScan(index: GridIndex, point: Position): string | undefined {
  const [x, y] = point;
  const { boxes, parts, contains } = index;
  for (let part = 0; part < parts; part++) {
    const o = part * 4;
    if (x < boxes[o]! || y < boxes[o + 1]! || x > boxes[o + 2]! || y > boxes[o + 3]!) continue;
    if (contains(part, x, y)) return index.gridCodes[index.partGrid[part]!]!;
  }
  return undefined;
}

/**
 * Whether a point lies inside a polygon (GeoJSON coordinates, holes allowed), by the even-odd rule.
 *
 * @example
 * pointInPolygon([5, 5], [[[0, 0], [10, 0], [10, 10], [0, 10]]]) // true
 */
export function pointInPolygon(point: Position, coordinates: PolygonCoordinates): boolean {
  const [x, y] = point;
  let inside = false;
  for (const ring of coordinates) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      const yi = a[1];
      const yj = b[1];
      if (yi > y !== yj > y && x < ((b[0] - a[0]) * (y - yi)) / (yj - yi) + a[0]) inside = !inside;
    }
  }
  return inside;
}

/** Addresses and the grid each belongs to, for routing by address. */
export interface AddressBook {
  /** Normalised address → grid code. */
  readonly entries: ReadonlyMap<string, string>;
}

/**
 * Normalises an address for lookup: Unicode NFKC (full-width digits and letters become ASCII),
 * whitespace removed, Latin letters lower-cased. `汉江路 １２号` and `汉江路12号` are one address.
 *
 * @example
 * normalizeAddress(' 汉江路 １２号 3单元 ') // '汉江路12号3单元'
 */
export function normalizeAddress(address: string): string {
  return address.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/**
 * Builds an address book from address → grid pairs. Building ids work as addresses:
 * `Object.entries(partition.gridOf).map(([address, gridCode]) => ({ address, gridCode }))`.
 * Refuses empty addresses and an address (after normalisation) given for two different grids.
 *
 * @example
 * const book = unwrap(createAddressBook([{ address: '汉江路12号', gridCode: 'G01' }]));
 * routeAddress(book, '汉江路 12号'); // { status: 'inside', gridCode: 'G01' }
 */
export function createAddressBook(
  entries: readonly { readonly address: string; readonly gridCode: string }[],
): Result<AddressBook, RoutingIssueCode> {
  const issues: Issue<RoutingIssueCode>[] = [];
  const book = new Map<string, string>();
  const rowOf = new Map<string, number>();
  entries.forEach((e, i) => {
    const key = typeof e.address === 'string' ? normalizeAddress(e.address) : '';
    if (key === '') {
      issues.push(
        issue(
          'GRID_EMPTY_ADDRESS',
          { zh: `第 ${i} 行的地址为空`, en: `the address in row ${i} is empty` },
          [i, 'address'],
          {
            row: i,
          },
        ),
      );
      return;
    }
    if (typeof e.gridCode !== 'string' || e.gridCode === '') {
      issues.push(emptyIdIssue(GRID, [i, 'gridCode'], i));
      return;
    }
    const held = book.get(key);
    if (held !== undefined && held !== e.gridCode) {
      issues.push(
        issue(
          'GRID_ADDRESS_CONFLICT',
          {
            zh: `地址“${shown(e.address)}”同时属于网格“${shown(held)}”（第 ${rowOf.get(key)} 行）和“${shown(e.gridCode)}”（第 ${i} 行）`,
            en: `address "${shown(e.address)}" is given for grid "${shown(held)}" (row ${rowOf.get(key)}) and grid "${shown(e.gridCode)}" (row ${i})`,
          },
          [i, 'gridCode'],
          { address: key, grids: [held, e.gridCode], row: i, firstRow: rowOf.get(key) },
        ),
      );
      return;
    }
    book.set(key, e.gridCode);
    if (!rowOf.has(key)) rowOf.set(key, i);
  });
  if (issues.length > 0) return fail(issues);
  return ok({ entries: book });
}

/**
 * The grid of an address (normalised with {@link normalizeAddress}), or `unknown_address`.
 *
 * @example
 * routeAddress(book, '汉江路１２号'); // { status: 'inside', gridCode: 'G01' }
 * routeAddress(book, '无名路1号');    // { status: 'unknown_address', address: '无名路1号' }
 */
export function routeAddress(book: AddressBook, address: string): AddressRoute {
  const key = normalizeAddress(address);
  const gridCode = book.entries.get(key);
  return gridCode === undefined
    ? { status: 'unknown_address', address: key }
    : { status: 'inside', gridCode };
}
