import { CONSULTATION_STAGE_LABELS } from '../consultation/types.js';
import type {
  AttendanceStatus,
  CppccPost,
  DutyRecorder,
  NotFiledOutcome,
  ProposalRole,
  ProposerKind,
  ReplyCategory,
  SatisfactionLevel,
  VillageOutcome,
  VillageParticipantKind,
} from '../profiles/vocabulary.js';
import type { LocalizedText } from '../shared/errors.js';
import type { ProposalStatus, VillageConsultationStatus } from './types.js';

/** Chinese and English names of the CPPCC area's codes, for messages, views and docs. */

export const PROPOSAL_STATUS_LABELS: { readonly [S in ProposalStatus]: LocalizedText } = {
  submitted: { zh: '已提交', en: 'submitted' },
  filed: { zh: '已立案', en: 'filed' },
  not_filed: { zh: '不予立案', en: 'not filed' },
  merged: { zh: '已并案', en: 'merged' },
  assigned: { zh: '办理中', en: 'being handled' },
  replied: { zh: '已答复', en: 'replied' },
  second_handling: { zh: '再次办理', en: 'second handling' },
  closed: { zh: '已办结', en: 'closed' },
};

export const PROPOSER_KIND_LABELS: { readonly [K in ProposerKind]: LocalizedText } = {
  member: { zh: '委员个人提案', en: 'member’s proposal' },
  joint: { zh: '委员联名提案', en: 'joint proposal of members' },
  sector: { zh: '界别提案', en: 'sector proposal' },
  special_committee: { zh: '专门委员会提案', en: 'special committee proposal' },
  liaison_group: { zh: '联络组提案', en: 'liaison group proposal' },
};

export const NOT_FILED_OUTCOME_LABELS: { readonly [O in NotFiledOutcome]: LocalizedText } = {
  converted_to_opinion: { zh: '转为意见建议', en: 'converted to an opinion' },
  rejected: { zh: '不予立案', en: 'not accepted' },
};

export const REPLY_CATEGORY_LABELS: { readonly [C in ReplyCategory]: LocalizedText } = {
  resolved: { zh: '解决采纳', en: 'resolved or adopted' },
  being_resolved: { zh: '正在解决', en: 'being resolved' },
  planned: { zh: '列入计划', en: 'planned' },
  for_reference: { zh: '留作参考', en: 'kept for reference' },
};

export const SATISFACTION_LABELS: { readonly [L in SatisfactionLevel]: LocalizedText } = {
  satisfied: { zh: '满意', en: 'satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'basically satisfied' },
  not_satisfied: { zh: '不满意', en: 'not satisfied' },
};

export const CPPCC_POST_LABELS: { readonly [P in CppccPost]: LocalizedText } = {
  chair: { zh: '主席', en: 'chair' },
  vice_chair: { zh: '副主席', en: 'vice-chair' },
  secretary_general: { zh: '秘书长', en: 'secretary-general' },
};

export const PROPOSAL_ROLE_LABELS: { readonly [R in ProposalRole]: LocalizedText } = {
  member: { zh: '委员', en: 'member' },
  sector: { zh: '界别', en: 'sector' },
  special_committee: { zh: '专门委员会', en: 'special committee' },
  liaison_group: { zh: '政协联络组', en: 'liaison group' },
  office: { zh: '政协办公室', en: 'CPPCC office' },
  proposals_committee: { zh: '提案委员会', en: 'proposals committee' },
  chairs_meeting: { zh: '主席会议', en: 'chairs’ meeting' },
  chair: { zh: '督办领导', en: 'supervising chair' },
  unit: { zh: '承办单位', en: 'handling unit' },
};

export const DUTY_RECORDER_LABELS: { readonly [R in DutyRecorder]: LocalizedText } = {
  office: { zh: '政协办公室', en: 'CPPCC office' },
  liaison_group: { zh: '政协联络组', en: 'liaison group' },
  system: { zh: '系统', en: 'the system' },
};

export const ATTENDANCE_STATUS_LABELS: { readonly [S in AttendanceStatus]: LocalizedText } = {
  attended: { zh: '出席', en: 'attended' },
  on_leave: { zh: '请假', en: 'on leave' },
  absent: { zh: '缺席', en: 'absent' },
};

export const VILLAGE_PARTICIPANT_KIND_LABELS: { readonly [K in VillageParticipantKind]: LocalizedText } = {
  villager_representative: { zh: '村民代表', en: "villagers' representative" },
  party_member: { zh: '党员', en: 'party member' },
  cppcc_member: { zh: '政协委员', en: 'CPPCC member' },
  village_cadre: { zh: '村干部', en: 'village cadre' },
  resident: { zh: '群众', en: 'resident' },
  expert: { zh: '专家', en: 'expert' },
};

export const VILLAGE_OUTCOME_LABELS: { readonly [O in VillageOutcome]: LocalizedText } = {
  agreed: { zh: '通过', en: 'agreed' },
  not_agreed: { zh: '未通过', en: 'not agreed' },
  deferred: { zh: '暂缓', en: 'deferred' },
};

/** The stage names of the consultation area, for the stages a village consultation shares with it. */
export const VILLAGE_STATUS_LABELS: { readonly [S in VillageConsultationStatus]: LocalizedText } = {
  pre_consultation: CONSULTATION_STAGE_LABELS.pre_consultation,
  report: CONSULTATION_STAGE_LABELS.report,
  completed: { zh: '纪要已备案', en: 'minutes filed' },
};
