import {
  EMPTY_MINUTES_REGISTER,
  type FiledMinutes,
  type FilingContext,
  type FilingWindow,
  fileMinutes,
  type LocalDate,
  type MinutesRegister,
  type TownshipFilingCount,
  type Village,
  type VillageMinutesInput,
} from '@jiceng/domain';
import { raw } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError, InvalidInputError } from '../errors.js';
import { type MinutesFilingRow, MinutesFilingSchema } from './schemas.js';

/** Minutes filed by one village within a window, as counted by the database. */
export interface VillageFilingCount {
  readonly township: string;
  readonly village: string;
  readonly count: number;
  readonly late: number;
}

/**
 * Village consultation minutes on file 协商纪要备案 (村事民定). Append-only: there is no path that
 * changes or removes a filing.
 */
export class MinutesFilingRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Files one village's minutes after the domain accepts them (`fileMinutes`: a known village, not
   * before the meeting, an id not yet on file, the role the profile names). A late filing is
   * stored and marked `late`.
   *
   * @example
   * await repo.file({ id: 'GX-2026-001', village: 'gang_v01', meetingOn, topic: '村道硬化' },
   *   { villages, by: villageClerk, on, rules });
   */
  async file(minutes: VillageMinutesInput, context: FilingContext): Promise<FiledMinutes> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        const existing = await tx.findOne(MinutesFilingSchema, { id: minutes.id });
        const register: MinutesRegister =
          existing === null ? EMPTY_MINUTES_REGISTER : { entries: [toFiled(existing)] };
        const filed = fileMinutes(register, minutes, context);
        if (!filed.ok) throw new InvalidInputError(filed.issues);
        const entry = filed.value.entries.at(-1)!;
        tx.create(MinutesFilingSchema, filingRow(entry));
        await tx.flush();
        return entry;
      });
    } catch (error) {
      return convertDriverError(error, `minutes "${minutes.id}"`);
    }
  }

  /** Filings of some townships within a window, in one query, in filing order. */
  async entries(townships: readonly string[], window: FilingWindow = {}): Promise<FiledMinutes[]> {
    if (townships.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(MinutesFilingSchema, whereOf(townships, window), { orderBy: { filedOn: 'asc', id: 'asc' } });
    return rows.map(toFiled);
  }

  /** The register of some townships within a window, for `complianceReport`. */
  async register(townships: readonly string[], window: FilingWindow = {}): Promise<MinutesRegister> {
    return { entries: await this.entries(townships, window) };
  }

  /** Filings per township and village within a window: one GROUP BY, whatever the number of filings. */
  async countByVillage(
    townships: readonly string[],
    window: FilingWindow = {},
  ): Promise<VillageFilingCount[]> {
    if (townships.length === 0) return [];
    const rows = await this.em
      .fork()
      .createQueryBuilder(MinutesFilingSchema)
      .select([
        'township',
        'village',
        raw('count(*) as filed'),
        raw('sum(case when late then 1 else 0 end) as overdue'),
      ])
      .where(whereOf(townships, window))
      .groupBy(['township', 'village'])
      .orderBy({ township: 'asc', village: 'asc' })
      .execute<{ township: string; village: string; filed: number | string; overdue: number | string }[]>(
        'all',
      );
    return rows.map((r) => ({
      township: r.township,
      village: r.village,
      count: Number(r.filed),
      late: Number(r.overdue),
    }));
  }

  /**
   * Filings per township, each of its known villages listed (0 when it filed none), as the domain's
   * `filingCounts` gives them, counted by the database: townships in the order asked, villages in
   * the order given. A township's totals also count minutes of villages no longer listed.
   */
  async filingCounts(
    townships: readonly string[],
    villages: readonly Village[],
    window: FilingWindow = {},
  ): Promise<TownshipFilingCount[]> {
    const counted = await this.countByVillage(townships, window);
    const byVillage = new Map(counted.map((c) => [`${c.township}\u0000${c.village}`, c]));
    return [...new Set(townships)].map((township) => {
      const own = counted.filter((c) => c.township === township);
      return {
        township,
        total: own.reduce((s, c) => s + c.count, 0),
        late: own.reduce((s, c) => s + c.late, 0),
        villages: villages
          .filter((v) => v.township === township)
          .map((v) => ({
            code: v.code,
            name: v.name,
            count: byVillage.get(`${township}\u0000${v.code}`)?.count ?? 0,
          })),
      };
    });
  }
}

/** The row of a filing. */
export function filingRow(entry: FiledMinutes): MinutesFilingRow {
  return {
    id: entry.id,
    township: entry.township,
    village: entry.village,
    meetingOn: entry.meetingOn,
    meetingYear: Number(entry.meetingOn.slice(0, 4)),
    topic: entry.topic,
    filedOn: entry.filedOn,
    filedBy: entry.filedBy,
    late: entry.late,
  };
}

function toFiled(row: MinutesFilingRow): FiledMinutes {
  return {
    id: row.id,
    village: row.village,
    meetingOn: row.meetingOn as LocalDate,
    topic: row.topic,
    township: row.township,
    filedOn: row.filedOn as LocalDate,
    filedBy: row.filedBy,
    late: Boolean(row.late),
  };
}

function whereOf(townships: readonly string[], window: FilingWindow) {
  const filed =
    window.filedFrom === undefined && window.filedTo === undefined
      ? {}
      : {
          filedOn: {
            ...(window.filedFrom === undefined ? {} : { $gte: window.filedFrom }),
            ...(window.filedTo === undefined ? {} : { $lte: window.filedTo }),
          },
        };
  return {
    township: { $in: [...new Set(townships)] },
    ...(window.meetingYear === undefined ? {} : { meetingYear: window.meetingYear }),
    ...filed,
  };
}
