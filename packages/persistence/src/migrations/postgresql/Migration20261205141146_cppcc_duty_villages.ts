import { Migration } from '@mikro-orm/migrations';

export class Migration20261205141146_cppcc_duty_villages extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cppcc_duty_entry" ("term" int not null, "seq" int not null, "key" varchar(200) not null, "type" varchar(16) not null, "member" varchar(64) not null, "year" int null, "reverses" varchar(200) null, "source_kind" varchar(32) null, "source_id" varchar(200) null, "by_role" varchar(32) not null, "by_id" varchar(64) not null, "recorded_on" varchar(10) not null, "entry" jsonb not null, constraint "cppcc_duty_entry_pkey" primary key ("term", "seq"));`,
    );
    this.addSql(`create index "cppcc_duty_entry_member_idx" on "cppcc_duty_entry" ("term", "member");`);
    this.addSql(`create index "cppcc_duty_entry_source_idx" on "cppcc_duty_entry" ("term", "source_kind");`);
    this.addSql(
      `alter table "cppcc_duty_entry" add constraint "cppcc_duty_entry_key_unique" unique ("term", "key");`,
    );
    this.addSql(
      `alter table "cppcc_duty_entry" add constraint "cppcc_duty_entry_reverses_unique" unique ("term", "reverses");`,
    );

    this.addSql(
      `create table "cppcc_duty_ledger" ("term" int not null, "profile_id" varchar(64) not null, "version" int not null, constraint "cppcc_duty_ledger_pkey" primary key ("term"));`,
    );

    this.addSql(
      `create table "cppcc_village_consultation" ("id" varchar(64) not null, "township" varchar(64) not null, "village" varchar(64) not null, "status" varchar(32) not null, "started_on" varchar(10) not null, "filed_on" varchar(10) null, "profile_id" varchar(64) not null, "version" int not null, "state" jsonb not null, constraint "cppcc_village_consultation_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "cppcc_village_consultation_township_idx" on "cppcc_village_consultation" ("township", "status");`,
    );

    this.addSql(
      `create table "cppcc_village" ("code" varchar(64) not null, "township" varchar(64) not null, "name" varchar(200) not null, "position" int not null, constraint "cppcc_village_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "cppcc_village_township_idx" on "cppcc_village" ("township");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cppcc_duty_entry" cascade;`);

    this.addSql(`drop table if exists "cppcc_duty_ledger" cascade;`);

    this.addSql(`drop table if exists "cppcc_village_consultation" cascade;`);

    this.addSql(`drop table if exists "cppcc_village" cascade;`);
  }
}
