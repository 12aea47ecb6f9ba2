import type { ConsultationAct, ConsultationRole } from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, type IssuePath, issue, type LocalizedText } from '../shared/errors.js';
import { duplicateIdIssues, emptyFieldIssues, notBeforeIssues } from '../shared/messages.js';
import { CONSULTATION_ROLE_LABELS } from './types.js';

// Internal helpers below build the issues; only the codes, their unions and the catalog are public.

/**
 * Every code the consultation area reports. The codes are the public contract (docs/consultation.md
 * lists them); messages may change wording. Each function's result type names the subset it can
 * return.
 */
export type ConsultationIssueCode =
  | LiaisonIssueCode
  | GroupIssueCode
  | FormIssueCode
  | OriginationIssueCode
  | StageIssueCode
  | OutcomeIssueCode
  | FilingIssueCode
  | ComplianceIssueCode;

/** Problems any act can have: who, when, what is missing. */
export type CommonIssueCode =
  | 'CONSULTATION_ROLE_NOT_ALLOWED'
  | 'CONSULTATION_DATE_BEFORE_PREVIOUS'
  | 'CONSULTATION_EMPTY_FIELD'
  | 'CONSULTATION_OUT_OF_RANGE'
  | 'CONSULTATION_DUPLICATE_ID';

export type LiaisonIssueCode =
  | 'CONSULTATION_LIAISON_GROUP_MISSING'
  | 'CONSULTATION_FIVE_HAVE_MISSING'
  | 'CONSULTATION_TOWNSHIP_TOO_FEW_MEMBERS'
  | 'CONSULTATION_TOWNSHIP_SHARE_TOO_LOW'
  | 'CONSULTATION_SECTOR_COUNT_MISMATCH'
  | 'CONSULTATION_UNKNOWN_SECTOR'
  | 'CONSULTATION_UNKNOWN_TOWNSHIP'
  | 'CONSULTATION_DUPLICATE_ID';

export type GroupIssueCode =
  | 'CONSULTATION_GROUP_TOO_SMALL'
  | 'CONSULTATION_GROUP_TOO_LARGE'
  | 'CONSULTATION_GROUP_FIXED_MINORITY'
  | 'CONSULTATION_GROUP_TOO_FEW_CATEGORIES'
  | 'CONSULTATION_GROUP_CATEGORY_NOT_ALLOWED'
  | 'CONSULTATION_GROUP_CONFLICT_OF_INTEREST'
  | 'CONSULTATION_GROUP_FIXED_NOT_RESIDENT'
  | 'CONSULTATION_GROUP_WRONG_TOPIC'
  | 'CONSULTATION_GROUP_RULES_CONFLICT'
  | 'CONSULTATION_DUPLICATE_ID';

export type FormIssueCode =
  | 'CONSULTATION_ROUTINE_NOT_CONSULTED'
  | 'CONSULTATION_ROUTINE_MEETING_PENDING'
  | 'CONSULTATION_THEMATIC_UNKNOWN_KIND'
  | 'CONSULTATION_THEMATIC_LIMIT_REACHED';

export type OriginationIssueCode =
  | CommonIssueCode
  | 'CONSULTATION_ORIGIN_STEP_NOT_ON_PATH'
  | 'CONSULTATION_ORIGIN_OUT_OF_ORDER'
  | 'CONSULTATION_ORIGIN_PARTY_MISSING'
  | 'CONSULTATION_ORIGIN_NO_OPINIONS'
  | 'CONSULTATION_ORIGIN_CLOSED'
  | 'CONSULTATION_THEMATIC_UNKNOWN_KIND'
  | 'CONSULTATION_THEMATIC_LIMIT_REACHED';

export type GateIssueCode =
  | 'CONSULTATION_GATE_COMMUNICATION_MISSING'
  | 'CONSULTATION_GATE_PLAN_NOT_APPROVED'
  | 'CONSULTATION_GATE_RESEARCH_MISSING'
  | 'CONSULTATION_GATE_PUBLIC_OPINION_MISSING'
  | 'CONSULTATION_GATE_MEETING_NOT_HELD';

export type StageIssueCode =
  | CommonIssueCode
  | GroupIssueCode
  | GateIssueCode
  | 'CONSULTATION_TOPIC_NOT_ESTABLISHED'
  | 'CONSULTATION_STAGE_NOT_REACHED'
  | 'CONSULTATION_STAGE_PASSED'
  | 'CONSULTATION_STAGE_OUT_OF_ORDER'
  | 'CONSULTATION_COMPLETED'
  | 'CONSULTATION_PLAN_NOT_DRAFTED'
  | 'CONSULTATION_PLAN_ALREADY_APPROVED'
  | 'CONSULTATION_MEETING_NO_QUORUM'
  | 'CONSULTATION_MEETING_NOT_GROUP_MEMBER'
  | 'CONSULTATION_MEETING_SHORT_NOTICE'
  | 'CONSULTATION_MEETING_ALREADY_HELD'
  | 'CONSULTATION_PROPOSAL_EMPTY';

