// Long file: data, every act of the pilots with its day; consultation-pilots.ts plays it.
// The facts of the reference county's consultation pilots (speech 1, 二、扎实开展工作试点) as plain data:
// who acts, what each topic is, and every scripted act with its day. `consultation-pilots.ts` plays
// them through the domain's rules. Dates are `MM-DD` of the pilot year; `{year}` in a text is the
// pilot year, `{topic}` the topic's title.

import type {
  ConsultationPlan,
  ConsultationStage,
  ImplementationInput,
  InvitedCandidate,
  OriginationInput,
  ProgressInput,
  StageCommand,
  TopicForm,
} from '../consultation/index.js';

/** A day of the pilot year, `MM-DD`. */
export type MonthDay = string;

/** The bodies of a township that act in the script. */
export type PilotBody = 'partyCommittee' | 'government' | 'liaisonGroup' | 'villageCommittee';

/** The pilot townships by their part in speech 1. */
export type PilotRole = 'gang' | 'townA' | 'townB';

/** The people who act for each body of every township (the township's code makes their ids). */
export const PILOT_BODIES: { readonly [B in PilotBody]: { readonly suffix: string; readonly name: string } } =
  {
    partyCommittee: { suffix: 'pc', name: '王书记' },
    government: { suffix: 'gov', name: '李镇长' },
    liaisonGroup: { suffix: 'lg', name: '张组长' },
    villageCommittee: { suffix: 'vc', name: '赵文书' },
  };

/**
 * The roster (`referenceCppccRoster`): 258 county members in the profile's 12 sectors, 133
 * recommended by townships, the first 240 living in one.
 */
export const PILOT_ROSTER = {
  countyMembers: 258,
  fromTownships: 133,
  livingInTownships: 240,
  /** Every third member knows something, handed out in turn so that groups match topics. */
  expertise: [
    ['sewage', 'infrastructure'],
    ['waste', 'environment'],
    ['housing', 'property_management'],
    ['planning', 'tourism'],
    ['water', 'agriculture'],
    ['housing', 'safety'],
  ],
  /** Member i sits in sector (i × 7) mod 12. */
  sectorStride: 7,
  /** A provincial member living in 甲镇: a fixed member there without a county seat. */
  provincial: { id: 'P001', name: '省委员甲', expertise: ['environment'] },
} as const;

/** A liaison group's five haves, on file since it was set up on 03-01 of the year before. */
export const LIAISON_GROUP_FACTS = {
  establishedOn: '03-01',
  room: '委员活动室',
  secretary: { title: '专职秘书任命文件', number: 8, on: '03-05' },
  workingRules: '乡镇（园区）工作联络组工作规则（试行）',
  /** A plan and a budget for each year: last year's on 03-10, this year's on these days. */
  plan: { title: '年度工作计划', lastYear: '03-10', thisYear: '01-15' },
  funding: { title: '年联络组工作经费预算', lastYear: '03-10', thisYear: '01-20' },
} as const;

/** The steps of a topic the liaison group brings up (path b), days after the first. */
export const LIAISON_GROUP_LED_STEPS: readonly {
  /** The step; the topic drafted is the pilot's, the government conferred with the township's. */
  readonly input:
    | Exclude<OriginationInput, { step: 'topic_drafted' | 'conferred_with_government' | 'jointly_proposed' }>
    | { readonly step: 'topic_drafted'; readonly planOutline: string }
    | { readonly step: 'conferred_with_government'; readonly note: string };
  readonly by: PilotBody;
  readonly after: number;
}[] = [
  { input: { step: 'opinions_solicited', opinionsReceived: 48 }, by: 'liaisonGroup', after: 0 },
  {
    input: { step: 'topic_drafted', planOutline: '组织协商小组深入调研、征求意见，形成建议书' },
    by: 'liaisonGroup',
    after: 7,
  },
  { input: { step: 'conferred_with_government', note: '政府同意列入议题' }, by: 'liaisonGroup', after: 10 },
  { input: { step: 'submitted_to_committee' }, by: 'liaisonGroup', after: 11 },
  { input: { step: 'committee_decided', decision: 'approved' }, by: 'partyCommittee', after: 14 },
];

/** Who attends a meeting: everyone in the group, its first n members, or a share of it (rounded up). */
export type PilotAttendance = 'all' | { readonly first: number } | { readonly share: number };

