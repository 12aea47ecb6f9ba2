import {
  appendToLedger,
  assessCoBuilding,
  type CoBuildingIssueCode,
  createMemberDirectory,
  emptyLedger,
  type Issue,
  type LedgerInput,
  type PointLedger,
  type PointsIssueCode,
  type PointsNote,
  referenceProfile,
  replayLedger,
  unwrap,
} from '@jiceng/domain';
import { context, point } from './fixtures.js';

const self = { role: 'self', id: 'm001' } as const;
const branch = { role: 'branch', id: 'b1' } as const;
const committee = { role: 'committee', id: 'street_committee' } as const;

function issuesOf(
  input: LedgerInput,
  ledger: PointLedger = emptyLedger(),
): readonly Issue<PointsIssueCode>[] {
  const r = appendToLedger(ledger, input, context);
  return r.ok ? [] : r.issues;
}

function ledgerOf(inputs: readonly LedgerInput[]): PointLedger {
  return unwrap(replayLedger(inputs, context)).ledger;
}

const draft = point('d1', 'm001', 'grid_duty', '2025-03-05', { quantity: 1 });
const submitted = ledgerOf([draft, { type: 'submit', key: 's1', entry: 'd1', by: self, on: '2025-03-06' }]);
const locked = ledgerOf([
  point('a1', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, by: branch }),
  { type: 'audit', key: 'audit-2025', year: 2025, by: committee, on: '2026-01-20' },
  { type: 'reversal', key: 'rev-a1', entry: 'a1', by: committee, on: '2026-02-01', reason: '重复记录' },
]);

/**
 * One input per code (and per `details.reason` where a code has several), each run through the
 * public API. The record's type makes the compiler ask for every code.
 */
export const POINTS_SAMPLES: Record<PointsIssueCode, () => readonly Issue<PointsIssueCode>[]> = {
  POINTS_INVALID_INPUT: () => issuesOf({ ...draft, date: '2025/03/05' }),
  POINTS_INVALID_MEMBER: () => {
    const r = createMemberDirectory([
      { code: 'm1', branch: 'b1', categories: [{ category: 'ordinary', from: '2020-01-01' }] },
      { code: 'm1', branch: 'b1', categories: [{ category: 'ordinary', from: '2020-01-01' }] },
    ]);
    return r.ok ? [] : r.issues;
  },
  POINTS_UNKNOWN_MEMBER: () => issuesOf(point('x', 'm999', 'grid_duty', '2025-03-05', { quantity: 1 })),
  POINTS_IDEMPOTENCY_CONFLICT: () => issuesOf({ ...draft, quantity: 2 }, ledgerOf([draft])),
  POINTS_NO_RULES_AT_DATE: () =>
    issuesOf(point('x', 'm001', 'grid_duty', '2024-12-30', { quantity: 1, on: '2025-01-02' })),
  POINTS_UNKNOWN_ITEM: () => issuesOf(point('x', 'm001', 'river_patrol', '2025-03-05', { quantity: 1 })),
  POINTS_CATEGORY_NOT_ELIGIBLE: () =>
    issuesOf(point('x', 'm001', 'mobile_contact', '2025-03-05', { quantity: 1 })),
  POINTS_RECORDER_NOT_ALLOWED: () =>
    issuesOf(point('x', 'm001', 'honour', '2025-03-05', { evidence: ['e'], by: branch })),
  POINTS_ACTOR_MISMATCH: () =>
    issuesOf(
      point('x', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, by: { role: 'branch', id: 'b2' } }),
    ),
  POINTS_SELF_REVIEW: () =>
    issuesOf(
      {
        type: 'review',
        key: 'r',
        entry: 'd1',
        by: { ...branch, person: { id: 'm001', role: 'branch_secretary', org: 'b1' } },
        on: '2025-03-07',
        decision: 'approve',
      },
      submitted,
    ),
  POINTS_NOT_DUAL_REGISTERED: () =>
    issuesOf(
      point('x', 'm100', 'community_report_service', '2025-03-05', {
        quantity: 1,
        evidence: ['e'],
        by: { role: 'community', id: 'shengli' },
      }),
    ),
  POINTS_EVIDENCE_REQUIRED: () =>
    issuesOf(point('x', 'm001', 'volunteer_service', '2025-03-05', { quantity: 2 })),
  POINTS_INVALID_QUANTITY: () => issuesOf(point('x', 'm001', 'grid_duty', '2025-03-05', { quantity: 1.5 })),
  POINTS_DATE_OUT_OF_ORDER: () => [
    ...issuesOf(point('x', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, on: '2025-03-04' })),
    ...issuesOf(
      { type: 'review', key: 'r', entry: 'd1', by: branch, on: '2025-03-05', decision: 'approve' },
      submitted,
    ),
  ],
  POINTS_UNKNOWN_ENTRY: () =>
    issuesOf({ type: 'submit', key: 's', entry: 'nope', by: self, on: '2025-03-06' }),
  POINTS_INVALID_TRANSITION: () =>
    issuesOf(
      { type: 'review', key: 'r', entry: 'd1', by: branch, on: '2025-03-06', decision: 'approve' },
      ledgerOf([draft]),
    ),
  POINTS_ROLE_NOT_ALLOWED: () =>
    issuesOf(
      { type: 'review', key: 'r', entry: 'd1', by: self, on: '2025-03-07', decision: 'approve' },
      submitted,
    ),
  POINTS_REASON_REQUIRED: () =>
    issuesOf(
      {
        type: 'review',
        key: 'r',
        entry: 'd1',
        by: branch,
        on: '2025-03-07',
        decision: 'reject',
        reason: ' ',
      },
      submitted,
    ),
  POINTS_INVALID_ADJUSTMENT: () =>
    issuesOf(
      {
        type: 'review',
        key: 'r',
        entry: 'd1',
        by: branch,
        on: '2025-03-07',
        decision: 'adjust',
        reason: '核减',
        adjustment: { quantity: 1, points: 1 } as never,
      },
      submitted,
    ),
  POINTS_DEADLINE_PASSED: () =>
    issuesOf(
      { type: 'review', key: 'r', entry: 'd1', by: branch, on: '2025-04-16', decision: 'approve' },
      submitted,
    ),
  POINTS_YEAR_LOCKED: () =>
    issuesOf(
      point('x', 'm001', 'grid_duty', '2025-12-30', { quantity: 1, by: branch, on: '2026-01-02' }),
      locked,
    ),
  POINTS_AUDIT_TOO_EARLY: () =>
    issuesOf({ type: 'audit', key: 'a', year: 2025, by: committee, on: '2025-12-31' }),
  POINTS_AUDIT_PENDING_REVIEW: () =>
    issuesOf(
      { type: 'audit', key: 'a', year: 2025, by: committee, on: '2026-01-05' },
      ledgerOf([
        point('dec', 'm001', 'hazard_report', '2025-12-20', {
          quantity: 1,
          evidence: ['e'],
          by: { role: 'system', id: 'channel' },
        }),
      ]),
    ),
  POINTS_INVALID_CORRECTION: () =>
    issuesOf(
      point('x', 'm001', 'grid_duty', '2025-03-05', {
        quantity: 1,
        by: committee,
        on: '2026-02-02',
        correctionOf: 'a1',
      }),
      locked,
    ),
};

