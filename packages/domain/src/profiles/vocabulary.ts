// The closed word lists of a county profile: who records, which request types, which reply
// categories. Plain data with no validator, so that rules can use them without loading zod; the
// profile schema (sections/) builds its enums from them.

// Party-member points 党员积分

/** Who may record a point entry. `community` records in-service members' community activities. */
export const RECORDERS = ['self', 'branch', 'community', 'committee', 'system'] as const;
export type Recorder = (typeof RECORDERS)[number];

export const POINT_UNITS = ['time', 'hour', 'day', 'item'] as const;
export type PointUnit = (typeof POINT_UNITS)[number];

/** The groups a rating quota counts in: a member's own branch, residential community, or everyone. */
export const QUOTA_GROUPS = ['branch', 'community', 'all'] as const;
export type QuotaGroup = (typeof QUOTA_GROUPS)[number];

/** How a quota share becomes a head count (20% of 12 members: floor 2, round 2, ceil 3). */
export const QUOTA_ROUNDINGS = ['floor', 'round', 'ceil'] as const;
export type QuotaRounding = (typeof QUOTA_ROUNDINGS)[number];

export const TIE_BREAKERS = [
  'awards_desc',
  'deductions_asc',
  'entries_desc',
  'earliest_last_entry',
  'member_code_asc',
] as const;
export type TieBreaker = (typeof TIE_BREAKERS)[number];

// Grid management 网格化管理

