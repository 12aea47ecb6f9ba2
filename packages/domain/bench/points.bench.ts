// Member points: score a year for a county-sized membership (100,000 members × 30 entries at
// scale 1, caps on, a rule change on 1 July), and rank and rate everyone in one call. Scoring is
// timed where a caller pays: from the `PointRecord`s it holds (fresh objects and strings, as rows
// parsed from the database or entries appended to a ledger are) to the year's scores.
//   points.score_year                 the scoring loop (`scoreColumns`) over compiled columns
//   points.score_year_vs_sum          a plain loop that only sums the same raw points per member, over
//                                     the same columns, divided by the scoring loop (1.0 is the limit)
//   points.compile_year               records grouped by member → columns (`compilePointColumns`)
//   points.score_year_end_to_end      `scoreYear` from records grouped by member (as a query ordered by
//                                     member, or `pointRecords(ledger, { member })`, gives them): the goal
//   points.score_year_ledger_order    `scoreYear` from the same records in ledger order (as
//                                     `pointRecords(ledger, { year })` and a query by seq give them)
//   points.rank_rate                  `rankAndRate` for every member, the records still held
//   points.rank_rate_tenth            the same for a tenth of the members
//   points.rank_rate_scaling          rank_rate ÷ rank_rate_tenth: 10 is linear in members
//   …_rss_mb                          peak resident memory of the process during that figure, MB
// Times are the best of a few runs; the two loops alternate, so both see the same neighbours.
import {
  compilePointColumns,
  createMemberDirectory,
  createProfileCatalog,
  explainPoints,
  type PartyMember,
  type PointColumns,
  type PointRecord,
  rankAndRate,
  scoreColumns,
  scoreYear,
  seededRandom,
  unwrap,
  type YearScores,
  yearPeriod,
} from '@jiceng/domain';
import { collectGarbage, report, timed, timedWithPeak } from '../../../scripts/bench-harness.js';

const CATEGORIES = ['backbone', 'ordinary', 'ordinary', 'ordinary', 'mobile', 'in_service', 'non_public'];
/** Items by category, as a county's members would record them; every one of them is capped but the deductions. */
const COMMON = [
  'organisational_life',
  'volunteer_service',
  'grid_duty',
  'dispute_mediation',
  'hazard_report',
  'honour',
];
const EXTRA: Record<string, readonly string[]> = {
  backbone: ['pioneer_post'],
  mobile: ['mobile_contact'],
  in_service: ['community_report_service'],
  non_public: ['pioneer_post'],
};
const DEDUCTIONS = ['absence_without_leave', 'late_dues'];
const ITEMS = [...new Set([...COMMON, ...Object.values(EXTRA).flat(), ...DEDUCTIONS])];
const FIXED = new Set(['honour', 'late_dues']);
const YEAR = 2025;

const rules = unwrap(
  createProfileCatalog([
    {
      id: 'bench_county',
      name: { zh: '基准县', en: 'Bench County' },
      extends: 'reference',
      versions: [
        { version: '2025.1', effectiveFrom: '2025-01-01', changes: {} },
        {
          version: '2025.2',
          effectiveFrom: '2025-07-01',
          changes: { points: { items: [{ code: 'volunteer_service', points: 2, caps: { month: 16 } }] } },
        },
      ],
    },
  ]),
).history('bench_county')!;

/** A year of entries as numbers, so that records can be built in any order, each time anew. */
interface Entries {
  readonly members: PartyMember[];
  readonly member: Int32Array;
  readonly item: Uint8Array;
  readonly date: Int16Array;
  /** 0 for an item recorded without a quantity. */
  readonly quantity: Uint8Array;
}

