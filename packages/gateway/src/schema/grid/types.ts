import {
  ESCALATION_LEVEL_LABELS,
  type EscalationLevel,
  GRID_TREE_LEVEL_LABELS,
  type GridStaffingPlan,
  type GridTreeLevel,
  type Issue,
  type LevelStatistics,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type Repartition,
  type RequestEvent,
  type RequestSla,
  type RequestStatistics,
  type RequestStatus,
  type RequestType,
  type RuleProfile,
} from '@jiceng/domain';
import type {
  LevelCounts,
  StoredBuilding,
  StoredGrid,
  StoredRequest,
  StoredWorker,
} from '@jiceng/persistence';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf, keysOf, LocalizedText } from '../common.js';

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

@ObjectType({ description: 'How many requests of one type.' })
export class ResidentRequestTypeCount {
  @Field(() => ResidentRequestTypeEnum)
  type!: RequestType;

  @Field(() => LocalizedText)
  name!: LocalizedText;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'How many requests in one status.' })
export class ResidentRequestStatusCount {
  @Field(() => ResidentRequestStatusEnum)
  status!: RequestStatus;

  @Field(() => LocalizedText)
  name!: LocalizedText;

  @Field(() => Int)
  count!: number;
}

function typeCounts(byType: Readonly<Record<RequestType, number>>, rules: RuleProfile['grid']) {
  return REQUEST_TYPES.map((t) =>
    Object.assign(new ResidentRequestTypeCount(), {
      type: t as RequestType,
      name: LocalizedText.from(rules.requests[t].name),
      count: byType[t],
    }),
  );
}

function statusCounts(byStatus: Readonly<Record<RequestStatus, number>>) {
  return REQUEST_STATUSES.map((s) =>
    Object.assign(new ResidentRequestStatusCount(), {
      status: s as RequestStatus,
      name: LocalizedText.from(REQUEST_STATUS_LABELS[s]),
      count: byStatus[s],
    }),
  );
}

@ObjectType({ description: 'Hours from report to resolution of the resolved and closed requests.' })
export class ResolutionTimes {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true })
  medianHours!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile, linear interpolation between ranks.' })
  p90Hours!: number | null;
}

@ObjectType({ description: 'Resident requests counted at one level.' })
export class ResidentRequestStatistics {
  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Reported, assigned or in progress.' })
  open!: number;

  @Field(() => Int, { description: 'Open and past the end of the due day.' })
  overdue!: number;

  @Field(() => Int, { description: 'Resolved after the due day.' })
  resolvedLate!: number;

  @Field(() => Int, { description: 'Escalated above the grid at least once.' })
  escalated!: number;

  @Field(() => [ResidentRequestTypeCount])
  byType!: ResidentRequestTypeCount[];

  @Field(() => [ResidentRequestStatusCount])
  byStatus!: ResidentRequestStatusCount[];

  @Field(() => ResolutionTimes)
  timeToResolve!: ResolutionTimes;

  static from(s: RequestStatistics, rules: RuleProfile['grid']): ResidentRequestStatistics {
    return Object.assign(new ResidentRequestStatistics(), {
      total: s.total,
      open: s.open,
      overdue: s.overdue,
      resolvedLate: s.resolvedLate,
      escalated: s.escalated,
      byType: typeCounts(s.byType, rules),
      byStatus: statusCounts(s.byStatus),
      timeToResolve: Object.assign(new ResolutionTimes(), s.timeToResolve),
    });
  }
}

@ObjectType({ description: 'Grid management figures of a street, community or grid.' })
export class GridLevelStatistics {
  @Field(() => GridLevelEnum)
  level!: GridTreeLevel;

  @Field(() => LocalizedText)
  levelName!: LocalizedText;

  @Field()
  code!: string;

  @Field({ description: 'The moment the figures are for (overdue is counted at it).' })
  asOf!: string;

  @Field(() => Int)
  grids!: number;

  @Field(() => Int)
  households!: number;

  @Field(() => Int, { description: 'Distinct grid workers serving the grids here.' })
  workers!: number;

  @Field(() => Int)
  partyMembers!: number;

  @Field(() => Int, {
    description: 'Street committee, community organisations and grid party groups with enough members.',
  })
  partyOrganisations!: number;

  // `requests` is resolved on demand (GridLevelStatisticsResolver): it reads every request.

