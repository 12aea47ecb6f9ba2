import {
  ESCALATION_LEVEL_LABELS,
  type EscalationLevel,
  REQUEST_STATUS_LABELS,
  type RequestEvent,
  type RequestSla,
  type RequestStatus,
  type RequestType,
} from '@jiceng/domain';
import type { StoredRequest } from '@jiceng/persistence';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import {
  EscalationLevelEnum,
  GridRouteStatusEnum,
  ResidentRequestActionEnum,
  ResidentRequestActorRoleEnum,
  ResidentRequestStatusEnum,
  ResidentRequestTypeEnum,
} from './types.js';

/**
 * GraphQL types of resident requests 民情直通车: a request with its location, trail, deadline and
 * reporter, the inputs that report and filter them, where a location routes to, and what an
 * escalation sweep did.
 */

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
  rawEmail!: string | null;
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

  @Field(() => String, {
    nullable: true,
    description: 'A link to a photo or video of the matter, as the reporter gave it (http or https).',
  })
  mediaUrl!: string | null;

  @Field({ description: 'When the last step was taken: the report, a step or an escalation.' })
  updatedAt!: string;

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
      mediaUrl: stored.mediaUrl,
      updatedAt: stored.updatedAt,
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

  @Field(() => String, {
    nullable: true,
    description: 'The resident’s e-mail address (personal data, stored sealed, shown masked).',
  })
  reporterEmail?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A link to a photo or video of the matter: http or https, at most 2,000 characters.',
  })
  mediaUrl?: string | null;

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
