import { readFileSync } from 'node:fs';
import { ACTIONS, POLICY, SIGNED_IN_ROLES } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';

const docs = readFileSync(new URL('../../../docs/graphql.md', import.meta.url), 'utf8');

/** The rows of the policy table in docs/graphql.md: action, a tick per role, scope rule. */
function documented() {
  const lines = docs.split('\n');
  const header = lines.findIndex((l) => /^\|\s*action\s*\|/.test(l));
  expect(header, 'docs/graphql.md has the policy table').toBeGreaterThan(0);
  const columns = lines[header]!.split('|')
    .slice(1, -1)
    .map((c) => c.trim());
  const rows = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const cell = (name: string) => cells[columns.indexOf(name)]!;
    rows.push({
      action: cell('action').replaceAll('`', ''),
      roles: SIGNED_IN_ROLES.filter((role) => cell(role) === '✓'),
      scope: cell('scope'),
    });
  }
  return { columns, rows };
}

describe('the authorisation policy in docs/graphql.md', () => {
  it('has a column for every signed-in role and none for the public', () => {
    const { columns } = documented();
    expect(columns.slice(1, 1 + SIGNED_IN_ROLES.length)).toEqual([...SIGNED_IN_ROLES]);
    expect(columns).not.toContain('public');
  });

  it('lists every action of the policy, in its order, with exactly its roles and scope rule', () => {
    expect(documented().rows).toEqual(
      ACTIONS.map((action) => ({
        action,
        roles: SIGNED_IN_ROLES.filter((role) => (POLICY[action].roles as readonly string[]).includes(role)),
        scope: POLICY[action].scope,
      })),
    );
  });

  it('gives the public no action: deny by default', () => {
    for (const action of ACTIONS) expect(POLICY[action].roles as readonly string[]).not.toContain('public');
  });
});
