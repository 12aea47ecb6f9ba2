#!/usr/bin/env node
// No source file over 600 lines without a reason written at its top (issue #15). A long file is
// often two things that grew together; when it is one thing (a state machine read top to bottom,
// generated data, an encoding and the loop that reads it), the first lines say so, as
// `// Long file: <why it stays whole>`, so the next reader does not split it blindly. Generated
// files say "do not edit by hand" instead. Each offender is listed and the script exits 1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sourceFiles } from './source-files.mjs';

const LIMIT = 600;
const HEAD_LINES = 5;
const REASON = /^\/\/ (Long file: \S|.*do not edit by hand)/;
const root = new URL('..', import.meta.url).pathname;

const problems = [];
const packages = join(root, 'packages');
for (const pkg of readdirSync(packages).sort()) {
  const src = join(packages, pkg, 'src');
  if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue;
  for (const file of sourceFiles(src)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const count = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    if (count <= LIMIT) continue;
    if (lines.slice(0, HEAD_LINES).some((line) => REASON.test(line))) continue;
    problems.push(
      `${relative(root, file)}: ${count} lines, and no "// Long file: <why>" in its first ${HEAD_LINES} lines`,
    );
  }
}

if (problems.length > 0) {
  process.stderr.write(
    `Files over ${LIMIT} lines without a reason (split them, or say at the top why they stay whole):\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`file size: every file over ${LIMIT} lines says why at its top\n`);
