import {
  type Building,
  imbalanceOf,
  type Partition,
  partitionCommunity,
  referenceProfile,
  repartitionCommunity,
  unwrap,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildingsArb, lineOrder, SIZES } from './arbitraries.js';

const rules = { households: SIZES };
const b = (
  id: string,
  households: number,
  addressOrder: number,
  location?: readonly [number, number],
): Building =>
  location === undefined ? { id, households, addressOrder } : { id, households, addressOrder, location };

describe('partitionCommunity', () => {
  it('splits the documented example into two grids of 310', () => {
    const p = unwrap(
      partitionCommunity(
        {
          communityCode: '330102001001',
          buildings: [b('B1', 160, 1), b('B2', 150, 2), b('B3', 140, 3), b('B4', 170, 4)],
        },
        referenceProfile.grid,
      ),
    );
    expect(p.method).toBe('address_order');
    expect(p.grids).toEqual([
      { code: '330102001001-G01', buildingIds: ['B1', 'B2'], households: 310 },
      { code: '330102001001-G02', buildingIds: ['B3', 'B4'], households: 310 },
    ]);
    expect(p.gridOf).toEqual({
      B1: '330102001001-G01',
      B2: '330102001001-G01',
      B3: '330102001001-G02',
      B4: '330102001001-G02',
    });
    expect(p.findings).toEqual([]);
    expect(p.imbalance).toMatchObject({
      grids: 2,
      households: 620,
      mean: 310,
      maxDeviation: 10,
      standardDeviation: 0,
    });
  });

  it('follows address order, not input order', () => {
    const p = unwrap(
      partitionCommunity(
        { communityCode: 'C', buildings: [b('x', 150, 3), b('y', 150, 1), b('z', 150, 4), b('w', 150, 2)] },
        rules,
      ),
    );
    expect(p.grids.map((g) => g.buildingIds)).toEqual([
      ['y', 'w'],
      ['x', 'z'],
    ]);
  });

  it('chooses the number of grids closest to the target size', () => {
    const tens = Array.from({ length: 100 }, (_, i) => b(`B${i}`, 10, i));
    const p = unwrap(partitionCommunity({ communityCode: 'C', buildings: tens }, rules));
    // Three grids of about 333 beat four of 250: Σ (size − 300)² is 3,400 against 10,000.
    expect(p.grids.map((g) => g.households).sort()).toEqual([330, 330, 340]);
  });

  it('groups buildings spatially when every building has coordinates', () => {
    // Address order alternates between two far-apart blocks; space keeps each block together.
    const west = [0, 2, 4, 6].map((k, i) => b(`W${i}`, 75, k, [i, 0]));
    const east = [1, 3, 5, 7].map((k, i) => b(`E${i}`, 75, k, [100 + i, 0]));
    const buildings = [...west, ...east];
    const spatial = unwrap(partitionCommunity({ communityCode: 'C', buildings }, rules));
    expect(spatial.method).toBe('spatial');
    expect(spatial.grids.map((g) => [...g.buildingIds].sort())).toEqual([
      ['W0', 'W1', 'W2', 'W3'],
      ['E0', 'E1', 'E2', 'E3'],
    ]);
    const byAddress = unwrap(
      partitionCommunity({ communityCode: 'C', buildings }, rules, { method: 'address_order' }),
    );
    expect(byAddress.method).toBe('address_order');
    expect(byAddress.grids[0]?.buildingIds).toEqual(['W0', 'E0', 'W1', 'E1']);
  });

  it('reports a grid below the minimum when the community is too small', () => {
    const p = unwrap(partitionCommunity({ communityCode: 'C', buildings: [b('B1', 120, 1)] }, rules));
    expect(p.grids).toHaveLength(1);
    expect(p.imbalance.underMin).toEqual(['C-G01']);
    expect(p.findings[0]).toMatchObject({
      code: 'GRID_UNDER_MIN',
      details: { reason: 'community_too_small' },
    });
  });

  it('reports a grid below the minimum that building sizes force', () => {
    // 390 + 150: one grid would hold 540; two leave one under 200.
    const p = unwrap(
      partitionCommunity({ communityCode: 'C', buildings: [b('A', 390, 1), b('B', 150, 2)] }, rules),
    );
    expect(p.grids.map((g) => g.households)).toEqual([390, 150]);
    expect(p.findings).toHaveLength(1);
    expect(p.findings[0]).toMatchObject({ code: 'GRID_UNDER_MIN', details: { reason: 'building_sizes' } });
  });

  it('refuses a building over the maximum, or gives it a grid of its own when asked', () => {
    const buildings = [b('A', 150, 1), b('tower', 520, 2), b('C', 250, 3)];
    const refused = partitionCommunity({ communityCode: 'C', buildings }, rules);
    expect(!refused.ok && refused.issues.map((i) => i.code)).toEqual(['GRID_BUILDING_OVER_MAX']);
    const own = unwrap(
      partitionCommunity({ communityCode: 'C', buildings }, rules, { oversizedBuildings: 'own_grid' }),
    );
    expect(own.grids.map((g) => g.buildingIds)).toEqual([['A'], ['tower'], ['C']]);
    expect(own.imbalance.overMax).toEqual(['C-G02']);
    expect(own.findings.map((f) => [f.code, f.details?.['gridCode']])).toEqual([
      ['GRID_UNDER_MIN', 'C-G01'],
      ['GRID_FORCED_OVER_MAX', 'C-G02'],
    ]);
  });

  it('refuses empty input, duplicate ids and malformed buildings, all at once', () => {
    const empty = partitionCommunity({ communityCode: 'C', buildings: [] }, rules);
    expect(!empty.ok && empty.issues.map((i) => i.code)).toEqual(['GRID_NO_BUILDINGS']);
    const bad = partitionCommunity(
      {
        communityCode: 'C',
        buildings: [
          b('A', 100, 1),
          b('A', 100, 2),
          b('', 100, 3),
          b('D', -1, 4),
          b('E', 100, Number.NaN),
          { id: 'F', households: 100, addressOrder: 6, location: [Number.POSITIVE_INFINITY, 0] },
        ],
      },
      rules,
    );
    expect(!bad.ok && bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['GRID_DUPLICATE_BUILDING', ['buildings', 1, 'id']],
      ['GRID_EMPTY_ID', ['buildings', 2, 'id']],
      ['GRID_INVALID_HOUSEHOLDS', ['buildings', 3, 'households']],
      ['GRID_INVALID_ADDRESS_ORDER', ['buildings', 4, 'addressOrder']],
      ['GRID_INVALID_LOCATION', ['buildings', 5, 'location']],
    ]);
    const spatial = partitionCommunity({ communityCode: 'C', buildings: [b('A', 100, 1)] }, rules, {
      method: 'spatial',
    });
    expect(!spatial.ok && spatial.issues.map((i) => i.code)).toEqual(['GRID_MISSING_LOCATION']);
  });

  it('uses a code prefix when given', () => {
    const p = unwrap(
      partitionCommunity({ communityCode: 'C', buildings: [b('A', 300, 1)] }, rules, { codePrefix: 'X-' }),
    );
    expect(p.grids[0]?.code).toBe('X-01');
  });
});

