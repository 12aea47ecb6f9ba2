import {
  type ActContext,
  type AdoptionInput,
  applyStageCommand,
  type Consultation,
  type ConsultationEvent,
  type ConsultationStatus,
  decideAdoption,
  type ImplementationInput,
  type Origination,
  type OriginationStatus,
  type ProgressInput,
  planImplementation,
  type Result,
  recordProgress,
  type StageCommand,
  type Topic,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { ConcurrentUpdateError, convertDriverError, InvalidInputError } from '../errors.js';
import { fingerprintOf } from '../fingerprint.js';
import {
  type ConsultationEventRow,
  ConsultationEventSchema,
  type ConsultationRow,
  ConsultationSchema,
  type ConsultationTopicRow,
  ConsultationTopicSchema,
} from './schemas.js';

/** A topic's origination as stored, with the version to pass back when changing it. */
export interface StoredTopic {
  readonly origination: Origination;
  readonly profileId: string;
  /** The consultation of the topic, once started. */
  readonly consultationId: string | null;
  readonly version: number;
}

/** A consultation as stored, with the version to pass back when changing it. */
export interface StoredConsultation {
  readonly consultation: Consultation;
  /** The county rule profile its acts are checked under. */
  readonly profileId: string;
  readonly version: number;
}

/** One event of the journal. */
export interface JournalEntry {
  readonly consultationId: string;
  readonly township: string;
  /** 0 for the first event of a consultation. */
  readonly seq: number;
  readonly event: ConsultationEvent;
}

/** Which consultations to list: townships (a scope's subtree), optionally a status and a year. */
export interface ConsultationFilter {
  readonly townships: readonly string[];
  readonly status?: ConsultationStatus | readonly ConsultationStatus[];
  /** The topic's year. */
  readonly year?: number;
}

export interface TopicFilter {
  readonly townships: readonly string[];
  readonly status?: OriginationStatus;
  readonly year?: number;
}

/** `expectedVersion`: the version you read; a stale one raises {@link ConcurrentUpdateError}. */
export interface WriteOptions {
  readonly expectedVersion?: number;
}

/**
 * A township's topics established in a year: what the thematic limit of an origination step is
 * checked against, with a digest of the rows read so that the write can tell whether they moved.
 */
export interface EstablishedTopics {
  readonly township: string;
  readonly year: number;
  readonly topics: readonly Topic[];
  readonly fingerprint: string;
}

/**
 * Stores topics and consultations; every step is decided outside, by the caller, with the
 * domain's rules on what it read. A topic's origination is stored with
 * {@link ConsultationRepository.createTopic} / {@link ConsultationRepository.saveTopic} at the
 * topic's version and against the township's established topics it was decided on; the start of
 * a consultation with {@link ConsultationRepository.saveStart} at the topic's version; a
 * consultation's next state with {@link ConsultationRepository.record} at its version. Each write
 * is one transaction that refuses with {@link ConcurrentUpdateError} if what the decision rested
 * on moved since, and appends new timeline events to the journal.
 */
export class ConsultationRepository {
  constructor(private readonly em: EntityManager) {}

  // -------------------------------------------------------------------------------------------
  // Topics 议题

  /**
   * The township's topics established in a year, in id order, for an origination step to be
   * decided against (`recordOriginationStep`'s `established`).
   */
  async establishedTopics(township: string, year: number): Promise<EstablishedTopics> {
    return establishedTopics(this.em.fork(), township, year);
  }

  /**
   * Stores a new topic's origination, decided (`beginOrigination`, then its first step) against
   * `established`: a taken topic id raises {@link DuplicateKeyError}, established topics that
   * moved since they were read {@link ConcurrentUpdateError}.
   *
   * @example
   * const established = await repo.establishedTopics('town_a', 2026);
   * const first = unwrap(recordOriginationStep(beginOrigination(input), step, { by, on, rules, established: established.topics }));
   * await repo.createTopic(first, { profileId: 'reference', established });
   */
  async createTopic(
    origination: Origination,
    write: { readonly profileId: string; readonly established: EstablishedTopics },
  ): Promise<StoredTopic> {
    const { topicId } = origination;
    try {
      return await this.em.fork().transactional(async (tx) => {
        await checkEstablished(tx, origination, write.established);
        const row: ConsultationTopicRow = {
          topicId,
          township: origination.township,
          profileId: write.profileId,
          consultationId: null,
          ...topicColumns(origination, write.established.topics),
          version: 1,
        };
        await tx.insert(ConsultationTopicSchema, row);
        return storedTopic(row);
      });
    } catch (error) {
      return convertDriverError(error, `topic "${topicId}" (or a thematic topic of the same year)`);
    }
  }

  /**
   * Stores the next step of a topic's origination, decided on the topic at version `decidedOn`
   * and against `established`; {@link ConcurrentUpdateError} if either moved since.
   * `undefined` when the topic is unknown.
   */
  async saveTopic(
    next: Origination,
    write: { readonly decidedOn: number; readonly established: EstablishedTopics },
  ): Promise<StoredTopic | undefined> {
    const { topicId } = next;
    try {
      return await this.em.fork().transactional(async (tx) => {
        const row = await tx.findOne(ConsultationTopicSchema, { topicId });
        if (row === null) return undefined;
        if (row.township !== next.township) {
          throw new Error(`topic "${topicId}": asked to move it to township "${next.township}"`);
        }
        if (row.version !== write.decidedOn) throw movedTopic(topicId, row.version, write.decidedOn);
        await checkEstablished(tx, next, write.established);
        Object.assign(row, topicColumns(next, write.established.topics));
        await tx.flush();
        return storedTopic(row);
      });
    } catch (error) {
      return convertDriverError(error, `topic "${topicId}" (or a thematic topic of the same year)`);
    }
  }

  async getTopic(topicId: string): Promise<StoredTopic | undefined> {
    return (await this.topicsByIds([topicId]))[0];
  }

  /** Topics by id in one query, in the order asked; unknown ids are left out. */
  async topicsByIds(topicIds: readonly string[]): Promise<StoredTopic[]> {
    if (topicIds.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(ConsultationTopicSchema, { topicId: { $in: [...new Set(topicIds)] } });
    const byId = new Map(rows.map((r) => [r.topicId, r]));
    return topicIds.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [storedTopic(row)];
    });
  }

  /** Topics of some townships in one query, by topic id. */
  async listTopics(filter: TopicFilter): Promise<StoredTopic[]> {
    if (filter.townships.length === 0) return [];
    const rows = await this.em.fork().find(
      ConsultationTopicSchema,
      {
        township: { $in: [...new Set(filter.townships)] },
        ...(filter.status === undefined ? {} : { status: filter.status }),
        ...(filter.year === undefined ? {} : { year: filter.year }),
      },
      { orderBy: { topicId: 'asc' } },
    );
    return rows.map(storedTopic);
  }

  // -------------------------------------------------------------------------------------------
  // Consultations 协商

  /**
   * Stores the start of a consultation (`startConsultation`), decided on its topic at version
   * `decidedOn`, and marks the topic as consulted, in one transaction: a topic has one
   * consultation. {@link ConcurrentUpdateError} if the topic moved (or was consulted) since;
   * {@link DuplicateKeyError} for a taken consultation id. `undefined` when the topic is unknown.
   *
   * @example
   * const topic = await repo.getTopic('A-1');
   * const started = unwrap(startConsultation({ id: 'C-A-1', group, origination: topic.origination }, { by, on, rules }));
   * await repo.saveStart(started, { decidedOn: topic.version });
   */
  async saveStart(
    consultation: Consultation,
    write: { readonly decidedOn: number },
  ): Promise<StoredConsultation | undefined> {
    const topicId = consultation.topic.id;
    try {
      return await this.em.fork().transactional(async (tx) => {
        const topic = await tx.findOne(ConsultationTopicSchema, { topicId });
        if (topic === null) return undefined;
        if (topic.version !== write.decidedOn || topic.consultationId !== null) {
          throw movedTopic(topicId, topic.version, write.decidedOn);
        }
        topic.consultationId = consultation.id;
        // The versioned update first: a concurrent start fails on the topic's version.
        await tx.flush();
        await tx.insert(ConsultationSchema, consultationRow(consultation, topic.profileId));
        await tx.insertMany(ConsultationEventSchema, journalRows(consultation, 0));
        return { consultation, profileId: topic.profileId, version: 1 };
      });
    } catch (error) {
      return convertDriverError(error, `the consultation of topic "${topicId}"`);
    }
  }

  /**
   * Stores the next state of a consultation, decided by the caller (a domain step:
   * `applyStageCommand`, `decideAdoption`, `planImplementation`, `recordProgress`) on the version
   * it read: written in one transaction with the journal rows of its new events, and refused with
   * {@link ConcurrentUpdateError} if the row changed since that version. `undefined` when the
   * consultation is unknown.
   *
   * @example
   * const stored = await repo.get('C-1');
   * const next = unwrap(applyStageCommand(stored.consultation, { type: 'advance', to: 'plan' }, context));
   * await repo.record('C-1', next, { decidedOn: stored.version });
   */
  async record(
    id: string,
    next: Consultation,
    options: { readonly decidedOn: number },
  ): Promise<StoredConsultation | undefined> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        const row = await tx.findOne(ConsultationSchema, { id });
        if (row === null) return undefined;
        if (row.version !== options.decidedOn) {
          throw new ConcurrentUpdateError(
            `consultation "${id}" was changed by someone else (version ${row.version}, decided on ${options.decidedOn}); reload and retry`,
          );
        }
        if (next.id !== id) throw new Error(`consultation "${id}": asked to store "${next.id}" in its place`);
        // The domain only ever appends to the record; anything else is a programming error.
        if (next.events.length < row.eventCount) {
          throw new Error(`consultation "${id}": the next state dropped events from the record`);
        }
        const fresh = journalRows(next, row.eventCount);
        row.state = next;
        row.status = next.status;
        row.eventCount = next.events.length;
        // The versioned update first: a concurrent writer fails on the version, not on the journal.
        await tx.flush();
        if (fresh.length > 0) await tx.insertMany(ConsultationEventSchema, fresh);
        return storedConsultation(row);
      });
    } catch (error) {
      return convertDriverError(error, `consultation "${id}"`);
    }
  }

  /**
   * Applies one act of the five stages (`applyStageCommand`) to the consultation as stored and
   * {@link record}s it: a read, the domain step, then the write, refused if the row moved between
   * them. For the seeder and scripts; the gateway's use cases decide the step themselves.
   *
   * @example
   * const saved = await repo.applyStageCommand('C-1', { type: 'advance', to: 'plan' },
   *   { by: lg, on, rules }, { expectedVersion: 3 });
   */
  applyStageCommand(
    id: string,
    command: StageCommand,
    context: ActContext,
    options: WriteOptions = {},
  ): Promise<StoredConsultation | undefined> {
    return this.step(id, options, (c) => applyStageCommand(c, command, context));
  }

  /** Records the decision on one proposal item (`decideAdoption`), as {@link applyStageCommand}. */
  decideAdoption(
    id: string,
    input: AdoptionInput,
    context: ActContext,
    options: WriteOptions = {},
  ): Promise<StoredConsultation | undefined> {
    return this.step(id, options, (c) => decideAdoption(c, input, context));
  }

  /** Plans how an adopted item is carried out (`planImplementation`), as {@link applyStageCommand}. */
  planImplementation(
    id: string,
    input: ImplementationInput,
    context: ActContext,
    options: WriteOptions = {},
  ): Promise<StoredConsultation | undefined> {
    return this.step(id, options, (c) => planImplementation(c, input, context));
  }

  /** Records the progress of one task (`recordProgress`), as {@link applyStageCommand}. */
  recordProgress(
    id: string,
    input: ProgressInput,
    context: ActContext,
    options: WriteOptions = {},
  ): Promise<StoredConsultation | undefined> {
    return this.step(id, options, (c) => recordProgress(c, input, context));
  }

  async get(id: string): Promise<StoredConsultation | undefined> {
    return (await this.loadMany([id]))[0];
  }

  /** Consultations by id in one query, in the order asked; unknown ids are left out. */
  async loadMany(ids: readonly string[]): Promise<StoredConsultation[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.fork().find(ConsultationSchema, { id: { $in: [...new Set(ids)] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [storedConsultation(row)];
    });
  }

  /**
   * Ids of the consultations that match, newest year first, then by id: one query on indexed
   * columns, to page before loading ({@link loadMany}).
   */
  async listIds(filter: ConsultationFilter): Promise<string[]> {
    if (filter.townships.length === 0) return [];
    const rows = await this.em
      .fork()
      .createQueryBuilder(ConsultationSchema)
      .select(['id'])
      .where(whereOf(filter))
      .orderBy({ year: 'desc', id: 'asc' })
      .execute<{ id: string }[]>('all');
    return rows.map((r) => r.id);
  }

  /** The consultations that match, in one query, in the order of {@link listIds}. */
  async list(filter: ConsultationFilter): Promise<StoredConsultation[]> {
    if (filter.townships.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(ConsultationSchema, whereOf(filter), { orderBy: { year: 'desc', id: 'asc' } });
    return rows.map(storedConsultation);
  }

  /** Routine consultations of some decisions, in one query. */
  async listByDecisions(decisionIds: readonly string[]): Promise<StoredConsultation[]> {
    if (decisionIds.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(
        ConsultationSchema,
        { decisionId: { $in: [...new Set(decisionIds)] } },
        { orderBy: { id: 'asc' } },
      );
    return rows.map(storedConsultation);
  }

  /**
   * The journal of some townships' consultations, oldest first: what happened where, without
   * loading the consultations. `from` and `to` bound the event day (inclusive).
   */
  async journal(filter: {
    readonly townships: readonly string[];
    readonly from?: string;
    readonly to?: string;
  }): Promise<JournalEntry[]> {
    if (filter.townships.length === 0) return [];
    const day =
      filter.from === undefined && filter.to === undefined
        ? {}
        : {
            occurredOn: {
              ...(filter.from === undefined ? {} : { $gte: filter.from }),
              ...(filter.to === undefined ? {} : { $lte: filter.to }),
            },
          };
    const rows = await this.em
      .fork()
      .find(
        ConsultationEventSchema,
        { township: { $in: [...new Set(filter.townships)] }, ...day },
        { orderBy: { occurredOn: 'asc', consultationId: 'asc', seq: 'asc' } },
      );
    return rows.map(journalEntry);
  }

  /** The journal of some consultations in one query, oldest first per consultation. */
  async journalOf(consultationIds: readonly string[]): Promise<JournalEntry[]> {
    if (consultationIds.length === 0) return [];
    const rows = await this.em
      .fork()
      .find(
        ConsultationEventSchema,
        { consultationId: { $in: [...new Set(consultationIds)] } },
        { orderBy: { consultationId: 'asc', seq: 'asc' } },
      );
    return rows.map(journalEntry);
  }

  /**
   * Read, decide with a domain function of this package, record: the step runs outside the
   * write's transaction, on the version read (or `expectedVersion`, refused at once when the row
   * is already past it), and {@link record} refuses the write if the row moved in between.
   */
  private async step(
    id: string,
    options: WriteOptions,
    decide: (consultation: Consultation) => Result<Consultation, string>,
  ): Promise<StoredConsultation | undefined> {
    const stored = await this.get(id);
    if (stored === undefined) return undefined;
    if (options.expectedVersion !== undefined && options.expectedVersion !== stored.version) {
      throw new ConcurrentUpdateError(
        `consultation "${id}" was changed by someone else (version ${stored.version}, expected ${options.expectedVersion}); reload and retry`,
      );
    }
    const next = decide(stored.consultation);
    if (!next.ok) throw new InvalidInputError(next.issues);
    return this.record(id, next.value, { decidedOn: stored.version });
  }
}

// ---------------------------------------------------------------------------------------------
// Mapping, shared with the seeder

/** The row of a consultation, for a new insert. */
export function consultationRow(consultation: Consultation, profileId: string): ConsultationRow {
  const { topic } = consultation;
  return {
    id: consultation.id,
    topicId: topic.id,
    township: topic.township,
    status: consultation.status,
    year: topic.year,
    form: topic.form.kind,
    decisionId: topic.form.kind === 'routine' ? topic.form.decisionId : null,
    profileId,
    state: consultation,
    eventCount: consultation.events.length,
    version: 1,
  };
}

/** Journal rows of the consultation's events from `from` on. */
export function journalRows(consultation: Consultation, from: number): ConsultationEventRow[] {
  return consultation.events.slice(from).map((event, i) => ({
    consultationId: consultation.id,
    seq: from + i,
    township: consultation.topic.township,
    type: event.type,
    occurredOn: event.on,
    event,
  }));
}

/** The columns of a topic row that follow from its origination. */
export function topicColumns(
  origination: Origination,
  established: readonly Topic[],
): Pick<ConsultationTopicRow, 'path' | 'status' | 'year' | 'origination' | 'thematicSlot'> {
  const topic = origination.topic;
  return {
    path: origination.path,
    status: origination.status,
    year: topic?.year ?? null,
    origination,
    thematicSlot:
      topic !== null && topic.form.kind === 'thematic'
        ? established.filter((t) => t.id !== topic.id && t.form.kind === 'thematic').length + 1
        : null,
  };
}

function storedTopic(row: ConsultationTopicRow): StoredTopic {
  return {
    origination: row.origination,
    profileId: row.profileId,
    consultationId: row.consultationId,
    version: row.version,
  };
}

function storedConsultation(row: ConsultationRow): StoredConsultation {
  return { consultation: row.state, profileId: row.profileId, version: row.version };
}

function journalEntry(row: ConsultationEventRow): JournalEntry {
  return { consultationId: row.consultationId, township: row.township, seq: row.seq, event: row.event };
}

function whereOf(filter: ConsultationFilter) {
  const status = filter.status;
  return {
    township: { $in: [...new Set(filter.townships)] },
    ...(status === undefined ? {} : { status: { $in: typeof status === 'string' ? [status] : [...status] } }),
    ...(filter.year === undefined ? {} : { year: filter.year }),
  };
}

/** The township's topics established in a year: what the thematic limit is checked against. */
async function establishedTopics(
  em: EntityManager,
  township: string,
  year: number,
): Promise<EstablishedTopics> {
  const rows = await em.find(
    ConsultationTopicSchema,
    { township, status: 'established', year },
    { orderBy: { topicId: 'asc' }, disableIdentityMap: true },
  );
  return {
    township,
    year,
    topics: rows.flatMap((r) => (r.origination.topic === null ? [] : [r.origination.topic])),
    fingerprint: fingerprintOf(rows.map((r) => [r.topicId, r.version])),
  };
}

/** Refuses a step decided against established topics of another township, or that moved since. */
async function checkEstablished(
  tx: EntityManager,
  origination: Origination,
  established: EstablishedTopics,
): Promise<void> {
  if (established.township !== origination.township) {
    throw new Error(`topic "${origination.topicId}" was decided against another township's topics`);
  }
  const now = await establishedTopics(tx, established.township, established.year);
  if (now.fingerprint !== established.fingerprint) {
    throw new ConcurrentUpdateError(
      `the topics established in ${established.township} in ${established.year} changed since they were read; reload and retry`,
    );
  }
}

function movedTopic(topicId: string, version: number, decidedOn: number): ConcurrentUpdateError {
  return new ConcurrentUpdateError(
    `topic "${topicId}" was changed by someone else (version ${version}, decided on ${decidedOn}); reload and retry`,
  );
}
