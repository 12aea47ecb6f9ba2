import { OrgRepository, PointsMemberRepository } from '@jiceng/persistence';
import { beforeAll, describe, expect, it } from 'vitest';
import { cutOffPostgres } from '../../persistence/test/support/databases.js';
import { administrative, county, members, party, secretary1 } from './gateway-points-fixtures.js';
import { e2eDatabases, useGateway } from './support.js';

/**
 * Issue #12: a lost database connection answered INTERNAL_SERVER_ERROR with HTTP 200. Each
 * gateway here owns its database and cuts it off: PostgreSQL refuses new connections and
 * terminates the open ones; SQLite's pool is closed. Both doors answer 503 DATABASE_UNAVAILABLE
 * with Retry-After, write nothing, and serve again once the database is back.
 */
describe.each(e2eDatabases())('a database that cannot be reached, on $name', (database) => {
  const gw = useGateway({ e2e: database });
  let countyToken: string;
  let secretaryToken: string;

  beforeAll(async () => {
    const orgs = new OrgRepository(gw.db.em);
    await orgs.replaceTree('administrative', administrative);
    await orgs.replaceTree('party', party);
    await gw.services.reloadOrgTrees();
    await new PointsMemberRepository(gw.db.em).saveMembers(members);
    countyToken = await gw.token(county);
    secretaryToken = await gw.token(secretary1);
  }, 120_000);

  /** Cuts the database off as an outage would; the returned function brings it back. */
  async function cutOff(): Promise<() => Promise<void>> {
    if (database.name === 'postgresql') {
      const url = gw.db.orm.config.getClientUrl();
      const cut = await cutOffPostgres(process.env['JICENG_TEST_POSTGRES_URL']!, url);
      return () => cut.restore();
    }
    await gw.db.orm.close(true);
    return async () => {
      await gw.db.orm.connect();
    };
  }

  const graphql = (query: string, token: string, variables: Record<string, unknown> = {}) =>
    gw.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'accept-language': 'en',
      },
      payload: JSON.stringify({ query, variables }),
    });
  const READ = '{ partyMember(code: "m001") { code name } }';
  const RECORD = `mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { key } }`;
  const entry = { idempotencyKey: 'outage-1', member: 'm001', item: 'honour', date: '2026-11-20' };

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After on GraphQL and Open311, then serves again', async () => {
    expect((await graphql(READ, countyToken)).statusCode).toBe(200);
    const ledgerBefore = await gw.db.em.fork().count('PointsLedgerRow', {});
    const restore = await cutOff();
    try {
      for (const res of [
        await graphql(READ, countyToken),
        await graphql(RECORD, secretaryToken, { input: entry }),
      ]) {
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        const body = res.json() as { errors: { message: string; extensions: Record<string, unknown> }[] };
        expect(body.errors[0]?.extensions['code']).toBe('DATABASE_UNAVAILABLE');
        expect(body.errors[0]?.message).toMatch(/retry in 5 s \(nothing was saved\)/);
        expect(res.body).not.toMatch(/select |insert |accepting connections|acquire a connection|\.ts:\d+/i);
      }
      const open311 = await gw.app.inject({
        method: 'GET',
        url: `/open311/v2/requests.json?api_key=${countyToken}`,
        headers: { 'accept-language': 'en' },
      });
      expect(open311.statusCode).toBe(503);
      expect(open311.headers['retry-after']).toBe('5');
      expect(open311.json()).toEqual([
        { code: 503, description: expect.stringMatching(/^DATABASE_UNAVAILABLE: /) },
      ]);
      expect((await gw.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    } finally {
      await restore();
    }
    const again = await graphql(READ, countyToken);
    expect({ status: again.statusCode, member: again.json().data?.partyMember?.code }).toEqual({
      status: 200,
      member: 'm001',
    });
    expect(await gw.db.em.fork().count('PointsLedgerRow', {})).toBe(ledgerBefore);
  }, 60_000);
});
