import { z } from 'zod';
import { MEETING_CADENCES, ORG_LIFE_HOLDERS, ORG_LIFE_ROSTERS } from '../vocabulary.js';
import { localizedTextSchema, share } from './common.js';

/**
 * Organisational life 组织生活 of party branches: the “three meetings and one lesson” 三会一课
 * and the themed party day 主题党日. The cadences are common practice (《中国共产党支部工作条例
 * （试行）》: branch general meeting quarterly, branch committee and party group monthly, a party
 * lecture at least quarterly, a themed party day each month); a county changes them here.
 */

const kindRuleSchema = z
  .strictObject({
    name: localizedTextSchema,
    cadence: z.enum(MEETING_CADENCES).describe('How often the holder must meet: one meeting per period.'),
    heldBy: z.enum(ORG_LIFE_HOLDERS).describe('The branch 支部, or each party group 党小组 of the branch.'),
    roster: z
      .enum(ORG_LIFE_ROSTERS)
      .describe('all_members: every member is listed (present, leave, absent); listed: only those given.'),
    quorum: share
      .optional()
      .describe(
        'A meeting counts toward the cadence only when more than this share of those expected is present (e.g. 0.5: more than half).',
      ),
  })
  .describe('The rule of one kind of meeting.');

export const orgLifeSchema = z
  .strictObject({
    kinds: z
      .strictObject({
        branch_assembly: kindRuleSchema,
        branch_committee: kindRuleSchema,
        group_meeting: kindRuleSchema,
        party_lecture: kindRuleSchema,
        themed_day: kindRuleSchema,
      })
      .describe('The kinds of organisational life 三会一课 and 主题党日, each with its cadence.'),
    leaveRequiresReason: z.boolean().describe('A member on leave 请假 must have a reason recorded.'),
    recordWithinDays: z
      .number()
      .int()
      .min(0)
      .max(366)
      .describe('A meeting may be recorded or corrected at most this many days after it was held.'),
  })
  .describe('Organisational life 组织生活: 三会一课 and the themed party day.');

/**
 * The common-practice cadences (《中国共产党支部工作条例（试行）》): the reference profile's values,
 * and what a profile written before this section existed gets.
 */
export const COMMON_PRACTICE_ORG_LIFE = {
  kinds: {
    branch_assembly: {
      name: { zh: '支部党员大会', en: 'Branch general meeting' },
      cadence: 'quarterly',
      heldBy: 'branch',
      roster: 'all_members',
      quorum: 0.5,
    },
    branch_committee: {
      name: { zh: '支委会', en: 'Branch committee meeting' },
      cadence: 'monthly',
      heldBy: 'branch',
      roster: 'listed',
    },
    group_meeting: {
      name: { zh: '党小组会', en: 'Party group meeting' },
      cadence: 'monthly',
      heldBy: 'group',
      roster: 'all_members',
    },
    party_lecture: {
      name: { zh: '党课', en: 'Party lecture' },
      cadence: 'quarterly',
      heldBy: 'branch',
      roster: 'all_members',
    },
    themed_day: {
      name: { zh: '主题党日', en: 'Themed party day' },
      cadence: 'monthly',
      heldBy: 'branch',
      roster: 'all_members',
    },
  },
  leaveRequiresReason: true,
  recordWithinDays: 30,
} as const satisfies z.input<typeof orgLifeSchema>;
