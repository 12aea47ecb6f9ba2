import { Migration } from '@mikro-orm/migrations';

export class Migration20261205053245_register_import extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`register_import\` (\`id\` integer not null primary key autoincrement, \`imported_at\` text not null, \`imported_by\` text not null, \`file_name\` text not null, \`file_sha256\` text not null, \`file_bytes\` bigint not null, \`profile_id\` text not null, \`remove_missing\` integer not null, \`rows\` integer not null, \`counts\` json not null);`,
    );
    this.addSql(`create index \`register_import_sha256_idx\` on \`register_import\` (\`file_sha256\`);`);

    this.addSql(`alter table \`points_member\` add column \`work_unit\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`register_import\`;`);
    this.addSql(`alter table \`points_member\` drop column \`work_unit\`;`);
  }
}
