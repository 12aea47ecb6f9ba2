import {
  type CategorySpan,
  createMemberDirectory,
  type DualRegistration,
  type Issue,
  issue,
  type MemberDirectory,
  type PartyMember,
  unwrap,
  validateMobile,
  validateResidentId,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError, InvalidInputError } from '../errors.js';
import { openWhenRead, type PersonalDataCodec, personalDataOf } from '../secrets/sealing.js';
import { BATCH, chunks, json, likeEscape } from '../sql.js';
import { type PointsMemberRow, PointsMemberSchema } from './schemas.js';

/**
 * A party member as stored: the domain's `PartyMember` with their personal data (resident ID
 * number, mobile) as stored values, the grid they live in, and the rule profile their points are
 * kept under. Personal data is masked at the gateway, never here.
 */
export interface StoredMember extends PartyMember {
  readonly name: string;
  readonly residentId?: string;
  readonly mobile?: string;
  /** Grid of residence (org code). */
  readonly grid?: string;
  /** An in-service member's employer 工作单位, as the register names it. */
  readonly workUnit?: string;
  /** The county rule profile the member's points are kept under (`reference` by default). */
  readonly profileId: string;
}

/** A member to store; the profile defaults to `reference`. */
export type MemberInput = Omit<StoredMember, 'profileId'> & { readonly profileId?: string };

/** Which members to list: any of these org codes, each matched on its own column. */
export interface MemberFilter {
  readonly branches?: readonly string[];
  readonly communities?: readonly string[];
}

/**
 * Checks members as the domain does (unique codes, a branch, ordered category spans, valid dual
 * registrations) plus their personal data (GB 11643 resident ID with its check digit, mainland
 * mobile), and normalises both. Every problem is reported, each with its row's path.
 */
export function checkMembers(members: readonly MemberInput[]): StoredMember[] {
  const issues: Issue[] = [];
  const directory = createMemberDirectory(members);
  if (!directory.ok) issues.push(...directory.issues);
  const out = members.map((m, i): StoredMember => {
    let residentId = m.residentId;
    let mobile = m.mobile;
    if (typeof m.name !== 'string' || m.name.trim() === '' || m.name.length > 100) {
      issues.push(
        issue(
          'POINTS_INVALID_MEMBER',
          { zh: `第 ${i} 行党员姓名为空或过长`, en: `row ${i}: the name is empty or too long` },
          [i, 'name'],
          { reason: 'name' },
        ),
      );
    }
    if (residentId !== undefined) {
      const checked = validateResidentId(residentId, { path: [i, 'residentId'] });
      if (checked.ok) residentId = checked.value.value;
      else issues.push(...checked.issues);
    }
    if (mobile !== undefined) {
      const checked = validateMobile(mobile, { path: [i, 'mobile'] });
      if (checked.ok) mobile = checked.value;
      else issues.push(...checked.issues);
    }
    if (m.workUnit !== undefined && (typeof m.workUnit !== 'string' || m.workUnit.length > 200)) {
      issues.push(
        issue(
          'POINTS_INVALID_MEMBER',
          {
            zh: `第 ${i} 行工作单位超过 200 个字符`,
            en: `row ${i}: the work unit is longer than 200 characters`,
          },
          [i, 'workUnit'],
          { reason: 'too_long' },
        ),
      );
    }
    for (const [field, value] of [
      ['code', m.code],
      ['branch', m.branch],
      ['community', m.community],
      ['grid', m.grid],
      ['profileId', m.profileId],
    ] as const) {
      if (typeof value === 'string' && value.length > 64) {
        issues.push(
          issue(
            'POINTS_INVALID_MEMBER',
            {
              zh: `第 ${i} 行 ${field} 超过 64 个字符`,
              en: `row ${i}: ${field} is longer than 64 characters`,
            },
            [i, field],
            { reason: 'too_long' },
          ),
        );
      }
    }
    return {
      code: m.code,
      name: m.name,
      branch: m.branch,
      ...(m.community === undefined ? {} : { community: m.community }),
      categories: m.categories,
      ...(m.dualRegistrations === undefined ? {} : { dualRegistrations: m.dualRegistrations }),
      ...(residentId === undefined ? {} : { residentId }),
      ...(mobile === undefined ? {} : { mobile }),
      ...(m.grid === undefined ? {} : { grid: m.grid }),
      ...(m.workUnit === undefined ? {} : { workUnit: m.workUnit }),
      profileId: m.profileId ?? 'reference',
    };
  });
  if (issues.length > 0) throw new InvalidInputError(issues);
  return out;
}