export type OutcomeIssueCode =
  | CommonIssueCode
  | 'CONSULTATION_NOT_COMPLETED'
  | 'CONSULTATION_UNKNOWN_ITEM'
  | 'CONSULTATION_ADOPTION_ALREADY_DECIDED'
  | 'CONSULTATION_ADOPTION_REASON_REQUIRED'
  | 'CONSULTATION_ITEM_NOT_ADOPTED'
  | 'CONSULTATION_IMPLEMENTATION_EXISTS'
  | 'CONSULTATION_IMPLEMENTATION_NOT_PLANNED'
  | 'CONSULTATION_UNKNOWN_TASK'
  | 'CONSULTATION_PROGRESS_DERIVED'
  | 'CONSULTATION_TASK_COMPLETED'
  | 'CONSULTATION_EVIDENCE_REQUIRED';

export type FilingIssueCode =
  | CommonIssueCode
  | 'CONSULTATION_FILING_BEFORE_MEETING'
  | 'CONSULTATION_FILING_UNKNOWN_VILLAGE';

/** Findings of the yearly compliance report that no single act refuses. */
export type ComplianceIssueCode =
  | 'CONSULTATION_THEMATIC_TOO_FEW'
  | 'CONSULTATION_THEMATIC_TOO_MANY'
  | 'CONSULTATION_MINUTES_NOT_FILED'
  | 'CONSULTATION_FILING_LATE'
  | 'CONSULTATION_REPORT_LATE';

/**
 * What each code means, in both languages: the source of the codes table in docs/consultation.md
 * (a test keeps the two equal). The record's type makes the compiler list every code.
 */
