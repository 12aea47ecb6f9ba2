import type { RollCall } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { ConcurrentUpdateError, convertDriverError } from '../errors.js';
import { appendDutyEntries, type DutyAppend } from './duty.js';
import { type CppccRollCallCorrection, type CppccRollCallRow, CppccRollCallSchema } from './schemas.js';

/** A roll call as stored: the roll call, the version to correct it at, and how it was corrected. */
export interface StoredRollCall {
  readonly term: number;
  readonly rollCall: RollCall;
  readonly recordedOn: string;
  readonly version: number;
  readonly corrections: readonly CppccRollCallCorrection[];
}

/** A roll call to store: new (decided on version 0) or a correction of the stored one. */
export interface RollCallWrite {
  readonly term: number;
  readonly rollCall: RollCall;
  /** The version it was decided on; 0 for a new one. */
  readonly decidedOnVersion: number;
  /** The day it was written (a correction keeps the day of the first writing). */
  readonly on: string;
  /** For a correction: who made it and why. */
  readonly correction?: { readonly by: string; readonly reason: string };
  /** The duty records it derives and the reversals of those it no longer earns: both or neither. */
  readonly duty?: DutyAppend;
}

/**
 * Stores the roll calls 点名 of plenary and standing-committee meetings. It decides nothing: the
 * gateway's use cases check a roll call with the domain's `checkRollCall`, derive and reconcile
 * its duty records (`deriveDutyRecords`, `reconcileDutyRecords`) and hand both to
 * {@link RollCallRepository.save}, which stores them in one transaction, only if the roll call is
 * still at the version it was decided on and the ledger at the version the records were decided on
 * ({@link ConcurrentUpdateError} otherwise; `DuplicateKeyError` for a new id already taken).
 */
export class RollCallRepository {
  constructor(private readonly em: EntityManager) {}

  /** One roll call of a term; `undefined` when unknown. */
  async load(term: number, id: string): Promise<StoredRollCall | undefined> {
    const row = await this.em.fork().findOne(CppccRollCallSchema, { term, id });
    return row === null ? undefined : storedOf(row);
  }

  /** The roll calls of a term, by meeting day. */
  async list(term: number): Promise<StoredRollCall[]> {
    const rows = await this.em
      .fork()
      .find(CppccRollCallSchema, { term }, { orderBy: { meetingOn: 'asc', id: 'asc' } });
    return rows.map(storedOf);
  }

  /**
   * Stores a roll call and the duty records it derives, in one transaction.
   *
   * @example
   * const corrected = unwrap(checkRollCall({ ...stored.rollCall, entries }, committee));
   * await repo.save({ term: 10, rollCall: corrected, decidedOnVersion: stored.version, on: today, correction, duty });
   */
  async save(write: RollCallWrite): Promise<StoredRollCall> {
    const { term, rollCall } = write;
    try {
      return await this.em.fork().transactional(async (tx) => {
        const version = write.decidedOnVersion + 1;
        let stored: StoredRollCall;
        if (write.decidedOnVersion === 0) {
          const row = rollCallRow(term, rollCall, write.on, 1, []);
          await tx.insert(CppccRollCallSchema, row);
          stored = storedOf(row);
        } else {
          const current = await tx.findOne(CppccRollCallSchema, { term, id: rollCall.id });
          const corrections = [
            ...(current?.corrections ?? []),
            ...(write.correction === undefined
              ? []
              : [{ version, on: write.on, by: write.correction.by, reason: write.correction.reason }]),
          ];
          const row = rollCallRow(term, rollCall, current?.recordedOn ?? write.on, version, corrections);
          const moved = await tx.nativeUpdate(
            CppccRollCallSchema,
            { term, id: rollCall.id, version: write.decidedOnVersion },
            row,
          );
          if (moved !== 1) {
            throw new ConcurrentUpdateError(
              `roll call "${rollCall.id}" changed since the correction was decided; reload and retry`,
            );
          }
          stored = storedOf(row);
        }
        if (write.duty !== undefined) await appendDutyEntries(tx, write.duty);
        return stored;
      });
    } catch (error) {
      return convertDriverError(error, `roll call "${rollCall.id}"`);
    }
  }
}

function storedOf(row: CppccRollCallRow): StoredRollCall {
  return {
    term: row.term,
    rollCall: row.state,
    recordedOn: row.recordedOn,
    version: row.version,
    corrections: row.corrections,
  };
}

/** A roll call's row: one mapping for live writes and the seed. */
export function rollCallRow(
  term: number,
  rollCall: RollCall,
  recordedOn: string,
  version: number,
  corrections: CppccRollCallCorrection[],
): CppccRollCallRow {
  return {
    term,
    id: rollCall.id,
    kind: rollCall.kind,
    meetingOn: rollCall.meetingOn,
    recordedOn,
    version,
    // The ORM rewrites values in place; the domain's data is frozen.
    state: structuredClone(rollCall),
    corrections: structuredClone(corrections),
  };
}
