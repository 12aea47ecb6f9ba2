import type {
  Actor,
  Consultation,
  ConsultationEvent,
  ConsultationEventType,
  ConsultationStatus,
  CppccLevel,
  LiaisonGroup,
  MemberOrigin,
  Origination,
  OriginationPath,
  OriginationStatus,
} from '@jiceng/domain';
import { EntitySchema } from '@mikro-orm/core';

/**
 * The tables of grassroots consultation 基层协商. Each aggregate is one row: the columns the
 * gateway filters on (township, status, year…) are indexed scalars, and the domain state is kept
 * whole as JSON, written only through the domain's functions. Timeline events and village minutes
 * are append-only rows of their own. Dates are `YYYY-MM-DD` strings, as the domain's `LocalDate`.
 */

/** A topic's origination 议题提出, from its first step; established topics are consulted. */
export interface ConsultationTopicRow {
  topicId: string;
  township: string;
  path: OriginationPath;
  status: OriginationStatus;
  /** The year the topic was established in; null until it is. */
  year: number | null;
  /** The county rule profile its acts are checked under. */
  profileId: string;
  /** Set once the consultation of the topic has started: one consultation per topic. */
  consultationId: string | null;
  /**
   * For an established thematic topic, its number among the township's thematic topics of the
   * year (1, 2, …). Unique per township and year, so two topics established at the same moment
   * cannot both take the last place the profile allows: one of them fails and retries.
   */
  thematicSlot: number | null;
  origination: Origination;
  /** Optimistic lock: a stale write is refused instead of silently overwriting. */
  version: number;
}

export const ConsultationTopicSchema = new EntitySchema<ConsultationTopicRow>({
  name: 'ConsultationTopicRow',
  tableName: 'consultation_topic',
  properties: {
    topicId: { type: 'string', primary: true, length: 64 },
    township: { type: 'string', length: 64 },
    path: { type: 'string', length: 32 },
    status: { type: 'string', length: 16 },
    year: { type: 'integer', nullable: true },
    profileId: { type: 'string', length: 64 },
    consultationId: { type: 'string', length: 64, nullable: true },
    thematicSlot: { type: 'integer', nullable: true },
    origination: { type: 'json' },
    version: { type: 'integer', version: true },
  },
  indexes: [{ name: 'consultation_topic_township_idx', properties: ['township', 'status', 'year'] }],
  uniques: [
    { name: 'consultation_topic_thematic_slot_unique', properties: ['township', 'year', 'thematicSlot'] },
  ],
});

/** One consultation 协商 of an established topic, through the five stages to implementation. */
export interface ConsultationRow {
  id: string;
  topicId: string;
  township: string;
  status: ConsultationStatus;
  /** The topic's year (the year it was established): what compliance counts by. */
  year: number;
  form: 'routine' | 'thematic';
  /** The decision a routine consultation is about, so `canIssue` finds it by an index. */
  decisionId: string | null;
  profileId: string;
  /** The whole domain record, its events included, so N consultations load in one query. */
  state: Consultation;
  /** How many events the state holds; the journal holds the same events as rows. */
  eventCount: number;
  version: number;
}

export const ConsultationSchema = new EntitySchema<ConsultationRow>({
  name: 'ConsultationRow',
  tableName: 'consultation',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    topicId: { type: 'string', length: 64, unique: 'consultation_topic_id_unique' },
    township: { type: 'string', length: 64 },
    status: { type: 'string', length: 32 },
    year: { type: 'integer' },
    form: { type: 'string', length: 16 },
    decisionId: { type: 'string', length: 64, nullable: true },
    profileId: { type: 'string', length: 64 },
    state: { type: 'json' },
    eventCount: { type: 'integer' },
    version: { type: 'integer', version: true },
  },
  indexes: [
    { name: 'consultation_township_idx', properties: ['township', 'year', 'status'] },
    { name: 'consultation_status_idx', properties: ['status', 'year'] },
    { name: 'consultation_decision_idx', properties: ['decisionId'] },
  ],
});

/**
 * The consultation's timeline as an append-only journal: one row per event, numbered from 0,
 * written in the same transaction as the state that produced it. The repository has no path
 * that updates or deletes a row.
 */
export interface ConsultationEventRow {
  consultationId: string;
  seq: number;
  township: string;
  type: ConsultationEventType;
  occurredOn: string;
  event: ConsultationEvent;
}

export const ConsultationEventSchema = new EntitySchema<ConsultationEventRow>({
  name: 'ConsultationEventRow',
  tableName: 'consultation_event',
  properties: {
    consultationId: { type: 'string', primary: true, length: 64 },
    seq: { type: 'integer', primary: true },
    township: { type: 'string', length: 64 },
    type: { type: 'string', length: 32 },
    occurredOn: { type: 'string', length: 10 },
    event: { type: 'json' },
  },
  indexes: [{ name: 'consultation_event_township_idx', properties: ['township', 'occurredOn'] }],
});

