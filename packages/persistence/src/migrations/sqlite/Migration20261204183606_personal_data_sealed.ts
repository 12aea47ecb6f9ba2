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
 * request's reporter get a lookup hash column, and every value stored in clear is sealed, in the
 * same transaction (with the configured keys, or keys generated into `instance_secret`).
 * `down` opens them again: nothing is lost either way.
 */
export class Migration20261204183606_personal_data_sealed extends Migration {
  private readonly run: Execute = (sql, params) => this.execute(sql, params);

  override async up(): Promise<void> {
    // Run now, not queued: the values are sealed after the columns exist and before commit.
    for (const sql of [
      `create table \`instance_secret\` (\`name\` text not null, \`value\` text not null, \`created_at\` text not null, primary key (\`name\`));`,
      `alter table \`grid_request\` add column \`reporter_phone_hash\` text null;`,
      `create index \`grid_request_reporter_phone_hash_idx\` on \`grid_request\` (\`reporter_phone_hash\`);`,
      `alter table \`points_member\` add column \`resident_id_hash\` text null;`,
      `alter table \`points_member\` add column \`mobile_hash\` text null;`,
      `create index \`points_member_resident_id_hash_idx\` on \`points_member\` (\`resident_id_hash\`);`,
      `create index \`points_member_mobile_hash_idx\` on \`points_member\` (\`mobile_hash\`);`,
    ])
      await this.run(sql, []);
    const codec = await codecFor(this.config, this.run);
    await resealPersonalData(this.run, { codec, opener: codec }, FIELDS);
  }

  override async down(): Promise<void> {
    await unsealPersonalData(this.run, await codecFor(this.config, this.run), FIELDS);
    for (const sql of [
      `drop index \`grid_request_reporter_phone_hash_idx\`;`,
      `alter table \`grid_request\` drop column \`reporter_phone_hash\`;`,
      `drop index \`points_member_resident_id_hash_idx\`;`,
      `drop index \`points_member_mobile_hash_idx\`;`,
      `alter table \`points_member\` drop column \`resident_id_hash\`;`,
      `alter table \`points_member\` drop column \`mobile_hash\`;`,
      `drop table if exists \`instance_secret\`;`,
    ])
      await this.run(sql, []);
  }
}
