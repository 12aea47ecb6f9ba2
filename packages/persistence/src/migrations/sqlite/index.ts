import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127123901_init as m1 } from './Migration20261127123901_init.js';
import { Migration20261127124830_org_trees as m2 } from './Migration20261127124830_org_trees.js';
import { Migration20261127133700_domain_areas as m3 } from './Migration20261127133700_domain_areas.js';
import { Migration20261127161642_org_node_counterpart as m4 } from './Migration20261127161642_org_node_counterpart.js';
import { Migration20261204175313_request_due_provisional as m5 } from './Migration20261204175313_request_due_provisional.js';
import { Migration20261204181711_data_load as m6 } from './Migration20261204181711_data_load.js';
import { Migration20261204183606_personal_data_sealed as m7 } from './Migration20261204183606_personal_data_sealed.js';
import { Migration20261205053245_register_import as m8 } from './Migration20261205053245_register_import.js';
import { Migration20261205083054_cppcc_proposals as m9 } from './Migration20261205083054_cppcc_proposals.js';
import { Migration20261205084524_one_member_table as m10 } from './Migration20261205084524_one_member_table.js';
import { Migration20261205141146_cppcc_duty_villages as m11 } from './Migration20261205141146_cppcc_duty_villages.js';
import { Migration20261206021001_register_writes as m12 } from './Migration20261206021001_register_writes.js';
import { Migration20261206021203_cppcc_roll_calls as m13 } from './Migration20261206021203_cppcc_roll_calls.js';
import { Migration20261206022819_org_life_point_sources as m14 } from './Migration20261206022819_org_life_point_sources.js';
import { Migration20261206023049_stationed_units as m15 } from './Migration20261206023049_stationed_units.js';
import { Migration20261206024212_open311_report_fields as m16 } from './Migration20261206024212_open311_report_fields.js';
import { Migration20261206034023_functional_groups as m17 } from './Migration20261206034023_functional_groups.js';

/**
 * The sqlite migrations, oldest first. Written by `pnpm --filter @jiceng/persistence migration:create`
 * and reviewed by hand; listed here so that they run from source and from dist alike.
 */
export const sqliteMigrations: MigrationObject[] = [
  { name: 'Migration20261127123901_init', class: m1 },
  { name: 'Migration20261127124830_org_trees', class: m2 },
  { name: 'Migration20261127133700_domain_areas', class: m3 },
  { name: 'Migration20261127161642_org_node_counterpart', class: m4 },
  { name: 'Migration20261204175313_request_due_provisional', class: m5 },
  { name: 'Migration20261204181711_data_load', class: m6 },
  { name: 'Migration20261204183606_personal_data_sealed', class: m7 },
  { name: 'Migration20261205053245_register_import', class: m8 },
  { name: 'Migration20261205083054_cppcc_proposals', class: m9 },
  { name: 'Migration20261205084524_one_member_table', class: m10 },
  { name: 'Migration20261205141146_cppcc_duty_villages', class: m11 },
  { name: 'Migration20261206021001_register_writes', class: m12 },
  { name: 'Migration20261206021203_cppcc_roll_calls', class: m13 },
  { name: 'Migration20261206022819_org_life_point_sources', class: m14 },
  { name: 'Migration20261206023049_stationed_units', class: m15 },
  { name: 'Migration20261206024212_open311_report_fields', class: m16 },
  { name: 'Migration20261206034023_functional_groups', class: m17 },
];
