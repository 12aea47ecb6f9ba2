import type {
  EscalationLevel,
  JointMeetingKind,
  JointMeetingLevel,
  PartitionMethod,
  PolygonCoordinates,
  RequestAction,
  RequestLocation,
  RequestRole,
  RequestStatus,
  RequestType,
} from '@jiceng/domain';
import { EntitySchema } from '@mikro-orm/core';

/**
 * The tables of grid management 网格化管理. The administrative and party trees stay in `org_node`
 * (OrgRepository): these tables reference their nodes by code — street, community, grid — and
 * never by a foreign key, so each area can be loaded and replaced on its own. Party members are
 * one table for every area, `points_member` (see `PointsMemberRow`): where the grid side places a
 * member (street, community, grid, building) is columns of that row, not a table of its own.
 *
 * Times are the domain's instants as written (ISO-8601 with an offset) plus, where the database
 * sorts or aggregates by them, a number (epoch milliseconds, hours); days are `YYYY-MM-DD`.
 */

/** A grid 网格 of a community. A grid dissolved by a re-partition is kept, retired, so its code is never reused. */
export interface GridRow {
  code: string;
  communityCode: string;
  streetCode: string;
  name: string;
  households: number;
  /** GeoJSON polygon coordinates; null for a grid a re-partition created until someone draws it. */
  outline: PolygonCoordinates | null;
  /** Bounding box of the outline, so routing by coordinates asks the database for candidates only. */
  minX: number | null;
  minY: number | null;
  maxX: number | null;
  maxY: number | null;
  /** Order of grids in their community (line order of the partition). */
  position: number;
  retired: boolean;
}

export const GridSchema = new EntitySchema<GridRow>({
  name: 'GridRow',
  tableName: 'grid',
  properties: {
    code: { type: 'string', primary: true, length: 64 },
    communityCode: { type: 'string', length: 64 },
    streetCode: { type: 'string', length: 64 },
    name: { type: 'string', length: 200 },
    households: { type: 'integer' },
    outline: { type: 'json', nullable: true },
    minX: { type: 'double', runtimeType: 'number', nullable: true },
    minY: { type: 'double', runtimeType: 'number', nullable: true },
    maxX: { type: 'double', runtimeType: 'number', nullable: true },
    maxY: { type: 'double', runtimeType: 'number', nullable: true },
    position: { type: 'integer' },
    retired: { type: 'boolean', default: false },
  },
  indexes: [
    { name: 'grid_community_idx', properties: ['communityCode', 'position'] },
    { name: 'grid_street_idx', properties: ['streetCode'] },
    { name: 'grid_bbox_idx', properties: ['minX', 'maxX'] },
  ],
});

/** A building 楼栋 with its households: the unit a partition keeps whole. */
export interface GridBuildingRow {
  id: string;
  communityCode: string;
  /** The grid it belongs to; null until a partition places it. */
  gridCode: string | null;
  households: number;
  addressOrder: number;
  address: string | null;
  /** The address normalised as the domain's address book does (`normalizeAddress`), for routing. */
  addressKey: string | null;
  x: number | null;
  y: number | null;
}

export const GridBuildingSchema = new EntitySchema<GridBuildingRow>({
  name: 'GridBuildingRow',
  tableName: 'grid_building',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    communityCode: { type: 'string', length: 64 },
    gridCode: { type: 'string', length: 64, nullable: true },
    households: { type: 'integer' },
    addressOrder: { type: 'double', runtimeType: 'number' },
    address: { type: 'string', length: 200, nullable: true },
    addressKey: { type: 'string', length: 200, nullable: true },
    x: { type: 'double', runtimeType: 'number', nullable: true },
    y: { type: 'double', runtimeType: 'number', nullable: true },
  },
  indexes: [
    { name: 'grid_building_community_idx', properties: ['communityCode', 'addressOrder'] },
    { name: 'grid_building_grid_idx', properties: ['gridCode'] },
    { name: 'grid_building_address_idx', properties: ['addressKey'] },
  ],
});

/** A grid worker 网格员. */
export interface GridWorkerRow {
  id: string;
  name: string;
  homeCommunityCode: string;
  isPartyMember: boolean;
  /** The worker's party member record (owned by the points area), by id. */
  partyMemberId: string | null;
  /**
   * The day the worker left (null: serving). A retired worker is in no team, is not staffed and
   * cannot be assigned requests; the row stays, since request trails name them.
   */
  retiredOn?: string | null;
}

