import type {
  CategorySpan,
  DualRegistration,
  LedgerInput,
  PointEntryInput,
  PointStatus,
  PointsActor,
  PointsRole,
} from '@jiceng/domain';
import { EntitySchema } from '@mikro-orm/core';

/**
 * The tables of member points 党员积分.
 *
 * - `points_member`: THE party member 党员 table, the one record of a member for every area: their
 *   personal data as stored (masking is the gateway's job), their own branch, residential
 *   community and grid, the rule profile their points are kept under, and where the grid side
 *   places them (street, building). Category spans and dual registrations are value objects of
 *   the member, always read with it, so they are JSON columns of the row: a write reads a member
 *   in one query.
 * - `points_ledger`: the append-only ledger, one row per ledger input (point, submit, review,
 *   audit, reversal) with its payload exactly as given, a database sequence and a unique
 *   idempotency key. The repository has no update or delete path for it.
 * - `points_entry`: one workflow row per point entry, the entry's state as the domain derives it
 *   from the ledger (status, adjustment, reversal…), kept in the same transaction as the ledger
 *   row that changed it and guarded by an optimistic `version`. Reads and scoring load these rows,
 *   so a member's or a branch's year is one query and no replay.
 * - `points_year_lock`: the committee audit that locked a branch's year.
 * - `cobuilding_*`: co-building units, their commitments and the half-yearly evaluations.
 *
 * Dates are `YYYY-MM-DD` strings, as the domain's.
 */

/**
 * A party member 党员 as stored: one row per member, read and written by every area (points, grid
 * statistics and re-partition, the register import). Until issue #15 the grid side kept its own
 * `grid_party_member` rows beside these and the two were kept in step by hand; they are one now.
 *
 * Why the table keeps the name `points_member` rather than a neutral `party_member`: every sealed
 * resident ID and mobile is bound to its column by name (`points_member.resident_id`, the sealing's
 * associated data, see `SealedField`), and the access log and docs/personal-data.md name the fields
 * so. A rename would reseal every member's personal data and change what the logs call it, for no
 * change in behaviour.
 */
export interface PointsMemberRow {
  code: string;
  name: string;
  /**
   * Resident identity number, sealed (`pd1:<key id>:…`, see `personalDataCodec`); opened by the
   * repository, masked by the gateway unless the caller may see it.
   */
  residentId: string | null;
  /** The keyed hash of the resident identity number, for exact lookups. */
  residentIdHash: string | null;
  /** Mobile number, sealed as the resident ID is. */
  mobile: string | null;
  mobileHash: string | null;
  /** The member's own party organisation (org code), which reviews and counts their points. */
  branchCode: string;
  /** Residential community (org code); the grid side counts a placed member in it. */
  communityCode: string | null;
  /**
   * Grid of residence (org code): the grid party group 网格党小组 a placed member is counted in, and
   * what a re-partition moves with the member's building.
   */
  gridCode: string | null;
  /**
   * The street the grid side places the member under 网格化管理; null: the grid side does not place
   * them (no street known: a member the points area alone stored). Grid statistics and party group
   * sizes count only placed members.
   */
  streetCode?: string | null;
  /** The building lived in, so a re-partition moves the member with it; null: lives elsewhere. */
  buildingId?: string | null;
  /** An in-service member's employer 工作单位, as the register names it. */
  workUnit?: string | null;
  /**
   * The day the member was retired from the register (moved away, died, left the party): the row
   * and their ledger stay, the member leaves rankings from that day's year on. Null: active.
   */
  retiredOn?: string | null;
  /** The county rule profile the member's points are kept under. */
  profileId: string;
  categories: CategorySpan[];
  dualRegistrations: DualRegistration[];
  /** `|c1|c2|`: the communities of the dual registrations, for a LIKE lookup on both engines. */
  registeredCommunities: string;
}

