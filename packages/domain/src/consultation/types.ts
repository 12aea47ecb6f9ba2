import type {
  CommunicationCounterpart,
  ConsultationAct,
  ConsultationParticipantCategory,
  ConsultationRole,
  DisclosableField,
  FiveHave,
} from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';
import type { LocalizedText } from '../shared/errors.js';

/**
 * The data model of grassroots consultation 基层协商 (DESIGN §5, seed 1). Plain readonly data;
 * the functions that change it live one concern per file beside this one and always return a
 * new value.
 */

export type { CommunicationCounterpart, ConsultationAct, ConsultationRole };

// ---------------------------------------------------------------------------------------------
// People and evidence

/**
 * Someone acting for a body: the township party committee 乡镇党委, the government 乡镇政府, the
 * CPPCC liaison group 政协联络组, a member of the consultation group, a village committee. Only
 * `name` and `role` are ever published; `id` stays internal.
 */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly role: ConsultationRole;
}

/** A document, photo, record or site that shows something was done. */
export interface Evidence {
  readonly title: string;
  /** Where the evidence is kept (an archive number, a file id). Not published. */
  readonly reference?: string;
  readonly on?: LocalDate;
}

// ---------------------------------------------------------------------------------------------
// Topics

/**
 * The two forms of consultation. Routine 例行协商: an item the township is about to issue (a
 * congress report, the key-work plan, an important decision) that must be consulted first.
 * Thematic 专题协商: one of the liaison group's 1–2 key topics of the year.
 */
export type TopicForm =
  | { readonly kind: 'routine'; readonly itemKind: string; readonly decisionId: string }
  | { readonly kind: 'thematic'; readonly topicKind: string };

/** A topic as it is drafted, before the party committee establishes it. */
export interface TopicDraft {
  readonly title: string;
  readonly form: TopicForm;
  /** What the topic is about; matched against candidates' expertise to invite people familiar with it. */
  readonly tags?: readonly string[];
  /** Projects, sites or enterprises the topic concerns; declared interests in them may exclude a candidate. */
  readonly subjects?: readonly string[];
}

/** An established topic 协商议题: drafted, then decided by the path its origination took. */
export interface Topic extends TopicDraft {
  readonly id: string;
  readonly township: string;
  /** The year the topic was established in; thematic topics are counted per liaison group and year. */
  readonly year: number;
  readonly establishedOn: LocalDate;
}

// ---------------------------------------------------------------------------------------------
// Topic origination 议题提出

/**
 * The seed's two paths. `committee_led`: the township party committee, together with the
 * government and the liaison group, studies and proposes the topic. `liaison_group_led`: the
 * liaison group solicits public opinion, drafts the topic and plan, confers with the government
 * and submits to the party committee, which decides.
 */
export type OriginationPath = 'committee_led' | 'liaison_group_led';

export type OriginationStep =
  | 'jointly_proposed'
  | 'opinions_solicited'
  | 'topic_drafted'
  | 'conferred_with_government'
  | 'submitted_to_committee'
  | 'committee_decided';

export type OriginationStatus = 'in_progress' | 'established' | 'rejected';

/** One recorded step: who, with whom, when. */
export interface OriginationRecord {
  readonly step: OriginationStep;
  readonly on: LocalDate;
  readonly by: Actor;
  /** The other bodies that took part (the government and liaison group in a joint proposal). */
  readonly with: readonly Actor[];
  readonly note?: string;
  /** Opinions received, for `opinions_solicited`. */
  readonly opinionsReceived?: number;
  /** The party committee's decision, for `committee_decided`. */
  readonly decision?: 'approved' | 'rejected';
}

export interface Origination {
  /** The id the topic will carry once established. */
  readonly topicId: string;
  readonly township: string;
  readonly path: OriginationPath;
  readonly status: OriginationStatus;
  readonly draft: TopicDraft | null;
  /** The outline of the consultation plan drafted with the topic (path b). */
  readonly planOutline: string | null;
  readonly steps: readonly OriginationRecord[];
  /** Set once the status is `established`. */
  readonly topic: Topic | null;
}

// ---------------------------------------------------------------------------------------------
// Consultation groups 协商小组

