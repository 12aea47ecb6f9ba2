import { Migration } from '@mikro-orm/migrations';

export class Migration20261205083054_cppcc_proposals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`cppcc_committee\` (\`term\` integer not null, \`term_started_on\` text not null, \`committee\` json not null, \`version\` integer not null, primary key (\`term\`));`,
    );

    this.addSql(
      `create table \`cppcc_plenary_meeting\` (\`id\` text not null, \`term\` integer not null, \`session\` integer not null, \`opens_on\` text not null, \`closes_on\` text not null, \`profile_id\` text not null, \`last_number\` integer not null, \`version\` integer not null, \`meeting\` json not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create unique index \`cppcc_plenary_meeting_session_unique\` on \`cppcc_plenary_meeting\` (\`term\`, \`session\`);`,
    );

    this.addSql(
      `create table \`cppcc_proposal_command\` (\`key\` text not null, \`meeting_id\` text not null, \`proposal_id\` text not null, \`command\` json not null, \`version\` integer not null, primary key (\`key\`));`,
    );

    this.addSql(
      `create table \`cppcc_proposal_event\` (\`meeting_id\` text not null, \`proposal_id\` text not null, \`seq\` integer not null, \`type\` text not null, \`occurred_on\` text not null, \`event\` json not null, primary key (\`meeting_id\`, \`proposal_id\`, \`seq\`));`,
    );
    this.addSql(
      `create index \`cppcc_proposal_event_day_idx\` on \`cppcc_proposal_event\` (\`meeting_id\`, \`occurred_on\`);`,
    );

    this.addSql(
      `create table \`cppcc_proposal\` (\`meeting_id\` text not null, \`id\` text not null, \`position\` integer not null, \`number\` integer null, \`status\` text not null, \`proposer_kind\` text not null, \`subject_area\` text not null, \`lead_unit\` text null, \`is_key\` integer not null, \`submitted_on\` text not null, \`event_count\` integer not null, \`state\` json not null, primary key (\`meeting_id\`, \`id\`));`,
    );
    this.addSql(
      `create index \`cppcc_proposal_status_idx\` on \`cppcc_proposal\` (\`meeting_id\`, \`status\`);`,
    );
    this.addSql(
      `create index \`cppcc_proposal_lead_unit_idx\` on \`cppcc_proposal\` (\`lead_unit\`, \`status\`);`,
    );
    this.addSql(
      `create unique index \`cppcc_proposal_number_unique\` on \`cppcc_proposal\` (\`meeting_id\`, \`number\`);`,
    );
  }

  override async down(): Promise<void> {
    for (const table of [
      'cppcc_proposal',
      'cppcc_proposal_event',
      'cppcc_proposal_command',
      'cppcc_plenary_meeting',
      'cppcc_committee',
    ]) {
      this.addSql(`drop table if exists \`${table}\`;`);
    }
  }
}
