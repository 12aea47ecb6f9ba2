import type { RuleProfile } from '../profiles/schema.js';
import { unreachable } from '../shared/result.js';
import { type PointsIssue, pointsIssues } from './errors.js';
import { addDays, lastDayOfMonth, lastDayOfQuarter, lastDayOfYear, yearOf } from './period.js';
import type { PointRecord, PointStatus, PointsRole } from './types.js';

/**
 * The assessment cadence of the seed (每月自评、支部季度考评、党委年终审核) as a state machine
 * over point entries. Every transition names the roles that may take it and the deadline that
 * closes it; anything not in the table is refused.
 */

export const POINT_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'adjusted',
  'rejected',
  'audited',
  'lapsed',
  'reversed',
] as const satisfies readonly PointStatus[];

export const WORKFLOW_ACTIONS = ['submit', 'approve', 'adjust', 'reject', 'audit', 'reverse'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Which deadline of the profile closes a step. */
export type WorkflowStage = 'self_assessment' | 'branch_review' | 'committee_audit';

export interface WorkflowTransition {
  readonly action: WorkflowAction;
  readonly from: readonly PointStatus[];
  readonly to: PointStatus;
  readonly roles: readonly PointsRole[];
  /** Roles that may still take the step once the year is locked. */
  readonly rolesAfterLock: readonly PointsRole[];
  readonly deadline?: WorkflowStage;
}

/**
 * The transition table. `audit` is taken once per year and moves every entry of the year at
 * once: counted entries become audited, unfinished ones lapse.
 */
export const POINT_ENTRY_TRANSITIONS: readonly WorkflowTransition[] = [
  {
    action: 'submit',
    from: ['draft'],
    to: 'submitted',
    roles: ['self'],
    rolesAfterLock: [],
    deadline: 'self_assessment',
  },
  {
    action: 'approve',
    from: ['submitted'],
    to: 'approved',
    roles: ['branch'],
    rolesAfterLock: [],
    deadline: 'branch_review',
  },
  {
    action: 'adjust',
    from: ['submitted'],
    to: 'adjusted',
    roles: ['branch'],
    rolesAfterLock: [],
    deadline: 'branch_review',
  },
  {
    action: 'reject',
    from: ['submitted'],
    to: 'rejected',
    roles: ['branch'],
    rolesAfterLock: [],
    deadline: 'branch_review',
  },
  {
    action: 'audit',
    from: ['approved', 'adjusted'],
    to: 'audited',
    roles: ['committee'],
    rolesAfterLock: [],
    deadline: 'committee_audit',
  },
  {
    action: 'audit',
    from: ['draft', 'submitted'],
    to: 'lapsed',
    roles: ['committee'],
    rolesAfterLock: [],
    deadline: 'committee_audit',
  },
  {
    action: 'reverse',
    from: ['approved', 'adjusted', 'audited'],
    to: 'reversed',
    roles: ['branch', 'committee', 'system'],
    rolesAfterLock: ['committee'],
  },
  {
    // The system withdraws an entry it derived from a fact that was corrected before review.
    action: 'reverse',
    from: ['submitted'],
    to: 'reversed',
    roles: ['system'],
    rolesAfterLock: [],
  },
];

/**
 * Where a new entry starts, by who records it: the member's own record waits for their monthly
 * self-assessment; a community's or the system's waits for branch review (for an in-service
 * member, their own branch counts what the community recorded); the branch's and the
 * committee's own records are their review.
 */
export const INITIAL_STATUS: Readonly<Record<PointsRole, PointStatus>> = {
  self: 'draft',
  community: 'submitted',
  system: 'submitted',
  branch: 'approved',
  committee: 'approved',
};

/** Statuses whose points count toward totals. */
export const COUNTED_STATUSES: ReadonlySet<PointStatus> = new Set(['approved', 'adjusted', 'audited']);

/**
 * The actions an entry in a status allows, as the transition table says.
 *
 * @example
 * allowedActions('submitted') // ['approve', 'adjust', 'reject', 'audit']
 */
export function allowedActions(status: PointStatus): readonly WorkflowAction[] {
  const out: WorkflowAction[] = [];
  for (const t of POINT_ENTRY_TRANSITIONS)
    if (t.from.includes(status) && !out.includes(t.action)) out.push(t.action);
  return out;
}

/** The closing dates of each step for an entry that occurred on `date`. */
export interface EntryDeadlines {
  readonly selfAssessment: string;
  readonly branchReview: string;
  readonly committeeAudit: string;
}

/**
 * When each step closes for an entry, under the rule version in force on its date.
 *
 * @example
 * deadlinesFor('2025-02-14', referenceProfile)
 * // { selfAssessment: '2025-03-10', branchReview: '2025-04-15', committeeAudit: '2026-01-31' }
 */
export function deadlinesFor(date: string, rules: RuleProfile): EntryDeadlines {
  const d = rules.points.deadlines;
  return {
    selfAssessment: addDays(lastDayOfMonth(date), d.selfAssessmentDaysAfterMonth),
    branchReview: addDays(lastDayOfQuarter(date), d.branchReviewDaysAfterQuarter),
    committeeAudit: addDays(lastDayOfYear(yearOf(date)), d.committeeAuditDaysAfterYear),
  };
}

export function deadlineOf(stage: WorkflowStage, deadlines: EntryDeadlines): string {
  switch (stage) {
    case 'self_assessment':
      return deadlines.selfAssessment;
    case 'branch_review':
      return deadlines.branchReview;
    case 'committee_audit':
      return deadlines.committeeAudit;
    default:
      return unreachable(stage, 'workflow stage');
  }
}

/**
 * Checks one per-entry step (everything but the yearly audit) against the table: the status
 * allows the action, the role may take it (after a lock: only the roles that still may), and
 * the step is neither dated before the previous one nor after its deadline.
 */
export function checkStep(
  record: PointRecord,
  action: Exclude<WorkflowAction, 'audit'>,
  role: PointsRole,
  on: string,
  rules: RuleProfile,
  locked: boolean,
): PointsIssue[] {
  const transition = POINT_ENTRY_TRANSITIONS.find(
    (t) => t.action === action && t.from.includes(record.status),
  );
  if (transition === undefined) {
    return [pointsIssues.invalidTransition(action, record.status, allowedActions(record.status))];
  }
  const roles = locked ? transition.rolesAfterLock : transition.roles;
  if (!roles.includes(role)) return [pointsIssues.roleNotAllowed(action, role, roles)];
  const issues: PointsIssue[] = [];
  if (on < record.lastStepOn) issues.push(pointsIssues.stepBeforePrevious(on, record.lastStepOn));
  if (transition.deadline !== undefined) {
    const closes = deadlineOf(transition.deadline, deadlinesFor(record.entry.date, rules));
    if (on > closes)
      issues.push(pointsIssues.deadlinePassed(transition.deadline, closes, on, record.entry.date));
  }
  return issues;
}

/** The steps taken on one entry (the yearly audit is taken on a branch's year). */
export const ENTRY_ACTIONS = [
  'submit',
  'approve',
  'adjust',
  'reject',
  'reverse',
] as const satisfies readonly Exclude<WorkflowAction, 'audit'>[];

/**
 * The steps a role may take on an entry on a day: those `checkStep` lets through, so a client can
 * show exactly the buttons that will work (status, role, the year lock and the deadlines).
 *
 * @example
 * actionsFor(submittedInMarch, 'branch', '2025-04-02', rules, false) // ['approve', 'adjust', 'reject']
 * actionsFor(submittedInMarch, 'branch', '2025-05-01', rules, false) // [] (branch review closed 15 April)
 */
export function actionsFor(
  record: PointRecord,
  role: PointsRole,
  on: string,
  rules: RuleProfile,
  locked: boolean,
): Exclude<WorkflowAction, 'audit'>[] {
  return ENTRY_ACTIONS.filter((action) => checkStep(record, action, role, on, rules, locked).length === 0);
}