/** A declared interest of a candidate in a subject (a project, site or enterprise). */
export interface Interest {
  /** e.g. `contractor`, `supplier`, `affected_resident`; the profile lists which kinds exclude. */
  readonly kind: string;
  readonly subject: string;
}

interface CandidateBase {
  readonly id: string;
  readonly name: string;
  /** Subjects the person knows well; matched against the topic's tags. */
  readonly expertise?: readonly string[];
  readonly interests?: readonly Interest[];
}

/** A CPPCC member of any level living in the township: a fixed member 相对固定. */
export interface FixedCandidate extends CandidateBase {
  readonly kind: 'fixed';
  /** The township the member lives in. */
  readonly township: string;
  readonly sector?: string;
}

/** A person invited for this topic 灵活安排, from one of the profile's categories. */
export interface InvitedCandidate extends CandidateBase {
  readonly kind: 'invited';
  readonly category: ConsultationParticipantCategory;
  readonly township?: string;
}

export type Candidate = FixedCandidate | InvitedCandidate;

/** The consultation group 协商小组 of one topic, led by the township's liaison group. */
export interface ConsultationGroup {
  readonly township: string;
  readonly topicId: string;
  readonly members: readonly Candidate[];
}

// ---------------------------------------------------------------------------------------------
// The five stages 五个环节

/**
 * In order: pre-consultation communication 商前沟通, consultation plan 协商方案, research 调查研究,
 * consultation meeting 协商会议, report of outcomes 上报协商成果.
 */
export type ConsultationStage = 'pre_consultation' | 'plan' | 'research' | 'meeting' | 'report';

export const CONSULTATION_STAGES: readonly ConsultationStage[] = [
  'pre_consultation',
  'plan',
  'research',
  'meeting',
  'report',
];

/** A stage, or `completed` once the outcomes are reported. */
export type ConsultationStatus = ConsultationStage | 'completed';

export interface Communication {
  readonly counterpart: CommunicationCounterpart;
  readonly summary: string;
  readonly on: LocalDate;
  readonly by: Actor;
}

export type ResearchMethod =
  | 'site_visit'
  | 'survey'
  | 'forum'
  | 'interview'
  | 'study_tour'
  | 'document_review';

export const RESEARCH_METHODS: readonly ResearchMethod[] = [
  'site_visit',
  'survey',
  'forum',
  'interview',
  'study_tour',
  'document_review',
];

/** The consultation plan 协商方案. */
export interface ConsultationPlan {
  readonly summary: string;
  readonly objectives: readonly string[];
  readonly researchMethods: readonly ResearchMethod[];
  readonly plannedMeetingOn?: LocalDate;
}

export type PlanStatus = 'drafted' | 'approved' | 'returned';

export interface PlanRecord {
  readonly plan: ConsultationPlan;
  readonly status: PlanStatus;
  readonly draftedOn: LocalDate;
  readonly draftedBy: Actor;
  readonly decidedOn?: LocalDate;
  readonly decidedBy?: Actor;
  /** The approver's note, or the reason a plan was returned. */
  readonly note?: string;
}

/** One research activity 调查研究: a site visit, a survey, a study tour… */
export interface ResearchActivity {
  readonly method: ResearchMethod;
  readonly summary: string;
  /** Residents whose opinions were heard (倾听民意); 0 for desk research. */
  readonly residentsHeard: number;
  readonly on: LocalDate;
  readonly by: Actor;
}

/** The consultation meeting 协商会议 as held. */
export interface ConsultationMeeting {
  readonly heldOn: LocalDate;
  readonly noticeOn: LocalDate;
  /** Ids of the group members who attended. */
  readonly attendees: readonly string[];
  readonly opinions: readonly string[];
  /** The attendance the profile required (the quorum), for the record. */
  readonly quorum: number;
  readonly by: Actor;
}

/** Who a proposal item is for: the seed's proposal is 供党委、政府决策参考. */
export type ProposalAddressee = 'party_committee' | 'government';

export interface ProposalItem {
  readonly id: string;
  readonly text: string;
  readonly addressedTo: ProposalAddressee;
}

/** The consultation proposal 协商建议书. */
export interface ConsultationProposal {
  readonly title: string;
  readonly items: readonly ProposalItem[];
  readonly submittedOn: LocalDate;
  readonly submittedBy: Actor;
}

