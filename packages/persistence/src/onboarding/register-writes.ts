import type { JointMeeting } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { ConcurrentUpdateError, convertDriverError, DuplicateKeyError } from '../errors.js';
import { GridJointMeetingSchema, GridSchema, GridWorkerSchema } from '../grid/schemas.js';
import { PointsMemberSchema } from '../points/schemas.js';
import { personalDataOf } from '../secrets/sealing.js';
import { placeholders } from '../sql.js';
import { type GridRegisterSession, gridRegisterSession } from './grid-registers.js';
import { memberRegister, type RegisterImportSession } from './imports.js';
import { type RegisterWriteRow, RegisterWriteSchema } from './schemas.js';

/**
 * The registers' write API 名册写入 (issue #16): one record at a time, for frontends, into the
 * same tables the register import writes. Each write runs in one transaction under the client's
 * idempotency key, which is stored with it: a retry of the same command changes nothing, and the
 * key used for another command is refused. Loads and stores only; what to store is decided by the
 * caller (the gateway's use cases, with the domain's rules).
 */

/** The idempotency key of one write and what it is for. */
export interface RegisterWriteKey {
  readonly key: string;
  /** The mutation, `createPartyMember`. */
  readonly operation: string;
  /** What it writes (a member code, a building, a community). */
  readonly subject: string;
  /** SHA-256 of the checked command: a key carries one command only. */
  readonly digest: string;
  readonly actor: string;
  /** ISO-8601 instant with offset. */
  readonly at: string;
}

/** The outcome of a keyed write: written now, or written before under the same key (nothing done). */
export type RegisterWriteOutcome<T> =
  | { readonly replayed: false; readonly value: T }
  | { readonly replayed: true; readonly first: RegisterWriteRow };

