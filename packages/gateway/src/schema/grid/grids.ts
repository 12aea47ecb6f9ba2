import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  canSeeGrid,
  gridResource,
  gridText,
  inAdministrativeTree,
  nowInstant,
} from '../../application/grid/access.js';
import {
  applyPartition,
  gridsOfCommunity,
  missingJointMeetings,
  partyGroupShortfalls,
  previewPartition,
  routeLocationFor,
  staffingPreview,
} from '../../application/grid/grids.js';
import { authorise, authoriseNode, requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { connectionOf, PageArgs, paginate } from '../common.js';
import { OrgNode, seesNode } from '../org.js';
import { gridLoaders } from './loaders.js';
import { PartitionPlanType, StaffingPreview } from './plan-types.js';
import { GridRoutePreview, ResidentRequestLocationInput } from './request-types.js';
import {
  GridLevelStatistics,
  JointMeetingCheckReport,
  MissingJointMeeting,
  PartyGroupShortfall,
} from './statistics-types.js';
import {
  Grid,
  GridBuilding,
  type GridRouteStatusEnum,
  GridWorkerType,
  PartitionMethodEnum,
} from './types.js';

const GridConnection = connectionOf('Grid', Grid);
const GridBuildingConnection = connectionOf('GridBuilding', GridBuilding);

/** Grids, their buildings and teams, routing, partition, staffing, party groups and joint meetings. */
@Resolver(() => Grid)
export class GridResolver {
  @Query(() => GridConnection, { description: 'The grids of a community within your scope, in line order.' })
  async grids(
    @Ctx() ctx: GatewayContext,
    @Arg('community') community: string,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    const grids = await gridsOfCommunity(ctx, community);
    return paginate(grids.map(Grid.from), page);
  }

  @Query(() => Grid, { description: 'One grid within your scope.' })
  async grid(@Ctx() ctx: GatewayContext, @Arg('code') code: string): Promise<Grid> {
    requireAction(ctx, 'grid.read');
    const grid = await gridLoaders(ctx).grid.load(code);
    authorise(
      ctx,
      'grid.read',
      grid === null ? undefined : gridResource({ gridCode: grid.code, communityCode: grid.communityCode }),
      gridText(code),
    );
    return Grid.from(grid!);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The grid’s own node; null when retired.' })
  node(@Ctx() ctx: GatewayContext, @Root() grid: Grid): OrgNode | null {
    return orgNode(ctx, grid.code);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'Its community; null above your scope.' })
  community(@Ctx() ctx: GatewayContext, @Root() grid: Grid): OrgNode | null {
    return orgNode(ctx, grid.communityCode);
  }

  @FieldResolver(() => GridBuildingConnection, { description: 'Its buildings, in address order.' })
  async buildings(@Ctx() ctx: GatewayContext, @Root() grid: Grid, @Args(() => PageArgs) page: PageArgs) {
    const visible = canSeeGrid(ctx, { gridCode: grid.code, communityCode: grid.communityCode });
    const buildings = visible ? await gridLoaders(ctx).buildings.load(grid.code) : [];
    return paginate(buildings.map(GridBuilding.from), page);
  }

  @FieldResolver(() => [GridWorkerType], { description: 'Its grid workers 网格员, in team order.' })
  async team(@Ctx() ctx: GatewayContext, @Root() grid: Grid): Promise<GridWorkerType[]> {
    if (!canSeeGrid(ctx, { gridCode: grid.code, communityCode: grid.communityCode })) return [];
    return (await gridLoaders(ctx).team.load(grid.code)).map(GridWorkerType.from);
  }

  @FieldResolver(() => GridLevelStatistics, { nullable: true })
  async statistics(@Ctx() ctx: GatewayContext, @Root() grid: Grid): Promise<GridLevelStatistics | null> {
    if (!canSeeGrid(ctx, { gridCode: grid.code, communityCode: grid.communityCode })) return null;
    if (!inAdministrativeTree(ctx, grid.code)) return null;
    const stats = await gridLoaders(ctx).statistics.load(grid.code);
    return stats === null ? null : GridLevelStatistics.from(stats, nowInstant(ctx));
  }

  @Query(() => GridRoutePreview, {
    description:
      'Which grid an address, a point or a named grid falls in — or a clear answer that it is in none.',
  })
  async routeLocation(
    @Ctx() ctx: GatewayContext,
    @Arg('location', () => ResidentRequestLocationInput) location: ResidentRequestLocationInput,
  ): Promise<GridRoutePreview> {
    const route = await routeLocationFor(ctx, location);
    const preview = Object.assign(new GridRoutePreview(), {
      status: route.status as GridRouteStatusEnum,
      gridCode: null,
      communityCode: null,
      streetCode: null,
      nearestGridCode: null,
    });
    switch (route.status) {
      case 'inside':
        return Object.assign(preview, {
          gridCode: route.gridCode,
          communityCode: route.communityCode,
          streetCode: route.streetCode,
        });
      case 'outside':
        return Object.assign(preview, { nearestGridCode: route.nearestGridCode });
      default:
        return preview;
    }
  }

  @Query(() => PartitionPlanType, {
    description:
      'Re-partitions a community on paper (community administrators and above): its registered buildings split by the profile’s sizes, moving as few buildings as possible.',
  })
  async partitionPreview(
    @Ctx() ctx: GatewayContext,
    @Arg('community') community: string,
    @Arg('method', () => PartitionMethodEnum, { nullable: true }) method?: PartitionMethodEnum | null,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<PartitionPlanType> {
    const plan = await previewPartition(ctx, { community, method, profileId });
    return PartitionPlanType.from(plan.communityCode, plan.partition, plan.version, false);
  }

  @Mutation(() => PartitionPlanType, {
    description:
      'Applies a re-partition of a community (community administrators and above) in one transaction: buildings, grids, party members and the organisation trees. Pass the version the preview showed.',
  })
  async applyPartition(
    @Ctx() ctx: GatewayContext,
    @Arg('community') community: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
    @Arg('method', () => PartitionMethodEnum, { nullable: true }) method?: PartitionMethodEnum | null,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<PartitionPlanType> {
    const plan = await applyPartition(ctx, { community, expectedVersion, method, profileId });
    return PartitionPlanType.from(plan.communityCode, plan.partition, plan.version, true);
  }

  @Query(() => StaffingPreview, {
    description:
      'Assigns a community’s grid workers to its grids by the profile’s rules (workers per grid, grids per worker, a party member per team); nothing is stored.',
  })
  async staffingPreview(
    @Ctx() ctx: GatewayContext,
    @Arg('community') community: string,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<StaffingPreview> {
    const answer = await staffingPreview(ctx, { community, profileId });
    return answer.ok
      ? StaffingPreview.from(answer.community, answer.plan, answer.version)
      : StaffingPreview.refused(answer.community, answer.issues, answer.version);
  }

  @Query(() => [PartyGroupShortfall], {
    description: 'Grids under a node (default: your scope) whose party group has too few members to form.',
  })
  async partyGroupShortfalls(
    @Ctx() ctx: GatewayContext,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<PartyGroupShortfall[]> {
    const shortfalls = await partyGroupShortfalls(ctx, { scope, profileId });
    return shortfalls.map((s) =>
      Object.assign(new PartyGroupShortfall(), {
        gridCode: s.gridCode,
        communityCode: s.communityCode,
        members: s.members,
        minimum: s.minimum,
      }),
    );
  }

  @Query(() => JointMeetingCheckReport, {
    description:
      'Periods in which a street or community under a node (default: your scope) held no regular joint meeting, by the profile’s cadence (reference: street quarterly, community monthly).',
  })
  async missingJointMeetings(
    @Ctx() ctx: GatewayContext,
    @Arg('from', { description: 'YYYY-MM-DD' }) from: string,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD; default today' }) to?: string | null,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<JointMeetingCheckReport> {
    const { report, ...days } = await missingJointMeetings(ctx, { from, to, scope, profileId });
    return Object.assign(new JointMeetingCheckReport(), {
      ...days,
      held: report.checks.filter((c) => c.status === 'held').length,
      missing: report.missing.map((m) =>
        Object.assign(new MissingJointMeeting(), {
          level: m.level,
          orgCode: m.orgCode,
          period: m.period.label,
          start: m.period.start,
          end: m.period.end,
        }),
      ),
      adHocStreet: report.adHoc.street,
      adHocCommunity: report.adHoc.community,
    });
  }
}

/** An organisation node the caller may see, as GraphQL shows it; null otherwise. */
function orgNode(ctx: GatewayContext, code: string): OrgNode | null {
  if (!seesNode(ctx, code)) return null;
  const { tree, node } = authoriseNode(ctx, 'org.read', code);
  return OrgNode.from(tree, node);
}
