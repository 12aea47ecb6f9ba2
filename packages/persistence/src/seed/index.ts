// `@jiceng/persistence/seed`: filling a database with the reference county and the synthetic
// data sets (grid, points ledger, consultation pilots), and the load marker that tells a finished
// load from one that crashed (`/readyz`, `jiceng serve`).
export {
  type ConsultationPilotOptions,
  type ConsultationPilotSummary,
  seedConsultationPilots,
} from '../consultation/seed.js';
export {
  type GridSeedOptions,
  type GridSeedProgress,
  type GridSeedSummary,
  type GridSeedTable,
  seedGridDataset,
} from '../grid/seed.js';
export {
  type PointsSeedSummary,
  type SeedPointsOptions,
  seedMembersAndLedger,
} from '../points/seed.js';
export type { PointsSeedProgress } from '../points/seed-load.js';
export type { PointsSeedMember } from '../points/seed-members.js';
export {
  type DataLoad,
  type DataLoadKind,
  type DataLoadParameters,
  type DataLoadStatus,
  unfinishedLoad,
} from './data-load.js';
export {
  isEmptyDatabase,
  type ReferenceCountyOptions,
  type ReferenceCountySummary,
  type SeedNotice,
  type SeedProgress,
  seedReferenceCounty,
} from './reference-county.js';
