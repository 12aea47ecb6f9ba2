import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import {
  createPartyMember,
  type MemberWritten,
  movePartyMember,
  retirePartyMember,
  updatePartyMember,
} from '../../application/registers/members.js';
import type { WriteAnswer } from '../../application/registers/writes.js';
import type { GatewayContext } from '../../kernel/context.js';
import { PartyMemberView } from '../points/types.js';

/**
 * The registers' write API for party members 党员 (issue #16): thin doors onto the use cases of
 * `application/registers/members.ts`. A field left out keeps what is stored; `null` clears it.
 */

@InputType({ description: 'A member’s own fields. Left out: kept as stored; null: cleared.' })
export class PartyMemberFieldsInput {
  @Field(() => String, { nullable: true, description: '姓名 (required on create).' })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '类别: a category of the rule profile, by code or name (required on create).',
  })
  category?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '类别起始日期 YYYY-MM-DD: the day the category applies from (new member: default 1 January; change: today).',
  })
  categorySince?: string | null;

  @Field(() => String, { nullable: true, description: '工作单位 of an in-service member.' })
  workUnit?: string | null;

  @Field(() => String, { nullable: true, description: '手机号: a mainland mobile number.' })
  mobile?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '身份证号: 18 characters, the check digit verified.',
  })
  residentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '报到社区 (双报到): the community an in-service member reports to; null ends it.',
  })
  registeredCommunity?: string | null;
}

@InputType({ description: 'Where a member belongs and lives, by code or by a name only one node carries.' })
export class MemberPlaceInput {
  @Field(() => String, {
    nullable: true,
    description: '所在支部: a node of the party tree (required on create).',
  })
  branch?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '网格 lived in. With a grid or community given, the stored building goes unless given again.',
  })
  grid?: string | null;

  @Field(() => String, { nullable: true, description: '所在社区 (default: the grid’s).' })
  community?: string | null;

  @Field(() => String, { nullable: true, description: '楼栋: a building of that community and grid.' })
  building?: string | null;
}

@InputType({ description: 'A new party member: their own fields and their place.' })
export class NewPartyMemberInput extends PartyMemberFieldsInput {
  @Field(() => String, { nullable: true })
  branch?: string | null;

  @Field(() => String, { nullable: true })
  grid?: string | null;

  @Field(() => String, { nullable: true })
  community?: string | null;

  @Field(() => String, { nullable: true })
  building?: string | null;
}

@ObjectType({ description: 'A party member as a write of the registers left them.' })
export class PartyMemberWriteResult {
  @Field(() => PartyMemberView)
  member!: PartyMemberView;

  @Field({ description: '`added`, `updated`, `unchanged` or `retired`; `unchanged` for a replay.' })
  change!: string;

  @Field({
    description: 'True when the idempotency key was used before with the same command: nothing was written.',
  })
  replayed!: boolean;

  @Field(() => String, { nullable: true, description: 'The street the grid side places them under.' })
  street!: string | null;

  @Field(() => String, { nullable: true, description: 'The building they live in.' })
  building!: string | null;

  @Field(() => String, { nullable: true, description: 'The day they were retired from the register.' })
  retiredOn!: string | null;

  static from(answer: WriteAnswer<MemberWritten>): PartyMemberWriteResult {
    const out = new PartyMemberWriteResult();
    out.member = PartyMemberView.from(answer.value.member);
    out.change = answer.value.change;
    out.replayed = answer.replayed;
    out.street = answer.value.street;
    out.building = answer.value.building;
    out.retiredOn = answer.value.retiredOn;
    return out;
  }
}

const KEY = {
  description:
    'Your idempotency key for this write: sent again with the same arguments, nothing is written twice; with others, CONFLICT.',
};

@Resolver()
export class MemberWriteResolver {
  @Mutation(() => PartyMemberWriteResult, {
    description:
      'Registers a party member 登记党员, checked by the register import’s rules. County, street and community administrators, the member within their scope.',
  })
  async createPartyMember(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code', { description: '党员编号: the member’s unique code.' }) code: string,
    @Arg('input', () => NewPartyMemberInput) input: NewPartyMemberInput,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<PartyMemberWriteResult> {
    return PartyMemberWriteResult.from(
      await createPartyMember(ctx, { idempotencyKey, code, fields: { ...input }, profileId }),
    );
  }

  @Mutation(() => PartyMemberWriteResult, {
    description: 'Changes a member’s own fields 修改党员信息 (name, category, contacts, dual registration).',
  })
  async updatePartyMember(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
    @Arg('input', () => PartyMemberFieldsInput) input: PartyMemberFieldsInput,
  ): Promise<PartyMemberWriteResult> {
    return PartyMemberWriteResult.from(
      await updatePartyMember(ctx, { idempotencyKey, code, fields: { ...input } }),
    );
  }

  @Mutation(() => PartyMemberWriteResult, {
    description:
      'Moves a member 党员调动 to another branch, grid, community or building; both places within your scope.',
  })
  async movePartyMember(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
    @Arg('to', () => MemberPlaceInput) to: MemberPlaceInput,
  ): Promise<PartyMemberWriteResult> {
    return PartyMemberWriteResult.from(await movePartyMember(ctx, { idempotencyKey, code, to: { ...to } }));
  }

  @Mutation(() => PartyMemberWriteResult, {
    description:
      'Retires a member from the register 党员注销 on a day (default today): the record and the points ledger stay; they leave grid statistics at once and the rankings of that year on.',
  })
  async retirePartyMember(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
    @Arg('on', () => String, { nullable: true, description: 'YYYY-MM-DD, not after today.' })
    on?: string | null,
  ): Promise<PartyMemberWriteResult> {
    return PartyMemberWriteResult.from(await retirePartyMember(ctx, { idempotencyKey, code, on }));
  }
}
