import {
  type ConsultationRules,
  canIssue,
  type IssueClearance,
  type IssuedDecision,
  issue,
  type LocalDate,
  type RoutineDecision,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError, InvalidInputError } from '../errors.js';
import { ConsultationSchema, type RoutineDecisionRow, RoutineDecisionSchema } from './schemas.js';

/**
 * Decisions a township issued (reports to its congresses, the key-work plan, important
 * decisions). A decision of a kind that must be consulted first is stored only once a routine
 * consultation of it has held its meeting (例行协商: 出台前必须交协商小组协商讨论).
 */
export class RoutineDecisionRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Issues a decision when `canIssue` clears it, reading its routine consultations in the same
   * transaction; refuses it with the domain's issues otherwise, and refuses an id already issued.
   *
   * @example
   * await repo.issue({ id: 'A-plan-2026', township: 'town_a', itemKind: 'annual_key_work_plan', title: '…' },
   *   { on: '2026-01-20' as LocalDate, rules });
   */
  async issue(
    decision: RoutineDecision,
    context: { readonly on: LocalDate; readonly rules: ConsultationRules },
  ): Promise<{ readonly issued: IssuedDecision; readonly clearance: IssueClearance }> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        if ((await tx.count(RoutineDecisionSchema, { id: decision.id })) > 0) {
          throw new InvalidInputError([
            issue(
              'CONSULTATION_DUPLICATE_ID',
              { zh: `决定“${decision.id}”已出台`, en: `decision "${decision.id}" was already issued` },
              ['id'],
              { id: decision.id },
            ),
          ]);
        }
        const rows = await tx.find(ConsultationSchema, { decisionId: decision.id });
        const cleared = canIssue(decision, {
          rules: context.rules,
          consultations: rows.map((r) => r.state),
          on: context.on,
        });
        if (!cleared.ok) throw new InvalidInputError(cleared.issues);
        tx.create(RoutineDecisionSchema, decisionRow(decision, context.on, cleared.value.consultationId));
        await tx.flush();
        return { issued: { decision, issuedOn: context.on }, clearance: cleared.value };
      });
    } catch (error) {
      return convertDriverError(error, `decision "${decision.id}"`);
    }
  }

  /** Decisions issued by some townships, optionally in one year, in one query, oldest first. */
  async list(townships: readonly string[], year?: number): Promise<IssuedDecision[]> {
    if (townships.length === 0) return [];
    const rows = await this.em.fork().find(
      RoutineDecisionSchema,
      {
        township: { $in: [...new Set(townships)] },
        ...(year === undefined ? {} : { issuedYear: year }),
      },
      { orderBy: { issuedOn: 'asc', id: 'asc' } },
    );
    return rows.map((r) => ({
      decision: { id: r.id, township: r.township, itemKind: r.itemKind, title: r.title },
      issuedOn: r.issuedOn as LocalDate,
    }));
  }
}

/** The row of an issued decision. */
export function decisionRow(
  decision: RoutineDecision,
  issuedOn: LocalDate,
  consultationId: string | null,
): RoutineDecisionRow {
  return {
    id: decision.id,
    township: decision.township,
    itemKind: decision.itemKind,
    title: decision.title,
    issuedOn,
    issuedYear: Number(issuedOn.slice(0, 4)),
    consultationId,
  };
}
