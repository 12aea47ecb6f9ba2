import { describe, expect, it } from 'vitest';
import { gql, NOW, useGateway } from './support.js';

/**
 * A barrage of bad input: each is refused with a clear code and a 4xx status, the server
 * stays up, and nothing is written.
 */
describe('bad input', () => {
  const gw = useGateway();
  const admin = { subject: 'a', role: 'county_admin', scope: '330102' } as const;

  it('is refused clearly, and leaves the server up and the database unchanged', async () => {
    const token = await gw.token(admin);
    const before = {
      ledger: await gw.db.em.fork().count('PointsLedgerRow', {}),
      requests: await gw.db.em.fork().count('GridRequestRow', {}),
    };
    const huge = 'x'.repeat(100_000);
    const cases: {
      name: string;
      query: string;
      token?: string;
      variables?: Record<string, unknown>;
      status: number;
      code: string;
    }[] = [
      {
        name: 'malformed id',
        query: '{ residentRequest(id: "../../etc/passwd") { id } }',
        token,
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        name: 'wrong enum',
        query: '{ orgNode(code: "x") { kind } } query B { ruleProfile(language: klingon) { id } }',
        token,
        status: 400,
        code: 'GRAPHQL_VALIDATION_FAILED',
      },
      {
        name: 'huge string',
        query: 'mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { key } }',
        variables: { input: { idempotencyKey: huge, member: huge, item: 'honour', date: '2026-11-20' } },
        token,
        status: 400,
        code: 'BAD_USER_INPUT',
      },
      {
        name: 'deep',
        query: `{ myScope { ${'children { edges { node { '.repeat(8)}code${' } } }'.repeat(8)} } }`,
        token,
        status: 400,
        // A shape limit is refused with its own code, like the cost limit (docs/graphql.md).
        code: 'QUERY_TOO_COMPLEX',
      },
      {
        name: 'wide aliases',
        query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`,
        token,
        status: 400,
        code: 'QUERY_TOO_COMPLEX',
      },
      {
        name: 'not GraphQL',
        query: 'DROP TABLE points_ledger;',
        token,
        status: 400,
        code: 'GRAPHQL_PARSE_FAILED',
      },
      {
        name: 'invalid JWT',
        query: '{ viewer { role } }',
        token: 'not.a.jwt',
        status: 401,
        code: 'UNAUTHENTICATED',
      },
      {
        name: 'expired JWT',
        query: '{ viewer { role } }',
        token: await gw.token(admin, -60),
        status: 401,
        code: 'UNAUTHENTICATED',
      },
      {
        name: 'date that is not a date',
        query: 'mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { key } }',
        variables: { input: { idempotencyKey: 'k', member: 'm', item: 'honour', date: '2026-02-30' } },
        token,
        status: 400,
        code: 'BAD_USER_INPUT',
      },
    ];
    for (const c of cases) {
      const r = await gql(gw.app, c.query, {
        ...(c.token ? { token: c.token } : {}),
        ...(c.variables ? { variables: c.variables } : {}),
      });
      expect({ name: c.name, status: r.status, code: r.errors?.[0]?.extensions?.['code'] }).toEqual({
        name: c.name,
        status: c.status,
        code: c.code,
      });
      expect(JSON.stringify(r.errors)).not.toMatch(/at .*\.(ts|js):\d+|select |insert /i);
    }
    expect((await gw.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect({
      ledger: await gw.db.em.fork().count('PointsLedgerRow', {}),
      requests: await gw.db.em.fork().count('GridRequestRow', {}),
    }).toEqual(before);
    expect(NOW.getUTCFullYear()).toBe(2026);
  });
});