const DATES: string[] = [];
for (let m = 1; m <= 12; m++) {
  for (let d = 1; d <= 28; d++)
    DATES.push(`${YEAR}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

function entries(memberCount: number, perMember: number, seed = 2025): Entries {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const members: PartyMember[] = [];
  const total = memberCount * perMember;
  const member = new Int32Array(total);
  const item = new Uint8Array(total);
  const date = new Int16Array(total);
  const quantity = new Uint8Array(total);
  for (let i = 0, k = 0; i < memberCount; i++) {
    const code = `m${String(i).padStart(7, '0')}`;
    const category = pick(CATEGORIES);
    members.push({
      code,
      branch: `b${String(Math.floor(i / 40)).padStart(5, '0')}`,
      community: `c${Math.floor(i / 1200)}`,
      categories: [{ category, from: '2020-01-01' }],
    });
    const items = [...COMMON, ...(EXTRA[category] ?? [])];
    for (let e = 0; e < perMember; e++, k++) {
      const deduction = random() < 0.08;
      const code = deduction ? pick(DEDUCTIONS) : pick(items);
      member[k] = i;
      item[k] = ITEMS.indexOf(code);
      date[k] = Math.floor(random() * DATES.length);
      quantity[k] = FIXED.has(code) ? 0 : 1 + Math.floor(random() * 4);
    }
  }
  return { members, member, item, date, quantity };
}

/** A copy no other string shares, as a parser makes: its hash is not computed yet. */
function fresh(s: string): string {
  return `${s} `.slice(0, -1);
}

/**
 * The records a caller holds, built in the order given (positions in `entries`), every object and
 * string anew and in that order in memory, as a query's rows or a ledger's appends are.
 */
function records(data: Entries, order: Int32Array): PointRecord[] {
  const out: PointRecord[] = new Array(order.length);
  const steps: readonly string[] = [];
  for (let seq = 0; seq < order.length; seq++) {
    const k = order[seq]!;
    const m = data.members[data.member[k]!]!;
    const date = fresh(DATES[data.date[k]!]!);
    const q = data.quantity[k]!;
    out[seq] = {
      entry: {
        type: 'point',
        key: `${m.code}-${k}`,
        member: fresh(m.code),
        item: fresh(ITEMS[data.item[k]!]!),
        date,
        ...(q === 0 ? {} : { quantity: q }),
        by: { role: 'branch', id: fresh(m.branch) },
        on: date,
        seq,
      },
      status: 'audited',
      lastStepOn: date,
      steps,
    };
  }
  return out;
}

/** Member by member, each member's entries in the order they were recorded. */
function byMember(data: Entries): Int32Array {
  return Int32Array.from({ length: data.member.length }, (_, k) => k);
}

/** In ledger order: by the day an entry was recorded, then as they came. */
function byLedger(data: Entries): Int32Array {
  const perDay = new Int32Array(DATES.length + 1);
  for (const d of data.date) perDay[d + 1]!++;
  for (let d = 0; d < DATES.length; d++) perDay[d + 1]! += perDay[d]!;
  const order = new Int32Array(data.date.length);
  data.date.forEach((d, k) => {
    order[perDay[d]!++] = k;
  });
  return order;
}

export async function run(scale: number): Promise<void> {
  const memberCount = Math.round(100_000 * scale);
  const perMember = 30;
  const data = entries(memberCount, perMember);
  const members = unwrap(createMemberDirectory(data.members));
  const options = { year: YEAR, members, rules };
  let grouped: PointRecord[] | undefined = records(data, byMember(data));
  held = grouped;
  const count = grouped.length;

  // Warm up every path on a slice so that none pays for the JIT inside its measurement.
  const warm = grouped.slice(0, Math.min(count, 300_000));
  const warmColumns = unwrap(compilePointColumns(warm, options));
  scoreColumns(warmColumns);
  plainSum(warmColumns);
  scoreYear([...warm].reverse(), options);
  rankAndRate(scoreColumns(warmColumns), { rules });

  const compiled = fastest(3, () => unwrap(compilePointColumns(grouped!, options)));
  const columns = compiled.result;
  const [kernel, plain] = fastestOf(
    15,
    () => scoreColumns(columns),
    () => plainSum(columns),
  );
  const capped = kernel.result.cappedPoints.reduce((a, b) => a + b, 0);
  if (capped === 0) throw new Error('bench data never reaches a cap');
  report('points.score_year', count / kernel.seconds, 'entries/s');
  report('points.score_year_vs_sum', plain.seconds / kernel.seconds, 'x');
  report('points.compile_year', count / compiled.seconds, 'entries/s');
  const endToEnd = fastest(3, () => unwrap(scoreYear(grouped!, options)));
  report('points.score_year_end_to_end', count / endToEnd.seconds, 'entries/s');
  report('points.score_year_end_to_end_rss_mb', endToEnd.rssMb, 'MB');
  sameTotals(endToEnd.result, kernel.result, 'end-to-end and kernel');
  // The explainable path agrees too (the tests check this on random ledgers; here at scale).
  for (const m of [0, memberCount >> 1, memberCount - 1]) {
    const own = grouped.slice(m * perMember, (m + 1) * perMember);
    const e = unwrap(explainPoints(own, data.members[m]!.code, yearPeriod(YEAR), options));
    if (e.total !== kernel.result.total[m]) throw new Error(`explanation and loop disagree for member ${m}`);
  }

  // Ranked while the records are still held, as a request that loaded them holds them.
  const assessed = assess(kernel.result, memberCount, 5);
  report('points.rank_rate', assessed.seconds, 's');
  report('points.rank_rate_rss_mb', assessed.rssMb, 'MB');
  grouped = undefined;
  held = undefined;
  collectGarbage();

  let ledger: PointRecord[] | undefined = records(data, byLedger(data));
  const inLedgerOrder = fastest(3, () => unwrap(scoreYear(ledger!, options)));
  report('points.score_year_ledger_order', count / inLedgerOrder.seconds, 'entries/s');
  report('points.score_year_ledger_order_rss_mb', inLedgerOrder.rssMb, 'MB');
  sameTotals(inLedgerOrder.result, kernel.result, 'ledger order and member order');
  ledger = undefined;
  collectGarbage();

  // A tenth of the members, to see how ranking and rating grow.
  const tenth = entries(Math.max(1, Math.round(memberCount / 10)), perMember);
  const tenthMembers = unwrap(createMemberDirectory(tenth.members));
  held = records(tenth, byMember(tenth));
  const tenthScores = unwrap(scoreYear(held, { year: YEAR, members: tenthMembers, rules }));
  const small = assess(tenthScores, tenth.members.length, 5);
  held = undefined;
  report('points.rank_rate_tenth', small.seconds, 's');
  report('points.rank_rate_scaling', assessed.seconds / small.seconds, 'x');
}

/** Records a measurement must not let go of, as the caller it stands for would not. */
let held: readonly PointRecord[] | undefined;

/**
 * `rankAndRate` for every member: the fastest of some runs (as many at both sizes, so that the
 * ratio compares like with like), with the peak memory of them all.
 */
function assess(scores: YearScores, memberCount: number, runs: number): { seconds: number; rssMb: number } {
  const best = fastest(runs, () => unwrap(rankAndRate(scores, { rules })));
  if (best.result.rating.ratings.length !== memberCount) throw new Error('not every member was rated');
  return best;
}

function sameTotals(a: YearScores, b: YearScores, what: string): void {
  for (let m = 0; m < a.total.length; m += 997) {
    if (a.total[m] !== b.total[m]) throw new Error(`${what} disagree for member ${m}`);
  }
}

/** The physical limit: the same points, summed per member, nothing else. */
function plainSum(columns: PointColumns): Float64Array {
  const { start, rows, rowsFrom } = columns;
  const n = start.length - 1;
  const out = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    let sum = 0;
    for (let i = rowsFrom + 2 * start[m]! + 1, to = rowsFrom + 2 * start[m + 1]!; i < to; i += 2)
      sum += rows[i]!;
    out[m] = sum;
  }
  return out;
}

/**
 * The fastest of a few runs of a function that takes a good part of a second; the memory figure
 * is the highest peak of them all.
 */
function fastest<T>(runs: number, fn: () => T): { seconds: number; result: T; rssMb: number } {
  let best = timedWithPeak(fn);
  let rssMb = best.rssMb;
  for (let r = 1; r < runs; r++) {
    const t = timedWithPeak(fn);
    rssMb = Math.max(rssMb, t.rssMb);
    if (t.seconds < best.seconds) best = t;
  }
  return { seconds: best.seconds, result: best.result, rssMb };
}

/**
 * The fastest of a few alternating runs of two functions: the loops take milliseconds, so one run
 * is at the mercy of a GC pause or a neighbour on the machine, and alternating exposes both to
 * the same conditions.
 */
function fastestOf<A, B>(
  runs: number,
  a: () => A,
  b: () => B,
): [{ seconds: number; result: A }, { seconds: number; result: B }] {
  let fa = timed(a);
  let fb = timed(b);
  for (let r = 1; r < runs; r++) {
    const ta = timed(a);
    if (ta.seconds < fa.seconds) fa = ta;
    const tb = timed(b);
    if (tb.seconds < fb.seconds) fb = tb;
  }
  return [fa, fb];
}
