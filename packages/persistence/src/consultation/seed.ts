import {
  type Actor,
  applyStageCommand,
  beginOrigination,
  type Candidate,
  type Consultation,
  type ConsultationParticipantCategory,
  type ConsultationRules,
  type ConsultationStage,
  type CppccMember,
  type CppccRoster,
  canIssue,
  decideAdoption,
  EMPTY_MINUTES_REGISTER,
  fileMinutes,
  fixedCandidates,
  type ImplementationInput,
  type IssuedDecision,
  type LiaisonGroup,
  type LocalDate,
  type MinutesRegister,
  type Origination,
  type OriginationInput,
  PARTICIPANT_CATEGORY_LABELS,
  type ProgressInput,
  parseLocalDate,
  planImplementation,
  proposeGroup,
  type RoutineDecision,
  recordOriginationStep,
  recordProgress,
  referenceProfile,
  type Sector,
  type StageCommand,
  startConsultation,
  type Topic,
  type TopicDraft,
  type Township,
  unwrap,
  type Village,
} from '@jiceng/domain';
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

/**
 * Options of the seed county's consultation pilots (speech 1, 二、扎实开展工作试点). Three townships
 * piloted consultation led by their liaison groups — 岗乡 (planning topics, and 村事民定 minutes
 * filed by its 22 villages: 54 by the end of the previous year), 甲镇 (the annual key-work plan
 * consulted before issue, the sewage network and the waste-to-energy plant) and 乙镇 (the 顺和家园
 * upgrade). Townships outside the pilot took up topics of their own (农田水利建设, 农村饮水安全,
 * 农村危房改造), still under way. Every liaison group shows its five haves; the CPPCC has 12
 * sectors and 258 members, 133 of them recommended by townships.
 *
 * The acts are the domain's own, scripted as in its scenario tests, so the data is what the rules
 * produce. The pilot year is the latest whose script is over by `now` (its last act falls on
 * 20 November): the same `now` always gives the same data, and nothing is dated after it.
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

/** The last day of the pilot script (乙镇's appraisal is done on 20 November). */
const SCRIPT_ENDS = '11-20';

/** How many rows one INSERT carries: well under PostgreSQL's 65,535 parameters. */
const BATCH = 200;

const SECTORS: readonly Sector[] = (
  [
    ['cpc', '中共', 'CPC'],
    ['democratic_parties', '民主党派', 'democratic parties'],
    ['non_party', '无党派人士', 'non-party personages'],
    ['youth', '共青团和青联', 'youth league and youth federation'],
    ['women', '妇联', "women's federation"],
    ['workers', '工会', 'trade unions'],
    ['economy', '经济界', 'economy'],
    ['agriculture', '农业界', 'agriculture'],
    ['science_technology', '科学技术界', 'science and technology'],
    ['education', '教育界', 'education'],
    ['culture_health', '文化卫生界', 'culture and health'],
    ['social_welfare', '社会福利和社会保障界', 'social welfare and social security'],
  ] as const
).map(([code, zh, en]) => ({ code, name: { zh, en } }));

/** What members know well, handed out in turn so that groups can be matched to topics. */
const EXPERTISE: readonly (readonly string[])[] = [
  ['sewage', 'infrastructure'],
  ['waste', 'environment'],
  ['housing', 'property_management'],
  ['planning', 'tourism'],
  ['water', 'agriculture'],
  ['housing', 'safety'],
];

const CATEGORIES = Object.keys(PARTICIPANT_CATEGORY_LABELS) as ConsultationParticipantCategory[];

interface Bodies {
  readonly partyCommittee: Actor;
  readonly government: Actor;
  readonly liaisonGroup: Actor;
  readonly villageCommittee: Actor;
}

/** The bodies of a township, each acting through a named person. */
function bodiesOf(township: string): Bodies {
  return {
    partyCommittee: { id: `${township}-pc`, name: '王书记', role: 'party_committee' },
    government: { id: `${township}-gov`, name: '李镇长', role: 'government' },
    liaisonGroup: { id: `${township}-lg`, name: '张组长', role: 'liaison_group' },
    villageCommittee: { id: `${township}-vc`, name: '赵文书', role: 'village_committee' },
  };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return unwrap(
    parseLocalDate(new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10)),
  );
}

