import type { z } from 'zod';
import type { ruleProfileSchema } from '../schema.js';

/** Provenance entries keyed by dotted setting path. */
export type ProvenanceEntries = NonNullable<z.input<typeof ruleProfileSchema>['provenance']>;
