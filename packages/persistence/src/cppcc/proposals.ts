import type {
  CppccCommittee,
  PlenaryMeeting,
  Proposal,
  ProposalBook,
  ProposalCommand,
  ProposalEvent,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { ConcurrentUpdateError, convertDriverError, DuplicateKeyError } from '../errors.js';
import { appendDutyEntries, type DutyAppend } from './duty.js';
import {
  type CppccCommitteeRow,
  CppccCommitteeSchema,
  type CppccPlenaryMeetingRow,
  CppccPlenaryMeetingSchema,
  CppccProposalCommandSchema,
  type CppccProposalEventRow,
  CppccProposalEventSchema,
  type CppccProposalRow,
  CppccProposalSchema,
} from './schemas.js';

/** A proposal book as stored, with the version to decide the next act on. */
export interface StoredProposalBook {
  readonly book: ProposalBook;
  readonly profileId: string;
  readonly version: number;
}

/** A committee of a term as stored. */
export interface StoredCommittee {
  readonly committee: CppccCommittee;
  readonly version: number;
}

/** An act already stored under an idempotency key. */
export interface StoredProposalCommand {
  readonly key: string;
  readonly meetingId: string;
  readonly proposalId: string;
  readonly command: ProposalCommand;
  readonly version: number;
}

/** What to store: the book the domain decided, the version it was decided on, and the act's key. */
export interface ProposalBookWrite {
  readonly book: ProposalBook;
  readonly decidedOnVersion: number;
  readonly key: string;
  /** The act, kept with its key so a repeat can be told from another act. */
  readonly command: ProposalCommand;
  /** The proposal the act was about (for a submit, the new one). */
  readonly proposalId: string;
  /**
   * The duty records the act derives or reverses (a proposal filed, merged or not filed), stored
   * in the same transaction: both or neither.
   */
  readonly duty?: DutyAppend;
}

/** One event of a proposal's trail, numbered from 0. */
export interface ProposalTrailEntry {
  readonly seq: number;
  readonly event: ProposalEvent;
}

/**
 * Stores and loads the proposal books of plenary meetings 全体会议 and the committee of a term.
 * It decides nothing: the gateway's use cases apply the domain's `applyProposalCommand` to a
 * loaded book and hand back the result. `save` stores it in one transaction only if the book is
 * still at the version the act was decided on ({@link ConcurrentUpdateError} otherwise) and the
 * idempotency key is new ({@link DuplicateKeyError} otherwise); it writes the proposals whose
 * trail grew and appends their new events.
 */
export class ProposalBookRepository {
  constructor(private readonly em: EntityManager) {}

  /** Stores the committee of a term, replacing the stored one (the roster and posts change by 补选). */
  async saveCommittee(committee: CppccCommittee): Promise<StoredCommittee> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        const row = await tx.findOne(CppccCommitteeSchema, { term: committee.term });
        if (row === null) {
          const created = tx.create(CppccCommitteeSchema, committeeRow(committee));
          await tx.flush();
          return committeeOf(created);
        }
        row.committee = structuredClone(committee);
        row.termStartedOn = committee.termStartedOn;
        row.version += 1;
        await tx.flush();
        return committeeOf(row);
      });
    } catch (error) {
      return convertDriverError(error, `CPPCC committee of term ${committee.term}`);
    }
  }

  /** The committee of a term; `undefined` when none is stored. */
  async committee(term: number): Promise<StoredCommittee | undefined> {
    const row = await this.em.fork().findOne(CppccCommitteeSchema, { term });
    return row === null ? undefined : committeeOf(row);
  }

  /**
   * Opens the empty book of a plenary meeting; {@link DuplicateKeyError} when the meeting (or its
   * term and session) is already there.
   */
  async openMeeting(meeting: PlenaryMeeting, profileId: string): Promise<StoredProposalBook> {
    try {
      await this.em.fork().transactional(async (tx) => {
        tx.create(CppccPlenaryMeetingSchema, meetingRow(meeting, profileId, 0));
        await tx.flush();
      });
    } catch (error) {
      return convertDriverError(error, `plenary meeting "${meeting.id}"`);
    }
    return { book: { meeting, proposals: [], lastNumber: 0 }, profileId, version: 1 };
  }

  /** The plenary meetings, newest first, without their proposals. */
  async meetings(): Promise<(PlenaryMeeting & { readonly profileId: string })[]> {
    const rows = await this.em
      .fork()
      .find(CppccPlenaryMeetingSchema, {}, { orderBy: { term: 'desc', session: 'desc' } });
    return rows.map((r) => ({ ...r.meeting, profileId: r.profileId }));
  }

  /** The book of a meeting, its proposals in submission order, in two queries; `undefined` if unknown. */
  async load(meetingId: string): Promise<StoredProposalBook | undefined> {
    const em = this.em.fork();
    const meeting = await em.findOne(CppccPlenaryMeetingSchema, { id: meetingId });
    if (meeting === null) return undefined;
    const rows = await em.find(
      CppccProposalSchema,
      { meetingId },
      { orderBy: { position: 'asc' }, fields: ['state'] as never },
    );
    return {
      book: { meeting: meeting.meeting, proposals: rows.map((r) => r.state), lastNumber: meeting.lastNumber },
      profileId: meeting.profileId,
      version: meeting.version,
    };
  }

  /** The act stored under a key, if any. */
  async priorCommand(key: string): Promise<StoredProposalCommand | undefined> {
    const row = await this.em.fork().findOne(CppccProposalCommandSchema, { key });
    return row === null ? undefined : { ...row };
  }

  /** A proposal's trail from the journal, in order; empty for an unknown proposal. */
  async trail(meetingId: string, proposalId: string): Promise<ProposalTrailEntry[]> {
    const rows = await this.em
      .fork()
      .find(CppccProposalEventSchema, { meetingId, proposalId }, { orderBy: { seq: 'asc' } });
    return rows.map((r) => ({ seq: r.seq, event: r.event }));
  }

  /**
   * Stores the book an act produced. Refused with {@link ConcurrentUpdateError} when the book is
   * no longer at `decidedOnVersion` (another act was stored since: decide again on the new book),
   * and with {@link DuplicateKeyError} when the key was used before. Writes only the proposals
   * whose trail grew (the domain keeps every other proposal's identity and trail) and appends
   * their new events to the journal. Returns the book at its new version.
   *
   * @example
   * const stored = await repo.load('cppcc-10-3');
   * const next = unwrap(applyProposalCommand(stored.book, command, context));
   * await repo.save({ book: next, decidedOnVersion: stored.version, key, command, proposalId: 'P1' });
   */
  async save(write: ProposalBookWrite): Promise<StoredProposalBook> {
    const { book, decidedOnVersion } = write;
    const meetingId = book.meeting.id;
    try {
      return await this.em.fork().transactional(async (tx) => {
        const next = decidedOnVersion + 1;
        const moved = await tx.nativeUpdate(
          CppccPlenaryMeetingSchema,
          { id: meetingId, version: decidedOnVersion },
          { version: next, lastNumber: book.lastNumber },
        );
        if (moved !== 1) {
          throw new ConcurrentUpdateError(
            `the proposals of meeting "${meetingId}" changed since the act was decided; reload and retry`,
          );
        }
        if ((await tx.count(CppccProposalCommandSchema, { key: write.key })) > 0) {
          throw new DuplicateKeyError(`act "${write.key}" already exists`);
        }
        const stored = await tx.find(
          CppccProposalSchema,
          { meetingId },
          { fields: ['id', 'eventCount'] as never },
        );
        const counts = new Map(stored.map((r) => [r.id, r.eventCount]));
        const events: CppccProposalEventRow[] = [];
        for (const [position, proposal] of book.proposals.entries()) {
          const had = counts.get(proposal.id);
          if (had !== undefined && had === proposal.events.length) continue;
          if (had !== undefined && had > proposal.events.length) {
            throw new ConcurrentUpdateError(
              `proposal "${proposal.id}" has a longer trail than the book to save`,
            );
          }
          events.push(...eventRows(meetingId, proposal, had ?? 0));
          const columns = proposalColumns(proposal, position);
          if (had === undefined) {
            await tx.insert(CppccProposalSchema, { meetingId, ...columns });
          } else {
            await tx.nativeUpdate(CppccProposalSchema, { meetingId, id: proposal.id }, columns);
          }
        }
        if (events.length > 0) await tx.insertMany(CppccProposalEventSchema, events);
        await tx.insert(CppccProposalCommandSchema, {
          key: write.key,
          meetingId,
          proposalId: write.proposalId,
          command: write.command,
          version: next,
        });
        if (write.duty !== undefined) await appendDutyEntries(tx, write.duty);
        const meeting = await tx.findOneOrFail(CppccPlenaryMeetingSchema, { id: meetingId });
        return { book, profileId: meeting.profileId, version: next };
      });
    } catch (error) {
      return convertDriverError(error, `act "${write.key}" on meeting "${meetingId}"`);
    }
  }
}

