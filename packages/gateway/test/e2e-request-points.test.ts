import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { createGateway, createGatewayServices, createTokenService, type Principal } from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, SECRET } from './support.js';

/**
 * Points from facts 自动记分 for the resident request channel 民情直通车, over real HTTP on SQLite and
 * PostgreSQL: a dispute that a grid worker who is a party member resolves earns that member the
 * profile's item as a system entry linked to the request; reopening the request reverses it (the
 * link kept), resolving it again records the next revision; a request resolved by someone who is
 * no party member earns nothing.
 */
const data = generateReferenceGridDataset(referenceProfile, { scale: 0.1 });
const community = data.communities[0]!.code;
const grid = `${community}-G01`;
const partyWorker = data.workers.find((w) => w.partyMemberId !== null && w.homeCommunityCode === community)!;
const plainWorker = data.workers.find((w) => w.partyMemberId === null && w.homeCommunityCode === community)!;

describe.each(e2eDatabases())('points from resolved resident requests over HTTP on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let url: string;
  const clock = { now: new Date('2026-03-02T01:00:00Z') };
  const tokens = new Map<string, string>();
  const principals: Record<string, Principal> = {
    party: { subject: partyWorker.id, role: 'grid_worker', scope: grid },
    plain: { subject: plainWorker.id, role: 'grid_worker', scope: grid },
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
    return Object.values(body.data!)[0]!;
  }
  const report = async (type: string) =>
    (
      await call(
        'community',
        'mutation($input: ReportResidentRequestInput!) { reportResidentRequest(input: $input) { id } }',
        {
          input: {
            type,
            location: { grid },
            summary: '邻里纠纷',
            reporterName: '王芳',
            reporterPhone: '13812345678',
          },
        },
      )
    )['id'] as string;
  const work = async (id: string, who: string, worker: string) => {
    await call(
      'community',
      `mutation { assignResidentRequest(id: "${id}", assigneeId: "${worker}") { status } }`,
    );
    await call(who, `mutation { startResidentRequest(id: "${id}") { status } }`);
    await call(who, `mutation { resolveResidentRequest(id: "${id}", note: "已化解") { status } }`);
  };
  const entry = async (key: string) =>
    (await call(
      'street',
      `{ pointEntry(key: "${key}") { key memberCode item status source { kind id } reversal { reason } } }`,
    )) as Record<string, unknown> | null;

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
    await app?.close();
    await db?.close();
    await drop?.();
  });

  it('records the resolving member’s dispute mediation, reverses it on reopening and records it again', async () => {
    const id = await report('dispute');
    await work(id, 'party', partyWorker.id);
    const key = `resident_request:${id}/${partyWorker.partyMemberId}/dispute_mediation`;
    expect(await entry(key)).toMatchObject({
      memberCode: partyWorker.partyMemberId,
      item: 'dispute_mediation',
      status: 'submitted',
      source: { kind: 'resident_request', id },
      reversal: null,
    });
    clock.now = new Date('2026-03-03T01:00:00Z');
    await call(
      'community',
      `mutation { reopenResidentRequest(id: "${id}", reason: "当事人反映未化解") { status } }`,
    );
    expect(await entry(key)).toMatchObject({ status: 'reversed', source: { kind: 'resident_request', id } });
    await call('party', `mutation { resolveResidentRequest(id: "${id}", note: "再次调解成功") { status } }`);
    expect(await entry(`${key}#2`)).toMatchObject({ status: 'submitted', item: 'dispute_mediation' });
    await call('community', `mutation { closeResidentRequest(id: "${id}") { status } }`);
    expect(await entry(`${key}#2`)).toMatchObject({ status: 'submitted' });
  });

  it('records nothing for a service request (no fact rule) or a resolver who is no party member', async () => {
    const service = await report('service_request');
    await work(service, 'party', partyWorker.id);
    const dispute = await report('dispute');
    await work(dispute, 'plain', plainWorker.id);
    const list = (await call(
      'street',
      `{ partyMember(code: "${partyWorker.partyMemberId}") { pointEntries(year: 2026) { totalCount edges { node { key } } } } }`,
    )) as {
      pointEntries: { edges: { node: { key: string } }[] };
    };
    expect(
      list.pointEntries.edges
        .map((e) => e.node.key)
        .filter((k) => k.includes(service) || k.includes(dispute)),
    ).toEqual([]);
  });
});
