import type { OrgRow, TreeKind } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { announceChange } from '../changes.js';
import { convertDriverError } from '../errors.js';
import { checkTreeLinks, OrgNodeSchema, readTreeRows, writeTreeRows } from '../org/org-nodes.js';
import {
  checkMembers,
  type MemberInput,
  memberFromRow,
  memberRow,
  type StoredMember,
} from '../points/members.js';
import { type PointsMemberRow, PointsMemberSchema } from '../points/schemas.js';
import { type PersonalDataCodec, personalDataOf } from '../secrets/sealing.js';
import { BATCH, chunks, placeholders } from '../sql.js';
import { type GridRegisterSession, gridRegisterSession } from './grid-registers.js';
import { type GroupRegisterSession, groupRegisterSession } from './group-registers.js';
import { type RegisterImportRow, RegisterImportSchema } from './schemas.js';
import { type UnitRegisterSession, unitRegisterSession } from './unit-registers.js';

/**
 * Where the grid side files a party member: the street, the community and the grid they live in,
 * and the building when a partition placed them in one. Columns of the member's own row
 * (`points_member`): the community and the grid are the member's, so a placement written with
 * others than its member's is a programmer error.
 */
export interface GridPlacement {
  readonly streetCode: string;
  readonly communityCode: string | null;
  readonly gridCode: string | null;
  readonly buildingId: string | null;
}

/**
 * A party member as the register keeps them: the member record (`points_member`) and where the
 * grid side files them, if it does (a street in the same row).
 */
export interface RegisteredMember {
  readonly member: StoredMember;
  readonly placement: GridPlacement | undefined;
  /** The day the member was retired from the register, if they were. */
  readonly retiredOn?: string;
}

/** A member to store: the record, and their placement on the grid side (`null`: none). */
export interface MemberWrite {
  /** Whether the member is new (inserted) or stored already (updated). */
  readonly change: 'added' | 'updated';
  readonly member: MemberInput;
  readonly placement: GridPlacement | null;
}

/** An applied import as recorded. */
export type StoredImport = RegisterImportRow;

/** What an import records of itself; the id is the database's. */
export type ImportRecordInput = Omit<RegisterImportRow, 'id'>;

/**
 * One import's unit of work: every read and write below runs in the one transaction the
 * repository opened ({@link RegisterImportRepository.run}), so a file is stored whole or not at
 * all. It only loads and stores: what to store was decided by the caller.
 */
export interface RegisterImportSession
  extends GridRegisterSession,
    UnitRegisterSession,
    GroupRegisterSession {
  /** Both trees as stored when the import began, rows in tree order. */
  readonly trees: { readonly [K in TreeKind]: readonly OrgRow[] };
  /**
   * Replaces the trees given (an empty list removes that tree), checks the links between the two
   * trees once both are written, and announces the change to other gateways on commit.
   */
  writeTrees(write: Partial<Record<TreeKind, readonly OrgRow[]>>): Promise<void>;
  /** The stored members of these codes, by code, in one query per batch. */
  members(codes: readonly string[]): Promise<Map<string, RegisteredMember>>;
  /** Inserts or updates members with their placement, after the members' checks. */
  storeMembers(writes: readonly MemberWrite[]): Promise<void>;
  /** Every stored member code. */
  memberCodes(): Promise<string[]>;
  /** Which of these members have point entries in the ledger (which an import never deletes). */
  withPointEntries(codes: readonly string[]): Promise<Set<string>>;
  /** Stored members whose branch, community or grid is one of these org codes. */
  placedAt(nodes: readonly string[]): Promise<{ code: string; node: string }[]>;
  /** Deletes members. */
  removeMembers(codes: readonly string[]): Promise<void>;
  /** Records the import itself. */
  record(input: ImportRecordInput): Promise<StoredImport>;
}

type Select = <R>(sql: string, params: readonly unknown[]) => Promise<R[]>;

/**
 * Loads members with their placement and stores member writes, in the caller's transaction: what
 * an import and a single write of the registers' write API share.
 */
export function memberRegister(
  tx: EntityManager,
  select: Select,
  codec: PersonalDataCodec,
): Pick<RegisterImportSession, 'members' | 'storeMembers'> {
  return {
    async members(codes) {
      const out = new Map<string, RegisteredMember>();
      for (const batch of chunks([...new Set(codes)], BATCH)) {
        const rows = await select<Record<string, unknown>>(
          `select * from points_member where code in (${placeholders(batch.length)})`,
          batch,
        );
        for (const row of rows) {
          const member = memberFromRow(row, codec);
          const street = row['street_code'] as string | null;
          const retiredOn = (row['retired_on'] as string | null | undefined) ?? null;
          out.set(member.code, {
            member,
            ...(retiredOn === null ? {} : { retiredOn }),
            placement:
              street === null
                ? undefined
                : {
                    streetCode: street,
                    communityCode: member.community ?? null,
                    gridCode: member.grid ?? null,
                    buildingId: (row['building_id'] as string | null) ?? null,
                  },
          });
        }
      }
      return out;
    },

    async storeMembers(writes) {
      if (writes.length === 0) return;
      const checked = checkMembers(writes.map((w) => w.member));
      const added: PointsMemberRow[] = [];
      const updated: PointsMemberRow[] = [];
      for (const [i, m] of checked.entries()) {
        const { change, placement } = writes[i]!;
        (change === 'added' ? added : updated).push({
          ...memberRow(m, codec),
          streetCode: placement === null ? null : placed(m, placement).streetCode,
          buildingId: placement === null ? null : placement.buildingId,
        });
      }
      // New members are plain multi-row INSERTs; stored ones an upsert, after which the managed
      // entities it made are let go, so a 200,000-row import holds one batch of them at a time.
      for (const batch of chunks(added, BATCH)) await tx.insertMany(PointsMemberSchema, batch);
      for (const batch of chunks(updated, BATCH)) {
        await tx.upsertMany(PointsMemberSchema, batch, {
          onConflictFields: ['code'],
          onConflictAction: 'merge',
        });
      }
      tx.clear();
    },
  };
}

