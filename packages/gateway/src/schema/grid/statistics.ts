import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { treeOf } from '../../auth/scope.js';
import type { GatewayContext } from '../../kernel/context.js';
import { notFound } from '../../kernel/errors.js';
import { publicAnswer } from '../../server/public-cache.js';
import { nowInstant } from '../../time.js';
import { OrgNode, seesNode } from '../org.js';
import { profileOf } from './access.js';
import { gridLoaders } from './loaders.js';
import {
  GridLevelStatistics,
  isGridLevel,
  PublicGridStatistics,
  ResidentRequestStatistics,
} from './statistics-types.js';

/** Grid statistics on the organisation nodes, and the public's aggregate view. */
@Resolver(() => OrgNode)
export class OrgNodeGridStatisticsResolver {
  @FieldResolver(() => GridLevelStatistics, {
    nullable: true,
    description:
      'Grid management figures of a street, community or grid at this moment; null for other nodes. Batched: many nodes cost one set of queries.',
  })
  async statistics(@Ctx() ctx: GatewayContext, @Root() node: OrgNode): Promise<GridLevelStatistics | null> {
    if (!seesNode(ctx, node.code) || node.kind !== 'administrative' || !isGridLevel(node.level)) return null;
    const stats = await gridLoaders(ctx).statistics.load(node.code);
    return stats === null ? null : GridLevelStatistics.from(stats, nowInstant(ctx));
  }
}

@Resolver(() => GridLevelStatistics)
export class GridLevelStatisticsResolver {
  @FieldResolver(() => ResidentRequestStatistics, {
    description:
      'Resident requests under the node. Loaded only when asked for (it reads every request there); batched like the other figures.',
  })
  async requests(
    @Ctx() ctx: GatewayContext,
    @Root() stats: GridLevelStatistics,
  ): Promise<ResidentRequestStatistics> {
    const figures = await gridLoaders(ctx).requestStatistics.load(stats.code);
    if (figures === null)
      throw notFound({ zh: `街道、社区或网格 ${stats.code}`, en: `street, community or grid ${stats.code}` });
    return ResidentRequestStatistics.from(figures, profileOf(ctx, 'reference').grid);
  }
}

@Resolver()
export class PublicGridStatisticsResolver {
  @Query(() => PublicGridStatistics, {
    description:
      'Aggregate figures of a street, community or grid that anyone may read, without a token: counts only — no names, no addresses, no request details.',
  })
  async publicStatistics(
    @Ctx() ctx: GatewayContext,
    @Arg('code') code: string,
  ): Promise<PublicGridStatistics> {
    return publicAnswer(ctx, `publicStatistics\u0000${code}`, () => this.compute(ctx, code));
  }

  private async compute(ctx: GatewayContext, code: string): Promise<PublicGridStatistics> {
    const tree = treeOf(ctx.services, code);
    const level = tree?.kind === 'administrative' ? tree.nodes[tree.ids.get(code)!]!.level : undefined;
    const missing = notFound({ zh: `街道、社区或网格 ${code}`, en: `street, community or grid ${code}` });
    if (level === undefined || !isGridLevel(level)) throw missing;
    const loaders = gridLoaders(ctx);
    const [counts, requests] = await Promise.all([
      loaders.statistics.load(code),
      loaders.requestStatistics.load(code),
    ]);
    if (counts === null || requests === null) throw missing;
    return PublicGridStatistics.from(
      { ...counts, requests },
      nowInstant(ctx),
      profileOf(ctx, 'reference').grid,
    );
  }
}
