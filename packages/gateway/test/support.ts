import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { createScratchPostgres } from '../../persistence/test/support/databases.js';

export const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
export const NOW = new Date('2026-11-27T04:00:00Z');

/** Where an end-to-end run keeps its data: a migrated SQLite file or a PostgreSQL scratch database. */
export interface E2eDatabase {
  readonly name: 'sqlite' | 'postgresql';
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

/** SQLite always; PostgreSQL too when JICENG_TEST_POSTGRES_URL is set (CI requires it). */
export function e2eDatabases(): E2eDatabase[] {
  const sqlite: E2eDatabase = {
    name: 'sqlite',
    create: async () => ({
      url: `sqlite:${join(await mkdtemp(join(tmpdir(), 'jiceng-e2e-')), 'e2e.db')}`,
      drop: async () => {},
    }),
  };
  const pg = process.env['JICENG_TEST_POSTGRES_URL'];
  return pg ? [sqlite, { name: 'postgresql', create: () => createScratchPostgres(pg) }] : [sqlite];
}

/** Requests of a gateway started with `http`: they go over a real socket instead of inject. */
const listening = new WeakMap<FastifyInstance, string>();

/**
 * A gateway with a fixed clock for one test file: by default on in-memory SQLite with the
 * schema built from the mapping and requests injected; with `e2e`, on a migrated database of
 * the given engine, listening on a real port, every `gql` call sent over HTTP.
 */
export function useGateway(
  options: {
    rateLimitPerMinute?: number;
    environment?: 'production' | 'test';
    limits?: Partial<QueryLimits>;
    e2e?: E2eDatabase;
    /** Opens the database itself (a prepared copy, say) instead of an empty in-memory one. */
    open?: () => Promise<Database>;
    /** Largest multipart upload, in bytes. */
    uploadLimitBytes?: number;
  } = {},
) {
  const state = {} as {
    app: FastifyInstance;
    db: Database;
    services: GatewayServices;
    token(p: Principal, expiresInSeconds?: number): Promise<string>;
  };
  beforeAll(async () => {
    let db: Database;
    if (options.e2e) {
      const scratch = await options.e2e.create();
      drop = scratch.drop;
      db = await openDatabase({ url: scratch.url });
    } else if (options.open) {
      db = await options.open();
    } else {
      // Schema straight from the mapping: the persistence migrations test proves the committed
      // migrations reach the same schema, and the end-to-end runs use them for real.
      db = await openDatabase({ url: 'sqlite::memory:', migrate: false });
      await db.orm.schema.createSchema();
    }
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
      ...(options.uploadLimitBytes ? { uploadLimitBytes: options.uploadLimitBytes } : {}),
    });
    state.token = (p, expiresInSeconds = 3600) => tokens.issue(p, { now: NOW, expiresInSeconds });
    if (options.e2e) listening.set(state.app, await state.app.listen({ host: '127.0.0.1', port: 0 }));
  }, 120_000);
  let drop = async () => {};
  afterAll(async () => {
    await state.app.close();
    await state.db.close();
    await drop();
  });
  return state;
}

export interface GqlResult {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The address of a gateway started with `e2e` (it listens on a real port). */
export function baseUrlOf(app: FastifyInstance): string {
  const base = listening.get(app);
  if (base === undefined) throw new Error('the gateway is not listening: start it with useGateway({ e2e })');
  return base;
}

export async function gql(
  app: FastifyInstance,
  query: string,
  options: { token?: string; variables?: Record<string, unknown>; language?: string } = {},
): Promise<GqlResult> {
  const base = listening.get(app);
  if (base !== undefined) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.language ? { 'accept-language': options.language } : {}),
      },
      body: JSON.stringify({ query, variables: options.variables ?? {} }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }
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
