// The county CPPCC's duty year 年度履职积分 as the office asks for it (`cppccDutyYear`): read the
// term's ledger and score every member's year with the points engine.
//   cppcc.duty_year             one year of a full five-year term at the reference county's
//                               activity (258 members; the seeded year's records repeated in
//                               2023–2027), read by year (`DutyLedgerRepository.ofYear`) and scored
//   cppcc.duty_year_whole_term  the baseline: the same year scored from the whole term's ledger
//                               (`all`), which is what the report read before
//   cppcc.duty_year_entries     entries the year read returns, against
//   cppcc.duty_term_entries     entries in the term
//   cppcc.duty_year_pg, cppcc.duty_year_whole_term_pg   the same on PostgreSQL
//                               (JICENG_TEST_POSTGRES_URL, or postgres://postgres@127.0.0.1:5432/test)
// Median of 7 runs after one warm-up; seeding is not timed.
import { type DutyLedgerEntry, dutyYear, referenceProfile, unwrap } from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import { orZero, report } from '../../../scripts/bench-harness.js';
import { dutyEntryRow, type ReversalTarget, targetOf } from '../src/cppcc/duty.js';
import { CppccDutyEntrySchema, CppccDutyLedgerSchema } from '../src/cppcc/schemas.js';
import { seedCppccProposals } from '../src/cppcc/seed.js';
import { type Database, DutyLedgerRepository, openDatabase } from '../src/index.js';
import { BATCH, chunks } from '../src/sql.js';
import { createScratchPostgres } from '../test/support/databases.js';

const YEAR = 2025;
const OTHER_YEARS = [2023, 2024, 2026, 2027];
const RUNS = 7;

/** The seeded year's entries again in another year: dates, keys and the records reversed moved. */
function shifted(entries: readonly DutyLedgerEntry[], year: number, from: number): DutyLedgerEntry[] {
  const day = (d: string) => `${year}${d.slice(4)}` as never;
  return entries.map((e, i) =>
    e.type === 'record'
      ? { ...e, key: `${e.key}@${year}`, date: day(e.date), on: day(e.on), seq: from + i }
      : { ...e, key: `${e.key}@${year}`, record: `${e.record}@${year}`, on: day(e.on), seq: from + i },
  );
}

async function seedTerm(db: Database): Promise<{ term: number; entries: number }> {
  const data = generateReferenceCppccDataset(referenceProfile);
  const term = data.committee.term;
  await seedCppccProposals(db.em, referenceProfile);
  const base = data.dutyLedger.entries;
  const rows = OTHER_YEARS.flatMap((year, k) => {
    const moved = shifted(base, year, base.length * (k + 1));
    const targets = new Map<string, ReversalTarget>();
    for (const e of moved) if (e.type === 'record') targets.set(e.key, targetOf(e));
    return moved.map((e) =>
      dutyEntryRow(term, e, e.type === 'record' ? targetOf(e) : targets.get(e.record)!),
    );
  });
  const version = base.length * (OTHER_YEARS.length + 1);
  await db.em.fork().transactional(async (tx) => {
    for (const batch of chunks(rows, BATCH / 10)) await tx.insertMany(CppccDutyEntrySchema, batch);
    await tx.nativeUpdate(CppccDutyLedgerSchema, { term }, { version });
  });
  return { term, entries: version };
}

async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function measure(url: string, suffix: string, counts: boolean): Promise<void> {
  const db = await openDatabase({ url });
  try {
    const { term, entries } = await seedTerm(db);
    const data = generateReferenceCppccDataset(referenceProfile);
    const context = { rules: referenceProfile, committee: data.committee };
    const repo = new DutyLedgerRepository(db.em);
    const byYear = async () => unwrap(dutyYear((await repo.ofYear(term, YEAR))!.ledger, YEAR, context));
    const whole = async () => unwrap(dutyYear((await repo.all(term))!.ledger, YEAR, context));
    // The two paths must agree before either is timed.
    if (JSON.stringify((await byYear()).members) !== JSON.stringify((await whole()).members)) {
      throw new Error('the year read scores differently from the whole term');
    }
    report(`cppcc.duty_year${suffix}`, Math.round(await median(byYear)), 'ms');
    report(`cppcc.duty_year_whole_term${suffix}`, Math.round(await median(whole)), 'ms');
    if (counts) {
      report('cppcc.duty_year_entries', (await repo.ofYear(term, YEAR))!.ledger.entries.length, 'entries');
      report('cppcc.duty_term_entries', entries, 'entries');
    }
  } finally {
    await db.close();
  }
}

export async function run(_scale: number): Promise<void> {
  // The reference county is one size: the scale does not apply.
  await orZero(
    [
      ['cppcc.duty_year', 'ms'],
      ['cppcc.duty_year_whole_term', 'ms'],
      ['cppcc.duty_year_entries', 'entries'],
      ['cppcc.duty_term_entries', 'entries'],
    ],
    () => measure('sqlite::memory:', '', true),
  );
  await orZero(
    [
      ['cppcc.duty_year_pg', 'ms'],
      ['cppcc.duty_year_whole_term_pg', 'ms'],
    ],
    async () => {
      const scratch = await createScratchPostgres(
        process.env['JICENG_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
      );
      try {
        await measure(scratch.url, '_pg', false);
      } finally {
        await scratch.drop();
      }
    },
  );
}
