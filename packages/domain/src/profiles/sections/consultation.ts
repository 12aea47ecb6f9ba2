import { z } from 'zod';
import {
  COMMUNICATION_COUNTERPARTS,
  CONSULTATION_PARTICIPANT_CATEGORIES,
  CONSULTATION_ROLES,
  DISCLOSABLE_FIELDS,
  FIVE_HAVES,
} from '../vocabulary.js';
import { codeSchema, kindSchema, positiveInt, share, uniqueCodes } from './common.js';

/** Grassroots consultation 基层协商. */

const rolesSchema = z.array(z.enum(CONSULTATION_ROLES)).min(1);

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
        conflictOfInterest: z
          .strictObject({
            excludedInterestKinds: z
              .array(codeSchema)
              .describe(
                'Kinds of declared interest in a subject of the topic that exclude a candidate (e.g. contractor). ' +
                  'Interests not listed, such as being an affected resident, do not exclude.',
              ),
          })
          .describe('Conflicts of interest 利益冲突 that keep a person out of a consultation group.'),
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
    stages: z
      .strictObject({
        communicateWith: z
          .array(z.enum(COMMUNICATION_COUNTERPARTS))
          .describe(
            'Who must have been heard in pre-consultation communication 商前沟通 before the plan stage.',
          ),
        minResearchActivities: z
          .number()
          .int()
          .min(0)
          .describe('Fewest research activities 调查研究 recorded before the consultation meeting.'),
        requirePublicOpinion: z
          .boolean()
          .describe('Whether the research must have heard residents (倾听民意) before the meeting.'),
        minMeetingNoticeDays: z
          .number()
          .int()
          .min(0)
          .describe('Fewest days between notifying the group and the consultation meeting.'),
        reportWithinDays: positiveInt.describe(
          'Days after the meeting by which the outcomes should be reported 及时上报 (late reports are flagged, not refused).',
        ),
        roles: z
          .strictObject({
            start: rolesSchema,
            communicate: rolesSchema,
            advance: rolesSchema,
            draft_plan: rolesSchema,
            decide_plan: rolesSchema,
            record_research: rolesSchema,
            hold_meeting: rolesSchema,
            submit_report: rolesSchema,
            decide_adoption: rolesSchema,
            plan_implementation: rolesSchema,
            record_progress: rolesSchema,
            file_minutes: rolesSchema,
          })
          .describe('Which roles may perform each act of a consultation.'),
      })
      .describe('The five stages 五个环节 and their gates.'),
    adoption: z
      .strictObject({
        requireReasonWhenNotAdopted: z
          .boolean()
          .describe('Whether declining a proposal item must give a reason to the group.'),
      })
      .describe('Adoption 采纳 of proposal items by the party committee and government.'),
    filing: z
      .strictObject({
        minPerVillagePerYear: z
          .number()
          .int()
          .min(0)
          .describe('Fewest consultation minutes each village (community) files 备案 per year.'),
        withinDays: positiveInt.describe('Days after the village meeting by which minutes should be filed.'),
      })
      .describe('Filing 备案 of village consultation minutes (村事民定).'),
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
