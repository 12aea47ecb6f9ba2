import {
  type GridRules,
  type GridStatistics,
  type GridTreeLevel,
  type Instant,
  type LevelStatistics,
  localDateOf,
  OPEN_REQUEST_STATUSES,
  parseInstant,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type RequestStatus,
  type RequestType,
  requestStatistics,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager, Knex } from '@mikro-orm/knex';
import { InvalidInputError } from '../errors.js';

/**
 * Statistics of grid management for any set of streets, communities and grids, computed by the
 * database: a handful of set-based queries (GROUP BY for counts, one column list for the
 * resolution times) whatever the number of nodes or requests, then summed per node. The figures
 * are the domain's `gridStatistics` figures (a test holds them equal on the reference dataset):
 *
 * - grids and households: the active grids under the node;
 * - workers: distinct workers in those grids' teams;
 * - party members: members organised in those grids, or directly in the community or street;
 * - party organisations: the street committee, one community organisation per community with
 *   grids, and each grid party group with at least `partyGroupMinMembers` members;
 * - requests by type and status, open, overdue at `asOf` (open and past the end of the due day),
 *   resolved late, escalated, and the median and p90 hours to resolve (linear interpolation).
 */

/** The nodes to count for; each node gets its own figures. */
export interface StatisticsScope {
  readonly streetCodes?: readonly string[] | undefined;
  readonly communityCodes?: readonly string[] | undefined;
  readonly gridCodes?: readonly string[] | undefined;
}

export interface StatisticsOptions {
  /** The moment the figures are for: it decides which open requests are overdue. */
  readonly asOf: string;
  readonly rules: Pick<GridRules, 'partyGroupMinMembers'>;
  /** Local time for due dates; China Standard Time (480) unless given. */
  readonly utcOffsetMinutes?: number | undefined;
}

interface Tally {
  grids: number;
  households: number;
  workers: Set<string>;
  partyMembers: number;
  communities: Set<string>;
  formedGroups: number;
  total: number;
  byType: Record<RequestType, number>;
  byStatus: Record<RequestStatus, number>;
  overdue: number;
  resolvedLate: number;
  escalated: number;
  hours: number[];
  parentCode: string | null;
  name: string | null;
}

function tally(): Tally {
  return {
    grids: 0,
    households: 0,
    workers: new Set(),
    partyMembers: 0,
    communities: new Set(),
    formedGroups: 0,
    total: 0,
    byType: Object.fromEntries(REQUEST_TYPES.map((t) => [t, 0])) as Record<RequestType, number>,
    byStatus: Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>,
    overdue: 0,
    resolvedLate: 0,
    escalated: 0,
    hours: [],
    parentCode: null,
    name: null,
  };
}

