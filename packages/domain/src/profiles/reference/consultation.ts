import type { z } from 'zod';
import type { consultationSchema } from '../sections/consultation.js';
import { CONSULTATION_PARTICIPANT_CATEGORIES } from '../vocabulary.js';
import type { ProvenanceEntries } from './provenance.js';

/** Grassroots consultation: the seed county's CPPCC rules. */
export const referenceConsultation = {
  liaisonGroup: {
    minMembersPerTownship: 10,
    sectorCount: 12,
    minTownshipRecommendedShare: 0.5,
    fiveHaves: ['place', 'secretary', 'working_rules', 'annual_plan', 'funding'],
  },
  group: {
    size: { min: 15, target: 20, max: 25 },
    minFixedShare: 0.5,
    minInvitedCategories: 2,
    // Every category of participant may be invited.
    invitedCategories: [...CONSULTATION_PARTICIPANT_CATEGORIES],
    conflictOfInterest: {
      excludedInterestKinds: ['contractor', 'supplier', 'operator', 'financial_interest', 'close_relative'],
    },
  },
  routine: {
    requiredItemKinds: [
      { code: 'party_congress_report', name: { zh: '乡镇党代会工作报告', en: 'Party congress report' } },
      {
        code: 'peoples_congress_report',
        name: { zh: '乡镇人代会工作报告', en: "People's congress report" },
      },
      { code: 'annual_key_work_plan', name: { zh: '年度重点工作安排', en: 'Annual key-work plan' } },
      { code: 'important_decision', name: { zh: '重要决策', en: 'Important decision' } },
    ],
  },
  thematic: {
    perLiaisonGroupPerYear: { min: 1, max: 2 },
    topicKinds: [
      { code: 'key_work', name: { zh: '重点工作推进', en: 'Advancing key work' } },
      { code: 'historical_problem', name: { zh: '重大历史遗留问题', en: 'Major historical problem' } },
      {
        code: 'public_concern',
        name: { zh: '群众关心的热点难点问题', en: 'Hot and difficult public concern' },
      },
      {
        code: 'referred_matter',
        name: { zh: '党委政府交办的其他事项', en: 'Matter referred by committee or government' },
      },
    ],
  },
  stages: {
    communicateWith: ['party_committee', 'government', 'group_members'],
    minResearchActivities: 1,
    requirePublicOpinion: true,
    minMeetingNoticeDays: 3,
    reportWithinDays: 30,
    roles: {
      start: ['liaison_group'],
      communicate: ['liaison_group'],
      advance: ['liaison_group'],
      draft_plan: ['liaison_group'],
      decide_plan: ['party_committee'],
      record_research: ['liaison_group', 'group_member'],
      hold_meeting: ['liaison_group'],
      submit_report: ['liaison_group'],
      decide_adoption: ['party_committee', 'government'],
      plan_implementation: ['government', 'party_committee'],
      record_progress: ['government', 'liaison_group'],
      file_minutes: ['village_committee'],
    },
  },
  adoption: { requireReasonWhenNotAdopted: true },
  filing: { minPerVillagePerYear: 1, withinDays: 30 },
  meetingQuorumShare: 0.5,
  publicFields: ['topic', 'origination', 'plan', 'process', 'proposal', 'adoption', 'implementation'],
} as const satisfies z.input<typeof consultationSchema>;

export const consultationProvenance = {
  'consultation.liaisonGroup.minMembersPerTownship': {
    source: 'seed',
    note: '确保每个乡镇委员数在10人以上',
  },
  'consultation.liaisonGroup.sectorCount': { source: 'seed', note: '12个界别、258名委员' },
  'consultation.liaisonGroup.minTownshipRecommendedShare': {
    source: 'common_practice',
    note: 'Seed: 133 of 258 (52%) recommended by townships; the 50% floor is a default.',
  },
  'consultation.liaisonGroup.fiveHaves': { source: 'seed', note: '有场所、有秘书、有制度、有计划、有经费' },
  'consultation.group.size': { source: 'seed', note: '总人数为20人左右; the 15–25 range is a default.' },
  'consultation.group.minFixedShare': { source: 'common_practice', note: '以本乡镇各级政协委员组成为主' },
  'consultation.group.minInvitedCategories': { source: 'common_practice' },
  'consultation.group.invitedCategories': { source: 'seed' },
  'consultation.routine.requiredItemKinds': {
    source: 'seed',
    note: '党代会、人代会等重要工作报告以及年度重点工作安排、重要决策',
  },
  'consultation.thematic.perLiaisonGroupPerYear': { source: 'seed', note: '每年选择1—2个重点课题' },
  'consultation.thematic.topicKinds': { source: 'seed' },
  'consultation.group.conflictOfInterest': {
    source: 'common_practice',
    note: 'The seed does not name conflicts of interest; financial stakes in a subject of the topic exclude, being an affected resident does not.',
  },
  'consultation.stages': {
    source: 'common_practice',
    note: 'Stage order from the seed: 充分开展商前沟通、科学制定协商方案、深入开展调查研究、精心组织协商会议、及时上报协商成果; the gate figures are defaults.',
  },
  'consultation.stages.requirePublicOpinion': {
    source: 'seed',
    note: '协商小组实地走访、倾听民意; 组织协商小组深入调研、征求意见',
  },
  'consultation.stages.roles.start': { source: 'seed', note: '由乡镇政协联络组牵头成立' },
  'consultation.stages.roles.submit_report': { source: 'seed', note: '及时上报协商成果' },
  'consultation.stages.roles.decide_adoption': {
    source: 'seed',
    note: '形成协商建议书，供党委、政府决策参考',
  },
  'consultation.adoption': {
    source: 'common_practice',
    note: "Feedback on declined items supports the seed's 全过程公开 and supervision by the group.",
  },
  'consultation.filing.minPerVillagePerYear': {
    source: 'common_practice',
    note: 'Seed: 各村(居)已备案54份协商纪要 across 22 villages (communities); one per village a year is a default floor.',
  },
  'consultation.filing.withinDays': { source: 'common_practice' },
  'consultation.meetingQuorumShare': { source: 'common_practice' },
  'consultation.publicFields': {
    source: 'seed',
    note: '全过程公开; participants are withheld by default.',
  },
} as const satisfies ProvenanceEntries;
