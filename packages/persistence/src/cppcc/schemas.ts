import type {
  CppccCommittee,
  DutyLedgerEntry,
  PlenaryMeeting,
  Proposal,
  ProposalCommand,
  ProposalEvent,
  ProposalEventType,
  ProposalStatus,
  ProposerKind,
  RollCall,
  VillageConsultation,
  VillageConsultationStatus,
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

/**
 * The duty ledger 履职台账 of a term: its rule profile and its lock. `version` is the number of
 * entries stored, so the next entry's `seq`; an append decided on another version is refused.
 */
export interface CppccDutyLedgerRow {
  term: number;
  profileId: string;
  version: number;
}

export const CppccDutyLedgerSchema = new EntitySchema<CppccDutyLedgerRow>({
  name: 'CppccDutyLedgerRow',
  tableName: 'cppcc_duty_ledger',
  properties: {
    term: { type: 'integer', primary: true, autoincrement: false },
    profileId: { type: 'string', length: 64 },
    version: { type: 'integer' },
  },
});

/**
 * One entry of the duty ledger, append-only: a record 履职记录 or a reversal 冲正, the domain's
 * entry whole beside the scalars it is looked up by. A reversal carries the member of the record
 * it cancels, so a member's entries are one indexed read; `reverses` is unique, so a record is
 * reversed once even by two writers at once.
 */
export interface CppccDutyEntryRow {
  term: number;
  seq: number;
  key: string;
  type: 'record' | 'reversal';
  member: string;
  /** The occurrence year of a record, and of the record a reversal cancels: a year is one indexed read. */
  year: number | null;
  /** The key of the record a reversal cancels. */
  reverses: string | null;
  /** A derived record's source (`proposal`, `roll_call`, …) and its id. */
  sourceKind: string | null;
  sourceId: string | null;
  byRole: string;
  byId: string;
  recordedOn: string;
  entry: DutyLedgerEntry;
}

export const CppccDutyEntrySchema = new EntitySchema<CppccDutyEntryRow>({
  name: 'CppccDutyEntryRow',
  tableName: 'cppcc_duty_entry',
  properties: {
    term: { type: 'integer', primary: true, autoincrement: false },
    seq: { type: 'integer', primary: true, autoincrement: false },
    key: { type: 'string', length: 200 },
    type: { type: 'string', length: 16 },
    member: { type: 'string', length: 64 },
    year: { type: 'integer', nullable: true },
    reverses: { type: 'string', length: 200, nullable: true },
    sourceKind: { type: 'string', length: 32, nullable: true },
    sourceId: { type: 'string', length: 200, nullable: true },
    byRole: { type: 'string', length: 32 },
    byId: { type: 'string', length: 64 },
    recordedOn: { type: 'string', length: 10 },
    entry: { type: 'json' },
  },
  indexes: [
    { name: 'cppcc_duty_entry_member_idx', properties: ['term', 'member'] },
    { name: 'cppcc_duty_entry_source_idx', properties: ['term', 'sourceKind'] },
    { name: 'cppcc_duty_entry_year_idx', properties: ['term', 'year'] },
  ],
  uniques: [
    { name: 'cppcc_duty_entry_key_unique', properties: ['term', 'key'] },
    { name: 'cppcc_duty_entry_reverses_unique', properties: ['term', 'reverses'] },
  ],
});

/** A correction of a stored roll call: when, by whom, why, and the version it made. */
export interface CppccRollCallCorrection {
  readonly version: number;
  readonly on: string;
  readonly by: string;
  readonly reason: string;
}

/**
 * A roll call 点名 of a plenary or standing-committee meeting, the domain's `RollCall` whole. The
 * office writes it once and corrects it at `version`; the duty records it derives are in the
 * ledger with its id as their source, and a correction reverses them there (never here: this row
 * holds the roll call as it now stands, and `corrections` says how it got there).
 */
export interface CppccRollCallRow {
  term: number;
  id: string;
  kind: RollCall['kind'];
  meetingOn: string;
  recordedOn: string;
  version: number;
  state: RollCall;
  corrections: CppccRollCallCorrection[];
}

export const CppccRollCallSchema = new EntitySchema<CppccRollCallRow>({
  name: 'CppccRollCallRow',
  tableName: 'cppcc_roll_call',
  properties: {
    term: { type: 'integer', primary: true, autoincrement: false },
    id: { type: 'string', primary: true, length: 64 },
    kind: { type: 'string', length: 16 },
    meetingOn: { type: 'string', length: 10 },
    recordedOn: { type: 'string', length: 10 },
    version: { type: 'integer' },
    state: { type: 'json' },
    corrections: { type: 'json' },
  },
  indexes: [{ name: 'cppcc_roll_call_meeting_idx', properties: ['term', 'meetingOn'] }],
});

/** A village or community of a township where villagers decide village affairs 村事民定. */
export interface CppccVillageRow {
  code: string;
  township: string;
  name: string;
  position: number;
}

export const CppccVillageSchema = new EntitySchema<CppccVillageRow>({
  name: 'CppccVillageRow',
  tableName: 'cppcc_village',
  properties: {
    code: { type: 'string', primary: true, length: 64 },
    township: { type: 'string', length: 64 },
    name: { type: 'string', length: 200 },
    position: { type: 'integer' },
  },
  indexes: [{ name: 'cppcc_village_township_idx', properties: ['township'] }],
});

/**
 * A village consultation 村事民定: the domain record whole (topic, participants by kind, meeting,
 * minutes, outcome, filing) beside its township, village and status; `version` is its lock. The
 * filed minutes are also in the township's register of filings (`consultation_minutes_filing`).
 */
export interface CppccVillageConsultationRow {
  id: string;
  township: string;
  village: string;
  status: VillageConsultationStatus;
  startedOn: string;
  filedOn: string | null;
  profileId: string;
  version: number;
  state: VillageConsultation;
}

export const CppccVillageConsultationSchema = new EntitySchema<CppccVillageConsultationRow>({
  name: 'CppccVillageConsultationRow',
  tableName: 'cppcc_village_consultation',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    township: { type: 'string', length: 64 },
    village: { type: 'string', length: 64 },
    status: { type: 'string', length: 32 },
    startedOn: { type: 'string', length: 10 },
    filedOn: { type: 'string', length: 10, nullable: true },
    profileId: { type: 'string', length: 64 },
    version: { type: 'integer' },
    state: { type: 'json' },
  },
  indexes: [{ name: 'cppcc_village_consultation_township_idx', properties: ['township', 'status'] }],
});

export const cppccEntities = [
  CppccCommitteeSchema,
  CppccPlenaryMeetingSchema,
  CppccProposalSchema,
  CppccProposalEventSchema,
  CppccProposalCommandSchema,
  CppccDutyLedgerSchema,
  CppccDutyEntrySchema,
  CppccVillageSchema,
  CppccVillageConsultationSchema,
  CppccRollCallSchema,
] as const;
