import { Migration } from '@mikro-orm/migrations';

export class Migration20261127161642_org_node_counterpart extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`org_node\` add column \`counterpart\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`org_node\` drop column \`counterpart\`;`);
  }
}
