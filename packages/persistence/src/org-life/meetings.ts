import type { OrgLifeAttendanceStatus, OrgLifeKind, OrgLifeMeeting } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { ConcurrentUpdateError, convertDriverError } from '../errors.js';
import type { AppendOutcome, EntryInput, PointsLedgerRepository } from '../points/ledger.js';
import { BATCH, chunks } from '../sql.js';
import {
  type OrgLifeAttendanceRow,
  OrgLifeAttendanceSchema,
  type OrgLifeMeetingRow,
  OrgLifeMeetingSchema,
} from './schemas.js';

/** Whether a meeting record stands, or was withdrawn (deleted) by its branch. */
export type OrgLifeMeetingStatus = 'held' | 'withdrawn';

/** A meeting as stored: the record, whether it stands, and the version to decide a correction on. */
export interface StoredOrgLifeMeeting {
  readonly meeting: OrgLifeMeeting;
  readonly status: OrgLifeMeetingStatus;
  readonly version: number;
  readonly recordedBy: string;
  readonly recordedOn: string;
  readonly note: string | null;
}

/** A decided write of a meeting: the record, and the point entries its attendance earns or loses. */
export interface OrgLifeWrite {
  readonly meeting: OrgLifeMeeting;
  readonly status: OrgLifeMeetingStatus;
  /** The stored version the write was decided on; absent for a new meeting. */
  readonly decidedOnVersion?: number;
  /** Who records (the token subject) and the day. */
  readonly recordedBy: string;
  readonly on: string;
  readonly note?: string | null;
  /**
   * The system entries and reversals the caller decided from the meeting (`reconcilePoints`),
   * appended by `ledger` in the same transaction: the meeting and its points are one write.
   */
  readonly points?: { readonly inputs: readonly EntryInput[]; readonly ledger: PointsLedgerRepository };
}

export interface OrgLifeSaved {
  readonly stored: StoredOrgLifeMeeting;
  readonly appended: readonly AppendOutcome[];
}

/** Which meetings to list: of these branches, held in a range of days, withdrawn ones left out unless asked. */
export interface OrgLifeFilter {
  readonly branches: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly withWithdrawn?: boolean;
}

/**
 * Stores organisational life 组织生活: meetings of branches and party groups and their attendance.
 * It decides nothing: the gateway's use cases check a meeting with the domain's `checkMeeting`,
 * derive its point entries, and hand a decided write to {@link OrgLifeRepository.save}, which
 * stores the meeting, its attendance and the ledger entries in one transaction, or refuses with
 * {@link ConcurrentUpdateError} when the meeting moved since the decision. A withdrawn meeting
 * stays stored with its attendance; only its status changes.
 */
export class OrgLifeRepository {
  constructor(private readonly em: EntityManager) {}

  /** A meeting with its attendance; `undefined` when unknown. */
  async find(id: string): Promise<StoredOrgLifeMeeting | undefined> {
    const em = this.em.fork();
    const row = await em.findOne(OrgLifeMeetingSchema, { id });
    if (row === null) return undefined;
    const attendance = await em.find(
      OrgLifeAttendanceSchema,
      { meetingId: id },
      { orderBy: { position: 'asc' } },
    );
    return storedOf(row, attendance);
  }

