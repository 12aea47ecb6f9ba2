import type { FunctionalGroupBasis, RegisterGroup } from '@jiceng/domain';
import { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { BATCH, chunks, placeholders } from '../sql.js';
import type { KeyedWrite } from './grid-registers.js';

/**
 * Functional party groups 功能党小组 (`functional_group`) and their members
 * (`functional_group_member`, a many-to-many relation: members come from many branches).
 */

export interface FunctionalGroupRow {
  code: string;
  name: string;
  basis: FunctionalGroupBasis;
  /** The party node the group hangs off. */
  anchorCode: string;
}

export const FunctionalGroupSchema = new EntitySchema<FunctionalGroupRow>({
  name: 'FunctionalGroupRow',
  tableName: 'functional_group',
  properties: {
    code: { type: 'string', primary: true, length: 64 },
    name: { type: 'string', length: 200 },
    basis: { type: 'string', length: 16 },
    anchorCode: { type: 'string', length: 64 },
  },
  indexes: [{ name: 'functional_group_anchor_idx', properties: ['anchorCode'] }],
});

export interface FunctionalGroupMemberRow {
  groupCode: string;
  memberCode: string;
  /** Order in the group's list. */
  position: number;
}

export const FunctionalGroupMemberSchema = new EntitySchema<FunctionalGroupMemberRow>({
  name: 'FunctionalGroupMemberRow',
  tableName: 'functional_group_member',
  properties: {
    groupCode: { type: 'string', primary: true, length: 64 },
    memberCode: { type: 'string', primary: true, length: 64 },
    position: { type: 'integer' },
  },
  indexes: [{ name: 'functional_group_member_member_idx', properties: ['memberCode'] }],
});

export const groupEntities = [FunctionalGroupSchema, FunctionalGroupMemberSchema] as const;

/** The functional groups register in an import's transaction. */
export interface GroupRegisterSession {
  groups(codes: readonly string[]): Promise<Map<string, RegisterGroup>>;
  /** Inserts or updates groups, replacing each one's members. */
  storeGroups(writes: readonly KeyedWrite<RegisterGroup>[]): Promise<void>;
  groupCodes(): Promise<string[]>;
  /** Stored group places of these members. */
  groupsWith(memberCodes: readonly string[]): Promise<{ group: string; member: string }[]>;
  removeGroups(codes: readonly string[]): Promise<void>;
  /** Stored groups anchored at these party nodes. */
  groupsAt(nodes: readonly string[]): Promise<{ register: 'groups'; key: string; node: string }[]>;
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

/** The functional groups register session over the import's transaction. */
export function groupRegisterSession(tx: EntityManager, select: Select): GroupRegisterSession {
  const run = async (sql: string, params: readonly unknown[]) => {
    await tx.getConnection('write').execute(sql, [...params], 'run', tx.getTransactionContext());
  };
  const removeMembersOf = async (codes: readonly string[]) => {
    for (const batch of chunks([...new Set(codes)], BATCH))
      await run(
        `delete from functional_group_member where group_code in (${placeholders(batch.length)})`,
        batch,
      );
  };
  return {
    async groups(codes) {
      const rows = await byBatch<{
        code: string;
        name: string;
        basis: FunctionalGroupBasis;
        anchor_code: string;
      }>(
        select,
        codes,
        (m) => `select code, name, basis, anchor_code from functional_group where code in (${m})`,
      );
      const members = await byBatch<{ group_code: string; member_code: string; position: number }>(
        select,
        codes,
        (m) =>
          `select group_code, member_code, position from functional_group_member where group_code in (${m})`,
      );
      members.sort((a, b) => Number(a.position) - Number(b.position));
      return new Map(
        rows.map((r) => [
          r.code,
          {
            code: r.code,
            name: r.name,
            basis: r.basis,
            anchor: r.anchor_code,
            members: members.filter((m) => m.group_code === r.code).map((m) => m.member_code),
          },
        ]),
      );
    },
    async storeGroups(writes) {
      const rows = (w: KeyedWrite<RegisterGroup>) => ({
        code: w.record.code,
        name: w.record.name,
        basis: w.record.basis,
        anchorCode: w.record.anchor,
      });
      for (const batch of chunks(writes.filter((w) => w.change === 'added').map(rows), BATCH))
        await tx.insertMany(FunctionalGroupSchema, batch);
      for (const w of writes.filter((w) => w.change === 'updated')) {
        const { code, ...columns } = rows(w);
        await tx.nativeUpdate(FunctionalGroupSchema, { code }, columns);
      }
      await removeMembersOf(writes.map((w) => w.record.code));
      const members = writes.flatMap((w) =>
        w.record.members.map((memberCode, position) => ({ groupCode: w.record.code, memberCode, position })),
      );
      for (const batch of chunks(members, BATCH)) await tx.insertMany(FunctionalGroupMemberSchema, batch);
    },
    async groupCodes() {
      return (await select<{ code: string }>('select code from functional_group', [])).map((r) => r.code);
    },
    async groupsWith(memberCodes) {
      const rows = await byBatch<{ group_code: string; member_code: string }>(
        select,
        memberCodes,
        (m) => `select group_code, member_code from functional_group_member where member_code in (${m})`,
      );
      return rows.map((r) => ({ group: r.group_code, member: r.member_code }));
    },
    async removeGroups(codes) {
      await removeMembersOf(codes);
      for (const batch of chunks([...new Set(codes)], BATCH))
        await run(`delete from functional_group where code in (${placeholders(batch.length)})`, batch);
    },
    async groupsAt(nodes) {
      const rows = await byBatch<{ code: string; anchor_code: string }>(
        select,
        nodes,
        (m) => `select code, anchor_code from functional_group where anchor_code in (${m})`,
      );
      return rows.map((r) => ({ register: 'groups' as const, key: r.code, node: r.anchor_code }));
    },
  };
}
