import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CalendarResolver } from './calendar.js';
import { consultationResolvers } from './consultation/index.js';
import { cppccResolvers } from './cppcc/index.js';
import { gridResolvers } from './grid/index.js';
import { OnboardingResolver } from './onboarding/index.js';
import { StationedUnitResolver } from './onboarding/units.js';
import { OrgNodeResolver } from './org.js';
import { OrgLifeResolver } from './org-life/resolvers.js';
import { pointsResolvers } from './points/index.js';
import { RuleProfileResolver } from './profiles.js';
import { GridWriteResolver } from './registers/grid.js';
import { MemberWriteResolver } from './registers/members.js';
import { PlaceWriteResolver } from './registers/places.js';
import { ViewerResolver } from './viewer.js';

/** Builds the gateway's schema from the resolver classes (code first). */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      ViewerResolver,
      OrgNodeResolver,
      RuleProfileResolver,
      CalendarResolver,
      ...consultationResolvers,
      ...cppccResolvers,
      ...gridResolvers,
      ...pointsResolvers,
      OrgLifeResolver,
      OnboardingResolver,
      MemberWriteResolver,
      GridWriteResolver,
      PlaceWriteResolver,
      StationedUnitResolver,
    ],
    validate: false,
    emitSchemaFile: false,
  });
}

/** The schema as SDL, sorted so that the committed file changes only when the schema does. */
export async function gatewaySchemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGatewaySchema()))}\n`;
}
