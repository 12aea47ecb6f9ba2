import {
  createGateway,
  createGatewayServices,
  createTokenService,
  type GatewayServices,
  type Principal,
  type QueryLimits,
} from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';

export const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
export const NOW = new Date('2026-11-27T04:00:00Z');

/** A gateway on an in-memory SQLite database with a fixed clock, for one test file. */
export function useGateway(
  options: {
    rateLimitPerMinute?: number;
    environment?: 'production' | 'test';
    limits?: Partial<QueryLimits>;
  } = {},
) {
  const state = {} as {
    app: FastifyInstance;
    db: Database;
    services: GatewayServices;
    token(p: Principal, expiresInSeconds?: number): Promise<string>;
  };
  beforeAll(async () => {
    // Schema straight from the mapping: the persistence migrations test proves the committed
    // migrations reach the same schema, and `jiceng serve`'s test runs them for real.
    const db = await openDatabase({ url: 'sqlite::memory:', migrate: false });
    await db.orm.schema.createSchema();
    state.db = db;
    const services = await createGatewayServices(db, { record: () => {} });
    state.services = services;
    const tokens = createTokenService(SECRET);
    state.app = await createGateway({
      services,
      tokens,
      environment: options.environment ?? 'test',
      now: () => NOW,
      logger: { error: () => {} },
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    state.token = (p, expiresInSeconds = 3600) => tokens.issue(p, { now: NOW, expiresInSeconds });
  });
  afterAll(async () => {
    await state.app.close();
    await state.db.close();
  });
  return state;
}

export interface GqlResult {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function gql(
  app: FastifyInstance,
  query: string,
  options: { token?: string; variables?: Record<string, unknown>; language?: string } = {},
): Promise<GqlResult> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
    payload: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return { status: res.statusCode, ...(JSON.parse(res.body) as object) };
}
