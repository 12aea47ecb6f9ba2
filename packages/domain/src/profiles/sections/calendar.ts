import { z } from 'zod';
import { localDateSchema } from './common.js';

/** The working-day calendar 工作日历: statutory holidays and make-up working days, per year. */

const calendarYearSchema = z.strictObject({
  holidays: z.array(localDateSchema).describe('Statutory days off 法定节假日 (including bridged weekdays).'),
  makeupWorkdays: z.array(localDateSchema).describe('Weekend days that are working days 调休上班.'),
});

export const calendarSchema = z
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
