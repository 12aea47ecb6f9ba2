import {
  type GridRules,
  type GridStatistics,
  type GridTreeLevel,
  type Instant,
  type LevelStatistics,
  localDateOf,
  OPEN_REQUEST_STATUSES,
  parseInstant,
  type RequestStatistics,
  type RequestStatus,
  type RequestType,
  requestStatistics,
  requestTally,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager, Knex } from '@mikro-orm/knex';
import { InvalidInputError } from '../errors.js';
import { placeholders } from '../sql.js';

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

/** A node's figures without its requests: what `counts` returns. */
export type LevelCounts = Omit<LevelStatistics, 'requests'>;

/** Per node, what the structure queries add up. */
interface CountTally {
  grids: number;
  households: number;
  workers: Set<string>;
  partyMembers: number;
  communities: Set<string>;
  formedGroups: number;
  parentCode: string | null;
  name: string | null;
}

function countTally(): CountTally {
  return {
    grids: 0,
    households: 0,
    workers: new Set(),
    partyMembers: 0,
    communities: new Set(),
    formedGroups: 0,
    parentCode: null,
    name: null,
  };
}

/**
 * The nodes asked for, deduplicated, with a tally each, and how rows reach them: `where` keeps
 * the rows under any of the nodes (by a table's street, community and grid columns), `targets`
 * lists the tallies a row adds to.
 */
class Targets<T> {
  readonly S: string[];
  readonly C: string[];
  readonly G: string[];
  readonly streets: Map<string, T>;
  readonly communities: Map<string, T>;
  readonly grids = new Map<string, T>();

  constructor(scope: StatisticsScope, make: () => T, gridsUpFront: boolean) {
    this.S = [...new Set(scope.streetCodes ?? [])];
    this.C = [...new Set(scope.communityCodes ?? [])];
    this.G = [...new Set(scope.gridCodes ?? [])];
    this.streets = new Map(this.S.map((code) => [code, make()]));
    this.communities = new Map(this.C.map((code) => [code, make()]));
    if (gridsUpFront) for (const code of this.G) this.grids.set(code, make());
  }

  get empty(): boolean {
    return this.S.length + this.C.length + this.G.length === 0;
  }

  where(street: string, community: string, grid: string) {
    return (qb: Knex.QueryBuilder): void => {
      let first = true;
      for (const [column, codes] of [
        [street, this.S],
        [community, this.C],
        [grid, this.G],
      ] as const) {
        if (codes.length === 0) continue;
        if (first) qb.whereIn(column, codes);
        else qb.orWhereIn(column, codes);
        first = false;
      }
    };
  }