/** A consultation taken act by act, each act checked by the domain. */
class Flow {
  constructor(
    public consultation: Consultation,
    private readonly rules: ConsultationRules,
    private readonly bodies: Bodies,
  ) {}

  act(command: StageCommand, on: LocalDate, by: Actor = this.bodies.liaisonGroup): this {
    this.consultation = unwrap(applyStageCommand(this.consultation, command, { by, on, rules: this.rules }));
    return this;
  }

  adopt(
    itemId: string,
    decision: 'adopted' | 'partially_adopted' | 'not_adopted',
    on: LocalDate,
    reason?: string,
  ) {
    const item = this.consultation.proposal?.items.find((i) => i.id === itemId);
    const by = item?.addressedTo === 'party_committee' ? this.bodies.partyCommittee : this.bodies.government;
    this.consultation = unwrap(
      decideAdoption(
        this.consultation,
        { itemId, decision, ...(reason === undefined ? {} : { reason }) },
        { by, on, rules: this.rules },
      ),
    );
    return this;
  }

  plan(input: ImplementationInput, on: LocalDate): this {
    const context = { by: this.bodies.government, on, rules: this.rules };
    this.consultation = unwrap(planImplementation(this.consultation, input, context));
    return this;
  }

  progress(input: ProgressInput, on: LocalDate, by: Actor = this.bodies.government): this {
    this.consultation = unwrap(recordProgress(this.consultation, input, { by, on, rules: this.rules }));
    return this;
  }

  /** The acts that pass each gate, one day apart from `from`, until `target` is reached. */
  scriptTo(target: ConsultationStage | 'completed', from: LocalDate): this {
    const order = ['pre_consultation', 'plan', 'research', 'meeting', 'report', 'completed'];
    const reached = () => order.indexOf(this.consultation.status) >= order.indexOf(target);
    let n = 0;
    const next = (command: StageCommand, by?: Actor) => this.act(command, addDays(from, n++), by);
    if (reached()) return this;
    next({ type: 'communicate', counterpart: 'party_committee', summary: '向党委汇报协商意向' });
    next({ type: 'communicate', counterpart: 'government', summary: '与政府沟通议题背景' });
    next({ type: 'communicate', counterpart: 'group_members', summary: '向协商小组成员通报议题' });
    next({ type: 'advance', to: 'plan' });
    if (reached()) return this;
    next({
      type: 'draft_plan',
      plan: {
        summary: '协商方案',
        objectives: ['摸清群众意见', '形成可操作的建议'],
        researchMethods: ['site_visit', 'forum'],
      },
    });
    next({ type: 'approve_plan' }, this.bodies.partyCommittee);
    next({ type: 'advance', to: 'research' });
    if (reached()) return this;
    next({
      type: 'record_research',
      method: 'site_visit',
      summary: '实地走访、倾听民意',
      residentsHeard: 60,
    });
    next({ type: 'advance', to: 'meeting' });
    if (reached()) return this;
    const members = this.consultation.group.members;
    const attendees = members.slice(0, Math.ceil(members.length * 0.8)).map((m) => m.id);
    next({ type: 'hold_meeting', noticeOn: addDays(from, n - 5), attendees, opinions: ['建议一', '建议二'] });
    next({ type: 'advance', to: 'report' });
    if (reached()) return this;
    next({
      type: 'submit_report',
      title: `关于${this.consultation.topic.title}的协商建议书`,
      items: [
        { id: 'P1', text: '细化实施方案，分步推进', addressedTo: 'government' },
        { id: 'P2', text: '加强宣传，广泛听取群众意见', addressedTo: 'party_committee' },
      ],
    });
    return this;
  }
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
  const { townships, pilots, now } = options;
  const rules = options.rules ?? referenceProfile.consultation;
  const codes = new Set(townships.map((t) => t.code));
  for (const code of [pilots.gang, pilots.townA, pilots.townB]) {
    if (!codes.has(code)) {
      throw new TypeError(`pilot township ${JSON.stringify(code)} is not among the townships`);
    }
  }
  const villages = options.villages.filter((v) => v.township === pilots.gang);
  if (villages.length === 0) {
    throw new TypeError(`no villages are given for the pilot township ${JSON.stringify(pilots.gang)}`);
  }
  const thisYear = Number(now.slice(0, 4));
  const year = now >= `${thisYear}-${SCRIPT_ENDS}` ? thisYear : thisYear - 1;
  const day = (monthDay: string): LocalDate => unwrap(parseLocalDate(`${year}-${monthDay}`));