/** Checks the invariants every partition keeps, whatever the input. */
function expectSound(p: Partition, buildings: readonly Building[]): void {
  // Every household lands in exactly one grid.
  const listed = p.grids.flatMap((g) => g.buildingIds);
  expect([...listed].sort()).toEqual(buildings.map((x) => x.id).sort());
  expect(Object.keys(p.gridOf).sort()).toEqual(buildings.map((x) => x.id).sort());
  const byId = new Map(buildings.map((x) => [x.id, x]));
  for (const g of p.grids) {
    expect(g.households).toBe(g.buildingIds.reduce((s, id) => s + byId.get(id)!.households, 0));
    for (const id of g.buildingIds) expect(p.gridOf[id]).toBe(g.code);
    // No grid over the maximum unless a single building forces it, and then it is reported.
    if (g.households > SIZES.max) {
      expect(g.buildingIds).toHaveLength(1);
      expect(
        p.findings.some((f) => f.code === 'GRID_FORCED_OVER_MAX' && f.details?.['gridCode'] === g.code),
      ).toBe(true);
    }
    if (g.households < SIZES.min) {
      expect(p.findings.some((f) => f.code === 'GRID_UNDER_MIN' && f.details?.['gridCode'] === g.code)).toBe(
        true,
      );
    }
  }
  expect(p.grids.reduce((s, g) => s + g.households, 0)).toBe(buildings.reduce((s, x) => s + x.households, 0));
  expect(new Set(p.grids.map((g) => g.code)).size).toBe(p.grids.length);
}

