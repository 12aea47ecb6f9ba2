import type { CppccRoster, Township } from '../consultation/liaison-groups.js';
import type { Actor } from '../consultation/types.js';
import type {
  AttendanceStatus,
  DutyRecorder,
  NotFiledOutcome,
  ProposalRole,
  ReplyCategory,
  SatisfactionLevel,
  VillageOutcome,
  VillageParticipantKind,
} from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';

/**
 * The data of the county CPPCC 县政协 (DESIGN §6, seeds 1–2): the committee of a term, its plenary
 * meetings and the proposals put to them, members' duty records, roll calls and village
 * consultations. Plain readonly data; the functions that change it live one concern per file
 * beside this one and always return a new value.
 */

// ---------------------------------------------------------------------------------------------
// The committee 届

/** A standing-committee member 常委; resident members 驻会常委 work at the CPPCC full time. */
export interface StandingMember {
  readonly member: string;
  readonly resident: boolean;
}

/** A member of a special committee 专门委员会 (the committee codes are the profile's). */
export interface CommitteeSeat {
  readonly committee: string;
  readonly member: string;
}

/**
 * The county CPPCC of one term 届 (seed 1: 十届, 12 sectors, 258 members; a chair, 5 vice-chairs,
 * a secretary-general, 38 standing members of whom 12 resident; 8 special committees). Members
 * and sectors are the consultation area's roster; posts refer to member ids.
 */
export interface CppccCommittee {
  readonly term: number;
  readonly termStartedOn: LocalDate;
  readonly roster: CppccRoster;
  readonly townships: readonly Township[];
  readonly chair: string;
  readonly viceChairs: readonly string[];
  readonly secretaryGeneral: string;
  readonly standingMembers: readonly StandingMember[];
  readonly committeeSeats: readonly CommitteeSeat[];
  /** Members who joined after the term began (补选), with the day; their duty counts from it. */
  readonly joinedOn?: Readonly<Record<string, LocalDate>>;
}

/** A plenary meeting 全体会议: the 3rd session of the 10th committee is 十届三次会议. */
export interface PlenaryMeeting {
  readonly id: string;
  readonly term: number;
  readonly session: number;
  readonly opensOn: LocalDate;
  readonly closesOn: LocalDate;
}

// ---------------------------------------------------------------------------------------------
// Proposals 提案

/** Who puts a proposal; a joint proposal lists its lead proposer 领衔人 first. */
export type Proposer =
  | { readonly kind: 'member'; readonly member: string }
  | { readonly kind: 'joint'; readonly members: readonly string[] }
  | { readonly kind: 'sector'; readonly sector: string }
  | { readonly kind: 'special_committee'; readonly committee: string }
  | { readonly kind: 'liaison_group'; readonly township: string };

/**
 * Who acts on a proposal. `id` is a member id (member, chair), a sector or special committee code,
 * a township code (liaison group), a unit code (unit), or the body's own id (office, proposals
 * committee, chairs' meeting).
 */
export interface ProposalActor {
  readonly role: ProposalRole;
  readonly id: string;
}

/** A proposal as it is put: title, reasons 案由, suggestions 建议, subject area 类别. */
export interface ProposalDraft {
  readonly id: string;
  readonly proposer: Proposer;
  readonly title: string;
  readonly reasons: string;
  readonly suggestions: string;
  readonly subjectArea: string;
}

/** Where a proposal is in its handling (see `PROPOSAL_TRANSITIONS`). */
export type ProposalStatus =
  | 'submitted'
  | 'filed'
  | 'not_filed'
  | 'merged'
  | 'assigned'
  | 'replied'
  | 'second_handling'
  | 'closed';

/** The proposals committee's review 审查: filed 立案 with a number, not filed, or merged 并案 into another. */
export type ProposalReview =
  | {
      readonly decision: 'filed';
      readonly number: number;
      readonly on: LocalDate;
      readonly by: ProposalActor;
    }
  | {
      readonly decision: 'not_filed';
      readonly outcome: NotFiledOutcome;
      readonly reason: string | null;
      readonly on: LocalDate;
      readonly by: ProposalActor;
    }
  | {
      readonly decision: 'merged';
      readonly into: string;
      readonly on: LocalDate;
      readonly by: ProposalActor;
    };

/** A unit handling a proposal: the lead unit 主办 replies, co-units 协办 give it their opinion. */
export interface UnitAssignment {
  readonly unit: string;
  readonly role: 'lead' | 'co';
  readonly assignedOn: LocalDate;
  readonly dueOn: LocalDate;
  /** The due day was counted over a year the working-day calendar does not list yet. */
  readonly dueOnProvisional: boolean;
}