  const roster = rosterOf(townships, pilots.townA);
  const topics: Origination[] = [];
  const consultations: Consultation[] = [];
  const decisions: SeededDecision[] = [];
  const established = (): Topic[] => topics.flatMap((o) => (o.topic === null ? [] : [o.topic]));

  const committeeLed = (topicId: string, township: string, draft: TopicDraft, on: LocalDate) => {
    const b = bodiesOf(township);
    const o = unwrap(
      recordOriginationStep(
        beginOrigination({ topicId, township, path: 'committee_led' }),
        { step: 'jointly_proposed', with: [b.government, b.liaisonGroup], topic: draft },
        { by: b.partyCommittee, on, rules, established: established() },
      ),
    );
    topics.push(o);
    return o;
  };
  const liaisonGroupLed = (topicId: string, township: string, draft: TopicDraft, from: LocalDate) => {
    const b = bodiesOf(township);
    const steps: [OriginationInput, Actor, number][] = [
      [{ step: 'opinions_solicited', opinionsReceived: 48 }, b.liaisonGroup, 0],
      [
        { step: 'topic_drafted', topic: draft, planOutline: '组织协商小组深入调研、征求意见，形成建议书' },
        b.liaisonGroup,
        7,
      ],
      [
        { step: 'conferred_with_government', with: [b.government], note: '政府同意列入议题' },
        b.liaisonGroup,
        10,
      ],
      [{ step: 'submitted_to_committee' }, b.liaisonGroup, 11],
      [{ step: 'committee_decided', decision: 'approved' }, b.partyCommittee, 14],
    ];
    let o = beginOrigination({ topicId, township, path: 'liaison_group_led' });
    for (const [input, by, after] of steps) {
      const on = addDays(from, after);
      o = unwrap(recordOriginationStep(o, input, { by, on, rules, established: established() }));
    }
    topics.push(o);
    return o;
  };
  const consult = (
    id: string,
    origination: Origination,
    on: LocalDate,
    invited: readonly Candidate[],
  ): Flow => {
    const topic = origination.topic!;
    const b = bodiesOf(topic.township);
    const candidates = [...fixedCandidates(roster, topic.township), ...invited];
    const group = unwrap(proposeGroup(topic, candidates, rules)).group;
    const started = unwrap(startConsultation({ id, origination, group }, { by: b.liaisonGroup, on, rules }));
    return new Flow(started, rules, b);
  };
  const issue = (decision: RoutineDecision, on: LocalDate) => {
    const cleared = unwrap(canIssue(decision, { rules, consultations, on }));
    decisions.push({ decision, issuedOn: on, consultationId: cleared.consultationId });
  };

