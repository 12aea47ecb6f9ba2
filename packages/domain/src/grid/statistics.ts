import { epochMillis, type Instant, localDateOf, parseInstant } from '../calendar/instant.js';
import type { GridRules } from '../profiles/schema.js';
import { REQUEST_TYPES, type RequestType } from '../profiles/vocabulary.js';
import { formatPath, type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { GridDirectory } from './directory.js';
import { type StatisticsIssueCode, shown } from './errors.js';
import {
  OPEN_REQUEST_STATUSES,
  REQUEST_STATUSES,
  type RequestStatus,
  type ResidentRequest,
} from './requests.js';
import { GRID_TREE_LEVEL_LABELS, type GridTreeLevel } from './types.js';

/**
 * Statistics of grid management at every level of the grid tree — each grid, each community, each
 * street — from the same data the rules use: the directory, the teams, the placed party members and
 * the resident requests. All counts are derived, never stored.
 */

/** Where a party member is organised: a grid party group, or directly a community or street. */
export interface PartyMemberPlacement {
  readonly id: string;
  readonly gridCode?: string | null | undefined;
  readonly communityCode?: string | null | undefined;
  readonly streetCode?: string | null | undefined;
}

export interface StatisticsInput {
  readonly directory: GridDirectory;
  /** Each grid's workers (a `GridStaffingPlan`'s teams fit). */
  readonly teams?:
    | readonly { readonly gridCode: string; readonly workerIds: readonly string[] }[]
    | undefined;
  readonly partyMembers?: readonly PartyMemberPlacement[] | undefined;
  readonly requests?: readonly ResidentRequest[] | undefined;
  /** The moment the figures are for: it decides which open requests are overdue. */
  readonly asOf: string;
  /** Local time for due dates; China Standard Time (480) unless given. */
  readonly utcOffsetMinutes?: number | undefined;
}

/** Median and 90th percentile (linear interpolation between ranks) of hours from report to resolution. */
export interface ResolutionTimes {
  readonly count: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
}

export interface RequestStatistics {
  readonly total: number;
  readonly byType: { readonly [T in RequestType]: number };
  readonly byStatus: { readonly [S in RequestStatus]: number };
  /** Reported, assigned or in progress. */
  readonly open: number;
  /** Open and past the end of their due date at `asOf`. */
  readonly overdue: number;
  /** Resolved (or closed) after their due date. */
  readonly resolvedLate: number;
  /** Escalated above the grid at least once. */
  readonly escalated: number;
  readonly timeToResolve: ResolutionTimes;
}

export interface LevelStatistics {
  readonly level: GridTreeLevel;
  readonly code: string;
  readonly name: string | null;
  readonly parentCode: string | null;
  readonly grids: number;
  readonly households: number;
  /** Distinct grid workers serving grids here. */
  readonly workers: number;
  readonly partyMembers: number;
  /**
   * Party organisations here: a street party committee per street, a community party organisation
   * per community, and a grid party group per grid with at least `partyGroupMinMembers` members.
   */
  readonly partyOrganisations: number;
  readonly requests: RequestStatistics;
}

export interface GridStatistics {
  readonly asOf: Instant;
  readonly streets: readonly LevelStatistics[];
  readonly communities: readonly LevelStatistics[];
  readonly grids: readonly LevelStatistics[];
}

/**
 * One node's requests as they are counted, row by row, before {@link requestStatistics} finishes
 * them: what an aggregation over stored rows fills in as well as this module's.
 */
export interface RequestTally {
  total: number;
  byType: Record<RequestType, number>;
  byStatus: Record<RequestStatus, number>;
  overdue: number;
  resolvedLate: number;
  escalated: number;
  /** Hours each resolved request took. */
  hours: number[];
}

/**
 * An empty {@link RequestTally}: every type and status at zero.
 *
 * @example
 * const t = requestTally(); t.total++; t.byType.dispute++;
 */
export function requestTally(): RequestTally {
  return {
    total: 0,
    byType: Object.fromEntries(REQUEST_TYPES.map((t) => [t, 0])) as Record<RequestType, number>,
    byStatus: Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>,
    overdue: 0,
    resolvedLate: 0,
    escalated: 0,
    hours: [],
  };
}

interface Tally extends RequestTally {
  grids: number;
  households: number;
  workers: Set<string>;
  partyMembers: number;
  partyOrganisations: number;
}

function tally(): Tally {
  return {
    grids: 0,
    households: 0,
    workers: new Set(),
    partyMembers: 0,
    partyOrganisations: 0,
    ...requestTally(),
  };
}

/** Linear interpolation between closest ranks (the "R-7" definition used by spreadsheets). */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The counts of one level's requests, before the open total and the resolution times. */
export interface RequestCounts {
  readonly total: number;
  readonly byType: { readonly [T in RequestType]: number };
  readonly byStatus: { readonly [S in RequestStatus]: number };
  readonly overdue: number;
  readonly resolvedLate: number;
  readonly escalated: number;
}

/**
 * A level's request figures from its counts and the hours each resolved request took: the
 * open total and the median and p90 time to resolve. Shared by the in-memory statistics here
 * and the database's set-based ones, so both report the same figures.
 *
 * @example
 * requestStatistics(counts, [2, 5, 30]).timeToResolve // { count: 3, medianHours: 5, p90Hours: 25 }
 */
export function requestStatistics(counts: RequestCounts, resolveHours: readonly number[]): RequestStatistics {
  const sorted = [...resolveHours].sort((a, b) => a - b);
  return {
    total: counts.total,
    byType: counts.byType,
    byStatus: counts.byStatus,
    open: OPEN_REQUEST_STATUSES.reduce((sum, s) => sum + counts.byStatus[s], 0),
    overdue: counts.overdue,
    resolvedLate: counts.resolvedLate,
    escalated: counts.escalated,
    timeToResolve: {
      count: sorted.length,
      medianHours: quantile(sorted, 0.5),
      p90Hours: quantile(sorted, 0.9),
    },
  };
}

/**
 * Counts grids, households, workers, party members and organisations, and resident requests by
 * type and status with overdue counts and median / p90 time to resolve, for every grid, community
 * and street of the directory. Refuses teams, members or requests that name a grid, community or
 * street the directory does not have.
 *
 * @example
 * const stats = unwrap(gridStatistics(
 *   { directory, teams: plan.teams, partyMembers, requests, asOf: '2025-12-20T18:00:00+08:00' },
 *   referenceProfile.grid,
 * ));
 * stats.streets[0]?.grids;   // 48 for the reference dataset
 * stats.streets[0]?.workers; // 144
 */
export function gridStatistics(
  input: StatisticsInput,
  rules: Pick<GridRules, 'partyGroupMinMembers'>,
): Result<GridStatistics, StatisticsIssueCode> {
  const asOf = parseInstant(input.asOf, ['asOf']);
  if (!asOf.ok) return asOf;
  const { directory } = input;
  const offset = input.utcOffsetMinutes;
  const today = localDateOf(asOf.value, offset);
  const issues: Issue<StatisticsIssueCode>[] = [];
  const gridT = new Map<string, Tally>();
  const communityT = new Map<string, Tally>();
  const streetT = new Map<string, Tally>();
  for (const s of directory.streets) streetT.set(s.code, tally());
  for (const c of directory.communities) communityT.set(c.code, tally());
  for (const g of directory.grids) gridT.set(g.code, tally());

  /** The tallies a fact counts in: its grid's, community's and street's (as far as known). */
  const chain = (
    gridCode?: string | null,
    communityCode?: string | null,
    streetCode?: string | null,
  ): Tally[] => {
    if (gridCode !== undefined && gridCode !== null) {
      const p = directory.placement.get(gridCode);
      if (p === undefined) return [];
      return [gridT.get(gridCode)!, communityT.get(p.communityCode)!, streetT.get(p.streetCode)!];
    }
    if (communityCode !== undefined && communityCode !== null) {
      const street = directory.streetOf.get(communityCode);
      return street === undefined ? [] : [communityT.get(communityCode)!, streetT.get(street)!];
    }
    if (streetCode !== undefined && streetCode !== null) {
      const t = streetT.get(streetCode);
      return t === undefined ? [] : [t];
    }
    return [];
  };
  const unknown = (path: (string | number)[], level: GridTreeLevel, what: string): void => {
    const code =
      level === 'grid'
        ? 'GRID_UNKNOWN_GRID'
        : level === 'community'
          ? 'GRID_UNKNOWN_COMMUNITY'
          : 'GRID_UNKNOWN_STREET';
    const label = GRID_TREE_LEVEL_LABELS[level];
    issues.push(
      issue(
        code,
        {
          zh: `${formatPath(path)} 指向的${label.zh}“${shown(what)}”不在网格目录中`,
          en: `${formatPath(path)} names ${label.en} "${shown(what)}", which is not in the grid directory`,
        },
        path,
        { code: what },
      ),
    );
  };

  for (const g of directory.grids) {
    for (const t of chain(g.code)) {
      t.grids++;
      t.households += g.households;
    }
  }
  input.teams?.forEach((team, i) => {
    const targets = chain(team.gridCode);
    if (targets.length === 0) unknown(['teams', i, 'gridCode'], 'grid', team.gridCode);
    for (const t of targets) for (const w of team.workerIds) t.workers.add(w);
  });
  const gridMembers = new Map<string, number>();
  input.partyMembers?.forEach((m, i) => {
    const targets = chain(m.gridCode, m.communityCode, m.streetCode);
    if (targets.length === 0) {
      if (m.gridCode !== undefined && m.gridCode !== null)
        unknown(['partyMembers', i, 'gridCode'], 'grid', m.gridCode);
      else if (m.communityCode !== undefined && m.communityCode !== null)
        unknown(['partyMembers', i, 'communityCode'], 'community', m.communityCode);
      else unknown(['partyMembers', i, 'streetCode'], 'street', m.streetCode ?? '');
      return;
    }
    for (const t of targets) t.partyMembers++;
    if (m.gridCode !== undefined && m.gridCode !== null)
      gridMembers.set(m.gridCode, (gridMembers.get(m.gridCode) ?? 0) + 1);
  });
  for (const s of directory.streets) streetT.get(s.code)!.partyOrganisations++;
  for (const c of directory.communities) for (const t of chain(null, c.code)) t.partyOrganisations++;
  for (const g of directory.grids) {
    if ((gridMembers.get(g.code) ?? 0) >= rules.partyGroupMinMembers)
      for (const t of chain(g.code)) t.partyOrganisations++;
  }
  input.requests?.forEach((r, i) => {
    const targets = chain(r.gridCode);
    if (targets.length === 0) {
      unknown(['requests', i, 'gridCode'], 'grid', r.gridCode);
      return;
    }
    const open = OPEN_REQUEST_STATUSES.includes(r.status);
    const overdue = open && today > r.dueDate;
    const late = r.resolvedAt !== null && localDateOf(r.resolvedAt, offset) > r.dueDate;
    const escalated = r.events.some((e) => e.action === 'escalate');
    const hours =
      r.resolvedAt !== null && (r.status === 'resolved' || r.status === 'closed')
        ? (epochMillis(r.resolvedAt) - epochMillis(r.reportedAt)) / 3_600_000
        : undefined;
    for (const t of targets) {
      t.total++;
      t.byType[r.type]++;
      t.byStatus[r.status]++;
      if (overdue) t.overdue++;
      if (late) t.resolvedLate++;
      if (escalated) t.escalated++;
      if (hours !== undefined) t.hours.push(hours);
    }
  });
  if (issues.length > 0) return fail(issues);

  const finish = (
    level: GridTreeLevel,
    code: string,
    name: string | undefined,
    parentCode: string | null,
    t: Tally,
  ): LevelStatistics => {
    return {
      level,
      code,
      name: name ?? null,
      parentCode,
      grids: t.grids,
      households: t.households,
      workers: t.workers.size,
      partyMembers: t.partyMembers,
      partyOrganisations: t.partyOrganisations,
      requests: requestStatistics(t, t.hours),
    };
  };
  return ok({
    asOf: asOf.value,
    streets: directory.streets.map((s) => finish('street', s.code, s.name, null, streetT.get(s.code)!)),
    communities: directory.communities.map((c) =>
      finish('community', c.code, c.name, c.streetCode, communityT.get(c.code)!),
    ),
    grids: directory.grids.map((g) => finish('grid', g.code, g.name, g.communityCode, gridT.get(g.code)!)),
  });
}