  of(gridCode: string | null, communityCode: string | null, streetCode: string | null): T[] {
    const out: T[] = [];
    const g = gridCode === null ? undefined : this.grids.get(gridCode);
    if (g !== undefined) out.push(g);
    const c = communityCode === null ? undefined : this.communities.get(communityCode);
    if (c !== undefined) out.push(c);
    const s = streetCode === null ? undefined : this.streets.get(streetCode);
    if (s !== undefined) out.push(s);
    return out;
  }
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
    const [counts, requests] = await Promise.all([
      this.counts(scope, options),
      this.requestFigures(scope, options),
    ]);
    const withRequests = (c: LevelCounts): LevelStatistics => ({ ...c, requests: requests.get(c.code)! });
    return {
      asOf: counts.asOf,
      streets: counts.streets.map(withRequests),
      communities: counts.communities.map(withRequests),
      grids: counts.grids.map(withRequests),
    };
  }

  /**
   * The figures of `statistics` but the requests: grids, households, workers, party members and
   * organisations, in three queries that never read the request table. For a view that shows no
   * requests (a dashboard's structure), or to load requests separately (`requestFigures`).
   */
  async counts(
    scope: StatisticsScope,
    options: Pick<StatisticsOptions, 'asOf' | 'rules'>,
  ): Promise<{
    readonly asOf: Instant;
    readonly streets: readonly LevelCounts[];
    readonly communities: readonly LevelCounts[];
    readonly grids: readonly LevelCounts[];
  }> {
    const asOf = parseInstant(options.asOf, ['asOf']);
    if (!asOf.ok) throw new InvalidInputError(asOf.issues);
    const t = new Targets(scope, countTally, false);
    if (t.empty) return { asOf: asOf.value, streets: [], communities: [], grids: [] };
    const knex = this.em.getKnex();

    const gridRows: {
      code: string;
      community_code: string;
      street_code: string;
      name: string;
      households: number | string;
      retired: boolean | number;
    }[] = await knex('grid')
      .select('code', 'community_code', 'street_code', 'name', 'households', 'retired')
      .where(t.where('street_code', 'community_code', 'code'))
      .orderBy([{ column: 'community_code' }, { column: 'position' }]);
    const active = new Set<string>();
    for (const row of gridRows) {
      if (t.G.includes(row.code)) {
        const g = countTally();
        g.parentCode = row.community_code;
        g.name = row.name;
        t.grids.set(row.code, g);
      }
      const c = t.communities.get(row.community_code);
      if (c !== undefined) c.parentCode = row.street_code;
      if (row.retired === true || row.retired === 1) continue;
      active.add(row.code);
      for (const x of t.of(row.code, row.community_code, row.street_code)) {
        x.grids++;
        x.households += Number(row.households);
        x.communities.add(row.community_code);
      }
    }

    const [teamRows, memberRows] = await Promise.all([
      knex('grid_team_member as t')
        .join('grid as g', 'g.code', 't.grid_code')
        .select('t.grid_code', 'g.community_code', 'g.street_code', 't.worker_id')
        .where(t.where('g.street_code', 'g.community_code', 'g.code')) as Promise<
        { grid_code: string; community_code: string; street_code: string; worker_id: string }[]
      >,
      // Placed members only (a street): the party member table also holds members the grid side
      // does not place.
      knex('points_member')
        .select('grid_code', 'community_code', 'street_code')
        .count({ n: '*' })
        .whereNotNull('street_code')
        .where(t.where('street_code', 'community_code', 'grid_code'))
        .groupBy('grid_code', 'community_code', 'street_code') as Promise<
        { grid_code: string | null; community_code: string | null; street_code: string; n: number | string }[]
      >,
    ]);

    for (const row of teamRows) {
      if (!active.has(row.grid_code)) continue;
      for (const x of t.of(row.grid_code, row.community_code, row.street_code)) x.workers.add(row.worker_id);
    }
    const gridMembers = new Map<string, number>();
    for (const row of memberRows) {
      const n = Number(row.n);
      for (const x of t.of(row.grid_code, row.community_code, row.street_code)) x.partyMembers += n;
      if (row.grid_code !== null) gridMembers.set(row.grid_code, (gridMembers.get(row.grid_code) ?? 0) + n);
      const c = row.community_code === null ? undefined : t.communities.get(row.community_code);
      if (c !== undefined && c.parentCode === null) c.parentCode = row.street_code;
    }
    for (const row of gridRows) {
      if (!active.has(row.code)) continue;
      if ((gridMembers.get(row.code) ?? 0) < options.rules.partyGroupMinMembers) continue;
      for (const x of t.of(row.code, row.community_code, row.street_code)) x.formedGroups++;
    }

    const finish = (level: GridTreeLevel, code: string, x: CountTally): LevelCounts => ({
      level,
      code,
      name: x.name,
      parentCode: level === 'street' ? null : x.parentCode,
      grids: x.grids,
      households: x.households,
      workers: x.workers.size,
      partyMembers: x.partyMembers,
      partyOrganisations:
        (level === 'street' ? 1 + x.communities.size : level === 'community' ? 1 : 0) + x.formedGroups,
    });
    return {
      asOf: asOf.value,
      streets: t.S.map((code) => finish('street', code, t.streets.get(code)!)),
      communities: t.C.map((code) => finish('community', code, t.communities.get(code)!)),
      grids: t.G.flatMap((code) => {
        const x = t.grids.get(code);
        return x === undefined ? [] : [finish('grid', code, x)];
      }),
    };
  }

  /**
   * The request figures of `statistics` alone, per node code asked for (every code gets figures;
   * a node without requests counts zero): two queries over the requests under the nodes.
   */
  async requestFigures(
    scope: StatisticsScope,
    options: Pick<StatisticsOptions, 'asOf' | 'utcOffsetMinutes'>,
  ): Promise<Map<string, RequestStatistics>> {
    const asOf = parseInstant(options.asOf, ['asOf']);
    if (!asOf.ok) throw new InvalidInputError(asOf.issues);
    const t = new Targets(scope, requestTally, true);
    const out = new Map<string, RequestStatistics>();
    if (t.empty) return out;
    const knex = this.em.getKnex();
    const [requestRows, hourRows] = await Promise.all([
      knex('grid_request')
        .select('grid_code', 'community_code', 'street_code', 'type', 'status')
        .count({ n: '*' })
        .select(
          knex.raw(
            `sum(case when status in (${placeholders(OPEN_REQUEST_STATUSES.length)}) and due_date < ? then 1 else 0 end) as overdue`,
            [...OPEN_REQUEST_STATUSES, localDateOf(asOf.value, options.utcOffsetMinutes)],
          ),
          knex.raw(
            'sum(case when resolved_on is not null and resolved_on > due_date then 1 else 0 end) as late',
          ),
          knex.raw('sum(case when escalations > 0 then 1 else 0 end) as escalated'),
        )
        .where(t.where('street_code', 'community_code', 'grid_code'))
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
        .where(t.where('street_code', 'community_code', 'grid_code'))
        .whereIn('status', ['resolved', 'closed'])
        .whereNotNull('resolve_hours')
        .orderBy('resolve_hours') as Promise<
        { grid_code: string; community_code: string; street_code: string; resolve_hours: number | string }[]
      >,
    ]);
    for (const row of requestRows) {
      const n = Number(row.n);
      for (const x of t.of(row.grid_code, row.community_code, row.street_code)) {
        x.total += n;
        x.byType[row.type] += n;
        x.byStatus[row.status] += n;
        x.overdue += Number(row.overdue ?? 0);
        x.resolvedLate += Number(row.late ?? 0);
        x.escalated += Number(row.escalated ?? 0);
      }
    }
    for (const row of hourRows) {
      const hours = Number(row.resolve_hours);
      for (const x of t.of(row.grid_code, row.community_code, row.street_code)) x.hours.push(hours);
    }
    for (const map of [t.streets, t.communities, t.grids]) {
      for (const [code, x] of map) out.set(code, requestStatistics(x, x.hours));
    }
    return out;
  }
}
