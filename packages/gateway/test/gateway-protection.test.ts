import {
  buildGatewaySchema,
  createGateway,
  createGatewayServices,
  createTokenService,
} from '@jiceng/gateway';
import { openDatabase } from '@jiceng/persistence';
import {
  type GraphQLNamedType,
  getNamedType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { gql, NOW, SECRET, useGateway } from './support.js';

const admin = { subject: 'admin-1', role: 'county_admin', scope: '330102' } as const;

describe('request protection', () => {
  const gw = useGateway({ rateLimitPerMinute: 1000, limits: { maxDepth: 3 } });

  it('refuses queries nested deeper than the limit', async () => {
    const token = await gw.token(admin);
    const three = await gql(gw.app, '{ ruleProfile { memberCategories { code } } }', { token });
    expect(three.errors).toBeUndefined();
    const deep = '{ ruleProfile { pointItems { caps { month } } } }';
    const four = await gql(gw.app, deep, { token });
    expect(four.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      reason: 'depth 4 > limit 3',
    });
    expect(four.errors?.[0]?.message).toContain('最多 3 层，本查询 4 层');
    expect(four.data).toBeUndefined();
    const english = await gql(gw.app, deep, { token, language: 'en' });
    expect(english.errors?.[0]?.message).toMatch(/nested too deep: a depth of at most 3; this one 4/);
  });

  it('refuses too many aliases', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `v${i}: viewer { role }`).join(' ')} }`;
    expect((await gql(gw.app, aliases(10))).errors).toBeUndefined();
    const tooMany = await gql(gw.app, aliases(20), { language: 'en' });
    expect(tooMany.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
    expect(tooMany.errors?.[0]?.message).toMatch(/too many aliases: at most 15; this one 20/);
    expect((await gql(gw.app, aliases(20))).errors?.[0]?.message).toContain('别名过多');
  });

  it('refuses CSRF-prone requests (a simple GET without a preflight header)', async () => {
    const res = await gw.app.inject({ method: 'GET', url: '/graphql?query=%7Bviewer%7Brole%7D%7D' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/CSRF/i);
  });

  it('does not accept batched requests', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify([{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]),
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a body over the size limit', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: `{ viewer { role } } # ${'x'.repeat(1_100_000)}` }),
    });
    expect(res.statusCode).toBe(413);
  });

  it('allows introspection outside production', async () => {
    const r = await gql(gw.app, '{ __schema { queryType { name } } }');
    expect(r.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('in production', () => {
  const gw = useGateway({ environment: 'production' });

  it('turns introspection and field suggestions off', async () => {
    const r = await gql(gw.app, '{ __schema { queryType { name } } }');
    expect(r.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await gql(gw.app, '{ viewr { role } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('rate limit', () => {
  const gw = useGateway({ rateLimitPerMinute: 3 });

  it('answers 429 with RATE_LIMITED once a client exceeds its budget', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await gql(gw.app, '{ viewer { role } }')).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const res = await gql(gw.app, '{ viewer { role } }');
    expect(res.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
  });
});

describe('internal errors', () => {
  it('are masked for the client (no SQL, no stack) and logged with the request id', async () => {
    const db = await openDatabase({ url: 'sqlite::memory:' });
    const services = await createGatewayServices(db, { record: () => {} });
    const logged: { requestId: string; message: string }[] = [];
    const tokens = createTokenService(SECRET);
    const app = await createGateway({
      services,
      tokens,
      environment: 'test',
      now: () => NOW,
      logger: { error: (e) => logged.push(e) },
    });
    // Break the database under the gateway: the next write fails inside the driver.
    await db.em.getConnection().execute('drop table profile_document');
    const token = await tokens.issue(admin, { now: NOW, expiresInSeconds: 60 });
    const r = await gql(
      app,
      'mutation { saveRuleProfile(input: { document: { id: "x", name: { zh: "某", en: "X" }, extends: "reference", versions: [{ version: "1", effectiveFrom: "2025-01-01" }] } }) { id } }',
      { token, language: 'en' },
    );
    const error = r.errors?.[0];
    expect(error?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.message).toMatch(
      /^internal server error; contact the administrator \(request id [0-9a-f-]{36}\)$/,
    );
    expect(JSON.stringify(r)).not.toMatch(/profile_document|sqlite|select|stack/i);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.requestId).toBe(error?.extensions?.['requestId']);
    expect(logged[0]?.message).toMatch(/profile_document/);
    await app.close();
    await db.close();
  });
});

describe('malformed documents', () => {
  const gw = useGateway({ limits: { maxTokens: 50 } });

  it('answer a syntax error with 400, never 500', async () => {
    const r = await gql(gw.app, '{ viewer { role ');
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuse a document with too many tokens, with 400', async () => {
    const r = await gql(gw.app, `{ ${Array.from({ length: 60 }, () => '__typename').join(' ')} }`);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.message).toMatch(/Document contains more \w+ 50 tokens/);
  });
});

describe('the cost limit', () => {
  const gw = useGateway();

  /** Every field of a type, nested objects too, as deep as `depth` (no arguments, no lists of lists). */
  function everything(type: GraphQLNamedType, depth: number): string {
    if (!(isObjectType(type) || isInterfaceType(type)) || depth === 0) return '';
    const fields = Object.values(type.getFields()).flatMap((f) => {
      if (f.args.some((a) => isNonNullType(a.type))) return [];
      const inner = getNamedType(f.type);
      if (isUnionType(inner)) return [];
      if (!(isObjectType(inner) || isInterfaceType(inner))) return [f.name];
      const sub = everything(inner, depth - 1);
      return sub === '' ? [] : [`${f.name} { ${sub} }`];
    });
    return fields.join(' ');
  }

  it('lets a page of 100 public consultations with every public field through, as the docs allow', async () => {
    const schema = await buildGatewaySchema();
    const field = schema.getQueryType()!.getFields()['publicConsultations']!;
    const query = `{ publicConsultations(township: "town_a", first: 100) { ${everything(getNamedType(field.type), 8)} } }`;
    // It runs: this empty database has no such township, so the answer is NOT_FOUND, not a refusal.
    const r = await gql(gw.app, query);
    expect(r.errors?.map((e) => e.extensions?.['code'])).toEqual(['NOT_FOUND']);
  });

  it('refuses a list of 100 inside a list of 100 with QUERY_TOO_COMPLEX, in the caller’s language, not as a syntax error', async () => {
    const token = await gw.token(admin);
    const nested =
      '{ myScope { children(first: 100) { edges { node { children(first: 100) { edges { node { code name } } } } } } } }';
    const en = await gql(gw.app, nested, { token, language: 'en' });
    expect(en.status).toBe(400);
    expect(en.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
    expect(en.errors?.[0]?.message).toMatch(
      /^the query is too complex: counting every list at the page size asked for, an answer may hold at most 50,000 values; this one [\d,]+\./,
    );
    expect(en.errors?.[0]?.message).not.toMatch(/syntax/i);
    const zh = await gql(gw.app, nested, { token });
    expect(zh.errors?.[0]?.message).toMatch(/^查询过于复杂/);
    expect(zh.data).toBeUndefined();
  });
});
