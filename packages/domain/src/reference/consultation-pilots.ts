import {
  type Actor,
  applyStageCommand,
  beginOrigination,
  type Candidate,
  type Consultation,
  type CppccRoster,
  canIssue,
  decideAdoption,
  EMPTY_MINUTES_REGISTER,
  fileMinutes,
  fixedCandidates,
  type IssuedDecision,
  type LiaisonGroup,
  type MinutesRegister,
  type Origination,
  type OriginationInput,
  PARTICIPANT_CATEGORY_LABELS,
  planImplementation,
  proposeGroup,
  recordOriginationStep,
  recordProgress,
  type StageCommand,
  startConsultation,
  type Topic,
  type TopicDraft,
  type Township,
  type Village,
} from '../consultation/index.js';
import {
  type ConsultationParticipantCategory,
  type ConsultationRules,
  referenceProfile,
} from '../profiles/index.js';
import { fromDayNumber, type LocalDate, parseLocalDate, toDayNumber } from '../shared/dates.js';
import { unwrap } from '../shared/result.js';
import {
  GATE_WALK,
  INVITED_PER_CATEGORY,
  LIAISON_GROUP_FACTS,
  LIAISON_GROUP_LED_STEPS,
  type MonthDay,
  OWN_TOPIC_DAYS,
  OWN_TOPICS,
  PILOT_BODIES,
  PILOT_CONSULTATIONS,
  PILOT_MINUTES,
  PILOT_SCRIPT_ENDS,
  type PilotAct,
  type PilotAttendance,
  type PilotBody,
  type PilotCommand,
  type PilotConsultation,
  type PilotInvited,
  type PilotRole,
} from './consultation-facts.js';
import { referenceCppccRoster } from './cppcc-roster.js';

/**
 * Options of the seed county's consultation pilots (speech 1, 二、扎实开展工作试点). Three townships
 * piloted consultation led by their liaison groups — 岗乡 (planning topics, and 村事民定 minutes
 * filed by its 22 villages: 54 by the end of the previous year), 甲镇 (the annual key-work plan
 * consulted before issue, the sewage network and the waste-to-energy plant) and 乙镇 (the 顺和家园
 * upgrade). Townships outside the pilot took up topics of their own (农田水利建设, 农村饮水安全,
 * 农村危房改造), still under way. Every liaison group shows its five haves; the CPPCC has 12
 * sectors and 258 members, 133 of them recommended by townships.
 *
 * The facts are data (`consultation-facts.ts`); the acts are the domain's own, so the data is what
 * the rules produce. The pilot year is the latest whose script is over by `now` (its last act
 * falls on 20 November): the same `now` always gives the same data, and nothing is dated after it.
 */
export interface ConsultationPilotOptions {
  /** Every township of the county: each gets a liaison group and its share of the CPPCC members. */
  readonly townships: readonly Township[];
  /** The three pilot townships, by their codes among `townships`. */
  readonly pilots: { readonly gang: string; readonly townA: string; readonly townB: string };
  /** 岗乡's villages and communities (the seed: 22); the 54 minutes are spread over them. */
  readonly villages: readonly Village[];
  readonly now: LocalDate;
  /** The profile the consultations are checked under; default `reference`. */
  readonly profileId?: string;
  /** Its consultation rules; default the reference profile's. */
  readonly rules?: ConsultationRules;
}

/** An issued decision with the routine consultation that cleared it. */
export interface SeededDecision extends IssuedDecision {
  readonly consultationId: string | null;
}

/** The pilots as domain data, before anything is stored. */
export interface ConsultationPilots {
  /** The pilot year: topics and consultations are of it, the 54 minutes of the year before. */
  readonly year: number;
  readonly roster: CppccRoster;
  readonly liaisonGroups: readonly LiaisonGroup[];
  /** Every topic's origination, in the order they were established. */
  readonly topics: readonly Origination[];
  readonly consultations: readonly Consultation[];
  readonly decisions: readonly SeededDecision[];
  readonly minutes: MinutesRegister;
}