/** A township's CPPCC liaison group 政协联络组 with the evidence of its five haves. */
export interface LiaisonGroupRow {
  township: string;
  name: string;
  establishedOn: string;
  group: LiaisonGroup;
  version: number;
}

export const LiaisonGroupSchema = new EntitySchema<LiaisonGroupRow>({
  name: 'LiaisonGroupRow',
  tableName: 'consultation_liaison_group',
  properties: {
    township: { type: 'string', primary: true, length: 64 },
    name: { type: 'string', length: 200 },
    establishedOn: { type: 'string', length: 10 },
    group: { type: 'json' },
    version: { type: 'integer', version: true },
  },
});

/** A sector 界别 of the county CPPCC. */
export interface CppccSectorRow {
  code: string;
  nameZh: string;
  nameEn: string;
  position: number;
}

export const CppccSectorSchema = new EntitySchema<CppccSectorRow>({
  name: 'CppccSectorRow',
  tableName: 'cppcc_sector',
  properties: {
    code: { type: 'string', primary: true, length: 64 },
    nameZh: { type: 'string', length: 200 },
    nameEn: { type: 'string', length: 200 },
    position: { type: 'integer' },
  },
});

/** A CPPCC member 政协委员: sector and origin for the seat allocation, township for the liaison group. */
export interface CppccMemberRow {
  id: string;
  name: string;
  level: CppccLevel;
  sector: string | null;
  township: string | null;
  origin: MemberOrigin;
  expertise: string[] | null;
  position: number;
}

export const CppccMemberSchema = new EntitySchema<CppccMemberRow>({
  name: 'CppccMemberRow',
  tableName: 'cppcc_member',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    name: { type: 'string', length: 200 },
    level: { type: 'string', length: 16 },
    sector: { type: 'string', length: 64, nullable: true },
    township: { type: 'string', length: 64, nullable: true },
    origin: { type: 'string', length: 16 },
    expertise: { type: 'json', nullable: true },
    position: { type: 'integer' },
  },
  indexes: [{ name: 'cppcc_member_township_idx', properties: ['township', 'level'] }],
});

/** Village consultation minutes on file 协商纪要备案 (村事民定); append-only. */
export interface MinutesFilingRow {
  id: string;
  township: string;
  village: string;
  meetingOn: string;
  meetingYear: number;
  topic: string;
  filedOn: string;
  filedBy: Actor;
  late: boolean;
}

export const MinutesFilingSchema = new EntitySchema<MinutesFilingRow>({
  name: 'MinutesFilingRow',
  tableName: 'consultation_minutes',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    township: { type: 'string', length: 64 },
    village: { type: 'string', length: 64 },
    meetingOn: { type: 'string', length: 10 },
    meetingYear: { type: 'integer' },
    topic: { type: 'text' },
    filedOn: { type: 'string', length: 10 },
    filedBy: { type: 'json' },
    late: { type: 'boolean' },
  },
  indexes: [
    { name: 'consultation_minutes_meeting_idx', properties: ['township', 'meetingYear'] },
    { name: 'consultation_minutes_filed_idx', properties: ['township', 'filedOn'] },
  ],
});

/** A decision the township issued (a congress report, the key-work plan…), once cleared by `canIssue`. */
export interface RoutineDecisionRow {
  id: string;
  township: string;
  itemKind: string;
  title: string;
  issuedOn: string;
  issuedYear: number;
  /** The routine consultation that cleared it; null for kinds that need none. */
  consultationId: string | null;
}

export const RoutineDecisionSchema = new EntitySchema<RoutineDecisionRow>({
  name: 'RoutineDecisionRow',
  tableName: 'consultation_routine_decision',
  properties: {
    id: { type: 'string', primary: true, length: 64 },
    township: { type: 'string', length: 64 },
    itemKind: { type: 'string', length: 64 },
    title: { type: 'text' },
    issuedOn: { type: 'string', length: 10 },
    issuedYear: { type: 'integer' },
    consultationId: { type: 'string', length: 64, nullable: true },
  },
  indexes: [{ name: 'consultation_routine_decision_idx', properties: ['township', 'issuedYear'] }],
});

/** Every consultation table, for `entities` and scratch schemas. */
export const consultationEntities = [
  ConsultationTopicSchema,
  ConsultationSchema,
  ConsultationEventSchema,
  LiaisonGroupSchema,
  CppccSectorSchema,
  CppccMemberSchema,
  MinutesFilingSchema,
  RoutineDecisionSchema,
] as const;
