import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import {
  createGateway,
  createGatewayServices,
  createTokenService,
  type GatewayServices,
  redactUrl,
} from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, gql, NOW, SECRET } from './support.js';

const PHONE = '13987654321';
const NAME = '李四';
const dataset = generateReferenceGridDataset(referenceProfile, { scale: 0.1 });
const grid = dataset.grids[0]!;
const tokens = createTokenService(SECRET);

/** A gateway on `db` whose every log line (pino JSON, and the error logger's entries) is kept. */
async function loggedGateway(db: Database) {
  const lines: string[] = [];
  const services = await createGatewayServices(db, { record: () => {} });
  const app = await createGateway({
    services,
    tokens,
    environment: 'test',
    now: () => NOW,
    logLevel: 'info',
    logStream: { write: (line) => lines.push(line) },
    logger: { error: (entry) => lines.push(JSON.stringify(entry)) },
  });
  return { app, services, lines };
}

describe('Open311 keys in the request logs', () => {
  let db: Database;
  let gw: { app: FastifyInstance; services: GatewayServices; lines: string[] };
  let key: string;

  beforeAll(async () => {
    db = await openDatabase({ url: 'sqlite::memory:' });
    gw = await loggedGateway(db);
    key = await tokens.issue(
      { subject: 'app-1', role: 'street_admin', scope: grid.streetCode },
      { now: NOW, expiresInSeconds: 3600 },
    );
  }, 60_000);

  afterAll(async () => {
    await gw.app.close();
    await gw.services.close();
    await db.close();
  });

  it('the api_key of the URL (a live token) was written to the request logs: now redacted in every line', async () => {
    const before = gw.lines.length;
    const read = await gw.app.inject({
      method: 'GET',
      url: `/open311/v2/requests/R-none.json?api_key=${key}`,
    });
    expect(read.statusCode).toBe(404);
    // Percent-encoded names are the same parameter to the parser, and to the redaction.
    await gw.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api%5Fkey=${key}&status=open` });
    // An unknown route is logged by Fastify with its URL in the message.
    await gw.app.inject({ method: 'GET', url: `/open311/v2/nowhere.json?api_key=${key}` });
    const logged = gw.lines.slice(before).join('\n');
    expect(logged).toContain('/open311/v2/requests/R-none.json?api_key=[REDACTED]');
    expect(logged).toContain('status=open');
    expect(logged).not.toContain(key);
    expect(logged).not.toContain(key.split('.')[2]!);
  });

  it('takes the key in an X-Api-Key header or as a bearer token, so it need not be in the URL', async () => {
    const url = '/open311/v2/requests/R-none.json';
    expect((await gw.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const header = await gw.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
    expect(header.statusCode).toBe(404);
    const bearer = await gw.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
    expect(bearer.statusCode).toBe(404);
    const wrong = await gw.app.inject({ method: 'GET', url, headers: { 'x-api-key': `${key}x` } });
    expect(wrong.statusCode).toBe(401);
  });

  it('redacts credentials whatever their case or place in the query', () => {
    expect(redactUrl('/x?a=1&API_KEY=secret&b=2')).toBe('/x?a=1&API_KEY=[REDACTED]&b=2');
    expect(redactUrl('/x?access_token=t#frag')).toBe('/x?access_token=[REDACTED]');
    expect(redactUrl('/x?service_request_id=R1')).toBe('/x?service_request_id=R1');
  });
});

describe.each(e2eDatabases())('internal errors in the logs on $name', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let gw: { app: FastifyInstance; services: GatewayServices; lines: string[] };

  beforeAll(async () => {
    const scratch = await engine.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    await seedGridDataset(db.em, dataset);
    gw = await loggedGateway(db);
    await gw.services.reloadOrgTrees();
    // Every statement on resident requests now fails: an internal error, not a refusal.
    await db.em.getConnection().execute('alter table grid_request rename to grid_request_elsewhere');
  }, 120_000);

  afterAll(async () => {
    await gw.app.close();
    await gw.services.close();
    await db.close();
    await drop();
  }, 60_000);

  it('an internal error logged the whole SQL statement with the reporter’s phone and name: now its shape only', async () => {
    const before = gw.lines.length;
    const token = await tokens.issue(
      { subject: 'w1', role: 'grid_worker', scope: grid.code },
      { now: NOW, expiresInSeconds: 3600 },
    );
    const r = await gql(
      gw.app,
      `mutation($input: ReportResidentRequestInput!) { reportResidentRequest(input: $input) { id } }`,
      {
        token,
        variables: {
          input: {
            id: 'R-log-1',
            type: 'dispute',
            location: { grid: grid.code },
            summary: '邻里纠纷',
            reporterName: NAME,
            reporterPhone: PHONE,
          },
        },
      },
    );
    expect(r.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    const logged = gw.lines.slice(before).join('\n');
    expect(logged).toContain('grid_request');
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain(NAME);
    expect(logged).not.toContain('邻里纠纷');
  });

  it('Open311 logged a failed statement with the ids it was given: now its shape only', async () => {
    const before = gw.lines.length;
    const key = await tokens.issue(
      { subject: 'app-1', role: 'street_admin', scope: grid.streetCode },
      { now: NOW, expiresInSeconds: 3600 },
    );
    const res = await gw.app.inject({
      method: 'GET',
      url: `/open311/v2/requests.json?service_request_id=${PHONE},${encodeURIComponent(NAME)}`,
      headers: { 'x-api-key': key },
    });
    expect(res.statusCode).toBe(500);
    const logged = gw.lines.slice(before).join('\n');
    expect(logged).toContain('grid_request');
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain(NAME);
    expect(logged).not.toContain(key);
  });
});
