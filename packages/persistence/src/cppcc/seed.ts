import type { CppccCommittee, ProposalBook, RuleProfile } from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { BATCH, chunks } from '../sql.js';
import { committeeRow, eventRows, meetingRow, proposalColumns } from './proposals.js';
import {
  CppccCommitteeSchema,
  CppccPlenaryMeetingSchema,
  CppccProposalEventSchema,
  CppccProposalSchema,
} from './schemas.js';

/** What {@link seedCppccProposals} loaded. */
export interface CppccSeedSummary {
  readonly meeting: string;
  readonly proposals: number;
  readonly filed: number;
}

/**
 * Loads the reference county CPPCC's committee of the 10th term and the proposals of 十届三次会议
 * through their whole handling (the domain's `generateReferenceCppccDataset`: 160 proposals, 135
 * filed, 8 merged, 17 not filed, key proposals, replies, ratings, second handlings), in one
 * transaction, in batches: the book as the repository would have stored it act by act, without
 * the acts' idempotency keys (nobody sent them).
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
  return {
    meeting: data.meeting.id,
    proposals: data.proposals.proposals.length,
    filed: data.proposals.proposals.filter((p) => p.number !== null).length,
  };
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
