import { OrgRepository, PointsMemberRepository } from '@jiceng/persistence';
import { beforeAll, describe, expect, it } from 'vitest';
import { administrative, community1, community2, county, members, party } from './gateway-points-fixtures.js';
import { e2eDatabases, type GqlResult, gql, useGateway } from './support.js';

/**
 * The registers' write API for a community's staffing and its joint meetings (issue #16), over
 * HTTP on a migrated database, on SQLite and PostgreSQL: the preview's version, applying it,
 * CONFLICT once the community moved, replay, scope refusals and bad input.
 */

const PREVIEW = `query($c: String!) { staffingPreview(community: $c) { version feasible teams { gridCode workerIds } idleWorkers } }`;
const APPLY = `mutation($key: String!, $c: String!, $v: String!) {
  applyStaffingPlan(idempotencyKey: $key, community: $c, expectedVersion: $v) {
    replayed plan { version teams { gridCode workerIds } } } }`;
const TEAM = `{ grid(code: "c1g1") { team { id } } }`;
const RECORD = `mutation($key: String!, $org: String!, $on: String!, $topics: [String!]!, $attendees: [String!]!) {
  recordJointMeeting(idempotencyKey: $key, org: $org, heldOn: $on, topics: $topics, attendees: $attendees) {
    id level orgCode heldOn kind topics attendees replayed } }`;
const MISSING = `{ missingJointMeetings(from: "2026-10-01", to: "2026-10-31", scope: "c1") { held missing { orgCode period } } }`;

const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.['code'] as string | undefined;
const issueCodes = (r: GqlResult) =>
  ((r.errors?.[0]?.extensions?.['issues'] as { code: string }[] | undefined) ?? []).map((i) => i.code);

