import { defineConfig } from 'vitest/config';

// .ci/run sets JICENG_TEST_REPORT to a file path to get a JSON report it can check for skipped tests.
const report = process.env['JICENG_TEST_REPORT'];

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', 'scripts/vitest.config.ts'],
    ...(report ? { reporters: ['default', ['json', { outputFile: report }]] } : {}),
  },
});
