import { Migration } from '@mikro-orm/migrations';

export class Migration20261127124831_org_trees extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "org_node" ("code" varchar(64) not null, "kind" varchar(16) not null, "parent_code" varchar(64) null, "level" varchar(32) not null, "subtype" varchar(16) null, "name" varchar(200) not null, "division_code" varchar(12) null, "path" text not null, "depth" int not null, "position" int not null, constraint "org_node_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "org_node_kind_path_idx" on "org_node" ("kind", "path");`);
    this.addSql(`create index "org_node_parent_idx" on "org_node" ("parent_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "org_node" cascade;`);
  }
}
