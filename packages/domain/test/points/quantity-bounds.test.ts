import {
  appendToLedger,
  checkPointEntry,
  emptyLedger,
  type LedgerInput,
  maxQuantityOf,
  type PointLedger,
  referenceProfile,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { context, point } from './fixtures.js';

const item = (code: string) => referenceProfile.points.items.find((i) => i.code === code)!;

function refused(ledger: PointLedger, input: LedgerInput): { code: string; en: string }[] {
  const r = appendToLedger(ledger, input, context);
  return r.ok ? [] : r.issues.map((i) => ({ code: i.code, en: i.message.en }));
}

/** Issue #12: a quantity of 1e308 was recorded, and the member's explanation then failed. */
describe('a quantity is bounded by its item', () => {
  const volunteer = (quantity: number) =>
    point('v', 'm001', 'volunteer_service', '2025-03-09', { quantity, evidence: ['photo-17'] });

  it('refuses 1e308, Infinity and NaN hours, and more than a day holds', () => {
    expect(refused(emptyLedger(), volunteer(1e308)).map((i) => i.code)).toEqual(['POINTS_INVALID_QUANTITY']);
    for (const quantity of [Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(refused(emptyLedger(), volunteer(quantity)).map((i) => i.code)).toEqual([
        'POINTS_INVALID_INPUT',
      ]);
    }
    expect(refused(emptyLedger(), volunteer(25))).toEqual([
      {
        code: 'POINTS_INVALID_QUANTITY',
        en: 'invalid quantity "25" for "Volunteer service": one entry records at most 24 hours',
      },
    ]);
    expect(refused(emptyLedger(), volunteer(24))).toEqual([]);
    expect(checkPointEntry(volunteer(1e308), context, []).ok).toBe(false);
  });

  it('takes the bound from the item, else from its unit', () => {
    expect(maxQuantityOf(item('volunteer_service'))).toBe(24);
    expect(maxQuantityOf({ ...item('volunteer_service'), maxQuantity: 8 })).toBe(8);
    expect(maxQuantityOf(item('organisational_life'))).toBe(100);
  });

  it('refuses a branch adjustment beyond what one entry of the item can give', () => {
    const ledger = unwrap(appendToLedger(emptyLedger(), volunteer(4), context)).ledger;
    const submitted = unwrap(
      appendToLedger(
        ledger,
        { type: 'submit', key: 'v/submit', entry: 'v', by: { role: 'self', id: 'm001' }, on: '2025-03-31' },
        context,
      ),
    ).ledger;
    const review = (adjustment: { quantity: number } | { points: number }): LedgerInput => ({
      type: 'review',
      key: 'v/review',
      entry: 'v',
      by: { role: 'branch', id: 'b1' },
      on: '2025-04-10',
      decision: 'adjust',
      reason: '核对签到表',
      adjustment,
    });
    expect(refused(submitted, review({ points: 1e308 })).map((i) => i.code)).toEqual([
      'POINTS_INVALID_ADJUSTMENT',
    ]);
    expect(refused(submitted, review({ quantity: 1e308 })).map((i) => i.code)).toEqual([
      'POINTS_INVALID_ADJUSTMENT',
    ]);
    expect(refused(submitted, review({ points: 24 }))).toEqual([]);
  });
});