/**
 * The pilots as domain data, deterministic for the same options. Throws a `JicengError` when the
 * rules refuse a scripted act (a county profile much stricter than the reference one), and a
 * `TypeError` when the pilots are not among the townships or 岗乡 has no villages.
 *
 * @example
 * const pilots = consultationPilots({ townships, pilots: { gang: 'G', townA: 'A', townB: 'B' }, villages, now });
 * pilots.minutes.entries.length; // 54
 */
export function consultationPilots(options: ConsultationPilotOptions): ConsultationPilots {
  const villages = checkedVillages(options);
  const thisYear = Number(options.now.slice(0, 4));
  const year = options.now >= `${thisYear}-${PILOT_SCRIPT_ENDS}` ? thisYear : thisYear - 1;
  const script = new Script(options, year);
  for (const facts of withYear(PILOT_CONSULTATIONS, year)) script.pilot(facts);
  script.ownTopics();
  return {
    year,
    roster: script.roster,
    liaisonGroups: options.townships.map((t) => liaisonGroupOf(t, year)),
    topics: script.topics,
    consultations: script.consultations,
    decisions: script.decisions,
    minutes: minutesOf(villages, options.pilots.gang, year - 1, script.rules),
  };
}

/** 岗乡's villages; refuses pilots that are not among the townships. */
function checkedVillages({ townships, pilots, villages }: ConsultationPilotOptions): readonly Village[] {
  const codes = new Set(townships.map((t) => t.code));
  for (const code of [pilots.gang, pilots.townA, pilots.townB]) {
    if (!codes.has(code)) {
      throw new TypeError(`pilot township ${JSON.stringify(code)} is not among the townships`);
    }
  }
  const gang = villages.filter((v) => v.township === pilots.gang);
  if (gang.length === 0) {
    throw new TypeError(`no villages are given for the pilot township ${JSON.stringify(pilots.gang)}`);
  }
  return gang;
}

/** The facts with `{year}` in every text replaced by the pilot year. */
function withYear<T>(value: T, year: number): T {
  if (typeof value === 'string') return value.replaceAll('{year}', String(year)) as T;
  if (Array.isArray(value)) return value.map((v) => withYear(v, year)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withYear(v, year)])) as T;
  }
  return value;
}

function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The bodies of a township, each acting through a named person. */
function bodiesOf(township: string): { readonly [B in PilotBody]: Actor } {
  const actor = (body: PilotBody, role: Actor['role']): Actor => ({
    id: `${township}-${PILOT_BODIES[body].suffix}`,
    name: PILOT_BODIES[body].name,
    role,
  });
  return {
    partyCommittee: actor('partyCommittee', 'party_committee'),
    government: actor('government', 'government'),
    liaisonGroup: actor('liaisonGroup', 'liaison_group'),
    villageCommittee: actor('villageCommittee', 'village_committee'),
  };
}

/** The pilot year's script as it is played: what has been established, consulted and issued so far. */
class Script {
  readonly rules: ConsultationRules;
  readonly roster: CppccRoster;
  readonly topics: Origination[] = [];
  readonly consultations: Consultation[] = [];
  readonly decisions: SeededDecision[] = [];
  private readonly codes: { readonly [R in PilotRole]: string };

  constructor(
    private readonly options: ConsultationPilotOptions,
    private readonly year: number,
  ) {
    this.rules = options.rules ?? referenceProfile.consultation;
    this.codes = options.pilots;
    this.roster = referenceCppccRoster({
      townships: options.townships,
      sectors: referenceProfile.cppcc.sectors,
      provincialIn: options.pilots.townA,
    });
  }

  day(monthDay: MonthDay): LocalDate {
    return unwrap(parseLocalDate(`${this.year}-${monthDay}`));
  }