export const CONSULTATION_ISSUE_CATALOG: { readonly [C in ConsultationIssueCode]: LocalizedText } = {
  CONSULTATION_ROLE_NOT_ALLOWED: { zh: '该角色不能执行此操作', en: 'the role may not perform this act' },
  CONSULTATION_DATE_BEFORE_PREVIOUS: {
    zh: '日期早于上一步的日期',
    en: 'the date is earlier than the previous step',
  },
  CONSULTATION_EMPTY_FIELD: { zh: '必填内容为空', en: 'a required field is empty' },
  CONSULTATION_OUT_OF_RANGE: { zh: '数值超出允许范围', en: 'a number is outside its allowed range' },
  CONSULTATION_DUPLICATE_ID: { zh: '编号重复', en: 'an id is used twice' },
  CONSULTATION_LIAISON_GROUP_MISSING: {
    zh: '乡镇未成立政协联络组',
    en: 'a township has no CPPCC liaison group',
  },
  CONSULTATION_FIVE_HAVE_MISSING: {
    zh: '联络组“五有”中某项缺少佐证',
    en: 'one of the liaison group’s five haves has no evidence',
  },
  CONSULTATION_TOWNSHIP_TOO_FEW_MEMBERS: {
    zh: '乡镇政协委员数少于规定人数',
    en: 'a township has fewer CPPCC members than required',
  },
  CONSULTATION_TOWNSHIP_SHARE_TOO_LOW: {
    zh: '乡镇推荐委员占比低于规定',
    en: 'the share of members recommended by townships is below the floor',
  },
  CONSULTATION_SECTOR_COUNT_MISMATCH: {
    zh: '界别数与规定不符',
    en: 'the number of sectors differs from the rule',
  },
  CONSULTATION_UNKNOWN_SECTOR: { zh: '委员所属界别不存在', en: 'a member belongs to an unknown sector' },
  CONSULTATION_UNKNOWN_TOWNSHIP: { zh: '委员所在乡镇不存在', en: 'a member belongs to an unknown township' },
  CONSULTATION_GROUP_TOO_SMALL: {
    zh: '协商小组人数少于下限',
    en: 'the consultation group is smaller than the minimum',
  },
  CONSULTATION_GROUP_TOO_LARGE: {
    zh: '协商小组人数多于上限',
    en: 'the consultation group is larger than the maximum',
  },
  CONSULTATION_GROUP_FIXED_MINORITY: {
    zh: '固定成员（本乡镇政协委员）占比不足',
    en: 'fixed members (CPPCC members of the township) are too small a share',
  },
  CONSULTATION_GROUP_TOO_FEW_CATEGORIES: {
    zh: '特邀人员涵盖的类别不足',
    en: 'invited members cover too few categories',
  },
  CONSULTATION_GROUP_CATEGORY_NOT_ALLOWED: {
    zh: '特邀人员类别不在本县规定之内',
    en: 'an invited member’s category is not one the profile allows',
  },
  CONSULTATION_GROUP_CONFLICT_OF_INTEREST: {
    zh: '成员与议题存在利益冲突',
    en: 'a member has a conflict of interest with the topic',
  },
  CONSULTATION_GROUP_FIXED_NOT_RESIDENT: {
    zh: '固定成员不住在本乡镇',
    en: 'a fixed member does not live in the township',
  },
  CONSULTATION_GROUP_WRONG_TOPIC: {
    zh: '协商小组属于其他议题或乡镇',
    en: 'the consultation group belongs to another topic or township',
  },
  CONSULTATION_GROUP_RULES_CONFLICT: {
    zh: '各项组成规则无法同时满足',
    en: 'the composition rules cannot all be met together',
  },
  CONSULTATION_ROUTINE_NOT_CONSULTED: {
    zh: '必须例行协商的事项未经协商',
    en: 'an item that must be consulted was not consulted',
  },
  CONSULTATION_ROUTINE_MEETING_PENDING: {
    zh: '例行协商尚未召开协商会议',
    en: 'the routine consultation has not held its meeting yet',
  },
  CONSULTATION_THEMATIC_UNKNOWN_KIND: {
    zh: '专题协商议题类型不在规定之内',
    en: 'the thematic topic kind is not one the profile lists',
  },
  CONSULTATION_THEMATIC_LIMIT_REACHED: {
    zh: '联络组本年度专题协商议题已达上限',
    en: 'the liaison group already has the most thematic topics allowed this year',
  },
  CONSULTATION_THEMATIC_TOO_FEW: {
    zh: '本年度专题协商少于规定数量',
    en: 'fewer thematic consultations this year than required',
  },
  CONSULTATION_THEMATIC_TOO_MANY: {
    zh: '本年度专题协商多于规定数量',
    en: 'more thematic consultations this year than allowed',
  },
  CONSULTATION_ORIGIN_STEP_NOT_ON_PATH: {
    zh: '该步骤不属于此议题提出方式',
    en: 'the step is not part of this origination path',
  },
  CONSULTATION_ORIGIN_OUT_OF_ORDER: {
    zh: '议题提出步骤顺序不对',
    en: 'the origination step is out of order',
  },
  CONSULTATION_ORIGIN_PARTY_MISSING: {
    zh: '议题提出缺少必须参与的一方',
    en: 'a body that must take part in the origination step is missing',
  },
  CONSULTATION_ORIGIN_NO_OPINIONS: {
    zh: '征求社情民意未收到意见',
    en: 'soliciting public opinion received no opinions',
  },
  CONSULTATION_ORIGIN_CLOSED: {
    zh: '议题已确定或已否决，不能再记录步骤',
    en: 'the topic is already decided; no further steps can be recorded',
  },
  CONSULTATION_TOPIC_NOT_ESTABLISHED: {
    zh: '议题尚未确定',
    en: 'the topic has not been established',
  },
  CONSULTATION_STAGE_NOT_REACHED: {
    zh: '尚未进入该环节',
    en: 'the consultation has not reached that stage',
  },
  CONSULTATION_STAGE_PASSED: { zh: '该环节已经结束', en: 'that stage is already over' },
  CONSULTATION_STAGE_OUT_OF_ORDER: {
    zh: '只能进入下一个环节',
    en: 'a consultation can only move to the next stage',
  },
  CONSULTATION_COMPLETED: {
    zh: '协商成果已上报，协商环节已结束',
    en: 'the outcomes are reported; the stages are over',
  },
  CONSULTATION_GATE_COMMUNICATION_MISSING: {
    zh: '商前沟通未覆盖规定各方',
    en: 'pre-consultation communication has not reached every required party',
  },
  CONSULTATION_GATE_PLAN_NOT_APPROVED: {
    zh: '协商方案未经批准',
    en: 'the consultation plan is not approved',
  },
  CONSULTATION_GATE_RESEARCH_MISSING: {
    zh: '调查研究次数不足',
    en: 'too few research activities are recorded',
  },
  CONSULTATION_GATE_PUBLIC_OPINION_MISSING: {
    zh: '调查研究未听取群众意见',
    en: 'the research has not heard any residents',
  },
  CONSULTATION_GATE_MEETING_NOT_HELD: {
    zh: '协商会议尚未召开',
    en: 'the consultation meeting has not been held',
  },
  CONSULTATION_PLAN_NOT_DRAFTED: {
    zh: '协商方案尚未拟定',
    en: 'no consultation plan has been drafted',
  },
  CONSULTATION_PLAN_ALREADY_APPROVED: {
    zh: '协商方案已经批准',
    en: 'the consultation plan is already approved',
  },
  CONSULTATION_MEETING_NO_QUORUM: {
    zh: '协商会议出席人数不足',
    en: 'too few group members attend the consultation meeting',
  },
  CONSULTATION_MEETING_NOT_GROUP_MEMBER: {
    zh: '出席人员不是协商小组成员',
    en: 'an attendee is not a member of the consultation group',
  },
  CONSULTATION_MEETING_SHORT_NOTICE: {
    zh: '会议通知提前天数不足',
    en: 'the meeting was notified too late',
  },
  CONSULTATION_MEETING_ALREADY_HELD: {
    zh: '协商会议已经召开',
    en: 'the consultation meeting has already been held',
  },
  CONSULTATION_PROPOSAL_EMPTY: { zh: '协商建议书没有建议事项', en: 'the consultation proposal has no items' },
  CONSULTATION_NOT_COMPLETED: {
    zh: '协商成果尚未上报',
    en: 'the outcomes have not been reported yet',
  },
  CONSULTATION_UNKNOWN_ITEM: { zh: '建议书中没有该建议事项', en: 'the proposal has no such item' },
  CONSULTATION_ADOPTION_ALREADY_DECIDED: {
    zh: '该建议事项已作出采纳决定',
    en: 'the item’s adoption is already decided',
  },
  CONSULTATION_ADOPTION_REASON_REQUIRED: {
    zh: '未采纳须说明理由',
    en: 'declining an item needs a reason',
  },
  CONSULTATION_ITEM_NOT_ADOPTED: {
    zh: '建议事项未被采纳，无需落实',
    en: 'the item was not adopted, so there is nothing to implement',
  },
  CONSULTATION_IMPLEMENTATION_EXISTS: {
    zh: '该建议事项已有落实计划',
    en: 'the item already has an implementation plan',
  },
  CONSULTATION_IMPLEMENTATION_NOT_PLANNED: {
    zh: '该建议事项尚无落实计划',
    en: 'the item has no implementation plan yet',
  },
  CONSULTATION_UNKNOWN_TASK: { zh: '落实计划中没有该任务', en: 'the implementation plan has no such task' },
  CONSULTATION_PROGRESS_DERIVED: {
    zh: '有子任务的任务进度由子任务汇总，不能直接填报',
    en: 'a task with sub-tasks takes its progress from them',
  },
  CONSULTATION_TASK_COMPLETED: { zh: '任务已完成', en: 'the task is already completed' },
  CONSULTATION_EVIDENCE_REQUIRED: {
    zh: '任务完成须提供佐证材料',
    en: 'completing a task needs evidence',
  },
  CONSULTATION_FILING_BEFORE_MEETING: {
    zh: '备案日期早于协商会议日期',
    en: 'minutes are filed before the meeting they record',
  },
  CONSULTATION_FILING_UNKNOWN_VILLAGE: {
    zh: '备案的村（居）不属于该乡镇',
    en: 'the village is not one of the township’s',
  },
  CONSULTATION_MINUTES_NOT_FILED: {
    zh: '村（居）备案的协商纪要少于规定',
    en: 'a village filed fewer consultation minutes than required',
  },
  CONSULTATION_FILING_LATE: {
    zh: '协商纪要备案超过规定期限',
    en: 'minutes were filed after the deadline',
  },
  CONSULTATION_REPORT_LATE: {
    zh: '协商成果上报超过规定期限',
    en: 'the outcomes were reported after the deadline',
  },
};

