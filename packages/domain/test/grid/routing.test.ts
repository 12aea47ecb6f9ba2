import {
  createAddressBook,
  createGridIndex,
  type GridPolygon,
  normalizeAddress,
  type Position,
  pointInPolygon,
  routeAddress,
  routePoint,
  routePointByScan,
  unwrap,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const square = (code: string, x: number, y: number, size = 10): GridPolygon => ({
  gridCode: code,
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

/** A cols × rows tiling of convex quads whose shared corners are jittered: no gaps, no overlaps. */
function tiling(
  cols: number,
  rows: number,
  jitter: readonly number[],
): { polygons: GridPolygon[]; corner: (c: number, r: number) => Position } {
  const corner = (c: number, r: number): Position => {
    const k = (r * (cols + 1) + c) * 2;
    const inner = c > 0 && c < cols && r > 0 && r < rows;
    return [
      c + (inner ? (jitter[k % jitter.length]! - 0.5) * 0.4 : 0),
      r + (inner ? (jitter[(k + 1) % jitter.length]! - 0.5) * 0.4 : 0),
    ];
  };
  const polygons: GridPolygon[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      polygons.push({
        gridCode: `G${r}-${c}`,
        coordinates: [[corner(c, r), corner(c + 1, r), corner(c + 1, r + 1), corner(c, r + 1)]],
      });
    }
  }
  return { polygons, corner };
}

describe('routePoint', () => {
  const index = unwrap(createGridIndex([square('G01', 0, 0), square('G02', 10, 0)]));

  it('finds the grid containing a point, and names the nearest one outside every grid', () => {
    expect(routePoint(index, [5, 5])).toEqual({ status: 'inside', gridCode: 'G01' });
    expect(routePoint(index, [12, 5])).toEqual({ status: 'inside', gridCode: 'G02' });
    expect(routePoint(index, [25, 5])).toEqual({ status: 'outside', nearestGridCode: 'G02' });
    expect(routePoint(index, [-3, 9])).toEqual({ status: 'outside', nearestGridCode: 'G01' });
    expect(routePointByScan(index, [12, 5])).toBe('G02');
    expect(routePointByScan(index, [25, 5])).toBeUndefined();
  });

  it('gives a point on a shared edge to exactly one grid', () => {
    const route = routePoint(index, [10, 5]);
    expect(route.status).toBe('inside');
  });

  it('respects holes and lets the first-listed grid win where outlines overlap', () => {
    const ring = {
      gridCode: 'RING',
      coordinates: [square('', 0, 0, 30).coordinates[0]!, square('', 10, 10, 10).coordinates[0]!],
    };
    const idx = unwrap(createGridIndex([ring, square('HOLE', 10, 10), square('LATER', 0, 0, 5)]));
    expect(routePoint(idx, [15, 15])).toEqual({ status: 'inside', gridCode: 'HOLE' });
    expect(routePoint(idx, [25, 25])).toEqual({ status: 'inside', gridCode: 'RING' });
    expect(routePoint(idx, [2, 2])).toEqual({ status: 'inside', gridCode: 'RING' });
    expect(pointInPolygon([15, 15], ring.coordinates)).toBe(false);
  });

  it('accepts grids in several parts', () => {
    const idx = unwrap(createGridIndex([square('A', 0, 0), square('A', 100, 0), square('B', 50, 0)]));
    expect(idx.gridCodes).toEqual(['A', 'B']);
    expect(routePoint(idx, [105, 5])).toEqual({ status: 'inside', gridCode: 'A' });
  });

  it('routes a point inside a polygon to that polygon’s grid (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 64 }),
        fc.nat(),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (cols, rows, jitter, pick, weights) => {
          const { polygons } = tiling(cols, rows, jitter);
          const idx = unwrap(createGridIndex(polygons));
          const target = polygons[pick % polygons.length]!;
          const ring = target.coordinates[0]!;
          const total = weights.reduce((a, b) => a + b, 0);
          // A convex combination with positive weights lies strictly inside the convex quad.
          const point: Position = [
            ring.reduce((s, p, i) => s + p[0] * weights[i]!, 0) / total,
            ring.reduce((s, p, i) => s + p[1] * weights[i]!, 0) / total,
          ];
          expect(routePoint(idx, point)).toEqual({ status: 'inside', gridCode: target.gridCode });
        },
      ),
    );
  });

  it('agrees with a linear scan everywhere (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 64 }),
        fc.array(
          fc.tuple(fc.double({ min: -1, max: 9, noNaN: true }), fc.double({ min: -1, max: 7, noNaN: true })),
          {
            maxLength: 50,
          },
        ),
        (jitter, points) => {
          const { polygons } = tiling(8, 6, jitter);
          const idx = unwrap(createGridIndex(polygons));
          for (const p of points) {
            const route = routePoint(idx, p);
            const scanned = routePointByScan(idx, p);
            if (scanned === undefined) expect(route.status).toBe('outside');
            else expect(route).toEqual({ status: 'inside', gridCode: scanned });
          }
        },
      ),
    );
  });

  it('refuses outlines that are not polygons', () => {
    const r = createGridIndex([
      { gridCode: 'A', coordinates: [] },
      {
        gridCode: 'B',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      {
        gridCode: 'C',
        coordinates: [
          [
            [0, 0],
            [1, Number.NaN],
            [1, 1],
          ],
        ],
      },
      { gridCode: '', coordinates: square('', 0, 0).coordinates },
    ]);
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([
      ['GRID_INVALID_POLYGON', [0, 'coordinates']],
      ['GRID_INVALID_POLYGON', [1, 'coordinates']],
      ['GRID_INVALID_POLYGON', [2, 'coordinates']],
      ['GRID_EMPTY_ID', [3, 'gridCode']],
    ]);
    const none = createGridIndex([]);
    expect(!none.ok && none.issues[0]?.code).toBe('GRID_NO_POLYGONS');
  });
});

describe('routing by address', () => {
  it('normalises full-width characters and spaces', () => {
    expect(normalizeAddress(' 汉江路 １２号 3单元 ')).toBe('汉江路12号3单元');
    const book = unwrap(createAddressBook([{ address: '汉江路12号', gridCode: 'G01' }]));
    expect(routeAddress(book, '汉江路 １２号')).toEqual({ status: 'inside', gridCode: 'G01' });
    expect(routeAddress(book, '无名路1号')).toEqual({ status: 'unknown_address', address: '无名路1号' });
  });

  it('refuses empty addresses and an address given for two grids', () => {
    const r = createAddressBook([
      { address: '汉江路12号', gridCode: 'G01' },
      { address: '汉江路 12号', gridCode: 'G01' },
      { address: '汉江路１２号', gridCode: 'G02' },
      { address: '  ', gridCode: 'G02' },
    ]);
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([
      ['GRID_ADDRESS_CONFLICT', [2, 'gridCode']],
      ['GRID_EMPTY_ADDRESS', [3, 'address']],
    ]);
  });
});
