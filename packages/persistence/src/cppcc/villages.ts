import type { FiledMinutes, Village, VillageConsultation } from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { filingRow } from '../consultation/filings.js';
import { MinutesFilingSchema } from '../consultation/schemas.js';
import { ConcurrentUpdateError, convertDriverError } from '../errors.js';
import { appendDutyEntries, type DutyAppend } from './duty.js';
import {
  type CppccVillageConsultationRow,
  CppccVillageConsultationSchema,
  CppccVillageSchema,
} from './schemas.js';

/** A village consultation as stored, with the version to decide its next step on. */
export interface StoredVillageConsultation {
  readonly consultation: VillageConsultation;
  readonly profileId: string;
  readonly version: number;
}

/** A step to store: the consultation the domain decided, and for a filing the minutes it filed. */
export interface VillageConsultationWrite {
  readonly consultation: VillageConsultation;
  readonly profileId: string;
  /** The version it was decided on; 0 for a new one. */
  readonly decidedOnVersion: number;
  /** The minutes filed 备案 with the township's register, when the step filed them. */
  readonly filed?: FiledMinutes;
  /** The duty records the step derives for the CPPCC members who took part, or reverses: both or neither. */
  readonly duty?: DutyAppend;
}

/**
 * Stores village consultations 村事民定 and the villages they belong to. It decides nothing: the
 * gateway's use cases run the domain's `startVillageConsultation`, `holdVillageMeeting` and
 * `fileVillageConsultation` on what they read and hand the result to {@link save}, which stores
 * it only if the consultation is still at the version it was decided on
 * ({@link ConcurrentUpdateError} otherwise; `DuplicateKeyError` for a new id already taken). The
 * filing goes into the township's register of minutes, and the duty records a step derives into the
 * term's ledger, in the same transaction.
 */
export class VillageConsultationRepository {
  constructor(private readonly em: EntityManager) {}

  /** Stores villages (新增 or renamed), keeping the given order within each township. */
  async saveVillages(villages: readonly Village[]): Promise<void> {
    try {
      await this.em.fork().transactional(async (tx) => {
        for (const [position, v] of villages.entries()) {
          await tx.upsert(CppccVillageSchema, { code: v.code, township: v.township, name: v.name, position });
        }
      });
    } catch (error) {
      return convertDriverError(error, 'villages');
    }
  }

  /** The villages of some townships (all when none is named), in their order. */
  async villages(townships?: readonly string[]): Promise<Village[]> {
    const rows = await this.em
      .fork()
      .find(CppccVillageSchema, townships === undefined ? {} : { township: { $in: [...townships] } }, {
        orderBy: { township: 'asc', position: 'asc' },
      });
    return rows.map((r) => ({ code: r.code, name: r.name, township: r.township }));
  }

  /** One consultation; `undefined` when unknown. */
  async load(id: string): Promise<StoredVillageConsultation | undefined> {
    const row = await this.em.fork().findOne(CppccVillageConsultationSchema, { id });
    return row === null ? undefined : storedOf(row);
  }

  /** The consultations of some townships (all when none is named), oldest first. */
  async list(townships?: readonly string[]): Promise<StoredVillageConsultation[]> {
    const rows = await this.em
      .fork()
      .find(
        CppccVillageConsultationSchema,
        townships === undefined ? {} : { township: { $in: [...townships] } },
        { orderBy: { startedOn: 'asc', id: 'asc' } },
      );
    return rows.map(storedOf);
  }

  /**
   * Stores a step of a consultation. A new one (decided on version 0) is inserted; a later step
   * updates the row only if it is still at `decidedOnVersion`.
   *
   * @example
   * const stored = await repo.load('VC-2025-001');
   * const held = unwrap(holdVillageMeeting(stored.consultation, meeting, context));
   * await repo.save({ consultation: held, profileId: stored.profileId, decidedOnVersion: stored.version });
   */
  async save(write: VillageConsultationWrite): Promise<StoredVillageConsultation> {
    const { consultation } = write;
    try {
      return await this.em.fork().transactional(async (tx) => {
        const version = write.decidedOnVersion + 1;
        const row = villageConsultationRow(consultation, write.profileId, version);
        if (write.decidedOnVersion === 0) {
          await tx.insert(CppccVillageConsultationSchema, row);
        } else {
          const moved = await tx.nativeUpdate(
            CppccVillageConsultationSchema,
            { id: consultation.id, version: write.decidedOnVersion },
            row,
          );
          if (moved !== 1) {
            throw new ConcurrentUpdateError(
              `village consultation "${consultation.id}" changed since the step was decided; reload and retry`,
            );
          }
        }
        if (write.filed !== undefined) await tx.insert(MinutesFilingSchema, filingRow(write.filed));
        if (write.duty !== undefined) await appendDutyEntries(tx, write.duty);
        return { consultation, profileId: write.profileId, version };
      });
    } catch (error) {
      return convertDriverError(error, `village consultation "${consultation.id}"`);
    }
  }
}

function storedOf(row: CppccVillageConsultationRow): StoredVillageConsultation {
  return { consultation: row.state, profileId: row.profileId, version: row.version };
}

/** A consultation's row: one mapping for live writes and the seed. */
export function villageConsultationRow(
  consultation: VillageConsultation,
  profileId: string,
  version: number,
): CppccVillageConsultationRow {
  return {
    id: consultation.id,
    township: consultation.township,
    village: consultation.village,
    status: consultation.status,
    startedOn: consultation.startedOn,
    filedOn: consultation.filedOn,
    profileId,
    version,
    // The ORM rewrites values in place; the domain's data is frozen.
    state: structuredClone(consultation),
  };
}