  static from(s: LevelCounts, asOf: string): GridLevelStatistics {
    return Object.assign(new GridLevelStatistics(), {
      level: s.level as GridTreeLevel,
      levelName: LocalizedText.from(GRID_TREE_LEVEL_LABELS[s.level]),
      code: s.code,
      asOf,
      grids: s.grids,
      households: s.households,
      workers: s.workers,
      partyMembers: s.partyMembers,
      partyOrganisations: s.partyOrganisations,
    });
  }
}

@ObjectType({ description: 'Resident requests counted, for the public: counts only.' })
export class PublicRequestCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  open!: number;

  @Field(() => Int)
  overdue!: number;

  @Field(() => Int)
  resolvedLate!: number;

  @Field(() => Int)
  escalated!: number;

  @Field(() => [ResidentRequestTypeCount])
  byType!: ResidentRequestTypeCount[];

  @Field(() => [ResidentRequestStatusCount])
  byStatus!: ResidentRequestStatusCount[];
}

@ObjectType({
  description:
    'Aggregate figures anyone may read without a token: counts only — no names, no addresses, no request details.',
})
export class PublicGridStatistics {
  @Field()
  code!: string;

  @Field(() => GridLevelEnum)
  level!: GridTreeLevel;

  @Field()
  asOf!: string;

  @Field(() => Int)
  grids!: number;

  @Field(() => Int)
  households!: number;

  @Field(() => Int)
  workers!: number;

  @Field(() => Int)
  partyMembers!: number;

  @Field(() => Int)
  partyOrganisations!: number;

  @Field(() => PublicRequestCounts)
  requests!: PublicRequestCounts;

  static from(s: LevelStatistics, asOf: string, rules: RuleProfile['grid']): PublicGridStatistics {
    const r = s.requests;
    return Object.assign(new PublicGridStatistics(), {
      code: s.code,
      level: s.level as GridTreeLevel,
      asOf,
      grids: s.grids,
      households: s.households,
      workers: s.workers,
      partyMembers: s.partyMembers,
      partyOrganisations: s.partyOrganisations,
      requests: Object.assign(new PublicRequestCounts(), {
        total: r.total,
        open: r.open,
        overdue: r.overdue,
        resolvedLate: r.resolvedLate,
        escalated: r.escalated,
        byType: typeCounts(r.byType, rules),
        byStatus: statusCounts(r.byStatus),
      }),
    });
  }
}

/** The levels grid statistics exist for. */
export function isGridLevel(level: string): level is GridTreeLevel {
  return level === 'street' || level === 'community' || level === 'grid';
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

@ObjectType({ description: 'Where a request is about.' })
export class ResidentRequestLocation {
  @Field({ description: 'address, point or grid' })
  kind!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => [Float], { nullable: true, description: '[x, y]' })
  point!: number[] | null;

  @Field(() => String, { nullable: true })
  gridCode!: string | null;
}

@ObjectType({ description: 'One step of a request’s audit trail.' })
export class ResidentRequestEvent {
  @Field(() => Int)
  seq!: number;

  @Field()
  at!: string;

  @Field(() => ResidentRequestActionEnum)
  action!: ResidentRequestActionEnum;

  @Field()
  actorId!: string;

  @Field(() => ResidentRequestActorRoleEnum)
  actorRole!: ResidentRequestActorRoleEnum;

  @Field(() => ResidentRequestStatusEnum, { nullable: true })
  from!: RequestStatus | null;

  @Field(() => ResidentRequestStatusEnum)
  to!: RequestStatus;

  @Field(() => EscalationLevelEnum)
  level!: EscalationLevel;

  @Field(() => String, { nullable: true })
  assigneeId!: string | null;

  @Field(() => String, { nullable: true })
  duplicateOf!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  static from(e: RequestEvent): ResidentRequestEvent {
    return Object.assign(new ResidentRequestEvent(), {
      seq: e.seq,
      at: e.at,
      action: e.action as ResidentRequestActionEnum,
      actorId: e.actor.id,
      actorRole: e.actor.role as ResidentRequestActorRoleEnum,
      from: e.from as RequestStatus | null,
      to: e.to as RequestStatus,
      level: e.level as EscalationLevel,
      assigneeId: e.assigneeId ?? null,
      duplicateOf: e.duplicateOf ?? null,
      note: e.note ?? null,
    });
  }
}

@ObjectType({ description: 'Where a request stands against its deadline now.' })
export class ResidentRequestSla {
  @Field()
  dueDate!: string;

  @Field()
  overdue!: boolean;

  @Field(() => Int)
  overdueWorkingDays!: number;

