import { Migration } from '@mikro-orm/migrations';

export class Migration20261206021004_register_writes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "register_write" ("key" varchar(200) not null, "operation" varchar(64) not null, "subject" varchar(200) not null, "digest" varchar(64) not null, "actor" varchar(200) not null, "recorded_at" varchar(40) not null, constraint "register_write_pkey" primary key ("key"));`,
    );
    this.addSql(`create index "register_write_subject_idx" on "register_write" ("subject");`);

    this.addSql(
      `alter table "grid_joint_meeting" add column "topics" jsonb null, add column "attendees" jsonb null;`,
    );

    this.addSql(`alter table "grid_worker" add column "retired_on" varchar(10) null;`);

    this.addSql(`alter table "points_member" add column "retired_on" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "register_write" cascade;`);

    this.addSql(`alter table "grid_joint_meeting" drop column "topics", drop column "attendees";`);

    this.addSql(`alter table "grid_worker" drop column "retired_on";`);

    this.addSql(`alter table "points_member" drop column "retired_on";`);
  }
}
