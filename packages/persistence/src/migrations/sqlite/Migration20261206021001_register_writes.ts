import { Migration } from '@mikro-orm/migrations';

export class Migration20261206021001_register_writes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`register_write\` (\`key\` text not null, \`operation\` text not null, \`subject\` text not null, \`digest\` text not null, \`actor\` text not null, \`recorded_at\` text not null, primary key (\`key\`));`,
    );
    this.addSql(`create index \`register_write_subject_idx\` on \`register_write\` (\`subject\`);`);

    this.addSql(`alter table \`grid_joint_meeting\` add column \`topics\` json null;`);
    this.addSql(`alter table \`grid_joint_meeting\` add column \`attendees\` json null;`);

    this.addSql(`alter table \`grid_worker\` add column \`retired_on\` text null;`);

    this.addSql(`alter table \`points_member\` add column \`retired_on\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`register_write\`;`);
    this.addSql(`alter table \`grid_joint_meeting\` drop column \`topics\`;`);
    this.addSql(`alter table \`grid_joint_meeting\` drop column \`attendees\`;`);
    this.addSql(`alter table \`grid_worker\` drop column \`retired_on\`;`);
    this.addSql(`alter table \`points_member\` drop column \`retired_on\`;`);
  }
}
