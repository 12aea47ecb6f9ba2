import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../../shared/dates.js';

/** Building blocks shared by every section of the rule profile schema. */

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

// `z.iso.date()` carries an exact pattern into the JSON Schema (months, days per month, leap
// years), so an editor refuses 2025-02-30 as the parser does.
export const localDateSchema = z.iso
  .date({ message: 'must be a real calendar date as YYYY-MM-DD' })
  .refine(isLocalDate, { message: 'must be a real calendar date as YYYY-MM-DD' })
  .transform((s) => s as LocalDate)
  .describe('A calendar date, YYYY-MM-DD.');

export const share = z.number().min(0).max(1);
export const nonNegative = z.number().min(0);
export const positiveInt = z.number().int().min(1);

/** A coded kind with a bilingual label. */
export const kindSchema = z.strictObject({ code: codeSchema, name: localizedTextSchema });

/** Adds a duplicate-code issue for each repeated `code` in a keyed list. */
export function uniqueCodes(
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
