import {
  appendToLedger,
  explainPoints,
  ledgerEntries,
  monthPeriod,
  type PointEntryInput,
  type PointRecord,
  type PointStatus,
  type ProfileHistory,
  periodTotal,
  pointRecords,
  quarterPeriod,
  replayLedger,
  rulesAt,
  scoreYear,
  unwrap,
  type YearScores,
  yearPeriod,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  context,
  fallingCaps,
  record,
  referenceHistory,
  street,
  turnedItem,
  twoVersions,
} from './fixtures.js';

const ITEMS = [
  'organisational_life',
  'volunteer_service',
  'community_report_service',
  'pioneer_post',
  'grid_duty',
  'dispute_mediation',
  'hazard_report',
  'mobile_contact',
  'honour',
  'absence_without_leave',
  'late_dues',
  'discipline',
  'no_such_item',
] as const;
const STATUSES: PointStatus[] = [
  'approved',
  'adjusted',
  'audited',
  'draft',
  'submitted',
  'rejected',
  'lapsed',
  'reversed',
];
const MEMBERS = street.members.map((m) => m.code);
const HISTORIES: ProfileHistory[] = [referenceHistory, twoVersions, fallingCaps, turnedItem];

const anyDate = fc
  .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ month, day }) => `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
/** Half the dates crowd into a few days around a quarter and a rule change, so caps and same-day ties happen. */
const date2025 = fc.oneof(
  anyDate,
  fc.constantFrom(
    '2025-03-30',
    '2025-03-31',
    '2025-04-01',
    '2025-06-30',
    '2025-07-01',
    '2025-07-02',
    '2025-07-14',
    '2025-07-15',
  ),
);

/** Records as a ledger could hold them, mostly counted, with adjustments and some of every other state. */
const recordsArb = fc
  .array(
    fc.record({
      member: fc.constantFrom(...MEMBERS),
      item: fc.constantFrom(...ITEMS),
      date: date2025,
      quantity: fc.integer({ min: 1, max: 9 }),
      status: fc.oneof(
        { weight: 4, arbitrary: fc.constant<PointStatus>('approved') },
        { weight: 3, arbitrary: fc.constantFrom(...STATUSES) },
      ),
      // Rarely, points too large for the 32-bit loop, so the loop in doubles is held to the same answers.
      adjust: fc.option(
        fc.oneof(
          { weight: 5, arbitrary: fc.integer({ min: 0, max: 1500 }).map((c) => ({ points: c / 100 })) },
          { weight: 5, arbitrary: fc.integer({ min: 1, max: 6 }).map((q) => ({ quantity: q })) },
          { weight: 1, arbitrary: fc.integer({ min: 200_000, max: 3_000_000 }).map((p) => ({ points: p })) },
        ),
        { freq: 5 },
      ),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map((r, i): PointRecord => {
      const status: PointStatus = r.adjust !== null && r.status === 'approved' ? 'adjusted' : r.status;
      return record(`k${String(i).padStart(3, '0')}`, r.member, r.item, r.date, {
        quantity: r.quantity,
        status,
        ...(status === 'adjusted' && r.adjust !== null ? { adjustment: r.adjust } : {}),
      });
    }),
  );

function score(records: readonly PointRecord[], rules: ProfileHistory): YearScores {
  return unwrap(scoreYear(records, { year: 2025, members: street, rules }));
}

/** Everything a score says: totals, awards, deductions, capped points, and every member's month totals. */
function columns(s: YearScores): number[][] {
  const months = MEMBERS.map((member) =>
    Array.from({ length: 12 }, (_, i) => periodTotal(s, member, monthPeriod(2025, i + 1))!.total),
  );
  return [
    Array.from(s.total),
    Array.from(s.awards),
    Array.from(s.deductions),
    Array.from(s.cappedPoints),
    ...months,
  ];
}

const hundredths = (x: number) => Math.round(x * 100);

describe('scoring properties', () => {
  it('a total equals the sum of its explanation, for the year and every month and quarter', () => {
    fc.assert(
      fc.property(recordsArb, fc.constantFrom(...HISTORIES), (records, rules) => {
        const scores = score(records, rules);
        for (const [m, member] of MEMBERS.entries()) {
          const e = unwrap(explainPoints(records, member, yearPeriod(2025), { members: street, rules }));
          expect(e.total).toBe(scores.total[m]);
          expect(hundredths(e.base) + e.lines.reduce((s, l) => s + hundredths(l.points), 0)).toBe(
            hundredths(e.total),
          );
          expect(e.lines.filter((l) => l.excluded !== undefined).every((l) => l.points === 0)).toBe(true);
          for (const month of [1, 4, 7, 12]) {
            const em = unwrap(
              explainPoints(records, member, monthPeriod(2025, month), { members: street, rules }),
            );
            expect(em.total).toBe(periodTotal(scores, member, monthPeriod(2025, month))?.total);
          }
          const q = unwrap(
            explainPoints(records, member, quarterPeriod(2025, 3), { members: street, rules }),
          );
          expect(q.total).toBe(periodTotal(scores, member, quarterPeriod(2025, 3))?.total);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reordering the input never changes a total', () => {
    fc.assert(
      fc.property(
        recordsArb.chain((records) =>
          fc.tuple(
            fc.constant(records),
            fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
          ),
        ),
        fc.constantFrom(...HISTORIES),
        ([records, shuffled], rules) => {
          expect(columns(score(shuffled, rules))).toEqual(columns(score(records, rules)));
          // Which entry a cap trims is decided by occurrence order too, never by input order.
          for (const member of MEMBERS) {
            const options = { members: street, rules };
            expect(unwrap(explainPoints(shuffled, member, yearPeriod(2025), options)).lines).toEqual(
              unwrap(explainPoints(records, member, yearPeriod(2025), options)).lines,
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('records grouped by member score as the same records in ledger order', () => {
    // Grouped records take their own path: one directory lookup per member, rows written in place
    // (in directory order) or moved run by run (in any other order of members).
    fc.assert(
      fc.property(recordsArb, fc.constantFrom(...HISTORIES), fc.boolean(), (records, rules, reverse) => {
        const row = (r: PointRecord) => street.indexOf.get(r.entry.member)!;
        const grouped = [...records].sort((a, b) => (reverse ? row(b) - row(a) : row(a) - row(b)));
        expect(columns(score(grouped, rules))).toEqual(columns(score(records, rules)));
      }),
      { numRuns: 100 },
    );
  });

  it('caps are never exceeded, per item and month, quarter and year', () => {
    fc.assert(
      fc.property(recordsArb, fc.constantFrom(...HISTORIES), (records, rules) => {
        for (const member of MEMBERS) {
          const e = unwrap(explainPoints(records, member, yearPeriod(2025), { members: street, rules }));
          const used = new Map<string, number>();
          for (const l of e.lines) {
            if (l.excluded !== undefined) continue;
            expect(l.granted).toBeGreaterThanOrEqual(0);
            expect(l.granted).toBeLessThanOrEqual(l.requested);
            // The cap of the line's own rule version: a line never takes a period past it (when a
            // county lowers a cap mid-period, what was already granted stays, and nothing more is).
            const item = unwrap(rulesAt(rules, l.date)).points.items.find((i) => i.code === l.item)!;
            const month = Number(l.date.slice(5, 7));
            for (const [kind, key] of [
              ['month', `${month}`],
              ['quarter', `q${Math.ceil(month / 3)}`],
              ['year', 'y'],
            ] as const) {
              const k = `${l.item}|${key}`;
              const before = used.get(k) ?? 0;
              const after = before + hundredths(l.granted);
              used.set(k, after);
              const cap = item.caps[kind];
              if (cap !== undefined && l.granted > 0) expect(after).toBeLessThanOrEqual(hundredths(cap));
            }
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('a reversal cancels exactly its original, whatever caps it took part in', () => {
    fc.assert(
      fc.property(
        recordsArb
          .filter((r) => r.length > 0)
          .chain((records) => fc.tuple(fc.constant(records), fc.nat({ max: records.length - 1 }))),
        fc.constantFrom(...HISTORIES),
        ([records, x], rules) => {
          const reversed = records.map((r, i) => (i === x ? { ...r, status: 'reversed' as const } : r));
          const without = records.filter((_, i) => i !== x);
          expect(columns(score(reversed, rules))).toEqual(columns(score(without, rules)));
        },
      ),
      { numRuns: 100 },
    );
  });
});

/** Entries the branch records (approved at once) for members and items that fit, so every one is valid. */
const BRANCH_ITEMS: Record<string, readonly string[]> = {
  m001: [
    'organisational_life',
    'volunteer_service',
    'grid_duty',
    'dispute_mediation',
    'absence_without_leave',
    'late_dues',
  ],
  m003: ['organisational_life', 'pioneer_post', 'volunteer_service', 'hazard_report', 'late_dues'],
};
const validInputsArb = fc
  .array(
    fc.record({
      member: fc.constantFrom('m001', 'm003'),
      pick: fc.nat(),
      date: date2025,
      quantity: fc.integer({ min: 1, max: 5 }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((rows) =>
    rows.map((r, i): PointEntryInput => {
      const items = BRANCH_ITEMS[r.member]!;
      const item = items[r.pick % items.length]!;
      const fixed = item === 'late_dues';
      return {
        type: 'point',
        key: `e${i}`,
        member: r.member,
        item,
        date: r.date,
        ...(fixed ? {} : { quantity: r.quantity }),
        evidence: ['ev'],
        by: { role: 'branch', id: 'b1' },
        on: r.date,
      };
    }),
  );

describe('ledger properties', () => {
  it('replaying with duplicate idempotency keys changes nothing', () => {
    fc.assert(
      fc.property(
        validInputsArb.chain((inputs) =>
          fc.tuple(
            fc.constant(inputs),
            fc.array(fc.tuple(fc.nat({ max: inputs.length - 1 }), fc.nat()), { maxLength: 10 }),
          ),
        ),
        ([inputs, dups]) => {
          const once = unwrap(replayLedger(inputs, context));
          const withDuplicates = [...inputs];
          for (const [which, offset] of dups) {
            // A retry comes after the original.
            const first = withDuplicates.indexOf(inputs[which]!);
            withDuplicates.splice(first + 1 + (offset % (withDuplicates.length - first)), 0, inputs[which]!);
          }
          const replayed = unwrap(replayLedger(withDuplicates, context));
          expect(replayed.duplicates).toBe(withDuplicates.length - inputs.length);
          expect(ledgerEntries(replayed.ledger)).toEqual(ledgerEntries(once.ledger));
          // Replaying the whole ledger again on top of itself appends nothing either.
          const again = unwrap(
            replayLedger(
              ledgerEntries(once.ledger).map(({ seq: _seq, ...input }) => input as PointEntryInput),
              context,
              once.ledger,
            ),
          );
          expect(again.ledger.size).toBe(once.ledger.size);
          expect(again.duplicates).toBe(inputs.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a key reused with another payload is refused and the ledger is unchanged', () => {
    fc.assert(
      fc.property(validInputsArb, fc.nat(), (inputs, pick) => {
        const { ledger } = unwrap(replayLedger(inputs, context));
        const original = inputs[pick % inputs.length]!;
        const changed = { ...original, note: 'changed' };
        const r = appendToLedger(ledger, changed, context);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['POINTS_IDEMPOTENCY_CONFLICT']);
        expect(ledger.size).toBe(inputs.length);
      }),
      { numRuns: 40 },
    );
  });

  it('a reversal in the ledger gives the totals of a ledger that never had the entry', () => {
    fc.assert(
      fc.property(validInputsArb, fc.nat(), (inputs, pick) => {
        const x = pick % inputs.length;
        const { ledger } = unwrap(replayLedger(inputs, context));
        const reversed = unwrap(
          appendToLedger(
            ledger,
            {
              type: 'reversal',
              key: 'rev',
              entry: inputs[x]!.key,
              by: { role: 'committee', id: 'c' },
              on: '2025-12-31',
              reason: '更正',
            },
            context,
          ),
        ).ledger;
        const without = unwrap(
          replayLedger(
            inputs.filter((_, i) => i !== x),
            context,
          ),
        ).ledger;
        const options = { year: 2025, members: street, rules: referenceHistory };
        expect(columns(unwrap(scoreYear(pointRecords(reversed), options)))).toEqual(
          columns(unwrap(scoreYear(pointRecords(without), options))),
        );
      }),
      { numRuns: 40 },
    );
  });
});
