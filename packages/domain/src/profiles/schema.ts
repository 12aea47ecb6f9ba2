import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../shared/dates.js';

/**
 * The rule profile schema: one place that says what a county may configure. Field
 * descriptions feed the generated JSON Schema (and through it editors and the docs).
 *
 * Cross-field rules add issues with `params: { rule, zh }` so that every message exists in
 * both languages; see `issues.ts`.
 */

const CODE = /^[a-z][a-z0-9_]*$/;

export const codeSchema = z
  .string()
  .regex(CODE, { message: 'must be lower_snake_case ASCII, starting with a letter' })
  .max(64)
  .describe('A stable machine code: lower_snake_case ASCII.');

export const localizedTextSchema = z
  .strictObject({
    zh: z.string().min(1).describe('Chinese label.'),
    en: z.string().min(1).describe('English label.'),
  })
  .describe('A label in Chinese and English.');

export const localDateSchema = z
  .string()
  .refine(isLocalDate, { message: 'must be a real calendar date as YYYY-MM-DD' })
  .transform((s) => s as LocalDate)
  .describe('A calendar date, YYYY-MM-DD.');

const share = z.number().min(0).max(1);
const nonNegative = z.number().min(0);
const positiveInt = z.number().int().min(1);

/** Who may record a point entry. `community` records in-service members' community activities. */
export const RECORDERS = ['self', 'branch', 'community', 'committee', 'system'] as const;
export type Recorder = (typeof RECORDERS)[number];

export const POINT_UNITS = ['time', 'hour', 'day', 'item'] as const;
export type PointUnit = (typeof POINT_UNITS)[number];

const capsSchema = z
  .strictObject({
    month: nonNegative.optional().describe('Most points the item may contribute in one calendar month.'),
    quarter: nonNegative.optional().describe('Most points in one calendar quarter.'),
    year: nonNegative.optional().describe('Most points in one calendar year.'),
  })
  .describe('Caps on the points an item contributes per member and period; absent means uncapped.');

export const memberCategorySchema = z.strictObject({
  code: codeSchema,
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
});

export const pointItemSchema = z
  .strictObject({
    code: codeSchema,
    name: localizedTextSchema,
    kind: z.enum(['award', 'deduction']).describe('An award adds points, a deduction subtracts them.'),
    points: z.number().positive().describe('Points per occurrence, or per unit when `unit` is set.'),
    unit: z.enum(POINT_UNITS).optional().describe('When set, points are awarded per unit (hours, times…).'),
    categories: z
      .union([z.literal('all'), z.array(codeSchema).min(1)])
      .describe('Member category codes the item applies to, or "all".'),
    caps: capsSchema.default({}),
    recordedBy: z.array(z.enum(RECORDERS)).min(1).describe('Who may record an entry of this item.'),
    evidenceRequired: z.boolean().default(false).describe('Whether an entry must carry evidence.'),
  })
  .superRefine((item, ctx) => {
    const { month, quarter, year } = item.caps;
    const order: [string, number | undefined, string, number | undefined][] = [
      ['month', month, 'quarter', quarter],
      ['quarter', quarter, 'year', year],
      ['month', month, 'year', year],
    ];
    for (const [small, a, big, b] of order) {
      if (a !== undefined && b !== undefined && a > b) {
        ctx.addIssue({
          code: 'custom',
          path: ['caps', small],
          message: `the ${small} cap (${a}) exceeds the ${big} cap (${b})`,
          params: {
            rule: 'cap_order',
            zh: `${zhPeriod(small)}上限（${a}）不能大于${zhPeriod(big)}上限（${b}）`,
          },
        });
      }
    }
  });

function zhPeriod(period: string): string {
  return period === 'month' ? '月度' : period === 'quarter' ? '季度' : '年度';
}

export const ratingBandSchema = z.strictObject({
  code: codeSchema,
  name: localizedTextSchema,
  minScore: z
    .number()
    .optional()
    .describe('Lowest annual score that reaches this band. Only the last band (the floor) may omit it.'),
  maxShare: share
    .optional()
    .describe('Quota: the largest share of a branch that may hold this band (e.g. 0.2 = 20%).'),
});

export const TIE_BREAKERS = [
  'awards_desc',
  'deductions_asc',
  'entries_desc',
  'earliest_last_entry',
  'member_code_asc',
] as const;
export type TieBreaker = (typeof TIE_BREAKERS)[number];

