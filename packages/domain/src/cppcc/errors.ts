import { type Issue, type IssuePath, issue, type LocalizedText } from '../shared/errors.js';
import { duplicateIdIssues, emptyFieldIssues, notBeforeIssues } from '../shared/messages.js';
import { codePointLength } from '../shared/text.js';

// Internal helpers below build the issues; only the codes, their unions and the catalog are public.

/** Problems any act can have: who, when, what is missing or unknown. */
export type CppccCommonIssueCode =
  | 'CPPCC_ROLE_NOT_ALLOWED'
  | 'CPPCC_ACTOR_MISMATCH'
  | 'CPPCC_EMPTY_FIELD'
  | 'CPPCC_TEXT_TOO_LONG'
  | 'CPPCC_DATE_BEFORE_PREVIOUS'
  | 'CPPCC_DUPLICATE_ID'
  | 'CPPCC_UNKNOWN_MEMBER'
  | 'CPPCC_UNKNOWN_SECTOR'
  | 'CPPCC_UNKNOWN_COMMITTEE'
  | 'CPPCC_UNKNOWN_TOWNSHIP'
  | 'CPPCC_INVALID_TRANSITION'
  | 'CPPCC_REASON_REQUIRED';

/** What `checkCommittee` finds wrong with a term's committee. */
export type CommitteeIssueCode =
  | 'CPPCC_DUPLICATE_ID'
  | 'CPPCC_UNKNOWN_MEMBER'
  | 'CPPCC_UNKNOWN_SECTOR'
  | 'CPPCC_UNKNOWN_COMMITTEE'
  | 'CPPCC_UNKNOWN_TOWNSHIP';

/** Why an act on a proposal is refused. */
export type ProposalIssueCode =
  | CppccCommonIssueCode
  | 'CPPCC_PROPOSER_KIND_NOT_ALLOWED'
  | 'CPPCC_JOINT_SIZE'
  | 'CPPCC_OUTSIDE_SUBMISSION_WINDOW'
  | 'CPPCC_UNKNOWN_SUBJECT_AREA'
  | 'CPPCC_UNKNOWN_PROPOSAL'
  | 'CPPCC_MERGE_TARGET_INVALID'
  | 'CPPCC_LEAD_ALSO_CO_UNIT'
  | 'CPPCC_TOO_MANY_CO_UNITS'
  | 'CPPCC_REASSIGNMENT_LIMIT'
  | 'CPPCC_REASSIGNMENT_WINDOW_CLOSED'
  | 'CPPCC_REASSIGNMENT_PENDING'
  | 'CPPCC_NO_REASSIGNMENT_PENDING'
  | 'CPPCC_UNIT_ALREADY_ASSIGNED'
  | 'CPPCC_CO_OPINION_EXISTS'
  | 'CPPCC_RATING_WINDOW_OPEN'
  | 'CPPCC_KEY_LIMIT_REACHED'
  | 'CPPCC_ALREADY_KEY'
  | 'CPPCC_SUPERVISOR_NOT_ELIGIBLE'
  | 'CPPCC_NOT_KEY_PROPOSAL';

/** What a proposal's follow-up flags without refusing anything: late, overdue, unsupervised, unrated. */
export type ProposalFindingCode =
  | 'CPPCC_REPLY_OVERDUE'
  | 'CPPCC_REPLY_LATE'
  | 'CPPCC_CO_OPINION_OVERDUE'
  | 'CPPCC_KEY_NOT_SUPERVISED'
  | 'CPPCC_NOT_RATED';

