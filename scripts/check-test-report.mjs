#!/usr/bin/env node
// Fails CI when any test was skipped or left as todo, or when a part that needs a service did not
// run at all: node scripts/check-test-report.mjs <vitest JSON report> [--require=postgresql,chromium]
// (both by default; a run of only the database files asks for postgresql alone).
import { readFileSync } from 'node:fs';

/** What each required part is recognised by (a word in the tests' full names), and how to turn it on. */
const PARTS = {
  postgresql: { name: /postgresql/i, where: 'on PostgreSQL', hint: 'set JICENG_TEST_POSTGRES_URL' },
  chromium: { name: /chromium/i, where: 'in Chromium', hint: 'install Chromium or set JICENG_CHROMIUM' },
};

const [file, ...options] = process.argv.slice(2);
const requireOption = options.find((o) => o.startsWith('--require='));
const required = requireOption ? requireOption.slice('--require='.length).split(',') : Object.keys(PARTS);
for (const part of required) if (!PARTS[part]) throw new Error(`unknown part "${part}" in --require`);

const report = JSON.parse(readFileSync(file, 'utf8'));
const tests = report.testResults.flatMap((f) => f.assertionResults);
const count = (status) => tests.filter((t) => t.status === status).length;
const passed = count('passed');
const failed = count('failed');
const skipped = tests.length - passed - failed;

const problems = [];
if (failed > 0) problems.push(`${failed} test(s) failed`);
if (skipped > 0) problems.push(`${skipped} test(s) were skipped or todo: CI runs everything`);
for (const part of required) {
  const { name, where, hint } = PARTS[part];
  const ran = tests.filter((t) => t.status === 'passed' && name.test(t.fullName)).length;
  process.stdout.write(`${part}: ${ran} tests passed ${where}\n`);
  if (ran === 0) problems.push(`no test ran ${where}: ${hint}`);
}
if (tests.length === 0) problems.push('no tests ran at all');

process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
