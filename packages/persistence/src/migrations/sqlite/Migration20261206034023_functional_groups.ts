import { Migration } from '@mikro-orm/migrations';

export class Migration20261206034023_functional_groups extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`functional_group_member\` (\`group_code\` text not null, \`member_code\` text not null, \`position\` integer not null, primary key (\`group_code\`, \`member_code\`));`,
    );
    this.addSql(
      `create index \`functional_group_member_member_idx\` on \`functional_group_member\` (\`member_code\`);`,
    );

    this.addSql(
      `create table \`functional_group\` (\`code\` text not null, \`name\` text not null, \`basis\` text not null, \`anchor_code\` text not null, primary key (\`code\`));`,
    );
    this.addSql(`create index \`functional_group_anchor_idx\` on \`functional_group\` (\`anchor_code\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`functional_group_member\`;`);
    this.addSql(`drop table if exists \`functional_group\`;`);
  }
}
