import { buildGatewaySchema } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';
import { uncovered, useAuthorisationMatrix } from './authorisation-matrix.js';

/**
 * Every door × every role × inside and outside its scope: the authorisation matrix
 * (authorisation-matrix.ts) over the reference county, against its explicit table of what each
 * role may do. scripts/authz-mutants.mjs removes or inverts each check of the policy and scope
 * code (auth/policy.ts, auth/scope.ts, auth/authorise.ts) in turn and runs this matrix; every
 * mutant must fail it, or be listed here with the reason no door can tell it apart.
 */
export const SURVIVING_MUTANTS: Readonly<Record<string, string>> = {};

describe('authorisation matrix: every door × every role × inside and outside its scope', async () => {
  const schema = await buildGatewaySchema();
  const matrix = useAuthorisationMatrix();

  it('covers every root field, every edge to another object, Open311 and the CLI', () => {
    expect(uncovered(schema, matrix.cases())).toEqual([]);
    expect(matrix.cases().length).toBeGreaterThan(95);
  });

  it('the public gets the public doors only', async () => {
    expect(await matrix.mismatches(undefined)).toEqual([]);
  });

  it.each([
    'county',
    'otherCounty',
    'street',
    'gang',
    'community1',
    'community2',
    'secretary1',
    'secretary2',
    'worker1',
    'worker2',
    'member1',
    'member2',
  ])('%s: allowed inside its scope, refused outside it, by the table', async (name) => {
    expect(await matrix.mismatches(matrix.caller(name))).toEqual([]);
  });

  it('answers an object outside the scope exactly as one that does not exist', async () => {
    const { probed, wrong } = await matrix.probes();
    expect(wrong).toEqual([]);
    expect(probed).toBeGreaterThan(50);
  });

  it('jiceng calendar import: the operator writes as the administrator of the county the database serves', async () => {
    expect(await matrix.cli()).toEqual([]);
  });
});
