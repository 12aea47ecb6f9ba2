import type { RegisterUnit, RegisterUnitMember } from '@jiceng/domain';
import {
  Arg,
  Ctx,
  Field,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import {
  listStationedUnits,
  listUnitMembers,
  retireStationedUnit,
  retireUnitMember,
  saveStationedUnit,
  saveUnitMember,
} from '../../application/onboarding/units.js';
import type { GatewayContext } from '../../kernel/context.js';

export enum StationedUnitKindEnum {
  institution = 'institution',
  non_public_and_social = 'non_public_and_social',
  village = 'village',
}
registerEnumType(StationedUnitKindEnum, {
  name: 'StationedUnitKind',
  description:
    'Institution 机关事业单位, non-public enterprise or social organisation 非公企业和社会组织, or village 村.',
});

export enum SaveOutcomeEnum {
  added = 'added',
  updated = 'updated',
  unchanged = 'unchanged',
}
registerEnumType(SaveOutcomeEnum, {
  name: 'SaveOutcome',
  description: 'Whether a save added the record, changed the stored one of its key, or found it the same.',
});

@ObjectType('StationedUnit', {
  description:
    'A unit stationed in the area 驻区单位, registered at a community under dual registration 双报到.',
})
class StationedUnitView {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => StationedUnitKindEnum) kind!: StationedUnitKindEnum;
  @Field({ description: 'The community its party organisation registers at.' }) community!: string;
  @Field({ description: 'Its own party organisation: its in-service members’ branch.' }) branch!: string;

  static from(u: RegisterUnit): StationedUnitView {
    return Object.assign(new StationedUnitView(), { ...u, kind: u.kind as StationedUnitKindEnum });
  }
}

@ObjectType('UnitMember', {
  description: 'An in-service member registered by their stationed unit 在职党员报到.',
})
class UnitMemberView {
  @Field({ description: 'The member code.' }) member!: string;
  @Field({ description: 'The unit code.' }) unit!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The residential community the member registers at; null: the unit’s.',
  })
  community!: string | null;

  static from(r: RegisterUnitMember): UnitMemberView {
    return Object.assign(new UnitMemberView(), r);
  }
}

@ObjectType('StationedUnitSaved')
class StationedUnitSavedView {
  @Field(() => StationedUnitView) unit!: StationedUnitView;
  @Field(() => SaveOutcomeEnum) outcome!: SaveOutcomeEnum;
}

@ObjectType('UnitMemberSaved')
class UnitMemberSavedView {
  @Field(() => UnitMemberView) registration!: UnitMemberView;
  @Field(() => SaveOutcomeEnum) outcome!: SaveOutcomeEnum;
}

@InputType('StationedUnitInput')
class StationedUnitInput {
  @Field({ description: 'The unit’s code: its natural key.' }) code!: string;
  @Field() name!: string;
  @Field(() => StationedUnitKindEnum) kind!: StationedUnitKindEnum;
  @Field({ description: 'Code of the community (or village) it registers at.' }) community!: string;
  @Field({ description: 'Code of its own party organisation in the party tree.' }) branch!: string;
}

/** Stationed units and their registered members, one record at a time (`application/onboarding/units`). */
@Resolver()
export class StationedUnitResolver {
  @Query(() => [StationedUnitView], {
    description:
      'Stationed units registered at a community (`org.read` on it), or at every community within your scope.',
  })
  async stationedUnits(
    @Ctx() ctx: GatewayContext,
    @Arg('community', () => String, { nullable: true }) community?: string | null,
  ): Promise<StationedUnitView[]> {
    return (await listStationedUnits(ctx, { community: community ?? null })).map(StationedUnitView.from);
  }

  @Query(() => [UnitMemberView], {
    description: 'The in-service members registered with a unit (`org.read` on its community).',
  })
  async unitMembers(@Ctx() ctx: GatewayContext, @Arg('unit') unit: string): Promise<UnitMemberView[]> {
    return (await listUnitMembers(ctx, unit)).map(UnitMemberView.from);
  }

  @Mutation(() => StationedUnitSavedView, {
    description:
      'Adds a stationed unit or changes the stored one of its code (`cobuilding.write` on its community, and on the one it leaves); the same unit again is `unchanged`.',
  })
  async saveStationedUnit(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => StationedUnitInput) input: StationedUnitInput,
  ): Promise<StationedUnitSavedView> {
    const saved = await saveStationedUnit(ctx, input);
    return Object.assign(new StationedUnitSavedView(), {
      unit: StationedUnitView.from(saved.unit),
      outcome: saved.outcome as SaveOutcomeEnum,
    });
  }

  @Mutation(() => StationedUnitView, {
    description:
      'Removes a stationed unit (`cobuilding.write` on its community); CONFLICT while members are registered with it.',
  })
  async retireStationedUnit(
    @Ctx() ctx: GatewayContext,
    @Arg('code') code: string,
  ): Promise<StationedUnitView> {
    return StationedUnitView.from(await retireStationedUnit(ctx, code));
  }

  @Mutation(() => UnitMemberSavedView, {
    description:
      'Registers an in-service member with their unit, or moves the registration (`cobuilding.write` on the unit’s community); the member must be in the unit’s party organisation.',
  })
  async saveUnitMember(
    @Ctx() ctx: GatewayContext,
    @Arg('member') member: string,
    @Arg('unit') unit: string,
    @Arg('community', () => String, { nullable: true }) community?: string | null,
  ): Promise<UnitMemberSavedView> {
    const saved = await saveUnitMember(ctx, { member, unit, community: community ?? null });
    return Object.assign(new UnitMemberSavedView(), {
      registration: UnitMemberView.from(saved.registration),
      outcome: saved.outcome as SaveOutcomeEnum,
    });
  }

  @Mutation(() => UnitMemberView, {
    description: 'Ends a member’s registration with their unit (`cobuilding.write` on the unit’s community).',
  })
  async retireUnitMember(@Ctx() ctx: GatewayContext, @Arg('member') member: string): Promise<UnitMemberView> {
    return UnitMemberView.from(await retireUnitMember(ctx, member));
  }
}
