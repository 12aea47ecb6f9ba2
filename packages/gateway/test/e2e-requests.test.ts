import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { createGateway, createGatewayServices, createTokenService, type Principal } from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, SECRET } from './support.js';

/**
 * A resident request through its whole life, as a frontend sends it: over real HTTP to a
 * started server, with migrations applied, on SQLite and on PostgreSQL. The server's clock is
 * moved forward between steps so the request falls overdue and is escalated.
 */
const data = generateReferenceGridDataset(referenceProfile, { scale: 0.1 });
const community = data.communities[0]!.code;
const grid = `${community}-G01`;

describe.each(e2eDatabases())('a resident request end to end over HTTP on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let url: string;
  const clock = { now: new Date('2026-03-02T01:00:00Z') }; // Monday 09:00 in China
  const tokens = new Map<string, string>();

  const principals: Record<string, Principal> = {
    worker: { subject: 'W0001', role: 'grid_worker', scope: grid },
    community: { subject: 'ca', role: 'community_admin', scope: community },
    street: { subject: 'sa', role: 'street_admin', scope: data.streets[0]!.code },
  };

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
    await seedGridDataset(db.em, data);
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

  it('is reported, assigned, escalated when late, resolved and closed, with a full trail', async () => {
    const reported = await call(
      'worker',
      `mutation($input: ReportResidentRequestInput!) { reportResidentRequest(input: $input) { id status level dueDate grid { code } } }`,
      {
        input: {
          type: 'dispute',
          location: { grid },
          summary: '邻里噪音纠纷',
          reporterName: '王芳',
          reporterPhone: '13812345678',
        },
      },
    );
    const request = reported['reportResidentRequest']!;
    expect(request).toMatchObject({ status: 'reported', level: 'grid', grid: { code: grid } });
    // Five working days from Monday 2 March 2026.
    expect(request['dueDate']).toBe('2026-03-09');
    const id = request['id'] as string;

    await call(
      'community',
      `mutation { assignResidentRequest(id: "${id}", assigneeId: "W0001") { status } }`,
    );
    await call('worker', `mutation { startResidentRequest(id: "${id}") { status } }`);

    // Ten days later the request is overdue; the street's sweep escalates it.
    clock.now = new Date('2026-03-12T01:00:00Z');
    const sweep = await call('street', 'mutation { escalateOverdueRequests { escalated } }');
    expect(sweep['escalateOverdueRequests']!['escalated']).toContain(id);

    await call('worker', `mutation { resolveResidentRequest(id: "${id}", note: "双方达成和解") { status } }`);
    await call('community', `mutation { closeResidentRequest(id: "${id}") { status } }`);

    const seen = await call(
      'community',
      `{ residentRequest(id: "${id}") { status level trail { action } reporter { name phone masked } } }`,
    );
    const final = seen['residentRequest'] as { status: string; level: string; trail: { action: string }[] };
    expect(final.status).toBe('closed');
    expect(final.level).not.toBe('grid');
    expect(final.trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['report', 'assign', 'start', 'escalate', 'resolve', 'close']),
    );
    // The grid worker sees the reporter masked; the community administrator in full.
    const masked = await call('worker', `{ residentRequest(id: "${id}") { reporter { phone masked } } }`);
    expect(masked['residentRequest']!['reporter']).toEqual({ phone: '138****5678', masked: true });
  }, 60_000);
});
