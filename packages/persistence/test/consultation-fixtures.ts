/**
 * A small county for the consultation repository tests: three pilot townships and two others,
 * the pilot township's villages, the bodies that act, and a way to count SQL statements.
 */
import {
  type ActContext,
  type Actor,
  beginOrigination,
  type Candidate,
  type ConsultationGroup,
  type ConsultationRules,
  type LocalDate,
  type OriginationInput,
  type OriginationPath,
  parseLocalDate,
  recordOriginationStep,
  referenceProfile,
  startConsultation,
  type Township,
  unwrap,
  type Village,
} from '@jiceng/domain';
import {
  type ConsultationRepository,
  type Database,
  InvalidInputError,
  type StoredConsultation,
  type StoredTopic,
} from '@jiceng/persistence';

export const rules: ConsultationRules = referenceProfile.consultation;

export function d(text: string): LocalDate {
  return unwrap(parseLocalDate(text));
}

export const GANG = 'gang_xiang';
export const TOWN_A = 'town_a';
export const TOWN_B = 'town_b';

export const townships: readonly Township[] = [
  { code: GANG, name: '岗乡' },
  { code: TOWN_A, name: '甲镇' },
  { code: TOWN_B, name: '乙镇' },
  { code: 'town_4', name: '丁镇' },
  { code: 'town_5', name: '戊镇' },
];

export const gangVillages: readonly Village[] = Array.from({ length: 22 }, (_, i) => ({
  code: `gang_v${String(i + 1).padStart(2, '0')}`,
  name: i < 20 ? `第${i + 1}村` : `第${i - 19}社区`,
  township: GANG,
}));

export const pilotOptions = {
  townships,
  pilots: { gang: GANG, townA: TOWN_A, townB: TOWN_B },
  villages: gangVillages,
  now: d('2026-11-27'),
} as const;

export function bodiesOf(township: string): {
  partyCommittee: Actor;
  government: Actor;
  liaisonGroup: Actor;
  villageCommittee: Actor;
} {
  return {
    partyCommittee: { id: `${township}-pc`, name: '王书记', role: 'party_committee' },
    government: { id: `${township}-gov`, name: '李镇长', role: 'government' },
    liaisonGroup: { id: `${township}-lg`, name: '张组长', role: 'liaison_group' },
    villageCommittee: { id: `${township}-vc`, name: '赵文书', role: 'village_committee' },
  };
}

/** A valid consultation group's candidates: 12 fixed members and three invited per category. */
export function candidatesOf(township: string): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < 12; i++) {
    out.push({ kind: 'fixed', id: `${township}-F${i + 1}`, name: `委员${i + 1}`, township });
  }
  const categories = ['party_congress_deputy', 'peoples_congress_deputy', 'respected_resident'] as const;
  categories.forEach((category, c) => {
    for (let j = 0; j < 3; j++) {
      out.push({ kind: 'invited', id: `${township}-I${c}${j}`, name: `特邀${c}-${j}`, category });
    }
  });
  return out;
}

/**
 * Counts the SQL statements a piece of work sends, through the query event of the knex instance
 * every fork of the database shares.
 */
export async function countStatements<T>(
  db: Database,
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const knex = db.em.getConnection().getKnex();
  const statements: string[] = [];
  const listener = (q: { sql: string }) => statements.push(q.sql);
  knex.on('query', listener);
  try {
    const result = await work();
    return { result, statements };
  } finally {
    knex.removeListener('query', listener);
  }
}

/**
 * The gateway's use cases in small, for repository tests: read what a topic step rests on, decide
 * with the domain (a refusal raises `InvalidInputError` with its issues), store at what was read.
 */
export async function originate(
  repo: ConsultationRepository,
  input: { topicId: string; township: string; path: OriginationPath; profileId: string },
  step: OriginationInput,
  context: ActContext,
): Promise<StoredTopic> {
  const established = await repo.establishedTopics(input.township, Number(context.on.slice(0, 4)));
  const first = recordOriginationStep(beginOrigination(input), step, {
    ...context,
    established: established.topics,
  });
  if (!first.ok) throw new InvalidInputError(first.issues);
  return repo.createTopic(first.value, { profileId: input.profileId, established });
}

/** The next origination step of a stored topic; `expectedVersion` plays a writer who read that one. */
export async function stepTopic(
  repo: ConsultationRepository,
  topicId: string,
  step: OriginationInput,
  context: ActContext,
  options: { expectedVersion?: number } = {},
): Promise<StoredTopic | undefined> {
  const stored = await repo.getTopic(topicId);
  if (stored === undefined) return undefined;
  const { township } = stored.origination;
  const established = await repo.establishedTopics(township, Number(context.on.slice(0, 4)));
  const next = recordOriginationStep(stored.origination, step, {
    ...context,
    established: established.topics,
  });
  if (!next.ok) throw new InvalidInputError(next.issues);
  return repo.saveTopic(next.value, { decidedOn: options.expectedVersion ?? stored.version, established });
}

/** Starts the consultation of a stored topic, as {@link stepTopic}. */
export async function startOn(
  repo: ConsultationRepository,
  topicId: string,
  input: { id: string; group: ConsultationGroup },
  context: ActContext,
  options: { expectedVersion?: number } = {},
): Promise<StoredConsultation | undefined> {
  const stored = await repo.getTopic(topicId);
  if (stored === undefined) return undefined;
  const started = startConsultation({ ...input, origination: stored.origination }, context);
  if (!started.ok) throw new InvalidInputError(started.issues);
  return repo.saveStart(started.value, { decidedOn: options.expectedVersion ?? stored.version });
}
