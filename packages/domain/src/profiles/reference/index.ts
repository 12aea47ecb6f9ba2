import type { z } from 'zod';
import type { ruleProfileSchema } from '../schema.js';
import { calendarProvenance, referenceCalendar } from './calendar.js';
import { consultationProvenance, referenceConsultation } from './consultation.js';
import { cppccProvenance, referenceCppcc } from './cppcc.js';
import { gridProvenance, referenceGrid } from './grid.js';
import { orgLifeProvenance, referenceOrgLife } from './org-life.js';
import { pointsProvenance, referenceCoBuilding, referencePoints } from './points.js';

/**
 * The reference county's rules. Figures marked `seed` come from the source speeches (DESIGN
 * §3–5); everything else is a common-practice default that a county is expected to review.
 * `provenance` says which is which, path by path. One file per area.
 */
export const referenceProfileInput = {
  id: 'reference',
  name: { zh: '参考县（种子材料）', en: 'Reference county (seed material)' },
  version: '2025.1',
  effectiveFrom: '2025-01-01',
  points: referencePoints,
  coBuilding: referenceCoBuilding,
  grid: referenceGrid,
  orgLife: referenceOrgLife,
  consultation: referenceConsultation,
  cppcc: referenceCppcc,
  calendar: referenceCalendar,
  provenance: {
    ...pointsProvenance,
    ...gridProvenance,
    ...orgLifeProvenance,
    ...consultationProvenance,
    ...cppccProvenance,
    ...calendarProvenance,
  },
} as const satisfies z.input<typeof ruleProfileSchema>;
