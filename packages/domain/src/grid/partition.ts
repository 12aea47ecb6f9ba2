// Long file: partition and re-partition share their packing, balance and code-keeping steps; the
// two public functions are thin over them.
import type { GridRules } from '../profiles/schema.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import {
  BUILDING,
  duplicateIssue,
  emptyIdIssue,
  invalidHouseholdsIssue,
  type PartitionFindingCode,
  type PartitionIssueCode,
  shown,
} from './errors.js';
import type { Building } from './types.js';

/**
 * Partition 网格划分: a community's buildings into grids of the profile's size.
 *
 * Buildings are put in a line — address order, or a Hilbert curve through their coordinates, which
 * keeps neighbours on the map neighbours on the line — and every grid is a run of consecutive
 * buildings, so grids are contiguous and buildings stay whole. Among all such runs, a dynamic
 * programme picks the split that (1) never exceeds the maximum, except a single building that is
 * larger by itself, (2) has the fewest grids below the minimum, (3) is closest to the target size
 * (least sum of squared differences). The number of grids follows from the same rule. Ties go to
 * the first candidate in a fixed order, so the same input always gives the same grids.
 *
 * Re-partition keeps the line and adds a criterion between (2) and (3): move the fewest buildings
 * that already belong to a grid.
 */

export type PartitionMethod = 'address_order' | 'spatial';

export interface PartitionOptions {
  /**
   * `auto` (default): spatial when every building has coordinates, address order otherwise.
   * `spatial` refuses buildings without coordinates.
   */
  readonly method?: 'auto' | PartitionMethod;
  /**
   * A building with more households than the maximum: `reject` (default) refuses the input with
   * `GRID_BUILDING_OVER_MAX`; `own_grid` makes it a grid of its own and reports it.
   */
  readonly oversizedBuildings?: 'reject' | 'own_grid';
  /** Grid codes are this prefix plus a number: `330102001001-G01`. Default: community code + `-G`. */
  readonly codePrefix?: string;
}

export interface PartitionInput {
  readonly communityCode: string;
  readonly buildings: readonly Building[];
}

/** One grid of a partition: its buildings in line order. */
export interface GridPlan {
  readonly code: string;
  readonly buildingIds: readonly string[];
  readonly households: number;
}

/** How evenly the households are spread over the grids. */
export interface ImbalanceReport {
  readonly min: number;
  readonly target: number;
  readonly max: number;
  readonly grids: number;
  readonly households: number;
  readonly mean: number;
  readonly smallest: number;
  readonly largest: number;
  /** Population standard deviation of households per grid. */
  readonly standardDeviation: number;
  /** The largest |households − target| of any grid, and that as a share of the target. */
  readonly maxDeviation: number;
  readonly maxDeviationShare: number;
  /** Grids below the minimum and above the maximum (a single oversized building), by code. */
  readonly underMin: readonly string[];
  readonly overMax: readonly string[];
}

export interface Partition {
  readonly communityCode: string;
  readonly method: PartitionMethod;
  /** Grids in line order. */
  readonly grids: readonly GridPlan[];
  /** Building id → grid code, for every building given. */
  readonly gridOf: Readonly<Record<string, string>>;
  readonly imbalance: ImbalanceReport;
  /** Grids below the minimum or above the maximum that no split could avoid, with the reason. */
  readonly findings: readonly Issue<PartitionFindingCode>[];
}

/** A building that changed grid in a re-partition. */
export interface BuildingMove {
  readonly buildingId: string;
  readonly from: string;
  readonly to: string;
}

export interface RepartitionInput extends PartitionInput {
  /** The grid of each building before the change (a previous {@link Partition} will do). */
  readonly previous: { readonly gridOf: Readonly<Record<string, string>> };
  /** Codes of grids dissolved earlier, which a new grid must not take either. */
  readonly retiredGridCodes?: readonly string[] | undefined;
}

