import { Migration } from '@mikro-orm/migrations';

export class Migration20261127123902_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "profile_document" ("id" varchar(64) not null, "document" jsonb not null, "revision" int not null default 1, constraint "profile_document_pkey" primary key ("id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "profile_document" cascade;`);
  }
}
