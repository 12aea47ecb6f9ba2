import { Migration } from '@mikro-orm/migrations';

export class Migration20261127133700_domain_areas extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`cobuilding_commitment\` (\`year\` integer not null, \`unit_code\` text not null, \`code\` text not null, \`text\` text not null, primary key (\`year\`, \`unit_code\`, \`code\`));`,
    );

    this.addSql(
      `create table \`cobuilding_evaluation\` (\`year\` integer not null, \`unit_code\` text not null, \`commitment\` text not null, \`round\` integer not null, \`rater_group\` text not null, \`rater\` text not null, \`score\` double not null, primary key (\`year\`, \`unit_code\`, \`commitment\`, \`round\`, \`rater_group\`, \`rater\`));`,
    );

    this.addSql(
      `create table \`cobuilding_unit\` (\`year\` integer not null, \`unit_code\` text not null, \`name\` text null, \`scope\` text not null, primary key (\`year\`, \`unit_code\`));`,
    );
    this.addSql(`create index \`cobuilding_unit_scope_idx\` on \`cobuilding_unit\` (\`scope\`, \`year\`);`);

    this.addSql(
      `create table \`consultation_event\` (\`consultation_id\` text not null, \`seq\` integer not null, \`township\` text not null, \`type\` text not null, \`occurred_on\` text not null, \`event\` json not null, primary key (\`consultation_id\`, \`seq\`));`,
    );
    this.addSql(
      `create index \`consultation_event_township_idx\` on \`consultation_event\` (\`township\`, \`occurred_on\`);`,
    );

    this.addSql(
      `create table \`consultation\` (\`id\` text not null, \`topic_id\` text not null, \`township\` text not null, \`status\` text not null, \`year\` integer not null, \`form\` text not null, \`decision_id\` text null, \`profile_id\` text not null, \`state\` json not null, \`event_count\` integer not null, \`version\` integer not null default 1, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`consultation_topic_id_unique\` on \`consultation\` (\`topic_id\`);`);
    this.addSql(
      `create index \`consultation_township_idx\` on \`consultation\` (\`township\`, \`year\`, \`status\`);`,
    );
    this.addSql(`create index \`consultation_status_idx\` on \`consultation\` (\`status\`, \`year\`);`);
    this.addSql(`create index \`consultation_decision_idx\` on \`consultation\` (\`decision_id\`);`);

    this.addSql(
      `create table \`consultation_topic\` (\`topic_id\` text not null, \`township\` text not null, \`path\` text not null, \`status\` text not null, \`year\` integer null, \`profile_id\` text not null, \`consultation_id\` text null, \`thematic_slot\` integer null, \`origination\` json not null, \`version\` integer not null default 1, primary key (\`topic_id\`));`,
    );
    this.addSql(
      `create index \`consultation_topic_township_idx\` on \`consultation_topic\` (\`township\`, \`status\`, \`year\`);`,
    );
    this.addSql(
      `create unique index \`consultation_topic_thematic_slot_unique\` on \`consultation_topic\` (\`township\`, \`year\`, \`thematic_slot\`);`,
    );

    this.addSql(
      `create table \`cppcc_member\` (\`id\` text not null, \`name\` text not null, \`level\` text not null, \`sector\` text null, \`township\` text null, \`origin\` text not null, \`expertise\` json null, \`position\` integer not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`cppcc_member_township_idx\` on \`cppcc_member\` (\`township\`, \`level\`);`);

    this.addSql(
      `create table \`cppcc_sector\` (\`code\` text not null, \`name_zh\` text not null, \`name_en\` text not null, \`position\` integer not null, primary key (\`code\`));`,
    );

    this.addSql(
      `create table \`grid_building\` (\`id\` text not null, \`community_code\` text not null, \`grid_code\` text null, \`households\` integer not null, \`address_order\` double not null, \`address\` text null, \`address_key\` text null, \`x\` double null, \`y\` double null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`grid_building_community_idx\` on \`grid_building\` (\`community_code\`, \`address_order\`);`,
    );
    this.addSql(`create index \`grid_building_grid_idx\` on \`grid_building\` (\`grid_code\`);`);
    this.addSql(`create index \`grid_building_address_idx\` on \`grid_building\` (\`address_key\`);`);

    this.addSql(
      `create table \`grid_joint_meeting\` (\`id\` text not null, \`level\` text not null, \`org_code\` text not null, \`held_on\` text not null, \`kind\` text not null, \`topic\` text null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`grid_joint_meeting_org_idx\` on \`grid_joint_meeting\` (\`org_code\`, \`held_on\`);`,
    );

    this.addSql(
      `create table \`grid_partition\` (\`community_code\` text not null, \`method\` text not null, \`applied_at\` text null, \`version\` integer not null default 1, primary key (\`community_code\`));`,
    );

    this.addSql(
      `create table \`grid_party_member\` (\`member_id\` text not null, \`street_code\` text not null, \`community_code\` text null, \`grid_code\` text null, \`building_id\` text null, primary key (\`member_id\`));`,
    );
    this.addSql(`create index \`grid_party_member_grid_idx\` on \`grid_party_member\` (\`grid_code\`);`);
    this.addSql(
      `create index \`grid_party_member_community_idx\` on \`grid_party_member\` (\`community_code\`);`,
    );
    this.addSql(
      `create index \`grid_party_member_building_idx\` on \`grid_party_member\` (\`building_id\`);`,
    );

    this.addSql(
      `create table \`grid_request_event\` (\`request_id\` text not null, \`seq\` integer not null, \`at\` text not null, \`action\` text not null, \`actor_id\` text not null, \`actor_role\` text not null, \`from_status\` text null, \`to_status\` text not null, \`level\` text not null, \`assignee_id\` text null, \`duplicate_of\` text null, \`note\` text null, primary key (\`request_id\`, \`seq\`));`,
    );

    this.addSql(
      `create table \`grid_request\` (\`id\` text not null, \`type\` text not null, \`status\` text not null, \`level\` text not null, \`grid_code\` text not null, \`community_code\` text not null, \`street_code\` text not null, \`location\` json not null, \`summary\` text not null, \`reported_at\` text not null, \`reported_ms\` double not null, \`due_date\` text not null, \`assignee_id\` text null, \`resolved_at\` text null, \`resolved_on\` text null, \`resolve_hours\` double null, \`closed_at\` text null, \`duplicate_of\` text null, \`escalations\` integer not null, \`event_count\` integer not null, \`profile_id\` text not null, \`reporter_name\` text null, \`reporter_phone\` text null, \`version\` integer not null default 1, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`grid_request_street_idx\` on \`grid_request\` (\`street_code\`, \`status\`, \`reported_ms\`);`,
    );
    this.addSql(
      `create index \`grid_request_community_idx\` on \`grid_request\` (\`community_code\`, \`status\`, \`reported_ms\`);`,
    );
    this.addSql(
      `create index \`grid_request_grid_idx\` on \`grid_request\` (\`grid_code\`, \`status\`, \`reported_ms\`);`,
    );
    this.addSql(`create index \`grid_request_due_idx\` on \`grid_request\` (\`status\`, \`due_date\`);`);

    this.addSql(
      `create table \`grid\` (\`code\` text not null, \`community_code\` text not null, \`street_code\` text not null, \`name\` text not null, \`households\` integer not null, \`outline\` json null, \`min_x\` double null, \`min_y\` double null, \`max_x\` double null, \`max_y\` double null, \`position\` integer not null, \`retired\` integer not null default false, primary key (\`code\`));`,
    );
    this.addSql(`create index \`grid_community_idx\` on \`grid\` (\`community_code\`, \`position\`);`);
    this.addSql(`create index \`grid_street_idx\` on \`grid\` (\`street_code\`);`);
    this.addSql(`create index \`grid_bbox_idx\` on \`grid\` (\`min_x\`, \`max_x\`);`);

    this.addSql(
      `create table \`grid_team_member\` (\`grid_code\` text not null, \`worker_id\` text not null, \`position\` integer not null, primary key (\`grid_code\`, \`worker_id\`));`,
    );
    this.addSql(`create index \`grid_team_member_worker_idx\` on \`grid_team_member\` (\`worker_id\`);`);

    this.addSql(
      `create table \`grid_worker\` (\`id\` text not null, \`name\` text not null, \`home_community_code\` text not null, \`is_party_member\` integer not null, \`party_member_id\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`grid_worker_community_idx\` on \`grid_worker\` (\`home_community_code\`);`);

    this.addSql(
      `create table \`consultation_liaison_group\` (\`township\` text not null, \`name\` text not null, \`established_on\` text not null, \`group\` json not null, \`version\` integer not null default 1, primary key (\`township\`));`,
    );

    this.addSql(
      `create table \`consultation_minutes\` (\`id\` text not null, \`township\` text not null, \`village\` text not null, \`meeting_on\` text not null, \`meeting_year\` integer not null, \`topic\` text not null, \`filed_on\` text not null, \`filed_by\` json not null, \`late\` integer not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`consultation_minutes_meeting_idx\` on \`consultation_minutes\` (\`township\`, \`meeting_year\`);`,
    );
    this.addSql(
      `create index \`consultation_minutes_filed_idx\` on \`consultation_minutes\` (\`township\`, \`filed_on\`);`,
    );

    this.addSql(
      `create table \`points_entry\` (\`key\` text not null, \`seq\` integer not null, \`member_code\` text not null, \`year\` integer not null, \`occurred_on\` text not null, \`item\` text not null, \`recorded_role\` text not null, \`recorded_by\` text not null, \`status\` text not null, \`entry\` json not null, \`state\` json not null, \`version\` integer not null default 1, primary key (\`key\`));`,
    );
    this.addSql(
      `create index \`points_entry_member_year_idx\` on \`points_entry\` (\`member_code\`, \`year\`);`,
    );
    this.addSql(
      `create index \`points_entry_recorded_by_idx\` on \`points_entry\` (\`recorded_by\`, \`year\`);`,
    );

    this.addSql(
      `create table \`points_ledger\` (\`seq\` integer not null primary key autoincrement, \`key\` text not null, \`type\` text not null, \`member_code\` text null, \`entry_key\` text null, \`scope\` text null, \`year\` integer not null, \`occurred_on\` text null, \`item\` text null, \`step_on\` text not null, \`role\` text not null, \`actor\` text not null, \`payload\` json not null);`,
    );
    this.addSql(
      `create index \`points_ledger_member_year_idx\` on \`points_ledger\` (\`member_code\`, \`year\`);`,
    );
    this.addSql(`create index \`points_ledger_entry_idx\` on \`points_ledger\` (\`entry_key\`);`);
    this.addSql(`create index \`points_ledger_scope_year_idx\` on \`points_ledger\` (\`scope\`, \`year\`);`);
    this.addSql(`create unique index \`points_ledger_key_unique\` on \`points_ledger\` (\`key\`);`);

    this.addSql(
      `create table \`points_member\` (\`code\` text not null, \`name\` text not null, \`resident_id\` text null, \`mobile\` text null, \`branch_code\` text not null, \`community_code\` text null, \`grid_code\` text null, \`profile_id\` text not null, \`categories\` json not null, \`dual_registrations\` json not null, \`registered_communities\` text not null, primary key (\`code\`));`,
    );
    this.addSql(
      `create index \`points_member_branch_idx\` on \`points_member\` (\`branch_code\`, \`code\`);`,
    );
    this.addSql(
      `create index \`points_member_community_idx\` on \`points_member\` (\`community_code\`, \`code\`);`,
    );

    this.addSql(
      `create table \`points_year_lock\` (\`branch_code\` text not null, \`year\` integer not null, \`audit_key\` text not null, \`audited_on\` text not null, \`audited_by\` text not null, primary key (\`branch_code\`, \`year\`));`,
    );

    this.addSql(
      `create table \`consultation_routine_decision\` (\`id\` text not null, \`township\` text not null, \`item_kind\` text not null, \`title\` text not null, \`issued_on\` text not null, \`issued_year\` integer not null, \`consultation_id\` text null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`consultation_routine_decision_idx\` on \`consultation_routine_decision\` (\`township\`, \`issued_year\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`cobuilding_commitment\`;`);
    this.addSql(`drop table if exists \`cobuilding_evaluation\`;`);
    this.addSql(`drop table if exists \`cobuilding_unit\`;`);
    this.addSql(`drop table if exists \`consultation_event\`;`);
    this.addSql(`drop table if exists \`consultation\`;`);
    this.addSql(`drop table if exists \`consultation_topic\`;`);
    this.addSql(`drop table if exists \`cppcc_member\`;`);
    this.addSql(`drop table if exists \`cppcc_sector\`;`);
    this.addSql(`drop table if exists \`grid_building\`;`);
    this.addSql(`drop table if exists \`grid_joint_meeting\`;`);
    this.addSql(`drop table if exists \`grid_partition\`;`);
    this.addSql(`drop table if exists \`grid_party_member\`;`);
    this.addSql(`drop table if exists \`grid_request_event\`;`);
    this.addSql(`drop table if exists \`grid_request\`;`);
    this.addSql(`drop table if exists \`grid\`;`);
    this.addSql(`drop table if exists \`grid_team_member\`;`);
    this.addSql(`drop table if exists \`grid_worker\`;`);
    this.addSql(`drop table if exists \`consultation_liaison_group\`;`);
    this.addSql(`drop table if exists \`consultation_minutes\`;`);
    this.addSql(`drop table if exists \`points_entry\`;`);
    this.addSql(`drop table if exists \`points_ledger\`;`);
    this.addSql(`drop table if exists \`points_member\`;`);
    this.addSql(`drop table if exists \`points_year_lock\`;`);
    this.addSql(`drop table if exists \`consultation_routine_decision\`;`);
  }
}
