// Module hooks for running the TypeScript source without a build (see jiceng.mjs). They run on
// Node's loader thread.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Transformed files by the hash of their source, so a restart transforms only what changed (and
 * loads no transformer when nothing did). Bump the version when the transform's options change.
 */
const CACHE = new URL('../node_modules/.cache/jiceng-source/', import.meta.url);
const TRANSFORM_VERSION = 'oxc-legacy-decorators-1';

/** The workspace packages' export condition that points at `src/index.ts` (as in the tests). */
const SOURCE_CONDITION = '@jiceng/source';

export async function resolve(specifier, context, nextResolve) {
  const withSource = { ...context, conditions: [...context.conditions, SOURCE_CONDITION] };
  try {
    return await nextResolve(specifier, withSource);
  } catch (error) {
    // The source imports `./x.js`, as TypeScript wants, for the file `./x.ts`.
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !relative || !specifier.endsWith('.js')) throw error;
    if (!context.parentURL?.endsWith('.ts')) throw error;
    return nextResolve(`${specifier.slice(0, -3)}.ts`, withSource);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/'))
    return nextLoad(url, context);
  const file = fileURLToPath(url);
  const text = await readFile(file, 'utf8');
  const key = createHash('sha256').update(`${TRANSFORM_VERSION}\0${file}\0${text}`).digest('hex');
  const cached = new URL(`${key}.js`, CACHE);
  let source = await readFile(cached, 'utf8').catch(() => undefined);
  if (source === undefined) {
    source = await transform(text, file);
    await mkdir(CACHE, { recursive: true })
      .then(() => writeFile(cached, source))
      .catch(() => {});
  }
  return { format: 'module', source, shortCircuit: true };
}

/**
 * The same transform the tests run (Oxc, as Vite and Vitest use it), with the legacy decorators
 * and the metadata type-graphql reads; helpers come from `babelHelpers` (see jiceng.mjs).
 */
async function transform(text, file) {
  const { transformWithOxc } = await import('vite');
  const { code, map } = await transformWithOxc(text, file, {
    lang: 'ts',
    decorator: { legacy: true, emitDecoratorMetadata: true },
    helpers: { mode: 'External' },
    sourcemap: true,
  });
  const inlineMap = Buffer.from(JSON.stringify(map)).toString('base64');
  return `${code}\n//# sourceMappingURL=data:application/json;base64,${inlineMap}\n`;
}