/** Why a duty record or reversal is refused, and the year-end finding. */
export type DutyIssueCode =
  | 'CPPCC_EMPTY_FIELD'
  | 'CPPCC_REASON_REQUIRED'
  | 'CPPCC_UNKNOWN_MEMBER'
  | 'CPPCC_IDEMPOTENCY_CONFLICT'
  | 'CPPCC_DUTY_NO_RULES_AT_DATE'
  | 'CPPCC_DUTY_UNKNOWN_ITEM'
  | 'CPPCC_DUTY_SECTOR_NOT_ELIGIBLE'
  | 'CPPCC_DUTY_RECORDER_NOT_ALLOWED'
  | 'CPPCC_DUTY_OUTSIDE_TOWNSHIP'
  | 'CPPCC_DUTY_INVALID_QUANTITY'
  | 'CPPCC_DUTY_EVIDENCE_REQUIRED'
  | 'CPPCC_DUTY_DATE_AFTER_RECORDING'
  | 'CPPCC_DUTY_UNKNOWN_RECORD'
  | 'CPPCC_DUTY_ALREADY_REVERSED'
  | 'CPPCC_DUTY_SOURCE_MANAGED'
  | 'CPPCC_DUTY_BELOW_MINIMUM';

/** Why a roll call is refused. */
export type AttendanceIssueCode =
  | 'CPPCC_EMPTY_FIELD'
  | 'CPPCC_REASON_REQUIRED'
  | 'CPPCC_DUPLICATE_ID'
  | 'CPPCC_UNKNOWN_MEMBER'
  | 'CPPCC_ATTENDANCE_MISSING'
  | 'CPPCC_ATTENDANCE_NOT_EXPECTED';

/** Why an act of a village consultation is refused. */
export type VillageIssueCode =
  | 'CPPCC_ROLE_NOT_ALLOWED'
  | 'CPPCC_EMPTY_FIELD'
  | 'CPPCC_REASON_REQUIRED'
  | 'CPPCC_DATE_BEFORE_PREVIOUS'
  | 'CPPCC_DUPLICATE_ID'
  | 'CPPCC_UNKNOWN_MEMBER'
  | 'CPPCC_INVALID_TRANSITION'
  | 'CPPCC_UNKNOWN_VILLAGE'
  | 'CPPCC_VILLAGE_KIND_NOT_ALLOWED'
  | 'CPPCC_VILLAGE_KIND_MISSING'
  | 'CPPCC_VILLAGE_TOO_FEW_PARTICIPANTS'
  | 'CPPCC_VILLAGE_REPRESENTATIVES_MINORITY'
  | 'CPPCC_VILLAGE_CPPCC_NOT_LOCAL'
  | 'CPPCC_VILLAGE_NOT_PARTICIPANT'
  | 'CPPCC_VILLAGE_NO_QUORUM'
  | 'CPPCC_VILLAGE_VOTES_INVALID'
  | 'CPPCC_VILLAGE_NOT_PASSED';

/**
 * Every code the CPPCC area reports. The codes are the public contract (docs/cppcc.md lists
 * them); messages may change wording. Each function's result type names the subset it returns.
 */
export type CppccIssueCode =
  | CppccCommonIssueCode
  | CommitteeIssueCode
  | ProposalIssueCode
  | ProposalFindingCode
  | DutyIssueCode
  | AttendanceIssueCode
  | VillageIssueCode;

export type CppccIssue<C extends CppccIssueCode = CppccIssueCode> = Issue<C>;

/**
 * What each code means, in both languages: the source of the codes table in docs/cppcc.md (a test
 * keeps the two equal). The record's type makes the compiler list every code.
 */