/** A unit's request to be relieved of a proposal 申请调整, and the committee's decision. */
export interface ReassignmentRequest {
  readonly unit: string;
  readonly role: 'lead' | 'co';
  readonly reason: string;
  readonly requestedOn: LocalDate;
  readonly decision:
    | null
    | { readonly approved: true; readonly to: string; readonly on: LocalDate; readonly by: ProposalActor }
    | {
        readonly approved: false;
        readonly reason: string;
        readonly on: LocalDate;
        readonly by: ProposalActor;
      };
}

/** A co-unit's opinion 协办意见 to the lead unit. */
export interface CoOpinion {
  readonly unit: string;
  readonly round: number;
  readonly text: string;
  readonly on: LocalDate;
  readonly dueOn: LocalDate;
  /** Given one or more working days after the due day. */
  readonly late: boolean;
}

/** The lead unit's reply 答复 in one round. */
export interface ProposalReply {
  readonly unit: string;
  readonly category: ReplyCategory;
  readonly text: string;
  readonly on: LocalDate;
  readonly by: ProposalActor;
  /** Working days after the due day (0 when on time). */
  readonly overdueWorkingDays: number;
  readonly late: boolean;
}

/** The proposer's opinion 征询意见 of a reply. */
export interface ProposalRating {
  readonly level: SatisfactionLevel;
  readonly reason: string | null;
  readonly on: LocalDate;
  readonly by: ProposalActor;
}

/**
 * One round of handling: round 1 from assignment, round 2 (second handling 再次办理) from a rating of
 * not satisfied. `dueOn` is the lead unit's.
 */
export interface HandlingRound {
  readonly round: number;
  readonly startedOn: LocalDate;
  readonly dueOn: LocalDate;
  readonly dueOnProvisional: boolean;
  readonly reply: ProposalReply | null;
  readonly rating: ProposalRating | null;
}

/** A key proposal 重点提案, followed by a chair or vice-chair 领衔督办. */
export interface KeyDesignation {
  readonly supervisor: string;
  readonly on: LocalDate;
  readonly by: ProposalActor;
}

/** A supervision record 督办记录 by the supervising chair. */
export interface SupervisionRecord {
  readonly summary: string;
  readonly on: LocalDate;
  readonly by: ProposalActor;
}

interface ProposalEventBase {
  readonly on: LocalDate;
  readonly by: ProposalActor;
}

/** One entry of a proposal's trail; the trail is append-only. */
export type ProposalEvent =
  | (ProposalEventBase & { readonly type: 'submitted' })
  | (ProposalEventBase & { readonly type: 'filed'; readonly number: number })
  | (ProposalEventBase & { readonly type: 'not_filed'; readonly outcome: NotFiledOutcome })
  | (ProposalEventBase & { readonly type: 'merged'; readonly into: string })
  | (ProposalEventBase & { readonly type: 'absorbed'; readonly proposal: string })
  | (ProposalEventBase & {
      readonly type: 'assigned';
      readonly lead: string;
      readonly coUnits: readonly string[];
    })
  | (ProposalEventBase & { readonly type: 'reassignment_requested'; readonly unit: string })
  | (ProposalEventBase & {
      readonly type: 'reassignment_decided';
      readonly unit: string;
      readonly approved: boolean;
      readonly to: string | null;
    })
  | (ProposalEventBase & { readonly type: 'co_opinion'; readonly unit: string })
  | (ProposalEventBase & {
      readonly type: 'replied';
      readonly round: number;
      readonly category: ReplyCategory;
      readonly late: boolean;
    })
  | (ProposalEventBase & {
      readonly type: 'rated';
      readonly round: number;
      readonly level: SatisfactionLevel;
    })
  | (ProposalEventBase & { readonly type: 'second_handling'; readonly dueOn: LocalDate })
  | (ProposalEventBase & { readonly type: 'closed'; readonly rated: boolean })
  | (ProposalEventBase & { readonly type: 'designated_key'; readonly supervisor: string })
  | (ProposalEventBase & { readonly type: 'supervised' });

export type ProposalEventType = ProposalEvent['type'];

/** A proposal 提案 of a plenary meeting, from submission to closing. */
export interface Proposal extends ProposalDraft {
  readonly meeting: string;
  readonly status: ProposalStatus;
  readonly submittedOn: LocalDate;
  readonly submittedBy: ProposalActor;
  readonly review: ProposalReview | null;
  /** The filing number 案号, per plenary meeting; null until filed. */
  readonly number: number | null;
  /** Proposals merged into this one 并案, in the order merged. */
  readonly mergedFrom: readonly string[];
  /** Units now handling it, the lead first. */
  readonly units: readonly UnitAssignment[];
  readonly reassignments: readonly ReassignmentRequest[];
  readonly coOpinions: readonly CoOpinion[];
  readonly rounds: readonly HandlingRound[];
  readonly key: KeyDesignation | null;
  readonly supervision: readonly SupervisionRecord[];
  readonly closedOn: LocalDate | null;
  readonly events: readonly ProposalEvent[];
}

