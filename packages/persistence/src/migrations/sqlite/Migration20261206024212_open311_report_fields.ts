import { Migration } from '@mikro-orm/migrations';

/**
 * What an Open311 report carries beyond a GraphQL one, and what its answers show: the reporter's
 * e-mail (sealed, with its lookup hash), a media link, and the time of the last step, filled from
 * each request's trail. `down` drops them (the e-mails and links reported since are lost).
 */
export class Migration20261206024212_open311_report_fields extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`grid_request\` add column \`reporter_email\` text null;`);
    this.addSql(`alter table \`grid_request\` add column \`reporter_email_hash\` text null;`);
    this.addSql(`alter table \`grid_request\` add column \`media_url\` text null;`);
    this.addSql(`alter table \`grid_request\` add column \`updated_at\` text null;`);
    this.addSql(
      `update \`grid_request\` set \`updated_at\` = coalesce((select e.\`at\` from \`grid_request_event\` e where e.\`request_id\` = \`grid_request\`.\`id\` order by e.\`seq\` desc limit 1), \`reported_at\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`grid_request\` drop column \`reporter_email\`;`);
    this.addSql(`alter table \`grid_request\` drop column \`reporter_email_hash\`;`);
    this.addSql(`alter table \`grid_request\` drop column \`media_url\`;`);
    this.addSql(`alter table \`grid_request\` drop column \`updated_at\`;`);
  }
}