  @Field(() => EscalationLevelEnum, { description: 'The level it should be at now.' })
  level!: EscalationLevel;

  @Field(() => String, { nullable: true })
  nextEscalationOn!: string | null;

  @Field({
    description:
      'Some of these figures lean on a year the working-day calendar does not list yet: they are counted by the weekend rule and will be recounted when the State Council schedule for that year is imported.',
  })
  provisional!: boolean;

  static from(s: RequestSla): ResidentRequestSla {
    return Object.assign(new ResidentRequestSla(), {
      dueDate: s.dueDate,
      overdue: s.overdue,
      overdueWorkingDays: s.overdueWorkingDays,
      level: s.level as EscalationLevel,
      nextEscalationOn: s.nextEscalationOn,
      provisional: s.provisional,
    });
  }
}

@ObjectType({
  description:
    'The reporter’s contact details: masked unless your role may see full personal data within its scope (each full read is logged).',
})
export class ResidentRequestReporter {
  /** The request, for the access log. */
  requestId!: string;
  rawName!: string | null;
  rawPhone!: string | null;
  /** Whether the caller may read the full values. */
  full!: boolean;

  @Field({ description: 'False when you see full values (and each read is logged).' })
  masked!: boolean;
}

@ObjectType({ description: 'A resident request 民情直通车 and where it stands.' })
export class ResidentRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => ResidentRequestTypeEnum)
  type!: RequestType;

  @Field(() => ResidentRequestStatusEnum)
  status!: RequestStatus;

  @Field(() => LocalizedText)
  statusName!: LocalizedText;

  @Field(() => EscalationLevelEnum, { description: 'The level recorded by the last step or sweep.' })
  level!: EscalationLevel;

  @Field(() => LocalizedText)
  levelName!: LocalizedText;

  @Field()
  gridCode!: string;

  @Field()
  communityCode!: string;

  @Field()
  streetCode!: string;

  @Field()
  summary!: string;

  @Field(() => ResidentRequestLocation)
  location!: ResidentRequestLocation;

  @Field()
  reportedAt!: string;

  /** The stored due date; the `dueDate` field resolver recounts a provisional one. */
  dueDate!: string;

  @Field(() => String, { nullable: true })
  assigneeId!: string | null;

  @Field(() => String, { nullable: true })
  resolvedAt!: string | null;

  @Field(() => String, { nullable: true })
  closedAt!: string | null;

  @Field(() => String, { nullable: true })
  duplicateOf!: string | null;

  @Field(() => Int, { description: 'Pass it back as expectedVersion to refuse a stale step.' })
  version!: number;

  @Field(() => Int)
  eventCount!: number;

  stored!: StoredRequest;

  static from(stored: StoredRequest): ResidentRequest {
    const r = stored.request;
    const loc = r.location;
    return Object.assign(new ResidentRequest(), {
      id: r.id,
      type: r.type as RequestType,
      status: r.status as RequestStatus,
      statusName: LocalizedText.from(REQUEST_STATUS_LABELS[r.status]),
      level: r.level as EscalationLevel,
      levelName: LocalizedText.from(ESCALATION_LEVEL_LABELS[r.level as EscalationLevel]),
      gridCode: r.gridCode,
      communityCode: r.communityCode,
      streetCode: r.streetCode,
      summary: r.summary,
      location: Object.assign(new ResidentRequestLocation(), {
        kind: loc.kind,
        address: loc.kind === 'address' ? loc.address : null,
        point: loc.kind === 'point' ? [loc.point[0], loc.point[1]] : null,
        gridCode: loc.kind === 'grid' ? loc.gridCode : null,
      }),
      reportedAt: r.reportedAt,
      dueDate: r.dueDate,
      assigneeId: r.assigneeId,
      resolvedAt: r.resolvedAt,
      closedAt: r.closedAt,
      duplicateOf: r.duplicateOf,
      version: stored.version,
      eventCount: stored.eventCount,
      stored,
    });
  }
}

@InputType({ description: 'A point: longitude and latitude (or planar coordinates used consistently).' })
export class GridPointInput {
  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;
}

@InputType({ description: 'Where a request is about: exactly one of address, point or grid.' })
export class ResidentRequestLocationInput {
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => GridPointInput, { nullable: true })
  point?: GridPointInput | null;

  @Field(() => String, { nullable: true, description: 'A grid code, chosen by a dispatcher.' })
  grid?: string | null;
}

