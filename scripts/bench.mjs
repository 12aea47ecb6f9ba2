#!/usr/bin/env node
// Runs every package's bench/run.ts in turn, passing through arguments such as --scale=0.1.
// Output is exactly the benchmarks' own lines (`area.name: value unit`), with no prefixes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
let failed = false;
for (const pkg of ['domain', 'persistence', 'gateway']) {
  const entry = join(root, 'packages', pkg, 'bench', 'run.ts');
  if (!existsSync(entry)) continue;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=@jiceng/source', entry, ...args],
    { stdio: 'inherit', cwd: join(root, 'packages', pkg) },
  );
  if (run.status !== 0) {
    process.stderr.write(`bench: packages/${pkg} failed with exit code ${run.status}\n`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