/** Under-min runs and Σ (run − target)² of every contiguous split, found by brute force. */
function bruteForceBest(line: readonly number[]): { under: number; dev: number } {
  let best = { under: Infinity, dev: Infinity };
  const n = line.length;
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    let under = 0;
    let dev = 0;
    let sum = 0;
    let size = 0;
    let valid = true;
    for (let i = 0; i < n; i++) {
      sum += line[i]!;
      size++;
      if (i === n - 1 || mask & (1 << i)) {
        if (sum > SIZES.max && size > 1) valid = false;
        if (sum < SIZES.min) under++;
        dev += (sum - SIZES.target) ** 2;
        sum = 0;
        size = 0;
      }
    }
    if (valid && (under < best.under || (under === best.under && dev < best.dev))) best = { under, dev };
  }
  return best;
}

describe('partition properties', () => {
  it('puts every household in exactly one grid; no grid over the maximum unless one building forces it', () => {
    fc.assert(
      fc.property(buildingsArb({ maxHouseholds: 450 }), fc.boolean(), (buildings, located) => {
        const input = located
          ? buildings.map((x, i) => ({ ...x, location: [i % 7, Math.floor(i / 7)] as const }))
          : buildings;
        const p = unwrap(
          partitionCommunity({ communityCode: 'C', buildings: input }, rules, {
            oversizedBuildings: 'own_grid',
          }),
        );
        expectSound(p, input);
      }),
    );
  });

  it('makes every grid a run of consecutive buildings in address order', () => {
    fc.assert(
      fc.property(buildingsArb(), (buildings) => {
        const p = unwrap(partitionCommunity({ communityCode: 'C', buildings }, rules));
        const labels = lineOrder(buildings).map((x) => p.gridOf[x.id]);
        const runs = labels.filter((l, i) => i === 0 || l !== labels[i - 1]);
        expect(new Set(runs).size).toBe(runs.length);
        expect(runs).toEqual(p.grids.map((g) => g.code));
      }),
    );
  });

  it('is deterministic: the same buildings in any order give the same grids', () => {
    fc.assert(
      fc.property(buildingsArb({ located: true }), fc.integer(), (buildings, seed) => {
        const shuffled = [...buildings].sort(
          (x, y) => ((x.id.charCodeAt(3) * 31 + seed) % 7) - ((y.id.charCodeAt(3) * 31 + seed) % 7),
        );
        const a = unwrap(partitionCommunity({ communityCode: 'C', buildings }, rules));
        const c = unwrap(partitionCommunity({ communityCode: 'C', buildings: shuffled }, rules));
        expect(c).toEqual(a);
      }),
    );
  });

  it('is optimal: fewest grids under the minimum, then closest to the target (checked by brute force)', () => {
    fc.assert(
      fc.property(buildingsArb({ maxHouseholds: 260, maxLength: 11 }), (buildings) => {
        const p = unwrap(partitionCommunity({ communityCode: 'C', buildings }, rules));
        const best = bruteForceBest(lineOrder(buildings).map((x) => x.households));
        expect(p.imbalance.underMin.length).toBe(best.under);
        expect(p.grids.reduce((s, g) => s + (g.households - SIZES.target) ** 2, 0)).toBe(best.dev);
      }),
    );
  });
});

