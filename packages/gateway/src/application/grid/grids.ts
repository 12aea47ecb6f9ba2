import {
  assignGridWorkers,
  findMissingJointMeetings,
  type GridStaffingPlan,
  type Issue,
  type JointMeetingReport,
  type PartitionOptions,
  type Repartition,
  type RequestLocation,
  repartitionCommunity,
  subtree,
} from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  GridRepository,
  type GridRoute,
  type PartyGroupSize,
  type StoredGrid,
  type StoredPartition,
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

/** A re-partition decided for a community, with the partition version it was decided on. */
export interface PartitionPlan {
  readonly communityCode: string;
  readonly partition: Repartition;
  /** The community's partition version: the one read for a preview, the new one once applied. */
  readonly version: number;
}

/**
 * Re-partitions a community on paper (community administrators and above): its registered
 * buildings split by the profile's sizes, moving as few buildings as possible. Nothing is stored.
 */
export async function previewPartition(
  ctx: UseCaseContext,
  command: PartitionCommand,
): Promise<PartitionPlan> {
  const { read, partition } = await decidePartition(ctx, command);
  return { communityCode: read.communityCode, partition, version: read.version };
}

/**
 * Applies a re-partition of a community: decided on the community as read (its buildings, their
 * grids, the retired codes), then stored in one transaction (buildings, grids, party members and
 * the organisation trees) only if none of that moved in between, and the trees the policy reads
 * are reloaded. A version the caller read (the preview's) that is no longer the stored one is a
 * CONFLICT before anything is decided; so is a community re-partitioned, or a building changed,
 * between the read and the write.
 */
export async function applyPartition(
  ctx: UseCaseContext,
  command: PartitionCommand & { readonly expectedVersion?: number | null | undefined },
): Promise<PartitionPlan> {
  const { expectedVersion } = command;
  const { read, partition } = await decidePartition(ctx, command, expectedVersion);
  const version = await persist(() =>
    new GridRepository(ctx.em).savePartition(partition, { decidedOn: read, at: nowInstant(ctx) }),
  );
  await ctx.services.reloadOrgTrees();
  return { communityCode: read.communityCode, partition, version };
}

/**
 * The policy on the community, the profile's sizes, the community as stored, and the domain's
 * re-partition of it (by the method asked, else the one it was last partitioned by, else `auto`).
 */
async function decidePartition(
  ctx: UseCaseContext,
  command: PartitionCommand,
  expectedVersion?: number | null,
): Promise<{ readonly read: StoredPartition; readonly partition: Repartition }> {
  const code = authoriseLevel(ctx, 'grid.partition', command.community, 'community');
  const rules = gridRulesOf(ctx, command.profileId ?? DEFAULT_PROFILE).grid;
  const read = await persist(() => new GridRepository(ctx.em).readPartition(code));
  return persist(async () => {
    if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== read.version) {
      throw new ConcurrentUpdateError(
        `the partition of community "${code}" is at version ${read.version}, not ${expectedVersion}`,
      );
    }
    const method = command.method ?? read.method ?? 'auto';
    const decided = repartitionCommunity(read.input, rules, { method });
    if (!decided.ok) throw badInput(decided.issues);
    return { read, partition: decided.value };
  });
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
