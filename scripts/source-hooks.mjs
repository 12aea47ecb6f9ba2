// Module hooks for running the TypeScript source without a build (see jiceng.mjs). They run on
// Node's loader thread.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformWithOxc } from 'vite';

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
  // The same transform the tests run (Oxc, as Vite and Vitest use it), with the legacy decorators
  // and the metadata type-graphql reads; helpers come from `babelHelpers` (see jiceng.mjs).
  const { code, map } = await transformWithOxc(await readFile(file, 'utf8'), file, {
    lang: 'ts',
    decorator: { legacy: true, emitDecoratorMetadata: true },
    helpers: { mode: 'External' },
    sourcemap: true,
  });
  const inlineMap = Buffer.from(JSON.stringify(map)).toString('base64');
  return {
    format: 'module',
    source: `${code}\n//# sourceMappingURL=data:application/json;base64,${inlineMap}\n`,
    shortCircuit: true,
  };
}