export interface Repartition extends Partition {
  /** Buildings that had a grid and now have another. */
  readonly moves: readonly BuildingMove[];
  /** Buildings that had no grid before. */
  readonly added: readonly { readonly buildingId: string; readonly to: string }[];
  /** Buildings of the previous partition that are no longer given. */
  readonly removed: readonly { readonly buildingId: string; readonly from: string }[];
  /** Grid codes that are new, and previous codes no longer used. */
  readonly createdGrids: readonly string[];
  readonly dissolvedGrids: readonly string[];
}

type Sizes = GridRules['households'];

/**
 * Splits a community's buildings into grids within the profile's min/target/max households.
 *
 * @example
 * const result = partitionCommunity(
 *   {
 *     communityCode: '330102001001',
 *     buildings: [
 *       { id: 'B1', households: 160, addressOrder: 1 },
 *       { id: 'B2', households: 150, addressOrder: 2 },
 *       { id: 'B3', households: 140, addressOrder: 3 },
 *       { id: 'B4', households: 170, addressOrder: 4 },
 *     ],
 *   },
 *   referenceProfile.grid, // 200 / 300 / 400 households
 * );
 * // ok: grids 330102001001-G01 = [B1, B2] (310), 330102001001-G02 = [B3, B4] (310)
 */
export function partitionCommunity(
  input: PartitionInput,
  rules: Pick<GridRules, 'households'>,
  options: PartitionOptions = {},
): Result<Partition, PartitionIssueCode> {
  const checked = checkBuildings(input.buildings, rules.households, options);
  if (!checked.ok) return checked;
  const { order, method } = checked.value;
  const sizes = rules.households;
  const households = order.map((b) => b.households);
  const cuts = bestSplit(households, sizes);
  const prefix = options.codePrefix ?? `${input.communityCode}-G`;
  const width = Math.max(2, String(cuts.length - 1).length);
  const codes = cuts.slice(1).map((_, k) => `${prefix}${String(k + 1).padStart(width, '0')}`);
  return ok(assemble(input.communityCode, method, order, cuts, codes, sizes));
}

/**
 * Re-partitions a community after buildings were added, removed or changed size, moving as few
 * buildings as possible: among the contiguous splits within the size rules, the one with the fewest
 * grids below the minimum, then the fewest moved buildings, then the closest to the target. Grids
 * that keep their buildings keep their codes; new grids get codes that neither the previous
 * partition nor `retiredGridCodes` used. Reports every move, addition and removal.
 *
 * @example
 * // Six buildings of 100 households: grids C-G01 = A, B, C and C-G02 = D, E, F.
 * const before = unwrap(partitionCommunity({ communityCode: 'C', buildings }, referenceProfile.grid));
 * // F grows to 240 households, so C-G02 would hold 440, over the maximum of 400.
 * const after = unwrap(repartitionCommunity({ communityCode: 'C', buildings: grown, previous: before }, referenceProfile.grid));
 * after.moves; // [{ buildingId: 'D', from: 'C-G02', to: 'C-G01' }]: one building moves, codes stay
 */