/** The placement of a member, checked to be in the member's own community and grid. */
function placed(member: StoredMember, placement: GridPlacement): GridPlacement {
  if (placement.communityCode !== (member.community ?? null) || placement.gridCode !== (member.grid ?? null))
    throw new Error(
      `member "${member.code}" is placed in ${placement.communityCode}/${placement.gridCode} but lives in ${member.community}/${member.grid}: one row holds both`,
    );
  return placement;
}

/** Thrown inside the transaction to roll it back and hand the caller's value out. */
class RollBack<T> {
  constructor(readonly value: T) {}
}

/** Stores register imports 名册导入 and lists them. */
export class RegisterImportRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Runs an import's work in one transaction: committed when `work` returns `commit: true`, rolled
   * back otherwise (a file with errors, a dry run), so nothing of a refused file is kept.
   *
   * @example
   * const report = await repo.run(async (session) => {
   *   await session.storeMembers(writes);
   *   return { commit: !dryRun, value: report };
   * });
   */
  async run<T>(work: (session: RegisterImportSession) => Promise<{ commit: boolean; value: T }>): Promise<T> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        const session = await openSession(tx);
        const out = await work(session);
        if (!out.commit) throw new RollBack(out.value);
        return out.value;
      });
    } catch (error) {
      if (error instanceof RollBack) return error.value as T;
      convertDriverError(error, 'a register row');
    }
  }

  /** Applied imports, newest first. */
  async list(options: { readonly limit?: number } = {}): Promise<StoredImport[]> {
    const rows = await this.em
      .fork()
      .find(RegisterImportSchema, {}, { orderBy: { id: 'desc' }, limit: options.limit ?? 50 });
    return rows.map((r) => ({ ...r, fileBytes: Number(r.fileBytes) }));
  }
}

async function openSession(tx: EntityManager): Promise<RegisterImportSession> {
  const codec = await personalDataOf(tx);
  const trees = {
    administrative: await readTreeRows(tx, 'administrative'),
    party: await readTreeRows(tx, 'party'),
  };
  const connection = tx.getConnection('write');
  const context = tx.getTransactionContext();
  const select = <R>(sql: string, params: readonly unknown[]): Promise<R[]> =>
    connection.execute(sql, [...params], 'all', context) as Promise<R[]>;

  return {
    ...gridRegisterSession(tx, select),
    ...unitRegisterSession(tx, select),
    ...groupRegisterSession(tx, select),
    trees,

    async writeTrees(write) {
      const kinds = (['administrative', 'party'] as const).filter((k) => write[k] !== undefined);
      const written: Partial<Record<TreeKind, Awaited<ReturnType<typeof writeTreeRows>>>> = {};
      for (const kind of kinds) {
        const rows = write[kind]!;
        if (rows.length === 0) {
          await tx.nativeDelete(OrgNodeSchema, { kind });
          await announceChange(tx, 'org_trees');
        } else {
          written[kind] = await writeTreeRows(tx, kind, rows, { checkLinks: false });
        }
      }
      if (kinds.length > 0) await checkTreeLinks(tx, written);
    },

    ...memberRegister(tx, select, codec),

    async memberCodes() {
      const rows = await select<{ code: string }>('select code from points_member', []);
      return rows.map((r) => r.code);
    },

    async withPointEntries(codes) {
      const found = new Set<string>();
      for (const batch of chunks([...new Set(codes)], BATCH)) {
        const rows = await select<{ member_code: string }>(
          `select distinct member_code from points_ledger where member_code in (${placeholders(batch.length)})`,
          batch,
        );
        for (const r of rows) found.add(r.member_code);
      }
      return found;
    },

    async placedAt(nodes) {
      const out: { code: string; node: string }[] = [];
      for (const batch of chunks([...new Set(nodes)], BATCH)) {
        const marks = placeholders(batch.length);
        const rows = await select<{
          code: string;
          branch_code: string;
          community_code: string | null;
          grid_code: string | null;
        }>(
          `select code, branch_code, community_code, grid_code from points_member
            where branch_code in (${marks}) or community_code in (${marks}) or grid_code in (${marks})`,
          [...batch, ...batch, ...batch],
        );
        const set = new Set(batch);
        for (const r of rows) {
          const node = [r.branch_code, r.community_code, r.grid_code].find((c) => c !== null && set.has(c));
          if (node) out.push({ code: r.code, node });
        }
      }
      return out;
    },

    async removeMembers(codes) {
      for (const batch of chunks([...new Set(codes)], BATCH)) {
        await tx.nativeDelete(PointsMemberSchema, { code: { $in: batch } });
      }
    },

    async record(input) {
      const id = await tx.insert(RegisterImportSchema, input as RegisterImportRow);
      return { ...input, id: Number(id) };
    },
  };
}