const pointsSchema = z
  .strictObject({
    baseScore: nonNegative.describe('Base score 基础分 every member starts the year with.'),
    categories: z.array(memberCategorySchema).min(1).describe('Member categories 党员类别.'),
    items: z.array(pointItemSchema).min(1).describe('Point items 积分项目.'),
    deadlines: z
      .strictObject({
        selfAssessmentDaysAfterMonth: z
          .number()
          .int()
          .min(0)
          .max(60)
          .describe('A month’s self-assessment 自评 closes this many days after the month ends.'),
        branchReviewDaysAfterQuarter: z
          .number()
          .int()
          .min(0)
          .max(90)
          .describe('A quarter’s branch review 支部考评 closes this many days after the quarter ends.'),
        committeeAuditDaysAfterYear: z
          .number()
          .int()
          .min(0)
          .max(120)
          .describe('The committee audit 党委审核 closes this many days after the year ends.'),
      })
      .describe('Deadlines of the assessment cadence.'),
    ratingBands: z.array(ratingBandSchema).min(1).describe('Annual rating bands, best first.'),
    tieBreakers: z.array(z.enum(TIE_BREAKERS)).describe('Ranking tie breakers, applied in order.'),
  })
  .superRefine((points, ctx) => {
    uniqueCodes(points.categories, ['categories'], ctx);
    uniqueCodes(points.items, ['items'], ctx);
    uniqueCodes(points.ratingBands, ['ratingBands'], ctx);
    const known = new Set(points.categories.map((c) => c.code));
    points.items.forEach((item, i) => {
      if (item.categories === 'all') return;
      item.categories.forEach((code, j) => {
        if (!known.has(code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'categories', j],
            message: `unknown member category "${code}"`,
            params: { rule: 'unknown_category', zh: `未定义的党员类别“${code}”` },
          });
        }
      });
    });
    points.ratingBands.forEach((band, i) => {
      const isFloor = i === points.ratingBands.length - 1;
      if (band.minScore === undefined) {
        if (!isFloor) {
          ctx.addIssue({
            code: 'custom',
            path: ['ratingBands', i, 'minScore'],
            message: 'only the last rating band (the floor) may omit minScore',
            params: { rule: 'band_floor', zh: '只有最后一个档次（兜底档）可以不设最低分' },
          });
        }
        return;
      }
      const prev = points.ratingBands[i - 1];
      if (prev?.minScore !== undefined && band.minScore >= prev.minScore) {
        ctx.addIssue({
          code: 'custom',
          path: ['ratingBands', i, 'minScore'],
          message: `rating bands must be listed best first with strictly falling minScore (${prev.minScore} then ${band.minScore})`,
          params: {
            rule: 'band_order',
            zh: `评定档次须按从高到低排列，最低分须递减（${prev.minScore} 之后是 ${band.minScore}）`,
          },
        });
      }
    });
    const seen = new Set<string>();
    points.tieBreakers.forEach((t, i) => {
      if (seen.has(t)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tieBreakers', i],
          message: `tie breaker "${t}" is listed twice`,
          params: { rule: 'duplicate', zh: `排名规则“${t}”重复` },
        });
      }
      seen.add(t);
    });
  })
  .describe('Party-member points 党员积分.');

const coBuildingSchema = z
  .strictObject({
    evaluationsPerYear: z
      .number()
      .int()
      .min(1)
      .max(12)
      .describe('How often commitments are evaluated 双评 in a year (seed: every half year → 2).'),
    raterWeights: z
      .record(codeSchema, share)
      .describe('Weights of each rater group in a commitment evaluation; they must add up to 1.'),
    cadrePartyBuildingWeight: share.describe('Weight of party building in community cadre assessment.'),
  })
  .superRefine((c, ctx) => {
    const sum = Object.values(c.raterWeights).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['raterWeights'],
        message: `rater weights must add up to 1, they add up to ${sum}`,
        params: { rule: 'weights_sum', zh: `评价主体权重之和须为 1，现为 ${sum}` },
      });
    }
  })
  .describe('Co-building assessment 共驻共建 / 双诺双评.');