export function repartitionCommunity(
  input: RepartitionInput,
  rules: Pick<GridRules, 'households'>,
  options: PartitionOptions = {},
): Result<Repartition, PartitionIssueCode> {
  const checked = checkBuildings(input.buildings, rules.households, options);
  if (!checked.ok) return checked;
  const { order, method } = checked.value;
  const sizes = rules.households;
  const previous = input.previous.gridOf;
  const labelOf = new Map<string, number>();
  const labels: string[] = [];
  const old = new Int32Array(order.length);
  order.forEach((b, i) => {
    const code = Object.hasOwn(previous, b.id) ? previous[b.id] : undefined;
    if (code === undefined) {
      old[i] = -1;
      return;
    }
    let label = labelOf.get(code);
    if (label === undefined) {
      label = labels.length;
      labels.push(code);
      labelOf.set(code, label);
    }
    old[i] = label;
  });

  const segments = stableSplit(
    order.map((b) => b.households),
    old,
    sizes,
  );
  // A previous grid split into non-adjacent runs keeps its code on the run holding most of it.
  const keeper = new Map<number, number>();
  segments.forEach((seg, k) => {
    if (seg.label < 0) return;
    const best = keeper.get(seg.label);
    if (best === undefined || seg.kept > segments[best]!.kept) keeper.set(seg.label, k);
  });
  const used = new Set([...Object.values(previous), ...(input.retiredGridCodes ?? [])]);
  const prefix = options.codePrefix ?? `${input.communityCode}-G`;
  const width = Math.max(2, String(Math.max(segments.length, used.size)).length);
  let next = 1;
  const fresh = (): string => {
    for (;;) {
      const code = `${prefix}${String(next++).padStart(width, '0')}`;
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
  const codes = segments.map((seg, k) =>
    seg.label >= 0 && keeper.get(seg.label) === k ? labels[seg.label]! : '',
  );
  for (let k = 0; k < codes.length; k++) if (codes[k] === '') codes[k] = fresh();
  const cuts = [0, ...segments.map((s) => s.end)];
  const partition = assemble(input.communityCode, method, order, cuts, codes, sizes);

  const moves: BuildingMove[] = [];
  const added: { buildingId: string; to: string }[] = [];
  const present = new Set<string>();
  for (const b of order) {
    present.add(b.id);
    const to = partition.gridOf[b.id]!;
    const from = Object.hasOwn(previous, b.id) ? previous[b.id] : undefined;
    if (from === undefined) added.push({ buildingId: b.id, to });
    else if (from !== to) moves.push({ buildingId: b.id, from, to });
  }
  const removed = Object.entries(previous)
    .filter(([id]) => !present.has(id))
    .map(([buildingId, from]) => ({ buildingId, from }));
  const previousCodes = new Set(Object.values(previous));
  const currentCodes = new Set(codes);
  return ok({
    ...partition,
    moves,
    added,
    removed,
    createdGrids: codes.filter((c) => !previousCodes.has(c)),
    dissolvedGrids: [...previousCodes].filter((c) => !currentCodes.has(c)).sort(),
  });
}

interface Checked {
  readonly order: readonly Building[];
  readonly method: PartitionMethod;
}

function checkBuildings(
  buildings: readonly Building[],
  sizes: Sizes,
  options: PartitionOptions,
): Result<Checked, PartitionIssueCode> {
  if (buildings.length === 0) {
    return fail([
      issue('GRID_NO_BUILDINGS', { zh: '没有可划分的楼栋', en: 'there are no buildings to partition' }, [
        'buildings',
      ]),
    ]);
  }
  const issues: Issue<PartitionIssueCode>[] = [];
  const rowOf = new Map<string, number>();
  const method = options.method ?? 'auto';
  const oversized = options.oversizedBuildings ?? 'reject';
  let located = 0;
  buildings.forEach((b, i) => {
    const path = ['buildings', i];
    if (typeof b.id !== 'string' || b.id.trim() === '') {
      issues.push(emptyIdIssue(BUILDING, [...path, 'id'], i));
    } else if (rowOf.has(b.id)) {
      issues.push(
        duplicateIssue('GRID_DUPLICATE_BUILDING', BUILDING, b.id, i, rowOf.get(b.id)!, [...path, 'id']),
      );
    } else rowOf.set(b.id, i);
    if (!Number.isSafeInteger(b.households) || b.households < 0) {
      issues.push(invalidHouseholdsIssue(BUILDING, b.id, b.households, [...path, 'households']));
    } else if (b.households > sizes.max && oversized === 'reject') {
      issues.push(
        issue(
          'GRID_BUILDING_OVER_MAX',
          {
            zh: `楼栋“${shown(b.id)}”有 ${b.households} 户，超过每个网格最多 ${sizes.max} 户；楼栋不可拆分，请调整规则配置的户数上限，或选择让其单独成格（oversizedBuildings: 'own_grid'）`,
            en: `building "${shown(b.id)}" has ${b.households} households, more than the ${sizes.max} a grid may hold; buildings are never split, so raise the maximum or let it form its own grid (oversizedBuildings: 'own_grid')`,
          },
          [...path, 'households'],
          { id: b.id, households: b.households, max: sizes.max },
        ),
      );
    }
    if (typeof b.addressOrder !== 'number' || !Number.isFinite(b.addressOrder)) {
      issues.push(
        issue(
          'GRID_INVALID_ADDRESS_ORDER',
          {
            zh: `楼栋“${shown(b.id)}”的地址顺序“${shown(b.addressOrder)}”不是有限数字`,
            en: `building "${shown(b.id)}" has address order ${shown(b.addressOrder)}; expected a finite number`,
          },
          [...path, 'addressOrder'],
          { id: b.id, value: b.addressOrder },
        ),
      );
    }
    if (b.location !== undefined) {
      const [x, y] = b.location;
      if (b.location.length !== 2 || !Number.isFinite(x) || !Number.isFinite(y)) {
        issues.push(
          issue(
            'GRID_INVALID_LOCATION',
            {
              zh: `楼栋“${shown(b.id)}”的坐标 ${shown(b.location)} 无效，应为 [经度, 纬度] 两个有限数字`,
              en: `building "${shown(b.id)}" has location ${shown(b.location)}; expected [x, y] as two finite numbers`,
            },
            [...path, 'location'],
            { id: b.id, value: b.location },
          ),
        );
      } else located++;
    } else if (method === 'spatial') {
      issues.push(
        issue(
          'GRID_MISSING_LOCATION',
          {
            zh: `按空间划分时每栋楼都须有坐标，楼栋“${shown(b.id)}”没有`,
            en: `spatial partition needs coordinates for every building; "${shown(b.id)}" has none`,
          },
          [...path, 'location'],
          { id: b.id },
        ),
      );
    }
  });
  if (issues.length > 0) return fail(issues);
  const spatial = method === 'spatial' || (method === 'auto' && located === buildings.length);
  return ok({
    order: spatial ? hilbertOrder(buildings) : addressOrder(buildings),
    method: spatial ? 'spatial' : 'address_order',
  });
}

const byId = (a: Building, b: Building): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function addressOrder(buildings: readonly Building[]): Building[] {
  return [...buildings].sort((a, b) => a.addressOrder - b.addressOrder || byId(a, b));
}

const HILBERT_SIDE = 1 << 16;

/** Position of (x, y) on a Hilbert curve filling a 2^16 × 2^16 square. */
function hilbertIndex(x0: number, y0: number): number {
  let x = x0;
  let y = y0;
  let d = 0;
  for (let s = HILBERT_SIDE >>> 1; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = HILBERT_SIDE - 1 - x;
        y = HILBERT_SIDE - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

function hilbertOrder(buildings: readonly Building[]): Building[] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of buildings) {
    const [x, y] = b.location!;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  // One scale for both axes keeps the map's proportions.
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const cell = (v: number, lo: number): number =>
    Math.min(HILBERT_SIDE - 1, Math.floor(((v - lo) / span) * HILBERT_SIDE));
  const keyed = buildings.map((b) => ({
    b,
    h: hilbertIndex(cell(b.location![0], minX), cell(b.location![1], minY)),
  }));
  keyed.sort((p, q) => p.h - q.h || p.b.addressOrder - q.b.addressOrder || byId(p.b, q.b));
  return keyed.map((k) => k.b);
}

/**
 * The best split of a line of household counts into runs: returns the cut positions
 * `[0, c1, …, n]`. Criteria in order: no run over `max` unless it is one building; fewest runs
 * under `min`; least Σ (run − target)².
 */
function bestSplit(households: readonly number[], sizes: Sizes): number[] {
  const n = households.length;
  const { min, target, max } = sizes;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + households[i]!;
  const under = new Int32Array(n + 1);
  const dev = new Float64Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    let bestU = 0x7fffffff;
    let bestD = Infinity;
    let bestJ = i - 1;
    const pi = prefix[i]!;
    for (let j = i - 1; j >= 0; j--) {
      const s = pi - prefix[j]!;
      if (s > max && j < i - 1) break;
      const u = under[j]! + (s < min ? 1 : 0);
      const diff = s - target;
      const d = dev[j]! + diff * diff;
      if (u < bestU || (u === bestU && d < bestD)) {
        bestU = u;
        bestD = d;
        bestJ = j;
      }
    }
    under[i] = bestU;
    dev[i] = bestD;
    prev[i] = bestJ;
  }
  const cuts: number[] = [];
  for (let i = n; i > 0; i = prev[i]!) cuts.push(i);
  cuts.push(0);
  return cuts.reverse();
}

interface Segment {
  /** One past the last building of the run. */
  readonly end: number;
  /** The previous grid whose code the run takes, or -1 for a new grid. */
  readonly label: number;
  /** Buildings of the run that were already in that grid. */
  readonly kept: number;
}

interface State {
  /** The previous grid this run takes, -1 for a new grid, -2 for the start. */
  readonly label: number;
  /**
   * The previous grid the next run may not take: this run's, or for a new grid the last previous
   * grid before it. With previous grids contiguous on the line, this forbids every reuse of a code.
   */
  readonly blocks: number;
  readonly u: number;
  readonly m: number;
  readonly d: number;
  readonly from: State | null;
  readonly end: number;
  readonly kept: number;
}

const better = (a: State, b: State): boolean =>
  a.u < b.u || (a.u === b.u && (a.m < b.m || (a.m === b.m && a.d < b.d)));

/**
 * The states worth keeping at a position: the best, and the best whose `blocks` differs from it.
 * Any other state is never needed: a later run is barred from one previous grid at a time, so one
 * of these two is always allowed and better.
 */
interface Frontier {
  readonly first: State;
  readonly second: State | null;
}

/**
 * Like {@link bestSplit}, but each run is labelled with a previous grid (or a new one) and moving a
 * building out of its previous grid costs: criteria are fewest runs under `min`, then fewest moves,
 * then least Σ (run − target)². A previous grid labels at most one run (see `State.blocks`), so a
 * grid that grew too big splits into itself and a new grid. Linear in buildings × the buildings a
 * grid can hold.
 */
function stableSplit(households: readonly number[], old: Int32Array, sizes: Sizes): Segment[] {
  const n = households.length;
  const { min, target, max } = sizes;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + households[i]!;
  const start: State = { label: -2, blocks: -2, u: 0, m: 0, d: 0, from: null, end: 0, kept: 0 };
  const frontiers: Frontier[] = [{ first: start, second: null }];
  const counts = new Map<number, number>();
  // The best candidate per `blocks` value at the current end position: few, so a flat list.
  const held: State[] = [];
  const offer = (
    label: number,
    blocks: number,
    base: State,
    u: number,
    m: number,
    d: number,
    end: number,
    kept: number,
  ): void => {
    const cu = base.u + u;
    const cm = base.m + m;
    const cd = base.d + d;
    let k = 0;
    while (k < held.length && held[k]!.blocks !== blocks) k++;
    const h = held[k];
    if (h !== undefined && !(cu < h.u || (cu === h.u && (cm < h.m || (cm === h.m && cd < h.d))))) return;
    held[k] = { label, blocks, u: cu, m: cm, d: cd, from: base, end, kept };
  };
  for (let i = 1; i <= n; i++) {
    held.length = 0;
    counts.clear();
    let known = 0;
    for (let j = i - 1; j >= 0; j--) {
      const s = prefix[i]! - prefix[j]!;
      if (s > max && j < i - 1) break;
      const label = old[j]!;
      if (label >= 0) {
        known++;
        counts.set(label, (counts.get(label) ?? 0) + 1);
      }
      const { first, second } = frontiers[j]!;
      const u = s < min ? 1 : 0;
      const diff = s - target;
      const d = diff * diff;
      offer(-1, first.blocks, first, u, known, d, i, 0);
      if (second !== null) offer(-1, second.blocks, second, u, known, d, i, 0);
      for (const [lab, kept] of counts) {
        const base = first.blocks === lab ? second : first;
        if (base !== null) offer(lab, lab, base, u, known - kept, d, i, kept);
      }
    }
    let first: State | null = null;
    let second: State | null = null;
    for (const state of held) {
      if (first === null || better(state, first)) {
        second = first;
        first = state;
      } else if (second === null || better(state, second)) second = state;
    }
    frontiers.push({ first: first!, second });
  }
  const segments: Segment[] = [];
  for (let s: State | null = frontiers[n]!.first; s !== null && s.label !== -2; s = s.from) {
    segments.push({ end: s.end, label: s.label, kept: s.kept });
  }
  return segments.reverse();
}

function assemble(
  communityCode: string,
  method: PartitionMethod,
  order: readonly Building[],
  cuts: readonly number[],
  codes: readonly string[],
  sizes: Sizes,
): Partition {
  const grids: GridPlan[] = [];
  const gridOf: Record<string, string> = {};
  const findings: Issue<PartitionFindingCode>[] = [];
  const total = order.reduce((sum, b) => sum + b.households, 0);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const run = order.slice(cuts[k]!, cuts[k + 1]!);
    const code = codes[k]!;
    const households = run.reduce((sum, b) => sum + b.households, 0);
    for (const b of run) gridOf[b.id] = code;
    grids.push({ code, buildingIds: run.map((b) => b.id), households });
    if (households > sizes.max) {
      findings.push(
        issue(
          'GRID_FORCED_OVER_MAX',
          {
            zh: `网格“${code}”有 ${households} 户，超过上限 ${sizes.max} 户：楼栋“${run[0]!.id}”不可拆分，单独成格`,
            en: `grid "${code}" has ${households} households, over the maximum of ${sizes.max}: building "${run[0]!.id}" cannot be split and forms a grid of its own`,
          },
          ['grids', k],
          { gridCode: code, households, max: sizes.max, buildingId: run[0]!.id },
        ),
      );
    } else if (households < sizes.min) {
      const tooSmall = total < sizes.min;
      findings.push(
        issue(
          'GRID_UNDER_MIN',
          tooSmall
            ? {
                zh: `网格“${code}”只有 ${households} 户，少于下限 ${sizes.min} 户：整个社区只有 ${total} 户`,
                en: `grid "${code}" has ${households} households, under the minimum of ${sizes.min}: the whole community has only ${total}`,
              }
            : {
                zh: `网格“${code}”只有 ${households} 户，少于下限 ${sizes.min} 户：按楼栋大小和顺序，任何连续划分都无法避免`,
                en: `grid "${code}" has ${households} households, under the minimum of ${sizes.min}: with these building sizes and this order no contiguous split avoids it`,
              },
          ['grids', k],
          {
            gridCode: code,
            households,
            min: sizes.min,
            reason: tooSmall ? 'community_too_small' : 'building_sizes',
          },
        ),
      );
    }
  }
  return {
    communityCode,
    method,
    grids,
    gridOf,
    imbalance: imbalanceOf(grids, sizes),
    findings,
  };
}

/**
 * The imbalance report of any list of grids against the profile's sizes.
 *
 * @example
 * imbalanceOf([{ code: 'G1', households: 280 }, { code: 'G2', households: 330 }], referenceProfile.grid.households)
 * // { mean: 305, smallest: 280, largest: 330, maxDeviation: 30, maxDeviationShare: 0.1, … }
 */
export function imbalanceOf(
  grids: readonly { readonly code: string; readonly households: number }[],
  sizes: Sizes,
): ImbalanceReport {
  const count = grids.length;
  const households = grids.reduce((sum, g) => sum + g.households, 0);
  const mean = count === 0 ? 0 : households / count;
  let smallest = count === 0 ? 0 : Infinity;
  let largest = 0;
  let squares = 0;
  let maxDeviation = 0;
  for (const g of grids) {
    smallest = Math.min(smallest, g.households);
    largest = Math.max(largest, g.households);
    squares += (g.households - mean) ** 2;
    maxDeviation = Math.max(maxDeviation, Math.abs(g.households - sizes.target));
  }
  return {
    min: sizes.min,
    target: sizes.target,
    max: sizes.max,
    grids: count,
    households,
    mean,
    smallest,
    largest,
    standardDeviation: count === 0 ? 0 : Math.sqrt(squares / count),
    maxDeviation,
    maxDeviationShare: maxDeviation / sizes.target,
    underMin: grids.filter((g) => g.households < sizes.min).map((g) => g.code),
    overMax: grids.filter((g) => g.households > sizes.max).map((g) => g.code),
  };
}