  // 岗乡: the people's congress report consulted before issue; the planning topics.
  {
    const g = pilots.gang;
    const routine = committeeLed(
      `G-${year}-R1`,
      g,
      {
        title: '乡人代会工作报告',
        form: { kind: 'routine', itemKind: 'peoples_congress_report', decisionId: `G-dec-${year}-1` },
      },
      day('01-03'),
    );
    consultations.push(
      consult('C-G-R1', routine, day('01-04'), invitedOf(g, [])).scriptTo('completed', day('01-05'))
        .consultation,
    );
    issue(
      { id: `G-dec-${year}-1`, township: g, itemKind: 'peoples_congress_report', title: '乡人代会工作报告' },
      day('01-25'),
    );
    const planning = committeeLed(
      `G-${year}-1`,
      g,
      {
        title: '十三五规划编制',
        form: { kind: 'thematic', topicKind: 'key_work' },
        tags: ['planning'],
      },
      day('02-01'),
    );
    consultations.push(
      consult('C-G-1', planning, day('02-02'), invitedOf(g, ['planning']))
        .scriptTo('completed', day('02-03'))
        .adopt('P1', 'adopted', day('02-20'))
        .adopt('P2', 'partially_adopted', day('02-20'), '宣传工作纳入全乡统一安排')
        .plan(
          {
            itemId: 'P1',
            owner: '乡党政办',
            dueOn: day('06-30'),
            tasks: [
              { id: 'draft', title: '规划初稿', weight: 1 },
              { id: 'review', title: '专家评审', weight: 2 },
            ],
          },
          day('02-25'),
        )
        .progress(
          {
            itemId: 'P1',
            taskId: 'draft',
            progress: 100,
            evidence: [{ title: '规划初稿', reference: 'GX-GH-01' }],
          },
          day('04-30'),
        )
        .progress({ itemId: 'P1', taskId: 'review', progress: 60 }, day('06-15')).consultation,
    );
    const tourism = liaisonGroupLed(
      `G-${year}-2`,
      g,
      {
        title: '乡村旅游规划制定',
        form: { kind: 'thematic', topicKind: 'key_work' },
        tags: ['tourism', 'planning'],
      },
      day('03-01'),
    );
    consultations.push(
      consult('C-G-2', tourism, day('03-20'), invitedOf(g, ['tourism']))
        .scriptTo('completed', day('03-21'))
        .adopt('P1', 'adopted', day('04-10'))
        .adopt('P2', 'not_adopted', day('04-10'), '已纳入全乡宣传工作统一安排').consultation,
    );
  }

