import type { OrgRow } from '@jiceng/domain';
import { OrgRepository } from '@jiceng/persistence';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, useGateway } from './support.js';

const rows: OrgRow[] = [
  { code: '330102001', parentCode: null, level: 'street', subtype: 'street', name: 'XX街道' },
  { code: 'c1', parentCode: '330102001', level: 'community', subtype: 'community', name: '一社区' },
  { code: 'c2', parentCode: '330102001', level: 'community', subtype: 'community', name: '二社区' },
  { code: 'c1g1', parentCode: 'c1', level: 'grid', name: '一社区第1网格' },
  { code: 'c1g2', parentCode: 'c1', level: 'grid', name: '一社区第2网格' },
  { code: 'c2g1', parentCode: 'c2', level: 'grid', name: '二社区第1网格' },
];

const streetAdmin = { subject: 's', role: 'street_admin', scope: '330102001' } as const;
const communityAdmin = { subject: 'c', role: 'community_admin', scope: 'c1' } as const;

describe('organisation trees over GraphQL, scoped', () => {
  const gw = useGateway();
  beforeAll(async () => {
    await new OrgRepository(gw.db.em).replaceTree('administrative', rows);
    await gw.services.reloadOrgTrees();
  });

  it('shows a street administrator the whole street, children paged', async () => {
    const r = await gql(
      gw.app,
      '{ myScope { code levelName { zh } depth subtreeSize children(first: 1) { totalCount edges { node { code } } pageInfo { hasNextPage } } } }',
      {
        token: await gw.token(streetAdmin),
      },
    );
    expect(r.data?.['myScope']).toEqual({
      code: '330102001',
      levelName: { zh: '街道/乡镇' },
      depth: 0,
      subtreeSize: 6,
      children: { totalCount: 2, edges: [{ node: { code: 'c1' } }], pageInfo: { hasNextPage: true } },
    });
  });

  it('lets a community administrator into its own community only', async () => {
    const token = await gw.token(communityAdmin);
    const own = await gql(gw.app, '{ orgNode(code: "c1g2") { name path } }', { token });
    expect(own.data?.['orgNode']).toEqual({ name: '一社区第2网格', path: '/330102001/c1/c1g2' });
    const other = await gql(gw.app, '{ orgNode(code: "c2g1") { name } }', { token, language: 'en' });
    // Out of scope answers as a missing node does, so nobody can probe what exists beyond it.
    expect(other.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(other.errors?.[0]?.message).toBe('not found: organisation c2g1');
    const missing = await gql(gw.app, '{ orgNode(code: "nope") { name } }', { token, language: 'en' });
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.message).toBe('not found: organisation nope');
  });

  it('checks every edge: the parent above the caller’s scope is null, ancestors stop at the scope', async () => {
    const r = await gql(
      gw.app,
      '{ orgNode(code: "c1g1") { parent { code parent { code } } ancestors { code } } }',
      {
        token: await gw.token(communityAdmin),
      },
    );
    expect(r.data?.['orgNode']).toEqual({
      parent: { code: 'c1', parent: null },
      ancestors: [{ code: 'c1' }],
    });
  });

  it('refuses the public', async () => {
    const r = await gql(gw.app, '{ orgNode(code: "c1") { name } }');
    expect(r.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('lets only a county administrator replace a tree, and refuses a bad one with the domain issues', async () => {
    const mutation = `mutation($rows: [OrgRowInput!]!) { replaceOrgTree(kind: administrative, rows: $rows) { nodeCount } }`;
    const denied = await gql(gw.app, mutation, { token: await gw.token(streetAdmin), variables: { rows } });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const county = await gw.token({ subject: 'a', role: 'county_admin', scope: '330102001' });
    const cyclic = [...rows, { code: 'x', parentCode: 'x', level: 'grid', name: 'x' }];
    const bad = await gql(gw.app, mutation, { token: county, variables: { rows: cyclic } });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const issues = (bad.errors?.[0]?.extensions?.['issues'] ?? []) as { code: string }[];
    expect(issues.map((i) => i.code)).toContain('ORG_CYCLE');
    const ok = await gql(gw.app, mutation, { token: county, variables: { rows: rows.slice(0, 4) } });
    expect(ok.data).toEqual({ replaceOrgTree: { nodeCount: 4 } });
    const after = await gql(gw.app, '{ orgNode(code: "c1g2") { name } }', { token: county });
    expect(after.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});
