import type { OrgLifeMeeting } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { BATCH, chunks } from '../sql.js';
import {
  type OrgLifeAttendanceRow,
  OrgLifeAttendanceSchema,
  type OrgLifeMeetingRow,
  OrgLifeMeetingSchema,
} from './schemas.js';

/**
 * Stores the reference county's organisational life (`generateReferenceOrgLife`) in one transaction,
 * replacing what the two tables held, in batched inserts. The meetings are stored as recorded by
 * their branch on the day after they were held. They carry no system point entries: the seeded
 * ledger already holds the year's organisational life entries as members recorded them.
 */
export async function seedOrgLife(
  em: EntityManager,
  meetings: readonly OrgLifeMeeting[],
): Promise<{ meetings: number; attendance: number }> {
  const rows: OrgLifeMeetingRow[] = meetings.map((m) => ({
    id: m.id,
    kind: m.kind,
    branchCode: m.branch,
    groupCode: m.group ?? null,
    heldOn: m.heldOn,
    topic: m.topic,
    agenda: [...m.agenda],
    status: 'held',
    recordedBy: 'reference-seed',
    recordedOn: m.heldOn,
    note: null,
    version: 1,
  }));
  const attendance: OrgLifeAttendanceRow[] = meetings.flatMap((m) =>
    m.attendance.map((a, position) => ({
      meetingId: m.id,
      memberCode: a.member,
      status: a.status,
      reason: a.reason ?? null,
      position,
    })),
  );
  await em.fork().transactional(async (tx) => {
    await tx.nativeDelete(OrgLifeAttendanceSchema, {});
    await tx.nativeDelete(OrgLifeMeetingSchema, {});
    for (const batch of chunks(rows, BATCH)) await tx.insertMany(OrgLifeMeetingSchema, batch);
    for (const batch of chunks(attendance, BATCH)) await tx.insertMany(OrgLifeAttendanceSchema, batch);
  });
  return { meetings: rows.length, attendance: attendance.length };
}
