import {
  actionsFor,
  allowedActions,
  appendToLedger,
  deadlinesFor,
  emptyLedger,
  explainPoints,
  type LedgerInput,
  POINT_ENTRY_TRANSITIONS,
  type PointLedger,
  pointRecord,
  pointRecords,
  referenceProfile,
  scoreYear,
  unwrap,
  yearLock,
  yearPeriod,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { context, point, record, referenceHistory, street } from './fixtures.js';

const self = { role: 'self', id: 'm001' } as const;
const branch = { role: 'branch', id: 'b1' } as const;
const committee = { role: 'committee', id: 'street_committee' } as const;

function append(ledger: PointLedger, input: LedgerInput): PointLedger {
  return unwrap(appendToLedger(ledger, input, context)).ledger;
}

function refused(ledger: PointLedger, input: LedgerInput): string[] {
  const r = appendToLedger(ledger, input, context);
  if (r.ok) throw new Error(`expected ${input.key} to be refused`);
  return r.issues.map((i) => i.code);
}

function total(ledger: PointLedger): number {
  const scores = unwrap(
    scoreYear(pointRecords(ledger, { year: 2025 }), { year: 2025, members: street, rules: referenceHistory }),
  );
  return scores.total[street.indexOf.get('m001')!]!;
}

/**
 * A member's year as the seed's cadence runs it: monthly self-assessment 每月自评, quarterly
 * branch review 支部季度考评 (approve, adjust, reject), year-end committee audit 党委年终审核
 * that locks the year, then a correction after the lock by reversal.
 */
describe("a member's year from self-assessment to audit", () => {
  let ledger = emptyLedger();

  it('records and submits January to March; the branch reviews in April', () => {
    ledger = append(ledger, point('jan-life', 'm001', 'organisational_life', '2025-01-08', { quantity: 1 }));
    expect(pointRecord(ledger, 'jan-life')?.status).toBe('draft');
    ledger = append(ledger, {
      type: 'submit',
      key: 'jan-life/submit',
      entry: 'jan-life',
      by: self,
      on: '2025-01-31',
    });
    ledger = append(
      ledger,
      point('feb-vol', 'm001', 'volunteer_service', '2025-02-15', {
        quantity: 4,
        evidence: ['sign-in-0215'],
      }),
    );
    ledger = append(ledger, {
      type: 'submit',
      key: 'feb-vol/submit',
      entry: 'feb-vol',
      by: self,
      on: '2025-02-28',
    });
    ledger = append(ledger, point('mar-grid', 'm001', 'grid_duty', '2025-03-20', { quantity: 2 }));
    ledger = append(ledger, {
      type: 'submit',
      key: 'mar-grid/submit',
      entry: 'mar-grid',
      by: self,
      on: '2025-03-31',
    });
    expect(pointRecord(ledger, 'feb-vol')?.status).toBe('submitted');
    // Nothing counts before the branch review.
    expect(total(ledger)).toBe(100);

    ledger = append(ledger, {
      type: 'review',
      key: 'jan-life/review',
      entry: 'jan-life',
      by: branch,
      on: '2025-04-05',
      decision: 'approve',
    });
    ledger = append(ledger, {
      type: 'review',
      key: 'feb-vol/review',
      entry: 'feb-vol',
      by: branch,
      on: '2025-04-10',
      decision: 'adjust',
      reason: '签到表只记录了 3 小时',
      adjustment: { quantity: 3 },
    });
    ledger = append(ledger, {
      type: 'review',
      key: 'mar-grid/review',
      entry: 'mar-grid',
      by: branch,
      on: '2025-04-10',
      decision: 'reject',
      reason: '网格联系记录中没有这两次走访',
    });
    expect(pointRecord(ledger, 'feb-vol')).toMatchObject({
      status: 'adjusted',
      adjustment: { quantity: 3 },
      reviewReason: '签到表只记录了 3 小时',
    });
    expect(pointRecord(ledger, 'mar-grid')).toMatchObject({
      status: 'rejected',
      reviewReason: '网格联系记录中没有这两次走访',
    });
    expect(total(ledger)).toBe(100 + 2 + 3);
  });

  it('refuses a second review, a review by the member, and a late self-assessment', () => {
    expect(
      refused(ledger, {
        type: 'review',
        key: 'again',
        entry: 'jan-life',
        by: branch,
        on: '2025-04-11',
        decision: 'approve',
      }),
    ).toEqual(['POINTS_INVALID_TRANSITION']);
    ledger = append(ledger, point('apr-life', 'm001', 'organisational_life', '2025-04-03', { quantity: 1 }));
    expect(
      refused(ledger, {
        type: 'review',
        key: 'own',
        entry: 'apr-life',
        by: self,
        on: '2025-04-20',
        decision: 'approve',
      }),
    ).toEqual(['POINTS_INVALID_TRANSITION']);
    ledger = append(ledger, {
      type: 'submit',
      key: 'apr-life/submit',
      entry: 'apr-life',
      by: self,
      on: '2025-04-30',
    });
    expect(
      refused(ledger, {
        type: 'review',
        key: 'own2',
        entry: 'apr-life',
        by: self,
        on: '2025-05-02',
        decision: 'approve',
      }),
    ).toEqual(['POINTS_ROLE_NOT_ALLOWED']);
    // April's self-assessment closed on 10 May.
    ledger = append(
      ledger,
      point('apr-grid', 'm001', 'grid_duty', '2025-04-28', { quantity: 1, on: '2025-04-29' }),
    );
    expect(
      refused(ledger, {
        type: 'submit',
        key: 'apr-grid/late',
        entry: 'apr-grid',
        by: self,
        on: '2025-05-11',
      }),
    ).toEqual(['POINTS_DEADLINE_PASSED']);
  });

  it('takes the branch’s own records and the system’s, and notes a cap that bites', () => {
    ledger = append(
      ledger,
      point('may-absent', 'm001', 'absence_without_leave', '2025-05-10', { quantity: 1, by: branch }),
    );
    expect(pointRecord(ledger, 'may-absent')?.status).toBe('approved');
    ledger = append(
      ledger,
      point('jun-mediation', 'm001', 'dispute_mediation', '2025-06-01', {
        quantity: 1,
        evidence: ['case-3301'],
        by: { role: 'system', id: 'resident_request_channel' },
      }),
    );
    ledger = append(ledger, {
      type: 'review',
      key: 'jun-mediation/review',
      entry: 'jun-mediation',
      by: branch,
      on: '2025-07-05',
      decision: 'approve',
    });
    ledger = append(ledger, {
      type: 'review',
      key: 'apr-life/review',
      entry: 'apr-life',
      by: branch,
      on: '2025-07-05',
      decision: 'approve',
    });

    const nov = appendToLedger(
      ledger,
      point('nov-vol', 'm001', 'volunteer_service', '2025-11-20', {
        quantity: 12,
        evidence: ['sign-in-1120'],
      }),
      context,
    );
    const appended = unwrap(nov);
    expect(appended.notes.map((n) => n.code)).toEqual(['POINTS_OVER_CAP']);
    expect(appended.notes[0]?.details).toMatchObject({ period: 'month', cap: 10, requested: 12, counts: 10 });
    expect(appended.notes[0]?.message.zh).toContain('预计只计 10 分');
    ledger = appended.ledger;
    ledger = append(ledger, {
      type: 'submit',
      key: 'nov-vol/submit',
      entry: 'nov-vol',
      by: self,
      on: '2025-11-30',
    });
    ledger = append(ledger, {
      type: 'review',
      key: 'nov-vol/review',
      entry: 'nov-vol',
      by: branch,
      on: '2026-01-10',
      decision: 'approve',
    });
    // A December draft the member never submits.
    ledger = append(ledger, point('dec-life', 'm001', 'organisational_life', '2025-12-28', { quantity: 1 }));
    // 100 + 2 + 3 + 2 (April) − 3 + 3 + 10 (capped from 12)
    expect(total(ledger)).toBe(117);
  });

  it('audits after year end, not before and not while a review is still open', () => {
    expect(
      refused(ledger, { type: 'audit', key: 'audit-early', year: 2025, by: committee, on: '2025-12-31' }),
    ).toEqual(['POINTS_AUDIT_TOO_EARLY']);
    expect(
      refused(ledger, { type: 'audit', key: 'audit-branch', year: 2025, by: branch, on: '2026-01-20' }),
    ).toEqual(['POINTS_ROLE_NOT_ALLOWED']);
    // The December draft could still be submitted until 10 January.
    expect(
      refused(ledger, { type: 'audit', key: 'audit-jan5', year: 2025, by: committee, on: '2026-01-05' }),
    ).toEqual(['POINTS_AUDIT_PENDING_REVIEW']);
    ledger = append(ledger, {
      type: 'audit',
      key: 'audit-2025',
      year: 2025,
      by: committee,
      on: '2026-01-20',
    });
    expect(yearLock(ledger, 2025, referenceHistory)).toEqual({
      key: 'audit-2025',
      on: '2026-01-20',
      daysLate: 0,
    });
    expect(pointRecord(ledger, 'jan-life')?.status).toBe('audited');
    expect(pointRecord(ledger, 'feb-vol')?.status).toBe('audited');
    expect(pointRecord(ledger, 'mar-grid')?.status).toBe('rejected');
    expect(pointRecord(ledger, 'dec-life')?.status).toBe('lapsed');
    expect(pointRecord(ledger, 'apr-grid')?.status).toBe('lapsed');
    expect(total(ledger)).toBe(117);
  });

  it('refuses every change to the locked year except a reversal by the committee', () => {
    expect(
      refused(
        ledger,
        point('late', 'm001', 'grid_duty', '2025-12-30', { quantity: 1, by: branch, on: '2026-01-25' }),
      ),
    ).toEqual(['POINTS_YEAR_LOCKED']);
    expect(
      refused(ledger, {
        type: 'submit',
        key: 'dec-life/submit',
        entry: 'dec-life',
        by: self,
        on: '2026-01-21',
      }),
    ).toEqual(['POINTS_YEAR_LOCKED']);
    expect(
      refused(ledger, {
        type: 'reversal',
        key: 'rev-by-branch',
        entry: 'jun-mediation',
        by: branch,
        on: '2026-03-01',
        reason: '重复记录',
      }),
    ).toEqual(['POINTS_ROLE_NOT_ALLOWED']);
    expect(
      refused(ledger, { type: 'audit', key: 'audit-again', year: 2025, by: committee, on: '2026-01-25' }),
    ).toEqual(['POINTS_YEAR_LOCKED']);
    expect(
      refused(ledger, {
        type: 'reversal',
        key: 'rev-rejected',
        entry: 'mar-grid',
        by: committee,
        on: '2026-03-01',
        reason: 'x',
      }),
    ).toEqual(['POINTS_INVALID_TRANSITION']);
  });

  it('corrects after the lock: a reversal cancels the original, a correction restates it', () => {
    const before = total(ledger);
    ledger = append(ledger, {
      type: 'reversal',
      key: 'rev-mediation',
      entry: 'jun-mediation',
      by: committee,
      on: '2026-03-01',
      reason: '该纠纷已由他人记分，重复记录',
    });
    expect(total(ledger)).toBe(before - 3);
    expect(pointRecord(ledger, 'jun-mediation')).toMatchObject({
      status: 'reversed',
      reversal: { key: 'rev-mediation', reason: '该纠纷已由他人记分，重复记录' },
    });
    expect(
      refused(ledger, {
        type: 'reversal',
        key: 'rev-twice',
        entry: 'jun-mediation',
        by: committee,
        on: '2026-03-02',
        reason: 'x',
      }),
    ).toEqual(['POINTS_INVALID_TRANSITION']);

    ledger = append(ledger, {
      type: 'reversal',
      key: 'rev-nov',
      entry: 'nov-vol',
      by: committee,
      on: '2026-03-01',
      reason: '实际服务 8 小时',
    });
    ledger = append(
      ledger,
      point('nov-vol-corrected', 'm001', 'volunteer_service', '2025-11-20', {
        quantity: 8,
        evidence: ['sign-in-1120'],
        by: committee,
        on: '2026-03-01',
        correctionOf: 'rev-nov',
      }),
    );
    expect(pointRecord(ledger, 'nov-vol-corrected')?.status).toBe('audited');
    expect(total(ledger)).toBe(before - 3 - 10 + 8);
    expect(
      refused(
        ledger,
        point('nov-vol-again', 'm001', 'volunteer_service', '2025-11-20', {
          quantity: 8,
          evidence: ['x'],
          by: committee,
          on: '2026-03-02',
          correctionOf: 'rev-nov',
        }),
      ),
    ).toEqual(['POINTS_INVALID_CORRECTION']);

    const e = unwrap(
      explainPoints(pointRecords(ledger, { member: 'm001' }), 'm001', yearPeriod(2025), context),
    );
    expect(e.total).toBe(112);
    expect(e.lines.find((l) => l.key === 'jun-mediation')?.excluded?.reason).toBe('reversed');
    expect(e.lines.find((l) => l.key === 'nov-vol-corrected')).toMatchObject({
      granted: 8,
      correctionOf: 'rev-nov',
    });
    expect(e.lines.find((l) => l.key === 'feb-vol')).toMatchObject({
      requested: 3,
      granted: 3,
      reviewReason: '签到表只记录了 3 小时',
    });
  });
});

describe('the transition table', () => {
  it('names the roles of each step and closes each per-entry step with a deadline', () => {
    const byAction = Object.fromEntries(POINT_ENTRY_TRANSITIONS.map((t) => [t.action, t.roles]));
    expect(byAction).toEqual({
      submit: ['self'],
      approve: ['branch'],
      adjust: ['branch'],
      reject: ['branch'],
      audit: ['committee'],
      // The last reverse row: the system withdraws a submitted entry it derived from a fact.
      reverse: ['system'],
    });
    const reversals = POINT_ENTRY_TRANSITIONS.filter((t) => t.action === 'reverse');
    expect(reversals.map((t) => [t.from, t.roles, t.rolesAfterLock])).toEqual([
      [['approved', 'adjusted', 'audited'], ['branch', 'committee', 'system'], ['committee']],
      [['submitted'], ['system'], []],
    ]);
    expect(allowedActions('submitted')).toEqual(['approve', 'adjust', 'reject', 'audit', 'reverse']);
    expect(allowedActions('draft')).toEqual(['submit', 'audit']);
    expect(allowedActions('rejected')).toEqual([]);
    expect(allowedActions('audited')).toEqual(['reverse']);
  });

  it('tells a role which steps it may take on an entry today, lock and deadlines included', () => {
    const submitted = record('k', 'm001', 'grid_duty', '2025-02-14', { quantity: 1, status: 'submitted' });
    const draft = record('d', 'm001', 'grid_duty', '2025-02-14', { quantity: 1, status: 'draft' });
    const approved = record('a', 'm001', 'grid_duty', '2025-02-14', { quantity: 1 });
    const on = (
      day: string,
      r = submitted,
      role: 'self' | 'branch' | 'committee' = 'branch',
      locked = false,
    ) => actionsFor(r, role, day, referenceProfile, locked);
    expect(on('2025-03-01')).toEqual(['approve', 'adjust', 'reject']);
    // Branch review of the first quarter closes on 15 April.
    expect(on('2025-04-16')).toEqual([]);
    expect(on('2025-03-01', submitted, 'self')).toEqual([]);
    expect(on('2025-03-01', draft, 'self')).toEqual(['submit']);
    // The month's self-assessment closes on 10 March.
    expect(on('2025-03-11', draft, 'self')).toEqual([]);
    expect(on('2025-06-01', approved)).toEqual(['reverse']);
    expect(on('2026-03-01', approved, 'branch', true)).toEqual([]);
    expect(on('2026-03-01', approved, 'committee', true)).toEqual(['reverse']);
    // A step cannot be dated before the entry's last one.
    expect(on('2025-02-13')).toEqual([]);
  });

  it('computes deadlines from the profile: month end + 10, quarter end + 15, year end + 31', () => {
    expect(deadlinesFor('2025-02-14', referenceProfile)).toEqual({
      selfAssessment: '2025-03-10',
      branchReview: '2025-04-15',
      committeeAudit: '2026-01-31',
    });
    expect(deadlinesFor('2024-02-29', referenceProfile).selfAssessment).toBe('2024-03-10');
    expect(deadlinesFor('2025-12-31', referenceProfile).branchReview).toBe('2026-01-15');
  });

  it('reports a late audit without refusing it, so a year can always be locked', () => {
    const l = unwrap(
      appendToLedger(
        emptyLedger(),
        { type: 'audit', key: 'a', year: 2025, by: committee, on: '2026-02-10' },
        context,
      ),
    ).ledger;
    expect(yearLock(l, 2025, referenceHistory)?.daysLate).toBe(10);
  });
});
