import { Migration } from '@mikro-orm/migrations';

export class Migration20261204175313_request_due_provisional extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`grid_request\` add column \`due_date_provisional\` integer not null default false;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`grid_request\` drop column \`due_date_provisional\`;`);
  }
}
