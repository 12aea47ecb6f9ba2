import {
  type Building,
  CHINA_STANDARD_TIME_OFFSET_MINUTES,
  epochMillis,
  type Instant,
  type JointMeeting,
  type LocalDate,
  localDateOf,
  normalizeAddress,
  type PolygonCoordinates,
  type RequestEvent,
  type ResidentRequest,
} from '@jiceng/domain';
import { openWhenRead, type PersonalDataCodec } from '../secrets/sealing.js';
import type {
  GridBuildingRow,
  GridJointMeetingRow,
  GridRequestEventRow,
  GridRequestRow,
  GridRow,
  GridWorkerRow,
} from './schemas.js';

/**
 * Rows ↔ domain data for grid management, shared by the repositories and the seeder. The domain
 * never sees a row; every value a rule reads comes back in the domain's own shape.
 */

/** A resident request without its audit trail: what lists show (the trail loads on demand). */
export type RequestSummary = Omit<ResidentRequest, 'events'>;

/** The reporter's own contact details, kept apart from the trail (personal data). */
export interface RequestContact {
  readonly name: string | null;
  readonly phone: string | null;
  /** Absent in callers written before e-mail was kept: read as none. */
  readonly email?: string | null | undefined;
}

/** A request as stored, with the version to pass back when changing it. */
export interface StoredRequest {
  readonly request: RequestSummary;
  /** The county rule profile its deadlines and escalation follow. */
  readonly profileId: string;
  readonly contact: RequestContact;
  /** A link to a photo or video of the matter, as the reporter gave it. */
  readonly mediaUrl: string | null;
  /** When the trail last moved: the report, a step or an escalation. */
  readonly updatedAt: Instant;
  /** Steps in the trail. */
  readonly eventCount: number;
  /** Escalations in the trail. */
  readonly escalations: number;
  readonly version: number;
}

/** A stored request with its whole trail, as the domain functions take it. */
export interface StoredRequestWithTrail extends StoredRequest {
  readonly full: ResidentRequest;
}

/** A grid as stored. */
export interface StoredGrid {
  readonly code: string;
  readonly communityCode: string;
  readonly streetCode: string;
  readonly name: string;
  readonly households: number;
  readonly outline: PolygonCoordinates | null;
  readonly position: number;
  readonly retired: boolean;
}

/** A building as stored: the domain's building with its community, grid and address. */
export interface StoredBuilding extends Building {
  readonly communityCode: string;
  readonly gridCode: string | null;
  readonly address: string | null;
}

/** A grid worker as stored. */
export interface StoredWorker {
  readonly id: string;
  readonly name: string;
  readonly homeCommunityCode: string;
  readonly isPartyMember: boolean;
  readonly partyMemberId: string | null;
  /** The day the worker left; absent while they serve. */
  readonly retiredOn?: string;
}

/**
 * The row of a new request. The reporter's phone is sealed with `codec` (required with a phone)
 * and hashed for lookups.
 */
export function requestRow(
  request: ResidentRequest,
  extra: {
    readonly profileId: string;
    readonly contact?: RequestContact | undefined;
    readonly mediaUrl?: string | null | undefined;
    readonly codec?: PersonalDataCodec | undefined;
  },
  utcOffsetMinutes: number = CHINA_STANDARD_TIME_OFFSET_MINUTES,
): GridRequestRow {
  const phone = extra.contact?.phone ?? null;
  const email = extra.contact?.email ?? null;
  if ((phone !== null || email !== null) && extra.codec === undefined)
    throw new TypeError('requestRow: a reporter phone or e-mail is stored sealed, and needs the codec');
  return {
    id: request.id,
    type: request.type,
    reportedAt: request.reportedAt,
    reportedMs: epochMillis(request.reportedAt),
    gridCode: request.gridCode,
    communityCode: request.communityCode,
    streetCode: request.streetCode,
    location: request.location,
    summary: request.summary,
    profileId: extra.profileId,
    reporterName: extra.contact?.name ?? null,
    reporterPhone:
      phone === null || extra.codec === undefined
        ? null
        : extra.codec.seal('grid_request.reporter_phone', request.id, phone),
    reporterPhoneHash:
      phone === null || extra.codec === undefined ? null : extra.codec.lookup('mobile', phone),
    reporterEmail:
      email === null || extra.codec === undefined
        ? null
        : extra.codec.seal('grid_request.reporter_email', request.id, email),
    reporterEmailHash:
      email === null || extra.codec === undefined ? null : extra.codec.lookup('email', email),
    mediaUrl: extra.mediaUrl ?? null,
    ...requestState(request, utcOffsetMinutes),
    version: 1,
  };
}

/** The columns of a request row that its steps change. */
export function requestState(
  request: ResidentRequest,
  utcOffsetMinutes: number = CHINA_STANDARD_TIME_OFFSET_MINUTES,
): Pick<
  GridRequestRow,
  | 'dueDate'
  | 'dueDateProvisional'
  | 'status'
  | 'level'
  | 'assigneeId'
  | 'resolvedAt'
  | 'resolvedOn'
  | 'resolveHours'
  | 'closedAt'
  | 'duplicateOf'
  | 'escalations'
  | 'eventCount'
  | 'updatedAt'
