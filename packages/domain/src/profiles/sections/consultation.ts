import { z } from 'zod';
import { kindSchema, positiveInt, share, uniqueCodes } from './common.js';

/** Grassroots consultation 基层协商. */

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

export const consultationSchema = z
  .strictObject({
    liaisonGroup: z
      .strictObject({
        minMembersPerTownship: positiveInt.describe('Fewest CPPCC members per township.'),
        sectorCount: positiveInt.describe('Number of sectors 界别 in the county CPPCC.'),
        minTownshipRecommendedShare: share.describe('Smallest share of members recommended by townships.'),
        fiveHaves: z.array(z.enum(FIVE_HAVES)).describe('The "five haves" every liaison group must show.'),
      })
      .describe('Township CPPCC liaison groups 联络组.'),
    group: z
      .strictObject({
        size: z.strictObject({ min: positiveInt, target: positiveInt, max: positiveInt }),
        minFixedShare: share.describe(
          'Smallest share of fixed members (CPPCC members living in the township).',
        ),
        minInvitedCategories: z.number().int().min(0).describe('Fewest distinct invited categories present.'),
        invitedCategories: z
          .array(z.enum(CONSULTATION_PARTICIPANT_CATEGORIES))
          .min(1)
          .describe('Categories from which members are invited per topic.'),
      })
      .superRefine((g, ctx) => {
        const { min, target, max } = g.size;
        if (!(min <= target && target <= max)) {
          ctx.addIssue({
            code: 'custom',
            path: ['size'],
            message: `group sizes must satisfy min ≤ target ≤ max (got ${min}, ${target}, ${max})`,
            params: {
              rule: 'range_order',
              zh: `人数须满足 最小 ≤ 目标 ≤ 最大（现为 ${min}、${target}、${max}）`,
            },
          });
        }
        if (g.minInvitedCategories > g.invitedCategories.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['minInvitedCategories'],
            message: `asks for ${g.minInvitedCategories} invited categories but only ${g.invitedCategories.length} are allowed`,
            params: {
              rule: 'impossible',
              zh: `要求 ${g.minInvitedCategories} 类特邀人员，但只允许 ${g.invitedCategories.length} 类`,
            },
          });
        }
      })
      .describe('Township consultation groups 协商小组.'),
    routine: z
      .strictObject({
        requiredItemKinds: z
          .array(kindSchema)
          .describe('Kinds of item that MUST be consulted before they are issued 例行协商.'),
      })
      .describe('Routine consultation 例行协商.'),
    thematic: z
      .strictObject({
        perLiaisonGroupPerYear: z.strictObject({ min: z.number().int().min(0), max: positiveInt }),
        topicKinds: z.array(kindSchema).min(1),
      })
      .describe('Thematic consultation 专题协商.'),
    meetingQuorumShare: share.describe(
      'Smallest share of the group that must attend a consultation meeting.',
    ),
    publicFields: z
      .array(z.enum(DISCLOSABLE_FIELDS))
      .describe('What the public disclosure view shows (the seed asks for full-process disclosure).'),
  })
  .superRefine((c, ctx) => {
    uniqueCodes(c.routine.requiredItemKinds, ['routine', 'requiredItemKinds'], ctx);
    uniqueCodes(c.thematic.topicKinds, ['thematic', 'topicKinds'], ctx);
    const { min, max } = c.thematic.perLiaisonGroupPerYear;
    if (min > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['thematic', 'perLiaisonGroupPerYear'],
        message: `min (${min}) exceeds max (${max})`,
        params: { rule: 'range_order', zh: `最小值（${min}）大于最大值（${max}）` },
      });
    }
  })
  .describe('Grassroots consultation 基层协商.');
