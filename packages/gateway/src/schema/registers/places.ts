import type { RegisterBuilding, RegisterTeam, RegisterWorker } from '@jiceng/domain';
import { Arg, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import {
  retireBuilding,
  retireGridWorker,
  setGridTeam,
  writeBuilding,
  writeWorker,
} from '../../application/registers/grid-registers.js';
import type { WriteAnswer } from '../../application/registers/writes.js';
import type { GatewayContext } from '../../kernel/context.js';

/** The registers' write API for buildings 楼栋, grid workers 网格员 and teams 网格团队 (issue #16). */

@InputType({ description: 'A building’s fields. Left out: kept as stored; null: cleared.' })
export class BuildingInput {
  @Field(() => String, { nullable: true, description: '所在社区 (required on create), code or name.' })
  community?: string | null;

  @Field(() => String, { nullable: true, description: '网格 inside the community.' })
  grid?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Int, { nullable: true, description: '户数 (required on create).' })
  households?: number | null;

  @Field(() => Float, { nullable: true })
  addressOrder?: number | null;

  @Field(() => Float, { nullable: true, description: 'Inside the box of the county’s grid outlines.' })
  longitude?: number | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;
}

@ObjectType({ description: 'A building as a write left it.' })
export class BuildingWritten {
  @Field()
  code!: string;

  @Field()
  community!: string;

  @Field(() => String, { nullable: true })
  grid!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => Int)
  households!: number;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field()
  replayed!: boolean;

  static from(a: WriteAnswer<RegisterBuilding>): BuildingWritten {
    const b = a.value;
    return Object.assign(new BuildingWritten(), {
      code: b.code,
      community: b.community,
      grid: b.grid,
      address: b.address,
      households: b.households,
      longitude: b.longitude,
      latitude: b.latitude,
      replayed: a.replayed,
    });
  }
}

@InputType({ description: 'A grid worker’s fields. Left out: kept as stored; null: cleared.' })
export class GridWorkerInput {
  @Field(() => String, { nullable: true, description: '姓名 (required on create).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '居住社区 (required on create).' })
  homeCommunity?: string | null;

  @Field(() => String, { nullable: true, description: '党员编号: their record in the members register.' })
  memberCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否党员.' })
  partyMember?: boolean | null;
}

@ObjectType({ description: 'A grid worker as a write left them.' })
export class GridWorkerWritten {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  homeCommunity!: string;

  @Field()
  isPartyMember!: boolean;

  @Field(() => String, { nullable: true })
  memberCode!: string | null;

  @Field()
  replayed!: boolean;

  static from(a: WriteAnswer<RegisterWorker>): GridWorkerWritten {
    return Object.assign(new GridWorkerWritten(), { ...a.value, replayed: a.replayed });
  }
}

@ObjectType({ description: 'A grid’s team as written.' })
export class GridTeamWritten {
  @Field()
  grid!: string;

  @Field(() => [String], { description: 'Worker codes, in team order.' })
  workers!: string[];

  @Field()
  replayed!: boolean;

  static from(a: WriteAnswer<RegisterTeam>): GridTeamWritten {
    return Object.assign(new GridTeamWritten(), {
      grid: a.value.grid,
      workers: [...a.value.workers],
      replayed: a.replayed,
    });
  }
}

@ObjectType({ description: 'A building retired.' })
export class BuildingRetired {
  @Field()
  code!: string;

  @Field()
  replayed!: boolean;
}

const KEY = {
  description:
    'Your idempotency key for this write: sent again with the same arguments, nothing is written twice; with others, CONFLICT.',
};
const WHO = 'County, street and community administrators, within their scope.';

@Resolver()
export class PlaceWriteResolver {
  @Mutation(() => BuildingWritten, { description: `Registers a building 楼栋. ${WHO}` })
  async createBuilding(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
    @Arg('input', () => BuildingInput) input: BuildingInput,
  ): Promise<BuildingWritten> {
    return BuildingWritten.from(
      await writeBuilding(ctx, { idempotencyKey, code, fields: { ...input } }, true),
    );
  }

  @Mutation(() => BuildingWritten, { description: `Changes a building. ${WHO}` })
  async updateBuilding(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
    @Arg('input', () => BuildingInput) input: BuildingInput,
  ): Promise<BuildingWritten> {
    return BuildingWritten.from(
      await writeBuilding(ctx, { idempotencyKey, code, fields: { ...input } }, false),
    );
  }

  @Mutation(() => BuildingRetired, {
    description: `Retires a building (its row goes); refused while a member lives in it. ${WHO}`,
  })
  async retireBuilding(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
  ): Promise<BuildingRetired> {
    const a = await retireBuilding(ctx, { idempotencyKey, code });
    return Object.assign(new BuildingRetired(), { code: a.value, replayed: a.replayed });
  }

  @Mutation(() => GridWorkerWritten, { description: `Registers a grid worker 网格员. ${WHO}` })
  async createGridWorker(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
    @Arg('input', () => GridWorkerInput) input: GridWorkerInput,
  ): Promise<GridWorkerWritten> {
    return GridWorkerWritten.from(
      await writeWorker(ctx, { idempotencyKey, code, fields: { ...input } }, true),
    );
  }

  @Mutation(() => GridWorkerWritten, { description: `Changes a grid worker. ${WHO}` })
  async updateGridWorker(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
    @Arg('input', () => GridWorkerInput) input: GridWorkerInput,
  ): Promise<GridWorkerWritten> {
    return GridWorkerWritten.from(
      await writeWorker(ctx, { idempotencyKey, code, fields: { ...input } }, false),
    );
  }

  @Mutation(() => GridWorkerWritten, {
    description: `Retires a grid worker today: they leave every team, staffing and assignment; the record stays. ${WHO}`,
  })
  async retireGridWorker(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('code') code: string,
  ): Promise<GridWorkerWritten> {
    return GridWorkerWritten.from(await retireGridWorker(ctx, { idempotencyKey, code }));
  }

  @Mutation(() => GridTeamWritten, {
    description: `Sets a grid’s team 网格团队: serving workers of its community, in order. ${WHO}`,
  })
  async setGridTeam(
    @Ctx() ctx: GatewayContext,
    @Arg('idempotencyKey', KEY) idempotencyKey: string,
    @Arg('grid') grid: string,
    @Arg('workers', () => [String]) workers: string[],
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<GridTeamWritten> {
    return GridTeamWritten.from(
      await setGridTeam(ctx, { idempotencyKey, grid, workers, profileId: profileId ?? null }),
    );
  }
}
