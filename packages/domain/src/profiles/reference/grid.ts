import type { z } from 'zod';
import type { gridSchema } from '../sections/grid.js';
import type { ProvenanceEntries } from './provenance.js';

/** Grid management: the seed street's staffing and joint-meeting cadence. */
export const referenceGrid = {
  households: { min: 200, target: 300, max: 400 },
  workersPerGrid: 3,
  maxGridsPerWorker: 1,
  requirePartyMemberPerTeam: true,
  partyGroupMinMembers: 3,
  functionalGroupsMaxPerMember: 3,
  functionalGroupMembers: { min: 3, max: 50 },
  requests: {
    dispute: {
      name: { zh: '矛盾纠纷', en: 'Dispute' },
      deadlineWorkingDays: 5,
      escalateEveryWorkingDays: 2,
    },
    safety_hazard: {
      name: { zh: '安全隐患', en: 'Safety hazard' },
      deadlineWorkingDays: 2,
      escalateEveryWorkingDays: 1,
    },
    service_request: {
      name: { zh: '便民服务', en: 'Service request' },
      deadlineWorkingDays: 3,
      escalateEveryWorkingDays: 2,
    },
  },
  escalationLevels: ['grid', 'community', 'street'],
  jointMeetings: { street: 'quarterly', community: 'monthly' },
} as const satisfies z.input<typeof gridSchema>;

export const gridProvenance = {
  'grid.households': { source: 'common_practice', note: '~300 households per urban grid.' },
  'grid.workersPerGrid': { source: 'seed', note: '每个网格配备3名网格员，共144名' },
  'grid.maxGridsPerWorker': { source: 'common_practice' },
  'grid.requirePartyMemberPerTeam': { source: 'common_practice' },
  'grid.partyGroupMinMembers': {
    source: 'common_practice',
    note: 'A party group needs at least 3 members.',
  },
  'grid.functionalGroupsMaxPerMember': { source: 'common_practice' },
  'grid.functionalGroupMembers': {
    source: 'common_practice',
    note: 'Like any party group, at least 3 members; a cap of 50 keeps a group able to meet together.',
  },
  'grid.escalationLevels': {
    source: 'common_practice',
    note: 'The chain grid → community → street follows the seed’s four-level system (街道办党委—社区党组织—网格党小组); the seed gives no escalation rule.',
  },
  'grid.requests': {
    source: 'common_practice',
    note: 'Types are the seed’s (矛盾纠纷、安全隐患、便民服务); deadlines are defaults.',
  },
  'grid.jointMeetings': { source: 'seed', note: '街道每季度、社区每月召开联席会议' },
} as const satisfies ProvenanceEntries;
