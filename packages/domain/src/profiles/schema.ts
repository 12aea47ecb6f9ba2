import { z } from 'zod';
import { calendarSchema } from './sections/calendar.js';
import { codeSchema, localDateSchema, localizedTextSchema } from './sections/common.js';
import { consultationSchema } from './sections/consultation.js';
import { cppccSchema } from './sections/cppcc.js';
import { gridSchema } from './sections/grid.js';
import { COMMON_PRACTICE_ORG_LIFE, orgLifeSchema } from './sections/org-life.js';
import { coBuildingSchema, pointsSchema } from './sections/points.js';
import type { RequestType } from './vocabulary.js';

/**
 * The rule profile schema: one place that says what a county may configure, assembled from one
 * section per area (`sections/`). Field descriptions feed the generated JSON Schema.
 *
 * Cross-field rules add issues with `params: { rule, zh }` so that every message exists in
 * both languages; see `issues.ts`.
 */

export * from './sections/calendar.js';
export * from './sections/common.js';
export * from './sections/consultation.js';
export * from './sections/cppcc.js';
export * from './sections/grid.js';
export * from './sections/org-life.js';
export * from './sections/points.js';
export * from './vocabulary.js';

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

/** The sections of a rule profile, before the checks across sections (what a document's changes are shaped like). */
export const ruleProfileObjectSchema = z.strictObject({
  id: codeSchema.describe('The profile (county) id.'),
  name: localizedTextSchema,
  version: z.string().min(1).max(64).describe('A label for this version, e.g. "2026.1".'),
  effectiveFrom: localDateSchema.describe('The first day this version is in force.'),
  extends: codeSchema.optional().describe('The id of the profile this one extends.'),
  points: pointsSchema,
  coBuilding: coBuildingSchema,
  grid: gridSchema,
  // New in this release: a profile written before it gets the common-practice cadences.
  orgLife: orgLifeSchema.default(COMMON_PRACTICE_ORG_LIFE),
  consultation: consultationSchema,
  cppcc: cppccSchema,
  calendar: calendarSchema,
  provenance: provenanceSchema.default({}),
});

/** The complete rule profile of one county at one version. */
export const ruleProfileSchema = ruleProfileObjectSchema
  .superRefine((profile, ctx) => {
    // Sectors are listed once for duty scoring and counted once for the seat allocation check.
    const listed = profile.cppcc.sectors.length;
    const counted = profile.consultation.liaisonGroup.sectorCount;
    if (listed !== counted) {
      ctx.addIssue({
        code: 'custom',
        path: ['cppcc', 'sectors'],
        message: `${listed} sectors are listed but consultation.liaisonGroup.sectorCount is ${counted}`,
        params: {
          rule: 'sector_count',
          zh: `列出了 ${listed} 个界别，但 consultation.liaisonGroup.sectorCount 为 ${counted}`,
        },
      });
    }
  })
  .describe('A Jiceng county rule profile (one version).');

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
export type OrgLifeRules = RuleProfile['orgLife'];
export type OrgLifeKindRule = OrgLifeRules['kinds'][keyof OrgLifeRules['kinds']];
export type RequestRule = GridRules['requests'][RequestType];
export type ConsultationRules = RuleProfile['consultation'];
export type CppccRules = RuleProfile['cppcc'];
export type ProposalRules = CppccRules['proposals'];
export type DutyRules = CppccRules['duty'];
export type DutyItem = DutyRules['items'][number];
export type VillageConsultationRules = CppccRules['village'];
export type HandlingDeadline = ProposalRules['deadlines']['lead'];
export type WorkingCalendar = RuleProfile['calendar'];
export type Provenance = RuleProfile['provenance'];
