import { CppccDutyResolver } from './duty.js';
import { CppccProposalResolver } from './proposals.js';
import { CppccRollCallResolver } from './roll-calls.js';
import { CppccVillageResolver } from './villages.js';

/**
 * The resolvers of the county CPPCC 县政协 (proposals 提案, members' duty 履职, roll calls 点名,
 * village consultations 村事民定), for `buildGatewaySchema`.
 */
export const cppccResolvers = [
  CppccProposalResolver,
  CppccDutyResolver,
  CppccRollCallResolver,
  CppccVillageResolver,
] as const;
