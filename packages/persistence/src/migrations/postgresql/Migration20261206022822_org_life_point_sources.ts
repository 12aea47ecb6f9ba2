import { Migration } from '@mikro-orm/migrations';

export class Migration20261206022822_org_life_point_sources extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "org_life_attendance" ("meeting_id" varchar(128) not null, "member_code" varchar(64) not null, "status" varchar(16) not null, "reason" varchar(500) null, "position" int not null, constraint "org_life_attendance_pkey" primary key ("meeting_id", "member_code"));`,
    );
    this.addSql(`create index "org_life_attendance_member_idx" on "org_life_attendance" ("member_code");`);

    this.addSql(
      `create table "org_life_meeting" ("id" varchar(128) not null, "kind" varchar(32) not null, "branch_code" varchar(64) not null, "group_code" varchar(64) null, "held_on" varchar(10) not null, "topic" varchar(200) not null, "agenda" jsonb not null, "status" varchar(16) not null, "recorded_by" varchar(128) not null, "recorded_on" varchar(10) not null, "note" text null, "version" int not null, constraint "org_life_meeting_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "org_life_meeting_branch_idx" on "org_life_meeting" ("branch_code", "held_on");`,
    );

    this.addSql(
      `alter table "points_entry" add column "source_kind" varchar(32) null, add column "source_id" varchar(128) null;`,
    );
    this.addSql(`create index "points_entry_source_idx" on "points_entry" ("source_kind", "source_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "org_life_attendance" cascade;`);

    this.addSql(`drop table if exists "org_life_meeting" cascade;`);

    this.addSql(`drop index "points_entry_source_idx";`);
    this.addSql(`alter table "points_entry" drop column "source_kind", drop column "source_id";`);
  }
}
