// The bulk loader as its own process, for the test that kills it in the middle:
//   node --import tsx --conditions=@jiceng/source test/points-bulk-child.ts <postgres url>
// Prints `batch <rows done>` after each committed transaction.

import { PointsMemberRepository } from '@jiceng/persistence';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ormOptions } from '../src/config.js';
import { pointsEntities } from '../src/points/schemas.js';
import { generatePointsLedger } from '../src/points/seed-ledger.js';
import { bulkLoadLedger, planLedgerLoad } from '../src/points/seed-load.js';
import { pointsMembersOf } from '../src/points/seed-members.js';
import { CHILD_BATCH, CHILD_SEED, CHILD_YEAR, childMembers } from './points-bulk-plan.js';

const url = process.argv[2];
if (url === undefined) throw new Error('usage: points-bulk-child.ts <database url>');
const orm = await MikroORM.init(ormOptions({ url, entities: [...pointsEntities] }));
const em = orm.em as SqlEntityManager;
const members = pointsMembersOf(childMembers(), { year: CHILD_YEAR, seed: CHILD_SEED });
await new PointsMemberRepository(em).saveMembers(members);
const plan = planLedgerLoad(
  generatePointsLedger(members, { year: CHILD_YEAR, seed: CHILD_SEED }),
  CHILD_BATCH,
);
process.stdout.write(`planned ${plan.length}\n`);
await bulkLoadLedger(em, plan, (p) => process.stdout.write(`batch ${p.done}\n`));
process.stdout.write('done\n');
await orm.close(true);
