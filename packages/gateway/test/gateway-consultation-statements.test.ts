import { beforeAll, describe, expect, it } from 'vitest';
import { COUNTY, countStatements, countyAdmin, seedCounty, TOWN_B } from './gateway-consultation-fixtures.js';
import { gql, useGateway } from './support.js';

/**
 * No N+1: a nested list costs the same number of SQL statements whether it returns one township
 * with one consultation or twelve townships with ten, because every edge that reaches other rows
 * (members, filings, consultations, the liaison group of a consultation) goes through a
 * per-request DataLoader that loads all parents' rows in one query.
 */
const NESTED = `query($scope: String) {
  liaisonGroups(scope: $scope, first: 100) { totalCount edges { node {
    name
    fiveHaves(year: 2026) { complete }
    members { county bySector { members } }
    filings(year: 2025) { total villages { count } }
    consultations { id status timeline { reportLate } implementation { progress } groupIssues { code }
      liaisonGroup { name members { total } } }
  } } }
  consultations(scope: $scope, first: 100) { totalCount edges { node {
    id gates { passed } liaisonGroup { name filings { total } } disclosure { publishedParts } } } }
}`;

describe('consultation over GraphQL: SQL statements per nested query', () => {
  // A deliberately wide query: the cost limit (a deployment setting) is raised so it can run.
  const gw = useGateway({ limits: { maxCost: 100_000 } });
  beforeAll(async () => {
    await seedCounty(gw.db, gw.services, 9);
  });

  it('does not grow with the number of townships and consultations returned', async () => {
    const token = await gw.token(countyAdmin);
    const run = (scope: string) =>
      countStatements(gw.db, async () => {
        const r = await gql(gw.app, NESTED, { token, variables: { scope } });
        expect(r.errors).toBeUndefined();
        const groups = r.data?.['liaisonGroups'] as {
          totalCount: number;
          edges: { node: { consultations: unknown[] } }[];
        };
        const consultations = r.data?.['consultations'] as { totalCount: number };
        return {
          groups: groups.totalCount,
          nested: groups.edges.reduce((s, e) => s + e.node.consultations.length, 0),
          consultations: consultations.totalCount,
        };
      });
    const one = await run(TOWN_B);
    const all = await run(COUNTY);
    expect(one.result).toEqual({ groups: 1, nested: 1, consultations: 1 });
    expect(all.result).toEqual({ groups: 12, nested: 10, consultations: 10 });
    expect(all.statements).toBe(one.statements);
    // One query per kind of row: groups, members, sectors, filings (twice: two windows),
    // consultations by township, consultation ids, the page of consultations, the groups of
    // the consultations.
    expect(all.statements).toBeLessThanOrEqual(9);
  });
});
