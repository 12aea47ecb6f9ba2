import { Migration } from '@mikro-orm/migrations';

/**
 * One party member table (issue #15): where the grid side places a member (street, community,
 * grid, building) moves from `grid_party_member` into the member's own row of `points_member`, and
 * `grid_party_member` goes. A placement's community and grid replace the record's (a re-partition
 * kept the record in step with the placement, so they agree unless written apart). A placement
 * without a member record, which only the reference grid seed left, becomes a member named by its
 * code in its community's party organisation (`P<code>`, the reference dataset's convention), of
 * the ordinary category since always: nothing a placement held is lost, and every member row is one
 * the domain accepts. `down` gives the placements their table back (such a member stays a member).
 */
export class Migration20261205084524_one_member_table extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`points_member\` add column \`street_code\` text null;`);
    this.addSql(`alter table \`points_member\` add column \`building_id\` text null;`);
    this.addSql(
      `update \`points_member\` set \`street_code\` = p.\`street_code\`, \`community_code\` = p.\`community_code\`,
         \`grid_code\` = p.\`grid_code\`, \`building_id\` = p.\`building_id\`
       from \`grid_party_member\` p where p.\`member_id\` = \`points_member\`.\`code\`;`,
    );
    this.addSql(
      `insert into \`points_member\` (\`code\`, \`name\`, \`branch_code\`, \`community_code\`, \`grid_code\`, \`street_code\`,
         \`building_id\`, \`profile_id\`, \`categories\`, \`dual_registrations\`, \`registered_communities\`)
       select p.\`member_id\`, p.\`member_id\`, 'P' || coalesce(p.\`community_code\`, p.\`street_code\`), p.\`community_code\`,
         p.\`grid_code\`, p.\`street_code\`, p.\`building_id\`, 'reference', '[{"category":"ordinary","from":"1900-01-01"}]', '[]', '||'
       from \`grid_party_member\` p
       where not exists (select 1 from \`points_member\` m where m.\`code\` = p.\`member_id\`);`,
    );
    this.addSql(`drop table if exists \`grid_party_member\`;`);
    this.addSql(`create index \`points_member_grid_idx\` on \`points_member\` (\`grid_code\`);`);
    this.addSql(`create index \`points_member_building_idx\` on \`points_member\` (\`building_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create table \`grid_party_member\` (\`member_id\` text not null, \`street_code\` text not null, \`community_code\` text null, \`grid_code\` text null, \`building_id\` text null, primary key (\`member_id\`));`,
    );
    this.addSql(`create index \`grid_party_member_grid_idx\` on \`grid_party_member\` (\`grid_code\`);`);
    this.addSql(
      `create index \`grid_party_member_community_idx\` on \`grid_party_member\` (\`community_code\`);`,
    );
    this.addSql(
      `create index \`grid_party_member_building_idx\` on \`grid_party_member\` (\`building_id\`);`,
    );
    this.addSql(
      `insert into \`grid_party_member\` (\`member_id\`, \`street_code\`, \`community_code\`, \`grid_code\`, \`building_id\`)
       select \`code\`, \`street_code\`, \`community_code\`, \`grid_code\`, \`building_id\` from \`points_member\`
       where \`street_code\` is not null;`,
    );
    this.addSql(`drop index \`points_member_grid_idx\`;`);
    this.addSql(`drop index \`points_member_building_idx\`;`);
    this.addSql(`alter table \`points_member\` drop column \`street_code\`;`);
    this.addSql(`alter table \`points_member\` drop column \`building_id\`;`);
  }
}
