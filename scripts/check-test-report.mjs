#!/usr/bin/env node
// Fails CI when any test was skipped or left as todo, or when the PostgreSQL half did not run.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tests = report.testResults.flatMap((file) => file.assertionResults);
const count = (status) => tests.filter((t) => t.status === status).length;
const passed = count('passed');
const failed = count('failed');
const skipped = tests.length - passed - failed;
const postgres = tests.filter((t) => t.status === 'passed' && /postgresql/i.test(t.fullName)).length;

const problems = [];
if (failed > 0) problems.push(`${failed} test(s) failed`);
if (skipped > 0) problems.push(`${skipped} test(s) were skipped or todo: CI runs everything`);
if (postgres === 0) problems.push('no PostgreSQL test ran: set JICENG_TEST_POSTGRES_URL');
if (tests.length === 0) problems.push('no tests ran at all');

process.stdout.write(`postgresql: ${postgres} tests passed on PostgreSQL\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
