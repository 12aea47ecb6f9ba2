import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { applyStaffingPlan, recordJointMeeting } from '../../application/registers/grid.js';
import type { GatewayContext } from '../../kernel/context.js';
import { StaffingPreview } from '../grid/plan-types.js';

/** The registers' write API for a community's staffing and for joint meetings 联席会议 (issue #16). */

@ObjectType({ description: 'A staffing plan as written.' })
export class StaffingPlanApplied {
  @Field(() => StaffingPreview, { description: 'The plan, as `staffingPreview` showed it.' })
  plan!: StaffingPreview;

  @Field({
    description: 'True when the idempotency key was used before with the same command: nothing was written.',
  })
  replayed!: boolean;
}

@ObjectType({ description: 'A joint meeting 联席会议 as recorded.' })
export class JointMeetingRecorded {
  @Field()
  id!: string;

  @Field({ description: '`street` or `community`.' })
  level!: string;

  @Field({ description: 'The street or community that held it.' })
  orgCode!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  heldOn!: string;

  @Field({ description: '`regular` (counts for the cadence) or `ad_hoc` (遇有重大问题随时召开).' })
  kind!: string;

  @Field(() => [String])
  topics!: string[];

  @Field(() => [String])
  attendees!: string[];

  @Field()
  replayed!: boolean;
}

const KEY = {
  description:
    'Your idempotency key for this write: sent again with the same arguments, nothing is written twice; with others, CONFLICT.',
};

@Resolver()
export class GridWriteResolver {
  @Mutation(() => StaffingPlanApplied, {
    description:
      'Writes the staffing plan 网格员配置 `staffingPreview` showed: every grid of the community gets its team. CONFLICT when the grids, serving workers or rules changed since (`expectedVersion`). Community administrators and above.',
  })
  async applyStaffingPlan(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('community') community: string,
    @Arg('expectedVersion', { description: 'The preview’s `version`.' }) expectedVersion: string,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<StaffingPlanApplied> {
    const answer = await applyStaffingPlan(ctx, { idempotencyKey, community, expectedVersion, profileId });
    return Object.assign(new StaffingPlanApplied(), {
      plan: StaffingPreview.from(answer.value.community, answer.value.plan, answer.value.version),
      replayed: answer.replayed,
    });
  }

  @Mutation(() => JointMeetingRecorded, {
    description:
      'Records a joint meeting 联席会议 held by a street or community, with its attendees and topics; `missingJointMeetings` counts it. Street and community administrators within their scope.',
  })
  async recordJointMeeting(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('org', { description: 'The street or community code.' }) org: string,
    @Arg('heldOn', { description: 'YYYY-MM-DD, not after today.' }) heldOn: string,
    @Arg('topics', () => [String]) topics: string[],
    @Arg('attendees', () => [String], { description: 'Member units or people, as the minutes name them.' })
    attendees: string[],
    @Arg('adHoc', () => Boolean, {
      nullable: true,
      description: 'An ad hoc meeting on a major problem: counted apart, not for the cadence.',
    })
    adHoc?: boolean | null,
    @Arg('id', () => String, { nullable: true, description: 'Default: made from the idempotency key.' })
    id?: string | null,
  ): Promise<JointMeetingRecorded> {
    const answer = await recordJointMeeting(ctx, {
      idempotencyKey,
      org,
      heldOn,
      topics,
      attendees,
      kind: adHoc === true ? 'ad_hoc' : 'regular',
      id,
    });
    const m = answer.value;
    return Object.assign(new JointMeetingRecorded(), {
      id: m.id,
      level: m.level,
      orgCode: m.orgCode,
      heldOn: m.heldOn,
      kind: m.kind,
      topics: [...m.topics],
      attendees: [...m.attendees],
      replayed: answer.replayed,
    });
  }
}