/** Linear interpolation between closest ranks (as the domain's statistics). */
/** Loads grid statistics with set-based queries. */
export class GridStatisticsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Figures for each street, community and grid asked for, in the order asked; unknown grids are
   * left out, unknown streets and communities count zero.
   *
   * @example
   * const stats = await repo.statistics(
   *   { streetCodes: ['330102001'], communityCodes: ['330102001001'] },
   *   { asOf: '2025-12-20T18:00:00+08:00', rules: referenceProfile.grid },
   * );
   * stats.streets[0]?.workers; // 144 for the reference dataset
   */
  async statistics(scope: StatisticsScope, options: StatisticsOptions): Promise<GridStatistics> {
    const asOf = parseInstant(options.asOf, ['asOf']);
    if (!asOf.ok) throw new InvalidInputError(asOf.issues);
    const S = [...new Set(scope.streetCodes ?? [])];
    const C = [...new Set(scope.communityCodes ?? [])];
    const G = [...new Set(scope.gridCodes ?? [])];
    const streets = new Map(S.map((code) => [code, tally()]));
    const communities = new Map(C.map((code) => [code, tally()]));
    const grids = new Map<string, Tally>();
    const empty: GridStatistics = { asOf: asOf.value, streets: [], communities: [], grids: [] };
    if (S.length + C.length + G.length === 0) return empty;

    const knex = this.em.getKnex();
    /** Rows under any node asked for, by the street, community and grid columns given. */
    const scoped =
      (street: string, community: string, grid: string) =>
      (qb: Knex.QueryBuilder): void => {
        let first = true;
        for (const [column, codes] of [
          [street, S],
          [community, C],
          [grid, G],
        ] as const) {
          if (codes.length === 0) continue;
          if (first) qb.whereIn(column, codes);
          else qb.orWhereIn(column, codes);
          first = false;
        }
      };
    const targets = (
      gridCode: string | null,
      communityCode: string | null,
      streetCode: string | null,
    ): Tally[] => {
      const out: Tally[] = [];
      const g = gridCode === null ? undefined : grids.get(gridCode);
      if (g !== undefined) out.push(g);
      const c = communityCode === null ? undefined : communities.get(communityCode);
      if (c !== undefined) out.push(c);
      const s = streetCode === null ? undefined : streets.get(streetCode);
      if (s !== undefined) out.push(s);
      return out;
    };

    const gridRows: {
      code: string;
      community_code: string;
      street_code: string;
      name: string;
      households: number | string;
      retired: boolean | number;
    }[] = await knex('grid')
      .select('code', 'community_code', 'street_code', 'name', 'households', 'retired')
      .where(scoped('street_code', 'community_code', 'code'))
      .orderBy([{ column: 'community_code' }, { column: 'position' }]);
    const active = new Set<string>();
    for (const row of gridRows) {
      if (G.includes(row.code)) {
        const t = tally();
        t.parentCode = row.community_code;
        t.name = row.name;
        grids.set(row.code, t);
      }
      if (row.retired === true || row.retired === 1) continue;
      active.add(row.code);
      const c = communities.get(row.community_code);
      if (c !== undefined) c.parentCode = row.street_code;
      for (const t of targets(row.code, row.community_code, row.street_code)) {
        t.grids++;
        t.households += Number(row.households);
        t.communities.add(row.community_code);
      }
    }

    const [teamRows, memberRows, requestRows, hourRows] = await Promise.all([
      knex('grid_team_member as t')
        .join('grid as g', 'g.code', 't.grid_code')
        .select('t.grid_code', 'g.community_code', 'g.street_code', 't.worker_id')
        .where(scoped('g.street_code', 'g.community_code', 'g.code')) as Promise<
        { grid_code: string; community_code: string; street_code: string; worker_id: string }[]
      >,
      knex('grid_party_member')
        .select('grid_code', 'community_code', 'street_code')
        .count({ n: '*' })
        .where(scoped('street_code', 'community_code', 'grid_code'))
        .groupBy('grid_code', 'community_code', 'street_code') as Promise<
        { grid_code: string | null; community_code: string | null; street_code: string; n: number | string }[]
      >,
      knex('grid_request')
        .select('grid_code', 'community_code', 'street_code', 'type', 'status')
        .count({ n: '*' })
        .select(
          knex.raw(
            `sum(case when status in (${OPEN_REQUEST_STATUSES.map(() => '?').join(', ')}) and due_date < ? then 1 else 0 end) as overdue`,
            [...OPEN_REQUEST_STATUSES, localDateOf(asOf.value, options.utcOffsetMinutes)],
          ),
          knex.raw(
            'sum(case when resolved_on is not null and resolved_on > due_date then 1 else 0 end) as late',
          ),
          knex.raw('sum(case when escalations > 0 then 1 else 0 end) as escalated'),
        )
        .where(scoped('street_code', 'community_code', 'grid_code'))
        .groupBy('grid_code', 'community_code', 'street_code', 'type', 'status') as Promise<
        {
          grid_code: string;
          community_code: string;
          street_code: string;
          type: RequestType;
          status: RequestStatus;
          n: number | string;
          overdue: number | string | null;
          late: number | string | null;
          escalated: number | string | null;
        }[]
      >,
      knex('grid_request')
        .select('grid_code', 'community_code', 'street_code', 'resolve_hours')
        .where(scoped('street_code', 'community_code', 'grid_code'))
        .whereIn('status', ['resolved', 'closed'])
        .whereNotNull('resolve_hours')
        .orderBy('resolve_hours') as Promise<
        { grid_code: string; community_code: string; street_code: string; resolve_hours: number | string }[]
      >,
    ]);

    for (const row of teamRows) {
      if (!active.has(row.grid_code)) continue;
      for (const t of targets(row.grid_code, row.community_code, row.street_code))
        t.workers.add(row.worker_id);
    }
    const gridMembers = new Map<string, number>();
    for (const row of memberRows) {
      const n = Number(row.n);
      for (const t of targets(row.grid_code, row.community_code, row.street_code)) t.partyMembers += n;
      if (row.grid_code !== null) gridMembers.set(row.grid_code, (gridMembers.get(row.grid_code) ?? 0) + n);
      const c = row.community_code === null ? undefined : communities.get(row.community_code);
      if (c !== undefined && c.parentCode === null) c.parentCode = row.street_code;
    }
    for (const row of gridRows) {
      if (!active.has(row.code)) continue;
      if ((gridMembers.get(row.code) ?? 0) < options.rules.partyGroupMinMembers) continue;
      for (const t of targets(row.code, row.community_code, row.street_code)) t.formedGroups++;
    }
    for (const row of requestRows) {
      const n = Number(row.n);
      for (const t of targets(row.grid_code, row.community_code, row.street_code)) {
        t.total += n;
        t.byType[row.type] += n;
        t.byStatus[row.status] += n;
        t.overdue += Number(row.overdue ?? 0);
        t.resolvedLate += Number(row.late ?? 0);
        t.escalated += Number(row.escalated ?? 0);
      }
      const c = communities.get(row.community_code);
      if (c !== undefined && c.parentCode === null) c.parentCode = row.street_code;
    }
    for (const row of hourRows) {
      const hours = Number(row.resolve_hours);
      for (const t of targets(row.grid_code, row.community_code, row.street_code)) t.hours.push(hours);
    }

    const finish = (level: GridTreeLevel, code: string, t: Tally): LevelStatistics => {
      return {
        level,
        code,
        name: t.name,
        parentCode: level === 'street' ? null : t.parentCode,
        grids: t.grids,
        households: t.households,
        workers: t.workers.size,
        partyMembers: t.partyMembers,
        partyOrganisations:
          (level === 'street' ? 1 + t.communities.size : level === 'community' ? 1 : 0) + t.formedGroups,
        requests: requestStatistics(t, t.hours),
      };
    };
    return {
      asOf: asOf.value as Instant,
      streets: S.map((code) => finish('street', code, streets.get(code)!)),
      communities: C.map((code) => finish('community', code, communities.get(code)!)),
      grids: G.flatMap((code) => {
        const t = grids.get(code);
        return t === undefined ? [] : [finish('grid', code, t)];
      }),
    };
  }
}
