import { assignGridWorkers, findMissingJointMeetings, type RequestLocation, subtree } from '@jiceng/domain';
import { GridRepository } from '@jiceng/persistence';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { allows, authorise, authoriseNode, requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { badInput, persist } from '../../kernel/errors.js';
import { connectionOf, PageArgs, paginate } from '../common.js';
import { OrgNode, seesNode } from '../org.js';
import {
  authoriseLevel,
  canSeeGrid,
  gridResource,
  gridText,
  inAdministrativeTree,
  nowInstant,
  profileOf,
  scopeOf,
  today,
} from './access.js';
import { locationOf } from './inputs.js';
import { gridLoaders } from './loaders.js';
import {
  Grid,
  GridBuilding,
  GridLevelStatistics,
  GridRoutePreview,
  GridRouteStatusEnum,
  GridWorkerType,
  JointMeetingCheckReport,
  MissingJointMeeting,
  PartitionMethodEnum,
  PartitionPlanType,
  PartyGroupShortfall,
  ResidentRequestLocationInput,
  StaffingPreview,
} from './types.js';

const GridConnection = connectionOf('Grid', Grid);
const GridBuildingConnection = connectionOf('GridBuilding', GridBuilding);

const DEFAULT_PROFILE = 'reference';

/** Grids, their buildings and teams, routing, partition, staffing, party groups and joint meetings. */
@Resolver(() => Grid)
export class GridResolver {
  @Query(() => GridConnection, { description: 'The grids of a community within your scope, in line order.' })
  async grids(
    @Ctx() ctx: GatewayContext,
    @Arg('community') community: string,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    const code = authoriseLevel(ctx, 'grid.read', community, 'community');
    const grids = await new GridRepository(ctx.em).gridsOfCommunities([code]);
    return paginate(
      grids
        .filter((g) => canSeeGrid(ctx, { gridCode: g.code, communityCode: g.communityCode }))
        .map(Grid.from),
      page,
    );
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
    requireAction(ctx, 'grid.read');
    const where: RequestLocation = locationOf(location);
    const route = await new GridRepository(ctx.em).route(where);
    const preview = Object.assign(new GridRoutePreview(), {
      status: route.status as GridRouteStatusEnum,
      gridCode: null,
      communityCode: null,
      streetCode: null,
      nearestGridCode: null,
    });
    switch (route.status) {
      case 'inside':
        if (!canSeeGrid(ctx, route))
          return Object.assign(preview, { status: GridRouteStatusEnum.outside_scope });
        return Object.assign(preview, {
          gridCode: route.gridCode,
          communityCode: route.communityCode,
          streetCode: route.streetCode,
        });
      case 'outside':
        return Object.assign(preview, {
          nearestGridCode:
            route.nearestGridCode !== null &&
            allows(ctx, 'grid.read', { kind: 'node', code: route.nearestGridCode })
              ? route.nearestGridCode
              : null,
        });
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
    const code = authoriseLevel(ctx, 'grid.partition', community, 'community');
    const rules = profileOf(ctx, profileId ?? DEFAULT_PROFILE).grid;
    const plan = await persist(() =>
      new GridRepository(ctx.em).previewPartition(code, rules, method ? { method } : {}),
    );
    return PartitionPlanType.from(code, plan.partition, plan.version, false);
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
    const code = authoriseLevel(ctx, 'grid.partition', community, 'community');
    const rules = profileOf(ctx, profileId ?? DEFAULT_PROFILE).grid;
    const plan = await persist(() =>
      new GridRepository(ctx.em).applyPartition(code, rules, {
        at: nowInstant(ctx),
        ...(method ? { method } : {}),
        ...(expectedVersion === null || expectedVersion === undefined ? {} : { expectedVersion }),
      }),
    );
    await ctx.services.reloadOrgTrees();
    return PartitionPlanType.from(code, plan.partition, plan.version, true);
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
    const code = authoriseLevel(ctx, 'grid.read', community, 'community');
    const rules = profileOf(ctx, profileId ?? DEFAULT_PROFILE).grid;
    const repo = new GridRepository(ctx.em);
    const grids = await repo.gridsOfCommunities([code]);
    const workers = await repo.workersOfCommunities([code]);
    const plan = assignGridWorkers({ grids, workers }, rules);
    return plan.ok ? StaffingPreview.from(code, plan.value) : StaffingPreview.refused(code, plan.issues);
  }

  @Query(() => [PartyGroupShortfall], {
    description: 'Grids under a node (default: your scope) whose party group has too few members to form.',
  })
  async partyGroupShortfalls(
    @Ctx() ctx: GatewayContext,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<PartyGroupShortfall[]> {
    const where = scopeOf(ctx, 'grid.read', scope ?? ctx.principal.scope);
    const minimum = profileOf(ctx, profileId ?? DEFAULT_PROFILE).grid.partyGroupMinMembers;
    const sizes = await new GridRepository(ctx.em).partyGroupSizes(where);
    return sizes
      .filter((s) => s.members < minimum && canSeeGrid(ctx, s))
      .map((s) =>
        Object.assign(new PartyGroupShortfall(), {
          gridCode: s.gridCode,
          communityCode: s.communityCode,
          members: s.members,
          minimum,
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
    const { tree, node } = authoriseNode(ctx, 'grid.read', scope ?? ctx.principal.scope);
    const nodes =
      tree.kind === 'administrative'
        ? subtree(tree, node.code).filter((n) => allows(ctx, 'grid.read', { kind: 'node', code: n.code }))
        : [];
    const streetCodes = nodes.filter((n) => n.level === 'street').map((n) => n.code);
    const communityCodes = nodes.filter((n) => n.level === 'community').map((n) => n.code);
    const until = to ?? today(ctx);
    const rules = profileOf(ctx, profileId ?? DEFAULT_PROFILE).grid;
    const meetings = await new GridRepository(ctx.em).jointMeetings(
      [...streetCodes, ...communityCodes],
      from,
      until,
    );
    const report = findMissingJointMeetings(
      { streetCodes, communityCodes, meetings, from, to: until },
      rules,
    );
    if (!report.ok) throw badInput(report.issues);
    return Object.assign(new JointMeetingCheckReport(), {
      from,
      to: until,
      held: report.value.checks.filter((c) => c.status === 'held').length,
      missing: report.value.missing.map((m) =>
        Object.assign(new MissingJointMeeting(), {
          level: m.level,
          orgCode: m.orgCode,
          period: m.period.label,
          start: m.period.start,
          end: m.period.end,
        }),
      ),
      adHocStreet: report.value.adHoc.street,
      adHocCommunity: report.value.adHoc.community,
    });
  }
}

/** An organisation node the caller may see, as GraphQL shows it; null otherwise. */
function orgNode(ctx: GatewayContext, code: string): OrgNode | null {
  if (!seesNode(ctx, code)) return null;
  const { tree, node } = authoriseNode(ctx, 'org.read', code);
  return OrgNode.from(tree, node);
}
