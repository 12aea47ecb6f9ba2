import {
  BUILDINGS_SHEET,
  checkBuildingRow,
  checkTeamRow,
  checkTeamWorkers,
  checkWorkerMember,
  checkWorkerRow,
  planBuilding,
  planTeam,
  planWorker,
  type RegisterBuilding,
  type RegisterTeam,
  type RegisterWorker,
  SeenKeys,
  type SheetKind,
  TEAMS_SHEET,
  WORKERS_SHEET,
} from '@jiceng/domain';
import type { KeyedWrite } from '@jiceng/persistence';
import { NONE, type RegisterRun, readRegister, storedSurvive } from './register-rows.js';
import type { BookSheet } from './workbook.js';

/**
 * Reads the grid side's sheets: buildings 楼栋 (with their households), grid workers 网格员 and
 * teams 网格团队, each batch compared with the stored rows by natural key and written into the
 * tables the grid area reads.
 */

type Counts = { -readonly [K in keyof typeof NONE]: number };

/** Counts a batch's changes and returns the records to write. */
function writesOf<T>(
  counts: Counts,
  changes: readonly { readonly change: 'added' | 'updated' | 'unchanged'; readonly next: T }[],
): KeyedWrite<T>[] {
  const writes: KeyedWrite<T>[] = [];
  for (const c of changes) {
    counts[c.change] += 1;
    if (c.change !== 'unchanged') writes.push({ change: c.change, record: c.next });
  }
  return writes;
}

function done(
  run: RegisterRun,
  kind: SheetKind,
  sheet: BookSheet,
  read: Awaited<ReturnType<typeof readRegister>>,
  counts: Counts,
) {
  run.read.set(kind, {
    report: { sheet: sheet.name, kind, rows: read.rows, counts, missing: [] },
    keys: read.keys,
  });
}

/** 楼栋: buildings with their community, grid, address, households and coordinates. */
export async function readBuildings(run: RegisterRun, sheet: BookSheet): Promise<void> {
  const places = await run.places();
  const counts = { ...NONE };
  const read = await readRegister(
    run.issues,
    sheet,
    BUILDINGS_SHEET,
    (row, map) => checkBuildingRow(row, map, places),
    async (records) => {
      const stored = await run.session.buildings(records.map((r) => r.code));
      const changes = records.map((r) => planBuilding(stored.get(r.code), r));
      for (const c of changes)
        run.buildings.set(c.next.code, { community: c.next.community, grid: c.next.grid });
      const writes = writesOf<RegisterBuilding>(counts, changes);
      if (run.writing) await run.session.storeBuildings(writes);
    },
  );
  done(run, 'buildings', sheet, read, counts);
}

/** 网格员: grid workers, each linked to their member record when they are a party member. */
export async function readWorkers(run: RegisterRun, sheet: BookSheet): Promise<void> {
  const places = await run.places();
  const counts = { ...NONE };
  const members = run.read.get('members')?.keys;
  const read = await readRegister(
    run.issues,
    sheet,
    WORKERS_SHEET,
    (row, map) => checkWorkerRow(row, map, places),
    async (records) => {
      const linked = records.flatMap((r) =>
        r.worker.memberCode !== null && !members?.has(r.worker.memberCode) ? [r.worker.memberCode] : [],
      );
      const storedMembers =
        linked.length > 0 && storedSurvive(run, 'members') ? await run.session.members(linked) : new Map();
      const clean = records.filter((r) => {
        const code = r.worker.memberCode;
        const issues = checkWorkerMember(
          r,
          code === null || members?.has(code) === true || storedMembers.has(code),
        );
        run.issues.add(...issues);
        return issues.length === 0;
      });
      const stored = await run.session.workers(clean.map((r) => r.worker.code));
      const changes = clean.map((r) => planWorker(stored.get(r.worker.code), r));
      for (const c of changes) run.workers.set(c.next.code, { homeCommunity: c.next.homeCommunity });
      const writes = writesOf<RegisterWorker>(counts, changes);
      if (run.writing) await run.session.storeWorkers(writes);
    },
  );
  done(run, 'workers', sheet, read, counts);
}

/** 网格团队: each grid's team, its workers in order, checked against the workers and the profile. */
export async function readTeams(run: RegisterRun, sheet: BookSheet): Promise<void> {
  const places = await run.places();
  const counts = { ...NONE };
  // The grids by code, whether a row named one by code or by name.
  const grids = new SeenKeys();
  const read = await readRegister(
    run.issues,
    sheet,
    TEAMS_SHEET,
    (row, map) => checkTeamRow(row, map, places),
    async (records) => {
      const outside = records.flatMap((r) => r.team.workers.filter((w) => !run.workers.has(w)));
      const storedWorkers =
        outside.length > 0 && storedSurvive(run, 'workers') ? await run.session.workers(outside) : new Map();
      const clean = records.filter((r) => {
        const issues = checkTeamWorkers(
          r,
          (code) => run.workers.get(code) ?? storedWorkers.get(code),
          run.gridsPerWorker,
          run.rules.grid,
        );
        const twice = grids.check(r.team.grid, r.gridAt);
        if (twice !== undefined) issues.push(twice);
        run.issues.add(...issues);
        return issues.length === 0;
      });
      const stored = await run.session.teams(clean.map((r) => r.team.grid));
      const writes = writesOf<RegisterTeam>(
        counts,
        clean.map((r) => planTeam(stored.get(r.team.grid), r)),
      );
      if (run.writing) await run.session.storeTeams(writes.map((w) => w.record));
    },
  );
  done(run, 'teams', sheet, { rows: read.rows, keys: grids }, counts);
}
