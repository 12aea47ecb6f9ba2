import { Migration } from '@mikro-orm/migrations';

export class Migration20261127123901_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`profile_document\` (\`id\` text not null, \`document\` json not null, \`revision\` integer not null default 1, primary key (\`id\`));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`profile_document\`;`);
  }
}