export const CPPCC_ISSUE_CATALOG: { readonly [C in CppccIssueCode]: LocalizedText } = {
  CPPCC_ROLE_NOT_ALLOWED: { zh: '该角色不能执行此操作', en: 'the role may not perform this act' },
  CPPCC_ACTOR_MISMATCH: {
    zh: '操作者不是该提案的提案人、承办单位或督办领导',
    en: 'the actor is not the proposer, the unit or the supervisor this act belongs to',
  },
  CPPCC_EMPTY_FIELD: { zh: '必填内容为空', en: 'a required field is empty' },
  CPPCC_TEXT_TOO_LONG: { zh: '文字超过规定长度', en: 'a text is longer than allowed' },
  CPPCC_DATE_BEFORE_PREVIOUS: {
    zh: '日期早于上一步的日期',
    en: 'the date is earlier than the previous step',
  },
  CPPCC_DUPLICATE_ID: { zh: '编号重复', en: 'an id is used twice' },
  CPPCC_UNKNOWN_MEMBER: { zh: '不是本届县政协委员', en: 'not a member of the county CPPCC of this term' },
  CPPCC_UNKNOWN_SECTOR: { zh: '界别不存在', en: 'no such sector' },
  CPPCC_UNKNOWN_COMMITTEE: { zh: '专门委员会不存在', en: 'no such special committee' },
  CPPCC_UNKNOWN_TOWNSHIP: { zh: '乡镇不存在', en: 'no such township' },
  CPPCC_INVALID_TRANSITION: {
    zh: '当前状态下不能执行此操作',
    en: 'the act is not possible in the current status',
  },
  CPPCC_REASON_REQUIRED: { zh: '须说明理由', en: 'a reason is required' },
  CPPCC_PROPOSER_KIND_NOT_ALLOWED: {
    zh: '本县不接受此类提案人的提案',
    en: 'the county does not accept proposals from this kind of proposer',
  },
  CPPCC_JOINT_SIZE: { zh: '联名提案人数不符合规定', en: 'a joint proposal has too few or too many signers' },
  CPPCC_OUTSIDE_SUBMISSION_WINDOW: {
    zh: '不在本次全体会议的提案提交时间内',
    en: 'outside the plenary meeting’s submission window',
  },
  CPPCC_UNKNOWN_SUBJECT_AREA: { zh: '提案类别不存在', en: 'no such subject area' },
  CPPCC_UNKNOWN_PROPOSAL: { zh: '本次会议没有该提案', en: 'the plenary meeting has no such proposal' },
  CPPCC_MERGE_TARGET_INVALID: {
    zh: '并案的目标提案须为本次会议已立案、尚未答复的其他提案',
    en: 'a proposal can only be merged into another filed proposal of the meeting not yet replied to',
  },
  CPPCC_LEAD_ALSO_CO_UNIT: {
    zh: '主办单位同时列为协办单位',
    en: 'the lead unit is also listed as a co-unit',
  },
  CPPCC_TOO_MANY_CO_UNITS: { zh: '协办单位过多', en: 'too many co-units' },
  CPPCC_REASSIGNMENT_LIMIT: {
    zh: '该单位申请调整的次数已用完',
    en: 'the unit has already asked to be relieved as often as allowed',
  },
  CPPCC_REASSIGNMENT_WINDOW_CLOSED: {
    zh: '已超过申请调整的期限',
    en: 'the time to ask for reassignment has passed',
  },
  CPPCC_REASSIGNMENT_PENDING: {
    zh: '有尚未决定的调整申请',
    en: 'a reassignment request is awaiting a decision',
  },
  CPPCC_NO_REASSIGNMENT_PENDING: {
    zh: '没有待决定的调整申请',
    en: 'there is no reassignment request to decide',
  },
  CPPCC_UNIT_ALREADY_ASSIGNED: {
    zh: '该单位已承办此提案',
    en: 'the unit is already handling the proposal',
  },
  CPPCC_CO_OPINION_EXISTS: {
    zh: '协办单位本轮已提出协办意见',
    en: 'the co-unit has already given its opinion in this round',
  },
  CPPCC_RATING_WINDOW_OPEN: {
    zh: '提案人反馈意见的期限未满，不能按未反馈办结',
    en: 'the proposer may still rate the reply; it cannot be closed unrated yet',
  },
  CPPCC_KEY_LIMIT_REACHED: {
    zh: '本次会议重点提案已达上限',
    en: 'the meeting already has the most key proposals allowed',
  },
  CPPCC_ALREADY_KEY: { zh: '已是重点提案', en: 'the proposal is already a key proposal' },
  CPPCC_SUPERVISOR_NOT_ELIGIBLE: {
    zh: '督办领导须为规定职务的县政协领导',
    en: 'the supervisor must hold one of the posts the profile names',
  },
  CPPCC_NOT_KEY_PROPOSAL: { zh: '不是重点提案', en: 'the proposal is not a key proposal' },
  CPPCC_REPLY_OVERDUE: {
    zh: '已过答复期限仍未答复',
    en: 'the reply is overdue',
  },
  CPPCC_REPLY_LATE: { zh: '答复超过期限', en: 'the reply came after the deadline' },
  CPPCC_CO_OPINION_OVERDUE: {
    zh: '协办意见逾期未提出或逾期提出',
    en: 'a co-unit’s opinion is overdue or came late',
  },
  CPPCC_KEY_NOT_SUPERVISED: {
    zh: '重点提案督办记录不足',
    en: 'a key proposal has too few supervision records',
  },
  CPPCC_NOT_RATED: {
    zh: '提案人逾期未反馈对答复的意见',
    en: 'the proposer has not rated the reply in time',
  },
  CPPCC_IDEMPOTENCY_CONFLICT: {
    zh: '同一编号已用于内容不同的记录',
    en: 'the key was already used for a different entry',
  },
  CPPCC_DUTY_NO_RULES_AT_DATE: {
    zh: '该日期没有生效的规则版本',
    en: 'no rule version is in force on that date',
  },
  CPPCC_DUTY_UNKNOWN_ITEM: { zh: '履职项目不存在', en: 'no such duty item' },
  CPPCC_DUTY_SECTOR_NOT_ELIGIBLE: {
    zh: '该履职项目不适用于委员所属界别',
    en: 'the duty item does not apply to the member’s sector',
  },
  CPPCC_DUTY_RECORDER_NOT_ALLOWED: {
    zh: '该记录人不能记录此履职项目',
    en: 'the recorder may not record this duty item',
  },
  CPPCC_DUTY_OUTSIDE_TOWNSHIP: {
    zh: '联络组只能为本乡镇委员记录履职',
    en: 'a liaison group records only the members of its own township',
  },
  CPPCC_DUTY_INVALID_QUANTITY: { zh: '数量不符合项目要求', en: 'the quantity does not fit the item' },
  CPPCC_DUTY_EVIDENCE_REQUIRED: { zh: '该项目须提供佐证材料', en: 'the item needs evidence' },
  CPPCC_DUTY_DATE_AFTER_RECORDING: {
    zh: '履职日期晚于记录日期',
    en: 'the duty date is after the day it is recorded',
  },
  CPPCC_DUTY_UNKNOWN_RECORD: { zh: '要冲正的履职记录不存在', en: 'the record to reverse does not exist' },
  CPPCC_DUTY_ALREADY_REVERSED: { zh: '该履职记录已冲正', en: 'the record is already reversed' },
  CPPCC_DUTY_SOURCE_MANAGED: {
    zh: '由提案、点名或协商自动生成的记录只能由系统随来源更正',
    en: 'records derived from proposals, roll calls or consultations change only with their source',
  },
  CPPCC_DUTY_BELOW_MINIMUM: {
    zh: '年度履职积分低于最低要求，列入年终履职考核',
    en: 'the year’s duty score is below the minimum; flagged for the year-end duty review',
  },
  CPPCC_ATTENDANCE_MISSING: {
    zh: '应出席的委员未列入点名',
    en: 'a member expected at the meeting is missing from the roll call',
  },
  CPPCC_ATTENDANCE_NOT_EXPECTED: {
    zh: '点名中列入了不应出席该会议的人员',
    en: 'the roll call lists someone not expected at the meeting',
  },
  CPPCC_UNKNOWN_VILLAGE: { zh: '村（社区）不存在', en: 'no such village (community)' },
  CPPCC_VILLAGE_KIND_NOT_ALLOWED: {
    zh: '参加人员类别不在本县规定之内',
    en: 'a participant’s kind is not one the profile allows',
  },
  CPPCC_VILLAGE_KIND_MISSING: {
    zh: '缺少必须参加的人员类别',
    en: 'a kind of participant that must take part is missing',
  },
  CPPCC_VILLAGE_TOO_FEW_PARTICIPANTS: {
    zh: '参加人数少于规定',
    en: 'fewer participants than required',
  },
  CPPCC_VILLAGE_REPRESENTATIVES_MINORITY: {
    zh: '村民代表占比低于规定',
    en: "villagers' representatives are too small a share",
  },
  CPPCC_VILLAGE_CPPCC_NOT_LOCAL: {
    zh: '参加的政协委员不属于本乡镇联络组',
    en: 'a CPPCC member taking part does not belong to the township’s liaison group',
  },
  CPPCC_VILLAGE_NOT_PARTICIPANT: {
    zh: '出席人员不在参加人员名单中',
    en: 'an attendee is not among the participants',
  },
  CPPCC_VILLAGE_NO_QUORUM: { zh: '出席人数不足', en: 'too few participants attend' },
  CPPCC_VILLAGE_VOTES_INVALID: {
    zh: '表决票数与出席人数不符',
    en: 'the votes do not add up to the attendance',
  },
  CPPCC_VILLAGE_NOT_PASSED: {
    zh: '赞成票未过半数，不能记为通过',
    en: 'too few votes in favour to record the matter as agreed',
  },
};

