// Writes the next migration for both engines from the difference between the committed
// migrations and the current mapping. Review the generated SQL by hand before committing.
//
//   pnpm --filter @jiceng/persistence migration:create -- <name>
//
// PostgreSQL: uses JICENG_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test)
// to create a scratch database, which it drops afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entities, openDatabase } from '../src/database.js';
import { createScratchPostgres } from '../test/support/databases.js';

const name = (process.argv.slice(2).find((a) => !a.startsWith('-')) ?? 'change').replace(
  /[^A-Za-z0-9]+/g,
  '_',
);
const root = new URL('..', import.meta.url).pathname;

async function generate(engine: 'sqlite' | 'postgresql', url: string): Promise<void> {
  const dir = join(root, 'src', 'migrations', engine);
  // Throwaway keys: the diff is of the mapping, and the data migrations need some to run.
  const db = await openDatabase({
    url,
    personalData: { source: 'configured', keys: { current: randomBytes(32), lookup: randomBytes(32) } },
  });
  try {
    const result = await db.orm.getMigrator().createMigration(dir, false, false, name);
    if (result.diff.up.length === 0) {
      process.stdout.write(`${engine}: no changes to the mapping of ${entities.length} entities\n`);
      return;
    }
    process.stdout.write(`${engine}: wrote ${result.fileName}\n`);
  } finally {
    await db.close();
  }
  const files = readdirSync(dir)
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .sort();
  const list = `import type { MigrationObject } from '@mikro-orm/core';
${files.map((f, i) => `import { ${f.replace(/\.ts$/, '').replace(/[^A-Za-z0-9_]/g, '_')} as m${i} } from './${f.replace(/\.ts$/, '.js')}';`).join('\n')}

/**
 * The ${engine} migrations, oldest first. Written by \`pnpm --filter @jiceng/persistence migration:create\`
 * and reviewed by hand; listed here so that they run from source and from dist alike.
 */
export const ${engine}Migrations: MigrationObject[] = [
${files.map((f, i) => `  { name: '${f.replace(/\.ts$/, '')}', class: m${i} },`).join('\n')}
];
`;
  writeFileSync(join(dir, 'index.ts'), list);
}

const sqliteFile = join(mkdtempSync(join(tmpdir(), 'jiceng-migration-')), 'scratch.db');
await generate('sqlite', `sqlite:${sqliteFile}`);
const scratch = await createScratchPostgres(
  process.env['JICENG_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
);
try {
  await generate('postgresql', scratch.url);
} finally {
  await scratch.drop();
}
