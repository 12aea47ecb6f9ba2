import type { GridRules } from '../profiles/schema.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import {
  duplicateIssue,
  emptyIdIssue,
  GRID,
  invalidHouseholdsIssue,
  type StaffingIssueCode,
  shown,
  WORKER,
} from './errors.js';
import type { Grid, GridWorker } from './types.js';

/** The rules staffing reads from the profile's `grid` section. */
export type StaffingRules = Pick<
  GridRules,
  'workersPerGrid' | 'maxGridsPerWorker' | 'requirePartyMemberPerTeam'
>;

export interface StaffingInput {
  readonly grids: readonly Grid[];
  readonly workers: readonly GridWorker[];
}

/** The grid workers 网格员 of one grid. */
export interface GridTeam {
  readonly gridCode: string;
  readonly communityCode: string;
  readonly households: number;
  readonly workerIds: readonly string[];
  /** Households per worker in this team. */
  readonly householdsPerWorker: number;
  readonly partyMembers: number;
}

/** One worker's grids and workload: the households of each grid shared by its team. */
export interface WorkerLoad {
  readonly workerId: string;
  readonly homeCommunityCode: string;
  readonly gridCodes: readonly string[];
  readonly households: number;
}

export interface GridStaffingPlan {
  /** One team per grid, in input order. */
  readonly teams: readonly GridTeam[];
  /** Workers with at least one grid, by id. */
  readonly workloads: readonly WorkerLoad[];
  /** Workers left without a grid, by id. */
  readonly idleWorkers: readonly string[];
  /** Households per assigned worker: lowest, highest, mean, and highest − lowest. */
  readonly balance: {
    readonly min: number;
    readonly max: number;
    readonly mean: number;
    readonly spread: number;
  };
}

interface Slot {
  readonly worker: GridWorker;
  load: number;
  grids: string[];
}

/**
 * Assigns grid workers to grids: the profile's number per grid (reference: 3), each worker only in
 * their home community and in at most `maxGridsPerWorker` grids, and — when the profile requires it —
 * a party member in every team. Party members are placed first, one per grid, then every open place
 * goes to the least-loaded eligible worker (households shared by the team; ties by fewer grids,
 * then id), grids with most households first. Deterministic for the same input.
 *
 * When the constraints cannot all be met the result fails, naming each grid and what it lacks
 * (`GRID_TEAM_INCOMPLETE` with the number missing, `GRID_TEAM_WITHOUT_PARTY_MEMBER`); each issue
 * carries the workers that could be placed in `details.assigned`, so nothing is dropped silently.
 *
 * @example
 * const plan = assignGridWorkers(
 *   {
 *     grids: [{ code: 'G01', communityCode: 'C1', households: 300 }],
 *     workers: [
 *       { id: 'W1', homeCommunityCode: 'C1', isPartyMember: true },
 *       { id: 'W2', homeCommunityCode: 'C1', isPartyMember: false },
 *       { id: 'W3', homeCommunityCode: 'C1', isPartyMember: false },
 *     ],
 *   },
 *   referenceProfile.grid,
 * );
 * // ok: G01 → W1, W2, W3, 100 households per worker
 */
