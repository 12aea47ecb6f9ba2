import { Migration } from '@mikro-orm/migrations';

export class Migration20261206023054_stationed_units extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "stationed_unit_member" ("member_code" varchar(64) not null, "unit_code" varchar(64) not null, "community_code" varchar(64) null, constraint "stationed_unit_member_pkey" primary key ("member_code"));`,
    );
    this.addSql(`create index "stationed_unit_member_unit_idx" on "stationed_unit_member" ("unit_code");`);

    this.addSql(
      `create table "stationed_unit" ("code" varchar(64) not null, "name" varchar(200) not null, "kind" varchar(32) not null, "community_code" varchar(64) not null, "branch_code" varchar(64) not null, constraint "stationed_unit_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "stationed_unit_community_idx" on "stationed_unit" ("community_code");`);
    this.addSql(`create index "stationed_unit_branch_idx" on "stationed_unit" ("branch_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stationed_unit_member" cascade;`);

    this.addSql(`drop table if exists "stationed_unit" cascade;`);
  }
}
