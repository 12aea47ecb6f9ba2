import { z } from 'zod';
import { ESCALATION_LEVELS, MEETING_CADENCES } from '../vocabulary.js';
import { localizedTextSchema, positiveInt } from './common.js';

/** Grid management 网格化管理. */

const requestRuleSchema = z.strictObject({
  name: localizedTextSchema,
  deadlineWorkingDays: positiveInt.describe('Working days from report to resolution before escalation.'),
  escalateEveryWorkingDays: positiveInt.describe(
    'After the deadline passes, the request climbs one level (grid → community → street) each this many working days.',
  ),
});

export const gridSchema = z
  .strictObject({
    households: z
      .strictObject({
        min: positiveInt,
        target: positiveInt,
        max: positiveInt,
      })
      .superRefine((h, ctx) => {
        if (!(h.min <= h.target && h.target <= h.max)) {
          ctx.addIssue({
            code: 'custom',
            path: [],
            message: `household sizes must satisfy min ≤ target ≤ max (got ${h.min}, ${h.target}, ${h.max})`,
            params: {
              rule: 'range_order',
              zh: `户数须满足 最小 ≤ 目标 ≤ 最大（现为 ${h.min}、${h.target}、${h.max}）`,
            },
          });
        }
      })
      .describe('Households per grid 网格户数.'),
    workersPerGrid: positiveInt.describe('Grid workers 网格员 per grid.'),
    maxGridsPerWorker: positiveInt.describe('Most grids one grid worker may serve.'),
    requirePartyMemberPerTeam: z.boolean().describe('Each grid’s team must include a party member.'),
    partyGroupMinMembers: positiveInt.describe('Fewest members that form a grid party group 网格党小组.'),
    functionalGroupsMaxPerMember: positiveInt.describe('Most functional party groups 功能党小组 per member.'),
    functionalGroupMembers: z
      .strictObject({ min: positiveInt, max: positiveInt })
      .superRefine((m, ctx) => {
        if (m.min > m.max) {
          ctx.addIssue({
            code: 'custom',
            path: [],
            message: `member counts must satisfy min ≤ max (got ${m.min}, ${m.max})`,
            params: { rule: 'range_order', zh: `人数须满足 最小 ≤ 最大（现为 ${m.min}、${m.max}）` },
          });
        }
      })
      .describe('Members of one functional party group 功能党小组: fewest to form it, most it may take.'),
    requests: z
      .strictObject({
        dispute: requestRuleSchema,
        safety_hazard: requestRuleSchema,
        service_request: requestRuleSchema,
      })
      .describe('Resident request channel 民情直通车: rules per request type.'),
    escalationLevels: z
      .array(z.enum(ESCALATION_LEVELS))
      .min(1)
      .superRefine((levels, ctx) => {
        const ranks = levels.map((l) => ESCALATION_LEVELS.indexOf(l));
        if (ranks[0] !== 0 || ranks.some((r, i) => i > 0 && r <= ranks[i - 1]!)) {
          ctx.addIssue({
            code: 'custom',
            path: [],
            message: `escalation levels must start at "grid" and climb in order grid → community → street (got ${levels.join(' → ')})`,
            params: {
              rule: 'escalation_order',
              zh: `升级层级须从 grid（网格）开始，按 网格 → 社区 → 街道 逐级向上（现为 ${levels.join(' → ')}）`,
            },
          });
        }
      })
      .describe(
        'Levels an overdue resident request climbs, starting at the grid: grid → community → street.',
      ),
    jointMeetings: z
      .strictObject({
        street: z.enum(MEETING_CADENCES),
        community: z.enum(MEETING_CADENCES),
      })
      .describe('Joint meetings 联席会议: how often each level meets.'),
  })
  .describe('Grid management 网格化管理.');