/** Every code, in catalog order. */
export const CPPCC_ISSUE_CODES = Object.keys(CPPCC_ISSUE_CATALOG) as readonly CppccIssueCode[];

export { listText, percent } from '../shared/messages.js';

/** A required text is missing or blank. */
export function checkText(
  value: unknown,
  field: LocalizedText,
  path: IssuePath,
): Issue<'CPPCC_EMPTY_FIELD'>[] {
  return emptyFieldIssues('CPPCC_EMPTY_FIELD', value, field, path);
}

/** A text longer than the profile allows, counted in characters (code points). */
export function checkLength(
  value: string,
  max: number,
  field: LocalizedText,
  path: IssuePath,
): Issue<'CPPCC_TEXT_TOO_LONG'>[] {
  if (value.length <= max) return [];
  const length = codePointLength(value);
  if (length <= max) return [];
  return [
    issue(
      'CPPCC_TEXT_TOO_LONG',
      {
        zh: `${field.zh}过长（${length} 字），最多 ${max} 字`,
        en: `${field.en} is too long (${length} characters); at most ${max}`,
      },
      path,
      { length, max },
    ),
  ];
}

/** Time never runs backwards within one record. */
export function checkNotBefore(
  on: string,
  previous: string | undefined,
  path: IssuePath = ['on'],
): Issue<'CPPCC_DATE_BEFORE_PREVIOUS'>[] {
  return notBeforeIssues('CPPCC_DATE_BEFORE_PREVIOUS', on, previous, path);
}

/** The same id twice in one list; rows count from 0, as in paths. */
export function duplicateIds(
  ids: readonly string[],
  what: LocalizedText,
  path: (index: number) => IssuePath,
): Issue<'CPPCC_DUPLICATE_ID'>[] {
  return duplicateIdIssues('CPPCC_DUPLICATE_ID', ids, what, path);
}

/** A member id that is not a county-level member of the term. */
export function unknownMember(id: string, path: IssuePath): Issue<'CPPCC_UNKNOWN_MEMBER'> {
  return issue(
    'CPPCC_UNKNOWN_MEMBER',
    {
      zh: `“${id}”不是本届县政协委员`,
      en: `"${id}" is not a member of the county CPPCC of this term`,
    },
    path,
    { member: id },
  );
}

/** A reason the profile requires is missing. */
export function reasonRequired(what: LocalizedText, path: IssuePath): Issue<'CPPCC_REASON_REQUIRED'> {
  return issue(
    'CPPCC_REASON_REQUIRED',
    { zh: `${what.zh}须说明理由`, en: `${what.en} needs a reason` },
    path,
  );
}
