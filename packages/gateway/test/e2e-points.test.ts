import { createGateway, createGatewayServices, createTokenService, type Principal } from '@jiceng/gateway';
import { type Database, OrgRepository, openDatabase, PointsMemberRepository } from '@jiceng/persistence';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrative, committee, member1, members, party, secretary1 } from './gateway-points-fixtures.js';
import { e2eDatabases, SECRET } from './support.js';

/**
 * A member's year of points as the seed's cadence runs it, as a frontend sends it: over real
 * HTTP to a started server with migrations applied, on SQLite and PostgreSQL. The server's
 * clock walks through 2025 (monthly self-assessment, quarterly branch review) to the
 * committee's audit in January 2026.
 */

describe.each(e2eDatabases())('a member’s year of points end to end over HTTP on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let url: string;
  const clock = { now: new Date('2025-01-20T02:00:00Z') };
  const tokens = new Map<string, string>();

  const principals: Record<string, Principal> = { member: member1, secretary: secretary1, committee };

  async function call(who: string, query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.get(who)}`,
        'accept-language': 'en',
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
    expect({ status: res.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return body.data!;
  }

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    const orgs = new OrgRepository(db.em);
    await orgs.replaceTree('administrative', administrative);
    await orgs.replaceTree('party', party);
    await new PointsMemberRepository(db.em).saveMembers(members);
    const services = await createGatewayServices(db, { record: () => {} });
    const issuer = createTokenService(SECRET);
    app = await createGateway({ services, tokens: issuer, environment: 'test', now: () => clock.now });
    url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    for (const [who, p] of Object.entries(principals)) {
      tokens.set(who, await issuer.issue(p, { now: new Date(), expiresInSeconds: 24 * 3600 * 365 }));
    }
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await db.close();
    await drop();
  });

  const at = (iso: string) => {
    clock.now = new Date(iso);
  };
  const RECORD = `mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { key entry { status } } }`;
  const SUBMIT = `mutation($key: String!, $entry: String!) { submitPointEntry(idempotencyKey: $key, entry: $entry) { entry { status } } }`;
  const REVIEW = `mutation($input: ReviewPointEntryInput!) { reviewPointEntry(input: $input) { entry { status } } }`;

  it('self-assessment, branch review and the committee audit give the year’s total', async () => {
    // January: the member records and submits attending organisational life.
    const jan = await call('member', RECORD, {
      input: {
        idempotencyKey: 'jan',
        member: 'm001',
        item: 'organisational_life',
        date: '2025-01-08',
        quantity: 1,
      },
    });
    expect(jan['recordPointEntry']).toMatchObject({ entry: { status: 'draft' } });
    const janKey = jan['recordPointEntry']!['key'] as string;
    await call('member', SUBMIT, { key: 'jan/submit', entry: janKey });
    // April: the branch reviews the first quarter.
    at('2025-04-05T02:00:00Z');
    await call('secretary', REVIEW, {
      input: { idempotencyKey: 'jan/review', entry: janKey, decision: 'approve' },
    });
    // November: twelve hours of volunteer service, capped at ten points for the month.
    at('2025-11-20T02:00:00Z');
    const nov = await call('member', RECORD, {
      input: {
        idempotencyKey: 'nov',
        member: 'm001',
        item: 'volunteer_service',
        date: '2025-11-20',
        quantity: 12,
        evidence: ['sign-in-1120'],
      },
    });
    const novKey = nov['recordPointEntry']!['key'] as string;
    await call('member', SUBMIT, { key: 'nov/submit', entry: novKey });
    at('2026-01-10T02:00:00Z');
    const reviewed = await call('secretary', REVIEW, {
      input: { idempotencyKey: 'nov/review', entry: novKey, decision: 'approve' },
    });
    expect(reviewed['reviewPointEntry']).toMatchObject({ entry: { status: 'approved' } });
    // January 2026: the committee audits and locks the year.
    at('2026-01-20T02:00:00Z');
    await call(
      'committee',
      'mutation { auditPointsYear(idempotencyKey: "audit-2025", branch: "Pc1", year: 2025) { audited } }',
    );
    const total = await call('member', '{ partyMember(code: "m001") { yearTotal(year: 2025) } }');
    expect(total['partyMember']).toEqual({ yearTotal: 112 });
  }, 60_000);
});