export const REQUEST_TYPES = ['dispute', 'safety_hazard', 'service_request'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const MEETING_CADENCES = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type MeetingCadence = (typeof MEETING_CADENCES)[number];

const requestRuleSchema = z.strictObject({
  name: localizedTextSchema,
  deadlineWorkingDays: positiveInt.describe('Working days from report to resolution before escalation.'),
  escalateEveryWorkingDays: positiveInt.describe(
    'After the deadline passes, the request climbs one level (grid → community → street) each this many working days.',
  ),
});

const gridSchema = z
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
    requests: z
      .strictObject({
        dispute: requestRuleSchema,
        safety_hazard: requestRuleSchema,
        service_request: requestRuleSchema,
      })
      .describe('Resident request channel 民情直通车: rules per request type.'),
    jointMeetings: z
      .strictObject({
        street: z.enum(MEETING_CADENCES),
        community: z.enum(MEETING_CADENCES),
      })
      .describe('Joint meetings 联席会议: how often each level meets.'),
  })
  .describe('Grid management 网格化管理.');

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

const kindSchema = z.strictObject({ code: codeSchema, name: localizedTextSchema });

const consultationSchema = z
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

const calendarYearSchema = z.strictObject({
  holidays: z.array(localDateSchema).describe('Statutory days off 法定节假日 (including bridged weekdays).'),
  makeupWorkdays: z.array(localDateSchema).describe('Weekend days that are working days 调休上班.'),
});

const calendarSchema = z
  .record(z.string().regex(/^\d{4}$/), calendarYearSchema)
  .superRefine((years, ctx) => {
    for (const [year, days] of Object.entries(years)) {
      for (const key of ['holidays', 'makeupWorkdays'] as const) {
        days[key].forEach((d, i) => {
          if (!d.startsWith(`${year}-`)) {
            ctx.addIssue({
              code: 'custom',
              path: [year, key, i],
              message: `${d} is not in ${year}`,
              params: { rule: 'wrong_year', zh: `${d} 不在 ${year} 年内` },
            });
          }
        });
      }
      const holidays = new Set(days.holidays);
      days.makeupWorkdays.forEach((d, i) => {
        if (holidays.has(d)) {
          ctx.addIssue({
            code: 'custom',
            path: [year, 'makeupWorkdays', i],
            message: `${d} is both a holiday and a make-up working day`,
            params: { rule: 'conflict', zh: `${d} 既是节假日又是调休上班日` },
          });
        }
      });
    }
  })
  .describe('Working-day calendar per year: statutory holidays and make-up working days 调休.');

const provenanceSchema = z
  .record(
    z.string(),
    z.strictObject({
      source: z.enum(['seed', 'common_practice', 'official_notice', 'county']),
      note: z.string().optional(),
    }),
  )
  .describe(
    'Where a setting comes from, keyed by its dotted path: a seed figure, or a common-practice default.',
  );

/** The complete rule profile of one county at one version. */
export const ruleProfileSchema = z
  .strictObject({
    id: codeSchema.describe('The profile (county) id.'),
    name: localizedTextSchema,
    version: z.string().min(1).max(64).describe('A label for this version, e.g. "2026.1".'),
    effectiveFrom: localDateSchema.describe('The first day this version is in force.'),
    extends: codeSchema.optional().describe('The id of the profile this one extends.'),
    points: pointsSchema,
    coBuilding: coBuildingSchema,
    grid: gridSchema,
    consultation: consultationSchema,
    calendar: calendarSchema,
    provenance: provenanceSchema.default({}),
  })
  .describe('A Jiceng county rule profile (one version).');

function uniqueCodes(
  list: readonly { code: string }[],
  path: (string | number)[],
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (seen.has(entry.code)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'code'],
        message: `code "${entry.code}" is used twice`,
        params: { rule: 'duplicate', zh: `代码“${entry.code}”重复` },
      });
    }
    seen.add(entry.code);
  });
}

type DeepReadonly<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** A complete, validated rule profile at one version. Frozen at runtime. */
export type RuleProfile = DeepReadonly<z.output<typeof ruleProfileSchema>>;
export type PointRules = RuleProfile['points'];
export type PointItem = PointRules['items'][number];
export type MemberCategory = PointRules['categories'][number];
export type RatingBand = PointRules['ratingBands'][number];
export type CoBuildingRules = RuleProfile['coBuilding'];
export type GridRules = RuleProfile['grid'];
export type RequestRule = GridRules['requests'][RequestType];
export type ConsultationRules = RuleProfile['consultation'];
export type WorkingCalendar = RuleProfile['calendar'];
export type Provenance = RuleProfile['provenance'];
