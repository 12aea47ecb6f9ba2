import { buildGatewaySchema } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';
import { defineAuthorisationMatrix, MATRIX_GATEWAY, uncovered } from './authorisation-matrix.js';
import { useGateway } from './support.js';

/**
 * Every door × every role × inside and outside its scope: the authorisation matrix
 * (authorisation-matrix.ts) over the reference county, against its explicit table of what each
 * role may do. scripts/authz-mutants.mjs removes or inverts each check of the policy and scope
 * code (auth/policy.ts, auth/scope.ts, auth/authorise.ts) in turn and runs this matrix, then
 * asks the policy directly (authorisation-policy.ts: what no door can reach); every mutant must
 * fail one or the other, or be listed here with the reason nothing can tell it apart.
 */
export const SURVIVING_MUTANTS: Readonly<Record<string, string>> = {
  // None. The four that no door of the reference county tells apart — personal.read's row and
  // scope rule (a second lock behind request.read and member.read), within() for a member, and
  // gridScopeOf with a tree missing — fail the direct checks of authorisation-policy.ts.
};

describe('authorisation matrix: every door × every role × inside and outside its scope', async () => {
  const schema = await buildGatewaySchema();
  const matrix = defineAuthorisationMatrix(useGateway(MATRIX_GATEWAY));

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
    'unitLead',
    'unitOther',
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
