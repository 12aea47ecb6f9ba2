#!/usr/bin/env node
// Runs every package's bench/run.ts in turn, passing through arguments such as --scale=0.1.
// Output is exactly the benchmarks' own lines (`area.name: value unit`), with no prefixes. A part
// of a bench that cannot complete prints 0 for its figures and says why on stderr (`orZero` in
// bench-harness.ts); a bench file that throws is noted and the next one runs; either way every
// package runs, and the exit code is 1 only when a file stopped or a package failed.
// Domain and persistence benchmarks run from source; the gateway's run against the built
// packages, because type-graphql needs the decorator metadata that tsc emits (and tsx does not).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

const build = spawnSync(
  join(root, 'node_modules', '.bin', 'tsc'),
  ['-b', 'packages/domain', 'packages/persistence', 'packages/gateway'],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

let failed = false;
for (const pkg of ['domain', 'persistence', 'gateway']) {
  const dir = join(root, 'packages', pkg);
  const entry = join(dir, 'bench', 'run.ts');
  if (!existsSync(entry)) continue;
  const fromSource = pkg !== 'gateway';
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', ...(fromSource ? ['--conditions=@jiceng/source'] : []), entry, ...args],
    {
      stdio: 'inherit',
      cwd: dir,
      env: fromSource
        ? process.env
        : { ...process.env, TSX_TSCONFIG_PATH: join(dir, 'bench', 'tsconfig.json') },
    },
  );
  if (run.status !== 0) {
    process.stderr.write(`bench: packages/${pkg} failed with exit code ${run.status}\n`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
