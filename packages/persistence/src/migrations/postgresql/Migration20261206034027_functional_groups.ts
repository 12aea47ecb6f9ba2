import { Migration } from '@mikro-orm/migrations';

export class Migration20261206034027_functional_groups extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "functional_group_member" ("group_code" varchar(64) not null, "member_code" varchar(64) not null, "position" int not null, constraint "functional_group_member_pkey" primary key ("group_code", "member_code"));`,
    );
    this.addSql(
      `create index "functional_group_member_member_idx" on "functional_group_member" ("member_code");`,
    );

    this.addSql(
      `create table "functional_group" ("code" varchar(64) not null, "name" varchar(200) not null, "basis" varchar(16) not null, "anchor_code" varchar(64) not null, constraint "functional_group_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "functional_group_anchor_idx" on "functional_group" ("anchor_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "functional_group_member" cascade;`);

    this.addSql(`drop table if exists "functional_group" cascade;`);
  }
}
