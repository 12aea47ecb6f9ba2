import { Migration } from '@mikro-orm/migrations';

export class Migration20261127161643_org_node_counterpart extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "org_node" add column "counterpart" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "org_node" drop column "counterpart";`);
  }
}