/** Every proposal of one plenary meeting 全体会议: numbers 案号 run per meeting. */
export interface ProposalBook {
  readonly meeting: PlenaryMeeting;
  /** In submission order. */
  readonly proposals: readonly Proposal[];
  /** The last filing number given. */
  readonly lastNumber: number;
}

// ---------------------------------------------------------------------------------------------
// Duty 履职

/**
 * Who writes a duty record: the CPPCC office 政协办公室 (`id` its own), a liaison group's
 * secretary for the members of their township (`id` the township code), the system (derived).
 */
export interface DutyActor {
  readonly role: DutyRecorder;
  readonly id: string;
}

/** What a derived record comes from: a proposal, a roll call, a township or village consultation. */
export interface DutySource {
  readonly kind: 'proposal' | 'roll_call' | 'consultation' | 'village_consultation';
  readonly id: string;
}

interface DutyEntryBase {
  /** Idempotency key: the same key twice is one entry; also the entry's identity. */
  readonly key: string;
  readonly by: DutyActor;
  /** The day it was written (the caller's today). */
  readonly on: LocalDate;
}

/** A duty record 履职记录: something a member did (or failed to do) on a date. */
export interface DutyRecordInput extends DutyEntryBase {
  readonly type: 'record';
  readonly member: string;
  readonly item: string;
  /** The occurrence date; scored under the rule version and the member's sector in force then. */
  readonly date: LocalDate;
  /** Units for a per-unit item (times, days). */
  readonly quantity?: number;
  readonly evidence?: readonly string[];
  readonly note?: string;
  /** Set on records the system derives, and only on those. */
  readonly source?: DutySource;
}

/** Cancels exactly one record 冲正; the only correction of a written record. */
export interface DutyReversalInput extends DutyEntryBase {
  readonly type: 'reversal';
  readonly record: string;
  readonly reason: string;
}

export type DutyLedgerInput = DutyRecordInput | DutyReversalInput;
export type DutyLedgerEntry = DutyLedgerInput & { readonly seq: number };

/** The append-only duty ledger: totals are always derived from it. */
export interface DutyLedger {
  readonly entries: readonly DutyLedgerEntry[];
}

/** A record with its reversal, if any: what scoring reads. */
export interface DutyRecordView {
  readonly record: DutyRecordInput & { readonly seq: number };
  readonly reversal: { readonly key: string; readonly on: LocalDate; readonly reason: string } | null;
}

/** A roll call 点名 of a plenary or standing-committee meeting, written by the office. */
export interface RollCall {
  readonly id: string;
  readonly kind: 'plenary' | 'standing';
  readonly meetingOn: LocalDate;
  readonly title: string;
  readonly entries: readonly {
    readonly member: string;
    readonly status: AttendanceStatus;
    readonly reason?: string;
  }[];
}

// ---------------------------------------------------------------------------------------------
// Village consultations 村事民定

/** A participant of a village consultation; a CPPCC member names their member id. */
export interface VillageParticipant {
  readonly id: string;
  readonly name: string;
  readonly kind: VillageParticipantKind;
  readonly member?: string;
}

/** What the meeting decided, with the vote when one was taken. */
export interface VillageMeetingOutcome {
  readonly decision: VillageOutcome;
  readonly summary: string;
  readonly votes?: {
    readonly for: number;
    readonly against: number;
    readonly abstain: number;
  };
}

/** The village meeting as held: attendance, minutes 协商纪要, outcome. */
export interface VillageMeeting {
  readonly heldOn: LocalDate;
  readonly attendees: readonly string[];
  readonly minutes: string;
  readonly outcome: VillageMeetingOutcome;
  readonly quorum: number;
  readonly by: Actor;
  /** Corrections of this record after the meeting (`correctVillageMeeting`), oldest first. */
  readonly corrections?: readonly {
    readonly on: LocalDate;
    readonly by: Actor;
    readonly reason: string;
  }[];
}

/**
 * Where a village consultation is, in the consultation stages' words: pre-consultation
 * communication 商前沟通 (topic and participants set), report 上报 (meeting held, minutes to file),
 * completed (minutes filed 备案 with the township).
 */
export type VillageConsultationStatus = 'pre_consultation' | 'report' | 'completed';

/** A village consultation 村事民定: villagers decide a village affair, and the minutes are filed. */
export interface VillageConsultation {
  readonly id: string;
  readonly village: string;
  readonly township: string;
  readonly topic: string;
  readonly participants: readonly VillageParticipant[];
  readonly status: VillageConsultationStatus;
  readonly startedOn: LocalDate;
  readonly startedBy: Actor;
  readonly meeting: VillageMeeting | null;
  /** The id of the filed minutes in the township's register (`fileMinutes`). */
  readonly minutesId: string | null;
  readonly filedOn: LocalDate | null;
}
