// The street dashboard query on the reference county, over real HTTP on loopback:
// communities → grids → workers and party groups, and members' year totals.
//   gateway.dashboard            requests/s under autocannon (every response checked)
//   gateway.dashboard_p99        99th percentile latency, ms
//   gateway.dashboard_vs_bare    ours over a bare node:http + graphql-js handler on the same
//                                repositories and loaders, with a parsed-document cache (goal ≥ 0.5)
//   gateway.dashboard_statements_s1 / _s10   SQL statements for one such request on the county
//                                at scale 1 and at scale 10 (goal: equal)
//   gateway.entry_mutation_statements        SQL statements of one point-entry mutation
import { createGateway, createGatewayServices, createTokenService } from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import { seedReferenceCounty } from '@jiceng/persistence/seed';

/** The bench's own signing secret: it runs its own gateway, and no deployment uses it. */
const BENCH_SECRET = 'jiceng-bench-signing-secret-of-its-own-gateway-only';

import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { orZero, report } from '../../../scripts/bench-harness.js';
import { startBaseline } from './baseline.js';

const STREET = '330102001';
const DASHBOARD = `query Dashboard {
  myScope {
    code name statistics { grids households workers partyMembers partyOrganisations }
    children(first: 10) { edges { node { code name
      statistics { grids households workers partyMembers }
      children(first: 10) { edges { node { code name statistics { workers partyMembers partyOrganisations } } } }
    } } }
  }
  partyMembers(scope: "${STREET}", first: 100) { totalCount edges { node { code name branch yearTotal(year: 2025) } } }
}`;

interface Running {
  db: Database;
  app: FastifyInstance;
  token: string;
  services: Awaited<ReturnType<typeof createGatewayServices>>;
  tokens: ReturnType<typeof createTokenService>;
}

async function start(scale: number): Promise<Running> {
  const db = await openDatabase({ url: 'sqlite::memory:' });
  await seedReferenceCounty(db, { scale, today: '2026-11-27' as never });
  const services = await createGatewayServices(db, { record: () => {} });
  const tokens = createTokenService(BENCH_SECRET);
  const app = await createGateway({
    services,
    tokens,
    environment: 'production',
    rateLimitPerMinute: 10_000_000,
    // The load runs keep 8 requests of one token in flight; the admission check still runs, but
    // refusing half of them (the default allows 4 per caller) would measure the 429s.
    concurrency: { perPrincipal: 8, total: 16 },
  });
  const token = await tokens.issue(
    { subject: 'bench', role: 'street_admin', scope: STREET },
    { now: new Date(), expiresInSeconds: 3600 },
  );
  return { db, app, token, services, tokens };
}

function check(body: string): void {
  const parsed = JSON.parse(body) as {
    data?: { myScope?: { statistics?: { grids?: number } } };
    errors?: unknown;
  };
  if (parsed.errors !== undefined || (parsed.data?.myScope?.statistics?.grids ?? 0) < 48) {
    throw new Error(`unexpected dashboard answer: ${body.slice(0, 300)}`);
  }
}

async function statements(
  running: Running,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ count: number; body: string }> {
  const knex = running.db.em.getConnection().getKnex();
  let count = 0;
  const listen = () => {
    count++;
  };
  knex.on('query', listen);
  try {
    const res = await running.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${running.token}` },
      payload: JSON.stringify({ query, variables }),
    });
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body.slice(0, 300)}`);
    return { count, body: res.body };
  } finally {
    knex.off('query', listen);
  }
}

const LOAD_FIGURES = [
  ['gateway.dashboard', 'req/s'],
  ['gateway.dashboard_p99', 'ms'],
  ['gateway.dashboard_vs_bare', 'x'],
] as const;
const S1_FIGURES = [
  ['gateway.dashboard_statements_s1', 'statements'],
  ['gateway.entry_mutation_statements', 'statements'],
  ...LOAD_FIGURES,
] as const;