  /** One pilot topic: brought up, consulted act by act, and the decision it clears issued. */
  pilot(facts: PilotConsultation): void {
    const township = this.codes[facts.township];
    const draft: TopicDraft = facts.topic;
    const origination =
      facts.origination.path === 'committee_led'
        ? this.committeeLed(facts.topicId, township, draft, this.day(facts.origination.on))
        : this.liaisonGroupLed(facts.topicId, township, draft, this.day(facts.origination.from));
    const flow = this.consult(facts.consultationId, origination, this.day(facts.startsOn), facts.invited);
    for (const act of facts.acts) this.play(flow, act);
    this.consultations.push(flow.consultation);
    if (facts.issues !== undefined) {
      const { id, itemKind, title, on } = facts.issues;
      this.issue({ id, township, itemKind, title }, this.day(on));
    }
  }

  /** The topics of the first townships outside the pilot, walked to the stage each has reached. */
  ownTopics(): void {
    const { gang, townA, townB } = this.codes;
    const others = this.options.townships.filter((t) => ![gang, townA, townB].includes(t.code));
    OWN_TOPICS.forEach(({ title, topicKind, reached, tags }, i) => {
      const t = others[i];
      if (t === undefined) return;
      const draft: TopicDraft = { title, form: { kind: 'thematic', topicKind }, tags: [...tags] };
      const o = this.liaisonGroupLed(
        `${t.code}-${this.year}-1`,
        t.code,
        draft,
        this.day(OWN_TOPIC_DAYS.origination),
      );
      const flow = this.consult(`C-${t.code}-1`, o, this.day(OWN_TOPIC_DAYS.startsOn), { expertise: tags });
      walk(flow, reached, this.day(OWN_TOPIC_DAYS.walkFrom));
      this.consultations.push(flow.consultation);
    });
  }

  /** Path a: the party committee proposes the topic jointly with the government and liaison group. */
  private committeeLed(topicId: string, township: string, topic: TopicDraft, on: LocalDate): Origination {
    const b = bodiesOf(township);
    const input: OriginationInput = { step: 'jointly_proposed', with: [b.government, b.liaisonGroup], topic };
    const context = { by: b.partyCommittee, on, rules: this.rules, established: this.established() };
    const o = unwrap(
      recordOriginationStep(beginOrigination({ topicId, township, path: 'committee_led' }), input, context),
    );
    this.topics.push(o);
    return o;
  }

  /** Path b: the liaison group solicits, drafts, confers and submits; the party committee decides. */
  private liaisonGroupLed(
    topicId: string,
    township: string,
    topic: TopicDraft,
    from: LocalDate,
  ): Origination {
    const b = bodiesOf(township);
    let o = beginOrigination({ topicId, township, path: 'liaison_group_led' });
    for (const { input: fact, by, after } of LIAISON_GROUP_LED_STEPS) {
      const input: OriginationInput =
        fact.step === 'topic_drafted'
          ? { ...fact, topic }
          : fact.step === 'conferred_with_government'
            ? { step: fact.step, with: [b.government], note: fact.note }
            : fact;
      const context = {
        by: b[by],
        on: addDays(from, after),
        rules: this.rules,
        established: this.established(),
      };
      o = unwrap(recordOriginationStep(o, input, context));
    }
    this.topics.push(o);
    return o;
  }

  private established(): Topic[] {
    return this.topics.flatMap((o) => (o.topic === null ? [] : [o.topic]));
  }

  /** Proposes the topic's group from the township's fixed members and the invited, and starts. */
  private consult(id: string, origination: Origination, on: LocalDate, invited: PilotInvited): Flow {
    const topic = origination.topic!;
    const b = bodiesOf(topic.township);
    const candidates = [
      ...fixedCandidates(this.roster, topic.township),
      ...invitedOf(topic.township, invited),
    ];
    const group = unwrap(proposeGroup(topic, candidates, this.rules)).group;
    const started = unwrap(
      startConsultation({ id, origination, group }, { by: b.liaisonGroup, on, rules: this.rules }),
    );
    return new Flow(started, this.rules, b);
  }