export const REQUEST_TYPES = ['dispute', 'safety_hazard', 'service_request'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/**
 * The levels a resident request climbs when its deadline passes: grid 网格 → community 社区 →
 * street 街道. A profile lists the levels it uses, starting at the grid.
 */
export const ESCALATION_LEVELS = ['grid', 'community', 'street'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const MEETING_CADENCES = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type MeetingCadence = (typeof MEETING_CADENCES)[number];

// Grassroots consultation 基层协商

export const CONSULTATION_PARTICIPANT_CATEGORIES = [
  'party_congress_deputy',
  'peoples_congress_deputy',
  'mass_organisation',
  'grassroots_organisation_head',
  'enterprise_institution_head',
  'respected_resident',
  'official',
  'expert',
] as const;
export type ConsultationParticipantCategory = (typeof CONSULTATION_PARTICIPANT_CATEGORIES)[number];

export const FIVE_HAVES = ['place', 'secretary', 'working_rules', 'annual_plan', 'funding'] as const;
export type FiveHave = (typeof FIVE_HAVES)[number];

export const DISCLOSABLE_FIELDS = [
  'topic',
  'origination',
  'plan',
  'process',
  'participants',
  'proposal',
  'adoption',
  'implementation',
] as const;
export type DisclosableField = (typeof DISCLOSABLE_FIELDS)[number];

/** Who acts in a consultation: the bodies of the seed's township, and the village that files minutes. */
export const CONSULTATION_ROLES = [
  'party_committee',
  'government',
  'liaison_group',
  'group_member',
  'village_committee',
] as const;
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number];

/** Whom the liaison group talks to in pre-consultation communication 商前沟通. */
export const COMMUNICATION_COUNTERPARTS = [
  'party_committee',
  'government',
  'group_members',
  'departments',
  'residents',
] as const;
export type CommunicationCounterpart = (typeof COMMUNICATION_COUNTERPARTS)[number];

/** The acts of a consultation whose actors the profile names (`stages.roles`). */
export const CONSULTATION_ACTS = [
  'start',
  'communicate',
  'advance',
  'draft_plan',
  'decide_plan',
  'record_research',
  'hold_meeting',
  'submit_report',
  'decide_adoption',
  'plan_implementation',
  'record_progress',
  'file_minutes',
] as const;
export type ConsultationAct = (typeof CONSULTATION_ACTS)[number];

// The county CPPCC 县政协

/** Who may put a proposal 提案: a member, members jointly, a sector, a special committee, a liaison group. */
export const PROPOSER_KINDS = ['member', 'joint', 'sector', 'special_committee', 'liaison_group'] as const;
export type ProposerKind = (typeof PROPOSER_KINDS)[number];

/** A proposal the committee does not file 不立案: turned into an opinion 转为意见建议, or refused 不予立案. */
export const NOT_FILED_OUTCOMES = ['converted_to_opinion', 'rejected'] as const;
export type NotFiledOutcome = (typeof NOT_FILED_OUTCOMES)[number];

/** A unit's reply category 答复类别: 解决采纳 / 正在解决 / 列入计划 / 留作参考 (the CPPCC's A, B, C, D). */
export const REPLY_CATEGORIES = ['resolved', 'being_resolved', 'planned', 'for_reference'] as const;
export type ReplyCategory = (typeof REPLY_CATEGORIES)[number];

/** The proposer's opinion of a reply: 满意 / 基本满意 / 不满意. */
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'not_satisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** Leadership posts 主席、副主席、秘书长 of the county CPPCC. */
export const CPPCC_POSTS = ['chair', 'vice_chair', 'secretary_general'] as const;
export type CppccPost = (typeof CPPCC_POSTS)[number];

/**
 * Who acts on a proposal: a proposer (a member, a sector, a special committee, a liaison group),
 * the CPPCC office 政协办公室, the proposals committee 提案委员会, the chairs' meeting 主席会议, a chair or
 * vice-chair following a key proposal, and a handling unit 承办单位.
 */
export const PROPOSAL_ROLES = [
  'member',
  'sector',
  'special_committee',
  'liaison_group',
  'office',
  'proposals_committee',
  'chairs_meeting',
  'chair',
  'unit',
] as const;
export type ProposalRole = (typeof PROPOSAL_ROLES)[number];

/** The acts on a proposal whose roles the profile names; acts of a unit or a supervising chair are bound to that unit or chair. */
export const PROPOSAL_ACTS = [
  'submit',
  'review',
  'assign',
  'decide_reassignment',
  'designate_key',
  'rate',
  'close_unrated',
] as const;
export type ProposalAct = (typeof PROPOSAL_ACTS)[number];

/** What the public disclosure of a filed proposal may show; people never appear in it. */
export const PROPOSAL_PUBLIC_FIELDS = [
  'number',
  'title',
  'subject_area',
  'proposer_kind',
  'proposer_body',
  'reasons',
  'suggestions',
  'units',
  'replies',
  'satisfaction',
  'key_proposal',
] as const;
export type ProposalPublicField = (typeof PROPOSAL_PUBLIC_FIELDS)[number];

/** Who writes a duty record 履职记录: the CPPCC office, a liaison group's secretary, or the system (derived). */
export const DUTY_RECORDERS = ['office', 'liaison_group', 'system'] as const;
export type DutyRecorder = (typeof DUTY_RECORDERS)[number];

/** A member's presence at a plenary or standing-committee meeting: present, on leave 请假, absent 缺席. */
export const ATTENDANCE_STATUSES = ['attended', 'on_leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Who takes part in a village consultation 村事民定. */
export const VILLAGE_PARTICIPANT_KINDS = [
  'villager_representative',
  'party_member',
  'cppcc_member',
  'village_cadre',
  'resident',
  'expert',
] as const;
export type VillageParticipantKind = (typeof VILLAGE_PARTICIPANT_KINDS)[number];

/** How a village consultation ends: agreed 通过, not agreed 未通过, deferred 暂缓. */
export const VILLAGE_OUTCOMES = ['agreed', 'not_agreed', 'deferred'] as const;
export type VillageOutcome = (typeof VILLAGE_OUTCOMES)[number];

export const DEADLINE_UNITS = ['months', 'days', 'working_days'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

// Organisational life 组织生活 (三会一课, 主题党日)

export const ORG_LIFE_KINDS = [
  'branch_assembly',
  'branch_committee',
  'group_meeting',
  'party_lecture',
  'themed_day',
] as const;
/** 支部党员大会, 支委会, 党小组会, 党课, 主题党日. */
export type OrgLifeKind = (typeof ORG_LIFE_KINDS)[number];

/** Who holds a meeting of a kind: the branch, or each of its party groups 党小组. */
export const ORG_LIFE_HOLDERS = ['branch', 'group'] as const;
export type OrgLifeHolder = (typeof ORG_LIFE_HOLDERS)[number];

/**
 * Who is expected: every member of the branch (or of the group), each listed as present, on leave
 * or absent; or only those the record lists (the branch committee, whose roster is not kept here).
 */
export const ORG_LIFE_ROSTERS = ['all_members', 'listed'] as const;
export type OrgLifeRoster = (typeof ORG_LIFE_ROSTERS)[number];

// Points from facts 自动记分

/**
 * The facts the system turns into point entries 自动记分: attendance at organisational life
 * (`org_life`, by meeting kind) and a resident request resolved by a member (`resident_request`,
 * by request type). Each kind lists the outcomes a rule may name and the subtypes it may narrow to.
 */
export const POINT_FACT_KINDS = ['org_life', 'resident_request'] as const;
export type PointFactKind = (typeof POINT_FACT_KINDS)[number];

export const POINT_FACT_OUTCOMES: { readonly [K in PointFactKind]: readonly string[] } = {
  org_life: ['present', 'leave', 'absent'],
  resident_request: ['resolved'],
};

export const POINT_FACT_SUBTYPES: { readonly [K in PointFactKind]: readonly string[] } = {
  org_life: ORG_LIFE_KINDS,
  resident_request: REQUEST_TYPES,
};