@InputType({ description: 'A resident request as staff report it (residents’ requests come through staff).' })
export class ReportResidentRequestInput {
  @Field(() => String, {
    nullable: true,
    description: 'Your own id for the request (letters, digits, - and _), so a retry cannot report it twice.',
  })
  id?: string | null;

  @Field(() => ResidentRequestTypeEnum)
  type!: RequestType;

  @Field(() => ResidentRequestLocationInput)
  location!: ResidentRequestLocationInput;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'The resident’s name (personal data, shown masked).' })
  reporterName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The resident’s mobile number (personal data, shown masked).',
  })
  reporterPhone?: string | null;

  @Field(() => String, { nullable: true, description: 'The county rule profile (default: reference).' })
  profileId?: string | null;
}

@InputType({ description: 'Which requests to list.' })
export class ResidentRequestFilter {
  @Field(() => [ResidentRequestTypeEnum], { nullable: true })
  types?: RequestType[] | null;

  @Field(() => [ResidentRequestStatusEnum], { nullable: true })
  statuses?: RequestStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only open requests past their due day.' })
  overdue?: boolean | null;
}

@ObjectType({ description: 'What an escalation sweep did.' })
export class EscalationSweepResult {
  @Field({ description: 'The moment swept to.' })
  asOf!: string;

  @Field(() => Int, {
    description:
      'Open requests past their due day, and requests with a provisional due date, that were looked at.',
  })
  examined!: number;

  @Field(() => [String], { description: 'Requests that climbed at least one level.' })
  escalated!: string[];

  @Field(() => [String], {
    description: 'Requests whose provisional due date was recounted on the calendar in force.',
  })
  recounted!: string[];

  @Field(() => [String], {
    description: 'Requests changed by someone else meanwhile (their next step escalates them).',
  })
  skipped!: string[];
}

@ObjectType({ description: 'Where a location falls.' })
export class GridRoutePreview {
  @Field(() => GridRouteStatusEnum)
  status!: GridRouteStatusEnum;

  @Field(() => String, { nullable: true })
  gridCode!: string | null;

  @Field(() => String, { nullable: true })
  communityCode!: string | null;

  @Field(() => String, { nullable: true })
  streetCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Outside every grid: the nearest one, when you may see it.',
  })
  nearestGridCode!: string | null;
}

@ObjectType({ description: 'One grid of a partition plan.' })
export class PartitionGridPlan {
  @Field()
  code!: string;

  @Field(() => [String])
  buildingIds!: string[];

  @Field(() => Int)
  households!: number;
}

@ObjectType({ description: 'How evenly households are spread over the grids.' })
export class PartitionImbalance {
  @Field(() => Int)
  min!: number;

  @Field(() => Int)
  target!: number;

  @Field(() => Int)
  max!: number;

  @Field(() => Int)
  grids!: number;

  @Field(() => Int)
  households!: number;

  @Field(() => Float)
  mean!: number;

  @Field(() => Int)
  smallest!: number;

  @Field(() => Int)
  largest!: number;

  @Field(() => Float)
  standardDeviation!: number;

  @Field(() => Float)
  maxDeviation!: number;

  @Field(() => Float)
  maxDeviationShare!: number;

  @Field(() => [String])
  underMin!: string[];

  @Field(() => [String])
  overMax!: string[];
}

@ObjectType({ description: 'A building that changes grid.' })
export class BuildingMove {
  @Field()
  buildingId!: string;

  @Field(() => String, { nullable: true, description: 'Null for a building that had no grid.' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'Null for a building no longer registered.' })
  to!: string | null;
}

@ObjectType({ description: 'A re-partition of a community, previewed or applied.' })
export class PartitionPlanType {
  @Field()
  communityCode!: string;

  @Field()
  method!: string;

  @Field(() => Int, { description: 'The community’s partition version: pass it to applyPartition.' })
  version!: number;

  @Field({ description: 'True once stored.' })
  applied!: boolean;

  @Field(() => [PartitionGridPlan])
  grids!: PartitionGridPlan[];

  @Field(() => PartitionImbalance)
  imbalance!: PartitionImbalance;

  @Field(() => [GridIssue])
  findings!: GridIssue[];

  @Field(() => [BuildingMove], { description: 'Buildings that change grid, are added or are removed.' })
  moves!: BuildingMove[];

  @Field(() => [String])
  createdGrids!: string[];

  @Field(() => [String])
  dissolvedGrids!: string[];

