import { Migration } from '@mikro-orm/migrations';
import type { Execute } from '../../secrets/instance-secrets.js';
import { resealPersonalData, unsealPersonalData } from '../../secrets/reseal.js';
import { codecFor, type SealedField } from '../../secrets/sealing.js';

/** The columns sealed when this migration was written (later ones have their own migrations). */
const FIELDS: readonly SealedField[] = [
  'points_member.resident_id',
  'points_member.mobile',
  'grid_request.reporter_phone',
];

/**
 * Personal data sealed at rest: resident IDs and mobiles of party members and the phone of a
 * request's reporter get a lookup hash column and room for a sealed value, and every value stored
 * in clear is sealed, in the same transaction (with the configured keys, or keys generated into
 * `instance_secret`). `down` opens them again: nothing is lost either way.
 */
export class Migration20261204183606_personal_data_sealed extends Migration {
  private readonly run: Execute = (sql, params) => this.execute(sql, params);

  override async up(): Promise<void> {
    // Run now, not queued: the values are sealed after the columns exist and before commit.
    for (const sql of [
      `create table "instance_secret" ("name" varchar(32) not null, "value" varchar(64) not null, "created_at" varchar(40) not null, constraint "instance_secret_pkey" primary key ("name"));`,
      `alter table "grid_request" add column "reporter_phone_hash" varchar(64) null;`,
      `alter table "grid_request" alter column "reporter_phone" type varchar(255) using ("reporter_phone"::varchar(255));`,
      `create index "grid_request_reporter_phone_hash_idx" on "grid_request" ("reporter_phone_hash");`,
      `alter table "points_member" add column "resident_id_hash" varchar(64) null, add column "mobile_hash" varchar(64) null;`,
      `alter table "points_member" alter column "resident_id" type varchar(255) using ("resident_id"::varchar(255));`,
      `alter table "points_member" alter column "mobile" type varchar(255) using ("mobile"::varchar(255));`,
      `create index "points_member_resident_id_hash_idx" on "points_member" ("resident_id_hash");`,
      `create index "points_member_mobile_hash_idx" on "points_member" ("mobile_hash");`,
    ])
      await this.run(sql, []);
    const codec = await codecFor(this.config, this.run);
    await resealPersonalData(this.run, { codec, opener: codec }, FIELDS);
  }

  override async down(): Promise<void> {
    await unsealPersonalData(this.run, await codecFor(this.config, this.run), FIELDS);
    for (const sql of [
      `drop table if exists "instance_secret" cascade;`,
      `drop index "grid_request_reporter_phone_hash_idx";`,
      `alter table "grid_request" drop column "reporter_phone_hash";`,
      `alter table "grid_request" alter column "reporter_phone" type varchar(32) using ("reporter_phone"::varchar(32));`,
      `drop index "points_member_resident_id_hash_idx";`,
      `drop index "points_member_mobile_hash_idx";`,
      `alter table "points_member" drop column "resident_id_hash", drop column "mobile_hash";`,
      `alter table "points_member" alter column "resident_id" type varchar(18) using ("resident_id"::varchar(18));`,
      `alter table "points_member" alter column "mobile" type varchar(20) using ("mobile"::varchar(20));`,
    ])
      await this.run(sql, []);
  }
}