// ---------------------------------------------------------------------------------------------
// Outcomes 成果运用

export type AdoptionDecision = 'adopted' | 'partially_adopted' | 'not_adopted';

export interface ItemAdoption {
  readonly itemId: string;
  readonly decision: AdoptionDecision;
  readonly reason?: string;
  readonly on: LocalDate;
  readonly by: Actor;
}

/**
 * A piece of implementation work. A task with sub-tasks takes its progress from them, weighted;
 * a task without sub-tasks carries its own `progress` (0–100).
 */
export interface ImplementationTask {
  readonly id: string;
  readonly title: string;
  /** Relative weight among its siblings; positive. */
  readonly weight: number;
  readonly progress: number;
  readonly dueOn?: LocalDate;
  readonly evidence: readonly Evidence[];
  readonly startedOn?: LocalDate;
  readonly completedOn?: LocalDate;
  readonly updatedOn?: LocalDate;
  readonly subTasks: readonly ImplementationTask[];
}

/** How one adopted proposal item is carried out 办理落实. */
export interface ItemImplementation {
  readonly itemId: string;
  /** The unit responsible, e.g. 镇建设办. */
  readonly owner: string;
  readonly plannedOn: LocalDate;
  readonly dueOn?: LocalDate;
  readonly tasks: readonly ImplementationTask[];
}

// ---------------------------------------------------------------------------------------------
// The consultation record

interface EventBase {
  readonly on: LocalDate;
  readonly by: Actor;
}

/** One entry of the consultation's timeline; the record is append-only. */
export type ConsultationEvent =
  | (EventBase & { readonly type: 'communicated'; readonly counterpart: CommunicationCounterpart })
  | (EventBase & { readonly type: 'stage_entered'; readonly stage: ConsultationStage })
  | (EventBase & { readonly type: 'plan_drafted' })
  | (EventBase & { readonly type: 'plan_approved' })
  | (EventBase & { readonly type: 'plan_returned'; readonly reason: string })
  | (EventBase & { readonly type: 'research_recorded'; readonly method: ResearchMethod })
  | (EventBase & { readonly type: 'meeting_held'; readonly attended: number; readonly quorum: number })
  | (EventBase & { readonly type: 'report_submitted'; readonly items: number })
  | (EventBase & {
      readonly type: 'adoption_decided';
      readonly itemId: string;
      readonly decision: AdoptionDecision;
    })
  | (EventBase & { readonly type: 'implementation_planned'; readonly itemId: string })
  | (EventBase & {
      readonly type: 'progress_recorded';
      readonly itemId: string;
      readonly taskId: string;
      readonly progress: number;
    });

export type ConsultationEventType = ConsultationEvent['type'];

/** One consultation of one topic, from the start of pre-consultation communication to implementation. */
export interface Consultation {
  readonly id: string;
  readonly topic: Topic;
  readonly origination: Origination;
  readonly group: ConsultationGroup;
  readonly status: ConsultationStatus;
  readonly communications: readonly Communication[];
  readonly plan: PlanRecord | null;
  readonly research: readonly ResearchActivity[];
  readonly meeting: ConsultationMeeting | null;
  readonly proposal: ConsultationProposal | null;
  readonly adoptions: readonly ItemAdoption[];
  readonly implementations: readonly ItemImplementation[];
  readonly events: readonly ConsultationEvent[];
}

// ---------------------------------------------------------------------------------------------
// Labels 中英文名称

export const CONSULTATION_STAGE_LABELS: { readonly [S in ConsultationStatus]: LocalizedText } = {
  pre_consultation: { zh: '商前沟通', en: 'pre-consultation communication' },
  plan: { zh: '协商方案', en: 'consultation plan' },
  research: { zh: '调查研究', en: 'research' },
  meeting: { zh: '协商会议', en: 'consultation meeting' },
  report: { zh: '上报协商成果', en: 'report of outcomes' },
  completed: { zh: '成果已上报', en: 'outcomes reported' },
};

export const CONSULTATION_ROLE_LABELS: { readonly [R in ConsultationRole]: LocalizedText } = {
  party_committee: { zh: '乡镇党委', en: 'township party committee' },
  government: { zh: '乡镇政府', en: 'township government' },
  liaison_group: { zh: '政协联络组', en: 'CPPCC liaison group' },
  group_member: { zh: '协商小组成员', en: 'consultation group member' },
  village_committee: { zh: '村（居）委会', en: 'village (residents) committee' },
};