  // 甲镇: the key-work plan consulted before issue; the sewage network (path a) and the
  // waste-to-energy plant (path b), the plant's contractor kept out of its group.
  {
    const a = pilots.townA;
    const b = bodiesOf(a);
    const routine = committeeLed(
      `A-${year}-R1`,
      a,
      {
        title: `${year}年重点工作安排（征求意见稿）`,
        form: { kind: 'routine', itemKind: 'annual_key_work_plan', decisionId: `A-plan-${year}` },
      },
      day('01-05'),
    );
    const r = consult('C-A-R1', routine, day('01-06'), invitedOf(a, []));
    for (const counterpart of ['party_committee', 'government', 'group_members'] as const) {
      r.act({ type: 'communicate', counterpart, summary: '商前沟通' }, day('01-07'));
    }
    r.act({ type: 'advance', to: 'plan' }, day('01-08'))
      .act(
        {
          type: 'draft_plan',
          plan: { summary: '审议', objectives: ['提出修改意见'], researchMethods: ['forum'] },
        },
        day('01-08'),
      )
      .act({ type: 'approve_plan' }, day('01-09'), b.partyCommittee)
      .act({ type: 'advance', to: 'research' }, day('01-09'))
      .act(
        { type: 'record_research', method: 'forum', summary: '群众代表座谈', residentsHeard: 15 },
        day('01-10'),
      )
      .act({ type: 'advance', to: 'meeting' }, day('01-11'))
      .act(
        {
          type: 'hold_meeting',
          noticeOn: day('01-10'),
          attendees: r.consultation.group.members.map((m) => m.id),
          opinions: ['增加民生项目'],
        },
        day('01-15'),
      )
      .act({ type: 'advance', to: 'report' }, day('01-16'))
      .act(
        {
          type: 'submit_report',
          title: `关于${year}年重点工作安排的协商意见`,
          items: [{ id: 'P1', text: '增加民生项目', addressedTo: 'government' }],
        },
        day('01-19'),
      )
      .adopt('P1', 'adopted', day('01-20'));
    consultations.push(r.consultation);
    issue(
      {
        id: `A-plan-${year}`,
        township: a,
        itemKind: 'annual_key_work_plan',
        title: `甲镇${year}年重点工作安排`,
      },
      day('01-20'),
    );

    const sewage = committeeLed(
      `A-${year}-1`,
      a,
      {
        title: '完善镇区范围污水管网建设，提升集镇品位',
        form: { kind: 'thematic', topicKind: 'key_work' },
        tags: ['sewage', 'infrastructure'],
        subjects: ['sewage_network'],
      },
      day('02-20'),
    );
    const s = consult('C-A-sewage', sewage, day('02-21'), townACandidates(a));
    for (const [counterpart, on] of [
      ['party_committee', '02-22'],
      ['government', '02-23'],
      ['group_members', '02-24'],
    ] as const) {
      s.act({ type: 'communicate', counterpart, summary: '商前沟通' }, day(on));
    }
    s.act({ type: 'advance', to: 'plan' }, day('02-25'))
      .act(
        {
          type: 'draft_plan',
          plan: { summary: '镇区污水管网', objectives: ['摸清管网短板'], researchMethods: ['site_visit'] },
        },
        day('02-26'),
      )
      .act({ type: 'approve_plan' }, day('02-28'), b.partyCommittee)
      .act({ type: 'advance', to: 'research' }, day('03-01'))
      .act(
        { type: 'record_research', method: 'site_visit', summary: '沿街商户和居民走访', residentsHeard: 40 },
        day('03-05'),
      )
      .act({ type: 'advance', to: 'meeting' }, day('03-06'))
      .act(
        {
          type: 'hold_meeting',
          noticeOn: day('03-06'),
          attendees: s.consultation.group.members.slice(0, 10).map((m) => m.id),
          opinions: ['采用先进技术'],
        },
        day('03-10'),
      )
      .act({ type: 'advance', to: 'report' }, day('03-10'))
      .act(
        {
          type: 'submit_report',
          title: '关于完善镇区污水管网建设的协商建议书',
          items: [{ id: 'P1', text: '采用先进技术分期实施雨污分流改造', addressedTo: 'government' }],
        },
        day('03-15'),
      )
      .adopt('P1', 'adopted', day('03-20'))
      .plan(
        {
          itemId: 'P1',
          owner: '镇建设办',
          dueOn: day('10-31'),
          tasks: [{ id: 'phase1', title: '一期管网' }],
        },
        day('03-25'),
      )
      .progress(
        { itemId: 'P1', taskId: 'phase1', progress: 100, evidence: [{ title: '一期管网竣工验收记录' }] },
        day('09-30'),
        b.liaisonGroup,
      );
    consultations.push(s.consultation);

    const waste = liaisonGroupLed(
      `A-${year}-2`,
      a,
      {
        title: '加快垃圾发电项目建设步伐，建设美好乡村',
        form: { kind: 'thematic', topicKind: 'public_concern' },
        tags: ['waste', 'environment'],
        subjects: ['waste_to_energy_plant'],
      },
      day('03-01'),
    );
    const w = consult('C-A-waste', waste, day('03-16'), townACandidates(a));
    w.act({ type: 'communicate', counterpart: 'party_committee', summary: '汇报协商意向' }, day('03-17'))
      .act(
        { type: 'communicate', counterpart: 'government', summary: '了解项目进展和群众顾虑' },
        day('03-18'),
      )
      .act({ type: 'communicate', counterpart: 'group_members', summary: '通报议题和分工' }, day('03-19'))
      .act({ type: 'advance', to: 'plan' }, day('03-20'))
      .act(
        {
          type: 'draft_plan',
          plan: {
            summary: '围绕垃圾发电项目群众顾虑开展协商',
            objectives: ['倾听周边群众意见', '了解先进技术', '提出推进项目的建议'],
            researchMethods: ['site_visit', 'study_tour', 'forum'],
            plannedMeetingOn: day('05-10'),
          },
        },
        day('03-22'),
      )
      .act({ type: 'approve_plan', note: '同意' }, day('03-25'), b.partyCommittee)
      .act({ type: 'advance', to: 'research' }, day('03-26'))
      .act(
        {
          type: 'record_research',
          method: 'site_visit',
          summary: '实地走访项目周边村组',
          residentsHeard: 85,
        },
        day('04-02'),
      )
      .act(
        {
          type: 'record_research',
          method: 'study_tour',
          summary: '组织群众代表赴外地垃圾发电厂现场参观',
          residentsHeard: 30,
        },
        day('04-20'),
      )
      .act({ type: 'advance', to: 'meeting' }, day('04-25'))
      .act(
        {
          type: 'hold_meeting',
          noticeOn: day('05-03'),
          attendees: w.consultation.group.members.slice(0, 17).map((m) => m.id),
          opinions: ['采用先进技术', '加强宣传引导', '组织群众代表参观'],
        },
        day('05-10'),
      )
      .act({ type: 'advance', to: 'report' }, day('05-11'))
      .act(
        {
          type: 'submit_report',
          title: '关于加快垃圾发电项目建设的协商建议书',
          items: [
            { id: 'P1', text: '采用先进的焚烧和烟气净化技术', addressedTo: 'government' },
            {
              id: 'P2',
              text: '加强宣传引导，及时公开项目信息，消除群众顾虑',
              addressedTo: 'party_committee',
            },
            { id: 'P3', text: '在项目周边增设休闲广场', addressedTo: 'government' },
          ],
        },
        day('05-20'),
      )
      .adopt('P1', 'adopted', day('06-01'))
      .adopt('P2', 'adopted', day('06-01'))
      .adopt('P3', 'not_adopted', day('06-02'), '项目用地红线内不具备条件')
      .plan(
        {
          itemId: 'P1',
          owner: '镇经发办',
          dueOn: day('12-31'),
          tasks: [
            { id: 'tech-select', title: '技术比选', weight: 1 },
            {
              id: 'build',
              title: '设备采购与安装',
              weight: 3,
              subTasks: [
                { id: 'procure', title: '设备采购', weight: 1 },
                { id: 'install', title: '设备安装', weight: 2 },
              ],
            },
          ],
        },
        day('06-05'),
      )
      .progress(
        {
          itemId: 'P1',
          taskId: 'tech-select',
          progress: 100,
          evidence: [{ title: '技术比选报告', reference: 'JX-2026-07' }],
        },
        day('07-01'),
      )
      .progress({ itemId: 'P1', taskId: 'procure', progress: 50 }, day('08-01'));
    consultations.push(w.consultation);
  }

