import {
  assignGridWorkers,
  type Grid,
  type GridStaffingPlan,
  type GridWorker,
  type JointMeetingKind,
  parseLocalDate,
  type StaffingRules,
} from '@jiceng/domain';
import { type JointMeetingRecord, RegisterWriteRepository } from '@jiceng/persistence';
import { authoriseNode, requireAction } from '../../auth/authorise.js';
import { badInput, GatewayError, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { authoriseLevel, DEFAULT_PROFILE, gridRulesOf } from '../grid/access.js';
import { TEXT } from '../inputs.js';
import { checkKey, digestOf, type KeyedCommand, keyedWrite, type WriteAnswer } from './writes.js';

/**
 * Grid writes of the registers' write API (issue #16) that rest on the grid rules: applying a
 * community's staffing plan, and recording a joint meeting 联席会议. The policy's `grid.write` is
 * asked once, on the community or the street.
 */

/** The version of a community's staffing: what the plan rests on (grids, serving workers, rules). */
export function staffingVersion(
  community: string,
  grids: readonly Pick<Grid, 'code' | 'households'>[],
  workers: readonly Pick<GridWorker, 'id' | 'isPartyMember'>[],
  rules: StaffingRules,
): string {
  return digestOf({
    community,
    grids: grids.map((g) => [g.code, g.households]),
    workers: workers.map((w) => [w.id, w.isPartyMember]),
    rules: [rules.workersPerGrid, rules.maxGridsPerWorker, rules.requirePartyMemberPerTeam],
  }).slice(0, 16);
}

export interface ApplyStaffingCommand extends KeyedCommand {
  readonly community: string;
  /** The `version` the preview showed: anything changed since (a grid, a worker, the rules) is CONFLICT. */
  readonly expectedVersion: string;
  readonly profileId?: string | null | undefined;
}

/** A staffing plan as applied. */
export interface StaffingApplied {
  readonly community: string;
  readonly version: string;
  readonly plan: GridStaffingPlan;
}

/**
 * Writes the staffing plan `staffingPreview` showed: every grid of the community gets the team the
 * domain's `assignGridWorkers` gives, in one transaction. Refused with CONFLICT when the grids,
 * the serving workers or the rules changed since the preview (`expectedVersion`); a plan the rules
 * cannot meet is BAD_USER_INPUT with the domain's issues. Applying it again changes nothing.
 *
 * @example
 * const preview = await staffingPreview(ctx, { community: 'c1' });
 * await applyStaffingPlan(ctx, { idempotencyKey: 'k', community: 'c1', expectedVersion: preview.version });
 */
export async function applyStaffingPlan(
  ctx: UseCaseContext,
  command: ApplyStaffingCommand,
): Promise<WriteAnswer<StaffingApplied>> {
  const check = checkKey(command);
  check.text(command.expectedVersion, ['expectedVersion'], TEXT.code);
  check.check();
  const community = authoriseLevel(ctx, 'grid.write', command.community, 'community');
  const rules = gridRulesOf(ctx, command.profileId ?? DEFAULT_PROFILE).grid;
  const plan = async (session: Parameters<Parameters<RegisterWriteRepository['read']>[0]>[0]) => {
    const grids: Grid[] = (await session.gridsOf(community)).map((g) => ({ ...g, communityCode: community }));
    const workers: GridWorker[] = (await session.servingWorkersOf(community)).map((w) => ({
      id: w.code,
      homeCommunityCode: w.homeCommunity,
      isPartyMember: w.isPartyMember,
    }));
    const version = staffingVersion(community, grids, workers, rules);
    const assigned = assignGridWorkers({ grids, workers }, rules);
    return { version, assigned };
  };
  const written = await keyedWrite(
    ctx,
    { operation: 'applyStaffingPlan', subject: community, command },
    async (session): Promise<StaffingApplied> => {
      const { version, assigned } = await plan(session);
      if (version !== command.expectedVersion.trim()) {
        throw new GatewayError('CONFLICT', {
          zh: `社区 ${community} 的网格或网格员在预览后已有变动（版本 ${version}），请重新预览`,
          en: `the grids or grid workers of community ${community} changed since the preview (now version ${version}); preview again`,
        });
      }
      if (!assigned.ok) throw badInput(assigned.issues);
      await session.storeTeams(assigned.value.teams.map((t) => ({ grid: t.gridCode, workers: t.workerIds })));
      return { community, version, plan: assigned.value };
    },
  );
  if (!written.replayed) return { replayed: false, value: written.value };
  const now = await persist(() => new RegisterWriteRepository(ctx.em).read(plan));
  if (!now.assigned.ok) throw badInput(now.assigned.issues);
  return { replayed: true, value: { community, version: now.version, plan: now.assigned.value } };
}

export interface RecordJointMeetingCommand extends KeyedCommand {
  /** The street or community that held it. */
  readonly org: string;
  /** YYYY-MM-DD, not after today. */
  readonly heldOn: string;
  /** Default `regular`. */
  readonly kind?: JointMeetingKind | null | undefined;
  readonly topics: readonly string[];
  readonly attendees: readonly string[];
  /** The meeting's id (default: made from the idempotency key); a taken id is CONFLICT. */
  readonly id?: string | null | undefined;
}

const MAX_ITEMS = 100;

/**
 * Records a joint meeting 联席会议 of a street (quarterly by the reference profile) or a community
 * (monthly), with its attendees and topics; `missingJointMeetings` counts it from then on. Street
 * and community administrators within their scope (a community's meeting: its community's).
 *
 * @example
 * await recordJointMeeting(ctx, { idempotencyKey: 'k', org: 'c1', heldOn: '2026-11-20', topics: ['电动车充电'], attendees: ['社区党委', '物业'] });
 */
export async function recordJointMeeting(
  ctx: UseCaseContext,
  command: RecordJointMeetingCommand,
): Promise<WriteAnswer<JointMeetingRecord>> {
  const check = checkKey(command);
  const id = check.text(command.id, ['id'], TEXT.code);
  const heldOn = parseLocalDate(command.heldOn, ['heldOn']);
  if (!heldOn.ok) check.add(...heldOn.issues);
  else if (heldOn.value > today(ctx)) {
    check.add({
      code: 'REGISTER_DATE_IN_FUTURE',
      path: ['heldOn'],
      message: {
        zh: `会议日期 ${heldOn.value} 晚于今天，只能记录已召开的会议`,
        en: `the meeting day ${heldOn.value} is after today: only meetings held can be recorded`,
      },
    });
  }
  const list = (
    values: readonly string[],
    field: 'topics' | 'attendees',
    what: { zh: string; en: string },
  ) => {
    const out = values.flatMap((v, i) => check.text(v, [field, i], TEXT.line) ?? []);
    if (out.length === 0 || values.length > MAX_ITEMS) {
      check.add({
        code: 'REGISTER_LIST_SIZE',
        path: [field],
        message: {
          zh: `${what.zh}须填写 1 到 ${MAX_ITEMS} 项`,
          en: `give 1 to ${MAX_ITEMS} ${what.en}`,
        },
      });
    }
    return out;
  };
  const topics = list(command.topics, 'topics', { zh: '议题', en: 'topics' });
  const attendees = list(command.attendees, 'attendees', { zh: '参会单位或人员', en: 'attendees' });
  check.check();
  requireAction(ctx, 'grid.write');
  const { tree, node } = authoriseNode(ctx, 'grid.write', command.org);
  if (tree.kind !== 'administrative' || (node.level !== 'street' && node.level !== 'community')) {
    throw badInput([
      {
        code: 'REGISTER_WRONG_LEVEL',
        path: ['org'],
        message: {
          zh: `组织 ${command.org} 不是街道或社区：联席会议由街道或社区召开`,
          en: `organisation ${command.org} is not a street or community: joint meetings are held by either`,
        },
      },
    ]);
  }
  const meeting: JointMeetingRecord = {
    // Made from the key when not given, so that a retry names the same meeting.
    id: id ?? `JM-${digestOf(command.idempotencyKey.trim()).slice(0, 20)}`,
    level: node.level,
    orgCode: node.code,
    heldOn: heldOn.ok ? heldOn.value : '',
    kind: command.kind ?? 'regular',
    ...(topics[0] === undefined ? {} : { topic: topics[0] }),
    topics,
    attendees,
  };
  const written = await keyedWrite(
    ctx,
    { operation: 'recordJointMeeting', subject: node.code, command },
    async (session) => {
      if ((await session.jointMeeting(meeting.id)) !== undefined) {
        throw new GatewayError('CONFLICT', {
          zh: `会议编号 ${meeting.id} 已被占用`,
          en: `meeting id ${meeting.id} is already taken`,
        });
      }
      await session.recordJointMeeting(meeting);
      return meeting;
    },
  );
  if (!written.replayed) return { replayed: false, value: written.value };
  const stored = await persist(() =>
    new RegisterWriteRepository(ctx.em).read((s) => s.jointMeeting(meeting.id)),
  );
  return { replayed: true, value: stored ?? meeting };
}
