// Grid management: partition a county's households into grids, and route resident requests by
// coordinates through the spatial index against a linear scan of the same grids in the same run.
import {
  type Building,
  createGridIndex,
  type GridPolygon,
  type Partition,
  type Position,
  partitionCommunity,
  pointInPolygon,
  referenceProfile,
  repartitionCommunity,
  routePoint,
  routePointByScan,
  seededRandom,
  unwrap,
} from '@jiceng/domain';
import { report, timed } from '../../../scripts/bench-harness.js';

/**
 * A county of `households` households in communities of 1,500–6,000, in buildings of 6–150
 * households (bungalows to towers). Every other community has coordinates, so half the county is
 * partitioned spatially and half by address order.
 */
function county(households: number, seed = 4): { communityCode: string; buildings: Building[] }[] {
  const random = seededRandom(seed);
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const communities: { communityCode: string; buildings: Building[] }[] = [];
  let left = households;
  for (let c = 0; left > 0; c++) {
    const size = Math.min(left, between(1500, 6000));
    left -= size;
    const located = c % 2 === 0;
    const buildings: Building[] = [];
    for (let sum = 0, b = 0; sum < size; b++) {
      const h = Math.min(size - sum, random() < 0.2 ? between(60, 150) : between(6, 48));
      sum += h;
      const building: Building = { id: `C${c}-B${b}`, households: h, addressOrder: b };
      buildings.push(located ? { ...building, location: [random() * 1000, random() * 1000] } : building);
    }
    communities.push({ communityCode: `C${c}`, buildings });
  }
  return communities;
}

/**
 * `side × side` grid outlines tiling [0, side]²: corners jittered, and each edge bent through two
 * jittered points that both neighbours compute alike, so outlines have 12 vertices, share their
 * edges exactly, and leave no gaps.
 */
function outlines(side: number, seed = 7): GridPolygon[] {
  const random = seededRandom(seed);
  const jitter = new Float64Array((side + 1) * (side + 1) * 2).map(() => (random() - 0.5) * 0.3);
  const corner = (c: number, r: number): Position => {
    const inner = c > 0 && c < side && r > 0 && r < side;
    const k = (r * (side + 1) + c) * 2;
    return inner ? [c + jitter[k]!, r + jitter[k + 1]!] : [c, r];
  };
  /**
   * Two points along the edge from a to b (always given in one canonical direction, so that both
   * cells sharing it compute the same points), offset sideways by an amount fixed by the edge's
   * key; `reverse` lists them from b to a.
   */
  const bend = (a: Position, b: Position, key: number, reverse: boolean): Position[] => {
    const boundary =
      (a[0] === b[0] && (a[0] === 0 || a[0] === side)) || (a[1] === b[1] && (a[1] === 0 || a[1] === side));
    const wobble = boundary ? 0 : (((key * 2654435761) >>> 0) / 4294967296 - 0.5) * 0.1;
    const points: Position[] = [1 / 3, 2 / 3].map((t) => [
      a[0] + (b[0] - a[0]) * t - (b[1] - a[1]) * wobble,
      a[1] + (b[1] - a[1]) * t + (b[0] - a[0]) * wobble,
    ]);
    return reverse ? points.reverse() : points;
  };
  const polygons: GridPolygon[] = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const [a, b, cc, d] = [corner(c, r), corner(c + 1, r), corner(c + 1, r + 1), corner(c, r + 1)];
      const h = (cx: number, cy: number): number => (cy * (side + 1) + cx) * 2;
      // Horizontal edges run left to right (key h), vertical ones bottom to top (key h + 1).
      const ring: Position[] = [
        a,
        ...bend(a, b, h(c, r), false),
        b,
        ...bend(b, cc, h(c + 1, r) + 1, false),
        cc,
        ...bend(d, cc, h(c, r + 1), true),
        d,
        ...bend(a, d, h(c, r) + 1, true),
      ];
      polygons.push({ gridCode: `G${r}-${c}`, coordinates: [ring] });
    }
  }
  return polygons;
}

