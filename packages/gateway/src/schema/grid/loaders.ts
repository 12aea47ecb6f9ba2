import type { RequestEvent, RequestStatistics } from '@jiceng/domain';
import {
  GridRepository,
  GridStatisticsRepository,
  type LevelCounts,
  ResidentRequestRepository,
  type StatisticsScope,
  type StoredBuilding,
  type StoredGrid,
  type StoredWorker,
} from '@jiceng/persistence';
import DataLoader from 'dataloader';
import { treeOf } from '../../auth/scope.js';
import type { GatewayContext } from '../../kernel/context.js';
import { nowInstant } from '../../time.js';
import { profileOf } from './access.js';
import { isGridLevel } from './statistics-types.js';

/**
 * The grid area's DataLoaders, one set per request (through `ctx.loaders`): every edge of a list —
 * a request's trail, a grid's team, buildings, statistics — waits for its siblings and loads them
 * all in one repository call, so a nested list costs the same number of statements for 5 rows as
 * for 100.
 */
export interface GridLoaders {
  readonly trail: DataLoader<string, readonly RequestEvent[]>;
  readonly grid: DataLoader<string, StoredGrid | null>;
  readonly team: DataLoader<string, readonly StoredWorker[]>;
  readonly buildings: DataLoader<string, readonly StoredBuilding[]>;
  /**
   * Figures of an administrative node (street, community or grid) at `ctx.now`, without its
   * requests; null for other nodes.
   */
  readonly statistics: DataLoader<string, LevelCounts | null>;
  /**
   * Request figures of a street, community or grid, loaded only when a query asks for them: they
   * read every request under the node, which the structure figures never need.
   */
  readonly requestStatistics: DataLoader<string, RequestStatistics | null>;
}

const KEY = Symbol('grid loaders');

export function gridLoaders(ctx: GatewayContext): GridLoaders {
  return ctx.loaders.get(KEY, () => createGridLoaders(ctx));
}

function createGridLoaders(ctx: GatewayContext): GridLoaders {
  const grids = new GridRepository(ctx.em);
  const requests = new ResidentRequestRepository(ctx.em);
  return {
    trail: new DataLoader(async (ids) => {
      const trails = await requests.trailsOf(ids);
      return ids.map((id) => trails.get(id) ?? []);
    }),
    grid: new DataLoader(async (codes) => {
      const found = new Map((await grids.gridsByCodes(codes)).map((g) => [g.code, g]));
      return codes.map((c) => found.get(c) ?? null);
    }),
    team: new DataLoader(async (codes) => {
      const teams = await grids.teamsOf(codes);
      return codes.map((c) => teams.get(c) ?? []);
    }),
    buildings: new DataLoader(async (codes) => {
      const buildings = await grids.buildingsOfGrids(codes);
      return codes.map((c) => buildings.get(c) ?? []);
    }),
    statistics: new DataLoader(async (codes) => {
      const scope = gridScope(ctx, codes);
      if (scope === undefined) return codes.map(() => null);
      const stats = await new GridStatisticsRepository(ctx.em).counts(scope, {
        asOf: nowInstant(ctx),
        rules: profileOf(ctx, 'reference').grid,
      });
      const byCode = new Map<string, LevelCounts>();
      for (const s of [...stats.streets, ...stats.communities, ...stats.grids]) byCode.set(s.code, s);
      return codes.map((c) => byCode.get(c) ?? null);
    }),
    requestStatistics: new DataLoader(async (codes) => {
      const scope = gridScope(ctx, codes);
      if (scope === undefined) return codes.map(() => null);
      const figures = await new GridStatisticsRepository(ctx.em).requestFigures(scope, {
        asOf: nowInstant(ctx),
      });
      return codes.map((c) => figures.get(c) ?? null);
    }),
  };
}

/** The streets, communities and grids among some codes of the administrative tree, by level. */
function gridScope(ctx: GatewayContext, codes: readonly string[]): StatisticsScope | undefined {
  const scope = { streetCodes: [] as string[], communityCodes: [] as string[], gridCodes: [] as string[] };
  let any = false;
  for (const code of codes) {
    const tree = treeOf(ctx.services, code);
    if (tree?.kind !== 'administrative') continue;
    const level = tree.nodes[tree.ids.get(code)!]!.level;
    if (!isGridLevel(level)) continue;
    (level === 'street'
      ? scope.streetCodes
      : level === 'community'
        ? scope.communityCodes
        : scope.gridCodes
    ).push(code);
    any = true;
  }
  return any ? scope : undefined;
}
