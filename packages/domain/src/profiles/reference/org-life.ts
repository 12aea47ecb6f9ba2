import { COMMON_PRACTICE_ORG_LIFE } from '../sections/org-life.js';
import type { ProvenanceEntries } from './provenance.js';

/**
 * The reference county's organisational life 组织生活. The speech names 组织生活 among the network
 * branch's “five in step” and the micro party lectures 微党课 for 42 mobile members; the cadences
 * themselves are the common practice of 《中国共产党支部工作条例（试行）》.
 */
export const referenceOrgLife = COMMON_PRACTICE_ORG_LIFE;

export const orgLifeProvenance = {
  'orgLife.kinds': {
    source: 'common_practice',
    note: '《中国共产党支部工作条例（试行）》：支部党员大会一般每季度 1 次，支委会、党小组会一般每月 1 次，党课每季度至少 1 次，每月相对固定 1 天开展主题党日；党员大会须有半数以上党员到会。The seed names 组织生活 and 微党课 but no cadence.',
  },
  'orgLife.leaveRequiresReason': { source: 'common_practice', note: '请假须说明理由（组织生活考勤）' },
  'orgLife.recordWithinDays': {
    source: 'common_practice',
    note: 'A month to file the minutes; later corrections go through the committee.',
  },
} as const satisfies ProvenanceEntries;