/** Every code, in catalog order. */
export const CONSULTATION_ISSUE_CODES = Object.keys(
  CONSULTATION_ISSUE_CATALOG,
) as readonly ConsultationIssueCode[];

export { listText, percent } from '../shared/messages.js';

/** Role names in both languages, joined. */
export function rolesText(roles: readonly ConsultationRole[]): LocalizedText {
  return {
    zh: roles.map((r) => CONSULTATION_ROLE_LABELS[r].zh).join('、'),
    en: roles.map((r) => CONSULTATION_ROLE_LABELS[r].en).join(', '),
  };
}

/** How an act appears in messages. */
const ACT_LABELS: { readonly [A in ConsultationAct]: LocalizedText } = {
  start: { zh: '启动协商', en: 'start the consultation' },
  communicate: { zh: '记录商前沟通', en: 'record pre-consultation communication' },
  advance: { zh: '进入下一环节', en: 'move to the next stage' },
  draft_plan: { zh: '拟定协商方案', en: 'draft the consultation plan' },
  decide_plan: { zh: '审定协商方案', en: 'decide on the consultation plan' },
  record_research: { zh: '记录调查研究', en: 'record research' },
  hold_meeting: { zh: '召开协商会议', en: 'hold the consultation meeting' },
  submit_report: { zh: '上报协商成果', en: 'report the outcomes' },
  decide_adoption: { zh: '作出采纳决定', en: 'decide on adoption' },
  plan_implementation: { zh: '制定落实计划', en: 'plan the implementation' },
  record_progress: { zh: '填报落实进度', en: 'record implementation progress' },
  file_minutes: { zh: '备案协商纪要', en: 'file consultation minutes' },
};

