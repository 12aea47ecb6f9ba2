import { deepFreeze } from '../merge.js';
import type { RuleProfile } from '../schema.js';
import resolved from './resolved.json' with { type: 'json' };

/**
 * The reference county's rules (seed figures plus marked common-practice defaults), resolved and
 * validated ahead of time: scripts/reference-resolved.ts writes resolved.json from the files beside
 * this one, and `profiles/reference-resolved.test.ts` fails when the two differ. Scoring with these
 * rules therefore never loads the schema validator (zod), which keeps a browser bundle small.
 */
export const referenceProfile: RuleProfile = deepFreeze(resolved as unknown as RuleProfile);
