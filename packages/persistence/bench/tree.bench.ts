// SQL statements to load the county's streets as a tree with their grids, grid workers and
// party groups, on the reference dataset at scale 1 (one street) and at scale 10 (ten times
// the rows): the count must not grow with the data (set-based repository methods, no per-row
// queries). Counted with knex's query event.

import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { report } from '../../../scripts/bench-harness.js';
import { type Database, GridRepository, OrgRepository, openDatabase } from '../src/index.js';
import { seedGridDataset } from '../src/seed/index.js';

async function statementsForTree(
  scale: number,
): Promise<{ statements: number; grids: number; workers: number }> {
  const db: Database = await openDatabase({ url: 'sqlite::memory:' });
  try {
    const dataset = generateReferenceGridDataset(referenceProfile, { scale });
    await seedGridDataset(db.em, dataset);
    const streets = dataset.streets.map((s) => s.code);
    const partyRoot = dataset.partyRows.find((r) => r.parentCode === null)!.code;
    let statements = 0;
    const knex = db.em.getConnection().getKnex();
    const count = () => {
      statements++;
    };
    knex.on('query', count);
    try {
      const orgs = new OrgRepository(db.em);
      const grids = new GridRepository(db.em);
      const tree = await orgs.subtree(dataset.county.code);
      const inStreet = await grids.gridsIn({ streetCodes: streets });
      const teams = await grids.teamsOf(inStreet.map((g) => g.code));
      await orgs.subtree(partyRoot);
      await grids.partyGroupSizes({ streetCodes: streets });
      if (tree.length === 0 || inStreet.length === 0) throw new Error('the street was not loaded');
      const workers = [...teams.values()].reduce((n, t) => n + t.length, 0);
      return { statements, grids: inStreet.length, workers };
    } finally {
      knex.off('query', count);
    }
  } finally {
    await db.close();
  }
}

export async function run(_scale: number): Promise<void> {
  // Fixed scales: the figure is a count, not a time, and the two sizes are what it compares.
  const s1 = await statementsForTree(1);
  const s10 = await statementsForTree(10);
  if (s10.grids < 5 * s1.grids) throw new Error('scale 10 should load many times the grids');
  report('persistence.tree_statements_s1', s1.statements, 'statements');
  report('persistence.tree_statements_s10', s10.statements, 'statements');
}
