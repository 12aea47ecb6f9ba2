// Storing the reference county's consultation pilots. What they are (townships, topics, every act
// and its day) is data in `@jiceng/domain/reference`, played through the domain's rules there.

import type { Topic } from '@jiceng/domain';
import { type ConsultationPilotOptions, consultationPilots } from '@jiceng/domain/reference';
import type { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { convertDriverError } from '../errors.js';
import { chunks } from '../sql.js';
import { consultationRow, journalRows, topicColumns } from './consultations.js';
import { decisionRow } from './decisions.js';
import { filingRow } from './filings.js';
import { groupColumns, insertRoster } from './liaison-groups.js';
import {
  ConsultationEventSchema,
  ConsultationSchema,
  type ConsultationTopicRow,
  ConsultationTopicSchema,
  LiaisonGroupSchema,
  MinutesFilingSchema,
  RoutineDecisionSchema,
} from './schemas.js';

export type { ConsultationPilotOptions };

/** What {@link seedConsultationPilots} stored. */
export interface ConsultationPilotSummary {
  readonly year: number;
  readonly liaisonGroups: number;
  readonly members: number;
  readonly topics: number;
  readonly consultations: number;
  readonly events: number;
  readonly decisions: number;
  readonly minutes: number;
}

/** How many rows one INSERT carries: well under PostgreSQL's 65,535 parameters. */
const BATCH = 200;

/**
 * Stores the pilots ({@link consultationPilots}) in one transaction with batched inserts, into
 * tables without them: a second run fails with `DuplicateKeyError` and stores nothing.
 *
 * @example
 * await seedConsultationPilots(db.em, { townships, pilots: { gang, townA, townB }, villages, now: '2026-11-27' as LocalDate });
 */
export async function seedConsultationPilots(
  em: EntityManager,
  options: ConsultationPilotOptions,
): Promise<ConsultationPilotSummary> {
  const pilots = consultationPilots(options);
  const profileId = options.profileId ?? 'reference';
  const consultationOf = new Map(pilots.consultations.map((c) => [c.topic.id, c.id]));
  const before: Topic[] = [];
  const topicRows: ConsultationTopicRow[] = pilots.topics.map((o) => {
    const sameYear = before.filter((t) => t.township === o.township && t.year === o.topic?.year);
    if (o.topic !== null) before.push(o.topic);
    return {
      topicId: o.topicId,
      township: o.township,
      profileId,
      consultationId: consultationOf.get(o.topicId) ?? null,
      ...topicColumns(o, sameYear),
      version: 1,
    };
  });
  const events = pilots.consultations.flatMap((c) => journalRows(c, 0));
  try {
    await em.fork().transactional(async (tx) => {
      await insertRoster(tx, pilots.roster);
      await insertAll(
        tx,
        LiaisonGroupSchema,
        pilots.liaisonGroups.map((g) => ({ ...groupColumns(g), version: 1 })),
      );
      await insertAll(tx, ConsultationTopicSchema, topicRows);
      await insertAll(
        tx,
        ConsultationSchema,
        pilots.consultations.map((c) => consultationRow(c, profileId)),
      );
      await insertAll(tx, ConsultationEventSchema, events);
      await insertAll(
        tx,
        RoutineDecisionSchema,
        pilots.decisions.map((d) => decisionRow(d.decision, d.issuedOn, d.consultationId)),
      );
      await insertAll(tx, MinutesFilingSchema, pilots.minutes.entries.map(filingRow));
    });
  } catch (error) {
    convertDriverError(error, 'consultation data of the pilots');
  }
  return {
    year: pilots.year,
    liaisonGroups: pilots.liaisonGroups.length,
    members: pilots.roster.members.length,
    topics: topicRows.length,
    consultations: pilots.consultations.length,
    events: events.length,
    decisions: pilots.decisions.length,
    minutes: pilots.minutes.entries.length,
  };
}

async function insertAll<T extends object>(
  tx: EntityManager,
  schema: EntitySchema<T>,
  rows: readonly T[],
): Promise<void> {
  for (const batch of chunks(rows, BATCH)) await tx.insertMany(schema, batch);
}
