import {
  appendToLedger,
  emptyLedger,
  type LedgerInput,
  type PointLedger,
  type PointsActor,
  pointRecord,
  replayLedger,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { context, point } from './fixtures.js';

/**
 * Issue #13: a branch secretary approved their own submitted entry and recorded points for
 * themselves that counted at once, and the ledger named only the branch. Nobody reviews or audits
 * their own entry, and every step keeps the person who took it.
 */
const secretary = { id: 'm001', role: 'branch_secretary', org: 'b1' } as const;
const colleague = { id: 'm003', role: 'branch_secretary', org: 'b1' } as const;
const asBranch = (person: PointsActor['person']): PointsActor => ({ role: 'branch', id: 'b1', person });
const asCommittee = (person: PointsActor['person']): PointsActor => ({
  role: 'committee',
  id: 'street_committee',
  person,
});

const ledgerOf = (inputs: readonly LedgerInput[]): PointLedger =>
  unwrap(replayLedger(inputs, context)).ledger;
const codesOf = (ledger: PointLedger, input: LedgerInput) => {
  const r = appendToLedger(ledger, input, context);
  return r.ok ? [] : r.issues.map((i) => i.code);
};

const submitted = ledgerOf([
  point('d1', 'm001', 'grid_duty', '2025-03-05', { quantity: 1 }),
  { type: 'submit', key: 's1', entry: 'd1', by: { role: 'self', id: 'm001' }, on: '2025-03-06' },
]);

describe('nobody reviews or audits their own entry', () => {
  it.each(['approve', 'reject', 'adjust'] as const)(
    'a secretary cannot %s their own submitted entry',
    (decision) => {
      const review = {
        type: 'review',
        key: 'r1',
        entry: 'd1',
        by: asBranch(secretary),
        on: '2025-03-07',
        decision,
        ...(decision === 'approve' ? {} : { reason: '核', adjustment: { points: 0.5 } }),
      } as LedgerInput;
      expect(codesOf(submitted, review)).toContain('POINTS_SELF_REVIEW');
    },
  );

  it('another secretary of the branch approves it, and the record names who did', () => {
    const r = appendToLedger(
      submitted,
      {
        type: 'review',
        key: 'r1',
        entry: 'd1',
        by: asBranch(colleague),
        on: '2025-03-07',
        decision: 'approve',
      },
      context,
    );
    expect(r.ok).toBe(true);
    const record = pointRecord(unwrap(r).ledger, 'd1')!;
    expect(record.status).toBe('approved');
    expect(record.reviewedBy).toEqual({ role: 'branch', id: 'b1', person: colleague });
  });

  it('a secretary cannot record points for themselves as the branch (they would count at once)', () => {
    const own = point('b1-own', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, by: asBranch(secretary) });
    expect(codesOf(emptyLedger(), own)).toEqual(['POINTS_SELF_REVIEW']);
    const forOther = point('b1-m2', 'm002', 'grid_duty', '2025-03-05', {
      quantity: 1,
      by: asBranch(secretary),
    });
    expect(codesOf(emptyLedger(), forOther)).toEqual([]);
  });

  it('a member records their own draft as themselves: that is not a review', () => {
    const own = point('self-own', 'm001', 'grid_duty', '2025-03-05', {
      quantity: 1,
      by: { role: 'self', id: 'm001', person: { id: 'm001', role: 'member', org: 'b1' } },
    });
    expect(codesOf(emptyLedger(), own)).toEqual([]);
  });

  it('the committee cannot audit a year holding their own entries', () => {
    const year = ledgerOf([
      point('a1', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, by: asBranch(colleague) }),
    ]);
    const audit = (person: PointsActor['person']): LedgerInput => ({
      type: 'audit',
      key: 'audit-2025',
      year: 2025,
      by: asCommittee(person),
      on: '2026-01-20',
    });
    expect(codesOf(year, audit({ id: 'm001', role: 'street_admin', org: '330102001' }))).toEqual([
      'POINTS_SELF_REVIEW',
    ]);
    expect(codesOf(year, audit({ id: 's9', role: 'street_admin', org: '330102001' }))).toEqual([]);
  });

  it('refuses a person without an id, a role or an organisation', () => {
    const bad = point('x', 'm002', 'grid_duty', '2025-03-05', {
      quantity: 1,
      by: { role: 'branch', id: 'b1', person: { id: '', role: 'branch_secretary' } as never },
    });
    expect(codesOf(emptyLedger(), bad)).toEqual(['POINTS_INVALID_INPUT', 'POINTS_INVALID_INPUT']);
  });
});