  private play(flow: Flow, act: PilotAct): void {
    if ('walkTo' in act) walk(flow, act.walkTo, this.day(act.from));
    else if ('command' in act)
      flow.act(
        flow.dated(act.command, (d) => this.day(d)),
        this.day(act.on),
        act.by,
      );
    else if ('adopt' in act) flow.adopt(act.adopt, act.decision, this.day(act.on), act.reason);
    else if ('plan' in act) flow.plan({ ...act.plan, dueOn: this.day(act.plan.dueOn) }, this.day(act.on));
    else flow.progress(act.progress, this.day(act.on), act.by);
  }

  /** Issues a routine decision once `canIssue` finds the consultation that clears it. */
  private issue(decision: SeededDecision['decision'], on: LocalDate): void {
    const cleared = unwrap(canIssue(decision, { rules: this.rules, consultations: this.consultations, on }));
    this.decisions.push({ decision, issuedOn: on, consultationId: cleared.consultationId });
  }
}

/** A consultation taken act by act, each act checked by the domain. */
class Flow {
  constructor(
    public consultation: Consultation,
    private readonly rules: ConsultationRules,
    private readonly bodies: { readonly [B in PilotBody]: Actor },
  ) {}

  /** A scripted command with its days and attendance made concrete for this consultation. */
  dated<D>(command: PilotCommand<D>, day: (d: D) => LocalDate): StageCommand {
    if (command.type === 'hold_meeting') {
      const { attendance, noticeOn, opinions } = command;
      return {
        type: 'hold_meeting',
        noticeOn: day(noticeOn),
        attendees: this.attendees(attendance),
        opinions,
      };
    }
    if (command.type === 'draft_plan') {
      const { plannedMeetingOn, ...plan } = command.plan;
      return {
        type: 'draft_plan',
        plan: plannedMeetingOn === undefined ? plan : { ...plan, plannedMeetingOn: day(plannedMeetingOn) },
      };
    }
    if (command.type === 'submit_report') {
      return { ...command, title: command.title.replaceAll('{topic}', this.consultation.topic.title) };
    }
    return command;
  }

  private attendees(attendance: PilotAttendance): string[] {
    const members = this.consultation.group.members;
    const count =
      attendance === 'all'
        ? members.length
        : 'first' in attendance
          ? attendance.first
          : Math.ceil(members.length * attendance.share);
    return members.slice(0, count).map((m) => m.id);
  }

  act(command: StageCommand, on: LocalDate, by: PilotBody = 'liaisonGroup'): void {
    const context = { by: this.bodies[by], on, rules: this.rules };
    this.consultation = unwrap(applyStageCommand(this.consultation, command, context));
  }

  /** The item's addressee decides: the party committee or the government. */
  adopt(
    itemId: string,
    decision: 'adopted' | 'partially_adopted' | 'not_adopted',
    on: LocalDate,
    reason?: string,
  ) {
    const item = this.consultation.proposal?.items.find((i) => i.id === itemId);
    const by = item?.addressedTo === 'party_committee' ? this.bodies.partyCommittee : this.bodies.government;
    const input = { itemId, decision, ...(reason === undefined ? {} : { reason }) };
    this.consultation = unwrap(decideAdoption(this.consultation, input, { by, on, rules: this.rules }));
  }

  plan(input: Parameters<typeof planImplementation>[1], on: LocalDate): void {
    const context = { by: this.bodies.government, on, rules: this.rules };
    this.consultation = unwrap(planImplementation(this.consultation, input, context));
  }

  progress(input: Parameters<typeof recordProgress>[1], on: LocalDate, by: PilotBody = 'government'): void {
    const context = { by: this.bodies[by], on, rules: this.rules };
    this.consultation = unwrap(recordProgress(this.consultation, input, context));
  }
}

