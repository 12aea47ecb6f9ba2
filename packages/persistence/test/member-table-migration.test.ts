import { referenceProfile } from '@jiceng/domain';
import {
  GridRepository,
  GridStatisticsRepository,
  openDatabase,
  PointsMemberRepository,
  pendingSchemaDiff,
  RegisterImportRepository,
} from '@jiceng/persistence';
import { describe, expect, it } from 'vitest';
import { migrationsFor } from '../src/config.js';
import { personalDataOf } from '../src/secrets/sealing.js';
import { residentId } from './points-fixtures.js';
import { testDatabases } from './support/databases.js';

const ID = residentId('1975-03-08', 21);
const MOBILE = '13912345678';

/** The placements the previous release kept in `grid_party_member`, by member. */
const PLACEMENTS = [
  { member_id: 'm1', street_code: 'S1', community_code: 'C1', grid_code: 'G1', building_id: 'C1-B001' },
  { member_id: 'm2', street_code: 'S1', community_code: 'C1', grid_code: null, building_id: null },
  // A placement without a member record (what a grid seed alone left).
  { member_id: 'p9', street_code: 'S1', community_code: 'C2', grid_code: 'G2', building_id: 'C2-B007' },
];

describe.each(testDatabases())('the migration to one member table, on $name', (target) => {
  const names = migrationsFor(target.name).map((m) => m.name);
  const self = names.find((n) => n.endsWith('_one_member_table'))!;
  const previous = names[names.indexOf(self) - 1]!;

  it('moves every member and every placement of the previous release into the one table, and back', async () => {
    const scratch = await target.create();
    const db = await openDatabase({ url: scratch.url, migrate: false });
    try {
      await db.orm.getMigrator().up({ to: previous });
      const sql = db.em.getConnection();
      const codec = await personalDataOf(db.em);
      await sql.execute(
        `insert into points_member (code, name, resident_id, resident_id_hash, mobile, mobile_hash, branch_code,
           community_code, grid_code, work_unit, profile_id, categories, dual_registrations, registered_communities)
         values ('m1', '张明', ?, ?, ?, ?, 'PC1', 'C1', 'G1', '县财政局', 'reference',
                 '[{"category":"in_service","from":"2019-04-01"}]', '[{"community":"C1","from":"2024-03-01"}]', '|C1|'),
                ('m2', '李红', null, null, null, null, 'PC1', 'C1', null, null, 'reference',
                 '[{"category":"ordinary","from":"2010-01-01"}]', '[]', '||'),
                ('m3', '王强', null, null, ?, ?, 'PC1', 'C1', 'G1', null, 'county-b',
                 '[{"category":"mobile","from":"2021-07-01"}]', '[]', '||')`,
        [
          codec.seal('points_member.resident_id', 'm1', ID),
          codec.lookup('resident_id', ID),
          codec.seal('points_member.mobile', 'm1', MOBILE),
          codec.lookup('mobile', MOBILE),
          codec.seal('points_member.mobile', 'm3', '13800000000'),
          codec.lookup('mobile', '13800000000'),
        ],
      );
      for (const p of PLACEMENTS) {
        await sql.execute(
          `insert into grid_party_member (member_id, street_code, community_code, grid_code, building_id)
           values (?, ?, ?, ?, ?)`,
          [p.member_id, p.street_code, p.community_code, p.grid_code, p.building_id],
        );
      }
      for (const [code, community] of [
        ['G1', 'C1'],
        ['G2', 'C2'],
      ] as const) {
        await sql.execute(
          `insert into grid (code, community_code, street_code, name, households, position, retired)
           values (?, ?, 'S1', ?, 300, 0, ?)`,
          [code, community, `${code}网格`, false],
        );
      }

      await db.orm.getMigrator().up();
      expect(await pendingSchemaDiff(db)).toBe('');

      // Every member record whole, personal data included; the lone placement a member now.
      const members = new PointsMemberRepository(db.em);
      const stored = await members.findByCodes(['m1', 'm2', 'm3', 'p9']);
      expect(stored).toEqual([
        {
          code: 'm1',
          name: '张明',
          branch: 'PC1',
          community: 'C1',
          grid: 'G1',
          workUnit: '县财政局',
          residentId: ID,
          mobile: MOBILE,
          profileId: 'reference',
          categories: [{ category: 'in_service', from: '2019-04-01' }],
          dualRegistrations: [{ community: 'C1', from: '2024-03-01' }],
        },
        {
          code: 'm2',
          name: '李红',
          branch: 'PC1',
          community: 'C1',
          profileId: 'reference',
          categories: [{ category: 'ordinary', from: '2010-01-01' }],
        },
        {
          code: 'm3',
          name: '王强',
          branch: 'PC1',
          community: 'C1',
          grid: 'G1',
          mobile: '13800000000',
          profileId: 'county-b',
          categories: [{ category: 'mobile', from: '2021-07-01' }],
        },
        {
          code: 'p9',
          name: 'p9',
          branch: 'PC2',
          community: 'C2',
          grid: 'G2',
          profileId: 'reference',
          categories: [{ category: 'ordinary', from: '1900-01-01' }],
        },
      ]);
      expect((await members.findByMobile(MOBILE)).map((m) => m.code)).toEqual(['m1']);
      expect((await members.registeredAt('C1')).map((m) => m.code)).toEqual(['m1', 'm2', 'm3']);

      // Every placement, as the register import reads it.
      const placements = await new RegisterImportRepository(db.em).run(async (session) => {
        const found = await session.members(['m1', 'm2', 'm3', 'p9']);
        const byCode = [...found].sort(([a], [b]) => a.localeCompare(b));
        return { commit: false, value: byCode.map(([code, m]) => [code, m.placement]) };
      });
      expect(placements).toEqual([
        ['m1', { streetCode: 'S1', communityCode: 'C1', gridCode: 'G1', buildingId: 'C1-B001' }],
        ['m2', { streetCode: 'S1', communityCode: 'C1', gridCode: null, buildingId: null }],
        ['m3', undefined],
        ['p9', { streetCode: 'S1', communityCode: 'C2', gridCode: 'G2', buildingId: 'C2-B007' }],
      ]);

      // The grid side counts the placed members only, as it did: m3 lives in G1 but is not placed.
      expect(await new GridRepository(db.em).partyGroupSizes({ communityCodes: ['C1', 'C2'] })).toEqual([
        { gridCode: 'G1', communityCode: 'C1', members: 1 },
        { gridCode: 'G2', communityCode: 'C2', members: 1 },
      ]);
      const stats = await new GridStatisticsRepository(db.em).statistics(
        { streetCodes: ['S1'], communityCodes: ['C1', 'C2'] },
        { asOf: '2026-12-05T00:00:00+08:00', rules: referenceProfile.grid },
      );
      expect(stats.streets.map((s) => s.partyMembers)).toEqual([3]);
      expect(stats.communities.map((c) => [c.code, c.partyMembers])).toEqual([
        ['C1', 2],
        ['C2', 1],
      ]);

      // Down again: the placements get their table back, as they were.
      await db.orm.getMigrator().down({ to: self });
      const restored = await sql.execute(
        'select member_id, street_code, community_code, grid_code, building_id from grid_party_member order by member_id',
      );
      expect(restored).toEqual(PLACEMENTS);
      expect(
        await sql.execute(`select code, grid_code, work_unit from points_member where code = 'm1'`),
      ).toEqual([{ code: 'm1', grid_code: 'G1', work_unit: '县财政局' }]);
    } finally {
      await db.close();
      await scratch.drop();
    }
  }, 60_000);
});
