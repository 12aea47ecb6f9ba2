import { Migration } from '@mikro-orm/migrations';

export class Migration20261127133701_domain_areas extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cobuilding_commitment" ("year" int not null, "unit_code" varchar(64) not null, "code" varchar(64) not null, "text" text not null, constraint "cobuilding_commitment_pkey" primary key ("year", "unit_code", "code"));`,
    );

    this.addSql(
      `create table "cobuilding_evaluation" ("year" int not null, "unit_code" varchar(64) not null, "commitment" varchar(64) not null, "round" int not null, "rater_group" varchar(64) not null, "rater" varchar(64) not null, "score" double precision not null, constraint "cobuilding_evaluation_pkey" primary key ("year", "unit_code", "commitment", "round", "rater_group", "rater"));`,
    );

    this.addSql(
      `create table "cobuilding_unit" ("year" int not null, "unit_code" varchar(64) not null, "name" varchar(200) null, "scope" varchar(64) not null, constraint "cobuilding_unit_pkey" primary key ("year", "unit_code"));`,
    );
    this.addSql(`create index "cobuilding_unit_scope_idx" on "cobuilding_unit" ("scope", "year");`);

    this.addSql(
      `create table "consultation_event" ("consultation_id" varchar(64) not null, "seq" int not null, "township" varchar(64) not null, "type" varchar(32) not null, "occurred_on" varchar(10) not null, "event" jsonb not null, constraint "consultation_event_pkey" primary key ("consultation_id", "seq"));`,
    );
    this.addSql(
      `create index "consultation_event_township_idx" on "consultation_event" ("township", "occurred_on");`,
    );

    this.addSql(
      `create table "consultation" ("id" varchar(64) not null, "topic_id" varchar(64) not null, "township" varchar(64) not null, "status" varchar(32) not null, "year" int not null, "form" varchar(16) not null, "decision_id" varchar(64) null, "profile_id" varchar(64) not null, "state" jsonb not null, "event_count" int not null, "version" int not null default 1, constraint "consultation_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "consultation" add constraint "consultation_topic_id_unique" unique ("topic_id");`,
    );
    this.addSql(`create index "consultation_township_idx" on "consultation" ("township", "year", "status");`);
    this.addSql(`create index "consultation_status_idx" on "consultation" ("status", "year");`);
    this.addSql(`create index "consultation_decision_idx" on "consultation" ("decision_id");`);

    this.addSql(
      `create table "consultation_topic" ("topic_id" varchar(64) not null, "township" varchar(64) not null, "path" varchar(32) not null, "status" varchar(16) not null, "year" int null, "profile_id" varchar(64) not null, "consultation_id" varchar(64) null, "thematic_slot" int null, "origination" jsonb not null, "version" int not null default 1, constraint "consultation_topic_pkey" primary key ("topic_id"));`,
    );
    this.addSql(
      `create index "consultation_topic_township_idx" on "consultation_topic" ("township", "status", "year");`,
    );
    this.addSql(
      `alter table "consultation_topic" add constraint "consultation_topic_thematic_slot_unique" unique ("township", "year", "thematic_slot");`,
    );

    this.addSql(
      `create table "cppcc_member" ("id" varchar(64) not null, "name" varchar(200) not null, "level" varchar(16) not null, "sector" varchar(64) null, "township" varchar(64) null, "origin" varchar(16) not null, "expertise" jsonb null, "position" int not null, constraint "cppcc_member_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "cppcc_member_township_idx" on "cppcc_member" ("township", "level");`);

    this.addSql(
      `create table "cppcc_sector" ("code" varchar(64) not null, "name_zh" varchar(200) not null, "name_en" varchar(200) not null, "position" int not null, constraint "cppcc_sector_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "grid_building" ("id" varchar(64) not null, "community_code" varchar(64) not null, "grid_code" varchar(64) null, "households" int not null, "address_order" double precision not null, "address" varchar(200) null, "address_key" varchar(200) null, "x" double precision null, "y" double precision null, constraint "grid_building_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "grid_building_community_idx" on "grid_building" ("community_code", "address_order");`,
    );
    this.addSql(`create index "grid_building_grid_idx" on "grid_building" ("grid_code");`);
    this.addSql(`create index "grid_building_address_idx" on "grid_building" ("address_key");`);

    this.addSql(
      `create table "grid_joint_meeting" ("id" varchar(64) not null, "level" varchar(16) not null, "org_code" varchar(64) not null, "held_on" varchar(10) not null, "kind" varchar(16) not null, "topic" varchar(200) null, constraint "grid_joint_meeting_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "grid_joint_meeting_org_idx" on "grid_joint_meeting" ("org_code", "held_on");`);

    this.addSql(
      `create table "grid_partition" ("community_code" varchar(64) not null, "method" varchar(16) not null, "applied_at" varchar(40) null, "version" int not null default 1, constraint "grid_partition_pkey" primary key ("community_code"));`,
    );

    this.addSql(
      `create table "grid_party_member" ("member_id" varchar(64) not null, "street_code" varchar(64) not null, "community_code" varchar(64) null, "grid_code" varchar(64) null, "building_id" varchar(64) null, constraint "grid_party_member_pkey" primary key ("member_id"));`,
    );
    this.addSql(`create index "grid_party_member_grid_idx" on "grid_party_member" ("grid_code");`);
    this.addSql(`create index "grid_party_member_community_idx" on "grid_party_member" ("community_code");`);
    this.addSql(`create index "grid_party_member_building_idx" on "grid_party_member" ("building_id");`);

    this.addSql(
      `create table "grid_request_event" ("request_id" varchar(64) not null, "seq" int not null, "at" varchar(40) not null, "action" varchar(16) not null, "actor_id" varchar(64) not null, "actor_role" varchar(16) not null, "from_status" varchar(16) null, "to_status" varchar(16) not null, "level" varchar(16) not null, "assignee_id" varchar(64) null, "duplicate_of" varchar(64) null, "note" text null, constraint "grid_request_event_pkey" primary key ("request_id", "seq"));`,
    );

    this.addSql(
      `create table "grid_request" ("id" varchar(64) not null, "type" varchar(32) not null, "status" varchar(16) not null, "level" varchar(16) not null, "grid_code" varchar(64) not null, "community_code" varchar(64) not null, "street_code" varchar(64) not null, "location" jsonb not null, "summary" text not null, "reported_at" varchar(40) not null, "reported_ms" double precision not null, "due_date" varchar(10) not null, "assignee_id" varchar(64) null, "resolved_at" varchar(40) null, "resolved_on" varchar(10) null, "resolve_hours" double precision null, "closed_at" varchar(40) null, "duplicate_of" varchar(64) null, "escalations" int not null, "event_count" int not null, "profile_id" varchar(64) not null, "reporter_name" varchar(100) null, "reporter_phone" varchar(32) null, "version" int not null default 1, constraint "grid_request_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "grid_request_street_idx" on "grid_request" ("street_code", "status", "reported_ms");`,
    );
    this.addSql(
      `create index "grid_request_community_idx" on "grid_request" ("community_code", "status", "reported_ms");`,
    );
    this.addSql(
      `create index "grid_request_grid_idx" on "grid_request" ("grid_code", "status", "reported_ms");`,
    );
    this.addSql(`create index "grid_request_due_idx" on "grid_request" ("status", "due_date");`);

    this.addSql(
      `create table "grid" ("code" varchar(64) not null, "community_code" varchar(64) not null, "street_code" varchar(64) not null, "name" varchar(200) not null, "households" int not null, "outline" jsonb null, "min_x" double precision null, "min_y" double precision null, "max_x" double precision null, "max_y" double precision null, "position" int not null, "retired" boolean not null default false, constraint "grid_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "grid_community_idx" on "grid" ("community_code", "position");`);
    this.addSql(`create index "grid_street_idx" on "grid" ("street_code");`);
    this.addSql(`create index "grid_bbox_idx" on "grid" ("min_x", "max_x");`);

    this.addSql(
      `create table "grid_team_member" ("grid_code" varchar(64) not null, "worker_id" varchar(64) not null, "position" int not null, constraint "grid_team_member_pkey" primary key ("grid_code", "worker_id"));`,
    );
    this.addSql(`create index "grid_team_member_worker_idx" on "grid_team_member" ("worker_id");`);

    this.addSql(
      `create table "grid_worker" ("id" varchar(64) not null, "name" varchar(200) not null, "home_community_code" varchar(64) not null, "is_party_member" boolean not null, "party_member_id" varchar(64) null, constraint "grid_worker_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "grid_worker_community_idx" on "grid_worker" ("home_community_code");`);

    this.addSql(
      `create table "consultation_liaison_group" ("township" varchar(64) not null, "name" varchar(200) not null, "established_on" varchar(10) not null, "group" jsonb not null, "version" int not null default 1, constraint "consultation_liaison_group_pkey" primary key ("township"));`,
    );

    this.addSql(
      `create table "consultation_minutes" ("id" varchar(64) not null, "township" varchar(64) not null, "village" varchar(64) not null, "meeting_on" varchar(10) not null, "meeting_year" int not null, "topic" text not null, "filed_on" varchar(10) not null, "filed_by" jsonb not null, "late" boolean not null, constraint "consultation_minutes_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "consultation_minutes_meeting_idx" on "consultation_minutes" ("township", "meeting_year");`,
    );
    this.addSql(
      `create index "consultation_minutes_filed_idx" on "consultation_minutes" ("township", "filed_on");`,
    );

    this.addSql(
      `create table "points_entry" ("key" varchar(200) not null, "seq" int not null, "member_code" varchar(64) not null, "year" int not null, "occurred_on" varchar(10) not null, "item" varchar(64) not null, "recorded_role" varchar(16) not null, "recorded_by" varchar(64) not null, "status" varchar(16) not null, "entry" jsonb not null, "state" jsonb not null, "version" int not null default 1, constraint "points_entry_pkey" primary key ("key"));`,
    );
    this.addSql(`create index "points_entry_member_year_idx" on "points_entry" ("member_code", "year");`);
    this.addSql(`create index "points_entry_recorded_by_idx" on "points_entry" ("recorded_by", "year");`);

    this.addSql(
      `create table "points_ledger" ("seq" serial primary key, "key" varchar(200) not null, "type" varchar(16) not null, "member_code" varchar(64) null, "entry_key" varchar(200) null, "scope" varchar(64) null, "year" int not null, "occurred_on" varchar(10) null, "item" varchar(64) null, "step_on" varchar(10) not null, "role" varchar(16) not null, "actor" varchar(64) not null, "payload" jsonb not null);`,
    );
    this.addSql(`create index "points_ledger_member_year_idx" on "points_ledger" ("member_code", "year");`);
    this.addSql(`create index "points_ledger_entry_idx" on "points_ledger" ("entry_key");`);
    this.addSql(`create index "points_ledger_scope_year_idx" on "points_ledger" ("scope", "year");`);
    this.addSql(`alter table "points_ledger" add constraint "points_ledger_key_unique" unique ("key");`);

    this.addSql(
      `create table "points_member" ("code" varchar(64) not null, "name" varchar(100) not null, "resident_id" varchar(18) null, "mobile" varchar(20) null, "branch_code" varchar(64) not null, "community_code" varchar(64) null, "grid_code" varchar(64) null, "profile_id" varchar(64) not null, "categories" jsonb not null, "dual_registrations" jsonb not null, "registered_communities" varchar(1000) not null, constraint "points_member_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "points_member_branch_idx" on "points_member" ("branch_code", "code");`);
    this.addSql(`create index "points_member_community_idx" on "points_member" ("community_code", "code");`);

    this.addSql(
      `create table "points_year_lock" ("branch_code" varchar(64) not null, "year" int not null, "audit_key" varchar(200) not null, "audited_on" varchar(10) not null, "audited_by" varchar(64) not null, constraint "points_year_lock_pkey" primary key ("branch_code", "year"));`,
    );

    this.addSql(
      `create table "consultation_routine_decision" ("id" varchar(64) not null, "township" varchar(64) not null, "item_kind" varchar(64) not null, "title" text not null, "issued_on" varchar(10) not null, "issued_year" int not null, "consultation_id" varchar(64) null, constraint "consultation_routine_decision_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "consultation_routine_decision_idx" on "consultation_routine_decision" ("township", "issued_year");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cobuilding_commitment" cascade;`);

    this.addSql(`drop table if exists "cobuilding_evaluation" cascade;`);

    this.addSql(`drop table if exists "cobuilding_unit" cascade;`);

    this.addSql(`drop table if exists "consultation_event" cascade;`);

    this.addSql(`drop table if exists "consultation" cascade;`);

    this.addSql(`drop table if exists "consultation_topic" cascade;`);

    this.addSql(`drop table if exists "cppcc_member" cascade;`);

    this.addSql(`drop table if exists "cppcc_sector" cascade;`);

    this.addSql(`drop table if exists "grid_building" cascade;`);

    this.addSql(`drop table if exists "grid_joint_meeting" cascade;`);

    this.addSql(`drop table if exists "grid_partition" cascade;`);

    this.addSql(`drop table if exists "grid_party_member" cascade;`);

    this.addSql(`drop table if exists "grid_request_event" cascade;`);

    this.addSql(`drop table if exists "grid_request" cascade;`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "grid_team_member" cascade;`);

    this.addSql(`drop table if exists "grid_worker" cascade;`);

    this.addSql(`drop table if exists "consultation_liaison_group" cascade;`);

    this.addSql(`drop table if exists "consultation_minutes" cascade;`);

    this.addSql(`drop table if exists "points_entry" cascade;`);

    this.addSql(`drop table if exists "points_ledger" cascade;`);

    this.addSql(`drop table if exists "points_member" cascade;`);

    this.addSql(`drop table if exists "points_year_lock" cascade;`);

    this.addSql(`drop table if exists "consultation_routine_decision" cascade;`);
  }
}
