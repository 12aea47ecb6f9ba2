import { OrgRepository, PointsMemberRepository } from '@jiceng/persistence';
import { beforeAll, describe, expect, it } from 'vitest';
import { administrative, community1, community2, county, members, party } from './gateway-points-fixtures.js';
import { e2eDatabases, type GqlResult, gql, useGateway } from './support.js';

/**
 * The registers' write API for buildings, grid workers and teams (issue #16), over HTTP on a
 * migrated database, on SQLite and PostgreSQL: the import's row rules, coordinates inside the
 * county, scope refusals, replay, conflict, and what retiring keeps or refuses.
 */

const BUILDING = `{ code community grid households longitude latitude replayed }`;
const CREATE_B = `mutation($key: String!, $code: String!, $input: BuildingInput!) {
  createBuilding(idempotencyKey: $key, code: $code, input: $input) ${BUILDING} }`;
const UPDATE_B = `mutation($key: String!, $code: String!, $input: BuildingInput!) {
  updateBuilding(idempotencyKey: $key, code: $code, input: $input) ${BUILDING} }`;
const RETIRE_B = `mutation($key: String!, $code: String!) { retireBuilding(idempotencyKey: $key, code: $code) { code replayed } }`;
const WORKER = `{ code name homeCommunity isPartyMember memberCode replayed }`;
const CREATE_W = `mutation($key: String!, $code: String!, $input: GridWorkerInput!) {
  createGridWorker(idempotencyKey: $key, code: $code, input: $input) ${WORKER} }`;
const RETIRE_W = `mutation($key: String!, $code: String!) { retireGridWorker(idempotencyKey: $key, code: $code) ${WORKER} }`;
const TEAM = `mutation($key: String!, $grid: String!, $workers: [String!]!) {
  setGridTeam(idempotencyKey: $key, grid: $grid, workers: $workers) { grid workers replayed } }`;

const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.['code'] as string | undefined;
const issueCodes = (r: GqlResult) =>
  ((r.errors?.[0]?.extensions?.['issues'] as { code: string }[] | undefined) ?? []).map((i) => i.code);