describe.each(e2eDatabases())('staffing and joint meeting writes over HTTP on $name', (target) => {
  const gw = useGateway({ e2e: target });
  const tokens = new Map<string, string>();
  const as = (who: string, query: string, variables: Record<string, unknown> = {}) =>
    gql(gw.app, query, {
      variables,
      language: 'en',
      ...(who === 'public' ? {} : { token: tokens.get(who)! }),
    });

  beforeAll(async () => {
    const orgs = new OrgRepository(gw.db.em);
    await orgs.replaceTree('administrative', administrative);
    await orgs.replaceTree('party', party);
    await new PointsMemberRepository(gw.db.em).saveMembers(members);
    const em = gw.db.em.fork();
    await em.insertMany('GridRow', [
      {
        code: 'c1g1',
        communityCode: 'c1',
        streetCode: '330102001',
        name: '汉江路第1网格',
        households: 300,
        outline: null,
        minX: null,
        minY: null,
        maxX: null,
        maxY: null,
        position: 0,
        retired: false,
      },
    ]);
    await em.insertMany(
      'GridWorkerRow',
      ['W1', 'W2', 'W3', 'W4'].map((id, i) => ({
        id,
        name: `网格员${i + 1}`,
        homeCommunityCode: 'c1',
        isPartyMember: i === 0,
        partyMemberId: null,
      })),
    );
    await gw.services.reloadOrgTrees();
    const worker = { subject: 'W1', role: 'grid_worker' as const, scope: 'c1g1' };
    for (const [who, p] of Object.entries({ county, community1, community2, worker })) {
      tokens.set(who, await gw.token(p));
    }
  });

  it('applies the previewed plan: the grid gets its team, and a retry changes nothing', async () => {
    const preview = await as('community1', PREVIEW, { c: 'c1' });
    expect(preview.errors).toBeUndefined();
    const shown = preview.data!['staffingPreview'] as { version: string; teams: { workerIds: string[] }[] };
    expect(shown).toMatchObject({ feasible: true, teams: [{ gridCode: 'c1g1' }] });
    const team = shown.teams[0]!.workerIds;
    expect(team).toHaveLength(3);
    expect(team).toContain('W1');
    expect((await as('community1', TEAM)).data!['grid']).toEqual({ team: [] });

    const applied = await as('community1', APPLY, { key: 'staff-1', c: 'c1', v: shown.version });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!['applyStaffingPlan']).toEqual({
      replayed: false,
      plan: { version: shown.version, teams: [{ gridCode: 'c1g1', workerIds: team }] },
    });
    expect((await as('community1', TEAM)).data!['grid']).toEqual({ team: team.map((id) => ({ id })) });

    const retry = await as('community1', APPLY, { key: 'staff-1', c: 'c1', v: shown.version });
    expect(retry.data!['applyStaffingPlan']).toMatchObject({ replayed: true });
    // The same version under a new key: applied again, the same teams.
    const again = await as('community1', APPLY, { key: 'staff-2', c: 'c1', v: shown.version });
    expect(again.data!['applyStaffingPlan']).toMatchObject({
      replayed: false,
      plan: { version: shown.version },
    });
    expect((await as('community1', TEAM)).data!['grid']).toEqual({ team: team.map((id) => ({ id })) });
  });

  it('refuses with CONFLICT once the community moved since the preview, writing nothing', async () => {
    const shown = (await as('community1', PREVIEW, { c: 'c1' })).data!['staffingPreview'] as {
      version: string;
    };
    await gw.db.em
      .fork()
      .insertMany('GridWorkerRow', [
        { id: 'W5', name: '网格员5', homeCommunityCode: 'c1', isPartyMember: true, partyMemberId: null },
      ]);
    const stale = await as('community1', APPLY, { key: 'staff-3', c: 'c1', v: shown.version });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.status).toBe(409);
    const fresh = (await as('community1', PREVIEW, { c: 'c1' })).data!['staffingPreview'] as {
      version: string;
    };
    expect(fresh.version).not.toBe(shown.version);
    // The key of the refused write is free: nothing of it was kept.
    const retried = await as('community1', APPLY, { key: 'staff-3', c: 'c1', v: fresh.version });
    expect(retried.errors).toBeUndefined();
    const reused = await as('community1', APPLY, { key: 'staff-1', c: 'c1', v: fresh.version });
    expect(codeOf(reused)).toBe('CONFLICT');
  });

  it('refuses other communities, roles without the right, the public and bad input', async () => {
    const v = ((await as('county', PREVIEW, { c: 'c1' })).data!['staffingPreview'] as { version: string })
      .version;
    expect(codeOf(await as('community2', APPLY, { key: 'staff-x', c: 'c1', v }))).toBe('NOT_FOUND');
    expect(codeOf(await as('worker', APPLY, { key: 'staff-y', c: 'c1', v }))).toBe('FORBIDDEN');
    expect(codeOf(await as('public', APPLY, { key: 'staff-z', c: 'c1', v }))).toBe('UNAUTHENTICATED');
    const grid = await as('county', APPLY, { key: 'staff-g', c: 'c1g1', v });
    expect(codeOf(grid)).toBe('BAD_USER_INPUT');
    const blank = await as('county', APPLY, { key: '', c: 'c1', v: '' });
    expect(issueCodes(blank)).toEqual(['REGISTER_KEY_REQUIRED']);
  });

  it('records a joint meeting that missingJointMeetings then counts', async () => {
    const before = await as('community1', MISSING);
    expect(before.data!['missingJointMeetings']).toMatchObject({
      held: 0,
      missing: [{ orgCode: 'c1', period: '2026-10' }],
    });
    const vars = {
      key: 'jm-1',
      org: 'c1',
      on: '2026-10-15',
      topics: ['电动车楼道充电'],
      attendees: ['社区党委', '物业'],
    };
    const r = await as('community1', RECORD, vars);
    expect(r.errors).toBeUndefined();
    const recorded = r.data!['recordJointMeeting'] as { id: string };
    expect(recorded).toMatchObject({
      level: 'community',
      orgCode: 'c1',
      heldOn: '2026-10-15',
      kind: 'regular',
      topics: ['电动车楼道充电'],
      attendees: ['社区党委', '物业'],
      replayed: false,
    });
    expect((await as('community1', MISSING)).data!['missingJointMeetings']).toMatchObject({
      held: 1,
      missing: [],
    });
    const retry = await as('community1', RECORD, vars);
    expect(retry.data!['recordJointMeeting']).toMatchObject({ id: recorded.id, replayed: true });
    expect((await as('community1', MISSING)).data!['missingJointMeetings']).toMatchObject({ held: 1 });
    const other = await as('community1', RECORD, { ...vars, topics: ['另一个议题'] });
    expect(codeOf(other)).toBe('CONFLICT');
  });

  it('refuses meetings out of scope, in the future, of the wrong level or without topics', async () => {
    const vars = { key: 'jm-2', org: 'c1', on: '2026-11-02', topics: ['议题'], attendees: ['社区党委'] };
    expect(codeOf(await as('community2', RECORD, vars))).toBe('NOT_FOUND');
    expect(codeOf(await as('worker', RECORD, vars))).toBe('FORBIDDEN');
    expect(issueCodes(await as('community1', RECORD, { ...vars, on: '2026-12-01' }))).toEqual([
      'REGISTER_DATE_IN_FUTURE',
    ]);
    expect(issueCodes(await as('community1', RECORD, { ...vars, org: 'c1g1' }))).toEqual([
      'REGISTER_WRONG_LEVEL',
    ]);
    expect(issueCodes(await as('community1', RECORD, { ...vars, topics: [], attendees: ['  '] }))).toEqual([
      'REGISTER_LIST_SIZE',
      'REGISTER_LIST_SIZE',
    ]);
  });
});