/** The bounding box of the county's grid outlines, in degrees. */
export interface CountyExtent {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** A joint meeting as the write API records it: the domain's meeting with its attendees and topics. */
export interface JointMeetingRecord extends JointMeeting {
  readonly topics: readonly string[];
  readonly attendees: readonly string[];
}

/** What one write may load and store, in its transaction. */
export interface RegisterWriteSession
  extends GridRegisterSession,
    Pick<RegisterImportSession, 'members' | 'storeMembers' | 'withPointEntries'> {
  /**
   * Retires a member on a day: the row and their ledger stay; the grid side no longer places them
   * (street and building cleared), so grid statistics and party groups stop counting them.
   */
  retireMember(code: string, on: string): Promise<void>;
  /** Retires a grid worker on a day and takes them out of every team. */
  retireWorker(code: string, on: string): Promise<void>;
  /** The day a worker retired, for those of these codes who did. */
  retiredWorkers(codes: readonly string[]): Promise<Map<string, string>>;
  /** Active grids of a community, in line order: code and households. */
  gridsOf(community: string): Promise<{ code: string; households: number }[]>;
  /** Serving (not retired) grid workers living in a community, by code. */
  servingWorkersOf(
    community: string,
  ): Promise<{ code: string; homeCommunity: string; isPartyMember: boolean }[]>;
  /** The bounding box of every stored grid outline, `undefined` when no grid has one. */
  countyExtent(): Promise<CountyExtent | undefined>;
  /** A stored joint meeting by id. */
  jointMeeting(id: string): Promise<JointMeetingRecord | undefined>;
  recordJointMeeting(meeting: JointMeetingRecord): Promise<void>;
}

/** Thrown to roll a transaction back with a replay's answer. */
class Replayed {
  constructor(readonly first: RegisterWriteRow) {}
}

/** The registers' write API store. */
export class RegisterWriteRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Runs one write under its key, in one transaction with the key's record. A key stored before
   * with the same operation, subject and digest is a replay: nothing is written. The same key with
   * anything else is {@link DuplicateKeyError} (the gateway's CONFLICT).
   *
   * @example
   * const out = await repo.write(key, async (session) => session.storeMembers([write]));
   * if (out.replayed) console.log('already written at', out.first.recordedAt);
   */
  async write<T>(
    key: RegisterWriteKey,
    work: (session: RegisterWriteSession) => Promise<T>,
  ): Promise<RegisterWriteOutcome<T>> {
    try {
      const value = await this.em.fork().transactional(async (tx) => {
        const first = await tx.findOne(RegisterWriteSchema, { key: key.key }, { disableIdentityMap: true });
        if (first !== null) throw sameCommand(first, key) ? new Replayed(first) : reused(key.key);
        const value = await work(await openSession(tx));
        await tx.insert(RegisterWriteSchema, {
          key: key.key,
          operation: key.operation,
          subject: key.subject,
          digest: key.digest,
          actor: key.actor,
          recordedAt: key.at,
        });
        return value;
      });
      return { replayed: false, value };
    } catch (error) {
      if (error instanceof Replayed) return { replayed: true, first: error.first };
      // Two retries racing: the second insert of the key fails; its command is the first's or not.
      if (error instanceof DuplicateKeyError || error instanceof ConcurrentUpdateError) throw error;
      try {
        return convertDriverError(error, `the write "${key.key}"`);
      } catch (converted) {
        if (converted instanceof DuplicateKeyError) return this.settleRace(key, converted);
        throw converted;
      }
    }
  }

  /**
   * Reads through a session outside any write (what a replayed write answers with).
   *
   * @example
   * const member = await repo.read((session) => session.members(['m001']));
   */
  async read<T>(work: (session: RegisterWriteSession) => Promise<T>): Promise<T> {
    return this.em.fork().transactional(async (tx) => work(await openSession(tx)));
  }

  /** After a unique violation: a replay if the key now holds the same command, else the refusal. */
  private async settleRace<T>(
    key: RegisterWriteKey,
    violation: DuplicateKeyError,
  ): Promise<RegisterWriteOutcome<T>> {
    const first = await this.em
      .fork()
      .findOne(RegisterWriteSchema, { key: key.key }, { disableIdentityMap: true });
    if (first === null) throw violation;
    if (sameCommand(first, key)) return { replayed: true, first };
    throw reused(key.key);
  }
}

function sameCommand(first: RegisterWriteRow, key: RegisterWriteKey): boolean {
  return first.operation === key.operation && first.subject === key.subject && first.digest === key.digest;
}

function reused(key: string): DuplicateKeyError {
  return new DuplicateKeyError(`idempotency key "${key}" was already used for another write`);
}

async function openSession(tx: EntityManager): Promise<RegisterWriteSession> {
  const codec = await personalDataOf(tx);
  const connection = tx.getConnection('write');
  const context = tx.getTransactionContext();
  const select = <R>(sql: string, params: readonly unknown[]): Promise<R[]> =>
    connection.execute(sql, [...params], 'all', context) as Promise<R[]>;
  return {
    ...gridRegisterSession(tx, select),
    ...memberRegister(tx, select, codec),

    async withPointEntries(codes) {
      if (codes.length === 0) return new Set();
      const rows = await select<{ member_code: string }>(
        `select distinct member_code from points_ledger where member_code in (${placeholders(codes.length)})`,
        codes,
      );
      return new Set(rows.map((r) => r.member_code));
    },

    async retireMember(code, on) {
      await tx.nativeUpdate(
        PointsMemberSchema,
        { code },
        { retiredOn: on, streetCode: null, buildingId: null },
      );
    },

    async retireWorker(code, on) {
      await tx.nativeUpdate(GridWorkerSchema, { id: code }, { retiredOn: on });
      await connection.execute('delete from grid_team_member where worker_id = ?', [code], 'run', context);
    },

    async retiredWorkers(codes) {
      if (codes.length === 0) return new Map();
      const rows = await select<{ id: string; retired_on: string | null }>(
        `select id, retired_on from grid_worker where id in (${placeholders(codes.length)}) and retired_on is not null`,
        codes,
      );
      return new Map(rows.map((r) => [r.id, r.retired_on!]));
    },

    async gridsOf(community) {
      const rows = await tx.find(
        GridSchema,
        { communityCode: community, retired: false },
        { orderBy: { position: 'asc' }, fields: ['code', 'households'], disableIdentityMap: true },
      );
      return rows.map((r) => ({ code: r.code, households: r.households }));
    },

    async servingWorkersOf(community) {
      const rows = await tx.find(
        GridWorkerSchema,
        { homeCommunityCode: community, retiredOn: null },
        { orderBy: { id: 'asc' }, disableIdentityMap: true },
      );
      return rows.map((r) => ({
        code: r.id,
        homeCommunity: r.homeCommunityCode,
        isPartyMember: r.isPartyMember,
      }));
    },

    async countyExtent() {
      const [row] = await select<{
        min_x: number | null;
        min_y: number | null;
        max_x: number | null;
        max_y: number | null;
      }>(
        'select min(min_x) as min_x, min(min_y) as min_y, max(max_x) as max_x, max(max_y) as max_y from grid where min_x is not null',
        [],
      );
      if (row === undefined || row.min_x === null || row.min_y === null) return undefined;
      return {
        minX: Number(row.min_x),
        minY: Number(row.min_y),
        maxX: Number(row.max_x),
        maxY: Number(row.max_y),
      };
    },

    async jointMeeting(id) {
      const row = await tx.findOne(GridJointMeetingSchema, { id }, { disableIdentityMap: true });
      if (row === null) return undefined;
      return {
        id: row.id,
        level: row.level,
        orgCode: row.orgCode,
        heldOn: row.heldOn,
        kind: row.kind,
        ...(row.topic === null ? {} : { topic: row.topic }),
        topics: jsonList(row.topics),
        attendees: jsonList(row.attendees),
      };
    },

    async recordJointMeeting(meeting) {
      await tx.insert(GridJointMeetingSchema, {
        id: meeting.id,
        level: meeting.level,
        orgCode: meeting.orgCode,
        heldOn: meeting.heldOn,
        kind: meeting.kind,
        topic: meeting.topics[0] ?? null,
        topics: [...meeting.topics],
        attendees: [...meeting.attendees],
      });
    },
  };
}

function jsonList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.map(String) : [];
}
