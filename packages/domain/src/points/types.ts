import type { ProfileHistory } from '../profiles/resolve.js';
import type { PointFactKind, Recorder, RuleProfile } from '../profiles/schema.js';

/**
 * The data of the member-points area 党员积分: members and their categories over time, the
 * entries of the append-only ledger, and the records derived from it. Plain readonly data;
 * dates are `YYYY-MM-DD` strings, validated where they enter.
 */

/** Who takes a step: the member (self), their branch, a community, the party committee, the system. */
export type PointsRole = Recorder;

/**
 * The person behind a step: who they are, the role they hold and the organisation it applies to
 * (a signed-in caller's token subject, role and scope). The ledger keeps it with every step, so
 * anyone can see who approved, and the rules can refuse a person reviewing their own entry.
 */
export interface PointsPerson {
  /** The person's id (for a party member, their member code). */
  readonly id: string;
  /** The role they act in, e.g. `branch_secretary`. */
  readonly role: string;
  /** The organisation their role applies to, e.g. `P330102001001`. */
  readonly org: string;
}

/**
 * The person or body taking a step, and in which role. `id` is a member code or an org code: the
 * body the step is taken as; `person` is who took it (absent for the system and for entries
 * recorded before people were recorded).
 */
export interface PointsActor {
  readonly role: PointsRole;
  readonly id: string;
  readonly person?: PointsPerson;
}

/** A member's category 党员类别 from a date on, until the next span starts. */
export interface CategorySpan {
  readonly category: string;
  readonly from: string;
}

/**
 * Dual registration 双报到: an in-service member reports to the residential community where
 * they live, which records their community activity; their own unit's branch counts it.
 */
export interface DualRegistration {
  readonly community: string;
  readonly from: string;
  /** Last day registered; open when absent. */
  readonly to?: string;
}

/**
 * What scoring reads of a member: a code and categories over time. A party member is one kind
 * (categories 党员类别); a CPPCC member scored on their duty record is another (categories = sectors 界别).
 */
export interface ScoredMember {
  readonly code: string;
  /** Categories over time, oldest first. Entries are scored under the category in force on their date. */
  readonly categories: readonly CategorySpan[];
}

/** A party member as the points area sees them. */
export interface PartyMember extends ScoredMember {
  readonly name?: string;
  /** The member's own party organisation (for in-service members, their unit's), which counts their points. */
  readonly branch: string;
  /** The residential community, for rankings by community. */
  readonly community?: string;
  readonly dualRegistrations?: readonly DualRegistration[];
}

/**
 * The rules to score under: a profile's history (each entry under the version in force on its
 * date) or a single profile, applied to every date (a draft in a what-if).
 */
export type RuleVersions = ProfileHistory | RuleProfile;

/** A branch's change to an entry's points: new units for a per-unit item, or new points. */
export type Adjustment = { readonly quantity: number } | { readonly points: number };

interface EntryBase {
  /** Idempotency key: the same key twice is one entry; it is also the entry's identity. */
  readonly key: string;
  readonly by: PointsActor;
  /** The day the step was taken (the caller's today). */
  readonly on: string;
}

/** A point entry 积分记录: something a member did (or failed to do) on a date. */
export interface PointEntryInput extends EntryBase {
  readonly type: 'point';
  readonly member: string;
  readonly item: string;
  /** The occurrence date; the entry is scored under the rule version and category in force then. */
  readonly date: string;
  /** Units for a per-unit item (hours, times); fixed items take 1 or nothing. */
  readonly quantity?: number;
  /** References to evidence (file ids, URLs). */
  readonly evidence?: readonly string[];
  readonly note?: string;
  /** After a year is locked: the key of the reversal this entry restates. */
  readonly correctionOf?: string;
  /**
   * The fact a system entry was derived from (a meeting, a resident request): only the system
   * records with a source, and only the system reverses such an entry when the fact changes.
   */
  readonly source?: PointSource;
}

/** The fact behind a system entry: its kind and id (a meeting id, a request id). */
export interface PointSource {
  readonly kind: PointFactKind;
  readonly id: string;
}

/** Monthly self-assessment 自评: the member submits a draft entry for branch review. */
export interface SubmitInput extends EntryBase {
  readonly type: 'submit';
  readonly entry: string;
}

/** Quarterly branch review 支部考评 of a submitted entry. */
export type ReviewInput = EntryBase & { readonly type: 'review'; readonly entry: string } & (
    | { readonly decision: 'approve' }
    | { readonly decision: 'adjust'; readonly reason: string; readonly adjustment: Adjustment }
    | { readonly decision: 'reject'; readonly reason: string }
  );

/** Year-end committee audit 党委年终审核: locks the year. */
export interface AuditInput extends EntryBase {
  readonly type: 'audit';
  readonly year: number;
  readonly note?: string;
}

/** A reversal 冲正: cancels exactly one counted entry; the only correction once a year is locked. */
export interface ReversalInput extends EntryBase {
  readonly type: 'reversal';
  readonly entry: string;
  readonly reason: string;
}

/** Anything that can be appended to the ledger. */
export type LedgerInput = PointEntryInput | SubmitInput | ReviewInput | AuditInput | ReversalInput;

/** An appended entry: the input as given, frozen, with its position in the ledger. */
export type LedgerEntry = LedgerInput & { readonly seq: number };
export type PointEntry = PointEntryInput & { readonly seq: number };

/** Where a point entry is in its workflow (see `POINT_ENTRY_TRANSITIONS`). */
export type PointStatus =
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'adjusted'
  | 'rejected'
  | 'audited'
  | 'lapsed'
  | 'reversed';

/** A point entry with the state its workflow steps give it: what scoring reads. */
export interface PointRecord {
  readonly entry: PointEntry;
  readonly status: PointStatus;
  /** The branch's adjustment, when the review adjusted it (kept after audit or reversal). */
  readonly adjustment?: Adjustment;
  /** The branch's reason for an adjustment or a rejection. */
  readonly reviewReason?: string;
  /** Who took the branch review (approve, adjust or reject), as the step recorded them. */
  readonly reviewedBy?: PointsActor;
  readonly reversal?: { readonly key: string; readonly on: string; readonly reason: string };
  /** Date of the latest step (recording, submission, review, reversal). */
  readonly lastStepOn: string;
  /** Keys of the workflow steps taken on the entry, in ledger order. */
  readonly steps: readonly string[];
}

/** The member directory and the rules: what recording and scoring check against. */
export interface PointsContext {
  readonly rules: RuleVersions;
  readonly members: MemberDirectory;
}

/** Members indexed by code; the index is the row of every per-member output. */
export interface MemberDirectory<M extends ScoredMember = PartyMember> {
  readonly members: readonly M[];
  readonly indexOf: ReadonlyMap<string, number>;
}
