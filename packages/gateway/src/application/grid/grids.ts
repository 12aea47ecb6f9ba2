import {
  assignGridWorkers,
  findMissingJointMeetings,
  type GridStaffingPlan,
  type Issue,
  type JointMeetingReport,
  type PartitionOptions,
  type RequestLocation,
  subtree,
} from '@jiceng/domain';
import {
  GridRepository,
  type GridRoute,
  type PartitionPlan,
  type PartyGroupSize,
  type StoredGrid,
} from '@jiceng/persistence';
import { allows, authoriseNode, requireAction } from '../../auth/authorise.js';
import { badInput, persist } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import { staffingVersion } from '../registers/grid.js';
import {
  authoriseLevel,
  canSeeGrid,
  DEFAULT_PROFILE,
  gridRulesOf,
  nowInstant,
  scopeOf,
  today,
} from './access.js';
import { type LocationCommand, locationOf } from './inputs.js';

/**
 * The use cases of grids 网格: what a community's grids are, where a location falls, re-partition
 * (preview and apply), staffing, party groups and joint meetings. Each asks the policy on the node
 * it is about before it reads or writes.
 */

/** The grids of a community within the caller's scope, in line order (BAD_USER_INPUT for another level). */
export async function gridsOfCommunity(ctx: UseCaseContext, community: string): Promise<StoredGrid[]> {
  const code = authoriseLevel(ctx, 'grid.read', community, 'community');
  const grids = await persist(() => new GridRepository(ctx.em).gridsOfCommunities([code]));
  return grids.filter((g) => canSeeGrid(ctx, { gridCode: g.code, communityCode: g.communityCode }));
}

/**
 * Where a location falls among the grids, told only as far as the caller may see: a grid outside
 * the scope is `outside_scope`, a nearest grid outside it is not named.
 */
export async function routeLocationFor(
  ctx: UseCaseContext,
  location: LocationCommand,
): Promise<GridRoute | { readonly status: 'outside_scope' }> {
  requireAction(ctx, 'grid.read');
  const where: RequestLocation = locationOf(location);
  const route = await persist(() => new GridRepository(ctx.em).route(where));
  switch (route.status) {
    case 'inside':
      return canSeeGrid(ctx, route) ? route : { status: 'outside_scope' };
    case 'outside':
      return {
        status: 'outside',
        nearestGridCode:
          route.nearestGridCode !== null &&
          allows(ctx, 'grid.read', { kind: 'node', code: route.nearestGridCode })
            ? route.nearestGridCode
            : null,
      };
    default:
      return route;
  }
}

/** A re-partition of a community: which, how, and under which profile's sizes. */
export interface PartitionCommand {
  readonly community: string;
  readonly method?: PartitionOptions['method'] | null | undefined;
  readonly profileId?: string | null | undefined;
}

/**
 * Re-partitions a community on paper (community administrators and above): its registered
 * buildings split by the profile's sizes, moving as few buildings as possible. Nothing is stored.
 */
export async function previewPartition(
  ctx: UseCaseContext,
  command: PartitionCommand,
): Promise<PartitionPlan> {
  const code = authoriseLevel(ctx, 'grid.partition', command.community, 'community');
  const rules = gridRulesOf(ctx, command.profileId ?? DEFAULT_PROFILE).grid;
  const { method } = command;
  return persist(() => new GridRepository(ctx.em).previewPartition(code, rules, method ? { method } : {}));
}

/**
 * Applies a re-partition of a community in one transaction (buildings, grids, party members and
 * the organisation trees), then reloads the trees the policy reads. Pass the version the preview
 * showed: a community re-partitioned since is CONFLICT.
 */
export async function applyPartition(
  ctx: UseCaseContext,
  command: PartitionCommand & { readonly expectedVersion?: number | null | undefined },
): Promise<PartitionPlan> {
  const code = authoriseLevel(ctx, 'grid.partition', command.community, 'community');
  const rules = gridRulesOf(ctx, command.profileId ?? DEFAULT_PROFILE).grid;
  const { method, expectedVersion } = command;
  const plan = await persist(() =>
    new GridRepository(ctx.em).applyPartition(code, rules, {
      at: nowInstant(ctx),
      ...(method ? { method } : {}),
      ...(expectedVersion === null || expectedVersion === undefined ? {} : { expectedVersion }),
    }),
  );
  await ctx.services.reloadOrgTrees();
  return plan;
}

