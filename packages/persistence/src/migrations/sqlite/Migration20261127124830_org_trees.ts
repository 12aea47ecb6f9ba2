import { Migration } from '@mikro-orm/migrations';

export class Migration20261127124830_org_trees extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`org_node\` (\`code\` text not null, \`kind\` text not null, \`parent_code\` text null, \`level\` text not null, \`subtype\` text null, \`name\` text not null, \`division_code\` text null, \`path\` text not null, \`depth\` integer not null, \`position\` integer not null, primary key (\`code\`));`,
    );
    this.addSql(`create index \`org_node_kind_path_idx\` on \`org_node\` (\`kind\`, \`path\`);`);
    this.addSql(`create index \`org_node_parent_idx\` on \`org_node\` (\`parent_code\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`org_node\`;`);
  }
}
