import { Migration } from '@mikro-orm/migrations';

/**
 * What an Open311 report carries beyond a GraphQL one, and what its answers show: the reporter's
 * e-mail (sealed, with its lookup hash), a media link, and the time of the last step, filled from
 * each request's trail. `down` drops them (the e-mails and links reported since are lost).
 */
export class Migration20261206024215_open311_report_fields extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "grid_request" add column "reporter_email" varchar(2048) null, add column "reporter_email_hash" varchar(64) null, add column "media_url" varchar(2000) null, add column "updated_at" varchar(40) null;`,
    );
    this.addSql(
      `update "grid_request" set "updated_at" = coalesce((select e."at" from "grid_request_event" e where e."request_id" = "grid_request"."id" order by e."seq" desc limit 1), "reported_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "grid_request" drop column "reporter_email", drop column "reporter_email_hash", drop column "media_url", drop column "updated_at";`,
    );
  }
}
