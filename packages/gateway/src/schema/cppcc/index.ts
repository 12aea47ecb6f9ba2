import { CppccProposalResolver } from './proposals.js';

/** The resolvers of the county CPPCC 县政协 (proposals 提案), for `buildGatewaySchema`. */
export const cppccResolvers = [CppccProposalResolver] as const;