function committeeOf(row: CppccCommitteeRow): StoredCommittee {
  return { committee: row.committee, version: row.version };
}

/** A committee's row, new at version 1: one mapping for live writes and the seed. */
export function committeeRow(committee: CppccCommittee): CppccCommitteeRow {
  return {
    term: committee.term,
    termStartedOn: committee.termStartedOn,
    // The ORM rewrites values in place; the domain's data (the profile's sectors) is frozen.
    committee: structuredClone(committee),
    version: 1,
  };
}

/** A plenary meeting's row, new at version 1, its book numbered up to `lastNumber`. */
export function meetingRow(
  meeting: PlenaryMeeting,
  profileId: string,
  lastNumber: number,
): CppccPlenaryMeetingRow {
  return {
    id: meeting.id,
    term: meeting.term,
    session: meeting.session,
    opensOn: meeting.opensOn,
    closesOn: meeting.closesOn,
    profileId,
    lastNumber,
    version: 1,
    meeting: structuredClone(meeting),
  };
}

/** The journal rows of a proposal's events from `fromSeq` on. */
export function eventRows(meetingId: string, proposal: Proposal, fromSeq = 0): CppccProposalEventRow[] {
  return proposal.events.slice(fromSeq).map((event, i) => ({
    meetingId,
    proposalId: proposal.id,
    seq: fromSeq + i,
    type: event.type,
    occurredOn: event.on,
    event,
  }));
}

/** A proposal's row columns: one mapping for live writes and the seed. */
export function proposalColumns(proposal: Proposal, position: number): Omit<CppccProposalRow, 'meetingId'> {
  return {
    id: proposal.id,
    position,
    number: proposal.number,
    status: proposal.status,
    proposerKind: proposal.proposer.kind,
    subjectArea: proposal.subjectArea,
    leadUnit: proposal.units.find((u) => u.role === 'lead')?.unit ?? null,
    isKey: proposal.key !== null,
    submittedOn: proposal.submittedOn,
    eventCount: proposal.events.length,
    state: proposal,
  };
}
