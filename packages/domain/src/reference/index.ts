/**
 * `@jiceng/domain/reference`: the reference county as data — the seed street's grids, people and
 * requests (speech 5), the county CPPCC's proposals and duty (seeds 1–2) and the consultation
 * pilots (speech 1) — generated through the domain's own rules. A deliberate subpath: seeders,
 * tests, benchmarks and demos ask for it; `@jiceng/domain` does not carry it to browsers.
 */

export {
  type ConsultationPilotOptions,
  type ConsultationPilots,
  consultationPilots,
  type SeededDecision,
} from './consultation-pilots.js';
export type { ReferenceCppccDataset, ReferenceCppccDatasetOptions } from './cppcc-dataset.js';
export { generateReferenceCppccDataset } from './cppcc-dataset.js';
export type {
  DatasetBuilding,
  DatasetFunctionalGroup,
  DatasetGrid,
  DatasetMemberCategory,
  DatasetPartyMember,
  DatasetWorker,
  ReferenceDatasetOptions,
  ReferenceGridDataset,
} from './grid-dataset.js';
export { generateReferenceGridDataset, referenceDatasetContext } from './grid-dataset.js';
export { generateReferenceOrgLife, type ReferenceOrgLifeOptions } from './org-life-dataset.js';
