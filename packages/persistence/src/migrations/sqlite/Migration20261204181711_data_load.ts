import { Migration } from '@mikro-orm/migrations';

export class Migration20261204181711_data_load extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`data_load\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`status\` text not null, \`parameters\` json not null, \`started_at\` text not null, \`finished_at\` text null);`,
    );
    this.addSql(`create index \`data_load_status_idx\` on \`data_load\` (\`status\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`data_load\`;`);
  }
}