export const COMMUNICATION_COUNTERPART_LABELS: {
  readonly [C in CommunicationCounterpart]: LocalizedText;
} = {
  party_committee: { zh: '乡镇党委', en: 'township party committee' },
  government: { zh: '乡镇政府', en: 'township government' },
  group_members: { zh: '协商小组成员', en: 'consultation group members' },
  departments: { zh: '有关部门', en: 'relevant departments' },
  residents: { zh: '群众代表', en: 'residents' },
};

export const FIVE_HAVE_LABELS: { readonly [H in FiveHave]: LocalizedText } = {
  place: { zh: '有委员活动场所', en: 'a place for member activities' },
  secretary: { zh: '有专兼职秘书', en: 'a full- or part-time secretary' },
  working_rules: { zh: '有工作制度', en: 'working rules' },
  annual_plan: { zh: '有年度工作计划', en: 'an annual work plan' },
  funding: { zh: '有经费保障', en: 'funding' },
};

export const PARTICIPANT_CATEGORY_LABELS: {
  readonly [C in ConsultationParticipantCategory]: LocalizedText;
} = {
  party_congress_deputy: { zh: '党代表', en: 'party congress deputy' },
  peoples_congress_deputy: { zh: '人大代表', en: "people's congress deputy" },
  mass_organisation: {
    zh: '工青妇等群团组织代表',
    en: 'mass organisation (trade union, youth league, women)',
  },
  grassroots_organisation_head: { zh: '辖区基层组织负责人', en: 'head of a grassroots organisation' },
  enterprise_institution_head: { zh: '企事业单位负责人', en: 'head of an enterprise or institution' },
  respected_resident: { zh: '有较高威望的群众代表', en: 'respected resident' },
  official: { zh: '有关领导', en: 'relevant official' },
  expert: { zh: '专家', en: 'expert' },
};

export const RESEARCH_METHOD_LABELS: { readonly [M in ResearchMethod]: LocalizedText } = {
  site_visit: { zh: '实地走访', en: 'site visit' },
  survey: { zh: '问卷调查', en: 'survey' },
  forum: { zh: '座谈会', en: 'forum' },
  interview: { zh: '个别访谈', en: 'interviews' },
  study_tour: { zh: '外出考察', en: 'study tour' },
  document_review: { zh: '资料研究', en: 'document review' },
};

export const ORIGINATION_STEP_LABELS: { readonly [S in OriginationStep]: LocalizedText } = {
  jointly_proposed: {
    zh: '乡镇党委会同政府、政协联络组研究提出',
    en: 'proposed by the party committee with the government and liaison group',
  },
  opinions_solicited: { zh: '广泛征求社情民意', en: 'public opinion solicited' },
  topic_drafted: { zh: '拟定协商议题和计划', en: 'topic and plan drafted' },
  conferred_with_government: { zh: '同乡镇政府会商', en: 'conferred with the township government' },
  submitted_to_committee: { zh: '报乡镇党委', en: 'submitted to the party committee' },
  committee_decided: { zh: '乡镇党委研究确定', en: 'decided by the party committee' },
};

export const ADOPTION_DECISION_LABELS: { readonly [D in AdoptionDecision]: LocalizedText } = {
  adopted: { zh: '采纳', en: 'adopted' },
  partially_adopted: { zh: '部分采纳', en: 'partially adopted' },
  not_adopted: { zh: '未采纳', en: 'not adopted' },
};

export const DISCLOSABLE_FIELD_LABELS: { readonly [F in DisclosableField]: LocalizedText } = {
  topic: { zh: '协商议题', en: 'topic' },
  origination: { zh: '议题提出', en: 'origination' },
  plan: { zh: '协商方案', en: 'plan' },
  process: { zh: '协商过程', en: 'process' },
  participants: { zh: '参加人员', en: 'participants' },
  proposal: { zh: '协商成果', en: 'proposal' },
  adoption: { zh: '采纳情况', en: 'adoption' },
  implementation: { zh: '执行情况', en: 'implementation' },
};
