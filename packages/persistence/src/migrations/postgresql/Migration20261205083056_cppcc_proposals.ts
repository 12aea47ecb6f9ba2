import { Migration } from '@mikro-orm/migrations';

export class Migration20261205083056_cppcc_proposals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cppcc_committee" ("term" int not null, "term_started_on" varchar(10) not null, "committee" jsonb not null, "version" int not null, constraint "cppcc_committee_pkey" primary key ("term"));`,
    );

    this.addSql(
      `create table "cppcc_plenary_meeting" ("id" varchar(64) not null, "term" int not null, "session" int not null, "opens_on" varchar(10) not null, "closes_on" varchar(10) not null, "profile_id" varchar(64) not null, "last_number" int not null, "version" int not null, "meeting" jsonb not null, constraint "cppcc_plenary_meeting_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "cppcc_plenary_meeting" add constraint "cppcc_plenary_meeting_session_unique" unique ("term", "session");`,
    );

    this.addSql(
      `create table "cppcc_proposal_command" ("key" varchar(200) not null, "meeting_id" varchar(64) not null, "proposal_id" varchar(64) not null, "command" jsonb not null, "version" int not null, constraint "cppcc_proposal_command_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "cppcc_proposal_event" ("meeting_id" varchar(64) not null, "proposal_id" varchar(64) not null, "seq" int not null, "type" varchar(32) not null, "occurred_on" varchar(10) not null, "event" jsonb not null, constraint "cppcc_proposal_event_pkey" primary key ("meeting_id", "proposal_id", "seq"));`,
    );
    this.addSql(
      `create index "cppcc_proposal_event_day_idx" on "cppcc_proposal_event" ("meeting_id", "occurred_on");`,
    );

    this.addSql(
      `create table "cppcc_proposal" ("meeting_id" varchar(64) not null, "id" varchar(64) not null, "position" int not null, "number" int null, "status" varchar(32) not null, "proposer_kind" varchar(32) not null, "subject_area" varchar(64) not null, "lead_unit" varchar(64) null, "is_key" boolean not null, "submitted_on" varchar(10) not null, "event_count" int not null, "state" jsonb not null, constraint "cppcc_proposal_pkey" primary key ("meeting_id", "id"));`,
    );
    this.addSql(`create index "cppcc_proposal_status_idx" on "cppcc_proposal" ("meeting_id", "status");`);
    this.addSql(`create index "cppcc_proposal_lead_unit_idx" on "cppcc_proposal" ("lead_unit", "status");`);
    this.addSql(
      `alter table "cppcc_proposal" add constraint "cppcc_proposal_number_unique" unique ("meeting_id", "number");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cppcc_committee" cascade;`);

    this.addSql(`drop table if exists "cppcc_plenary_meeting" cascade;`);

    this.addSql(`drop table if exists "cppcc_proposal_command" cascade;`);

    this.addSql(`drop table if exists "cppcc_proposal_event" cascade;`);

    this.addSql(`drop table if exists "cppcc_proposal" cascade;`);
  }
}
