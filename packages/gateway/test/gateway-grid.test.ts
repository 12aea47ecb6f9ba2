// Over 600 lines on purpose: one gateway and one seeded street for all of grid management over
// GraphQL (statistics, grids, requests, re-partition, N+1); split, each file would seed it again.

import { OPEN_REQUEST_STATUSES, referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import type { AccessLogEntry } from '@jiceng/gateway';
import { GridRepository } from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GqlResult, gql, useGateway } from './support.js';

const data = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });
const street = data.streets[0]!.code;
const [c1, c2] = data.communities.map((c) => c.code) as [string, string];
const g1 = `${c1}-G01`;
const open = OPEN_REQUEST_STATUSES as readonly string[];

const county = { subject: 'county-1', role: 'county_admin', scope: data.county.code } as const;
const streetAdmin = { subject: 'street-1', role: 'street_admin', scope: street } as const;
const admin1 = { subject: 'ca-1', role: 'community_admin', scope: c1 } as const;
const admin2 = { subject: 'ca-2', role: 'community_admin', scope: c2 } as const;
/** W0001 serves grid G01 of the first community. */
const worker = { subject: 'W0001', role: 'grid_worker', scope: g1 } as const;
const secretary = { subject: 'b-1', role: 'branch_secretary', scope: c1 } as const;
const member = { subject: 'M00100', role: 'member', scope: c1 } as const;

type Json = Record<string, unknown>;
const codeOf = (r: { errors?: { extensions?: Json }[] }) => r.errors?.[0]?.extensions?.['code'];
/** A field of a response's data, which must have no errors. */
function dataOf<T>(r: GqlResult, name: string): T {
  expect(r.errors).toBeUndefined();
  return r.data?.[name] as T;
}
const issueCodes = (r: { errors?: { extensions?: Json }[] }) =>
  ((r.errors?.[0]?.extensions?.['issues'] ?? []) as { code: string }[]).map((i) => i.code);

