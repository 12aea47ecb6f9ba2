import { z } from 'zod';
import {
  POINT_FACT_KINDS,
  POINT_FACT_OUTCOMES,
  POINT_FACT_SUBTYPES,
  POINT_UNITS,
  QUOTA_GROUPS,
  QUOTA_ROUNDINGS,
  RECORDERS,
  TIE_BREAKERS,
} from '../vocabulary.js';
import { codeSchema, localizedTextSchema, nonNegative, share, uniqueCodes } from './common.js';

/** Party-member points 党员积分 and co-building assessment 共驻共建. */

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

/**
 * A point item 积分项目 whose entries the given recorders may write. Party-member points and
 * CPPCC duty 履职 share the item's shape and rules (points, units, categories, caps); only who
 * records differs.
 */
export function pointItemSchemaFor<const R extends readonly [string, ...string[]]>(recorders: R) {
  return z
    .strictObject({
      code: codeSchema,
      name: localizedTextSchema,
      kind: z.enum(['award', 'deduction']).describe('An award adds points, a deduction subtracts them.'),
      points: z.number().positive().describe('Points per occurrence, or per unit when `unit` is set.'),
      unit: z.enum(POINT_UNITS).optional().describe('When set, points are awarded per unit (hours, times…).'),
      maxQuantity: z
        .number()
        .positive()
        .optional()
        .describe(
          'Most units one entry of a per-unit item may record; absent: 100 times, 24 hours, 31 days or 1,000 items.',
        ),
      categories: z
        .union([z.literal('all'), z.array(codeSchema).min(1)])
        .describe('Member category codes the item applies to, or "all".'),
      caps: capsSchema.default({}),
      recordedBy: z.array(z.enum(recorders)).min(1).describe('Who may record an entry of this item.'),
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
}

export const pointItemSchema = pointItemSchemaFor(RECORDERS);

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

const quotaSchema = z
  .strictObject({
    groupBy: z
      .enum(QUOTA_GROUPS)
      .default('branch')
      .describe('Where a band’s maxShare is counted: per branch 支部 (default), per community, or overall.'),
    rounding: z
      .enum(QUOTA_ROUNDINGS)
      .default('floor')
      .describe('How share × group size becomes a number of places; floor keeps “at most N%” strict.'),
  })
  .describe(
    'How rating quotas are applied. Members tied at the cut (after every tie breaker) are held back together, so a quota is never exceeded.',
  );

const factRuleSchema = z
  .strictObject({
    fact: z.enum(POINT_FACT_KINDS).describe('The kind of fact: org_life (attendance) or resident_request.'),
    outcome: codeSchema.describe(
      'What the member did: present, leave or absent at organisational life; resolved for a resident request.',
    ),
    subtypes: z
      .array(codeSchema)
      .min(1)
      .optional()
      .describe('Only these meeting kinds or request types; absent: every one.'),
    item: codeSchema.describe('The point item the system records; its recordedBy must include system.'),
    quantity: z
      .number()
      .positive()
      .optional()
      .describe('Units recorded for a per-unit item (default 1); a fixed item takes none.'),
  })
  .describe('A fact rule: which fact earns which point item.');

export const pointsSchema = z
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
    quota: quotaSchema.default({ groupBy: 'branch', rounding: 'floor' }),
    factRules: z
      .array(factRuleSchema)
      .default([])
      .describe(
        'Points from facts 自动记分: each rule turns a fact into a system entry; correcting or withdrawing the fact reverses it.',
      ),
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
    points.factRules.forEach((rule, i) => {
      const item = points.items.find((it) => it.code === rule.item);
      if (item === undefined || !item.recordedBy.includes('system')) {
        ctx.addIssue({
          code: 'custom',
          path: ['factRules', i, 'item'],
          message:
            item === undefined
              ? `unknown point item "${rule.item}"`
              : `point item "${rule.item}" may not be recorded by the system (add system to its recordedBy)`,
          params: {
            rule: 'fact_item',
            zh:
              item === undefined
                ? `未定义的积分项目“${rule.item}”`
                : `积分项目“${rule.item}”不能由系统记录（须在 recordedBy 中加入 system）`,
          },
        });
      }
      const outcomes = POINT_FACT_OUTCOMES[rule.fact];
      if (!outcomes.includes(rule.outcome)) {
        ctx.addIssue({
          code: 'custom',
          path: ['factRules', i, 'outcome'],
          message: `outcome "${rule.outcome}" is not one of ${outcomes.join(', ')} for ${rule.fact}`,
          params: {
            rule: 'fact_outcome',
            zh: `${rule.fact} 的结果“${rule.outcome}”应为 ${outcomes.join('、')} 之一`,
          },
        });
      }
      const subtypes = POINT_FACT_SUBTYPES[rule.fact];
      (rule.subtypes ?? []).forEach((sub, j) => {
        if (!subtypes.includes(sub)) {
          ctx.addIssue({
            code: 'custom',
            path: ['factRules', i, 'subtypes', j],
            message: `"${sub}" is not one of ${subtypes.join(', ')} for ${rule.fact}`,
            params: {
              rule: 'fact_subtype',
              zh: `${rule.fact} 的类型“${sub}”应为 ${subtypes.join('、')} 之一`,
            },
          });
        }
      });
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

export const coBuildingSchema = z
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
    maxScore: z
      .number()
      .positive()
      .default(100)
      .describe('Top of the scoring scale raters use (scores run from 0 to this).'),
    missingRaterGroup: z
      .enum(['reweight', 'score_zero'])
      .default('reweight')
      .describe(
        'When a rater group gave no score in a round: share its weight among the groups that did (reweight), or count it as 0 (score_zero).',
      ),
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
