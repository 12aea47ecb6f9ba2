import { type OrgRow, type ProfileHistory, referenceProfile, residentIdCheckDigit } from '@jiceng/domain';
import type { AccessLogEntry, GatewayServices, Principal } from '@jiceng/gateway';
import {
  type Database,
  type MemberInput,
  OrgRepository,
  PointsLedgerRepository,
  PointsMemberRepository,
} from '@jiceng/persistence';
import { seedMembersAndLedger } from '@jiceng/persistence/seed';

/** A street with two communities; its party tree: the committee, two community branches, two test branches. */
export const administrative: OrgRow[] = [
  { code: '330102', parentCode: null, level: 'county', name: 'XX县' },
  { code: '330102001', parentCode: '330102', level: 'street', subtype: 'street', name: 'XX街道' },
  { code: 'c1', parentCode: '330102001', level: 'community', subtype: 'community', name: '汉江路社区' },
  { code: 'c2', parentCode: '330102001', level: 'community', subtype: 'community', name: '胜利街社区' },
  { code: 'c1g1', parentCode: 'c1', level: 'grid', name: '汉江路第1网格' },
  { code: 'c2g1', parentCode: 'c2', level: 'grid', name: '胜利街第1网格' },
];
export const party: OrgRow[] = [
  { code: 'P330102001', parentCode: null, level: 'committee', name: 'XX街道党委' },
  { code: 'Pc1', parentCode: 'P330102001', level: 'community_org', name: '汉江路社区党支部' },
  { code: 'Pc2', parentCode: 'P330102001', level: 'community_org', name: '胜利街社区党支部' },
  { code: 'Pbig', parentCode: 'P330102001', level: 'community_org', name: '百人党组织' },
  { code: 'Psmall', parentCode: 'P330102001', level: 'community_org', name: '十人党组织' },
];

export function residentId(birth: string, sequence: number): string {
  const first17 = `330102${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${residentIdCheckDigit(first17)}`;
}

const since = (category: string) => [{ category, from: '2020-01-01' }];

export const members: MemberInput[] = [
  {
    code: 'm001',
    name: '张明',
    branch: 'Pc1',
    community: 'c1',
    grid: 'c1g1',
    categories: since('ordinary'),
    residentId: residentId('1980-05-12', 11),
    mobile: '13812345678',
  },
  {
    code: 'm002',
    name: '李华',
    branch: 'Pc1',
    community: 'c1',
    categories: since('ordinary'),
    mobile: '13900001111',
  },
  {
    code: 'm100',
    name: '陈静',
    branch: 'tax_bureau',
    community: 'c1',
    categories: since('in_service'),
    dualRegistrations: [{ community: 'c1', from: '2024-03-01' }],
  },
  ...[1, 2, 3, 4, 5].map(
    (i): MemberInput => ({
      code: `q00${i}`,
      name: `王${i}`,
      branch: 'Pc2',
      community: 'c2',
      categories: since('backbone'),
      residentId: residentId(`1970-01-0${i}`, i),
    }),
  ),
];

export const county: Principal = { subject: 'county', role: 'county_admin', scope: '330102' };
export const street: Principal = { subject: 'street', role: 'street_admin', scope: '330102001' };
/** The street party committee's office, scoped in the party tree. */
export const committee: Principal = { subject: 'committee', role: 'street_admin', scope: 'P330102001' };
export const community1: Principal = { subject: 'cadmin1', role: 'community_admin', scope: 'c1' };
export const community2: Principal = { subject: 'cadmin2', role: 'community_admin', scope: 'c2' };
export const secretary1: Principal = { subject: 'sec1', role: 'branch_secretary', scope: 'Pc1' };
export const secretary2: Principal = { subject: 'sec2', role: 'branch_secretary', scope: 'Pc2' };
export const member1: Principal = { subject: 'm001', role: 'member', scope: 'Pc1' };
export const gridWorker: Principal = { subject: 'w1', role: 'grid_worker', scope: 'c1g1' };

const history: ProfileHistory = {
  id: referenceProfile.id,
  name: referenceProfile.name,
  versions: [referenceProfile],
};

/**
 * Stores the trees, the members, a past year (2025) for branch Pc2 that reaches the 优秀 line,
 * and two branches of 100 and 10 seeded members for counting statements.
 */
export async function setUpPoints(db: Database, services: GatewayServices): Promise<void> {
  const orgs = new OrgRepository(db.em);
  await orgs.replaceTree('administrative', administrative);
  await orgs.replaceTree('party', party);
  await services.reloadOrgTrees();
  await new PointsMemberRepository(db.em).saveMembers(members);
  const ledger = new PointsLedgerRepository(db.em, { rules: () => history });
  const committee = { role: 'committee', id: '330102001' } as const;
  for (const i of [1, 2, 3, 4, 5]) {
    const m = `q00${i}`;
    for (const [n, date] of ['2025-03-02', '2025-09-02'].entries()) {
      await ledger.append({
        type: 'point',
        key: `${m}/honour/${n}`,
        member: m,
        item: 'honour',
        date,
        evidence: ['表彰文件'],
        by: committee,
        on: date,
      });
    }
    for (const month of ['02', '03', '05', '06', '08', '09', '11', '12']) {
      const date = `2025-${month}-10`;
      await ledger.append({
        type: 'point',
        key: `${m}/pioneer/${month}`,
        member: m,
        item: 'pioneer_post',
        date,
        quantity: 1,
        evidence: ['履职记录'],
        by: { role: 'branch', id: 'Pc2' },
        on: date,
      });
    }
  }
  const seed = (prefix: string, community: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      id: `${prefix}${String(i).padStart(3, '0')}`,
      name: `党员${prefix}${i}`,
      category: 'ordinary' as const,
      communityCode: community,
      gridCode: null,
    }));
  // Their branch is P<community>: Pbig and Psmall in the party tree.
  await seedMembersAndLedger(db.em, {
    members: [...seed('B', 'big', 100), ...seed('S', 'small', 10)],
    year: 2025,
    seed: 3,
  });
}

/** An access log the test can read. */
export function recordingLog(services: GatewayServices): AccessLogEntry[] {
  const entries: AccessLogEntry[] = [];
  Object.assign(services, { accessLog: { record: (e: AccessLogEntry) => entries.push(e) } });
  return entries;
}
