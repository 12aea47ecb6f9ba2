import { Migration } from '@mikro-orm/migrations';

export class Migration20261205053246_register_import extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "register_import" ("id" serial primary key, "imported_at" varchar(40) not null, "imported_by" varchar(200) not null, "file_name" varchar(500) not null, "file_sha256" varchar(64) not null, "file_bytes" bigint not null, "profile_id" varchar(64) not null, "remove_missing" boolean not null, "rows" int not null, "counts" jsonb not null);`,
    );
    this.addSql(`create index "register_import_sha256_idx" on "register_import" ("file_sha256");`);

    this.addSql(`alter table "points_member" add column "work_unit" varchar(200) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "register_import" cascade;`);

    this.addSql(`alter table "points_member" drop column "work_unit";`);
  }
}
