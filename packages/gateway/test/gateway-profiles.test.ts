import { referenceProfile } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { gql, useGateway } from './support.js';

const admin = { subject: 'admin-1', role: 'county_admin', scope: '330102' } as const;
const worker = { subject: 'w-1', role: 'grid_worker', scope: '330102001001' } as const;

const county = (versions: unknown[]) => ({
  id: 'example_county',
  name: { zh: '示例县', en: 'Example County' },
  extends: 'reference',
  versions,
});
const v1 = { version: '2025.1', effectiveFrom: '2025-01-01', changes: { grid: { workersPerGrid: 4 } } };
const v2 = { version: '2027.1', effectiveFrom: '2027-01-01', changes: { grid: { workersPerGrid: 5 } } };

const SAVE = `mutation Save($input: RuleProfileDocumentInput!) { saveRuleProfile(input: $input) { id revision versionCount } }`;

describe('rule profiles over GraphQL', () => {
  const gw = useGateway();

  it('serves the reference profile to any signed-in role, mapped from the domain', async () => {
    const r = await gql(
      gw.app,
      '{ ruleProfile { id version effectiveFrom memberCategories { code name { zh } } pointItems { code points unit maxQuantity caps { month year } } summary } }',
      { token: await gw.token(worker) },
    );
    const p = r.data?.['ruleProfile'] as {
      id: string;
      memberCategories: { name: { zh: string } }[];
      pointItems: {
        code: string;
        points: number;
        unit: string | null;
        maxQuantity: number;
        caps: { month: number | null };
      }[];
      summary: string[];
    };
    expect(p.id).toBe('reference');
    expect(p.memberCategories.map((c) => c.name.zh)).toEqual(
      referenceProfile.points.categories.map((c) => c.name.zh),
    );
    expect(p.pointItems.find((i) => i.code === 'volunteer_service')).toMatchObject({
      points: 1,
      caps: { month: 10 },
      // Per hour with no maxQuantity of its own: at most a day's hours in one entry.
      maxQuantity: 24,
    });
    // A fixed item records one unit per entry, so a form can hide its quantity field.
    const fixed = p.pointItems.filter((i) => i.unit === null);
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.every((i) => i.maxQuantity === 1)).toBe(true);
    expect(p.summary[0]).toContain('参考县');
  });

  it('lets only a county administrator save a county profile', async () => {
    const denied = await gql(gw.app, SAVE, {
      token: await gw.token({ subject: 's', role: 'street_admin', scope: '330102001' }),
      variables: { input: { document: county([v1]) } },
    });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const saved = await gql(gw.app, SAVE, {
      token: await gw.token(admin),
      variables: { input: { document: county([v1]) } },
    });
    expect(saved.data).toEqual({ saveRuleProfile: { id: 'example_county', revision: 1, versionCount: 1 } });
    const read = await gql(
      gw.app,
      '{ ruleProfile(id: "example_county", at: "2026-03-01") { version extends settings } }',
      {
        token: await gw.token(worker),
      },
    );
    expect(read.data?.['ruleProfile']).toMatchObject({ version: '2025.1', extends: 'reference' });
    const profile = read.data?.['ruleProfile'] as
      | { settings: { grid: { workersPerGrid: number } } }
      | undefined;
    expect(profile?.settings.grid.workersPerGrid).toBe(4);
  });

  it('refuses an invalid document with every issue and its path', async () => {
    const bad = county([{ ...v1, changes: { grid: { workersPerGird: 4, households: { min: 999 } } } }]);
    const r = await gql(gw.app, SAVE, {
      token: await gw.token(admin),
      variables: { input: { document: bad } },
      language: 'en',
    });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const issues = r.errors?.[0]?.extensions?.['issues'] as { code: string; path: (string | number)[] }[];
    expect(issues.map((i) => i.code)).toEqual(['PROFILE_UNKNOWN_KEY']);
    expect(issues[0]?.path).toEqual(['versions', 0, 'changes', 'grid', 'workersPerGird']);
  });

  it('keeps history append-only: a stored version cannot change, a new one starts after today', async () => {
    const token = await gw.token(admin);
    const rewrite = await gql(gw.app, SAVE, {
      token,
      variables: { input: { document: county([{ ...v1, changes: { grid: { workersPerGrid: 6 } } }]) } },
      language: 'en',
    });
    expect(rewrite.errors?.[0]?.message).toContain('stored version 2025.1 cannot change');
    const backdated = await gql(gw.app, SAVE, {
      token,
      variables: { input: { document: county([v1, { ...v2, effectiveFrom: '2026-11-27' }]) } },
      language: 'en',
    });
    expect(backdated.errors?.[0]?.message).toContain('must take effect after today (2026-11-27)');
    const appended = await gql(gw.app, SAVE, { token, variables: { input: { document: county([v1, v2]) } } });
    expect(appended.data).toEqual({
      saveRuleProfile: { id: 'example_county', revision: 2, versionCount: 2 },
    });
  });

  it('refuses a stale write with CONFLICT', async () => {
    const r = await gql(gw.app, SAVE, {
      token: await gw.token(admin),
      variables: { input: { document: county([v1, v2]), expectedRevision: 1 } },
    });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    expect(r.errors?.[0]?.message).toBe('该配置已被他人修改，请刷新后重试');
  });

  it('pages the resolved versions Relay style', async () => {
    const token = await gw.token(worker);
    const first = await gql(
      gw.app,
      '{ ruleProfileVersions(id: "example_county", first: 1) { totalCount edges { cursor node { version } } pageInfo { hasNextPage endCursor } } }',
      { token },
    );
    const page = first.data?.['ruleProfileVersions'] as {
      totalCount: number;
      edges: { node: { version: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page.totalCount).toBe(2);
    expect(page.edges.map((e) => e.node.version)).toEqual(['2025.1']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await gql(
      gw.app,
      `{ ruleProfileVersions(id: "example_county", first: 5, after: "${page.pageInfo.endCursor}") { edges { node { version } } pageInfo { hasNextPage } } }`,
      { token },
    );
    expect(next.data?.['ruleProfileVersions']).toEqual({
      edges: [{ node: { version: '2027.1' } }],
      pageInfo: { hasNextPage: false },
    });
    const tooMany = await gql(
      gw.app,
      '{ ruleProfileVersions(id: "reference", first: 1000) { totalCount } }',
      { token },
    );
    expect(tooMany.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for an unknown profile', async () => {
    const r = await gql(gw.app, '{ ruleProfile(id: "atlantis") { id } }', { token: await gw.token(worker) });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});
