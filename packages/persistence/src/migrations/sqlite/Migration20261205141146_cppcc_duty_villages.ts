import { Migration } from '@mikro-orm/migrations';

export class Migration20261205141146_cppcc_duty_villages extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`cppcc_duty_entry\` (\`term\` integer not null, \`seq\` integer not null, \`key\` text not null, \`type\` text not null, \`member\` text not null, \`year\` integer null, \`reverses\` text null, \`source_kind\` text null, \`source_id\` text null, \`by_role\` text not null, \`by_id\` text not null, \`recorded_on\` text not null, \`entry\` json not null, primary key (\`term\`, \`seq\`));`,
    );
    this.addSql(
      `create index \`cppcc_duty_entry_member_idx\` on \`cppcc_duty_entry\` (\`term\`, \`member\`);`,
    );
    this.addSql(
      `create index \`cppcc_duty_entry_source_idx\` on \`cppcc_duty_entry\` (\`term\`, \`source_kind\`);`,
    );
    this.addSql(
      `create unique index \`cppcc_duty_entry_key_unique\` on \`cppcc_duty_entry\` (\`term\`, \`key\`);`,
    );
    this.addSql(
      `create unique index \`cppcc_duty_entry_reverses_unique\` on \`cppcc_duty_entry\` (\`term\`, \`reverses\`);`,
    );

    this.addSql(
      `create table \`cppcc_duty_ledger\` (\`term\` integer not null, \`profile_id\` text not null, \`version\` integer not null, primary key (\`term\`));`,
    );

    this.addSql(
      `create table \`cppcc_village_consultation\` (\`id\` text not null, \`township\` text not null, \`village\` text not null, \`status\` text not null, \`started_on\` text not null, \`filed_on\` text null, \`profile_id\` text not null, \`version\` integer not null, \`state\` json not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`cppcc_village_consultation_township_idx\` on \`cppcc_village_consultation\` (\`township\`, \`status\`);`,
    );

    this.addSql(
      `create table \`cppcc_village\` (\`code\` text not null, \`township\` text not null, \`name\` text not null, \`position\` integer not null, primary key (\`code\`));`,
    );
    this.addSql(`create index \`cppcc_village_township_idx\` on \`cppcc_village\` (\`township\`);`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'cppcc_duty_entry',
      'cppcc_duty_ledger',
      'cppcc_village_consultation',
      'cppcc_village',
    ]) {
      this.addSql(`drop table if exists \`${table}\`;`);
    }
  }
}