describe.each(e2eDatabases())('building, grid worker and team writes over HTTP on $name', (target) => {
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
    // One grid with an outline: the county's box is 112.70–112.72, 32.00–32.02.
    await gw.db.em.fork().insertMany('GridRow', [
      {
        code: 'c1g1',
        communityCode: 'c1',
        streetCode: '330102001',
        name: '汉江路第1网格',
        households: 300,
        outline: [
          [
            [112.7, 32.0],
            [112.72, 32.0],
            [112.72, 32.02],
            [112.7, 32.0],
          ],
        ],
        minX: 112.7,
        minY: 32.0,
        maxX: 112.72,
        maxY: 32.02,
        position: 0,
        retired: false,
      },
    ]);
    await gw.services.reloadOrgTrees();
    for (const [who, p] of Object.entries({ county, community1, community2 }))
      tokens.set(who, await gw.token(p));
  });

  it('creates and updates a building by the import’s rules, inside the county', async () => {
    const input = { community: 'c1', grid: 'c1g1', households: 48, longitude: 112.71, latitude: 32.01 };
    const r = await as('community1', CREATE_B, { key: 'b-1', code: 'B100', input });
    expect(r.errors).toBeUndefined();
    expect(r.data!['createBuilding']).toEqual({
      code: 'B100',
      community: 'c1',
      grid: 'c1g1',
      households: 48,
      longitude: 112.71,
      latitude: 32.01,
      replayed: false,
    });
    expect(
      (await as('community1', CREATE_B, { key: 'b-1', code: 'B100', input })).data!['createBuilding'],
    ).toMatchObject({
      replayed: true,
    });
    expect(codeOf(await as('community1', CREATE_B, { key: 'b-2', code: 'B100', input }))).toBe('CONFLICT');
    const far = await as('community1', CREATE_B, {
      key: 'b-3',
      code: 'B101',
      input: { ...input, longitude: 116.4 },
    });
    expect(issueCodes(far)).toEqual(['REGISTER_OUTSIDE_COUNTY']);
    const bad = await as('community1', CREATE_B, {
      key: 'b-4',
      code: 'B101',
      input: { community: 'c1', grid: 'c2g1', households: -1, latitude: 32.01 },
    });
    expect(issueCodes(bad).sort()).toEqual([
      'IMPORT_GRID_OUTSIDE_COMMUNITY',
      'IMPORT_HALF_COORDINATES',
      'IMPORT_INVALID_NUMBER',
    ]);
    const update = await as('community1', UPDATE_B, { key: 'b-5', code: 'B100', input: { households: 52 } });
    expect(update.data!['updateBuilding']).toMatchObject({ households: 52, grid: 'c1g1', longitude: 112.71 });
    expect(
      codeOf(await as('community2', UPDATE_B, { key: 'b-6', code: 'B100', input: { households: 1 } })),
    ).toBe('NOT_FOUND');
    expect(codeOf(await as('public', UPDATE_B, { key: 'b-7', code: 'B100', input: { households: 1 } }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('retires a building only when no member lives in it', async () => {
    await as('county', CREATE_B, { key: 'b-10', code: 'B200', input: { community: 'c1', households: 10 } });
    await gw.db.em.fork().nativeUpdate('PointsMemberRow', { code: 'm002' }, { buildingId: 'B200' });
    expect(issueCodes(await as('community1', RETIRE_B, { key: 'b-11', code: 'B200' }))).toEqual([
      'REGISTER_STILL_IN_USE',
    ]);
    await gw.db.em.fork().nativeUpdate('PointsMemberRow', { code: 'm002' }, { buildingId: null });
    expect((await as('community1', RETIRE_B, { key: 'b-12', code: 'B200' })).data!['retireBuilding']).toEqual(
      {
        code: 'B200',
        replayed: false,
      },
    );
    expect((await as('community1', RETIRE_B, { key: 'b-12', code: 'B200' })).data!['retireBuilding']).toEqual(
      {
        code: 'B200',
        replayed: true,
      },
    );
    expect(codeOf(await as('community1', RETIRE_B, { key: 'b-13', code: 'B200' }))).toBe('NOT_FOUND');
  });

  it('registers grid workers, sets a team, and retires a worker out of it', async () => {
    for (const [i, code] of ['W1', 'W2', 'W3'].entries()) {
      const r = await as('community1', CREATE_W, {
        key: `w-${code}`,
        code,
        input: { name: `网格员${i}`, homeCommunity: 'c1', ...(i === 0 ? { memberCode: 'm001' } : {}) },
      });
      expect(r.errors).toBeUndefined();
    }
    const unknownMember = await as('community1', CREATE_W, {
      key: 'w-x',
      code: 'W9',
      input: { name: '某', homeCommunity: 'c1', memberCode: 'nobody' },
    });
    expect(issueCodes(unknownMember)).toEqual(['IMPORT_UNKNOWN_KEY']);
    expect(
      codeOf(
        await as('community2', CREATE_W, {
          key: 'w-y',
          code: 'W9',
          input: { name: '某', homeCommunity: 'c1' },
        }),
      ),
    ).toBe('NOT_FOUND');
    const team = await as('community1', TEAM, { key: 't-1', grid: 'c1g1', workers: ['W1', 'W2', 'W3'] });
    expect(team.data!['setGridTeam']).toEqual({ grid: 'c1g1', workers: ['W1', 'W2', 'W3'], replayed: false });
    const twice = await as('community1', TEAM, { key: 't-2', grid: 'c1g1', workers: ['W1', 'W1'] });
    expect(issueCodes(twice)).toEqual(['IMPORT_DUPLICATE_KEY']);
    expect(codeOf(await as('community2', TEAM, { key: 't-3', grid: 'c1g1', workers: ['W1'] }))).toBe(
      'NOT_FOUND',
    );

    const retired = await as('community1', RETIRE_W, { key: 'w-r', code: 'W3' });
    expect(retired.data!['retireGridWorker']).toMatchObject({ code: 'W3', replayed: false });
    const grid = await as('community1', `{ grid(code: "c1g1") { team { id } } }`);
    expect(grid.data!['grid']).toEqual({ team: [{ id: 'W1' }, { id: 'W2' }] });
    const back = await as('community1', TEAM, { key: 't-4', grid: 'c1g1', workers: ['W1', 'W3'] });
    expect(issueCodes(back)).toEqual(['IMPORT_UNKNOWN_KEY']);
  });
});