describe('repartitionCommunity', () => {
  const hundred = (id: string, order: number) => b(id, 100, order);
  const six = ['A', 'B', 'C', 'D', 'E', 'F'].map((id, i) => hundred(id, i + 1));

  it('moves one building when a grid grows past the maximum (the documented example)', () => {
    const before = unwrap(partitionCommunity({ communityCode: 'C', buildings: six }, referenceProfile.grid));
    expect(before.grids.map((g) => g.buildingIds)).toEqual([
      ['A', 'B', 'C'],
      ['D', 'E', 'F'],
    ]);
    const grown = six.map((x) => (x.id === 'F' ? { ...x, households: 240 } : x));
    const after = unwrap(
      repartitionCommunity({ communityCode: 'C', buildings: grown, previous: before }, referenceProfile.grid),
    );
    expect(after.moves).toEqual([{ buildingId: 'D', from: 'C-G02', to: 'C-G01' }]);
    expect(after.grids.map((g) => [g.code, g.households])).toEqual([
      ['C-G01', 400],
      ['C-G02', 340],
    ]);
    expect(after.createdGrids).toEqual([]);
    expect(after.dissolvedGrids).toEqual([]);
  });

  it('moves nothing when nothing changed', () => {
    fc.assert(
      fc.property(buildingsArb(), (buildings) => {
        const before = unwrap(partitionCommunity({ communityCode: 'C', buildings }, rules));
        const after = unwrap(
          repartitionCommunity({ communityCode: 'C', buildings, previous: before }, rules),
        );
        expect(after.moves).toEqual([]);
        expect(after.grids).toEqual(before.grids);
        expect(after.added).toEqual([]);
        expect(after.removed).toEqual([]);
      }),
    );
  });

  it('splits a grid that grew too big into itself and a new grid with a fresh code', () => {
    const before = unwrap(
      partitionCommunity(
        { communityCode: 'C', buildings: [hundred('A', 1), hundred('B', 2), hundred('C', 3)] },
        rules,
      ),
    );
    const added = [
      ...['A', 'B', 'C'].map((id, i) => hundred(id, i + 1)),
      hundred('N1', 4),
      hundred('N2', 5),
      hundred('N3', 6),
    ];
    const after = unwrap(
      repartitionCommunity({ communityCode: 'C', buildings: added, previous: before }, rules),
    );
    expect(after.grids.map((g) => [g.code, g.buildingIds])).toEqual([
      ['C-G01', ['A', 'B', 'C']],
      ['C-G02', ['N1', 'N2', 'N3']],
    ]);
    expect(after.moves).toEqual([]);
    expect(after.added.map((a) => a.buildingId)).toEqual(['N1', 'N2', 'N3']);
    expect(after.createdGrids).toEqual(['C-G02']);
    const retired = unwrap(
      repartitionCommunity(
        { communityCode: 'C', buildings: added, previous: before, retiredGridCodes: ['C-G02'] },
        rules,
      ),
    );
    expect(retired.createdGrids).toEqual(['C-G03']);
  });

  it('merges a grid that shrank below the minimum and reports what was removed and dissolved', () => {
    const before = unwrap(partitionCommunity({ communityCode: 'C', buildings: six }, rules));
    const demolished = six.filter((x) => x.id !== 'E' && x.id !== 'F');
    const after = unwrap(
      repartitionCommunity({ communityCode: 'C', buildings: demolished, previous: before }, rules),
    );
    expect(after.grids.map((g) => [g.code, g.buildingIds])).toEqual([['C-G01', ['A', 'B', 'C', 'D']]]);
    expect(after.moves).toEqual([{ buildingId: 'D', from: 'C-G02', to: 'C-G01' }]);
    expect(after.removed).toEqual([
      { buildingId: 'E', from: 'C-G02' },
      { buildingId: 'F', from: 'C-G02' },
    ]);
    expect(after.dissolvedGrids).toEqual(['C-G02']);
  });

  it('moves as few buildings as any contiguous split could (checked by brute force)', () => {
    const change = fc.record({
      households: fc.array(fc.integer({ min: -60, max: 120 }), { minLength: 9, maxLength: 9 }),
      removed: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
      added: fc.array(fc.integer({ min: 0, max: 160 }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(buildingsArb({ maxHouseholds: 200, maxLength: 7 }), change, (buildings, delta) => {
        const before = unwrap(partitionCommunity({ communityCode: 'C', buildings }, rules));
        const changed = buildings
          .filter((_, i) => !delta.removed[i])
          .map((x, i) => ({
            ...x,
            households: Math.max(0, Math.min(400, x.households + delta.households[i]!)),
          }));
        const fresh = delta.added.map((h, k) => b(`N${k}`, h, k * 37));
        const now = [...changed, ...fresh];
        if (now.length === 0) return;
        const after = unwrap(
          repartitionCommunity({ communityCode: 'C', buildings: now, previous: before }, rules),
        );
        expectSound(after, now);
        const line = lineOrder(now);
        const best = bruteForceStable(
          line.map((x) => x.households),
          line.map((x) => before.gridOf[x.id] ?? null),
        );
        expect([after.imbalance.underMin.length, after.moves.length]).toEqual([best.under, best.moves]);
      }),
      { numRuns: 200 },
    );
  });

  it('reports the imbalance of any grids', () => {
    expect(
      imbalanceOf(
        [
          { code: 'G1', households: 280 },
          { code: 'G2', households: 330 },
        ],
        SIZES,
      ),
    ).toMatchObject({
      mean: 305,
      smallest: 280,
      largest: 330,
      maxDeviation: 30,
      maxDeviationShare: 0.1,
      underMin: [],
      overMax: [],
    });
  });
});

/** Fewest runs under the minimum, then fewest moves, over every contiguous split and labelling. */
function bruteForceStable(
  line: readonly number[],
  old: readonly (string | null)[],
): { under: number; moves: number } {
  const n = line.length;
  const known = old.filter((o) => o !== null).length;
  let best = { under: Infinity, moves: Infinity };
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    const runs: { sum: number; size: number; counts: Map<string, number> }[] = [];
    let run = { sum: 0, size: 0, counts: new Map<string, number>() };
    for (let i = 0; i < n; i++) {
      run.sum += line[i]!;
      run.size++;
      const o = old[i];
      if (o !== null && o !== undefined) run.counts.set(o, (run.counts.get(o) ?? 0) + 1);
      if (i === n - 1 || mask & (1 << i)) {
        runs.push(run);
        run = { sum: 0, size: 0, counts: new Map() };
      }
    }
    if (runs.some((r) => r.sum > SIZES.max && r.size > 1)) continue;
    const under = runs.filter((r) => r.sum < SIZES.min).length;
    // The most buildings that can keep their grid: each previous grid labels at most one run.
    const keep = (k: number, used: Set<string>): number => {
      if (k === runs.length) return 0;
      let most = keep(k + 1, used);
      for (const [label, count] of runs[k]!.counts) {
        if (used.has(label)) continue;
        used.add(label);
        most = Math.max(most, count + keep(k + 1, used));
        used.delete(label);
      }
      return most;
    };
    const moves = known - keep(0, new Set());
    if (under < best.under || (under === best.under && moves < best.moves)) best = { under, moves };
  }
  return best;
}