  /** The meetings of branches, oldest first, with their attendance, in two queries per 1,000 branches. */
  async list(filter: OrgLifeFilter): Promise<StoredOrgLifeMeeting[]> {
    if (filter.branches.length === 0) return [];
    const em = this.em.fork();
    const rows: OrgLifeMeetingRow[] = [];
    for (const batch of chunks([...new Set(filter.branches)], BATCH)) {
      const heldOn = {
        ...(filter.from === undefined ? {} : { $gte: filter.from }),
        ...(filter.to === undefined ? {} : { $lte: filter.to }),
      };
      rows.push(
        ...(await em.find(OrgLifeMeetingSchema, {
          branchCode: { $in: batch },
          ...(Object.keys(heldOn).length === 0 ? {} : { heldOn }),
          ...(filter.withWithdrawn === true ? {} : { status: 'held' }),
        })),
      );
    }
    rows.sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.id < b.id ? -1 : 1));
    const byMeeting = new Map<string, OrgLifeAttendanceRow[]>();
    for (const batch of chunks(
      rows.map((r) => r.id),
      BATCH,
    )) {
      const attendance = await em.find(
        OrgLifeAttendanceSchema,
        { meetingId: { $in: batch } },
        { orderBy: { meetingId: 'asc', position: 'asc' } },
      );
      for (const a of attendance) byMeeting.set(a.meetingId, [...(byMeeting.get(a.meetingId) ?? []), a]);
    }
    return rows.map((r) => storedOf(r, byMeeting.get(r.id) ?? []));
  }

  /**
   * Stores a decided write in one transaction: the meeting (new, or at the version it was decided
   * on), its attendance, and the point entries it earns or reverses.
   *
   * @example
   * await repo.save({ meeting, status: 'held', recordedBy: 'sec-1', on: '2025-03-06',
   *   points: { inputs, ledger } });
   */
  async save(write: OrgLifeWrite): Promise<OrgLifeSaved> {
    const { meeting } = write;
    try {
      return await this.em.fork().transactional(async (tx) => {
        const fields = {
          kind: meeting.kind,
          branchCode: meeting.branch,
          groupCode: meeting.group ?? null,
          heldOn: meeting.heldOn,
          topic: meeting.topic,
          agenda: [...meeting.agenda],
          status: write.status,
          recordedBy: write.recordedBy,
          recordedOn: write.on,
          note: write.note ?? null,
        };
        let version: number;
        if (write.decidedOnVersion === undefined) {
          version = 1;
          await tx.insert(OrgLifeMeetingSchema, { id: meeting.id, ...fields, version });
        } else {
          version = write.decidedOnVersion + 1;
          const moved = await tx.nativeUpdate(
            OrgLifeMeetingSchema,
            { id: meeting.id, version: write.decidedOnVersion },
            { ...fields, version },
          );
          if (moved !== 1) {
            throw new ConcurrentUpdateError(
              `meeting "${meeting.id}" changed since the correction was decided; reload and retry`,
            );
          }
        }
        if (write.status === 'held') {
          await tx.nativeDelete(OrgLifeAttendanceSchema, { meetingId: meeting.id });
          if (meeting.attendance.length > 0) {
            await tx.insertMany(
              OrgLifeAttendanceSchema,
              meeting.attendance.map((a, position) => ({
                meetingId: meeting.id,
                memberCode: a.member,
                status: a.status,
                reason: a.reason ?? null,
                position,
              })),
            );
          }
        }
        const appended: AppendOutcome[] = [];
        for (const input of write.points?.inputs ?? []) {
          appended.push(await write.points!.ledger.appendWithin(tx as EntityManager, input));
        }
        return {
          stored: {
            meeting,
            status: write.status,
            version,
            recordedBy: write.recordedBy,
            recordedOn: write.on,
            note: write.note ?? null,
          },
          appended,
        };
      });
    } catch (error) {
      return convertDriverError(error, `meeting "${meeting.id}"`);
    }
  }
}

function storedOf(row: OrgLifeMeetingRow, attendance: readonly OrgLifeAttendanceRow[]): StoredOrgLifeMeeting {
  const agenda = typeof row.agenda === 'string' ? (JSON.parse(row.agenda) as string[]) : row.agenda;
  return {
    meeting: {
      id: row.id,
      kind: row.kind as OrgLifeKind,
      branch: row.branchCode,
      ...(row.groupCode === null ? {} : { group: row.groupCode }),
      heldOn: row.heldOn as OrgLifeMeeting['heldOn'],
      topic: row.topic,
      agenda: [...agenda],
      attendance: attendance.map((a) => ({
        member: a.memberCode,
        status: a.status as OrgLifeAttendanceStatus,
        ...(a.reason === null ? {} : { reason: a.reason }),
      })),
    },
    status: row.status as OrgLifeMeetingStatus,
    version: row.version,
    recordedBy: row.recordedBy,
    recordedOn: row.recordedOn,
    note: row.note,
  };
}
