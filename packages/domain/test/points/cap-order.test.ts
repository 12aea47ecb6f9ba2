import {
  explainPoints,
  monthPeriod,
  type Period,
  type PointRecord,
  periodTotal,
  quarterPeriod,
  scoreYear,
  unwrap,
  yearPeriod,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { record, referenceHistory, street } from './fixtures.js';

/**
 * Which entry a cap cuts (issue #19, item 2): caps are consumed in occurrence order (date, then
 * key), whatever order the branch approved the entries in. So approving an entry dated d never
 * lowers the year's total, nor the total of a period that holds d or ends before d, nor the points
 * of an entry dated before it; it may lower an entry dated after it that shares a capped period
 * with it, and that entry's explanation then names it among those that used the room first.
 */

// Items of the reference profile with caps of every period: volunteer_service (month 10, year 60),
// pioneer_post (quarter 10), organisational_life
// (month 6), grid_duty (month 5); the member is m003, of the backbone category.
const ITEMS = ['volunteer_service', 'pioneer_post', 'organisational_life', 'grid_duty'] as const;

const entryArb = fc.record({
  item: fc.constantFrom(...ITEMS),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  quantity: fc.integer({ min: 1, max: 12 }),
  approved: fc.boolean(),
});

const pad = (n: number) => String(n).padStart(2, '0');

function recordsOf(entries: readonly Gen[]): PointRecord[] {
  return entries.map((e, i) =>
    record(`e${pad(i)}`, 'm003', e.item, `2025-${pad(e.month)}-${pad(e.day)}`, {
      quantity: e.item === 'volunteer_service' ? e.quantity : Math.min(e.quantity, 3),
      status: e.approved ? 'approved' : 'submitted',
    }),
  );
}
type Gen = { item: (typeof ITEMS)[number]; month: number; day: number; quantity: number; approved: boolean };

const periods: Period[] = [
  yearPeriod(2025),
  ...([1, 2, 3, 4] as const).map((q) => quarterPeriod(2025, q)),
  ...Array.from({ length: 12 }, (_, m) => monthPeriod(2025, m + 1)),
];
const lastDay = (month: number) =>
  `2025-${pad(month)}-${pad(new Date(Date.UTC(2025, month, 0)).getUTCDate())}`;
const startOf = (p: Period) =>
  p.kind === 'year' ? '2025-01-01' : `2025-${pad(p.kind === 'month' ? p.month : 3 * p.quarter - 2)}-01`;
const endOf = (p: Period) =>
  p.kind === 'year' ? '2025-12-31' : lastDay(p.kind === 'month' ? p.month : 3 * p.quarter);

function totals(records: readonly PointRecord[]) {
  const scores = unwrap(scoreYear(records, { year: 2025, members: street, rules: referenceHistory }));
  return periods.map((p) =>
    p.kind === 'year' ? scores.total[street.indexOf.get('m003')!]! : periodTotal(scores, 'm003', p)!.total,
  );
}

function granted(records: readonly PointRecord[]): Map<string, number> {
  const e = unwrap(
    explainPoints(records, 'm003', yearPeriod(2025), { members: street, rules: referenceHistory }),
  );
  return new Map(e.lines.map((l) => [l.key, l.granted]));
}

const occursBefore = (a: PointRecord, b: PointRecord) =>
  a.entry.date < b.entry.date || (a.entry.date === b.entry.date && a.entry.key < b.entry.key);

describe('caps are used in occurrence order, whenever entries are approved', () => {
  it('approving an entry never lowers the year, a period holding it or before it, nor an earlier entry; a later entry it cuts names it', () => {
    let cut = 0;
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 25 }), fc.nat(), (gens, pick) => {
        const before = recordsOf(gens);
        const pending = before.filter((r) => r.status === 'submitted');
        if (pending.length === 0) return;
        const target = pending[pick % pending.length]!;
        const after = before.map((r) => (r === target ? { ...r, status: 'approved' as const } : r));
        const [t0, t1] = [totals(before), totals(after)];
        const d = target.entry.date;
        periods.forEach((p, i) => {
          const holdsOrBefore = endOf(p) < d || (startOf(p) <= d && d <= endOf(p));
          if (holdsOrBefore) expect(t1[i]!, `${p.kind} ${startOf(p)}`).toBeGreaterThanOrEqual(t0[i]!);
        });
        const [g0, g1] = [granted(before), granted(after)];
        const explained = unwrap(
          explainPoints(after, 'm003', yearPeriod(2025), { members: street, rules: referenceHistory }),
        );
        for (const r of before) {
          if (r === target) continue;
          const was = g0.get(r.entry.key)!;
          const now = g1.get(r.entry.key)!;
          if (now >= was) continue;
          // Only an entry dated after the approved one loses, and its cap names the approved one.
          expect(occursBefore(target, r)).toBe(true);
          const line = explained.lines.find((l) => l.key === r.entry.key)!;
          expect(line.cap?.takenBy.map((u) => u.key)).toContain(target.entry.key);
          expect(line.cap?.message.zh).toContain('上限按发生日期先后占用');
          cut++;
        }
      }),
      { numRuns: 300, seed: 19 },
    );
    // The runs did reach the case: an approval that cut a later entry.
    expect(cut).toBeGreaterThan(0);
  });

  it('gives the same totals whatever order the records come in (the approval order is not an input)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 25 }), (gens) => {
        const records = recordsOf(gens);
        expect(totals([...records].reverse())).toEqual(totals(records));
      }),
      { numRuns: 100 },
    );
  });

  it('tells the later entry which earlier one took its room: the worked case of the issue', () => {
    // Quarter cap 10 on pioneer_post: the 20 February entry was approved first and counted 10;
    // the 15 January one, approved later, takes the quarter's room first.
    const feb = record('feb', 'm003', 'pioneer_post', '2025-02-20', { quantity: 2 });
    const jan = record('jan', 'm003', 'pioneer_post', '2025-01-15', { quantity: 2, status: 'submitted' });
    expect(granted([feb, jan]).get('feb')).toBe(10);
    const approved = [feb, { ...jan, status: 'approved' as const }];
    expect(granted(approved).get('jan')).toBe(10);
    expect(granted(approved).get('feb')).toBe(0);
    const q1 = unwrap(
      explainPoints(approved, 'm003', quarterPeriod(2025, 1), { members: street, rules: referenceHistory }),
    );
    expect(q1.total).toBe(10);
    expect(q1.lines.find((l) => l.key === 'feb')?.cap?.message.zh).toBe(
      '“党员示范岗、先锋岗履职”季度上限 10 分，此前已计 10 分，本条 10 分只计 0 分（上限按发生日期先后占用：2025-01-15“jan”已占 10 分）',
    );
  });
});