describe('grid management over GraphQL', () => {
  const gw = useGateway();
  const reads: AccessLogEntry[] = [];
  const tokens = {} as Record<
    'county' | 'street' | 'admin1' | 'admin2' | 'worker' | 'secretary' | 'member',
    string
  >;

  beforeAll(async () => {
    await seedGridDataset(gw.db.em, data);
    await gw.services.reloadOrgTrees();
    gw.services.accessLog.record = (entry) => reads.push(entry);
    tokens.county = await gw.token(county);
    tokens.street = await gw.token(streetAdmin);
    tokens.admin1 = await gw.token(admin1);
    tokens.admin2 = await gw.token(admin2);
    tokens.worker = await gw.token(worker);
    tokens.secretary = await gw.token(secretary);
    tokens.member = await gw.token(member);
  });

  describe('statistics', () => {
    const fields = `statistics { level code grids households workers partyMembers partyOrganisations
      requests { total open overdue escalated byType { type count } byStatus { status count } timeToResolve { count medianHours p90Hours } } }`;

    it('gives figures at street, community and grid level on the organisation nodes', async () => {
      const r = await gql(
        gw.app,
        `{ orgNode(code: "${street}") { ${fields} children(first: 10) { edges { node { code ${fields} } } } } }`,
        { token: tokens.street },
      );
      const node = r.data?.['orgNode'] as {
        statistics: Json;
        children: { edges: { node: { statistics: Json } }[] };
      };
      expect(node.statistics).toMatchObject({
        level: 'street',
        grids: 15,
        workers: 45,
        partyMembers: data.partyMembers.length,
        partyOrganisations: 1 + 2 + 15,
        requests: {
          total: data.requests.length,
          open: data.requests.filter((q) => open.includes(q.status)).length,
          // At the gateway's clock (27 November 2026) every open request of 2025 is overdue.
          overdue: data.requests.filter((q) => open.includes(q.status)).length,
        },
      });
      expect((node.statistics['requests'] as Json)['byType']).toEqual([
        { type: 'dispute', count: data.requests.filter((q) => q.type === 'dispute').length },
        { type: 'safety_hazard', count: data.summary.safetyHazards },
        { type: 'service_request', count: data.summary.serviceRequests },
      ]);
      const communities = node.children.edges.map((e) => e.node.statistics);
      expect(communities.map((s) => [s['code'], s['grids']])).toEqual([
        [c1, 8],
        [c2, 7],
      ]);
      expect(communities.reduce((n, s) => n + (s['requests'] as { total: number }).total, 0)).toBe(
        data.requests.length,
      );
      const grid = await gql(gw.app, `{ orgNode(code: "${g1}") { ${fields} } }`, { token: tokens.worker });
      expect(dataOf<{ statistics: Json }>(grid, 'orgNode').statistics).toMatchObject({
        level: 'grid',
        grids: 1,
        workers: 3,
        requests: { total: data.requests.filter((q) => q.gridCode === g1).length },
      });
    });

    it('reads requests only when a query asks for request figures', async () => {
      const knex = gw.db.em.getConnection().getKnex();
      const seen: string[] = [];
      const listen = (q: { sql: string }) => seen.push(q.sql);
      knex.on('query', listen);
      try {
        const structure = `{ orgNode(code: "${street}") { statistics { grids workers }
          children(first: 10) { edges { node { statistics { grids partyMembers } } } } } }`;
        const r = await gql(gw.app, structure, { token: tokens.street });
        expect(dataOf<{ statistics: Json }>(r, 'orgNode').statistics).toEqual({ grids: 15, workers: 45 });
        expect(seen.filter((sql) => sql.includes('grid_request'))).toEqual([]);
        const withRequests = `{ orgNode(code: "${street}") { statistics { grids requests { total } }
          children(first: 10) { edges { node { statistics { requests { total } } } } } } }`;
        const before = seen.length;
        const again = await gql(gw.app, withRequests, { token: tokens.street });
        expect(dataOf<{ statistics: Json }>(again, 'orgNode').statistics).toEqual({
          grids: 15,
          requests: { total: data.requests.length },
        });
        // Per batch of nodes one grouped count and one list of resolution times; the two levels
        // asked share a batch or take one each, depending on when their resolvers run.
        const reads = seen.slice(before).filter((sql) => sql.includes('grid_request')).length;
        expect([2, 4]).toContain(reads);
      } finally {
        knex.removeListener('query', listen);
      }
    });

    it('reaches across the trees where they meet: a community party organisation and its community', async () => {
      // One token, a party scope: the secretary of the first community's party organisation.
      const partySecretary = await gw.token({ subject: 'ps-1', role: 'branch_secretary', scope: `P${c1}` });
      const node = await gql(
        gw.app,
        `{ orgNode(code: "${c1}") { code statistics { grids } counterpart { code level } } }`,
        { token: partySecretary },
      );
      expect(dataOf(node, 'orgNode')).toEqual({
        code: c1,
        statistics: { grids: 8 },
        counterpart: { code: `P${c1}`, level: 'community_org' },
      });
      const other = await gql(gw.app, `{ orgNode(code: "${c2}") { code } }`, { token: partySecretary });
      expect(codeOf(other)).toBe('NOT_FOUND');
      // Requests listed under the party scope are those of the community it leads.
      const mine = await gql(gw.app, '{ residentRequests(first: 1) { totalCount } }', {
        token: partySecretary,
      });
      expect(dataOf<{ totalCount: number }>(mine, 'residentRequests').totalCount).toBe(
        data.requests.filter((q) => q.communityCode === c1).length,
      );
      // And the street office sees the party organisations of its street.
      const party = await gql(gw.app, `{ orgNode(code: "P${c1}") { level counterpart { code } } }`, {
        token: tokens.street,
      });
      expect(dataOf(party, 'orgNode')).toEqual({ level: 'community_org', counterpart: { code: c1 } });
    });

    it('is null for nodes that are not a street, community or grid', async () => {
      const r = await gql(gw.app, `{ orgNode(code: "${data.county.code}") { statistics { grids } } }`, {
        token: tokens.county,
      });
      expect(r.data).toEqual({ orgNode: { statistics: null } });
    });

    it('gives the public counts only, without a token', async () => {
      const r = await gql(
        gw.app,
        `{ publicStatistics(code: "${c1}") { code level grids households workers partyMembers
          requests { total open overdue byType { type count } byStatus { status count } } } }`,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.['publicStatistics']).toMatchObject({ code: c1, level: 'community', grids: 8 });
      // The public type has nothing but codes and counts: asking for a name is a validation error.
      const named = await gql(gw.app, `{ publicStatistics(code: "${c1}") { name } }`);
      expect(named.status).toBe(400);
      const details = await gql(
        gw.app,
        `{ publicStatistics(code: "${c1}") { requests { edges { node { id } } } } }`,
      );
      expect(details.status).toBe(400);
      // Nothing else is open to the public.
      for (const query of [
        `{ residentRequests { totalCount } }`,
        `{ grid(code: "${g1}") { name } }`,
        `{ orgNode(code: "${c1}") { statistics { grids } } }`,
      ]) {
        expect(codeOf(await gql(gw.app, query))).toBe('UNAUTHENTICATED');
      }
      expect(codeOf(await gql(gw.app, `{ publicStatistics(code: "${data.county.code}") { grids } }`))).toBe(
        'NOT_FOUND',
      );
      expect(codeOf(await gql(gw.app, '{ publicStatistics(code: "nope") { grids } }'))).toBe('NOT_FOUND');
    });
  });

  describe('grids, teams and buildings', () => {
    it('lists a community’s grids with team and buildings, within scope only', async () => {
      const r = await gql(
        gw.app,
        `{ grids(community: "${c1}", first: 2) { totalCount edges { node { code name households
          team { id isPartyMember } buildings(first: 20) { totalCount edges { node { id address } } } } } } }`,
        { token: tokens.admin1 },
      );
      const conn = r.data?.['grids'] as {
        totalCount: number;
        edges: { node: { code: string; team: { id: string }[]; buildings: { totalCount: number } } }[];
      };
      expect(r.errors).toBeUndefined();
      expect(conn.totalCount).toBe(8);
      expect(conn.edges[0]?.node.code).toBe(g1);
      expect(conn.edges[0]?.node.team.map((w) => w.id)).toEqual(data.teams[0]!.workerIds);
      expect(conn.edges[0]?.node.buildings.totalCount).toBe(data.grids[0]!.buildingIds.length);
      expect(
        codeOf(await gql(gw.app, `{ grids(community: "${c2}") { totalCount } }`, { token: tokens.admin1 })),
      ).toBe('NOT_FOUND');
      expect(
        codeOf(await gql(gw.app, `{ grids(community: "${g1}") { totalCount } }`, { token: tokens.admin1 })),
      ).toBe('BAD_USER_INPUT');
    });

    it('lets a grid worker see their grid and nothing beside it', async () => {
      const own = await gql(gw.app, `{ grid(code: "${g1}") { code community { code } node { code } } }`, {
        token: tokens.worker,
      });
      // The community lies above the worker's scope: the edge is null, not an error.
      expect(own.data).toEqual({ grid: { code: g1, community: null, node: { code: g1 } } });
      expect(
        codeOf(await gql(gw.app, `{ grid(code: "${c1}-G02") { code } }`, { token: tokens.worker })),
      ).toBe('NOT_FOUND');
      expect(codeOf(await gql(gw.app, `{ grid(code: "${g1}") { code } }`, { token: tokens.member }))).toBe(
        'FORBIDDEN',
      );
      expect(codeOf(await gql(gw.app, '{ grid(code: "nope") { code } }', { token: tokens.street }))).toBe(
        'NOT_FOUND',
      );
    });

    it('routes an address or a point, and says clearly when it is in no grid or outside your scope', async () => {
      const route = async (location: string, token: string) =>
        (
          await gql(
            gw.app,
            `{ routeLocation(location: ${location}) { status gridCode communityCode nearestGridCode } }`,
            { token },
          )
        ).data?.['routeLocation'];
      const b = data.buildings.find((x) => x.id === `${c1}-B002`)!;
      const gridOfB = data.grids.find((g) => g.buildingIds.includes(b.id))!.code;
      expect(await route(`{ address: "${b.address}" }`, tokens.admin1)).toEqual({
        status: 'inside',
        gridCode: gridOfB,
        communityCode: c1,
        nearestGridCode: null,
      });
      expect(await route('{ point: { x: 112.6, y: 32.003 } }', tokens.admin1)).toEqual({
        status: 'outside',
        gridCode: null,
        communityCode: null,
        nearestGridCode: g1,
      });
      expect(await route('{ address: "无名路1号" }', tokens.admin1)).toMatchObject({
        status: 'unknown_address',
      });
      expect(await route(`{ address: "${b.address}" }`, tokens.admin2)).toEqual({
        status: 'outside_scope',
        gridCode: null,
        communityCode: null,
        nearestGridCode: null,
      });
      const both = await gql(
        gw.app,
        `{ routeLocation(location: { address: "x", grid: "${g1}" }) { status } }`,
        {
          token: tokens.admin1,
          language: 'en',
        },
      );
      expect(codeOf(both)).toBe('BAD_USER_INPUT');
      expect(issueCodes(both)).toEqual(['REQUEST_INVALID_LOCATION']);
      expect(both.errors?.[0]?.message).toBe('give exactly one of address, point or grid');
    });

    it('previews staffing by the profile’s rules', async () => {
      const r = await gql(
        gw.app,
        `{ staffingPreview(community: "${c1}") { feasible teams { gridCode workerIds partyMembers } idleWorkers balance { spread } issues { code } } }`,
        { token: tokens.admin1 },
      );
      const plan = r.data?.['staffingPreview'] as {
        feasible: boolean;
        teams: { workerIds: string[]; partyMembers: number }[];
      };
      expect(plan.feasible).toBe(true);
      expect(plan.teams).toHaveLength(8);
      expect(plan.teams.every((t) => t.workerIds.length === 3 && t.partyMembers >= 1)).toBe(true);
    });

    it('finds the period without a joint meeting', async () => {
      const r = await gql(
        gw.app,
        `{ missingJointMeetings(from: "2025-01-01", to: "2025-12-20") { held missing { level orgCode period } adHocStreet } }`,
        { token: tokens.street },
      );
      expect(r.data?.['missingJointMeetings']).toMatchObject({
        missing: [{ level: 'community', orgCode: c2, period: '2025-08' }],
        adHocStreet: 2,
      });
      const own = await gql(
        gw.app,
        '{ missingJointMeetings(from: "2025-01-01", to: "2025-12-20") { missing { orgCode } } }',
        {
          token: tokens.admin1,
        },
      );
      expect(own.data).toEqual({ missingJointMeetings: { missing: [] } });
      const bad = await gql(gw.app, '{ missingJointMeetings(from: "2025-13-01") { held } }', {
        token: tokens.street,
      });
      expect(issueCodes(bad)).toContain('CALENDAR_INVALID_DATE');
    });
  });

  describe('resident requests', () => {
    const list = `query($scope: String, $filter: ResidentRequestFilter, $after: String) {
      residentRequests(scope: $scope, filter: $filter, first: 5, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id type status communityCode } } } }`;

    it('lists requests in scope, filtered and paged by the database', async () => {
      const r = await gql(gw.app, list, {
        token: tokens.admin1,
        variables: { filter: { types: ['dispute'], statuses: ['closed'] } },
      });
      const conn = r.data?.['residentRequests'] as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string; communityCode: string } }[];
      };
      const expected = data.requests.filter(
        (q) => q.communityCode === c1 && q.type === 'dispute' && q.status === 'closed',
      );
      expect(conn.totalCount).toBe(expected.length);
      expect(conn.edges.every((e) => e.node.communityCode === c1)).toBe(true);
      const next = await gql(gw.app, list, {
        token: tokens.admin1,
        variables: { filter: { types: ['dispute'], statuses: ['closed'] }, after: conn.pageInfo.endCursor },
      });
      const ids = [...conn.edges, ...dataOf<typeof conn>(next, 'residentRequests').edges].map(
        (e) => e.node.id,
      );
      expect(new Set(ids).size).toBe(10);

      const overdue = await gql(
        gw.app,
        `{ overdueRequests(first: 100) { totalCount edges { node { status } } } }`,
        {
          token: tokens.admin1,
        },
      );
      expect(dataOf<{ totalCount: number }>(overdue, 'overdueRequests').totalCount).toBe(
        data.requests.filter((q) => q.communityCode === c1 && open.includes(q.status)).length,
      );
      // Another community's requests are out of reach, by scope and by id: answered as if missing.
      expect(codeOf(await gql(gw.app, list, { token: tokens.admin1, variables: { scope: c2 } }))).toBe(
        'NOT_FOUND',
      );
      const foreign = data.requests.find((q) => q.communityCode === c2)!.id;
      expect(
        codeOf(await gql(gw.app, `{ residentRequest(id: "${foreign}") { id } }`, { token: tokens.admin1 })),
      ).toBe('NOT_FOUND');
      expect(codeOf(await gql(gw.app, list, { token: tokens.member }))).toBe('FORBIDDEN');
      expect(
        codeOf(
          await gql(gw.app, '{ residentRequests(first: 500) { totalCount } }', { token: tokens.admin1 }),
        ),
      ).toBe('BAD_USER_INPUT');
    });

    it('shows a request with its audit trail and deadline position', async () => {
      const sample = data.requests.find(
        (q) => q.communityCode === c1 && q.events.some((e) => e.action === 'escalate'),
      )!;
      const r = await gql(
        gw.app,
        `{ residentRequest(id: "${sample.id}") { id status level dueDate grid { code }
          trail { seq action actorRole from to level } sla { overdue level } } }`,
        { token: tokens.admin1 },
      );
      const got = r.data?.['residentRequest'] as { trail: { action: string }[]; grid: { code: string } };
      expect(got.trail.map((e) => e.action)).toEqual(sample.events.map((e) => e.action));
      expect(got.grid.code).toBe(sample.gridCode);
    });

    let reported = '';

    it('lets staff report within their scope, routed by address', async () => {
      const mutation = `mutation($input: ReportResidentRequestInput!) { reportResidentRequest(input: $input) {
        id status gridCode dueDate version trail { action actorId actorRole } } }`;
      const address = data.buildings.find((b) => b.id === data.grids[0]!.buildingIds[0])!.address;
      const r = await gql(gw.app, mutation, {
        token: tokens.worker,
        variables: {
          input: {
            id: 'R-gw-1',
            type: 'safety_hazard',
            location: { address },
            summary: '楼道堆放杂物',
            reporterName: '张三丰',
            reporterPhone: '+86 138-1234-5678',
          },
        },
      });
      expect(r.errors).toBeUndefined();
      expect(r.data?.['reportResidentRequest']).toMatchObject({
        id: 'R-gw-1',
        status: 'reported',
        gridCode: g1,
        version: 1,
        trail: [{ action: 'report', actorId: 'W0001', actorRole: 'grid_worker' }],
      });
      reported = 'R-gw-1';
      // The same id again is a conflict; another community's address is outside the worker's scope.
      const again = await gql(gw.app, mutation, {
        token: tokens.worker,
        variables: { input: { id: 'R-gw-1', type: 'dispute', location: { grid: g1 } } },
      });
      expect(codeOf(again)).toBe('CONFLICT');
      const foreign = await gql(gw.app, mutation, {
        token: tokens.worker,
        variables: { input: { id: 'R-gw-2', type: 'dispute', location: { address: '胜利街3号' } } },
      });
      expect(codeOf(foreign)).toBe('NOT_FOUND');
      expect(
        codeOf(await gql(gw.app, '{ residentRequest(id: "R-gw-2") { id } }', { token: tokens.street })),
      ).toBe('NOT_FOUND');
      const bad = await gql(gw.app, mutation, {
        token: tokens.worker,
        variables: {
          input: {
            id: 'bad id!',
            type: 'dispute',
            location: {},
            reporterPhone: '010-12345678',
            summary: 'x'.repeat(501),
          },
        },
      });
      expect(issueCodes(bad)).toEqual([
        'REQUEST_INVALID_ID',
        'REQUEST_INVALID_LOCATION',
        'TEXT_TOO_LONG',
        'MOBILE_FORMAT',
      ]);
      const nowhere = await gql(gw.app, mutation, {
        token: tokens.worker,
        variables: { input: { type: 'dispute', location: { address: '无名路1号' } } },
      });
      expect(issueCodes(nowhere)).toEqual(['REQUEST_UNKNOWN_ADDRESS']);
      expect(
        codeOf(
          await gql(gw.app, mutation, {
            token: tokens.member,
            variables: { input: { type: 'dispute', location: { grid: g1 } } },
          }),
        ),
      ).toBe('FORBIDDEN');
      expect(
        codeOf(
          await gql(gw.app, mutation, { variables: { input: { type: 'dispute', location: { grid: g1 } } } }),
        ),
      ).toBe('UNAUTHENTICATED');
    });

    it('masks the reporter’s details unless the role may see them, and logs every full read', async () => {
      const query = `{ residentRequest(id: "${reported}") { reporter { name phone masked } } }`;
      reads.length = 0;
      const masked = await gql(gw.app, query, { token: tokens.worker });
      expect(masked.data).toEqual({
        residentRequest: { reporter: { name: '张**', phone: '138****5678', masked: true } },
      });
      expect(reads).toEqual([]);
      const full = await gql(gw.app, query, { token: tokens.admin1 });
      expect(full.data).toEqual({
        residentRequest: { reporter: { name: '张三丰', phone: '13812345678', masked: false } },
      });
      expect(reads.map((e) => [e.subject, e.role, e.field, e.recordId])).toEqual([
        ['ca-1', 'community_admin', 'grid_request.reporter_name', reported],
        ['ca-1', 'community_admin', 'grid_request.reporter_phone', reported],
      ]);
      // Out of scope, the full-data role sees nothing at all.
      expect(codeOf(await gql(gw.app, query, { token: tokens.admin2 }))).toBe('NOT_FOUND');
      expect(reads).toHaveLength(2);
    });

    it('moves a request through its lifecycle by the domain’s role table, under its version', async () => {
      const run = (mutation: string, token: string) =>
        gql(gw.app, `mutation { ${mutation} { status version assigneeId } }`, { token, language: 'en' });
      const foreignWorker = data.teams.find((t) => t.gridCode.startsWith(c2))!.workerIds[0]!;
      const wrong = await run(
        `assignResidentRequest(id: "${reported}", assigneeId: "${foreignWorker}")`,
        tokens.admin1,
      );
      expect(issueCodes(wrong)).toEqual(['REQUEST_UNKNOWN_ASSIGNEE']);
      const assigned = await run(
        `assignResidentRequest(id: "${reported}", assigneeId: "W0001", expectedVersion: 1)`,
        tokens.admin1,
      );
      expect(assigned.data).toEqual({
        assignResidentRequest: { status: 'assigned', version: 2, assigneeId: 'W0001' },
      });
      const stale = await run(`startResidentRequest(id: "${reported}", expectedVersion: 1)`, tokens.worker);
      expect(codeOf(stale)).toBe('CONFLICT');
      // The domain refuses: a grid worker may not reject.
      const refused = await run(
        `rejectResidentRequest(id: "${reported}", reason: "不属于受理范围")`,
        tokens.worker,
      );
      expect(issueCodes(refused)).toEqual(['REQUEST_ROLE_NOT_ALLOWED']);
      expect(refused.errors?.[0]?.message).toContain('a grid worker may not reject a request');
      expect(
        (await run(`startResidentRequest(id: "${reported}", expectedVersion: 2)`, tokens.worker)).data,
      ).toEqual({
        startResidentRequest: { status: 'in_progress', version: 3, assigneeId: 'W0001' },
      });
      expect(
        (await run(`resolveResidentRequest(id: "${reported}", note: "已清理")`, tokens.worker)).data,
      ).toMatchObject({
        resolveResidentRequest: { status: 'resolved' },
      });
      // The branch secretary relays the resident's confirmation; a member may not act at all.
      expect(codeOf(await run(`closeResidentRequest(id: "${reported}")`, tokens.member))).toBe('FORBIDDEN');
      expect(
        (await run(`closeResidentRequest(id: "${reported}", note: "居民确认")`, tokens.secretary)).data,
      ).toMatchObject({
        closeResidentRequest: { status: 'closed' },
      });
      const trail = await gql(
        gw.app,
        `{ residentRequest(id: "${reported}") { trail { action actorId actorRole } } }`,
        {
          token: tokens.street,
        },
      );
      expect(dataOf<{ trail: Json[] }>(trail, 'residentRequest').trail).toEqual([
        { action: 'report', actorId: 'W0001', actorRole: 'grid_worker' },
        { action: 'assign', actorId: 'ca-1', actorRole: 'community' },
        { action: 'start', actorId: 'W0001', actorRole: 'grid_worker' },
        { action: 'resolve', actorId: 'W0001', actorRole: 'grid_worker' },
        { action: 'close', actorId: 'b-1', actorRole: 'resident' },
      ]);
      const foreign = data.requests.find((q) => q.communityCode === c2 && q.status === 'reported')!.id;
      const own = data.requests.find((q) => q.communityCode === c1 && q.status === 'reported')!.id;
      const dup = await run(
        `markResidentRequestDuplicate(id: "${own}", duplicateOf: "${foreign}")`,
        tokens.admin1,
      );
      expect(issueCodes(dup)).toEqual(['REQUEST_UNKNOWN_DUPLICATE']);
    });

    it('escalates overdue requests in an idempotent sweep, street administrators only', async () => {
      const sweep = 'mutation { escalateOverdueRequests { asOf examined escalated skipped } }';
      expect(codeOf(await gql(gw.app, sweep, { token: tokens.admin1 }))).toBe('FORBIDDEN');
      const first = await gql(gw.app, sweep, { token: tokens.street });
      const result = first.data?.['escalateOverdueRequests'] as {
        asOf: string;
        escalated: string[];
        examined: number;
      };
      expect(result.asOf).toBe('2026-11-27T12:00:00+08:00');
      expect(result.escalated.length).toBeGreaterThan(0);
      const again = await gql(gw.app, sweep, { token: tokens.street });
      expect(again.data?.['escalateOverdueRequests']).toMatchObject({
        escalated: [],
        examined: result.examined,
      });
      const one = await gql(
        gw.app,
        `{ residentRequest(id: "${result.escalated[0]}") { level sla { level } trail { action } } }`,
        {
          token: tokens.street,
        },
      );
      const got = one.data?.['residentRequest'] as {
        level: string;
        sla: { level: string };
        trail: { action: string }[];
      };
      expect(got.level).toBe('street');
      expect(got.sla.level).toBe('street');
      expect(got.trail.at(-1)?.action).toBe('escalate');
    });
  });

  describe('re-partition', () => {
    it('is for community administrators and above, previewed then applied under its version', async () => {
      const preview = `{ partitionPreview(community: "${c2}") { version applied moves { buildingId from to } createdGrids } }`;
      expect(codeOf(await gql(gw.app, preview, { token: tokens.worker }))).toBe('FORBIDDEN');
      const unchanged = await gql(gw.app, preview, { token: tokens.admin2 });
      expect(unchanged.data).toEqual({
        partitionPreview: { version: 1, applied: false, moves: [], createdGrids: [] },
      });

      await new GridRepository(gw.db.em).saveBuildings([
        { id: `${c2}-B900`, communityCode: c2, households: 260, addressOrder: 900, address: '胜利街900号' },
      ]);
      const planned = await gql(gw.app, preview, { token: tokens.admin2 });
      const plan = planned.data?.['partitionPreview'] as {
        createdGrids: string[];
        moves: { buildingId: string; from: string | null }[];
      };
      expect(plan.moves).toContainEqual({
        buildingId: `${c2}-B900`,
        from: null,
        to: plan.createdGrids.at(-1),
      });

      const apply = `mutation($v: Int) { applyPartition(community: "${c2}", expectedVersion: $v) { version applied createdGrids } }`;
      const applied = await gql(gw.app, apply, { token: tokens.admin2, variables: { v: 1 } });
      expect(applied.data).toEqual({
        applyPartition: { version: 2, applied: true, createdGrids: plan.createdGrids },
      });
      expect(codeOf(await gql(gw.app, apply, { token: tokens.admin2, variables: { v: 1 } }))).toBe(
        'CONFLICT',
      );

      // The trees were reloaded: the new grid is a node in scope, with its building.
      const created = plan.createdGrids.at(-1)!;
      const node = await gql(
        gw.app,
        `{ grid(code: "${created}") { code buildings { edges { node { id } } } node { parent { code } } } }`,
        {
          token: tokens.admin2,
        },
      );
      expect(node.data).toEqual({
        grid: {
          code: created,
          buildings: { edges: [{ node: { id: `${c2}-B900` } }] },
          node: { parent: { code: c2 } },
        },
      });
      // Nobody lives there yet, so its party group falls short.
      const shortfalls = await gql(gw.app, '{ partyGroupShortfalls { gridCode members minimum } }', {
        token: tokens.admin2,
      });
      expect(shortfalls.data?.['partyGroupShortfalls']).toContainEqual({
        gridCode: created,
        members: 0,
        minimum: 3,
      });
    });
  });

  describe('no N+1', () => {
    it('costs the same number of SQL statements for 5 requests as for 60, each with its trail, grid, team and buildings', async () => {
      const knex = gw.db.em.getConnection().getKnex();
      const count = async (first: number) => {
        let statements = 0;
        const listen = () => {
          statements++;
        };
        knex.on('query', listen);
        const r = await gql(
          gw.app,
          `{ residentRequests(first: ${first}) { edges { node { id trail { seq action } sla { overdue }
            reporter { name } grid { code team { id } buildings(first: 1) { totalCount } statistics { workers } } } } } }`,
          { token: tokens.street },
        );
        knex.off('query', listen);
        expect(r.errors).toBeUndefined();
        const edges = dataOf<{ edges: { node: { trail: unknown[]; grid: { team: unknown[] } } }[] }>(
          r,
          'residentRequests',
        ).edges;
        expect(edges).toHaveLength(first);
        expect(edges.every((e) => e.node.trail.length > 0 && e.node.grid.team.length === 3)).toBe(true);
        return statements;
      };
      const few = await count(5);
      const many = await count(60);
      expect(many).toBe(few);
      // count + page, then one batch each: trails, grids, teams, buildings, and the five statistics queries.
      expect(few).toBeLessThanOrEqual(11);
    });

    it('batches statistics of many nodes into one set of queries', async () => {
      const knex = gw.db.em.getConnection().getKnex();
      let statements = 0;
      const listen = () => {
        statements++;
      };
      knex.on('query', listen);
      const r = await gql(
        gw.app,
        `{ grids(community: "${c1}", first: 8) { edges { node { statistics { requests { total } } } } } }`,
        { token: tokens.admin1 },
      );
      knex.off('query', listen);
      expect(dataOf<{ edges: unknown[] }>(r, 'grids').edges).toHaveLength(8);
      // One query for the grids, five for all eight grids' statistics.
      expect(statements).toBe(6);
    });
  });
});
