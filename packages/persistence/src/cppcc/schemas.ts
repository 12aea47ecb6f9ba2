import type {
  CppccCommittee,
  PlenaryMeeting,
  Proposal,
  ProposalCommand,
  ProposalEvent,
  ProposalEventType,
  ProposalStatus,
  ProposerKind,
} from '@jiceng/domain';
import { EntitySchema } from '@mikro-orm/core';

/**
 * The tables of CPPCC proposals 提案. One document per proposal, not one table per part of it:
 * a proposal's review, units, reassignments, rounds and supervision are only ever read and written
 * whole by the domain's `applyProposalCommand`, so the domain record is kept as JSON beside the
 * scalars the gateway filters and counts on (meeting, number, status, proposer kind, subject
 * area, lead unit, key). Its trail is also an append-only journal of rows (`cppcc_proposal_event`)
 * for reading one proposal's history without its document, and for audits.
 *
 * The optimistic lock is on the **book**, the plenary meeting row, not on each proposal: filing
 * numbers (`last_number`) and the key-proposal limit are invariants of the whole meeting, so every
 * act is decided on one version of the book and stored only if the book is still at it. Every
 * write carries an idempotency key (`cppcc_proposal_command`). Dates are `YYYY-MM-DD` strings.
 */

/** The committee of a term 届 (roster and posts), as the domain's `CppccCommittee`. */
export interface CppccCommitteeRow {
  term: number;
  termStartedOn: string;
  committee: CppccCommittee;
  version: number;
}

export const CppccCommitteeSchema = new EntitySchema<CppccCommitteeRow>({
  name: 'CppccCommitteeRow',
  tableName: 'cppcc_committee',
  properties: {
    term: { type: 'integer', primary: true, autoincrement: false },
    termStartedOn: { type: 'string', length: 10 },
    committee: { type: 'json' },
    version: { type: 'integer' },
  },
});

/** A plenary meeting 全体会议 and the lock of its proposal book. */
export interface CppccPlenaryMeetingRow {
  id: string;
  term: number;
  session: number;
  opensOn: string;
  closesOn: string;
  /** The county rule profile its proposals are handled under. */
  profileId: string;
  /** The last filing number 案号 given in the meeting. */
  lastNumber: number;
  /** The book's version: raised by every stored act; a write decided on another is refused. */
  version: number;
  meeting: PlenaryMeeting;
}

export const CppccPlenaryMeetingSchema = new EntitySchema<CppccPlenaryMeetingRow>({
  name: 'CppccPlenaryMeetingRow',
  tableName: 'cppcc_plenary_meeting',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    term: { type: 'integer' },
    session: { type: 'integer' },
    opensOn: { type: 'string', length: 10 },
    closesOn: { type: 'string', length: 10 },
    profileId: { type: 'string', length: 64 },
    lastNumber: { type: 'integer' },
    version: { type: 'integer' },
    meeting: { type: 'json' },
  },
  uniques: [{ name: 'cppcc_plenary_meeting_session_unique', properties: ['term', 'session'] }],
});

/** One proposal 提案 of a meeting: indexed scalars and the domain record whole. */
export interface CppccProposalRow {
  meetingId: string;
  id: string;
  /** Submission order within the meeting (the book's order). */
  position: number;
  number: number | null;
  status: ProposalStatus;
  proposerKind: ProposerKind;
  subjectArea: string;
  leadUnit: string | null;
  isKey: boolean;
  submittedOn: string;
  /** How many events the state holds; the journal holds the same events as rows. */
  eventCount: number;
  state: Proposal;
}

export const CppccProposalSchema = new EntitySchema<CppccProposalRow>({
  name: 'CppccProposalRow',
  tableName: 'cppcc_proposal',
  properties: {
    meetingId: { type: 'string', primary: true, length: 64 },
    id: { type: 'string', primary: true, length: 64 },
    position: { type: 'integer' },
    number: { type: 'integer', nullable: true },
    status: { type: 'string', length: 32 },
    proposerKind: { type: 'string', length: 32 },
    subjectArea: { type: 'string', length: 64 },
    leadUnit: { type: 'string', length: 64, nullable: true },
    isKey: { type: 'boolean' },
    submittedOn: { type: 'string', length: 10 },
    eventCount: { type: 'integer' },
    state: { type: 'json' },
  },
  indexes: [
    { name: 'cppcc_proposal_status_idx', properties: ['meetingId', 'status'] },
    { name: 'cppcc_proposal_lead_unit_idx', properties: ['leadUnit', 'status'] },
  ],
  uniques: [{ name: 'cppcc_proposal_number_unique', properties: ['meetingId', 'number'] }],
});

/** A proposal's trail as an append-only journal, numbered from 0; never updated or deleted. */
export interface CppccProposalEventRow {
  meetingId: string;
  proposalId: string;
  seq: number;
  type: ProposalEventType;
  occurredOn: string;
  event: ProposalEvent;
}

export const CppccProposalEventSchema = new EntitySchema<CppccProposalEventRow>({
  name: 'CppccProposalEventRow',
  tableName: 'cppcc_proposal_event',
  properties: {
    meetingId: { type: 'string', primary: true, length: 64 },
    proposalId: { type: 'string', primary: true, length: 64 },
    seq: { type: 'integer', primary: true },
    type: { type: 'string', length: 32 },
    occurredOn: { type: 'string', length: 10 },
    event: { type: 'json' },
  },
  indexes: [{ name: 'cppcc_proposal_event_day_idx', properties: ['meetingId', 'occurredOn'] }],
});

/**
 * Every stored act by its idempotency key: the same key again is the same act (answered with
 * what is stored, nothing written), with another command a refusal.
 */
export interface CppccProposalCommandRow {
  key: string;
  meetingId: string;
  proposalId: string;
  command: ProposalCommand;
  /** The book's version the act produced. */
  version: number;
}

export const CppccProposalCommandSchema = new EntitySchema<CppccProposalCommandRow>({
  name: 'CppccProposalCommandRow',
  tableName: 'cppcc_proposal_command',
  properties: {
    key: { type: 'string', primary: true, length: 200 },
    meetingId: { type: 'string', length: 64 },
    proposalId: { type: 'string', length: 64 },
    command: { type: 'json' },
    version: { type: 'integer' },
  },
});

export const cppccEntities = [
  CppccCommitteeSchema,
  CppccPlenaryMeetingSchema,
  CppccProposalSchema,
  CppccProposalEventSchema,
  CppccProposalCommandSchema,
] as const;
