/**
 * The seed county for the consultation gateway tests: a county with its townships (three pilots
 * and others), 岗乡's 22 villages and one village of 甲镇, and the consultation pilots seeded.
 */
import {
  type LocalDate,
  type OrgRow,
  parseLocalDate,
  type Township,
  unwrap,
  type Village,
} from '@jiceng/domain';
import type { GatewayServices } from '@jiceng/gateway';
import { type Database, OrgRepository } from '@jiceng/persistence';
import { seedConsultationPilots } from '@jiceng/persistence/seed';

export const COUNTY = '341100';
export const GANG = 'gang_xiang';
export const TOWN_A = 'town_a';
export const TOWN_B = 'town_b';

export function townshipsOf(extra: number): Township[] {
  return [
    { code: GANG, name: '岗乡' },
    { code: TOWN_A, name: '甲镇' },
    { code: TOWN_B, name: '乙镇' },
    ...Array.from({ length: extra }, (_, i) => ({ code: `town_${i + 4}`, name: `丙镇${i + 4}` })),
  ];
}

export const gangVillages: readonly Village[] = Array.from({ length: 22 }, (_, i) => ({
  code: `gang_v${String(i + 1).padStart(2, '0')}`,
  name: i < 20 ? `第${i + 1}村` : `第${i - 19}社区`,
  township: GANG,
}));

export function d(text: string): LocalDate {
  return unwrap(parseLocalDate(text));
}

/** The administrative tree: county → townships → villages. */
export function countyRows(townships: readonly Township[]): OrgRow[] {
  return [
    { code: COUNTY, parentCode: null, level: 'county', name: '参考县' },
    ...townships.map(
      (t): OrgRow => ({
        code: t.code,
        parentCode: COUNTY,
        level: 'street',
        subtype: 'township',
        name: t.name,
      }),
    ),
    ...gangVillages.map(
      (v): OrgRow => ({
        code: v.code,
        parentCode: GANG,
        level: 'community',
        subtype: 'village',
        name: v.name,
      }),
    ),
    { code: 'a_v01', parentCode: TOWN_A, level: 'community', subtype: 'village', name: '甲镇一村' },
  ];
}

/** Loads the tree and the pilots (as of 27 November 2026) into a gateway's database. */
export async function seedCounty(db: Database, services: GatewayServices, extraTownships = 2): Promise<void> {
  const townships = townshipsOf(extraTownships);
  await new OrgRepository(db.em).replaceTree('administrative', countyRows(townships));
  await services.reloadOrgTrees();
  await seedConsultationPilots(db.em, {
    townships,
    pilots: { gang: GANG, townA: TOWN_A, townB: TOWN_B },
    villages: gangVillages,
    now: d('2026-11-27'),
  });
}

export const countyAdmin = {
  subject: 'cppcc-office',
  role: 'county_admin',
  scope: COUNTY,
  name: '县政协办',
} as const;
export const townAAdmin = {
  subject: 'a-officer',
  role: 'street_admin',
  scope: TOWN_A,
  name: '甲镇干部',
} as const;
export const townBAdmin = {
  subject: 'b-officer',
  role: 'street_admin',
  scope: TOWN_B,
  name: '乙镇干部',
} as const;
export const villageAdmin = {
  subject: 'v1-clerk',
  role: 'community_admin',
  scope: 'gang_v01',
  name: '一村文书',
} as const;
export const gridWorker = { subject: 'w-1', role: 'grid_worker', scope: TOWN_A } as const;

/** The codes of a GraphQL response's first error and its issues. */
export function refusal(r: { errors?: { extensions?: Record<string, unknown> }[] }): {
  code: unknown;
  issues: string[];
} {
  const error = r.errors?.[0];
  return {
    code: error?.extensions?.['code'],
    issues: ((error?.extensions?.['issues'] as { code: string }[] | undefined) ?? []).map((i) => i.code),
  };
}

/** Counts the SQL statements sent while `work` runs. */
export async function countStatements<T>(
  db: Database,
  work: () => Promise<T>,
): Promise<{ result: T; statements: number }> {
  const knex = db.em.getConnection().getKnex();
  let statements = 0;
  const listener = () => {
    statements++;
  };
  knex.on('query', listener);
  try {
    return { result: await work(), statements };
  } finally {
    knex.removeListener('query', listener);
  }
}
