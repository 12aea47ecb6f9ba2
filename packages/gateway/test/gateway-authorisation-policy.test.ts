import { describe, expect, it } from 'vitest';
import { POLICY_CHECKS } from './authorisation-policy.js';

/**
 * The policy asked directly, below the doors (authorisation-policy.ts): what the matrix cannot
 * reach through a door. The matrix's `failures()` runs the same checks for every mutant of
 * scripts/authz-mutants.mjs.
 */
describe('the authorisation policy, asked directly', () => {
  it.each(POLICY_CHECKS.map((c) => [c.caller === '-' ? c.op : `${c.op} as ${c.caller}`, c] as const))(
    '%s',
    (_, check) => {
      expect(check.answer()).toBe(check.expected);
    },
  );
});