/** A stage command as the script writes it: days as `D`, attendees as a {@link PilotAttendance}. */
export type PilotCommand<D> =
  | Exclude<StageCommand, { type: 'hold_meeting' } | { type: 'draft_plan' }>
  | {
      readonly type: 'hold_meeting';
      readonly noticeOn: D;
      readonly attendance: PilotAttendance;
      readonly opinions: readonly string[];
    }
  | {
      readonly type: 'draft_plan';
      readonly plan: Omit<ConsultationPlan, 'plannedMeetingOn'> & { readonly plannedMeetingOn?: D };
    };

/** One act of a pilot consultation, on a day of the pilot year. */
export type PilotAct =
  | { readonly on: MonthDay; readonly by?: PilotBody; readonly command: PilotCommand<MonthDay> }
  | {
      readonly on: MonthDay;
      readonly adopt: string;
      readonly decision: 'adopted' | 'partially_adopted' | 'not_adopted';
      readonly reason?: string;
    }
  | {
      readonly on: MonthDay;
      readonly plan: Omit<ImplementationInput, 'dueOn'> & { readonly dueOn: MonthDay };
    }
  | { readonly on: MonthDay; readonly by?: PilotBody; readonly progress: ProgressInput }
  /** The plain acts that pass each gate ({@link GATE_WALK}), one a day from `from`, until `to`. */
  | { readonly from: MonthDay; readonly walkTo: ConsultationStage | 'completed' };

/** Who may be invited besides the fixed members: the categories' candidates and a few named people. */
export interface PilotInvited {
  /** The topic's expertise, given to the first candidate of every other category. */
  readonly expertise: readonly string[];
  /** Named people, their ids `<township>-<idSuffix>`. */
  readonly named?: readonly (Omit<InvitedCandidate, 'id' | 'kind'> & { readonly idSuffix: string })[];
}

/** A routine decision the township issues once its consultation cleared it. */
export interface PilotIssue {
  readonly id: string;
  readonly itemKind: string;
  readonly title: string;
  readonly on: MonthDay;
}

/** One pilot topic: how it was brought up, its consultation and every act of it. */
export interface PilotConsultation {
  readonly township: PilotRole;
  readonly topicId: string;
  readonly consultationId: string;
  readonly origination:
    | { readonly path: 'committee_led'; readonly on: MonthDay }
    | { readonly path: 'liaison_group_led'; readonly from: MonthDay };
  readonly topic: {
    readonly title: string;
    readonly form: TopicForm;
    readonly tags?: readonly string[];
    readonly subjects?: readonly string[];
  };
  readonly startsOn: MonthDay;
  readonly invited: PilotInvited;
  readonly acts: readonly PilotAct[];
  readonly issues?: PilotIssue;
}

/** Every invitable category, three candidates each. */
export const INVITED_PER_CATEGORY = 3;

/** The plain walk through the gates, one act a day: its days are offsets from the walk's start. */
export const GATE_WALK: readonly { readonly by?: PilotBody; readonly command: PilotCommand<number> }[] = [
  { command: { type: 'communicate', counterpart: 'party_committee', summary: '向党委汇报协商意向' } },
  { command: { type: 'communicate', counterpart: 'government', summary: '与政府沟通议题背景' } },
  { command: { type: 'communicate', counterpart: 'group_members', summary: '向协商小组成员通报议题' } },
  { command: { type: 'advance', to: 'plan' } },
  {
    command: {
      type: 'draft_plan',
      plan: {
        summary: '协商方案',
        objectives: ['摸清群众意见', '形成可操作的建议'],
        researchMethods: ['site_visit', 'forum'],
      },
    },
  },
  { by: 'partyCommittee', command: { type: 'approve_plan' } },
  { command: { type: 'advance', to: 'research' } },
  {
    command: {
      type: 'record_research',
      method: 'site_visit',
      summary: '实地走访、倾听民意',
      residentsHeard: 60,
    },
  },
  { command: { type: 'advance', to: 'meeting' } },
  {
    command: {
      type: 'hold_meeting',
      noticeOn: 4,
      attendance: { share: 0.8 },
      opinions: ['建议一', '建议二'],
    },
  },
  { command: { type: 'advance', to: 'report' } },
  {
    command: {
      type: 'submit_report',
      title: '关于{topic}的协商建议书',
      items: [
        { id: 'P1', text: '细化实施方案，分步推进', addressedTo: 'government' },
        { id: 'P2', text: '加强宣传，广泛听取群众意见', addressedTo: 'party_committee' },
      ],
    },
  },
];

