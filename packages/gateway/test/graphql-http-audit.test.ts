import { type RunningServer, startServer } from '@jiceng/gateway';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('GraphQL over HTTP compliance (graphql-http server audits)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      databaseUrl: 'sqlite::memory:',
      host: '127.0.0.1',
      port: 0,
      profileFiles: [],
      env: {},
      // No reference data needed here: start fast on an empty database.
      seedWhenEmpty: false,
    });
  });
  afterAll(() => server.close());

  it('passes every MUST audit against the running server', async () => {
    const results = await Promise.all(
      serverAudits({ url: server.url, fetchFn: fetch }).map((audit) => audit.fn()),
    );
    const errors = results.flatMap((r) => (r.status === 'error' ? [`${r.id} ${r.name}: ${r.reason}`] : []));
    expect(errors).toEqual([]);
    // The only SHOULDs not met are Apollo's deliberate choice: a request that accepts plain
    // application/json gets 400, not 200, when its document or variables are invalid.
    const warnings = results.filter((r) => r.status === 'warn').map((r) => r.id);
    expect(warnings.sort()).toEqual(['572B', '7B9B', 'FDE2']);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(55);
  });
});