  // 乙镇: the 顺和家园 upgrade (path b), its plan returned once, its proposals written into the
  // upgrade plan.
  {
    const t = pilots.townB;
    const b = bodiesOf(t);
    const shunhe = liaisonGroupLed(
      `B-${year}-1`,
      t,
      {
        title: '顺和家园提升改造，打造精品小区',
        form: { kind: 'thematic', topicKind: 'public_concern' },
        tags: ['housing', 'property_management'],
        subjects: ['shunhe_garden'],
      },
      day('03-02'),
    );
    const f = consult('C-B-shunhe', shunhe, day('03-17'), invitedOf(t, ['housing', 'property_management']));
    for (const [counterpart, on] of [
      ['party_committee', '03-18'],
      ['government', '03-18'],
      ['group_members', '03-19'],
      ['residents', '03-19'],
    ] as const) {
      f.act({ type: 'communicate', counterpart, summary: '商前沟通' }, day(on));
    }
    f.act({ type: 'advance', to: 'plan' }, day('03-20'))
      .act(
        {
          type: 'draft_plan',
          plan: {
            summary: '深入调研、征求意见',
            objectives: ['提出提升改造建议'],
            researchMethods: ['survey', 'forum'],
          },
        },
        day('03-21'),
      )
      .act({ type: 'return_plan', reason: '请补充物业管理方面的调研内容' }, day('03-23'), b.partyCommittee)
      .act(
        {
          type: 'draft_plan',
          plan: {
            summary: '深入调研、征求意见，兼顾物业管理',
            objectives: ['提出提升改造建议', '改进物业管理'],
            researchMethods: ['survey', 'forum', 'site_visit'],
          },
        },
        day('03-25'),
      )
      .act({ type: 'approve_plan' }, day('03-27'), b.partyCommittee)
      .act({ type: 'advance', to: 'research' }, day('03-28'))
      .act(
        { type: 'record_research', method: 'survey', summary: '入户问卷', residentsHeard: 210 },
        day('04-10'),
      )
      .act({ type: 'advance', to: 'meeting' }, day('04-15'))
      .act(
        {
          type: 'hold_meeting',
          noticeOn: day('04-20'),
          attendees: f.consultation.group.members.map((m) => m.id),
          opinions: ['发挥村规民约作用', '开展“我心中的最美家园”创建活动', '明确物业管理职责'],
        },
        day('04-25'),
      )
      .act({ type: 'advance', to: 'report' }, day('04-26'))
      .act(
        {
          type: 'submit_report',
          title: '关于顺和家园提升改造的协商建议书',
          items: [
            { id: 'P1', text: '发挥村规民约作用', addressedTo: 'party_committee' },
            { id: 'P2', text: '开展“我心中的最美家园”创建活动', addressedTo: 'government' },
            { id: 'P3', text: '明确管理职责、精化物业考评细则、加大奖惩力度', addressedTo: 'government' },
          ],
        },
        day('05-06'),
      )
      .adopt('P1', 'adopted', day('05-15'))
      .adopt('P2', 'adopted', day('05-15'))
      .adopt('P3', 'partially_adopted', day('05-16'), '奖惩办法另行制定')
      .plan(
        {
          itemId: 'P2',
          owner: '镇社会事务办',
          dueOn: day('11-30'),
          tasks: [
            { id: 'launch', title: '创建活动启动', weight: 1 },
            { id: 'appraise', title: '评选表彰', weight: 1 },
          ],
        },
        day('05-20'),
      )
      .progress(
        { itemId: 'P2', taskId: 'launch', progress: 100, evidence: [{ title: '启动仪式照片' }] },
        day('06-01'),
      )
      .progress(
        { itemId: 'P2', taskId: 'appraise', progress: 100, evidence: [{ title: '表彰文件' }] },
        day('11-20'),
      );
    consultations.push(f.consultation);
  }

