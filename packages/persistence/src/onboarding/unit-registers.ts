import type { RegisterUnit, RegisterUnitMember, StationedUnitKind } from '@jiceng/domain';
import { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { BATCH, chunks, placeholders } from '../sql.js';
import type { KeyedWrite } from './grid-registers.js';

/**
 * Dual registration's registers 双报到: stationed units 驻区单位 (`stationed_unit`) and the
 * in-service members each unit registered (`stationed_unit_member`). Loads and stores only.
 */

export interface StationedUnitRow {
  code: string;
  name: string;
  kind: StationedUnitKind;
  /** The community its party organisation registers at. */
  communityCode: string;
  /** Its own party organisation: its in-service members' branch. */
  branchCode: string;
}

export const StationedUnitSchema = new EntitySchema<StationedUnitRow>({
  name: 'StationedUnitRow',
  tableName: 'stationed_unit',
  properties: {
    code: { type: 'string', primary: true, length: 64 },
    name: { type: 'string', length: 200 },
    kind: { type: 'string', length: 32 },
    communityCode: { type: 'string', length: 64 },
    branchCode: { type: 'string', length: 64 },
  },
  indexes: [
    { name: 'stationed_unit_community_idx', properties: ['communityCode'] },
    { name: 'stationed_unit_branch_idx', properties: ['branchCode'] },
  ],
});

export interface StationedUnitMemberRow {
  memberCode: string;
  unitCode: string;
  /** The residential community the member registers at; `null`: the unit's. */
  communityCode: string | null;
}

export const StationedUnitMemberSchema = new EntitySchema<StationedUnitMemberRow>({
  name: 'StationedUnitMemberRow',
  tableName: 'stationed_unit_member',
  properties: {
    memberCode: { type: 'string', primary: true, length: 64 },
    unitCode: { type: 'string', length: 64 },
    communityCode: { type: 'string', length: 64, nullable: true },
  },
  indexes: [{ name: 'stationed_unit_member_unit_idx', properties: ['unitCode'] }],
});

export const unitEntities = [StationedUnitSchema, StationedUnitMemberSchema] as const;

export const unitOf = (r: StationedUnitRow): RegisterUnit => ({
  code: r.code,
  name: r.name,
  kind: r.kind,
  community: r.communityCode,
  branch: r.branchCode,
});

const unitRow = (u: RegisterUnit): StationedUnitRow => ({
  code: u.code,
  name: u.name,
  kind: u.kind,
  communityCode: u.community,
  branchCode: u.branch,
});

export const unitMemberOf = (r: StationedUnitMemberRow): RegisterUnitMember => ({
  member: r.memberCode,
  unit: r.unitCode,
  community: r.communityCode,
});

/** The stationed-unit registers in an import's transaction. */
export interface UnitRegisterSession {
  units(codes: readonly string[]): Promise<Map<string, RegisterUnit>>;
  storeUnits(writes: readonly KeyedWrite<RegisterUnit>[]): Promise<void>;
  unitCodes(): Promise<string[]>;
  removeUnits(codes: readonly string[]): Promise<void>;
  unitMembers(memberCodes: readonly string[]): Promise<Map<string, RegisterUnitMember>>;
  storeUnitMembers(writes: readonly KeyedWrite<RegisterUnitMember>[]): Promise<void>;
  unitMemberCodes(): Promise<string[]>;
  /** Stored registrations with one of these units. */
  unitMembersOf(unitCodes: readonly string[]): Promise<{ member: string; unit: string }[]>;
  /** Stored registrations of these members (whatever the unit). */
  registeredOf(memberCodes: readonly string[]): Promise<string[]>;
  removeUnitMembers(memberCodes: readonly string[]): Promise<void>;
  /** Stored units and registrations at these organisation nodes (community, party organisation). */
  unitRowsAt(
    nodes: readonly string[],
  ): Promise<{ register: 'units' | 'unitMembers'; key: string; node: string }[]>;
}

type Select = <R>(sql: string, params: readonly unknown[]) => Promise<R[]>;

async function byBatch<R>(
  select: Select,
  keys: readonly string[],
  sql: (marks: string) => string,
): Promise<R[]> {
  const out: R[] = [];
  for (const batch of chunks([...new Set(keys)], BATCH))
    out.push(...(await select<R>(sql(placeholders(batch.length)), batch)));
  return out;
}

/** The stationed-unit register session over the import's transaction. */
export function unitRegisterSession(tx: EntityManager, select: Select): UnitRegisterSession {
  const store = async <T extends object>(
    schema: EntitySchema<T>,
    key: keyof T & string,
    writes: readonly { change: 'added' | 'updated'; row: T }[],
  ) => {
    for (const batch of chunks(
      writes.filter((w) => w.change === 'added').map((w) => w.row),
      BATCH,
    ))
      await tx.insertMany(schema, batch);
    for (const { row } of writes.filter((w) => w.change === 'updated')) {
      const { [key]: id, ...columns } = row;
      await tx.nativeUpdate(schema, { [key]: id } as never, columns as never);
    }
  };
  const remove = async (table: string, column: string, codes: readonly string[]) => {
    for (const batch of chunks([...new Set(codes)], BATCH)) {
      await tx
        .getConnection('write')
        .execute(
          `delete from ${table} where ${column} in (${placeholders(batch.length)})`,
          batch,
          'run',
          tx.getTransactionContext(),
        );
    }
  };
  return {
    async units(codes) {
      const rows = await byBatch<Record<string, string>>(
        select,
        codes,
        (m) => `select * from stationed_unit where code in (${m})`,
      );
      return new Map(
        rows.map((r) => [
          r['code']!,
          unitOf({
            code: r['code']!,
            name: r['name']!,
            kind: r['kind'] as StationedUnitKind,
            communityCode: r['community_code']!,
            branchCode: r['branch_code']!,
          }),
        ]),
      );
    },
    storeUnits: (writes) =>
      store(
        StationedUnitSchema,
        'code',
        writes.map((w) => ({ change: w.change, row: unitRow(w.record) })),
      ),
    async unitCodes() {
      return (await select<{ code: string }>('select code from stationed_unit', [])).map((r) => r.code);
    },
    removeUnits: (codes) => remove('stationed_unit', 'code', codes),

    async unitMembers(codes) {
      const rows = await byBatch<{ member_code: string; unit_code: string; community_code: string | null }>(
        select,
        codes,
        (m) => `select * from stationed_unit_member where member_code in (${m})`,
      );
      return new Map(
        rows.map((r) => [
          r.member_code,
          unitMemberOf({ memberCode: r.member_code, unitCode: r.unit_code, communityCode: r.community_code }),
        ]),
      );
    },
    storeUnitMembers: (writes) =>
      store(
        StationedUnitMemberSchema,
        'memberCode',
        writes.map((w) => ({
          change: w.change,
          row: { memberCode: w.record.member, unitCode: w.record.unit, communityCode: w.record.community },
        })),
      ),
    async unitMemberCodes() {
      return (
        await select<{ code: string }>('select member_code as code from stationed_unit_member', [])
      ).map((r) => r.code);
    },
    async unitMembersOf(units) {
      const rows = await byBatch<{ member_code: string; unit_code: string }>(
        select,
        units,
        (m) => `select member_code, unit_code from stationed_unit_member where unit_code in (${m})`,
      );
      return rows.map((r) => ({ member: r.member_code, unit: r.unit_code }));
    },
    async registeredOf(members) {
      const rows = await byBatch<{ member_code: string }>(
        select,
        members,
        (m) => `select member_code from stationed_unit_member where member_code in (${m})`,
      );
      return rows.map((r) => r.member_code);
    },
    removeUnitMembers: (codes) => remove('stationed_unit_member', 'member_code', codes),

    async unitRowsAt(nodes) {
      const units = [
        ...(await byBatch<{ code: string; node: string }>(
          select,
          nodes,
          (m) => `select code, community_code as node from stationed_unit where community_code in (${m})`,
        )),
        ...(await byBatch<{ code: string; node: string }>(
          select,
          nodes,
          (m) => `select code, branch_code as node from stationed_unit where branch_code in (${m})`,
        )),
      ];
      const members = await byBatch<{ member_code: string; community_code: string }>(
        select,
        nodes,
        (m) => `select member_code, community_code from stationed_unit_member where community_code in (${m})`,
      );
      return [
        ...units.map((u) => ({ register: 'units' as const, key: u.code, node: u.node })),
        ...members.map((r) => ({
          register: 'unitMembers' as const,
          key: r.member_code,
          node: r.community_code,
        })),
      ];
    },
  };
}

/** Whether a save added, changed or left a record. */
export type SaveOutcome = 'added' | 'updated' | 'unchanged';

/**
 * Stationed units and their registered members, one record at a time (the GraphQL writes and
 * lists, the feedback report's reads). Each write is one transaction; what may be written is
 * decided by the caller.
 */
export class StationedUnitRepository {
  constructor(private readonly em: EntityManager) {}

  /** Units, by code; only those registered at one of `communities` when given. */
  async units(filter: { readonly communities?: readonly string[] } = {}): Promise<RegisterUnit[]> {
    const where = filter.communities === undefined ? {} : { communityCode: { $in: [...filter.communities] } };
    const rows = await this.em.fork().find(StationedUnitSchema, where, { orderBy: { code: 'asc' } });
    return rows.map(unitOf);
  }

  async unit(code: string): Promise<RegisterUnit | undefined> {
    const row = await this.em.fork().findOne(StationedUnitSchema, { code });
    return row === null ? undefined : unitOf(row);
  }

  /** Adds the unit or changes the stored one of its code; `unchanged` when it is the same. */
  async saveUnit(unit: RegisterUnit): Promise<SaveOutcome> {
    return this.em.fork().transactional(async (tx) => {
      const stored = await tx.findOne(StationedUnitSchema, { code: unit.code });
      const row = unitRow(unit);
      if (stored === null) {
        await tx.insert(StationedUnitSchema, row);
        return 'added';
      }
      const before = unitOf(stored);
      if (
        before.name === unit.name &&
        before.kind === unit.kind &&
        before.community === unit.community &&
        before.branch === unit.branch
      )
        return 'unchanged';
      const { code, ...columns } = row;
      await tx.nativeUpdate(StationedUnitSchema, { code }, columns);
      return 'updated';
    });
  }

  /**
   * Removes the unit, unless members are registered with it: then nothing is removed and their
   * codes are returned. Removing a unit that is not stored removes nothing.
   */
  async retireUnit(code: string): Promise<{ removed: boolean; registered: string[] }> {
    return this.em.fork().transactional(async (tx) => {
      const members = await tx.find(
        StationedUnitMemberSchema,
        { unitCode: code },
        { orderBy: { memberCode: 'asc' } },
      );
      if (members.length > 0) return { removed: false, registered: members.map((m) => m.memberCode) };
      const removed = await tx.nativeDelete(StationedUnitSchema, { code });
      return { removed: removed > 0, registered: [] };
    });
  }

  /** Registrations, by member code; only with one of `units` when given. */
  async unitMembers(filter: { readonly units?: readonly string[] } = {}): Promise<RegisterUnitMember[]> {
    const where = filter.units === undefined ? {} : { unitCode: { $in: [...filter.units] } };
    const rows = await this.em
      .fork()
      .find(StationedUnitMemberSchema, where, { orderBy: { memberCode: 'asc' } });
    return rows.map(unitMemberOf);
  }

  async unitMember(member: string): Promise<RegisterUnitMember | undefined> {
    const row = await this.em.fork().findOne(StationedUnitMemberSchema, { memberCode: member });
    return row === null ? undefined : unitMemberOf(row);
  }

  /** The branch of a stored party member, if there is one of that code. */
  async memberBranch(member: string): Promise<string | undefined> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ branch_code: string }[]>('select branch_code from points_member where code = ?', [member]);
    return rows[0]?.branch_code;
  }

  async saveUnitMember(registration: RegisterUnitMember): Promise<SaveOutcome> {
    return this.em.fork().transactional(async (tx) => {
      const stored = await tx.findOne(StationedUnitMemberSchema, { memberCode: registration.member });
      const row = {
        memberCode: registration.member,
        unitCode: registration.unit,
        communityCode: registration.community,
      };
      if (stored === null) {
        await tx.insert(StationedUnitMemberSchema, row);
        return 'added';
      }
      if (stored.unitCode === row.unitCode && stored.communityCode === row.communityCode) return 'unchanged';
      await tx.nativeUpdate(
        StationedUnitMemberSchema,
        { memberCode: row.memberCode },
        { unitCode: row.unitCode, communityCode: row.communityCode },
      );
      return 'updated';
    });
  }

  /** Ends a member's registration with their unit; `false` when there was none. */
  async retireUnitMember(member: string): Promise<boolean> {
    return (await this.em.fork().nativeDelete(StationedUnitMemberSchema, { memberCode: member })) > 0;
  }
}
