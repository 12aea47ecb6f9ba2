import { copyFile, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type LocalDate,
  parseLocalDate,
  type RequestCommand,
  type RuleProfile,
  referenceProfile,
  requestContextOf,
  transitionRequest,
  unwrap,
} from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import type { GatewayServices, Principal, Role } from '@jiceng/gateway';
import {
  ConsultationRepository,
  type Database,
  openDatabase,
  PointsLedgerRepository,
  PointsMemberRepository,
  ResidentRequestRepository,
  type StoredMember,
} from '@jiceng/persistence';
import { seedReferenceCounty } from '@jiceng/persistence/seed';

/**
 * The reference county at a small scale, as the authorisation tests probe it: two communities of
 * the seed street, the consultation pilots of 岗乡 and 甲镇, and callers of every role inside and
 * outside each. Shared by the authorisation matrix and the regression tests of issue #13.
 */

export const TODAY = '2026-11-27';
/** Two communities: the smallest scale with another community beside the first. */
export const SCALE = 0.25;

export const COUNTY = '330102';
export const OTHER_COUNTY = '330199';
export const STREET = '330102001';
export const C1 = '330102001001';
export const C2 = '330102001002';
export const G1 = `${C1}-G01`;
export const G2 = `${C2}-G01`;
export const PC1 = `P${C1}`;
export const PC2 = `P${C2}`;
/** 岗乡, the consultation pilot with villages, and one of its villages. */
export const GANG = '330102101';
export const GANG_VILLAGE = '330102101201';
/** 甲镇, another township with consultations. */
export const JIA = '330102102';

/**
 * A database holding the reference county: seeded in memory, or — when JICENG_AUTHZ_TEMPLATE names
 * a file — a copy of that file, seeded into it on first use, so that many runs (the mutants of
 * scripts/authz-mutants.mjs) seed once.
 */