  // Townships outside the pilot: topics of their own, at different stages.
  const others = townships.filter((t) => ![pilots.gang, pilots.townA, pilots.townB].includes(t.code));
  const own: [string, string, ConsultationStage, readonly string[]][] = [
    ['农田水利建设', 'key_work', 'research', ['water', 'agriculture']],
    ['农村饮水安全', 'public_concern', 'plan', ['water']],
    ['农村危房改造', 'public_concern', 'pre_consultation', ['housing', 'safety']],
  ];
  own.forEach(([title, topicKind, stage, tags], i) => {
    const t = others[i];
    if (t === undefined) return;
    const o = liaisonGroupLed(
      `${t.code}-${year}-1`,
      t.code,
      { title, form: { kind: 'thematic', topicKind }, tags: [...tags] },
      day('09-01'),
    );
    consultations.push(
      consult(`C-${t.code}-1`, o, day('09-20'), invitedOf(t.code, tags)).scriptTo(stage, day('09-21'))
        .consultation,
    );
  });

  return {
    year,
    roster,
    liaisonGroups: townships.map((t) => liaisonGroupOf(t, year)),
    topics,
    consultations,
    decisions,
    minutes: minutesOf(villages, pilots.gang, year - 1, rules),
  };
}

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

/**
 * The seed's roster: 258 county members in 12 sectors, 133 recommended by townships, the first
 * 240 spread over the townships in turn (so each of 12 has 20), plus a provincial member living
 * in 甲镇, a fixed member there without a county seat.
 */
