import { GridResolver } from './grids.js';
import { ResidentRequestReporterResolver, ResidentRequestResolver } from './requests.js';
import {
  GridLevelStatisticsResolver,
  OrgNodeGridStatisticsResolver,
  PublicGridStatisticsResolver,
} from './statistics.js';

/** The resolver classes of grid management, for `buildGatewaySchema`. */
export const gridResolvers = [
  GridResolver,
  ResidentRequestResolver,
  ResidentRequestReporterResolver,
  OrgNodeGridStatisticsResolver,
  GridLevelStatisticsResolver,
  PublicGridStatisticsResolver,
] as const;
