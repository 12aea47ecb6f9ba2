import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// .ci/run sets JICENG_TEST_REPORT to a file path to get a JSON report it can check for skipped tests.
const report = process.env['JICENG_TEST_REPORT'];

export default defineConfig({
  test: {
    // Vitest runs one file at a time on a 2-core machine (cores - 1), but the database files
    // spend most of their time waiting on PostgreSQL: two at a time there, the default above.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', 'scripts/vitest.config.ts'],
    ...(report ? { reporters: ['default', ['json', { outputFile: report }]] } : {}),
  },
});