/** The name of an act, for messages. */
export function actText(act: ConsultationAct): LocalizedText {
  return ACT_LABELS[act];
}

/** The actor's role may not perform the act. */
export function roleNotAllowed(
  what: LocalizedText,
  role: ConsultationRole,
  allowed: readonly ConsultationRole[],
  path: IssuePath = ['by', 'role'],
): Issue<'CONSULTATION_ROLE_NOT_ALLOWED'> {
  const has = CONSULTATION_ROLE_LABELS[role] ?? { zh: String(role), en: String(role) };
  const may = rolesText(allowed);
  return issue(
    'CONSULTATION_ROLE_NOT_ALLOWED',
    {
      zh: `${has.zh}不能${what.zh}，只有${may.zh}可以`,
      en: `a ${has.en} may not ${what.en}; only ${may.en} may`,
    },
    path,
    { role, allowed },
  );
}

/** Checks the actor's role against the profile's list for an act. */
export function checkRole(
  act: ConsultationAct,
  role: ConsultationRole,
  allowed: readonly ConsultationRole[],
): Issue<'CONSULTATION_ROLE_NOT_ALLOWED'>[] {
  return allowed.includes(role) ? [] : [roleNotAllowed(actText(act), role, allowed)];
}

/** Time never runs backwards within one record. */
export function checkNotBefore(
  on: LocalDate,
  previous: LocalDate | undefined,
  path: IssuePath = ['on'],
): Issue<'CONSULTATION_DATE_BEFORE_PREVIOUS'>[] {
  return notBeforeIssues('CONSULTATION_DATE_BEFORE_PREVIOUS', on, previous, path);
}

/** A required text is missing or blank. */
export function checkText(
  value: unknown,
  field: LocalizedText,
  path: IssuePath,
): Issue<'CONSULTATION_EMPTY_FIELD'>[] {
  return emptyFieldIssues('CONSULTATION_EMPTY_FIELD', value, field, path);
}

/** A number outside `[min, max]` (or not a finite number at all). */
export function checkRange(
  value: number,
  min: number,
  max: number,
  field: LocalizedText,
  path: IssuePath,
  integer = false,
): Issue<'CONSULTATION_OUT_OF_RANGE'>[] {
  if (Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value)))
    return [];
  const bound = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `${min}–${max}`;
  return [
    issue(
      'CONSULTATION_OUT_OF_RANGE',
      {
        zh: `${field.zh}应为 ${bound}${integer ? ' 的整数' : ''}，实际为 ${String(value)}`,
        en: `${field.en} must be ${integer ? 'a whole number ' : ''}${bound}, not ${String(value)}`,
      },
      path,
      { value, min, max },
    ),
  ];
}

/** A number that must be positive and finite (a weight). */
export function checkPositive(
  value: number,
  field: LocalizedText,
  path: IssuePath,
): Issue<'CONSULTATION_OUT_OF_RANGE'>[] {
  if (Number.isFinite(value) && value > 0) return [];
  return [
    issue(
      'CONSULTATION_OUT_OF_RANGE',
      {
        zh: `${field.zh}应为大于 0 的数，实际为 ${String(value)}`,
        en: `${field.en} must be a number greater than 0, not ${String(value)}`,
      },
      path,
      { value, min: 0, exclusive: true },
    ),
  ];
}

/** The same id twice in one list; rows count from 0, as in paths. */
export function duplicateIds(
  ids: readonly string[],
  what: LocalizedText,
  path: (index: number) => IssuePath,
): Issue<'CONSULTATION_DUPLICATE_ID'>[] {
  return duplicateIdIssues('CONSULTATION_DUPLICATE_ID', ids, what, path);
}
