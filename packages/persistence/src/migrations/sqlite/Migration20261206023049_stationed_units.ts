import { Migration } from '@mikro-orm/migrations';

export class Migration20261206023049_stationed_units extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`stationed_unit_member\` (\`member_code\` text not null, \`unit_code\` text not null, \`community_code\` text null, primary key (\`member_code\`));`,
    );
    this.addSql(
      `create index \`stationed_unit_member_unit_idx\` on \`stationed_unit_member\` (\`unit_code\`);`,
    );

    this.addSql(
      `create table \`stationed_unit\` (\`code\` text not null, \`name\` text not null, \`kind\` text not null, \`community_code\` text not null, \`branch_code\` text not null, primary key (\`code\`));`,
    );
    this.addSql(`create index \`stationed_unit_community_idx\` on \`stationed_unit\` (\`community_code\`);`);
    this.addSql(`create index \`stationed_unit_branch_idx\` on \`stationed_unit\` (\`branch_code\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`stationed_unit_member\`;`);
    this.addSql(`drop table if exists \`stationed_unit\`;`);
  }
}