/** The row of a checked member, its personal data sealed and hashed for lookups. */
export function memberRow(m: StoredMember, codec: PersonalDataCodec): PointsMemberRow {
  const registrations = m.dualRegistrations ?? [];
  return {
    code: m.code,
    name: m.name,
    residentId:
      m.residentId === undefined ? null : codec.seal('points_member.resident_id', m.code, m.residentId),
    residentIdHash: m.residentId === undefined ? null : codec.lookup('resident_id', m.residentId),
    mobile: m.mobile === undefined ? null : codec.seal('points_member.mobile', m.code, m.mobile),
    mobileHash: m.mobile === undefined ? null : codec.lookup('mobile', m.mobile),
    branchCode: m.branch,
    communityCode: m.community ?? null,
    gridCode: m.grid ?? null,
    workUnit: m.workUnit ?? null,
    profileId: m.profileId,
    categories: [...m.categories],
    dualRegistrations: [...registrations],
    registeredCommunities: `|${[...new Set(registrations.map((r) => r.community))].join('|')}|`,
  };
}

/**
 * A stored row (entity or raw, snake or camel case) as the domain's member. Personal data is
 * opened when first read, not here: scoring a street's thousands of members never reads it.
 */
export function memberFromRow(row: Record<string, unknown>, codec: PersonalDataCodec): StoredMember {
  const get = (camel: string, snake: string): unknown => row[camel] ?? row[snake] ?? null;
  const code = get('code', 'code') as string;
  const community = get('communityCode', 'community_code') as string | null;
  const grid = get('gridCode', 'grid_code') as string | null;
  const workUnit = get('workUnit', 'work_unit') as string | null;
  const registrations = json<DualRegistration[]>(get('dualRegistrations', 'dual_registrations')) ?? [];
  const member = {
    code,
    name: get('name', 'name') as string,
    branch: get('branchCode', 'branch_code') as string,
    ...(community === null ? {} : { community }),
    categories: json<CategorySpan[]>(get('categories', 'categories')),
    ...(registrations.length === 0 ? {} : { dualRegistrations: registrations }),
    ...(grid === null ? {} : { grid }),
    ...(workUnit === null ? {} : { workUnit }),
    profileId: get('profileId', 'profile_id') as string,
  };
  openWhenRead(
    member,
    'residentId',
    get('residentId', 'resident_id'),
    codec,
    'points_member.resident_id',
    code,
  );
  openWhenRead(member, 'mobile', get('mobile', 'mobile'), codec, 'points_member.mobile', code);
  return member;
}

/**
 * The member directory of stored members. Stored members were checked on the way in, so a
 * failure here is a programmer error (a duplicate in the list).
 */
export function directoryOf(members: readonly StoredMember[]): MemberDirectory {
  return unwrap(createMemberDirectory(members));
}

/**
 * The columns of the member record itself: what saving a member replaces. Where the grid side
 * places the member (street, building) is the grid seed's and the register import's to write.
 */
const RECORD_FIELDS: (keyof PointsMemberRow)[] = [
  'name',
  'residentId',
  'residentIdHash',
  'mobile',
  'mobileHash',
  'branchCode',
  'communityCode',
  'gridCode',
  'workUnit',
  'profileId',
  'categories',
  'dualRegistrations',
  'registeredCommunities',
];

