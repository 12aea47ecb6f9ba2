import { Migration } from '@mikro-orm/migrations';

export class Migration20261204181712_data_load extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "data_load" ("id" serial primary key, "kind" varchar(32) not null, "status" varchar(16) not null, "parameters" jsonb not null, "started_at" varchar(40) not null, "finished_at" varchar(40) null);`,
    );
    this.addSql(`create index "data_load_status_idx" on "data_load" ("status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "data_load" cascade;`);
  }
}