const STAGE_ORDER = ['pre_consultation', 'plan', 'research', 'meeting', 'report', 'completed'];

/** The plain acts that pass each gate ({@link GATE_WALK}), one a day from `from`, until `target`. */
function walk(flow: Flow, target: string, from: LocalDate): void {
  const reached = () => STAGE_ORDER.indexOf(flow.consultation.status) >= STAGE_ORDER.indexOf(target);
  for (const [n, { command, by }] of GATE_WALK.entries()) {
    if (reached()) return;
    flow.act(
      flow.dated(command, (offset) => addDays(from, offset)),
      addDays(from, n),
      by,
    );
  }
}

/** A liaison group with its five haves on file since it was set up: a plan and a budget for each year. */
function liaisonGroupOf(township: Township, year: number): LiaisonGroup {
  const f = LIAISON_GROUP_FACTS;
  const on = (monthDay: string, y = year) => unwrap(parseLocalDate(`${y}-${monthDay}`));
  const yearly = (fact: typeof f.plan | typeof f.funding) => [
    { title: `${year - 1}${fact.title}`, on: on(fact.lastYear, year - 1) },
    { title: `${year}${fact.title}`, on: on(fact.thisYear) },
  ];
  return {
    township: township.code,
    name: `${township.name}政协联络组`,
    establishedOn: on(f.establishedOn, year - 1),
    leader: bodiesOf(township.code).liaisonGroup,
    evidence: {
      place: [{ title: f.room, reference: `${township.code}-room` }],
      secretary: [
        {
          title: f.secretary.title,
          reference: `${township.code}〔${year - 1}〕${f.secretary.number}号`,
          on: on(f.secretary.on, year - 1),
        },
      ],
      working_rules: [{ title: f.workingRules, on: on(f.establishedOn, year - 1) }],
      annual_plan: yearly(f.plan),
      funding: yearly(f.funding),
    },
  };
}

/** Three invited candidates per category, the first of every other category knowing the topic; then the named. */
function invitedOf(township: string, { expertise, named = [] }: PilotInvited): Candidate[] {
  const categories = Object.keys(PARTICIPANT_CATEGORY_LABELS) as ConsultationParticipantCategory[];
  const byCategory = categories.flatMap((category, c) =>
    Array.from(
      { length: INVITED_PER_CATEGORY },
      (_, j): Candidate => ({
        kind: 'invited',
        id: `${township}-I${c}${j}`,
        name: `${PARTICIPANT_CATEGORY_LABELS[category].zh}${j + 1}`,
        category,
        township,
        ...(j === 0 && c % 2 === 1 && expertise.length > 0 ? { expertise: [...expertise] } : {}),
      }),
    ),
  );
  const people = named.map(
    ({ idSuffix, ...person }): Candidate => ({ kind: 'invited', id: `${township}-${idSuffix}`, ...person }),
  );
  return [...byCategory, ...people];
}

/** 村事民定: 岗乡's villages file 54 minutes in the year before the pilot year, one of them late. */
function minutesOf(
  villages: readonly Village[],
  township: string,
  year: number,
  rules: ConsultationRules,
): MinutesRegister {
  const m = PILOT_MINUTES;
  const clerk = bodiesOf(township).villageCommittee;
  const first = unwrap(parseLocalDate(`${year}-${m.firstMeetingOn}`));
  let register = EMPTY_MINUTES_REGISTER;
  for (let i = 0; i < m.count; i++) {
    const meetingOn = addDays(first, i * m.everyDays);
    const filedOn = addDays(meetingOn, i === m.count - 1 ? m.lastFiledAfter : m.filedAfter);
    const entry = {
      id: `${m.idPrefix}-${year}-${String(i + 1).padStart(3, '0')}`,
      village: villages[i % villages.length]!.code,
      meetingOn,
      topic: m.topic,
    };
    register = unwrap(fileMinutes(register, entry, { villages, by: clerk, on: filedOn, rules }));
  }
  return register;
}
