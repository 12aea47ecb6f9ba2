// Browser bundle sizes of the domain package, as a frontend's bundler would produce them: esbuild,
// minified, ES modules, browser platform, from the built package (`dist`), gzipped at level 9.
//   bundle.score_gzip_kb  keep and score one member's points with the reference rules
//                         (bundle/score-one-member.ts); the schema validator must stay out of it
//   bundle.parse_gzip_kb  parse and resolve a county's YAML profile (bundle/parse-profile.ts):
//                         needs the YAML parser and the schema validator
//   bundle.score_vs_parse the two ÷: how much of the validator the scoring path avoids
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { report } from '../../../scripts/bench-harness.js';

const domainEntry = new URL('../dist/index.js', import.meta.url).pathname;

/** Gzipped size in KB of `entry` bundled as a browser application would bundle it. */
export async function gzippedKb(entry: string): Promise<number> {
  const result = await build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    alias: { '@jiceng/domain': domainEntry },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return gzipSync(code, { level: 9 }).length / 1024;
}

export async function run(): Promise<void> {
  const score = await gzippedKb('./bundle/score-one-member.ts');
  const parse = await gzippedKb('./bundle/parse-profile.ts');
  report('bundle.score_gzip_kb', score, 'KB');
  report('bundle.parse_gzip_kb', parse, 'KB');
  report('bundle.score_vs_parse', score / parse, 'x');
}
