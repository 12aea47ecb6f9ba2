import { Migration } from '@mikro-orm/migrations';

export class Migration20261206022819_org_life_point_sources extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`org_life_attendance\` (\`meeting_id\` text not null, \`member_code\` text not null, \`status\` text not null, \`reason\` text null, \`position\` integer not null, primary key (\`meeting_id\`, \`member_code\`));`,
    );
    this.addSql(
      `create index \`org_life_attendance_member_idx\` on \`org_life_attendance\` (\`member_code\`);`,
    );

    this.addSql(
      `create table \`org_life_meeting\` (\`id\` text not null, \`kind\` text not null, \`branch_code\` text not null, \`group_code\` text null, \`held_on\` text not null, \`topic\` text not null, \`agenda\` json not null, \`status\` text not null, \`recorded_by\` text not null, \`recorded_on\` text not null, \`note\` text null, \`version\` integer not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`org_life_meeting_branch_idx\` on \`org_life_meeting\` (\`branch_code\`, \`held_on\`);`,
    );

    this.addSql(`alter table \`points_entry\` add column \`source_kind\` text null;`);
    this.addSql(`alter table \`points_entry\` add column \`source_id\` text null;`);
    this.addSql(
      `create index \`points_entry_source_idx\` on \`points_entry\` (\`source_kind\`, \`source_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`org_life_attendance\`;`);
    this.addSql(`drop table if exists \`org_life_meeting\`;`);
    this.addSql(`drop index if exists \`points_entry_source_idx\`;`);
    this.addSql(`alter table \`points_entry\` drop column \`source_kind\`;`);
    this.addSql(`alter table \`points_entry\` drop column \`source_id\`;`);
  }
}
