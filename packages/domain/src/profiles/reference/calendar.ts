import type { z } from 'zod';
import type { calendarSchema } from '../sections/calendar.js';
import type { ProvenanceEntries } from './provenance.js';
import { statutoryCalendar } from './statutory-calendar.js';

/**
 * China's statutory holidays and make-up working days, from the State Council notices: every
 * year the chinese-days package publishes (generated into `statutory-calendar.ts`). Counties add
 * later years with `jiceng calendar import` as the notices appear, each late in the year before.
 */
export const referenceCalendar: z.input<typeof calendarSchema> = statutoryCalendar;

export const calendarProvenance = {
  calendar: {
    source: 'official_notice',
    note: 'State Council holiday notices 2004–2026 (as the chinese-days package publishes them); counties add later years as they are published (jiceng calendar import).',
  },
} as const satisfies ProvenanceEntries;