export const GridWorkerSchema = new EntitySchema<GridWorkerRow>({
  name: 'GridWorkerRow',
  tableName: 'grid_worker',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    name: { type: 'string', length: 200 },
    homeCommunityCode: { type: 'string', length: 64 },
    isPartyMember: { type: 'boolean' },
    partyMemberId: { type: 'string', length: 64, nullable: true },
    retiredOn: { type: 'string', length: 10, nullable: true },
  },
  indexes: [{ name: 'grid_worker_community_idx', properties: ['homeCommunityCode'] }],
});

/** One worker in one grid's team. */
export interface GridTeamMemberRow {
  gridCode: string;
  workerId: string;
  position: number;
}

export const GridTeamMemberSchema = new EntitySchema<GridTeamMemberRow>({
  name: 'GridTeamMemberRow',
  tableName: 'grid_team_member',
  properties: {
    gridCode: { type: 'string', primary: true, length: 64 },
    workerId: { type: 'string', primary: true, length: 64 },
    position: { type: 'integer' },
  },
  indexes: [{ name: 'grid_team_member_worker_idx', properties: ['workerId'] }],
});

/**
 * A community's partition: the version every re-partition of the community checks and raises,
 * so two administrators applying partitions at once cannot both win.
 */
export interface GridPartitionRow {
  communityCode: string;
  method: PartitionMethod;
  appliedAt: string | null;
  version: number;
}

export const GridPartitionSchema = new EntitySchema<GridPartitionRow>({
  name: 'GridPartitionRow',
  tableName: 'grid_partition',
  properties: {
    communityCode: { type: 'string', primary: true, length: 64 },
    method: { type: 'string', length: 16 },
    appliedAt: { type: 'string', length: 40, nullable: true },
    version: { type: 'integer', version: true },
  },
});

/**
 * A resident request 民情直通车 as a row: the columns the gateway filters and counts by are
 * scalars; the audit trail is the append-only `grid_request_event` table.
 */
export interface GridRequestRow {
  id: string;
  type: RequestType;
  status: RequestStatus;
  level: EscalationLevel;
  gridCode: string;
  communityCode: string;
  streetCode: string;
  location: RequestLocation;
  summary: string;
  reportedAt: string;
  /** `reportedAt` as epoch milliseconds: what lists sort by. */
  reportedMs: number;
  dueDate: string;
  /** The due date leans on a calendar year not listed yet; recounted when the year is added. */
  dueDateProvisional: boolean;
  assigneeId: string | null;
  resolvedAt: string | null;
  /** The local (China Standard Time) day of `resolvedAt`: resolved late when after `dueDate`. */
  resolvedOn: string | null;
  /** Hours from report to resolution, for the median and p90 time to resolve. */
  resolveHours: number | null;
  closedAt: string | null;
  duplicateOf: string | null;
  /** Escalate events in the trail; escalated at least once when above 0. */
  escalations: number;
  eventCount: number;
  /** The county rule profile its deadlines and escalation follow. */
  profileId: string;
  /** Personal data given by the reporter, kept apart from the trail and shown masked by default. */
  reporterName: string | null;
  /** The reporter's mobile number, sealed (`pd1:<key id>:…`, see `personalDataCodec`). */
  reporterPhone: string | null;
  /** The keyed hash of the reporter's mobile number, for exact lookups. */
  reporterPhoneHash: string | null;
  /** The reporter's e-mail address, sealed like the phone (Open311's `email`). */
  reporterEmail: string | null;
  /** The keyed hash of the reporter's e-mail address (lower case), for exact lookups. */
  reporterEmailHash: string | null;
  /** A link to a photo or video of the matter (Open311's `media_url`): http(s) only, checked by the domain. */
  mediaUrl: string | null;
  /**
   * The time of the last step in the trail (the report, a step, an escalation): Open311's
   * `updated_datetime`. Null only in a row written by a gateway older than the column (read as
   * the report time; the migration that added it filled it from the trail).
   */
  updatedAt: string | null;
  /** Optimistic lock: a stale write is refused instead of silently overwriting. */
  version: number;
}

