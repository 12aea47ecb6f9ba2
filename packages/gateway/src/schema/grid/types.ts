import {
  ESCALATION_LEVEL_LABELS,
  GRID_TREE_LEVEL_LABELS,
  type Issue,
  REQUEST_STATUSES,
  REQUEST_TYPES,
} from '@jiceng/domain';
import type { StoredBuilding, StoredGrid, StoredWorker } from '@jiceng/persistence';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf, keysOf, LocalizedText } from '../common.js';

/**
 * GraphQL types of grid management: the enums, the grid and what it holds, and the stable issue. Every
 * type maps domain data (or a repository's stored view of it) through a `static from`, never an ORM
 * row; edges to other nodes are field resolvers that check the caller's scope. Requests are in
 * `request-types.ts`, figures in `statistics-types.ts`, partition and staffing plans in
 * `plan-types.ts`.
 */

/**
 * GraphQL types of grid management. Every type maps domain data (or a repository's stored view of
 * it) through a `static from`, never an ORM row; edges to other nodes are field resolvers that
 * check the caller's scope.
 */

export const ResidentRequestTypeEnum = enumOf(REQUEST_TYPES);
registerEnumType(ResidentRequestTypeEnum, {
  name: 'ResidentRequestType',
  description: 'dispute 矛盾纠纷, safety hazard 安全隐患, service request 便民服务.',
});

export const ResidentRequestStatusEnum = enumOf(REQUEST_STATUSES);
registerEnumType(ResidentRequestStatusEnum, { name: 'ResidentRequestStatus' });

export const EscalationLevelEnum = enumOf(keysOf(ESCALATION_LEVEL_LABELS));
registerEnumType(EscalationLevelEnum, {
  name: 'EscalationLevel',
  description: 'Who is answerable for a request: the grid, then the community, then the street.',
});

export enum ResidentRequestActionEnum {
  report = 'report',
  assign = 'assign',
  start = 'start',
  resolve = 'resolve',
  reopen = 'reopen',
  close = 'close',
  reject = 'reject',
  mark_duplicate = 'mark_duplicate',
  escalate = 'escalate',
}
registerEnumType(ResidentRequestActionEnum, { name: 'ResidentRequestAction' });

export enum ResidentRequestActorRoleEnum {
  resident = 'resident',
  grid_worker = 'grid_worker',
  community = 'community',
  street = 'street',
  system = 'system',
}
registerEnumType(ResidentRequestActorRoleEnum, {
  name: 'ResidentRequestActorRole',
  description:
    'The role the domain recorded for a step (see docs/grids.md, "Over GraphQL", for the mapping).',
});

export const GridLevelEnum = enumOf(keysOf(GRID_TREE_LEVEL_LABELS));
registerEnumType(GridLevelEnum, {
  name: 'GridLevel',
  description: 'street 街道, community 社区, grid 网格.',
});

export enum PartitionMethodEnum {
  auto = 'auto',
  address_order = 'address_order',
  spatial = 'spatial',
}
registerEnumType(PartitionMethodEnum, {
  name: 'PartitionMethod',
  description: 'auto: spatial when every building has coordinates; address_order; spatial (Hilbert curve).',
});

export enum GridRouteStatusEnum {
  inside = 'inside',
  outside = 'outside',
  unknown_address = 'unknown_address',
  unknown_grid = 'unknown_grid',
  outside_scope = 'outside_scope',
}
registerEnumType(GridRouteStatusEnum, {
  name: 'GridRouteStatus',
  description:
    'inside a grid; outside every grid (the nearest named when you may see it); an address in no grid’s book; an unknown grid; or inside a grid outside your scope.',
});

@ObjectType({ description: 'A rule problem or finding, with its stable code.' })
export class GridIssue {
  @Field()
  code!: string;

  @Field(() => [String])
  path!: string[];

  @Field(() => LocalizedText)
  message!: LocalizedText;

  static from(issue: Issue): GridIssue {
    return Object.assign(new GridIssue(), {
      code: issue.code,
      path: issue.path.map(String),
      message: LocalizedText.from(issue.message),
    });
  }
}

@ObjectType({ description: 'A grid 网格: a run of whole buildings in one community.' })
export class Grid {
  @Field(() => ID)
  code!: string;

  @Field()
  name!: string;

  @Field()
  communityCode!: string;

  @Field()
  streetCode!: string;

  @Field(() => Int)
  households!: number;

  @Field(() => [[[Float]]], {
    nullable: true,
    description:
      'GeoJSON polygon coordinates (rings of [x, y]); null until drawn for a grid a re-partition made.',
  })
  outline!: number[][][] | null;

  @Field({ description: 'Dissolved by a re-partition; its code is never given out again.' })
  retired!: boolean;

  static from(g: StoredGrid): Grid {
    return Object.assign(new Grid(), {
      code: g.code,
      name: g.name,
      communityCode: g.communityCode,
      streetCode: g.streetCode,
      households: g.households,
      outline: g.outline === null ? null : g.outline.map((ring) => ring.map((p) => [p[0], p[1]])),
      retired: g.retired,
    });
  }
}

@ObjectType({ description: 'A building 楼栋 of a grid.' })
export class GridBuilding {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  households!: number;

  @Field(() => Float)
  addressOrder!: number;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => [Float], { nullable: true, description: '[x, y]: longitude and latitude.' })
  location!: number[] | null;

  static from(b: StoredBuilding): GridBuilding {
    return Object.assign(new GridBuilding(), {
      id: b.id,
      households: b.households,
      addressOrder: b.addressOrder,
      address: b.address,
      location: b.location === undefined ? null : [b.location[0], b.location[1]],
    });
  }
}

@ObjectType({ description: 'A grid worker 网格员.' })
export class GridWorkerType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  homeCommunityCode!: string;

  @Field()
  isPartyMember!: boolean;

  static from(w: StoredWorker): GridWorkerType {
    return Object.assign(new GridWorkerType(), {
      id: w.id,
      name: w.name,
      homeCommunityCode: w.homeCommunityCode,
      isPartyMember: w.isPartyMember,
    });
  }
}
