import { isWithin, type OrgRow } from '@jiceng/domain';
import { type Database, InvalidInputError, OrgRepository, openDatabase } from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';

const street: OrgRow[] = [
  {
    code: '330102001',
    parentCode: null,
    level: 'street',
    subtype: 'street',
    name: 'XX街道',
    divisionCode: '330102001',
  },
  {
    code: '330102001001',
    parentCode: '330102001',
    level: 'community',
    subtype: 'community',
    name: '一社区',
    divisionCode: '330102001001',
  },
  { code: '330102001002', parentCode: '330102001', level: 'community', subtype: 'community', name: '二社区' },
  { code: 'g_1_1', parentCode: '330102001001', level: 'grid', name: '一社区第1网格' },
  { code: 'g_1_2', parentCode: '330102001001', level: 'grid', name: '一社区第2网格' },
  { code: 'gx1x1', parentCode: '330102001002', level: 'grid', name: '二社区第1网格' },
];

describe.each(testDatabases())('organisation trees on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let repo: OrgRepository;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    repo = new OrgRepository(db.em);
  });

  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('stores a tree and loads it back with the same answers', async () => {
    await repo.replaceTree('administrative', street);
    const tree = await repo.loadTree('administrative');
    expect(tree?.nodes.map((n) => n.code)).toEqual(street.map((r) => r.code));
    expect(tree && isWithin(tree, '330102001001', 'g_1_2')).toBe(true);
    expect(tree && isWithin(tree, '330102001002', 'g_1_2')).toBe(false);
    expect(await repo.loadTree('party')).toBeUndefined();
  });

  it('lists a subtree with one prefix query, where an underscore in a code is not a wildcard', async () => {
    const rows = await repo.subtree('330102001001');
    expect(rows.map((r) => r.code)).toEqual(['330102001001', 'g_1_1', 'g_1_2']);
    expect(rows.map((r) => r.path)).toEqual([
      '/330102001/330102001001/',
      '/330102001/330102001001/g_1_1/',
      '/330102001/330102001001/g_1_2/',
    ]);
    expect((await repo.subtree('g_1_1')).map((r) => r.code)).toEqual(['g_1_1']);
    expect(await repo.subtree('missing')).toEqual([]);
  });

  it('finds many nodes in one call, in the order asked', async () => {
    const rows = await repo.findByCodes(['g_1_2', 'nope', '330102001']);
    expect(rows.map((r) => [r.code, r.depth])).toEqual([
      ['g_1_2', 2],
      ['330102001', 0],
    ]);
  });

  it('refuses a tree the domain rules refuse, and keeps the stored one', async () => {
    const cyclic: OrgRow[] = [...street, { code: 'x', parentCode: 'y', level: 'grid', name: 'x' }];
    await expect(repo.replaceTree('administrative', cyclic)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(repo.replaceTree('administrative', cyclic)).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'ORG_PARENT_NOT_FOUND' })],
    });
    expect((await repo.loadTree('administrative'))?.nodes).toHaveLength(street.length);
  });

  it('replaces a tree whole in one transaction', async () => {
    await repo.replaceTree('administrative', street.slice(0, 3));
    expect((await repo.loadTree('administrative'))?.nodes.map((n) => n.code)).toEqual(
      street.slice(0, 3).map((r) => r.code),
    );
  });

  describe('where the two trees meet', () => {
    const party: OrgRow[] = [
      { code: 'P1', parentCode: null, level: 'committee', name: 'XX街道党委', counterpart: '330102001' },
      {
        code: 'P1-1',
        parentCode: 'P1',
        level: 'community_org',
        name: '一社区党委',
        counterpart: '330102001001',
      },
      {
        code: 'P1-1-1',
        parentCode: 'P1-1',
        level: 'grid_group',
        name: '第1网格党小组',
        counterpart: 'g_1_1',
      },
    ];

    it('stores the counterparts and loads them back', async () => {
      await repo.replaceTrees(street, party);
      const loaded = await repo.loadTree('party');
      expect(loaded?.nodes.map((n) => [n.code, n.counterpart])).toEqual(
        party.map((r) => [r.code, r.counterpart]),
      );
    });

    it('refuses a tree change that would break a link, and keeps both trees', async () => {
      const withoutGrid = street.filter((r) => r.code !== 'g_1_1');
      const refused = await repo.replaceTree('administrative', withoutGrid).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(InvalidInputError);
      expect((refused as InvalidInputError).issues.map((i) => [i.code, i.path])).toEqual([
        ['ORG_COUNTERPART_NOT_FOUND', [2, 'counterpart']],
      ]);
      expect((await repo.loadTree('administrative'))?.nodes.map((n) => n.code)).toContain('g_1_1');
      // Changed together, the grid and its party group go in one step.
      await repo.replaceTrees(withoutGrid, party.slice(0, 2));
      expect((await repo.loadTree('party'))?.nodes.map((n) => n.code)).toEqual(['P1', 'P1-1']);
      const wrong = await repo
        .replaceTrees(street, [...party.slice(0, 2), { ...party[2]!, counterpart: '330102001002' }])
        .catch((e: unknown) => e);
      expect((wrong as InvalidInputError).issues.map((i) => i.code)).toEqual(['ORG_COUNTERPART_LEVEL']);
      expect((await repo.loadTree('party'))?.nodes.map((n) => n.code)).toEqual(['P1', 'P1-1']);
    });
  });
});
