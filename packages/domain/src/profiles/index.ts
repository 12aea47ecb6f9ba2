export {
  createProfileCatalog,
  defineRuleProfile,
  type ProfileCatalog,
  type RuleProfileDefinition,
  referenceProfile,
  referenceProfileDocument,
  ruleProfileJsonSchemas,
  safeDefineRuleProfile,
} from './catalog.js';
export {
  checkProfileDocument,
  type ParsedProfileDocument,
  type ProfileDocument,
  type ProfileDocumentVersion,
  type ProfileSettings,
  parseProfileDocument,
  type SourcePosition,
} from './document.js';
export type { ProfileIssue, ProfileIssueCode } from './issues.js';
export { applyChanges, changedPaths, type ProfileChanges } from './merge.js';
export { type ProfileHistory, profileAt } from './resolve.js';
export {
  CONSULTATION_PARTICIPANT_CATEGORIES,
  type CoBuildingRules,
  type ConsultationParticipantCategory,
  type ConsultationRules,
  DISCLOSABLE_FIELDS,
  type DisclosableField,
  FIVE_HAVES,
  type FiveHave,
  type GridRules,
  MEETING_CADENCES,
  type MeetingCadence,
  type MemberCategory,
  POINT_UNITS,
  type PointItem,
  type PointRules,
  type PointUnit,
  type Provenance,
  type RatingBand,
  RECORDERS,
  REQUEST_TYPES,
  type Recorder,
  type RequestRule,
  type RequestType,
  type RuleProfile,
  TIE_BREAKERS,
  type TieBreaker,
  type WorkingCalendar,
} from './schema.js';
export { provenanceOf, summarizeProfile } from './summary.js';