> {
  const { resolvedAt } = request;
  return {
    dueDate: request.dueDate,
    dueDateProvisional: request.dueDateProvisional,
    status: request.status,
    level: request.level,
    assigneeId: request.assigneeId,
    resolvedAt,
    resolvedOn: resolvedAt === null ? null : localDateOf(resolvedAt, utcOffsetMinutes),
    resolveHours:
      resolvedAt === null ? null : (epochMillis(resolvedAt) - epochMillis(request.reportedAt)) / 3_600_000,
    closedAt: request.closedAt,
    duplicateOf: request.duplicateOf,
    escalations: request.events.filter((e) => e.action === 'escalate').length,
    eventCount: request.events.length,
    updatedAt: request.events.at(-1)?.at ?? request.reportedAt,
  };
}

/** Trail rows of a request's events from `from` on. */
export function eventRows(request: ResidentRequest, from: number): GridRequestEventRow[] {
  return request.events.slice(from).map((e) => ({
    requestId: request.id,
    seq: e.seq,
    at: e.at,
    action: e.action,
    actorId: e.actor.id,
    actorRole: e.actor.role,
    fromStatus: e.from,
    toStatus: e.to,
    level: e.level,
    assigneeId: e.assigneeId ?? null,
    duplicateOf: e.duplicateOf ?? null,
    note: e.note ?? null,
  }));
}

export function toEvent(row: GridRequestEventRow): RequestEvent {
  return {
    seq: row.seq,
    at: row.at as Instant,
    action: row.action,
    actor: { id: row.actorId, role: row.actorRole },
    from: row.fromStatus,
    to: row.toStatus,
    level: row.level,
    ...(row.assigneeId === null ? {} : { assigneeId: row.assigneeId }),
    ...(row.duplicateOf === null ? {} : { duplicateOf: row.duplicateOf }),
    ...(row.note === null ? {} : { note: row.note }),
  };
}

/** A stored request; the reporter's phone and e-mail are opened when first read. */
export function toStoredRequest(row: GridRequestRow, codec: PersonalDataCodec): StoredRequest {
  const contact: { name: string | null; phone: string | null; email?: string | null } = {
    name: row.reporterName,
    phone: null,
  };
  openWhenRead(contact, 'phone', row.reporterPhone, codec, 'grid_request.reporter_phone', row.id);
  openWhenRead(contact, 'email', row.reporterEmail, codec, 'grid_request.reporter_email', row.id);
  return {
    request: {
      id: row.id,
      type: row.type,
      status: row.status,
      level: row.level,
      gridCode: row.gridCode,
      communityCode: row.communityCode,
      streetCode: row.streetCode,
      location: row.location,
      summary: row.summary,
      reportedAt: row.reportedAt as Instant,
      dueDate: row.dueDate as LocalDate,
      dueDateProvisional: Boolean(row.dueDateProvisional),
      assigneeId: row.assigneeId,
      resolvedAt: row.resolvedAt as Instant | null,
      closedAt: row.closedAt as Instant | null,
      duplicateOf: row.duplicateOf,
    },
    profileId: row.profileId,
    contact,
    mediaUrl: row.mediaUrl,
    updatedAt: (row.updatedAt ?? row.reportedAt) as Instant,
    eventCount: row.eventCount,
    escalations: row.escalations,
    version: row.version,
  };
}

export function withTrail(stored: StoredRequest, events: readonly RequestEvent[]): StoredRequestWithTrail {
  return { ...stored, full: { ...stored.request, events } };
}

/** The bounding box columns of an outline (all null without one). */
export function boxOf(outline: PolygonCoordinates | null): Pick<GridRow, 'minX' | 'minY' | 'maxX' | 'maxY'> {
  if (outline === null) return { minX: null, minY: null, maxX: null, maxY: null };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of outline) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return Number.isFinite(minX)
    ? { minX, minY, maxX, maxY }
    : { minX: null, minY: null, maxX: null, maxY: null };
}

export function toStoredGrid(row: GridRow): StoredGrid {
  return {
    code: row.code,
    communityCode: row.communityCode,
    streetCode: row.streetCode,
    name: row.name,
    households: row.households,
    outline: row.outline,
    position: row.position,
    retired: row.retired,
  };
}

export function buildingRow(building: {
  readonly id: string;
  readonly communityCode: string;
  readonly gridCode: string | null;
  readonly households: number;
  readonly addressOrder: number;
  readonly address?: string | null | undefined;
  readonly location?: readonly [number, number] | undefined;
}): GridBuildingRow {
  const address = building.address ?? null;
  return {
    id: building.id,
    communityCode: building.communityCode,
    gridCode: building.gridCode,
    households: building.households,
    addressOrder: building.addressOrder,
    address,
    addressKey: address === null ? null : normalizeAddress(address),
    x: building.location?.[0] ?? null,
    y: building.location?.[1] ?? null,
  };
}

export function toStoredBuilding(row: GridBuildingRow): StoredBuilding {
  return {
    id: row.id,
    communityCode: row.communityCode,
    gridCode: row.gridCode,
    households: row.households,
    addressOrder: row.addressOrder,
    address: row.address,
    ...(row.x === null || row.y === null ? {} : { location: [row.x, row.y] as const }),
  };
}

export function toStoredWorker(row: GridWorkerRow): StoredWorker {
  return {
    id: row.id,
    name: row.name,
    homeCommunityCode: row.homeCommunityCode,
    isPartyMember: row.isPartyMember,
    partyMemberId: row.partyMemberId,
    ...(row.retiredOn === null || row.retiredOn === undefined ? {} : { retiredOn: row.retiredOn }),
  };
}

/** The row of a joint meeting 联席会议. */
export function meetingRow(m: JointMeeting): GridJointMeetingRow {
  return {
    id: m.id,
    level: m.level,
    orgCode: m.orgCode,
    heldOn: m.heldOn,
    kind: m.kind,
    topic: m.topic ?? null,
  };
}