/** Stores and loads party members 党员. */
export class PointsMemberRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Inserts or replaces members, in one transaction and batches of at most 1,000 rows, after
   * checking them all (see `checkMembers`); a refused list raises
   * {@link InvalidInputError} with every problem and changes nothing. A stored member keeps where
   * the grid side places them (street, building); a new one is not placed.
   *
   * @example
   * await repo.saveMembers([{ code: 'm001', name: '张明', branch: 'Pb1', community: 'c1',
   *   categories: [{ category: 'ordinary', from: '2020-01-01' }], residentId: '330102199001011234' }]);
   */
  async saveMembers(members: readonly MemberInput[]): Promise<StoredMember[]> {
    const checked = checkMembers(members);
    const codec = await personalDataOf(this.em);
    try {
      await this.em.fork().transactional(async (tx) => {
        for (const batch of chunks(
          checked.map((m) => memberRow(m, codec)),
          BATCH,
        )) {
          await tx.upsertMany(PointsMemberSchema, batch, {
            onConflictFields: ['code'],
            onConflictAction: 'merge',
            onConflictMergeFields: RECORD_FIELDS,
          });
        }
      });
    } catch (error) {
      convertDriverError(error, 'a party member');
    }
    return checked;
  }

  /** Members by code in one query, in the order asked; unknown codes are left out. */
  async findByCodes(codes: readonly string[]): Promise<StoredMember[]> {
    if (codes.length === 0) return [];
    const codec = await personalDataOf(this.em);
    const rows: PointsMemberRow[] = [];
    for (const batch of chunks([...new Set(codes)], BATCH)) {
      rows.push(...(await this.em.fork().find(PointsMemberSchema, { code: { $in: batch } })));
    }
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return codes.flatMap((c) => {
      const row = byCode.get(c);
      return row === undefined ? [] : [memberFromRow(row as unknown as Record<string, unknown>, codec)];
    });
  }

  /**
   * The building each of these members is filed in (where the grid side placed them), by member
   * code; members in no building are left out. What the register export writes in 楼栋.
   *
   * @example
   * await repo.buildingsOf(['m001', 'm002']); // Map { 'm001' => 'b0101' }
   */
  async buildingsOf(codes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const batch of chunks([...new Set(codes)], BATCH)) {
      const rows = await this.em
        .fork()
        .find(
          PointsMemberSchema,
          { code: { $in: batch }, buildingId: { $ne: null } },
          { fields: ['code', 'buildingId'] },
        );
      for (const r of rows) if (r.buildingId != null) out.set(r.code, r.buildingId);
    }
    return out;
  }

  /**
   * The members with this resident ID number, by its lookup hash (the number itself is stored
   * sealed): normally one. An invalid number finds no one.
   *
   * @example
   * await repo.findByResidentId('11010519491231002x'); // [{ code: 'm001', residentId: '11010519491231002X', … }]
   */
  async findByResidentId(residentId: string): Promise<StoredMember[]> {
    const checked = validateResidentId(residentId);
    if (!checked.ok) return [];
    const codec = await personalDataOf(this.em);
    return this.findByHash({ residentIdHash: codec.lookup('resident_id', checked.value.value) }, codec);
  }

  /** The members with this mobile number (any written form), by its lookup hash. */
  async findByMobile(mobile: string): Promise<StoredMember[]> {
    const checked = validateMobile(mobile);
    if (!checked.ok) return [];
    const codec = await personalDataOf(this.em);
    return this.findByHash({ mobileHash: codec.lookup('mobile', checked.value) }, codec);
  }

  private async findByHash(
    where: { residentIdHash: string } | { mobileHash: string },
    codec: PersonalDataCodec,
  ): Promise<StoredMember[]> {
    const rows = await this.em.fork().find(PointsMemberSchema, where, { orderBy: { code: 'asc' } });
    return rows.map((r) => memberFromRow(r as unknown as Record<string, unknown>, codec));
  }

  /**
   * Codes of the members whose branch, or residential community, is one of the given org codes,
   * in code order: one light query, so a caller can page through thousands.
   */
  async codes(filter: MemberFilter): Promise<string[]> {
    const branches = [...new Set(filter.branches ?? [])];
    const communities = [...new Set(filter.communities ?? [])];
    if (branches.length === 0 && communities.length === 0) return [];
    const or: object[] = [];
    for (const batch of chunks(branches, BATCH)) or.push({ branchCode: { $in: batch } });
    for (const batch of chunks(communities, BATCH)) or.push({ communityCode: { $in: batch } });
    // Plain rows, not entities: a street has thousands of members, and a managed entity per code
    // cost more than the query.
    const rows: { code: string }[] = await this.em
      .fork()
      .createQueryBuilder(PointsMemberSchema)
      .select('code')
      .where({ $or: or })
      .orderBy({ code: 'asc' })
      .execute('all', false);
    return rows.map((r) => r.code);
  }

  /** Full members matching a filter (see {@link codes}), in code order. */
  async list(filter: MemberFilter): Promise<StoredMember[]> {
    return this.findByCodes(await this.codes(filter));
  }

  /**
   * Members registered at a community 双报到 at any time (their registrations say when), or
   * living there: whom the community's in-service feedback report may list.
   */
  async registeredAt(community: string): Promise<StoredMember[]> {
    const codec = await personalDataOf(this.em);
    const rows = await this.em
      .fork()
      .createQueryBuilder(PointsMemberSchema)
      .select('*')
      .where({ communityCode: community })
      .orWhere(`registered_communities like ? escape '\\'`, [`%|${likeEscape(community)}|%`])
      .orderBy({ code: 'asc' })
      .getResultList();
    return rows.map((r) => memberFromRow(r as unknown as Record<string, unknown>, codec));
  }
}
