import {
  assessCoBuilding,
  type CoBuildingInput,
  type CoBuildingRules,
  type CoBuildingUnit,
  type Commitment,
  type CommitmentEvaluation,
  type Issue,
  issue,
} from '@jiceng/domain';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError, InvalidInputError } from '../errors.js';
import { BATCH, chunks, withRetry } from '../sql.js';
import { CoBuildingCommitmentSchema, CoBuildingEvaluationSchema, CoBuildingUnitSchema } from './schemas.js';

/** A co-building year as stored, with the org code each unit signed its agreement with. */
export interface StoredCoBuilding extends CoBuildingInput {
  /** Unit code → the street (or party committee) org code of its agreement. */
  readonly scopes: ReadonlyMap<string, string>;
}

const evaluationId = (e: CommitmentEvaluation): string =>
  JSON.stringify([e.unit, e.commitment, e.round, e.raterGroup, e.rater]);

/**
 * Co-building 共驻共建 / 双诺双评: the units taking part in a year, their public commitments and
 * the half-yearly evaluations, each checked by the domain's `assessCoBuilding` before it is
 * stored. Writes are idempotent by their natural keys: the same commitment or score again is a
 * no-op; another text or score under the same key is the domain's duplicate refusal.
 */
export class CoBuildingRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Registers units for a year under the org code their responsibility agreement is signed with
   * (a unit already registered gets its name and scope updated).
   *
   * @example
   * await repo.registerUnits(2025, '330102001', [{ code: 'tax_bureau', name: '区税务局' }]);
   */
  async registerUnits(year: number, scope: string, units: readonly CoBuildingUnit[]): Promise<void> {
    const issues: Issue[] = units.flatMap((u, i): Issue[] =>
      typeof u.code !== 'string' || u.code === '' || u.code.length > 64
        ? [
            issue(
              'COBUILDING_UNKNOWN_UNIT',
              { zh: `第 ${i} 个单位编码无效`, en: `unit ${i} has an invalid code` },
              [i, 'code'],
              { unit: u.code },
            ),
          ]
        : [],
    );
    if (!Number.isInteger(year)) {
      issues.push(
        issue('COBUILDING_ROUND_OUT_OF_RANGE', { zh: '年份无效', en: 'invalid year' }, ['year'], {}),
      );
    }
    if (issues.length > 0) throw new InvalidInputError(issues);
    try {
      await this.em.fork().transactional(async (tx) => {
        for (const batch of chunks(units, BATCH)) {
          await tx.upsertMany(
            CoBuildingUnitSchema,
            batch.map((u) => ({ year, unitCode: u.code, name: u.name ?? null, scope })),
            { onConflictFields: ['year', 'unitCode'], onConflictAction: 'merge' },
          );
        }
      });
    } catch (error) {
      convertDriverError(error, 'a co-building unit');
    }
  }

  /**
   * Adds public commitments 公开承诺; all or none. Refused with the domain's issues when a unit
   * is unknown or lists a code twice with different text.
   */
  async addCommitments(
    year: number,
    commitments: readonly Commitment[],
    rules: CoBuildingRules,
  ): Promise<number> {
    return this.write(async (tx) => {
      const units = [...new Set(commitments.map((c) => c.unit))];
      const stored = await this.loadUnits(tx, year, units);
      const known = new Map(stored.commitments.map((c) => [`${c.unit}\u0000${c.code}`, c]));
      const fresh = commitments.filter((c) => {
        const k = known.get(`${c.unit}\u0000${c.code}`);
        return k === undefined || k.text !== c.text;
      });
      const unique = [...new Map(fresh.map((c) => [`${c.unit}\u0000${c.code}\u0000${c.text}`, c])).values()];
      const checked = assessCoBuilding(
        { year, units: stored.units, commitments: [...stored.commitments, ...unique], evaluations: [] },
        rules,
      );
      if (!checked.ok) throw new InvalidInputError(checked.issues);
      for (const batch of chunks(unique, BATCH)) {
        await tx.insertMany(
          CoBuildingCommitmentSchema,
          batch.map((c) => ({ year, unitCode: c.unit, code: c.code, text: c.text })),
        );
      }
      return unique.length;
    }, 'a co-building commitment');
  }

  /**
   * Records evaluation scores 评议; all or none. Refused with the domain's issues (unknown unit
   * or commitment, rater group, round or score out of range, the same rater twice).
   */
  async recordEvaluations(
    year: number,
    evaluations: readonly CommitmentEvaluation[],
    rules: CoBuildingRules,
  ): Promise<number> {
    return this.write(async (tx) => {
      const units = [...new Set(evaluations.map((e) => e.unit))];
      const stored = await this.loadUnits(tx, year, units);
      const known = new Map(stored.evaluations.map((e) => [evaluationId(e), e.score]));
      const fresh = evaluations.filter((e) => known.get(evaluationId(e)) !== e.score);
      const unique = [...new Map(fresh.map((e) => [`${evaluationId(e)}\u0000${e.score}`, e])).values()];
      const checked = assessCoBuilding({ ...stored, evaluations: [...stored.evaluations, ...unique] }, rules);
      if (!checked.ok) throw new InvalidInputError(checked.issues);
      for (const batch of chunks(unique, BATCH)) {
        await tx.insertMany(
          CoBuildingEvaluationSchema,
          batch.map((e) => ({
            year,
            unitCode: e.unit,
            commitment: e.commitment,
            round: e.round,
            raterGroup: e.raterGroup,
            rater: e.rater,
            score: e.score,
          })),
        );
      }
      return unique.length;
    }, 'a co-building evaluation');
  }

  /**
   * The co-building year of the units whose agreement is with one of `scopes`, ready for
   * `assessCoBuilding`: three queries, however many units.
   */
  async load(year: number, scopes: readonly string[]): Promise<StoredCoBuilding> {
    const em = this.em.fork();
    if (scopes.length === 0) return { year, units: [], commitments: [], evaluations: [], scopes: new Map() };
    const rows = await em.find(
      CoBuildingUnitSchema,
      { year, scope: { $in: [...scopes] } },
      { orderBy: { unitCode: 'asc' } },
    );
    const loaded = await this.loadUnits(
      em,
      year,
      rows.map((r) => r.unitCode),
    );
    return { ...loaded, scopes: new Map(rows.map((r) => [r.unitCode, r.scope])) };
  }

  private async loadUnits(
    em: EntityManager,
    year: number,
    units: readonly string[],
  ): Promise<StoredCoBuilding> {
    if (units.length === 0) return { year, units: [], commitments: [], evaluations: [], scopes: new Map() };
    const unitRows = await em.find(
      CoBuildingUnitSchema,
      { year, unitCode: { $in: [...units] } },
      { orderBy: { unitCode: 'asc' } },
    );
    const present = unitRows.map((u) => u.unitCode);
    const commitments =
      present.length === 0
        ? []
        : await em.find(
            CoBuildingCommitmentSchema,
            { year, unitCode: { $in: present } },
            { orderBy: { unitCode: 'asc', code: 'asc' } },
          );
    const evaluations =
      present.length === 0
        ? []
        : await em.find(
            CoBuildingEvaluationSchema,
            { year, unitCode: { $in: present } },
            {
              orderBy: { unitCode: 'asc', commitment: 'asc', round: 'asc', raterGroup: 'asc', rater: 'asc' },
            },
          );
    return {
      year,
      units: unitRows.map((u) => ({ code: u.unitCode, ...(u.name === null ? {} : { name: u.name }) })),
      commitments: commitments.map((c) => ({ unit: c.unitCode, code: c.code, text: c.text })),
      evaluations: evaluations.map((e) => ({
        unit: e.unitCode,
        commitment: e.commitment,
        round: e.round,
        raterGroup: e.raterGroup,
        rater: e.rater,
        score: e.score,
      })),
      scopes: new Map(unitRows.map((u) => [u.unitCode, u.scope])),
    };
  }

  /** One transaction; a racing insert of the same natural key runs it again, to the same outcome. */
  private async write<T>(work: (tx: EntityManager) => Promise<T>, what: string): Promise<T> {
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await withRetry(() => this.em.fork().transactional((tx) => work(tx as EntityManager)));
        } catch (error) {
          if (!(error instanceof UniqueConstraintViolationException) || attempt >= 2) throw error;
        }
      }
    } catch (error) {
      return convertDriverError(error, what);
    }
  }
}
