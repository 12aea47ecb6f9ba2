import { buildGatewaySchema } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';
import { defineAuthorisationMatrix, MATRIX_GATEWAY, uncovered } from './authorisation-matrix.js';
import { useGateway } from './support.js';

/**
 * Every door × every role × inside and outside its scope: the authorisation matrix
 * (authorisation-matrix.ts) over the reference county, against its explicit table of what each
 * role may do. scripts/authz-mutants.mjs removes or inverts each check of the policy and scope
 * code (auth/policy.ts, auth/scope.ts, auth/authorise.ts) in turn and runs this matrix; every
 * mutant must fail it, or be listed here with the reason no door can tell it apart.
 */
export const SURVIVING_MUTANTS: Readonly<Record<string, string>> = {
  // personal.read decides in full or masked for an object the caller already reached: a request
  // (request.read, placed by the same grid) or a member (member.read, placed by the same branch,
  // community and grid). Its row is a second lock behind those, so no door tells these apart.
  'policy.ts#POLICY/personal.read.roles:+public':
    'the public reaches no request and no member, so never asks personal.read (the root refuses it first)',
  'policy.ts#POLICY/personal.read.scope:none':
    'every object whose personal data is shown was placed within the scope by its root (request.read, member.read) with the same resource',
  'policy.ts#within/return#3:drop':
    'a member reaches within() only through personal.read, after member.read placed the same member: see above',
  // Without both trees there are no links, and a party scope leads no grid data; the reference
  // county has both, and a fresh installation has no party scope to ask with.
  'scope.ts#gridScopeOf/if#2:drop':
    'with both trees stored the links exist, so the guard for a missing tree never fires (its inversion is killed)',
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