/** The acts of pre-consultation communication, one per counterpart and day. */
function communicate(
  days: readonly (readonly [
    counterpart: 'party_committee' | 'government' | 'group_members' | 'residents',
    on: MonthDay,
  ])[],
  summary: string,
): PilotAct[] {
  return days.map(([counterpart, on]) => ({ on, command: { type: 'communicate', counterpart, summary } }));
}

/** 甲镇's invited: a waste-plant contractor among them, and a resident living next to the site. */
const TOWN_A_INVITED: PilotInvited = {
  expertise: ['sewage', 'waste', 'environment'],
  named: [
    {
      idSuffix: 'contractor',
      name: '钱经理',
      category: 'enterprise_institution_head',
      expertise: ['waste', 'environment', 'energy'],
      interests: [{ kind: 'contractor', subject: 'waste_to_energy_plant' }],
    },
    {
      idSuffix: 'neighbour',
      name: '孙大爷',
      category: 'respected_resident',
      expertise: ['waste'],
      interests: [{ kind: 'affected_resident', subject: 'waste_to_energy_plant' }],
    },
  ],
};

/** The three pilots' topics in the order they were established (the issue's order matters to `canIssue`). */
export const PILOT_CONSULTATIONS: readonly PilotConsultation[] = [
  // 岗乡: the people's congress report consulted before issue; the planning topics.
  {
    township: 'gang',
    topicId: 'G-{year}-R1',
    consultationId: 'C-G-R1',
    origination: { path: 'committee_led', on: '01-03' },
    topic: {
      title: '乡人代会工作报告',
      form: { kind: 'routine', itemKind: 'peoples_congress_report', decisionId: 'G-dec-{year}-1' },
    },
    startsOn: '01-04',
    invited: { expertise: [] },
    acts: [{ from: '01-05', walkTo: 'completed' }],
    issues: {
      id: 'G-dec-{year}-1',
      itemKind: 'peoples_congress_report',
      title: '乡人代会工作报告',
      on: '01-25',
    },
  },
  {
    township: 'gang',
    topicId: 'G-{year}-1',
    consultationId: 'C-G-1',
    origination: { path: 'committee_led', on: '02-01' },
    topic: { title: '十三五规划编制', form: { kind: 'thematic', topicKind: 'key_work' }, tags: ['planning'] },
    startsOn: '02-02',
    invited: { expertise: ['planning'] },
    acts: [
      { from: '02-03', walkTo: 'completed' },
      { on: '02-20', adopt: 'P1', decision: 'adopted' },
      { on: '02-20', adopt: 'P2', decision: 'partially_adopted', reason: '宣传工作纳入全乡统一安排' },
      {
        on: '02-25',
        plan: {
          itemId: 'P1',
          owner: '乡党政办',
          dueOn: '06-30',
          tasks: [
            { id: 'draft', title: '规划初稿', weight: 1 },
            { id: 'review', title: '专家评审', weight: 2 },
          ],
        },
      },
      {
        on: '04-30',
        progress: {
          itemId: 'P1',
          taskId: 'draft',
          progress: 100,
          evidence: [{ title: '规划初稿', reference: 'GX-GH-01' }],
        },
      },
      { on: '06-15', progress: { itemId: 'P1', taskId: 'review', progress: 60 } },
    ],
  },
  {
    township: 'gang',
    topicId: 'G-{year}-2',
    consultationId: 'C-G-2',
    origination: { path: 'liaison_group_led', from: '03-01' },
    topic: {
      title: '乡村旅游规划制定',
      form: { kind: 'thematic', topicKind: 'key_work' },
      tags: ['tourism', 'planning'],
    },
    startsOn: '03-20',
    invited: { expertise: ['tourism'] },
    acts: [
      { from: '03-21', walkTo: 'completed' },
      { on: '04-10', adopt: 'P1', decision: 'adopted' },
      { on: '04-10', adopt: 'P2', decision: 'not_adopted', reason: '已纳入全乡宣传工作统一安排' },
    ],
  },
  // 甲镇: the key-work plan consulted before issue; the sewage network (path a) and the
  // waste-to-energy plant (path b), the plant's contractor kept out of its group.
  {
    township: 'townA',
    topicId: 'A-{year}-R1',
    consultationId: 'C-A-R1',
    origination: { path: 'committee_led', on: '01-05' },
    topic: {
      title: '{year}年重点工作安排（征求意见稿）',
      form: { kind: 'routine', itemKind: 'annual_key_work_plan', decisionId: 'A-plan-{year}' },
    },
    startsOn: '01-06',
    invited: { expertise: [] },
    acts: [
      ...communicate(
        [
          ['party_committee', '01-07'],
          ['government', '01-07'],
          ['group_members', '01-07'],
        ],
        '商前沟通',
      ),
      { on: '01-08', command: { type: 'advance', to: 'plan' } },
      {
        on: '01-08',
        command: {
          type: 'draft_plan',
          plan: { summary: '审议', objectives: ['提出修改意见'], researchMethods: ['forum'] },
        },
      },
      { on: '01-09', by: 'partyCommittee', command: { type: 'approve_plan' } },
      { on: '01-09', command: { type: 'advance', to: 'research' } },
      {
        on: '01-10',
        command: { type: 'record_research', method: 'forum', summary: '群众代表座谈', residentsHeard: 15 },
      },
      { on: '01-11', command: { type: 'advance', to: 'meeting' } },
      {
        on: '01-15',
        command: { type: 'hold_meeting', noticeOn: '01-10', attendance: 'all', opinions: ['增加民生项目'] },
      },
      { on: '01-16', command: { type: 'advance', to: 'report' } },
      {
        on: '01-19',
        command: {
          type: 'submit_report',
          title: '关于{year}年重点工作安排的协商意见',
          items: [{ id: 'P1', text: '增加民生项目', addressedTo: 'government' }],
        },
      },
      { on: '01-20', adopt: 'P1', decision: 'adopted' },
    ],
    issues: {
      id: 'A-plan-{year}',
      itemKind: 'annual_key_work_plan',
      title: '甲镇{year}年重点工作安排',
      on: '01-20',
    },
  },
  {
    township: 'townA',
    topicId: 'A-{year}-1',
    consultationId: 'C-A-sewage',
    origination: { path: 'committee_led', on: '02-20' },
    topic: {
      title: '完善镇区范围污水管网建设，提升集镇品位',
      form: { kind: 'thematic', topicKind: 'key_work' },
      tags: ['sewage', 'infrastructure'],
      subjects: ['sewage_network'],
    },
    startsOn: '02-21',
    invited: TOWN_A_INVITED,
    acts: [
      ...communicate(
        [
          ['party_committee', '02-22'],
          ['government', '02-23'],
          ['group_members', '02-24'],
        ],
        '商前沟通',
      ),
      { on: '02-25', command: { type: 'advance', to: 'plan' } },
      {
        on: '02-26',
        command: {
          type: 'draft_plan',
          plan: { summary: '镇区污水管网', objectives: ['摸清管网短板'], researchMethods: ['site_visit'] },
        },
      },
      { on: '02-28', by: 'partyCommittee', command: { type: 'approve_plan' } },
      { on: '03-01', command: { type: 'advance', to: 'research' } },
      {
        on: '03-05',
        command: {
          type: 'record_research',
          method: 'site_visit',
          summary: '沿街商户和居民走访',
          residentsHeard: 40,
        },
      },
      { on: '03-06', command: { type: 'advance', to: 'meeting' } },
      {
        on: '03-10',
        command: {
          type: 'hold_meeting',
          noticeOn: '03-06',
          attendance: { first: 10 },
          opinions: ['采用先进技术'],
        },
      },
      { on: '03-10', command: { type: 'advance', to: 'report' } },
      {
        on: '03-15',
        command: {
          type: 'submit_report',
          title: '关于完善镇区污水管网建设的协商建议书',
          items: [{ id: 'P1', text: '采用先进技术分期实施雨污分流改造', addressedTo: 'government' }],
        },
      },
      { on: '03-20', adopt: 'P1', decision: 'adopted' },
      {
        on: '03-25',
        plan: {
          itemId: 'P1',
          owner: '镇建设办',
          dueOn: '10-31',
          tasks: [{ id: 'phase1', title: '一期管网' }],
        },
      },
      {
        on: '09-30',
        by: 'liaisonGroup',
        progress: {
          itemId: 'P1',
          taskId: 'phase1',
          progress: 100,
          evidence: [{ title: '一期管网竣工验收记录' }],
        },
      },
    ],
  },
  {
    township: 'townA',
    topicId: 'A-{year}-2',
    consultationId: 'C-A-waste',
    origination: { path: 'liaison_group_led', from: '03-01' },
    topic: {
      title: '加快垃圾发电项目建设步伐，建设美好乡村',
      form: { kind: 'thematic', topicKind: 'public_concern' },
      tags: ['waste', 'environment'],
      subjects: ['waste_to_energy_plant'],
    },
    startsOn: '03-16',
    invited: TOWN_A_INVITED,
    acts: [
      {
        on: '03-17',
        command: { type: 'communicate', counterpart: 'party_committee', summary: '汇报协商意向' },
      },
      {
        on: '03-18',
        command: { type: 'communicate', counterpart: 'government', summary: '了解项目进展和群众顾虑' },
      },
      {
        on: '03-19',
        command: { type: 'communicate', counterpart: 'group_members', summary: '通报议题和分工' },
      },
      { on: '03-20', command: { type: 'advance', to: 'plan' } },
      {
        on: '03-22',
        command: {
          type: 'draft_plan',
          plan: {
            summary: '围绕垃圾发电项目群众顾虑开展协商',
            objectives: ['倾听周边群众意见', '了解先进技术', '提出推进项目的建议'],
            researchMethods: ['site_visit', 'study_tour', 'forum'],
            plannedMeetingOn: '05-10',
          },
        },
      },
      { on: '03-25', by: 'partyCommittee', command: { type: 'approve_plan', note: '同意' } },
      { on: '03-26', command: { type: 'advance', to: 'research' } },
      {
        on: '04-02',
        command: {
          type: 'record_research',
          method: 'site_visit',
          summary: '实地走访项目周边村组',
          residentsHeard: 85,
        },
      },
      {
        on: '04-20',
        command: {
          type: 'record_research',
          method: 'study_tour',
          summary: '组织群众代表赴外地垃圾发电厂现场参观',
          residentsHeard: 30,
        },
      },
      { on: '04-25', command: { type: 'advance', to: 'meeting' } },
      {
        on: '05-10',
        command: {
          type: 'hold_meeting',
          noticeOn: '05-03',
          attendance: { first: 17 },
          opinions: ['采用先进技术', '加强宣传引导', '组织群众代表参观'],
        },
      },
      { on: '05-11', command: { type: 'advance', to: 'report' } },
      {
        on: '05-20',
        command: {
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
      },
      { on: '06-01', adopt: 'P1', decision: 'adopted' },
      { on: '06-01', adopt: 'P2', decision: 'adopted' },
      { on: '06-02', adopt: 'P3', decision: 'not_adopted', reason: '项目用地红线内不具备条件' },
      {
        on: '06-05',
        plan: {
          itemId: 'P1',
          owner: '镇经发办',
          dueOn: '12-31',
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
      },
      {
        on: '07-01',
        progress: {
          itemId: 'P1',
          taskId: 'tech-select',
          progress: 100,
          evidence: [{ title: '技术比选报告', reference: 'JX-2026-07' }],
        },
      },
      { on: '08-01', progress: { itemId: 'P1', taskId: 'procure', progress: 50 } },
    ],
  },
  // 乙镇: the 顺和家园 upgrade (path b), its plan returned once, its proposals written into the
  // upgrade plan.
  {
    township: 'townB',
    topicId: 'B-{year}-1',
    consultationId: 'C-B-shunhe',
    origination: { path: 'liaison_group_led', from: '03-02' },
    topic: {
      title: '顺和家园提升改造，打造精品小区',
      form: { kind: 'thematic', topicKind: 'public_concern' },
      tags: ['housing', 'property_management'],
      subjects: ['shunhe_garden'],
    },
    startsOn: '03-17',
    invited: { expertise: ['housing', 'property_management'] },
    acts: [
      ...communicate(
        [
          ['party_committee', '03-18'],
          ['government', '03-18'],
          ['group_members', '03-19'],
          ['residents', '03-19'],
        ],
        '商前沟通',
      ),
      { on: '03-20', command: { type: 'advance', to: 'plan' } },
      {
        on: '03-21',
        command: {
          type: 'draft_plan',
          plan: {
            summary: '深入调研、征求意见',
            objectives: ['提出提升改造建议'],
            researchMethods: ['survey', 'forum'],
          },
        },
      },
      {
        on: '03-23',
        by: 'partyCommittee',
        command: { type: 'return_plan', reason: '请补充物业管理方面的调研内容' },
      },
      {
        on: '03-25',
        command: {
          type: 'draft_plan',
          plan: {
            summary: '深入调研、征求意见，兼顾物业管理',
            objectives: ['提出提升改造建议', '改进物业管理'],
            researchMethods: ['survey', 'forum', 'site_visit'],
          },
        },
      },
      { on: '03-27', by: 'partyCommittee', command: { type: 'approve_plan' } },
      { on: '03-28', command: { type: 'advance', to: 'research' } },
      {
        on: '04-10',
        command: { type: 'record_research', method: 'survey', summary: '入户问卷', residentsHeard: 210 },
      },
      { on: '04-15', command: { type: 'advance', to: 'meeting' } },
      {
        on: '04-25',
        command: {
          type: 'hold_meeting',
          noticeOn: '04-20',
          attendance: 'all',
          opinions: ['发挥村规民约作用', '开展“我心中的最美家园”创建活动', '明确物业管理职责'],
        },
      },
      { on: '04-26', command: { type: 'advance', to: 'report' } },
      {
        on: '05-06',
        command: {
          type: 'submit_report',
          title: '关于顺和家园提升改造的协商建议书',
          items: [
            { id: 'P1', text: '发挥村规民约作用', addressedTo: 'party_committee' },
            { id: 'P2', text: '开展“我心中的最美家园”创建活动', addressedTo: 'government' },
            { id: 'P3', text: '明确管理职责、精化物业考评细则、加大奖惩力度', addressedTo: 'government' },
          ],
        },
      },
      { on: '05-15', adopt: 'P1', decision: 'adopted' },
      { on: '05-15', adopt: 'P2', decision: 'adopted' },
      { on: '05-16', adopt: 'P3', decision: 'partially_adopted', reason: '奖惩办法另行制定' },
      {
        on: '05-20',
        plan: {
          itemId: 'P2',
          owner: '镇社会事务办',
          dueOn: '11-30',
          tasks: [
            { id: 'launch', title: '创建活动启动', weight: 1 },
            { id: 'appraise', title: '评选表彰', weight: 1 },
          ],
        },
      },
      {
        on: '06-01',
        progress: { itemId: 'P2', taskId: 'launch', progress: 100, evidence: [{ title: '启动仪式照片' }] },
      },
      {
        on: '11-20',
        progress: { itemId: 'P2', taskId: 'appraise', progress: 100, evidence: [{ title: '表彰文件' }] },
      },
    ],
  },
];

/**
 * Townships outside the pilot took up topics of their own (path b), still under way: the first
 * three of them, in order. Ids are `<code>-{year}-1` and `C-<code>-1`.
 */
export const OWN_TOPICS: readonly {
  readonly title: string;
  readonly topicKind: 'key_work' | 'public_concern';
  readonly reached: ConsultationStage;
  readonly tags: readonly string[];
}[] = [
  { title: '农田水利建设', topicKind: 'key_work', reached: 'research', tags: ['water', 'agriculture'] },
  { title: '农村饮水安全', topicKind: 'public_concern', reached: 'plan', tags: ['water'] },
  {
    title: '农村危房改造',
    topicKind: 'public_concern',
    reached: 'pre_consultation',
    tags: ['housing', 'safety'],
  },
];

/** When the own topics are brought up, their consultations started and walked. */
export const OWN_TOPIC_DAYS = { origination: '09-01', startsOn: '09-20', walkFrom: '09-21' } as const;

/** 村事民定: 岗乡's villages file 54 minutes in the year before the pilot year, one of them late. */
export const PILOT_MINUTES = {
  count: 54,
  /** Ids are `<idPrefix>-<year>-<nnn>`. */
  idPrefix: 'GX',
  topic: '村事民定协商议事',
  /** The first meeting; the next ones every `everyDays` days, villages in turn. */
  firstMeetingOn: '01-10',
  everyDays: 5,
  /** Filed this many days after the meeting; the last one late. */
  filedAfter: 3,
  lastFiledAfter: 40,
} as const;

/** The last day of the pilot script (乙镇's appraisal is done on 20 November). */
export const PILOT_SCRIPT_ENDS: MonthDay = '11-20';
