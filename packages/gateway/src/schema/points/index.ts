import { PointsAssessmentResolver, RankingMembersResolver, RatingFilterResolver } from './assessment.js';
import { CoBuildingResolver } from './cobuilding.js';
import { PartyMemberResolver } from './members.js';
import { PointsWorkflowResolver } from './workflow.js';

export { pointsLoaders } from './loaders.js';
export { PartyMemberView } from './types.js';

/** The resolvers of member points 党员积分 and co-building 共驻共建, for `buildGatewaySchema`. */
export const pointsResolvers = [
  PartyMemberResolver,
  PointsWorkflowResolver,
  PointsAssessmentResolver,
  RankingMembersResolver,
  RatingFilterResolver,
  CoBuildingResolver,
] as const;