// Each part that can fail on its own (a server that will not start, a load run that no request
// survives) reports 0 for its figures and a note on stderr, and the parts after it still run.
export async function run(scale: number): Promise<void> {
  await orZero(S1_FIGURES, () => countyAtScale1(scale));
  await orZero([['gateway.dashboard_statements_s10', 'statements']], countyAtScale10);
}

async function countyAtScale1(scale: number): Promise<void> {
  const s1 = await start(1);
  try {
    const first = await statements(s1, DASHBOARD);
    check(first.body);
    report('gateway.dashboard_statements_s1', first.count, 'statements');

    // One point entry, recorded by the member's branch secretary: one transaction, a handful
    // of statements. Measured before the load run, whose last requests may still be in flight
    // when autocannon returns and would be counted too.
    const member = (
      JSON.parse(first.body) as {
        data: { partyMembers: { edges: { node: { code: string; branch: string } }[] } };
      }
    ).data.partyMembers.edges[0]?.node;
    if (member === undefined) throw new Error('no member in the dashboard answer');
    const secretary = await createTokenService(BENCH_SECRET).issue(
      { subject: 'bench-branch', role: 'branch_secretary', scope: member.branch },
      { now: new Date(), expiresInSeconds: 600 },
    );
    const entry = await statements(
      { ...s1, token: secretary },
      'mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { __typename } }',
      {
        input: {
          idempotencyKey: `bench-${Date.now()}`,
          member: member.code,
          item: 'absence_without_leave',
          date: '2026-11-20',
          quantity: 1,
        },
      },
    );
    if (entry.body.includes('"errors"'))
      throw new Error(`entry mutation failed: ${entry.body.slice(0, 300)}`);
    report('gateway.entry_mutation_statements', entry.count, 'statements');
    await orZero(LOAD_FIGURES, () => loadRuns(s1, scale));
  } finally {
    await s1.app.close();
    await s1.db.close();
  }
}

async function loadRuns(s1: Running, scale: number): Promise<void> {
  const address = await s1.app.listen({ host: '127.0.0.1', port: 0 });
  const baseline = await startBaseline(s1.services, s1.tokens);
  try {
    const duration = Math.max(2, Math.round(10 * Math.min(scale, 1)));
    const load = async (url: string) => {
      let bad = 0;
      const result = await autocannon({
        url,
        method: 'POST',
        connections: 8,
        duration,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s1.token}` },
        body: JSON.stringify({ query: DASHBOARD }),
        setupClient: (client) => {
          client.on('body', (body: Buffer) => {
            try {
              check(body.toString());
            } catch {
              bad++;
            }
          });
        },
      });
      if (result.non2xx > 0 || result.errors > 0 || bad > 0 || result.requests.total === 0) {
        throw new Error(
          `load run on ${url} failed: ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ${bad} wrong bodies`,
        );
      }
      return result;
    };
    // Alternate so a noisy neighbour weighs on both alike.
    const oursFirst = await load(`${address}/graphql`);
    const bare = await load(baseline.url);
    const result = await load(`${address}/graphql`);
    const ours = (oursFirst.requests.average + result.requests.average) / 2;
    report('gateway.dashboard', ours, 'req/s');
    report('gateway.dashboard_p99', Math.max(oursFirst.latency.p99, result.latency.p99), 'ms');
    report('gateway.dashboard_vs_bare', ours / bare.requests.average, 'x');
  } finally {
    baseline.server.close();
  }
}

/** The same request on a county ten times the size: the count must not grow. */
async function countyAtScale10(): Promise<void> {
  const s10 = await start(10);
  try {
    const tenfold = await statements(s10, DASHBOARD);
    check(tenfold.body);
    report('gateway.dashboard_statements_s10', tenfold.count, 'statements');
  } finally {
    await s10.app.close();
    await s10.db.close();
  }
}
