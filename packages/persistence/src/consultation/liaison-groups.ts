import {
  type CppccMember,
  type CppccRoster,
  type Issue,
  issue,
  type LiaisonGroup,
  type Sector,
} from '@jiceng/domain';
import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError, InvalidInputError } from '../errors.js';
import { chunks } from '../sql.js';
import type { WriteOptions } from './consultations.js';
import {
  type CppccMemberRow,
  CppccMemberSchema,
  type CppccSectorRow,
  CppccSectorSchema,
  type LiaisonGroupRow,
  LiaisonGroupSchema,
} from './schemas.js';

/** A liaison group as stored, with the version to pass back when changing it. */
export interface StoredLiaisonGroup {
  readonly group: LiaisonGroup;
  readonly version: number;
}

/** How many rows one INSERT carries: well under PostgreSQL's 65,535 parameters. */
const BATCH = 500;

/** Stores the townships' CPPCC liaison groups 政协联络组 and the county CPPCC roster they draw on. */
export class LiaisonGroupRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Inserts or replaces a township's liaison group (its leader, the evidence of its five haves).
   * Pass the version you read to replace it; a stale one raises {@link ConcurrentUpdateError}.
   */
  async save(group: LiaisonGroup, options: WriteOptions = {}): Promise<StoredLiaisonGroup> {
    const issues = checkGroup(group);
    if (issues.length > 0) throw new InvalidInputError(issues);
    try {
      return await this.em.fork().transactional(async (tx) => {
        const existing = await tx.findOne(LiaisonGroupSchema, { township: group.township });
        if (existing === null) {
          const row = tx.create(LiaisonGroupSchema, { ...groupColumns(group), version: 1 });
          await tx.flush();
          return { group: row.group, version: row.version };
        }
        if (options.expectedVersion !== undefined) {
          await tx.lock(existing, LockMode.OPTIMISTIC, options.expectedVersion);
        }
        Object.assign(existing, groupColumns(group));
        await tx.flush();
        return { group: existing.group, version: existing.version };
      });
    } catch (error) {
      return convertDriverError(error, `the liaison group of "${group.township}"`);
    }
  }

  /** The liaison groups of some townships in one query, in the order asked; townships without one are left out. */
  async findByTownships(townships: readonly string[]): Promise<StoredLiaisonGroup[]> {
    if (townships.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(LiaisonGroupSchema, { township: { $in: [...new Set(townships)] } });
    const byTownship = new Map(rows.map((r) => [r.township, r]));
    return townships.flatMap((t) => {
      const row = byTownship.get(t);
      return row === undefined ? [] : [{ group: row.group, version: row.version }];
    });
  }

  /**
   * Replaces the county CPPCC roster whole, in one transaction: its sectors and members, in the
   * order given. Refuses a member id used twice or a county member in an unknown sector.
   */
  async replaceRoster(roster: CppccRoster): Promise<void> {
    const issues = checkRoster(roster);
    if (issues.length > 0) throw new InvalidInputError(issues);
    try {
      await this.em.fork().transactional(async (tx) => {
        await tx.nativeDelete(CppccMemberSchema, {});
        await tx.nativeDelete(CppccSectorSchema, {});
        await insertRoster(tx, roster);
      });
    } catch (error) {
      convertDriverError(error, 'a CPPCC member or sector');
    }
  }

  /** The whole roster: two queries, whatever its size. */
  async loadRoster(): Promise<CppccRoster> {
    const em = this.em.fork();
    const sectors = await em.find(CppccSectorSchema, {}, { orderBy: { position: 'asc' } });
    const members = await em.find(CppccMemberSchema, {}, { orderBy: { position: 'asc' } });
    return { sectors: sectors.map(toSector), members: members.map(toMember) };
  }

  async sectors(): Promise<Sector[]> {
    const rows = await this.em.fork().find(CppccSectorSchema, {}, { orderBy: { position: 'asc' } });
    return rows.map(toSector);
  }

  /** Members (of every level) living in some townships, in one query, in roster order. */
  async membersOf(townships: readonly string[]): Promise<CppccMember[]> {
    if (townships.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(
        CppccMemberSchema,
        { township: { $in: [...new Set(townships)] } },
        { orderBy: { position: 'asc' } },
      );
    return rows.map(toMember);
  }
}

/** Inserts a roster in batches (no delete): for {@link LiaisonGroupRepository.replaceRoster} and the seeder. */
export async function insertRoster(tx: EntityManager, roster: CppccRoster): Promise<void> {
  const sectors: CppccSectorRow[] = roster.sectors.map((s, position) => ({
    code: s.code,
    nameZh: s.name.zh,
    nameEn: s.name.en,
    position,
  }));
  const members: CppccMemberRow[] = roster.members.map((m, position) => ({
    id: m.id,
    name: m.name,
    level: m.level,
    sector: m.sector ?? null,
    township: m.township,
    origin: m.origin,
    expertise: m.expertise === undefined ? null : [...m.expertise],
    position,
  }));
  if (sectors.length > 0) await tx.insertMany(CppccSectorSchema, sectors);
  for (const batch of chunks(members, BATCH)) {
    await tx.insertMany(CppccMemberSchema, batch);
  }
}

/** The columns of a liaison group row. */
export function groupColumns(group: LiaisonGroup): Omit<LiaisonGroupRow, 'version'> {
  return { township: group.township, name: group.name, establishedOn: group.establishedOn, group };
}

function checkGroup(group: LiaisonGroup): Issue[] {
  const blank = (v: string) => v.trim() === '';
  const issues: Issue[] = [];
  if (blank(group.township) || blank(group.name)) {
    issues.push(
      issue(
        'CONSULTATION_EMPTY_FIELD',
        {
          zh: '联络组须有所在乡镇和名称',
          en: 'a liaison group needs its township and a name',
        },
        [blank(group.township) ? 'township' : 'name'],
      ),
    );
  }
  return issues;
}

function checkRoster(roster: CppccRoster): Issue[] {
  const issues: Issue[] = [];
  const sectors = new Set(roster.sectors.map((s) => s.code));
  const seen = new Set<string>();
  roster.members.forEach((m, i) => {
    if (seen.has(m.id)) {
      issues.push(
        issue(
          'CONSULTATION_DUPLICATE_ID',
          { zh: `委员编号“${m.id}”重复`, en: `member id "${m.id}" is used twice` },
          ['members', i, 'id'],
          { id: m.id },
        ),
      );
    }
    seen.add(m.id);
    if (m.sector !== undefined ? !sectors.has(m.sector) : m.level === 'county') {
      issues.push(
        issue(
          'CONSULTATION_UNKNOWN_SECTOR',
          {
            zh: `委员“${m.name}”（第 ${i} 项）的界别“${m.sector ?? ''}”不在界别名单中`,
            en: `member "${m.name}" (entry ${i}) has sector "${m.sector ?? ''}", which is not one of the sectors`,
          },
          ['members', i, 'sector'],
          { id: m.id, sector: m.sector ?? null },
        ),
      );
    }
  });
  return issues;
}

function toSector(row: CppccSectorRow): Sector {
  return { code: row.code, name: { zh: row.nameZh, en: row.nameEn } };
}

function toMember(row: CppccMemberRow): CppccMember {
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    township: row.township,
    origin: row.origin,
    ...(row.sector === null ? {} : { sector: row.sector }),
    ...(row.expertise === null ? {} : { expertise: row.expertise }),
  };
}