export const PointsMemberSchema = new EntitySchema<PointsMemberRow>({
  name: 'PointsMemberRow',
  tableName: 'points_member',
  properties: {
    code: { type: 'string', primary: true, length: 64 },
    name: { type: 'string', length: 100 },
    residentId: { type: 'string', length: 255, nullable: true },
    residentIdHash: { type: 'string', length: 64, nullable: true },
    mobile: { type: 'string', length: 255, nullable: true },
    mobileHash: { type: 'string', length: 64, nullable: true },
    branchCode: { type: 'string', length: 64 },
    communityCode: { type: 'string', length: 64, nullable: true },
    gridCode: { type: 'string', length: 64, nullable: true },
    streetCode: { type: 'string', length: 64, nullable: true },
    buildingId: { type: 'string', length: 64, nullable: true },
    workUnit: { type: 'string', length: 200, nullable: true },
    retiredOn: { type: 'string', length: 10, nullable: true },
    profileId: { type: 'string', length: 64 },
    categories: { type: 'json' },
    dualRegistrations: { type: 'json' },
    registeredCommunities: { type: 'string', length: 1000 },
  },
  indexes: [
    { name: 'points_member_branch_idx', properties: ['branchCode', 'code'] },
    { name: 'points_member_community_idx', properties: ['communityCode', 'code'] },
    { name: 'points_member_grid_idx', properties: ['gridCode'] },
    { name: 'points_member_building_idx', properties: ['buildingId'] },
    { name: 'points_member_resident_id_hash_idx', properties: ['residentIdHash'] },
    { name: 'points_member_mobile_hash_idx', properties: ['mobileHash'] },
  ],
});

/** The kinds of ledger row: the domain's `LedgerInput['type']`. */
export type LedgerRowType = LedgerInput['type'];

/** One ledger input 台账记录, append-only. */
export interface PointsLedgerRow {
  /** Order of the ledger, assigned by the database. */
  seq: number;
  /** The idempotency key: unique, the input's identity. */
  key: string;
  type: LedgerRowType;
  /** The member of the point entry (for steps: of the entry they act on); null for an audit. */
  memberCode: string | null;
  /** The point entry the row is about: its own key for a point, the target for a step. */
  entryKey: string | null;
  /** The branch an audit locked; null for every other row. */
  scope: string | null;
  /** The point entry's occurrence year (for steps: the entry's), or the audited year. */
  year: number;
  /** Occurrence date of a point entry. */
  occurredOn: string | null;
  item: string | null;
  /** The day the step was taken (`on`). */
  stepOn: string;
  role: PointsRole;
  actor: string;
  /** The input exactly as given. */
  payload: LedgerInput;
}

export const PointsLedgerSchema = new EntitySchema<PointsLedgerRow>({
  name: 'PointsLedgerRow',
  tableName: 'points_ledger',
  properties: {
    // integer, not bigint: SQLite's schema diff never settles on a bigint autoincrement key.
    seq: { type: 'integer', primary: true, autoincrement: true },
    key: { type: 'string', length: 200 },
    type: { type: 'string', length: 16 },
    memberCode: { type: 'string', length: 64, nullable: true },
    entryKey: { type: 'string', length: 200, nullable: true },
    scope: { type: 'string', length: 64, nullable: true },
    year: { type: 'integer' },
    occurredOn: { type: 'string', length: 10, nullable: true },
    item: { type: 'string', length: 64, nullable: true },
    stepOn: { type: 'string', length: 10 },
    role: { type: 'string', length: 16 },
    actor: { type: 'string', length: 64 },
    payload: { type: 'json' },
  },
  uniques: [{ name: 'points_ledger_key_unique', properties: ['key'] }],
  indexes: [
    { name: 'points_ledger_member_year_idx', properties: ['memberCode', 'year'] },
    { name: 'points_ledger_entry_idx', properties: ['entryKey'] },
    { name: 'points_ledger_scope_year_idx', properties: ['scope', 'year'] },
  ],
});

/** A point entry's state apart from its status: what the review and reversal steps gave it. */
export interface PointEntryState {
  adjustment?: { quantity: number } | { points: number };
  reviewReason?: string;
  /** Who took the branch review, as the step recorded them (the person too, since issue #13). */
  reviewedBy?: PointsActor;
  reversal?: { key: string; on: string; reason: string };
  lastStepOn: string;
  steps: string[];
}

/** The workflow row of one point entry: its derived state, with an optimistic lock. */
export interface PointsEntryRow {
  key: string;
  /** The ledger sequence of the point row. */
  seq: number;
  memberCode: string;
  year: number;
  occurredOn: string;
  item: string;
  recordedRole: PointsRole;
  recordedBy: string;
  status: PointStatus;
  entry: PointEntryInput;
  state: PointEntryState;
  /** Bumped by every step; a step decided on a stale version is refused. */
  version: number;
  /** The fact a system entry was derived from (`org_life`, …) and its id; null for others. */
  sourceKind?: string | null;
  sourceId?: string | null;
}