/** A community's grid workers assigned to its grids by the profile's rules, or the domain's refusal. */
export type StaffingAnswer = (
  | { readonly ok: true; readonly community: string; readonly plan: GridStaffingPlan }
  | { readonly ok: false; readonly community: string; readonly issues: readonly Issue[] }
) & {
  /** What the plan rests on, for `applyStaffingPlan`: it changes when a grid, a worker or the rules do. */
  readonly version: string;
};

/**
 * Assigns a community's grid workers to its grids by the profile's rules (workers per grid, grids
 * per worker, a party member per team); nothing is stored.
 */
export async function staffingPreview(
  ctx: UseCaseContext,
  command: { readonly community: string; readonly profileId?: string | null | undefined },
): Promise<StaffingAnswer> {
  const code = authoriseLevel(ctx, 'grid.read', command.community, 'community');
  const rules = gridRulesOf(ctx, command.profileId ?? DEFAULT_PROFILE).grid;
  const repo = new GridRepository(ctx.em);
  const grids = await persist(() => repo.gridsOfCommunities([code]));
  const workers = await persist(() => repo.workersOfCommunities([code]));
  const plan = assignGridWorkers({ grids, workers }, rules);
  const version = staffingVersion(code, grids, workers, rules);
  return plan.ok
    ? { ok: true, community: code, plan: plan.value, version }
    : { ok: false, community: code, issues: plan.issues, version };
}

/** A grid whose party group has too few members to form. */
export interface PartyGroupShortfallOf extends PartyGroupSize {
  readonly minimum: number;
}

/** Grids under a node (default: the caller's scope) whose party group has too few members to form. */
export async function partyGroupShortfalls(
  ctx: UseCaseContext,
  command: { readonly scope?: string | null | undefined; readonly profileId?: string | null | undefined },
): Promise<PartyGroupShortfallOf[]> {
  const where = scopeOf(ctx, 'grid.read', command.scope ?? ctx.principal.scope);
  const minimum = gridRulesOf(ctx, command.profileId ?? DEFAULT_PROFILE).grid.partyGroupMinMembers;
  const sizes = await persist(() => new GridRepository(ctx.em).partyGroupSizes(where));
  return sizes.filter((s) => s.members < minimum && canSeeGrid(ctx, s)).map((s) => ({ ...s, minimum }));
}

/** A check of joint meetings 联席会议 over some days. */
export interface JointMeetingCheckCommand {
  /** YYYY-MM-DD. */
  readonly from: string;
  /** YYYY-MM-DD; default today. */
  readonly to?: string | null | undefined;
  readonly scope?: string | null | undefined;
  readonly profileId?: string | null | undefined;
}

/**
 * Periods in which a street or community under a node (default: the caller's scope) held no
 * regular joint meeting, by the profile's cadence.
 */
export async function missingJointMeetings(
  ctx: UseCaseContext,
  command: JointMeetingCheckCommand,
): Promise<{ readonly from: string; readonly to: string; readonly report: JointMeetingReport }> {
  const { tree, node } = authoriseNode(ctx, 'grid.read', command.scope ?? ctx.principal.scope);
  const nodes =
    tree.kind === 'administrative'
      ? subtree(tree, node.code).filter((n) => allows(ctx, 'grid.read', { kind: 'node', code: n.code }))
      : [];
  const streetCodes = nodes.filter((n) => n.level === 'street').map((n) => n.code);
  const communityCodes = nodes.filter((n) => n.level === 'community').map((n) => n.code);
  const { from } = command;
  const to = command.to ?? today(ctx);
  const rules = gridRulesOf(ctx, command.profileId ?? DEFAULT_PROFILE).grid;
  const meetings = await persist(() =>
    new GridRepository(ctx.em).jointMeetings([...streetCodes, ...communityCodes], from, to),
  );
  const report = findMissingJointMeetings({ streetCodes, communityCodes, meetings, from, to }, rules);
  if (!report.ok) throw badInput(report.issues);
  return { from, to, report: report.value };
}
