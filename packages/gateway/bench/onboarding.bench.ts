// Importing a county's register: `jiceng import` of a workbook whose members sheet has
// 200,000 × scale rows (and an organisations sheet of one street), into an empty database, in a
// process of its own (bench/import-child.ts), where the operator pays for it; then the same file
// again, in another.
//   onboarding.import_rows          members rows per second into a SQLite file, the whole command
//                                   (read the file, check every cell, compare, write, record)
//   onboarding.import_rows_pg       the same into a scratch PostgreSQL database
//                                   (JICENG_TEST_POSTGRES_URL, or postgres://postgres@127.0.0.1:5432/test)
//   onboarding.reimport_rows        the same file again on SQLite (every row compared, none written)
//   onboarding.import_rss_mb        peak resident memory of the first import's process (SQLite),
//                                   MB (goal ≤ 512; the live heap stays under 128 MB, the rest is
//                                   garbage V8 lets accumulate before collecting)
//   onboarding.import_vs_bulk       import time ÷ a raw bulk insert of the same rows, already
//                                   mapped and sealed, in one transaction of 1,000-row INSERTs
//                                   (the database's own bulk path), in this run: x
//   onboarding.import_vs_bulk_pg    the same on PostgreSQL
// Writing the workbook is not timed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@jiceng/persistence';
import { orZero, report } from '../../../scripts/bench-harness.js';
// The raw bulk path writes the tables the way the database's own bulk insert would: the mapping
// and the sealing of personal data are internals of the persistence package, read from its source.
import { type PointsMemberRow, PointsMemberSchema } from '../../persistence/src/points/schemas.js';
import { personalDataOf } from '../../persistence/src/secrets/sealing.js';
import { createScratchPostgres } from '../../persistence/test/support/databases.js';
import { countyOrgRows, memberRow, memberRows, writeXlsx } from '../test/onboarding-fixtures.js';

const ROWS = 200_000;
const CATEGORY_CODES: Record<string, string> = {
  骨干类: 'backbone',
  普通类: 'ordinary',
  流动类: 'mobile',
  在职类: 'in_service',
  非公企业和社会组织类: 'non_public',
};

interface ChildResult {
  readonly code: number;
  readonly ms: number;
  readonly maxRssKb: number;
}

function importInChild(file: string, url: string): ChildResult {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', new URL('./import-child.ts', import.meta.url).pathname, file, url],
    { encoding: 'utf8', env: process.env, maxBuffer: 1 << 24 },
  );
  if (child.status !== 0)
    throw new Error(`import child exited with ${child.status}: ${child.stderr.slice(-2000)}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
  if (result.code !== 0)
    throw new Error(`jiceng import failed (${result.code}): ${child.stderr.slice(-2000)}`);
  return result;
}

/** The raw bulk insert of the same members: rows mapped and sealed first (not timed), then INSERTs. */
async function bulkInsertMs(url: string, rows: number): Promise<number> {
  const db: Database = await openDatabase({ url });
  try {
    const codec = await personalDataOf(db.em);
    const members: PointsMemberRow[] = [];
    for (let i = 0; i < rows; i++) {
      const [code, name, category, branch, grid, unit, mobile, residentId] = memberRow(i) as string[];
      const community = branch!.slice(1);
      members.push({
        code: code!,
        name: name!,
        residentId: codec.seal('points_member.resident_id', code!, residentId!),
        residentIdHash: codec.lookup('resident_id', residentId!),
        mobile: codec.seal('points_member.mobile', code!, mobile!),
        mobileHash: codec.lookup('mobile', mobile!),
        branchCode: branch!,
        communityCode: community,
        gridCode: grid!,
        streetCode: 'K1S1',
        buildingId: null,
        workUnit: unit === '' ? null : unit!,
        profileId: 'reference',
        categories: [{ category: CATEGORY_CODES[category!]!, from: '2026-01-01' }],
        dualRegistrations: [],
        registeredCommunities: '||',
      });
    }
    const start = performance.now();
    await db.em.fork().transactional(async (tx) => {
      for (let i = 0; i < rows; i += 1000) {
        await tx.insertMany(PointsMemberSchema, members.slice(i, i + 1000));
      }
    });
    return performance.now() - start;
  } finally {
    await db.close();
  }
}

export async function run(scale: number): Promise<void> {
  const rows = Math.max(1000, Math.round(ROWS * scale));
  const dir = mkdtempSync(join(tmpdir(), 'jiceng-bench-import-'));
  try {
    const file = join(dir, 'county.xlsx');
    await writeXlsx(file, [
      { name: '组织', rows: countyOrgRows() },
      { name: '党员', rows: memberRows(rows) },
    ]);

    await orZero(
      [
        ['onboarding.import_rows', 'rows/s'],
        ['onboarding.reimport_rows', 'rows/s'],
        ['onboarding.import_rss_mb', 'MB'],
        ['onboarding.import_vs_bulk', 'x'],
      ],
      async () => {
        const url = `sqlite:${join(dir, 'import.db')}`;
        const sqlite = importInChild(file, url);
        report('onboarding.import_rows', rows / (sqlite.ms / 1000), 'rows/s');
        report('onboarding.reimport_rows', rows / (importInChild(file, url).ms / 1000), 'rows/s');
        report('onboarding.import_rss_mb', sqlite.maxRssKb / 1024, 'MB');
        const bulk = await bulkInsertMs(`sqlite:${join(dir, 'bulk.db')}`, rows);
        report('onboarding.import_vs_bulk', sqlite.ms / bulk, 'x');
      },
    );

    await orZero(
      [
        ['onboarding.import_rows_pg', 'rows/s'],
        ['onboarding.import_vs_bulk_pg', 'x'],
      ],
      async () => {
        const admin = process.env['JICENG_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
        const scratch = await createScratchPostgres(admin);
        const bulkScratch = await createScratchPostgres(admin);
        try {
          const pg = importInChild(file, scratch.url);
          report('onboarding.import_rows_pg', rows / (pg.ms / 1000), 'rows/s');
          const bulk = await bulkInsertMs(bulkScratch.url, rows);
          report('onboarding.import_vs_bulk_pg', pg.ms / bulk, 'x');
        } finally {
          await scratch.drop();
          await bulkScratch.drop();
        }
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