  static from(communityCode: string, p: Repartition, version: number, applied: boolean): PartitionPlanType {
    return Object.assign(new PartitionPlanType(), {
      communityCode,
      method: p.method,
      version,
      applied,
      grids: p.grids.map((g) =>
        Object.assign(new PartitionGridPlan(), {
          code: g.code,
          buildingIds: [...g.buildingIds],
          households: g.households,
        }),
      ),
      imbalance: Object.assign(new PartitionImbalance(), {
        ...p.imbalance,
        underMin: [...p.imbalance.underMin],
        overMax: [...p.imbalance.overMax],
      }),
      findings: p.findings.map(GridIssue.from),
      moves: [
        ...p.moves.map((m) => ({ buildingId: m.buildingId, from: m.from, to: m.to })),
        ...p.added.map((m) => ({ buildingId: m.buildingId, from: null, to: m.to })),
        ...p.removed.map((m) => ({ buildingId: m.buildingId, from: m.from, to: null })),
      ].map((m) => Object.assign(new BuildingMove(), m)),
      createdGrids: [...p.createdGrids],
      dissolvedGrids: [...p.dissolvedGrids],
    });
  }
}

@ObjectType({ description: 'One grid’s team in a staffing plan.' })
export class GridTeamPlan {
  @Field()
  gridCode!: string;

  @Field(() => Int)
  households!: number;

  @Field(() => [String])
  workerIds!: string[];

  @Field(() => Float)
  householdsPerWorker!: number;

  @Field(() => Int)
  partyMembers!: number;
}

@ObjectType({ description: 'Households per assigned worker.' })
export class StaffingBalance {
  @Field(() => Float)
  min!: number;

  @Field(() => Float)
  max!: number;

  @Field(() => Float)
  mean!: number;

  @Field(() => Float)
  spread!: number;
}

@ObjectType({
  description: 'Grid workers assigned to a community’s grids by the profile’s rules (not stored).',
})
export class StaffingPreview {
  @Field()
  communityCode!: string;

  @Field({ description: 'False when the rules cannot all be met; the issues say where and why.' })
  feasible!: boolean;

  @Field(() => [GridTeamPlan])
  teams!: GridTeamPlan[];

  @Field(() => [String])
  idleWorkers!: string[];

  @Field(() => StaffingBalance, { nullable: true })
  balance!: StaffingBalance | null;

  @Field(() => [GridIssue])
  issues!: GridIssue[];

  static from(communityCode: string, plan: GridStaffingPlan): StaffingPreview {
    return Object.assign(new StaffingPreview(), {
      communityCode,
      feasible: true,
      teams: plan.teams.map((t) =>
        Object.assign(new GridTeamPlan(), {
          gridCode: t.gridCode,
          households: t.households,
          workerIds: [...t.workerIds],
          householdsPerWorker: t.householdsPerWorker,
          partyMembers: t.partyMembers,
        }),
      ),
      idleWorkers: [...plan.idleWorkers],
      balance: Object.assign(new StaffingBalance(), plan.balance),
      issues: [],
    });
  }

  static refused(communityCode: string, issues: readonly Issue[]): StaffingPreview {
    return Object.assign(new StaffingPreview(), {
      communityCode,
      feasible: false,
      teams: [],
      idleWorkers: [],
      balance: null,
      issues: issues.map(GridIssue.from),
    });
  }
}

@ObjectType({ description: 'A grid whose party group has fewer members than the profile needs to form one.' })
export class PartyGroupShortfall {
  @Field()
  gridCode!: string;

  @Field()
  communityCode!: string;

  @Field(() => Int)
  members!: number;

  @Field(() => Int)
  minimum!: number;
}

@ObjectType({ description: 'A period that ended without a regular joint meeting.' })
export class MissingJointMeeting {
  @Field({ description: 'street or community' })
  level!: string;

  @Field()
  orgCode!: string;

  @Field({ description: '2026-03, 2026-Q1, 2026-H1 or 2026' })
  period!: string;

  @Field()
  start!: string;

  @Field()
  end!: string;
}

@ObjectType({ description: 'Joint meetings 联席会议 checked against the profile’s cadence.' })
export class JointMeetingCheckReport {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => Int, { description: 'Periods with a regular meeting.' })
  held!: number;

  @Field(() => [MissingJointMeeting])
  missing!: MissingJointMeeting[];

  @Field(() => Int)
  adHocStreet!: number;

  @Field(() => Int)
  adHocCommunity!: number;
}
