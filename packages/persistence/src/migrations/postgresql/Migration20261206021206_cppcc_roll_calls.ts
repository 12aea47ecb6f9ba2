import { Migration } from '@mikro-orm/migrations';

export class Migration20261206021206_cppcc_roll_calls extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cppcc_roll_call" ("term" int not null, "id" varchar(64) not null, "kind" varchar(16) not null, "meeting_on" varchar(10) not null, "recorded_on" varchar(10) not null, "version" int not null, "state" jsonb not null, "corrections" jsonb not null, constraint "cppcc_roll_call_pkey" primary key ("term", "id"));`,
    );
    this.addSql(`create index "cppcc_roll_call_meeting_idx" on "cppcc_roll_call" ("term", "meeting_on");`);

    this.addSql(`create index "cppcc_duty_entry_year_idx" on "cppcc_duty_entry" ("term", "year");`);
    // A reversal is filed under the year of the record it cancels, so a year's scores are one read.
    this.addSql(
      `update "cppcc_duty_entry" e set "year" = r."year" from "cppcc_duty_entry" r where e."type" = 'reversal' and r."term" = e."term" and r."key" = e."reverses";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`update "cppcc_duty_entry" set "year" = null where "type" = 'reversal';`);
    this.addSql(`drop index if exists "cppcc_duty_entry_year_idx";`);
    this.addSql(`drop table if exists "cppcc_roll_call" cascade;`);
  }
}