function rosterOf(townships: readonly Township[], townA: string): CppccRoster {
  const members: CppccMember[] = [];
  for (let i = 0; i < 258; i++) {
    const township = i < 240 ? townships[i % townships.length]!.code : null;
    const expertise = i % 3 === 0 ? EXPERTISE[(i / 3) % EXPERTISE.length] : undefined;
    members.push({
      id: `M${String(i + 1).padStart(3, '0')}`,
      name: `委员${i + 1}`,
      level: 'county',
      sector: SECTORS[(i * 7) % SECTORS.length]!.code,
      township,
      origin: i < 133 ? 'township' : 'other',
      ...(expertise === undefined ? {} : { expertise: [...expertise] }),
    });
  }
  members.push({
    id: 'P001',
    name: '省委员甲',
    level: 'provincial',
    township: townA,
    origin: 'other',
    expertise: ['environment'],
  });
  return { sectors: SECTORS, members };
}

/** A liaison group with its five haves on file since it was set up: a plan and a budget for each year. */
function liaisonGroupOf(township: Township, year: number): LiaisonGroup {
  const on = (monthDay: string, y = year) => unwrap(parseLocalDate(`${y}-${monthDay}`));
  return {
    township: township.code,
    name: `${township.name}政协联络组`,
    establishedOn: on('03-01', year - 1),
    leader: bodiesOf(township.code).liaisonGroup,
    evidence: {
      place: [{ title: '委员活动室', reference: `${township.code}-room` }],
      secretary: [
        {
          title: '专职秘书任命文件',
          reference: `${township.code}〔${year - 1}〕8号`,
          on: on('03-05', year - 1),
        },
      ],
      working_rules: [{ title: '乡镇（园区）工作联络组工作规则（试行）', on: on('03-01', year - 1) }],
      annual_plan: [
        { title: `${year - 1}年度工作计划`, on: on('03-10', year - 1) },
        { title: `${year}年度工作计划`, on: on('01-15') },
      ],
      funding: [
        { title: `${year - 1}年联络组工作经费预算`, on: on('03-10', year - 1) },
        { title: `${year}年联络组工作经费预算`, on: on('01-20') },
      ],
    },
  };
}

/** Three invited candidates per category; the first of every other category knows the topic. */
function invitedOf(township: string, expertise: readonly string[]): Candidate[] {
  return CATEGORIES.flatMap((category, c) =>
    [0, 1, 2].map(
      (j): Candidate => ({
        kind: 'invited',
        id: `${township}-I${c}${j}`,
        name: `${PARTICIPANT_CATEGORY_LABELS[category].zh}${j + 1}`,
        category,
        township,
        ...(j === 0 && c % 2 === 1 && expertise.length > 0 ? { expertise: [...expertise] } : {}),
      }),
    ),
  );
}

/** 甲镇's invited candidates: a waste-plant contractor among them, and residents living next to the site. */
function townACandidates(township: string): Candidate[] {
  return [
    ...invitedOf(township, ['sewage', 'waste', 'environment']),
    {
      kind: 'invited',
      id: `${township}-contractor`,
      name: '钱经理',
      category: 'enterprise_institution_head',
      expertise: ['waste', 'environment', 'energy'],
      interests: [{ kind: 'contractor', subject: 'waste_to_energy_plant' }],
    },
    {
      kind: 'invited',
      id: `${township}-neighbour`,
      name: '孙大爷',
      category: 'respected_resident',
      expertise: ['waste'],
      interests: [{ kind: 'affected_resident', subject: 'waste_to_energy_plant' }],
    },
  ];
}

/** 村事民定: 岗乡's villages file 54 minutes in the year before the pilot year, one of them late. */
function minutesOf(
  villages: readonly Village[],
  township: string,
  year: number,
  rules: ConsultationRules,
): MinutesRegister {
  const clerk = bodiesOf(township).villageCommittee;
  let register = EMPTY_MINUTES_REGISTER;
  for (let i = 0; i < 54; i++) {
    const village = villages[i % villages.length]!;
    const meetingOn = addDays(unwrap(parseLocalDate(`${year}-01-10`)), i * 5);
    register = unwrap(
      fileMinutes(
        register,
        {
          id: `GX-${year}-${String(i + 1).padStart(3, '0')}`,
          village: village.code,
          meetingOn,
          topic: '村事民定协商议事',
        },
        { villages, by: clerk, on: addDays(meetingOn, i === 53 ? 40 : 3), rules },
      ),
    );
  }
  return register;
}