export const PointsEntrySchema = new EntitySchema<PointsEntryRow>({
  name: 'PointsEntryRow',
  tableName: 'points_entry',
  properties: {
    key: { type: 'string', primary: true, length: 200 },
    seq: { type: 'integer' },
    memberCode: { type: 'string', length: 64 },
    year: { type: 'integer' },
    occurredOn: { type: 'string', length: 10 },
    item: { type: 'string', length: 64 },
    recordedRole: { type: 'string', length: 16 },
    recordedBy: { type: 'string', length: 64 },
    status: { type: 'string', length: 16 },
    entry: { type: 'json' },
    state: { type: 'json' },
    version: { type: 'integer', version: true },
    sourceKind: { type: 'string', length: 32, nullable: true },
    sourceId: { type: 'string', length: 128, nullable: true },
  },
  indexes: [
    { name: 'points_entry_member_year_idx', properties: ['memberCode', 'year'] },
    { name: 'points_entry_recorded_by_idx', properties: ['recordedBy', 'year'] },
    { name: 'points_entry_source_idx', properties: ['sourceKind', 'sourceId'] },
  ],
});

/** A branch's year locked by the committee audit 党委年终审核. */
export interface PointsYearLockRow {
  branchCode: string;
  year: number;
  auditKey: string;
  /** The day of the audit. */
  auditedOn: string;
  /** Who audited (the committee's org code). */
  auditedBy: string;
}

export const PointsYearLockSchema = new EntitySchema<PointsYearLockRow>({
  name: 'PointsYearLockRow',
  tableName: 'points_year_lock',
  properties: {
    branchCode: { type: 'string', primary: true, length: 64 },
    year: { type: 'integer', primary: true },
    auditKey: { type: 'string', length: 200 },
    auditedOn: { type: 'string', length: 10 },
    auditedBy: { type: 'string', length: 64 },
  },
});

/** A stationed unit 驻区单位 taking part in a year's co-building 共驻共建. */
export interface CoBuildingUnitRow {
  year: number;
  unitCode: string;
  name: string | null;
  /** The street (or party committee) org code the responsibility agreement is signed with. */
  scope: string;
}

export const CoBuildingUnitSchema = new EntitySchema<CoBuildingUnitRow>({
  name: 'CoBuildingUnitRow',
  tableName: 'cobuilding_unit',
  properties: {
    year: { type: 'integer', primary: true },
    unitCode: { type: 'string', primary: true, length: 64 },
    name: { type: 'string', length: 200, nullable: true },
    scope: { type: 'string', length: 64 },
  },
  indexes: [{ name: 'cobuilding_unit_scope_idx', properties: ['scope', 'year'] }],
});

/** A unit's public commitment 公开承诺 for the year. */
export interface CoBuildingCommitmentRow {
  year: number;
  unitCode: string;
  code: string;
  text: string;
}

export const CoBuildingCommitmentSchema = new EntitySchema<CoBuildingCommitmentRow>({
  name: 'CoBuildingCommitmentRow',
  tableName: 'cobuilding_commitment',
  properties: {
    year: { type: 'integer', primary: true },
    unitCode: { type: 'string', primary: true, length: 64 },
    code: { type: 'string', primary: true, length: 64 },
    text: { type: 'text' },
  },
});

/** One rater's score for one commitment in one round 评议. */
export interface CoBuildingEvaluationRow {
  year: number;
  unitCode: string;
  commitment: string;
  round: number;
  raterGroup: string;
  rater: string;
  score: number;
}

export const CoBuildingEvaluationSchema = new EntitySchema<CoBuildingEvaluationRow>({
  name: 'CoBuildingEvaluationRow',
  tableName: 'cobuilding_evaluation',
  properties: {
    year: { type: 'integer', primary: true },
    unitCode: { type: 'string', primary: true, length: 64 },
    commitment: { type: 'string', primary: true, length: 64 },
    round: { type: 'integer', primary: true },
    raterGroup: { type: 'string', primary: true, length: 64 },
    rater: { type: 'string', primary: true, length: 64 },
    score: { type: 'double' },
  },
});

/** Every entity of the member-points area, for `database.ts`. */
export const pointsEntities = [
  PointsMemberSchema,
  PointsLedgerSchema,
  PointsEntrySchema,
  PointsYearLockSchema,
  CoBuildingUnitSchema,
  CoBuildingCommitmentSchema,
  CoBuildingEvaluationSchema,
] as const;
