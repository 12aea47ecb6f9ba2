import { Migration } from '@mikro-orm/migrations';

export class Migration20261206021203_cppcc_roll_calls extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`cppcc_roll_call\` (\`term\` integer not null, \`id\` text not null, \`kind\` text not null, \`meeting_on\` text not null, \`recorded_on\` text not null, \`version\` integer not null, \`state\` json not null, \`corrections\` json not null, primary key (\`term\`, \`id\`));`,
    );
    this.addSql(
      `create index \`cppcc_roll_call_meeting_idx\` on \`cppcc_roll_call\` (\`term\`, \`meeting_on\`);`,
    );

    this.addSql(`create index \`cppcc_duty_entry_year_idx\` on \`cppcc_duty_entry\` (\`term\`, \`year\`);`);
    // A reversal is filed under the year of the record it cancels, so a year's scores are one read.
    this.addSql(
      `update \`cppcc_duty_entry\` set \`year\` = (select r.\`year\` from \`cppcc_duty_entry\` r where r.\`term\` = \`cppcc_duty_entry\`.\`term\` and r.\`key\` = \`cppcc_duty_entry\`.\`reverses\`) where \`type\` = 'reversal';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`update \`cppcc_duty_entry\` set \`year\` = null where \`type\` = 'reversal';`);
    this.addSql(`drop index if exists \`cppcc_duty_entry_year_idx\`;`);
    this.addSql(`drop table if exists \`cppcc_roll_call\`;`);
  }
}