export async function openReferenceCounty(): Promise<Database> {
  const today = unwrap(parseLocalDate(TODAY)) as LocalDate;
  const template = process.env['JICENG_AUTHZ_TEMPLATE'];
  if (template === undefined || template === '') {
    const db = await openDatabase({ url: 'sqlite::memory:', migrate: false });
    await db.orm.schema.createSchema();
    await seedReferenceCounty(db, { today, scale: SCALE });
    return db;
  }
  if (!(await exists(template))) {
    const db = await openDatabase({ url: `sqlite:${template}`, migrate: false });
    await db.orm.schema.createSchema();
    await seedReferenceCounty(db, { today, scale: SCALE });
    await db.close();
  }
  const copy = join(await mkdtemp(join(tmpdir(), 'jiceng-authz-')), 'county.db');
  await copyFile(template, copy);
  return openDatabase({ url: `sqlite:${copy}`, migrate: false });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Real objects of the county, found through the repositories (never through the gateway under test). */
export interface CountyObjects {
  /** A member of the first community, the second one's, and another of the first. */
  readonly memberA: StoredMember;
  readonly memberA2: StoredMember;
  readonly memberB: StoredMember;
  /** A point entry of memberA and of memberB. */
  readonly entryA: string;
  readonly entryB: string;
  /** A consultation and a topic of 岗乡 and of 甲镇. */
  readonly consultationG: string;
  readonly consultationJ: string;
  readonly topicG: string;
  readonly topicJ: string;
  /** A grid worker of each community. */
  readonly workerA: string;
  readonly workerB: string;
  /** The centre of each community's first grid, for reports by position. */
  readonly pointA: { readonly long: number; readonly lat: number };
  readonly pointB: { readonly long: number; readonly lat: number };
}

export async function countyObjects(db: Database, services: GatewayServices): Promise<CountyObjects> {
  const members = new PointsMemberRepository(db.em);
  const [a, a2] = await members.list({ communities: [C1] });
  const [b] = await members.list({ communities: [C2] });
  const ledger = new PointsLedgerRepository(db.em, { rules: (id) => services.profiles().history(id) });
  const entryOf = async (m: StoredMember) => {
    const record = (await ledger.loadYear({ members: [m.code] }, 2025)).records[0];
    if (record === undefined) throw new Error(`no 2025 entry of ${m.code} in the reference county`);
    return record.entry.key;
  };
  const consultations = new ConsultationRepository(db.em);
  const [consultationG] = await consultations.listIds({ townships: [GANG] });
  const [consultationJ] = await consultations.listIds({ townships: [JIA] });
  const [topicG] = await consultations.listTopics({ townships: [GANG] });
  const [topicJ] = await consultations.listTopics({ townships: [JIA] });
  const dataset = generateReferenceGridDataset(referenceProfile, { scale: SCALE, seed: 5 });
  const centre = (code: string) => {
    const ring = dataset.grids.find((g) => g.code === code)!.outline[0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    return { long: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 };
  };
  const workerOf = (community: string) => dataset.workers.find((w) => w.homeCommunityCode === community)!.id;
  return {
    memberA: a!,
    memberA2: a2!,
    memberB: b!,
    entryA: await entryOf(a!),
    entryB: await entryOf(b!),
    consultationG: consultationG!,
    consultationJ: consultationJ!,
    topicG: topicG!.origination.topicId,
    topicJ: topicJ!.origination.topicId,
    workerA: workerOf(C1),
    workerB: workerOf(C2),
    pointA: centre(G1),
    pointB: centre(G2),
  };
}

/** A caller of the matrix: a name, the principal, and the places its scope covers. */
export interface Caller {
  readonly name: string;
  readonly principal: Principal;
}

/**
 * Callers of every role, one inside and one outside each place, plus a county administrator of
 * another county. Members act as themselves (the token's subject is their member code).
 */
export function callersOf(o: CountyObjects): readonly Caller[] {
  const p = (name: string, subject: string, role: Role, scope: string): Caller => ({
    name,
    principal: { subject, role, scope },
  });
  return [
    p('county', 'county-admin', 'county_admin', COUNTY),
    p('otherCounty', 'other-county-admin', 'county_admin', OTHER_COUNTY),
    p('street', 'street-admin', 'street_admin', STREET),
    p('gang', 'gang-admin', 'street_admin', GANG),
    p('community1', 'community-admin-1', 'community_admin', C1),
    p('community2', 'community-admin-2', 'community_admin', C2),
    p('secretary1', 'secretary-1', 'branch_secretary', PC1),
    p('secretary2', 'secretary-2', 'branch_secretary', PC2),
    p('worker1', o.workerA, 'grid_worker', G1),
    p('worker2', o.workerB, 'grid_worker', G2),
    p('member1', o.memberA.code, 'member', o.memberA.branch),
    p('member2', o.memberB.code, 'member', o.memberB.branch),
  ];
}

/** The rules in force today, as the repositories take them. */
export function rulesToday(services: GatewayServices): RuleProfile {
  return unwrap(services.profiles().profileAt('reference', TODAY));
}

/**
 * Makes a resident request in a grid, taken through the given steps (as the street), so a test has
 * a real request in the state it needs; written straight through the repository.
 */
export async function requestIn(
  db: Database,
  services: GatewayServices,
  options: {
    readonly id: string;
    readonly grid: string;
    readonly steps?: readonly ('assign' | 'start' | 'resolve')[];
    readonly assignee?: string;
    readonly contact?: { readonly name: string; readonly phone: string };
  },
): Promise<string> {
  const rules = rulesToday(services);
  const repo = new ResidentRequestRepository(db.em);
  const street = { id: 'fixture', role: 'street' } as const;
  const at = (minute: number) => `${TODAY}T09:${String(minute).padStart(2, '0')}:00+08:00`;
  await repo.report(
    {
      id: options.id,
      type: 'dispute',
      at: at(0),
      reporter: street,
      location: { kind: 'grid', gridCode: options.grid },
      summary: '邻里纠纷',
    },
    { profileId: 'reference', rules, contact: options.contact ?? { name: null, phone: null } },
  );
  let minute = 1;
  for (const step of options.steps ?? []) {
    const command: RequestCommand =
      step === 'assign'
        ? { action: 'assign', at: at(minute), actor: street, assigneeId: options.assignee! }
        : { action: step, at: at(minute), actor: street };
    const current = (await repo.get(options.id))!;
    await repo.save(unwrap(transitionRequest(current.full, command, requestContextOf(rules))), {
      decidedOn: current,
    });
    minute += 1;
  }
  return options.id;
}
