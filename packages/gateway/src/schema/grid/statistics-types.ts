import {
  GRID_TREE_LEVEL_LABELS,
  type GridTreeLevel,
  type LevelStatistics,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type RequestStatistics,
  type RequestStatus,
  type RequestType,
  type RuleProfile,
} from '@jiceng/domain';
import type { LevelCounts } from '@jiceng/persistence';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { GridLevelEnum, ResidentRequestStatusEnum, ResidentRequestTypeEnum } from './types.js';

/**
 * GraphQL types of grid figures: requests counted by type and status, the figures of a street,
 * community or grid (in full, and the counts anyone may read), party groups too small to form, and
 * joint meetings checked against the profile's cadence.
 */

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