export async function run(scale: number): Promise<void> {
  const rules = referenceProfile.grid;

  // --- partition ---------------------------------------------------------------------------
  const households = Math.round(200_000 * scale);
  const communities = county(households);
  const own = { oversizedBuildings: 'own_grid' } as const;
  partitionCommunity(communities[0]!, rules, own); // warm-up
  const partitioned = timed(() => communities.map((c) => unwrap(partitionCommunity(c, rules, own))));
  report('grid.partition', partitioned.seconds, 's');
  const grids = partitioned.result.reduce((n, p) => n + p.grids.length, 0);
  report('grid.partition_grids', grids, 'grids');

  // 5% of buildings change size, and the county re-partitions moving as few as possible.
  const random = seededRandom(11);
  const changed = communities.map((c) => ({
    ...c,
    buildings: c.buildings.map((b) =>
      random() < 0.05
        ? { ...b, households: Math.min(150, Math.max(0, b.households + Math.round((random() - 0.3) * 60))) }
        : b,
    ),
  }));
  const repartitioned = timed(() =>
    changed.map((c, i) =>
      unwrap(repartitionCommunity({ ...c, previous: partitioned.result[i] as Partition }, rules, own)),
    ),
  );
  report('grid.repartition', repartitioned.seconds, 's');
  report(
    'grid.repartition_moved_share',
    (100 * repartitioned.result.reduce((n, r) => n + r.moves.length, 0)) /
      communities.reduce((n, c) => n + c.buildings.length, 0),
    '%',
  );

  // --- routing -----------------------------------------------------------------------------
  const side = Math.max(2, Math.round(Math.sqrt(10_000 * scale)));
  const polygons = outlines(side);
  const built = timed(() => unwrap(createGridIndex(polygons)));
  const index = built.result;
  report('grid.index_build', built.seconds, 's');
  const count = Math.round(1_000_000 * scale);
  const points = new Float64Array(count * 2);
  const pointRandom = seededRandom(13);
  for (let i = 0; i < points.length; i++) points[i] = pointRandom() * side;
  const at = (i: number): Position => [points[2 * i]!, points[2 * i + 1]!];
  for (let i = 0; i < Math.min(count, 20_000); i++) routePoint(index, at(i)); // warm-up
  const routed = timed(() => {
    let inside = 0;
    for (let i = 0; i < count; i++) if (routePoint(index, at(i)).status === 'inside') inside++;
    return inside;
  });
  if (routed.result !== count) throw new Error(`${count - routed.result} points fell outside the tiling`);
  const perSecond = count / routed.seconds;
  report('grid.route', perSecond, 'lookups/s');

  // A linear scan costs O(grids) per lookup: over all 1,000,000 points at scale 1 it would take
  // from seconds to minutes. So each scan runs on the first points of the same set (1% and 0.2%),
  // the index on the same points alternately with it, and the per-lookup rates are compared.
  // `route_vs_bbox_scan` is the headline: against the strongest honest baseline,
  // `routePointByScan` (every grid in turn, its bounding box first from a flat array,
  // point-in-polygon only when the box holds the point), the fastest of three runs each.
  // `route_vs_scan` is against a scan with no bounding boxes (`pointInPolygon` on every GeoJSON
  // outline in turn), as code without any index does it.
  const sample = Math.max(1000, Math.round(count / 100));
  for (let i = 0; i < 200; i++) routePointByScan(index, at(i)); // warm-up
  let indexOnSample = Infinity;
  let scanOnSample = Infinity;
  for (let run = 0; run < 3; run++) {
    const byIndex = timed(() => {
      let found = 0;
      for (let i = 0; i < sample; i++) if (routePoint(index, at(i)).status === 'inside') found++;
      return found;
    });
    const scanned = timed(() => {
      let found = 0;
      for (let i = 0; i < sample; i++) if (routePointByScan(index, at(i)) !== undefined) found++;
      return found;
    });
    if (scanned.result !== sample || byIndex.result !== sample)
      throw new Error('the scan missed points the index found');
    indexOnSample = Math.min(indexOnSample, byIndex.seconds);
    scanOnSample = Math.min(scanOnSample, scanned.seconds);
  }
  report('grid.route_vs_bbox_scan', scanOnSample / indexOnSample, 'x');

  const few = Math.max(200, Math.round(count / 500));
  const plain = (point: Position): string | undefined =>
    polygons.find((p) => pointInPolygon(point, p.coordinates))?.gridCode;
  for (let i = 0; i < 20; i++) plain(at(i)); // warm-up
  const plainScan = timed(() => {
    let found = 0;
    for (let i = 0; i < few; i++) if (plain(at(i)) !== undefined) found++;
    return found;
  });
  if (plainScan.result !== few) throw new Error('the plain scan missed points the index found');
  report('grid.route_vs_scan', sample / indexOnSample / (few / plainScan.seconds), 'x');
}
