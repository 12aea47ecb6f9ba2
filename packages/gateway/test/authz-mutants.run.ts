import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineAuthorisationMatrix, MATRIX_GATEWAY, type Mismatch } from './authorisation-matrix.js';
import { useGateway } from './support.js';

/**
 * The authorisation matrix once per mutant of the policy and scope code, in one process: started
 * by scripts/authz-mutants.mjs (never by the test suite; the file name keeps it out of it), which
 * serves instrumented copies of auth/policy.ts, auth/scope.ts and auth/authorise.ts where every
 * mutant is switched on by `globalThis.__JICENG_MUTANT__`. A mutant is killed when the matrix finds
 * any call answered against its table.
 */
interface Mutant {
  readonly id: string;
  readonly action?: string;
}

declare global {
  var __JICENG_MUTANT__: string | undefined;
}

const dir = process.env['JICENG_AUTHZ_MUTANTS'];

/** A mutant may loop or hang a call: that fails the matrix too. */
const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

describe('authorisation mutants', () => {
  const matrix = defineAuthorisationMatrix(useGateway(MATRIX_GATEWAY));

  it('kills every mutant of the policy and scope code', async () => {
    if (dir === undefined) throw new Error('run by scripts/authz-mutants.mjs (JICENG_AUTHZ_MUTANTS)');
    const mutants = JSON.parse(await readFile(join(dir, 'mutants.json'), 'utf8')) as Mutant[];
    globalThis.__JICENG_MUTANT__ = undefined;
    expect(await matrix.failures()).toEqual([]);
    const results: { id: string; killed: boolean; by?: Mismatch | 'timeout'; ms: number }[] = [];
    for (const mutant of mutants) {
      globalThis.__JICENG_MUTANT__ = mutant.id;
      const started = performance.now();
      let found: Mismatch[] | 'timeout';
      try {
        found = await within(60_000, matrix.failures({ first: true, focus: mutant.action }));
      } catch (error) {
        // The matrix itself broke under the mutant (a setup read through the gateway): killed.
        found = [{ op: 'matrix', place: 'none', caller: '-', got: String(error), expected: 'a run' }];
      }
      globalThis.__JICENG_MUTANT__ = undefined;
      const killed = found === 'timeout' || found.length > 0;
      results.push({
        id: mutant.id,
        killed,
        ...(killed ? { by: found === 'timeout' ? 'timeout' : found[0]! } : {}),
        ms: Math.round(performance.now() - started),
      });
      await writeFile(join(dir, 'results.json'), JSON.stringify(results, null, 1));
    }
    // What the mutants wrote must not change what the original answers.
    expect(await matrix.failures()).toEqual([]);
  }, 3_600_000);
});