export const GridRequestSchema = new EntitySchema<GridRequestRow>({
  name: 'GridRequestRow',
  tableName: 'grid_request',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    type: { type: 'string', length: 32 },
    status: { type: 'string', length: 16 },
    level: { type: 'string', length: 16 },
    gridCode: { type: 'string', length: 64 },
    communityCode: { type: 'string', length: 64 },
    streetCode: { type: 'string', length: 64 },
    location: { type: 'json' },
    summary: { type: 'text' },
    reportedAt: { type: 'string', length: 40 },
    reportedMs: { type: 'double', runtimeType: 'number' },
    dueDate: { type: 'string', length: 10 },
    dueDateProvisional: { type: 'boolean', default: false },
    assigneeId: { type: 'string', length: 64, nullable: true },
    resolvedAt: { type: 'string', length: 40, nullable: true },
    resolvedOn: { type: 'string', length: 10, nullable: true },
    resolveHours: { type: 'double', runtimeType: 'number', nullable: true },
    closedAt: { type: 'string', length: 40, nullable: true },
    duplicateOf: { type: 'string', length: 64, nullable: true },
    escalations: { type: 'integer' },
    eventCount: { type: 'integer' },
    profileId: { type: 'string', length: 64 },
    reporterName: { type: 'string', length: 100, nullable: true },
    reporterPhone: { type: 'string', length: 255, nullable: true },
    reporterPhoneHash: { type: 'string', length: 64, nullable: true },
    reporterEmail: { type: 'string', length: 2048, nullable: true },
    reporterEmailHash: { type: 'string', length: 64, nullable: true },
    mediaUrl: { type: 'string', length: 2000, nullable: true },
    updatedAt: { type: 'string', length: 40, nullable: true },
    version: { type: 'integer', version: true },
  },
  indexes: [
    { name: 'grid_request_street_idx', properties: ['streetCode', 'status', 'reportedMs'] },
    { name: 'grid_request_community_idx', properties: ['communityCode', 'status', 'reportedMs'] },
    { name: 'grid_request_grid_idx', properties: ['gridCode', 'status', 'reportedMs'] },
    { name: 'grid_request_due_idx', properties: ['status', 'dueDate'] },
    { name: 'grid_request_reporter_phone_hash_idx', properties: ['reporterPhoneHash'] },
  ],
});

/**
 * One step of a request's audit trail, numbered from 0 (the report). Append-only: written in the
 * same transaction as the request row that produced it; the repository has no path that updates
 * or deletes one.
 */
export interface GridRequestEventRow {
  requestId: string;
  seq: number;
  at: string;
  action: RequestAction;
  actorId: string;
  actorRole: RequestRole;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus;
  level: EscalationLevel;
  assigneeId: string | null;
  duplicateOf: string | null;
  note: string | null;
}

export const GridRequestEventSchema = new EntitySchema<GridRequestEventRow>({
  name: 'GridRequestEventRow',
  tableName: 'grid_request_event',
  properties: {
    requestId: { type: 'string', primary: true, length: 64 },
    seq: { type: 'integer', primary: true },
    at: { type: 'string', length: 40 },
    action: { type: 'string', length: 16 },
    actorId: { type: 'string', length: 64 },
    actorRole: { type: 'string', length: 16 },
    fromStatus: { type: 'string', length: 16, nullable: true },
    toStatus: { type: 'string', length: 16 },
    level: { type: 'string', length: 16 },
    assigneeId: { type: 'string', length: 64, nullable: true },
    duplicateOf: { type: 'string', length: 64, nullable: true },
    note: { type: 'text', nullable: true },
  },
});

/** A joint meeting 联席会议 of a street or community. */
export interface GridJointMeetingRow {
  id: string;
  level: JointMeetingLevel;
  orgCode: string;
  heldOn: string;
  kind: JointMeetingKind;
  /** The first of `topics`, as the check of missing meetings reads it. */
  topic: string | null;
  /** Every topic discussed, in order (null for meetings stored before they were kept). */
  topics?: string[] | null;
  /** Who attended: member units or people, as the minutes name them (null: not recorded). */
  attendees?: string[] | null;
}

export const GridJointMeetingSchema = new EntitySchema<GridJointMeetingRow>({
  name: 'GridJointMeetingRow',
  tableName: 'grid_joint_meeting',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    level: { type: 'string', length: 16 },
    orgCode: { type: 'string', length: 64 },
    heldOn: { type: 'string', length: 10 },
    kind: { type: 'string', length: 16 },
    topic: { type: 'string', length: 200, nullable: true },
    topics: { type: 'json', nullable: true },
    attendees: { type: 'json', nullable: true },
  },
  indexes: [{ name: 'grid_joint_meeting_org_idx', properties: ['orgCode', 'heldOn'] }],
});

/** Every grid table, for `database.ts` and scratch test databases. */
export const gridEntities = [
  GridSchema,
  GridBuildingSchema,
  GridWorkerSchema,
  GridTeamMemberSchema,
  GridPartitionSchema,
  GridRequestSchema,
  GridRequestEventSchema,
  GridJointMeetingSchema,
] as const;