const units = [{ code: 'tax_bureau' }];
const commitments = [{ unit: 'tax_bureau', code: 'c1', text: '每月开展共建活动' }];
const evaluation = {
  unit: 'tax_bureau',
  commitment: 'c1',
  round: 1,
  raterGroup: 'joint_meeting_units',
  rater: 'police',
  score: 90,
};

function coIssues(
  input: Partial<Parameters<typeof assessCoBuilding>[0]>,
): readonly Issue<CoBuildingIssueCode>[] {
  const r = assessCoBuilding(
    { year: 2025, units, commitments, evaluations: [], ...input },
    referenceProfile.coBuilding,
  );
  return r.ok ? [] : r.issues;
}

export const CO_BUILDING_SAMPLES: Record<CoBuildingIssueCode, () => readonly Issue<CoBuildingIssueCode>[]> = {
  COBUILDING_UNKNOWN_UNIT: () => coIssues({ evaluations: [{ ...evaluation, unit: 'ghost' }] }),
  COBUILDING_DUPLICATE_COMMITMENT: () => coIssues({ commitments: [...commitments, ...commitments] }),
  COBUILDING_UNKNOWN_COMMITMENT: () => coIssues({ evaluations: [{ ...evaluation, commitment: 'c9' }] }),
  COBUILDING_UNKNOWN_RATER_GROUP: () => coIssues({ evaluations: [{ ...evaluation, raterGroup: 'mayor' }] }),
  COBUILDING_ROUND_OUT_OF_RANGE: () => coIssues({ evaluations: [{ ...evaluation, round: 3 }] }),
  COBUILDING_SCORE_OUT_OF_RANGE: () => coIssues({ evaluations: [{ ...evaluation, score: 101 }] }),
  COBUILDING_DUPLICATE_EVALUATION: () =>
    coIssues({ evaluations: [evaluation, { ...evaluation, score: 80 }] }),
};

/** The over-cap note: a note, not a refusal. */
export function overCapNote(): PointsNote | undefined {
  const ledger = ledgerOf([
    point('v1', 'm001', 'volunteer_service', '2025-03-01', { quantity: 8, evidence: ['e'], by: branch }),
  ]);
  const r = appendToLedger(
    ledger,
    point('v2', 'm001', 'volunteer_service', '2025-03-20', { quantity: 4, evidence: ['e'], by: branch }),
    context,
  );
  return r.ok ? r.value.notes[0] : undefined;
}
