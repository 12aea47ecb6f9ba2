#!/usr/bin/env node
// Release checks CI runs:
// 1. every published package changed since its last release (the last commit that touched its
//    CHANGELOG.md, or the first commit) is named by a pending changeset in .changeset/;
// 2. every published package's exports point at files that exist after the build (publint).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: `packages/${dir}`,
    manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter((p) => !p.manifest.private);

const pending = readdirSync(join(root, '.changeset'))
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => readFileSync(join(root, '.changeset', f), 'utf8'));
const named = new Set(
  pending.flatMap((text) =>
    [...(text.split('---')[1] ?? '').matchAll(/['"]?(@[\w-]+\/[\w-]+)['"]?\s*:/g)].map((m) => m[1]),
  ),
);

const problems = [];
for (const { dir, manifest } of packages) {
  const changelog = join(dir, 'CHANGELOG.md');
  const since = existsSync(join(root, changelog))
    ? git('log', '-1', '--format=%H', '--', changelog)
    : git('rev-list', '--max-parents=0', 'HEAD').split('\n').pop();
  const changed = git('diff', '--name-only', `${since}`, 'HEAD', '--', `${dir}/src`, `${dir}/package.json`);
  if (changed !== '' && !named.has(manifest.name)) {
    problems.push(
      `${manifest.name} changed since its last release but no changeset names it (run \`pnpm changeset\`)`,
    );
  }
  try {
    execFileSync(join(root, 'node_modules', '.bin', 'publint'), ['--pack', 'npm', '--strict', dir], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    problems.push(`${manifest.name}: publint found problems:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `release: ${packages.length} packages have changesets for their changes and pass publint\n`,
);
