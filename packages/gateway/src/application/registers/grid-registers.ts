import {
  BUILDINGS_SHEET,
  checkBuildingRow,
  checkTeamRow,
  checkTeamWorkers,
  checkWorkerMember,
  checkWorkerRow,
  fieldsRow,
  type ImportIssue,
  type LocalizedText,
  planBuilding,
  planTeam,
  planWorker,
  type RegisterBuilding,
  type RegisterTeam,
  type RegisterWorker,
  TEAMS_SHEET,
  WORKERS_SHEET,
} from '@jiceng/domain';
import { RegisterWriteRepository, type RegisterWriteSession } from '@jiceng/persistence';
import { authorise, requireAction } from '../../auth/authorise.js';
import type { ResourceOf } from '../../auth/policy.js';
import { badInput, GatewayError, notFound, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { DEFAULT_PROFILE, gridRulesOf } from '../grid/access.js';
import { TEXT } from '../inputs.js';
import { checkKey, type KeyedCommand, keyedWrite, placesFor, refuseRow, type WriteAnswer } from './writes.js';

/**
 * Buildings 楼栋, grid workers 网格员 and teams 网格团队 one at a time (the registers' write API,
 * issue #16), checked by the import's own rows rules (`checkBuildingRow`, `checkWorkerRow`,
 * `checkWorkerMember`, `checkTeamRow`, `checkTeamWorkers`) and stored in the tables the import
 * writes. The policy's `grid.write` is asked once, on the record's community or grid before and
 * after the write. There is no register of single households: a building's households are a count.
 */

/** How far outside the box of the county's grid outlines a building may stand, in degrees (~5 km). */
export const COUNTY_MARGIN_DEGREES = 0.05;

export interface BuildingFields {
  readonly community?: string | null | undefined;
  readonly grid?: string | null | undefined;
  readonly address?: string | null | undefined;
  readonly households?: string | number | null | undefined;
  readonly addressOrder?: string | number | null | undefined;
  readonly longitude?: string | number | null | undefined;
  readonly latitude?: string | number | null | undefined;
}

export interface BuildingCommand extends KeyedCommand {
  readonly code: string;
  readonly fields: BuildingFields;
}

const buildingText = (code: string): LocalizedText => ({ zh: `楼栋 ${code}`, en: `building ${code}` });
const workerText = (code: string): LocalizedText => ({ zh: `网格员 ${code}`, en: `grid worker ${code}` });

const placeOf = (b: Pick<RegisterBuilding, 'community' | 'grid'>) =>
  ({ kind: 'node', code: b.grid ?? b.community }) as const;

function all(...resources: { kind: 'node'; code: string }[]): ResourceOf<'grid.write'> {
  return { kind: 'all', resources };
}

const text = (v: string | number | null | undefined) =>
  v === undefined ? undefined : v === null ? null : String(v);

/**
 * Creates (`create: true`; a taken code is CONFLICT) or updates a building: the community a
 * community and the grid a grid inside it, whole households, and coordinates within the box of
 * the county's grid outlines (with a margin of {@link COUNTY_MARGIN_DEGREES}).
 */
export async function writeBuilding(
  ctx: UseCaseContext,
  command: BuildingCommand,
  create: boolean,
): Promise<WriteAnswer<RegisterBuilding>> {
  const check = checkKey(command);
  check.text(command.code, ['code'], TEXT.code);
  check.check();
  requireAction(ctx, 'grid.write');
  const { code } = command;
  const operation = create ? 'createBuilding' : 'updateBuilding';
  const written = await keyedWrite(ctx, { operation, subject: code, command }, async (session) => {
    const stored = (await session.buildings([code])).get(code);
    if (create && stored !== undefined) {
      throw new GatewayError('CONFLICT', {
        zh: `楼栋编号 ${code} 已被占用`,
        en: `building code ${code} is already taken`,
      });
    }
    if (!create && stored === undefined) throw notFound(buildingText(code));
    const f = command.fields;
    const given = {
      code,
      ...(stored === undefined
        ? {}
        : {
            community: stored.community,
            households: String(stored.households),
            ...(f.community !== undefined && f.grid === undefined ? { grid: null } : {}),
          }),
      ...Object.fromEntries(
        Object.entries({
          community: f.community,
          grid: f.grid,
          address: f.address,
          households: text(f.households),
          addressOrder: text(f.addressOrder),
          longitude: text(f.longitude),
          latitude: text(f.latitude),
        }).filter(([, v]) => v !== undefined),
      ),
    };
    const { row, map, issues: cells } = fieldsRow(BUILDINGS_SHEET, given);
    const checked = checkBuildingRow(row, map, placesFor(ctx));
    const issues: ImportIssue[] = [...cells, ...checked.issues];
    const record = cells.length === 0 ? checked.record : undefined;
    const planned = record === undefined || issues.length > 0 ? undefined : planBuilding(stored, record);
    const after = planned?.next;
    const places = [...(stored ? [placeOf(stored)] : []), ...(after ? [placeOf(after)] : [])];
    if (places.length > 0) authorise(ctx, 'grid.write', all(...places), buildingText(code));
    refuseRow(BUILDINGS_SHEET, issues);
    const next = after!;
    if (next.longitude !== null && next.latitude !== null) {
      const box = await session.countyExtent();
      const m = COUNTY_MARGIN_DEGREES;
      if (
        box !== undefined &&
        (next.longitude < box.minX - m ||
          next.longitude > box.maxX + m ||
          next.latitude < box.minY - m ||
          next.latitude > box.maxY + m)
      ) {
        throw badInput([
          {
            code: 'REGISTER_OUTSIDE_COUNTY',
            path: ['input', 'longitude'],
            message: {
              zh: `坐标 ${next.longitude}, ${next.latitude} 不在本县网格范围内（经度 ${box.minX}–${box.maxX}，纬度 ${box.minY}–${box.maxY}）`,
              en: `the point ${next.longitude}, ${next.latitude} is outside the county's grids (longitude ${box.minX}–${box.maxX}, latitude ${box.minY}–${box.maxY})`,
            },
            details: { ...box, margin: m },
          },
        ]);
      }
    }
    if (planned!.change !== 'unchanged')
      await session.storeBuildings([{ change: planned!.change, record: next }]);
    return next;
  });
  return answerWith(ctx, written, async (s) => (await s.buildings([code])).get(code), buildingText(code));
}

/**
 * Retires a building (torn down, merged): its row goes, since nothing keeps a history of it;
 * refused (`REGISTER_STILL_IN_USE`) while a member lives in it — move them first.
 */
export async function retireBuilding(
  ctx: UseCaseContext,
  command: KeyedCommand & { readonly code: string },
): Promise<WriteAnswer<string>> {
  const check = checkKey(command);
  check.text(command.code, ['code'], TEXT.code);
  check.check();
  requireAction(ctx, 'grid.write');
  const { code } = command;
  const written = await keyedWrite(
    ctx,
    { operation: 'retireBuilding', subject: code, command },
    async (session) => {
      const stored = (await session.buildings([code])).get(code);
      authorise(ctx, 'grid.write', stored && all(placeOf(stored)), buildingText(code));
      const living = await session.membersInBuildings([code]);
      if (living.length > 0) {
        throw badInput([
          {
            code: 'REGISTER_STILL_IN_USE',
            path: ['code'],
            message: {
              zh: `楼栋 ${code} 仍有 ${living.length} 名党员居住，请先调动他们`,
              en: `${living.length} members still live in building ${code}; move them first`,
            },
            details: { members: living.slice(0, 20).map((l) => l.code) },
          },
        ]);
      }
      await session.removeBuildings([code]);
      return code;
    },
  );
  return { replayed: written.replayed, value: code };
}

export interface WorkerFields {
  readonly name?: string | null | undefined;
  readonly homeCommunity?: string | null | undefined;
  /** Their member code in the members register; null: not linked. */
  readonly memberCode?: string | null | undefined;
  readonly partyMember?: boolean | null | undefined;
}

/** Creates (`create: true`) or updates a grid worker, linked to their member record when given. */
export async function writeWorker(
  ctx: UseCaseContext,
  command: KeyedCommand & { readonly code: string; readonly fields: WorkerFields },
  create: boolean,
): Promise<WriteAnswer<RegisterWorker>> {
  const check = checkKey(command);
  check.text(command.code, ['code'], TEXT.code);
  check.check();
  requireAction(ctx, 'grid.write');
  const { code } = command;
  const f = command.fields;
  const operation = create ? 'createGridWorker' : 'updateGridWorker';
  const written = await keyedWrite(ctx, { operation, subject: code, command }, async (session) => {
    const stored = (await session.workers([code])).get(code);
    if (create && stored !== undefined) {
      throw new GatewayError('CONFLICT', {
        zh: `网格员编号 ${code} 已被占用`,
        en: `grid worker code ${code} is already taken`,
      });
    }
    if (!create && stored === undefined) throw notFound(workerText(code));
    const retired = (await session.retiredWorkers([code])).get(code);
    const given = {
      code,
      ...(stored === undefined ? {} : { name: stored.name, homeCommunity: stored.homeCommunity }),
      ...Object.fromEntries(
        Object.entries({
          name: f.name,
          homeCommunity: f.homeCommunity,
          memberCode: f.memberCode,
          partyMember:
            f.partyMember === undefined
              ? undefined
              : f.partyMember === null
                ? null
                : f.partyMember
                  ? '是'
                  : '否',
        }).filter(([, v]) => v !== undefined),
      ),
    };
    const { row, map, issues: cells } = fieldsRow(WORKERS_SHEET, given);
    const checked = checkWorkerRow(row, map, placesFor(ctx));
    const issues: ImportIssue[] = [...cells, ...checked.issues];
    const record = cells.length === 0 ? checked.record : undefined;
    if (record !== undefined && record.worker.memberCode !== null) {
      const exists = (await session.members([record.worker.memberCode])).has(record.worker.memberCode);
      issues.push(...checkWorkerMember(record, exists));
    }
    const planned = record === undefined || issues.length > 0 ? undefined : planWorker(stored, record);
    const nodes = [
      ...(stored ? [{ kind: 'node' as const, code: stored.homeCommunity }] : []),
      ...(planned ? [{ kind: 'node' as const, code: planned.next.homeCommunity }] : []),
    ];
    if (nodes.length > 0) authorise(ctx, 'grid.write', all(...nodes), workerText(code));
    refuseRow(WORKERS_SHEET, issues);
    if (retired !== undefined) throw retiredWorker(code, retired);
    if (planned!.change !== 'unchanged')
      await session.storeWorkers([{ change: planned!.change, record: planned!.next }]);
    return planned!.next;
  });
  return answerWith(ctx, written, async (s) => (await s.workers([code])).get(code), workerText(code));
}

function retiredWorker(code: string, on: string): GatewayError {
  return badInput([
    {
      code: 'REGISTER_RETIRED',
      path: ['code'],
      message: {
        zh: `网格员 ${code} 已于 ${on} 离任`,
        en: `grid worker ${code} left on ${on}`,
      },
    },
  ]);
}

/**
 * Retires a grid worker today: the row stays (request trails name them), they leave every team,
 * staffing and assignment. Retiring again changes nothing.
 */
export async function retireGridWorker(
  ctx: UseCaseContext,
  command: KeyedCommand & { readonly code: string },
): Promise<WriteAnswer<RegisterWorker>> {
  const check = checkKey(command);
  check.text(command.code, ['code'], TEXT.code);
  check.check();
  requireAction(ctx, 'grid.write');
  const { code } = command;
  const written = await keyedWrite(
    ctx,
    { operation: 'retireGridWorker', subject: code, command },
    async (session) => {
      const stored = (await session.workers([code])).get(code);
      authorise(
        ctx,
        'grid.write',
        stored && all({ kind: 'node', code: stored.homeCommunity }),
        workerText(code),
      );
      if (!(await session.retiredWorkers([code])).has(code)) await session.retireWorker(code, today(ctx));
      return stored!;
    },
  );
  return answerWith(ctx, written, async (s) => (await s.workers([code])).get(code), workerText(code));
}

/**
 * Sets a grid's team 网格团队: its workers in order, each serving, of the grid's community, and in
 * no more grids than `maxGridsPerWorker` with this one.
 */
export async function setGridTeam(
  ctx: UseCaseContext,
  command: KeyedCommand & {
    readonly grid: string;
    readonly workers: readonly string[];
    readonly profileId?: string | null;
  },
): Promise<WriteAnswer<RegisterTeam>> {
  const check = checkKey(command);
  check.text(command.grid, ['grid'], TEXT.code);
  command.workers.forEach((w, i) => {
    check.text(w, ['workers', i], TEXT.code);
  });
  check.check();
  requireAction(ctx, 'grid.write');
  const rules = gridRulesOf(ctx, command.profileId ?? DEFAULT_PROFILE).grid;
  const written = await keyedWrite(
    ctx,
    { operation: 'setGridTeam', subject: command.grid, command },
    async (session: RegisterWriteSession) => {
      const {
        row,
        map,
        issues: cells,
      } = fieldsRow(TEAMS_SHEET, {
        grid: command.grid,
        workers: command.workers.map((w) => w.trim()).join('、'),
      });
      const checked = checkTeamRow(row, map, placesFor(ctx));
      const issues: ImportIssue[] = [...cells, ...checked.issues];
      const record = cells.length === 0 ? checked.record : undefined;
      if (record !== undefined) {
        authorise(ctx, 'grid.write', all({ kind: 'node', code: record.team.grid }), {
          zh: `网格 ${record.team.grid}`,
          en: `grid ${record.team.grid}`,
        });
        const workers = await session.workers(record.team.workers);
        const retired = await session.retiredWorkers(record.team.workers);
        const elsewhere = new Map<string, number>();
        for (const t of await session.teamsWith(record.team.workers)) {
          if (t.grid !== record.team.grid) elsewhere.set(t.worker, (elsewhere.get(t.worker) ?? 0) + 1);
        }
        issues.push(
          ...checkTeamWorkers(
            record,
            (code) => (retired.has(code) ? undefined : workers.get(code)),
            elsewhere,
            rules,
          ),
        );
      }
      refuseRow(TEAMS_SHEET, issues);
      const planned = planTeam((await session.teams([record!.team.grid])).get(record!.team.grid), record!);
      if (planned.change !== 'unchanged') await session.storeTeams([planned.next]);
      return planned.next;
    },
  );
  if (!written.replayed) return written;
  const grid = command.grid.trim();
  const now = await persist(() => new RegisterWriteRepository(ctx.em).read((s) => s.teams([grid])));
  return { replayed: true, value: now.get(grid) ?? { grid, workers: [] } };
}

/** A write's answer: its value, or for a replay the record as stored now. */
async function answerWith<T>(
  ctx: UseCaseContext,
  written: { readonly replayed: true } | { readonly replayed: false; readonly value: T },
  read: (session: RegisterWriteSession) => Promise<T | undefined>,
  what: LocalizedText,
): Promise<WriteAnswer<T>> {
  if (!written.replayed) return written;
  const now = await persist(() => new RegisterWriteRepository(ctx.em).read(read));
  if (now === undefined) throw notFound(what);
  return { replayed: true, value: now };
}
