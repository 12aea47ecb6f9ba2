import type { CppccCommittee, DutyLedger, ProposalBook, RuleProfile } from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { filingRow } from '../consultation/filings.js';
import { MinutesFilingSchema } from '../consultation/schemas.js';
import { BATCH, chunks } from '../sql.js';
import { dutyEntryRow, type ReversalTarget, targetOf } from './duty.js';
import { committeeRow, eventRows, meetingRow, proposalColumns } from './proposals.js';
import { rollCallRow } from './roll-calls.js';
import {
  CppccCommitteeSchema,
  CppccDutyEntrySchema,
  CppccDutyLedgerSchema,
  CppccPlenaryMeetingSchema,
  CppccProposalEventSchema,
  CppccProposalSchema,
  CppccRollCallSchema,
  CppccVillageConsultationSchema,
  CppccVillageSchema,
} from './schemas.js';
import { villageConsultationRow } from './villages.js';

/** What {@link seedCppccProposals} loaded. */
export interface CppccSeedSummary {
  readonly meeting: string;
  readonly proposals: number;
  readonly filed: number;
  /** Entries of the term's duty ledger (records and reversals). */
  readonly dutyEntries: number;
  /** Roll calls of the plenary and standing-committee meetings. */
  readonly rollCalls: number;
  readonly villages: number;
  readonly villageConsultations: number;
  readonly filedMinutes: number;
}

/**
 * Loads the reference county CPPCC's committee of the 10th term and the proposals of 十届三次会议
 * through their whole handling (the domain's `generateReferenceCppccDataset`: 160 proposals, 135
 * filed, 8 merged, 17 not filed, key proposals, replies, ratings, second handlings), in one
 * transaction, in batches: the book as the repository would have stored it act by act, without
 * the acts' idempotency keys (nobody sent them). With them, the term's duty ledger 履职台账 (the
 * office's and liaison groups' records and those derived from proposals, roll calls and village
 * consultations), the year's roll calls and the pilot township's 22 villages with their 54 village consultations 村事民定,
 * whose minutes go into the township's register of filings.
 *
 * @example
 * await seedCppccProposals(db.em, referenceProfile);
 */
export async function seedCppccProposals(
  em: EntityManager,
  profile: RuleProfile,
  options: { readonly seed?: number } = {},
): Promise<CppccSeedSummary> {
  const data = generateReferenceCppccDataset(profile, options);
  await storeBook(em, data.committee, data.proposals, profile.id);
  await storeLedger(em, data.committee.term, data.dutyLedger, profile.id);
  await em.fork().transactional(async (tx) => {
    const rows = data.rollCalls.map((c) => rollCallRow(data.committee.term, c, c.meetingOn, 1, []));
    await tx.insertMany(CppccRollCallSchema, rows);
  });
  await em.fork().transactional(async (tx) => {
    await tx.insertMany(
      CppccVillageSchema,
      data.villages.map((v, position) => ({ code: v.code, township: v.township, name: v.name, position })),
    );
    const consultations = data.villageConsultations.map((c) => villageConsultationRow(c, profile.id, 3));
    for (const batch of chunks(consultations, BATCH / 10)) {
      await tx.insertMany(CppccVillageConsultationSchema, batch);
    }
    if (data.minutes.entries.length > 0) {
      await tx.insertMany(MinutesFilingSchema, data.minutes.entries.map(filingRow));
    }
  });
  return {
    meeting: data.meeting.id,
    proposals: data.proposals.proposals.length,
    filed: data.proposals.proposals.filter((p) => p.number !== null).length,
    dutyEntries: data.dutyLedger.entries.length,
    rollCalls: data.rollCalls.length,
    villages: data.villages.length,
    villageConsultations: data.villageConsultations.length,
    filedMinutes: data.minutes.entries.length,
  };
}

/** The ledger as the repository would have stored it entry by entry, at the version of its length. */
async function storeLedger(em: EntityManager, term: number, ledger: DutyLedger, profileId: string) {
  const targets = new Map<string, ReversalTarget>();
  for (const e of ledger.entries) if (e.type === 'record') targets.set(e.key, targetOf(e));
  const rows = ledger.entries.map((e) =>
    dutyEntryRow(term, e, e.type === 'record' ? targetOf(e) : targets.get(e.record)!),
  );
  await em.fork().transactional(async (tx) => {
    await tx.insert(CppccDutyLedgerSchema, { term, profileId, version: ledger.entries.length });
    for (const batch of chunks(rows, BATCH / 10)) await tx.insertMany(CppccDutyEntrySchema, batch);
  });
}

async function storeBook(
  em: EntityManager,
  committee: CppccCommittee,
  book: ProposalBook,
  profileId: string,
): Promise<void> {
  const { meeting } = book;
  await em.fork().transactional(async (tx) => {
    await tx.insert(CppccCommitteeSchema, committeeRow(committee));
    await tx.insert(CppccPlenaryMeetingSchema, meetingRow(meeting, profileId, book.lastNumber));
    const rows = book.proposals.map((p, i) => ({
      meetingId: meeting.id,
      ...proposalColumns(structuredClone(p), i),
    }));
    for (const batch of chunks(rows, BATCH / 10)) await tx.insertMany(CppccProposalSchema, batch);
    const events = book.proposals.flatMap((p) => eventRows(meeting.id, structuredClone(p)));
    for (const batch of chunks(events, BATCH / 2)) await tx.insertMany(CppccProposalEventSchema, batch);
  });
}
