import {
  type Database,
  openDatabase,
  PointsMemberRepository,
  RegisterImportRepository,
  type RegisterImportSession,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';

const member = (code: string, name = `党员${code}`) => ({
  change: 'added' as const,
  member: {
    code,
    name,
    branch: 'P1',
    community: 'C1',
    grid: 'G1',
    categories: [{ category: 'ordinary', from: '2026-01-01' }],
    mobile: '13812345678',
  },
  placement: { streetCode: 'S1', communityCode: 'C1', gridCode: 'G1', buildingId: null },
});

const record = {
  importedAt: '2026-03-02T10:00:00.000+08:00',
  importedBy: 'cli:test',
  fileName: 'county.xlsx',
  fileSha256: 'a'.repeat(64),
  fileBytes: 1234,
  profileId: 'reference',
  removeMissing: false,
  rows: 2,
  counts: { members: { added: 2, updated: 0, unchanged: 0, missing: 0, removed: 0 } },
};

describe.each(testDatabases())('register imports on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let repo: RegisterImportRepository;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    repo = new RegisterImportRepository(db.em);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const stored = (codes: string[]) => new PointsMemberRepository(db.em).findByCodes(codes);

  it('rolls back everything a session wrote when the work says not to commit', async () => {
    const value = await repo.run(async (session) => {
      await session.storeMembers([member('m1'), member('m2')]);
      await session.record(record);
      expect((await session.members(['m1'])).get('m1')?.member.name).toBe('党员m1');
      return { commit: false, value: 'refused' };
    });
    expect(value).toBe('refused');
    expect(await stored(['m1', 'm2'])).toEqual([]);
    expect(await repo.list()).toEqual([]);
  });

  it('commits members with their placement and the record, and lists imports newest first', async () => {
    await repo.run(async (session) => {
      await session.storeMembers([member('m1'), member('m2')]);
      await session.record(record);
      return { commit: true, value: undefined };
    });
    expect((await stored(['m1', 'm2'])).map((m) => m.mobile)).toEqual(['13812345678', '13812345678']);
    await repo.run(async (session) => {
      const found = await session.members(['m1', 'm2', 'nobody']);
      expect([...found.keys()].sort()).toEqual(['m1', 'm2']);
      expect(found.get('m1')?.placement).toEqual({
        streetCode: 'S1',
        communityCode: 'C1',
        gridCode: 'G1',
        buildingId: null,
      });
      await session.storeMembers([{ ...member('m1', '改名'), change: 'updated', placement: null }]);
      await session.record({ ...record, rows: 1 });
      return { commit: true, value: undefined };
    });
    expect((await stored(['m1']))[0]?.name).toBe('改名');
    // Stored without a placement: the grid side no longer places the member.
    await repo.run(async (session) => ({
      commit: false,
      value: expect((await session.members(['m1'])).get('m1')?.placement).toBeUndefined(),
    }));
    const list = await repo.list();
    expect(list.map((i) => i.rows)).toEqual([1, 2]);
    expect(list[1]).toMatchObject({ ...record, id: expect.any(Number) });
  });

  it('finds codes, placements and point entries, and removes members with their placement', async () => {
    const check = async (session: RegisterImportSession) => {
      expect((await session.memberCodes()).sort()).toEqual(['m1', 'm2']);
      const placed = await session.placedAt(['G1', 'P404']);
      expect(placed.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
        { code: 'm1', node: 'G1' },
        { code: 'm2', node: 'G1' },
      ]);
      expect([...(await session.withPointEntries(['m1', 'm2']))]).toEqual([]);
    };
    await repo.run(async (session) => {
      await check(session);
      await session.removeMembers(['m2']);
      return { commit: true, value: undefined };
    });
    expect(await stored(['m2'])).toEqual([]);
    const placements = (await db.em
      .fork()
      .getConnection()
      .execute('select code as member_id from points_member where street_code is not null')) as {
      member_id: string;
    }[];
    expect(placements.map((p) => p.member_id)).toEqual([]);
  });
});