export function assignGridWorkers(
  input: StaffingInput,
  rules: StaffingRules,
): Result<GridStaffingPlan, StaffingIssueCode> {
  const issues: Issue<StaffingIssueCode>[] = [];
  const gridRow = new Map<string, number>();
  input.grids.forEach((g, i) => {
    if (g.code === '') issues.push(emptyIdIssue(GRID, ['grids', i, 'code'], i));
    else if (gridRow.has(g.code))
      issues.push(
        duplicateIssue('GRID_DUPLICATE_GRID', GRID, g.code, i, gridRow.get(g.code)!, ['grids', i, 'code']),
      );
    else gridRow.set(g.code, i);
    if (!Number.isSafeInteger(g.households) || g.households < 0)
      issues.push(invalidHouseholdsIssue(GRID, g.code, g.households, ['grids', i, 'households']));
  });
  const workerRow = new Map<string, number>();
  input.workers.forEach((w, i) => {
    if (w.id === '') issues.push(emptyIdIssue(WORKER, ['workers', i, 'id'], i));
    else if (workerRow.has(w.id))
      issues.push(
        duplicateIssue('GRID_DUPLICATE_WORKER', WORKER, w.id, i, workerRow.get(w.id)!, ['workers', i, 'id']),
      );
    else workerRow.set(w.id, i);
  });
  if (issues.length > 0) return fail(issues);

  const perGrid = rules.workersPerGrid;
  const slots = new Map<string, Slot[]>();
  const all: Slot[] = [...input.workers]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((worker) => ({ worker, load: 0, grids: [] }));
  for (const slot of all) {
    const list = slots.get(slot.worker.homeCommunityCode);
    if (list === undefined) slots.set(slot.worker.homeCommunityCode, [slot]);
    else list.push(slot);
  }
  const teams = new Map<string, Slot[]>();
  for (const g of input.grids) teams.set(g.code, []);
  const order = [...input.grids].sort(
    (a, b) => b.households - a.households || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );

  const pick = (grid: Grid, partyOnly: boolean): Slot | undefined => {
    const team = teams.get(grid.code)!;
    let best: Slot | undefined;
    for (const slot of slots.get(grid.communityCode) ?? []) {
      if (partyOnly && !slot.worker.isPartyMember) continue;
      if (slot.grids.length >= rules.maxGridsPerWorker || team.includes(slot)) continue;
      if (
        best === undefined ||
        slot.load < best.load ||
        (slot.load === best.load && slot.grids.length < best.grids.length)
      )
        best = slot;
    }
    return best;
  };
  const place = (grid: Grid, slot: Slot): void => {
    teams.get(grid.code)!.push(slot);
    slot.grids.push(grid.code);
    slot.load += grid.households / perGrid;
  };

  if (rules.requirePartyMemberPerTeam) {
    for (const grid of order) {
      const slot = pick(grid, true);
      if (slot !== undefined) place(grid, slot);
    }
  }
  for (let round = 0; round < perGrid; round++) {
    for (const grid of order) {
      if (teams.get(grid.code)!.length >= perGrid) continue;
      const slot = pick(grid, false);
      if (slot !== undefined) place(grid, slot);
    }
  }

  input.grids.forEach((grid, i) => {
    const team = teams.get(grid.code)!;
    const assigned = team.map((s) => s.worker.id);
    const local = slots.get(grid.communityCode) ?? [];
    if (team.length < perGrid) {
      const missing = perGrid - team.length;
      issues.push(
        issue(
          'GRID_TEAM_INCOMPLETE',
          {
            zh: `网格“${shown(grid.code)}”缺少 ${missing} 名网格员（需 ${perGrid} 名，已配 ${team.length} 名）：社区“${shown(grid.communityCode)}”共有 ${local.length} 名网格员，每人最多负责 ${rules.maxGridsPerWorker} 个网格`,
            en: `grid "${shown(grid.code)}" lacks ${missing} grid worker(s) (needs ${perGrid}, has ${team.length}): community "${shown(grid.communityCode)}" has ${local.length} workers, each serving at most ${rules.maxGridsPerWorker} grid(s)`,
          },
          ['grids', i],
          {
            gridCode: grid.code,
            communityCode: grid.communityCode,
            required: perGrid,
            missing,
            assigned,
            available: local.length,
          },
        ),
      );
    }
    if (rules.requirePartyMemberPerTeam && !team.some((s) => s.worker.isPartyMember)) {
      const party = local.filter((s) => s.worker.isPartyMember).length;
      issues.push(
        issue(
          'GRID_TEAM_WITHOUT_PARTY_MEMBER',
          {
            zh: `网格“${shown(grid.code)}”的网格员中没有党员：社区“${shown(grid.communityCode)}”的 ${party} 名党员网格员已满负荷`,
            en: `grid "${shown(grid.code)}" has no party member among its grid workers: the ${party} party-member workers of community "${shown(grid.communityCode)}" are all fully assigned`,
          },
          ['grids', i],
          { gridCode: grid.code, communityCode: grid.communityCode, assigned, partyMemberWorkers: party },
        ),
      );
    }
  });
  if (issues.length > 0) return fail(issues);

  const busy = all.filter((s) => s.grids.length > 0);
  const loads = busy.map((s) => s.load);
  const min = loads.length === 0 ? 0 : Math.min(...loads);
  const max = loads.length === 0 ? 0 : Math.max(...loads);
  return ok({
    teams: input.grids.map((grid) => {
      const team = teams.get(grid.code)!;
      return {
        gridCode: grid.code,
        communityCode: grid.communityCode,
        households: grid.households,
        workerIds: team.map((s) => s.worker.id),
        householdsPerWorker: grid.households / perGrid,
        partyMembers: team.filter((s) => s.worker.isPartyMember).length,
      };
    }),
    workloads: busy.map((s) => ({
      workerId: s.worker.id,
      homeCommunityCode: s.worker.homeCommunityCode,
      gridCodes: s.grids,
      households: s.load,
    })),
    idleWorkers: all.filter((s) => s.grids.length === 0).map((s) => s.worker.id),
    balance: {
      min,
      max,
      mean: loads.length === 0 ? 0 : loads.reduce((a, b) => a + b, 0) / loads.length,
      spread: max - min,
    },
  });
}
