#!/usr/bin/env node
// The `jiceng` command run from the TypeScript source, without a build step: what `pnpm start`
// and `pnpm jiceng …` run in a clone. Workspace packages resolve to their source through the
// `@jiceng/source` export condition and each file is transformed as it loads (source-hooks.mjs),
// as in the tests. The published package runs its compiled `dist/cli/main.js` instead.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { __decorate, __metadata, __param } from 'tslib';

const args = process.argv.slice(2);
if (args[0] === 'serve' && !args.includes('--help') && !args.includes('-h')) buildIdeIfStale();

// Oxc's decorator helpers in `External` mode are TypeScript's own (tslib's) under these names.
globalThis.babelHelpers = { decorate: __decorate, decorateMetadata: __metadata, decorateParam: __param };
process.setSourceMapsEnabled(true);
register('./source-hooks.mjs', import.meta.url);
await import('../packages/gateway/src/cli/main.ts');

/**
 * `serve` shows GraphiQL from packages/gateway/ide/dist, built from npm by Vite. When it is
 * missing or older than its sources, it is built in a process of its own while the gateway
 * starts (the page says so until it is done).
 */
function buildIdeIfStale() {
  const ide = fileURLToPath(new URL('../packages/gateway/ide/', import.meta.url));
  const mtime = (file) => statSync(join(ide, file), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(mtime('index.html'), mtime('main.js'), mtime('vite.config.js'));
  if (mtime('dist/index.html') >= sources) return;
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const started = performance.now();
  process.stderr.write(
    'GraphiQL: building the in-browser IDE from npm, once (about 10 s, alongside the start)…\n',
  );
  const child = spawn(process.execPath, [vite, 'build', ide], { stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) =>
    process.stderr.write(
      code === 0
        ? `GraphiQL: built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`
        : `GraphiQL: the build failed (exit ${code}); npx -y pnpm@12.4.2 --filter @jiceng/gateway build:ide shows why\n`,
    ),
  );
  // A gateway stopped before the build ends does not wait for it.
  child.unref();
}
