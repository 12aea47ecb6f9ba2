import { GridRepository, OrgRepository, PointsMemberRepository } from '@jiceng/persistence';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  administrative,
  community1,
  community2,
  county,
  member1,
  members,
  party,
  residentId,
  street,
} from './gateway-points-fixtures.js';
import { e2eDatabases, type GqlResult, gql, useGateway } from './support.js';

/**
 * The registers' write API for party members (issue #16) as a frontend sends it: over HTTP to a
 * listening gateway on a migrated database, on SQLite and PostgreSQL. Each mutation: success, the
 * import's row rules refusing bad input, scope refusals, an idempotent retry and a conflict.
 */

const MEMBER = `member { code name branch community grid categories { category from } mobile }`;
const RESULT = `{ change replayed street building retiredOn ${MEMBER} }`;
const CREATE = `mutation($key: String!, $code: String!, $input: NewPartyMemberInput!) {
  createPartyMember(idempotencyKey: $key, code: $code, input: $input) ${RESULT} }`;
const UPDATE = `mutation($key: String!, $code: String!, $input: PartyMemberFieldsInput!) {
  updatePartyMember(idempotencyKey: $key, code: $code, input: $input) ${RESULT} }`;
const MOVE = `mutation($key: String!, $code: String!, $to: MemberPlaceInput!) {
  movePartyMember(idempotencyKey: $key, code: $code, to: $to) ${RESULT} }`;
const RETIRE = `mutation($key: String!, $code: String!, $on: String) {
  retirePartyMember(idempotencyKey: $key, code: $code, on: $on) ${RESULT} }`;

const NEW = {
  name: '赵新',
  category: '骨干类',
  branch: 'Pc1',
  grid: 'c1g1',
  building: 'B-c1-1',
  mobile: '13700001234',
  residentId: residentId('1985-03-04', 21),
};

function codeOf(r: GqlResult): string | undefined {
  return r.errors?.[0]?.extensions?.['code'] as string | undefined;
}

function issuesOf(r: GqlResult): { code: string; path: (string | number)[] }[] {
  return (r.errors?.[0]?.extensions?.['issues'] as { code: string; path: (string | number)[] }[]) ?? [];
}

describe.each(e2eDatabases())('party member writes over HTTP on $name', (target) => {
  const gw = useGateway({ e2e: target });
  const tokens = new Map<string, string>();
  const as = async (who: string, query: string, variables: Record<string, unknown>) =>
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
    await new GridRepository(gw.db.em).saveBuildings([
      { id: 'B-c1-1', communityCode: 'c1', households: 40, addressOrder: 1, address: '汉江路1号' },
      { id: 'B-c2-1', communityCode: 'c2', households: 30, addressOrder: 1, address: '胜利街1号' },
    ]);
    await gw.services.reloadOrgTrees();
    for (const [who, p] of Object.entries({ county, street, community1, community2, member1 })) {
      tokens.set(who, await gw.token(p));
    }
  });

  it('creates a member checked by the import’s rules, placed on the grid side', async () => {
    const r = await as('community1', CREATE, { key: 'create-1', code: 'm900', input: NEW });
    expect(r.errors).toBeUndefined();
    expect(r.data!['createPartyMember']).toEqual({
      change: 'added',
      replayed: false,
      street: '330102001',
      building: 'B-c1-1',
      retiredOn: null,
      member: {
        code: 'm900',
        name: '赵新',
        branch: 'Pc1',
        community: 'c1',
        grid: 'c1g1',
        // A new member's category runs from 1 January of the year (the gateway's clock: 2026).
        categories: [{ category: 'backbone', from: '2026-01-01' }],
        // A community administrator sees personal data in full within scope.
        mobile: '13700001234',
      },
    });
    const read = await as('county', `{ partyMember(code: "m900") { name grid } }`, {});
    expect(read.data!['partyMember']).toEqual({ name: '赵新', grid: 'c1g1' });
  });

  it('a retry with the same key is a replay; the key with another command is CONFLICT', async () => {
    const again = await as('community1', CREATE, { key: 'create-1', code: 'm900', input: NEW });
    expect(again.errors).toBeUndefined();
    expect(again.data!['createPartyMember']).toMatchObject({ change: 'unchanged', replayed: true });
    const other = await as('community1', CREATE, {
      key: 'create-1',
      code: 'm900',
      input: { ...NEW, name: '赵另' },
    });
    expect(codeOf(other)).toBe('CONFLICT');
    expect(other.status).toBe(409);
    const stored = await new PointsMemberRepository(gw.db.em).findByCodes(['m900']);
    expect(stored[0]!.name).toBe('赵新');
  });

  it('a code already taken is CONFLICT, and nothing changes', async () => {
    const r = await as('county', CREATE, { key: 'create-taken', code: 'm001', input: NEW });
    expect(codeOf(r)).toBe('CONFLICT');
    const stored = await new PointsMemberRepository(gw.db.em).findByCodes(['m001']);
    expect(stored[0]!.name).toBe('张明');
  });

  it('refuses bad input with the import’s codes, each on its field, writing nothing', async () => {
    const bad =
      residentId('1985-03-04', 22).slice(0, 17) + (residentId('1985-03-04', 22).endsWith('0') ? '1' : '0');
    const r = await as('county', CREATE, {
      key: 'create-bad',
      code: 'm901',
      input: {
        ...NEW,
        building: null,
        category: '不存在类',
        mobile: '12345',
        residentId: bad,
        grid: 'c2g1',
        community: 'c1',
      },
    });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const issues = issuesOf(r)
      .map((i) => `${i.path.join('.')}:${i.code}`)
      .sort();
    expect(issues).toEqual([
      'input.category:IMPORT_UNKNOWN_VALUE',
      'input.grid:IMPORT_GRID_OUTSIDE_COMMUNITY',
      'input.mobile:MOBILE_FORMAT',
      'input.residentId:RESIDENT_ID_CHECKSUM',
    ]);
    const missing = await as('county', CREATE, { key: 'create-bad-2', code: 'm901', input: { name: '钱' } });
    expect(
      issuesOf(missing)
        .map((i) => `${i.path.join('.')}:${i.code}`)
        .sort(),
    ).toEqual(['input.branch:IMPORT_REQUIRED', 'input.category:IMPORT_REQUIRED']);
    const building = await as('county', CREATE, {
      key: 'create-bad-3',
      code: 'm901',
      input: { ...NEW, building: 'B-c2-1' },
    });
    expect(issuesOf(building).map((i) => i.code)).toEqual(['IMPORT_WRONG_COMMUNITY']);
    expect(await new PointsMemberRepository(gw.db.em).findByCodes(['m901'])).toEqual([]);
    const blankKey = await as('county', CREATE, { key: ' ', code: 'm901', input: NEW });
    expect(issuesOf(blankKey).map((i) => i.code)).toEqual(['REGISTER_KEY_REQUIRED']);
  });

  it('refuses callers outside the scope, other roles and the public', async () => {
    const outside = await as('community2', CREATE, { key: 'create-c2', code: 'm902', input: { ...NEW } });
    expect(codeOf(outside)).toBe('NOT_FOUND');
    const member = await as('member1', CREATE, { key: 'create-m', code: 'm902', input: NEW });
    expect(codeOf(member)).toBe('FORBIDDEN');
    const anyone = await as('public', CREATE, { key: 'create-p', code: 'm902', input: NEW });
    expect(codeOf(anyone)).toBe('UNAUTHENTICATED');
    // A member outside the scope is not found, in the words of one that does not exist.
    const update = await as('community2', UPDATE, { key: 'update-c2', code: 'm001', input: { name: 'x' } });
    const none = await as('community2', UPDATE, { key: 'update-c2b', code: 'nobody', input: { name: 'x' } });
    expect([codeOf(update), codeOf(none)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(update.errors![0]!.message).toBe(none.errors![0]!.message.replace('nobody', 'm001'));
    expect(await new PointsMemberRepository(gw.db.em).findByCodes(['m902'])).toEqual([]);
  });

  it('updates a member’s own fields: a category change starts a new span, other fields stay', async () => {
    const r = await as('community1', UPDATE, {
      key: 'update-1',
      code: 'm001',
      input: { mobile: '13811112222', category: '骨干类', categorySince: '2026-06-01' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!['updatePartyMember']).toMatchObject({
      change: 'updated',
      member: {
        name: '张明',
        grid: 'c1g1',
        mobile: '13811112222',
        categories: [
          { category: 'ordinary', from: '2020-01-01' },
          { category: 'backbone', from: '2026-06-01' },
        ],
      },
    });
    const same = await as('community1', UPDATE, {
      key: 'update-2',
      code: 'm001',
      input: { mobile: '13811112222' },
    });
    expect(same.data!['updatePartyMember']).toMatchObject({ change: 'unchanged', replayed: false });
    const bad = await as('community1', UPDATE, { key: 'update-3', code: 'm001', input: { name: null } });
    expect(issuesOf(bad).map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['input.name:IMPORT_REQUIRED']);
  });

  it('moves a member only between places the caller covers', async () => {
    const refused = await as('community1', MOVE, { key: 'move-1', code: 'm900', to: { grid: 'c2g1' } });
    expect(codeOf(refused)).toBe('NOT_FOUND');
    const r = await as('street', MOVE, { key: 'move-2', code: 'm900', to: { grid: 'c2g1', branch: 'Pc2' } });
    expect(r.errors).toBeUndefined();
    // The grid gives the community; the old building goes with the old place.
    expect(r.data!['movePartyMember']).toMatchObject({
      change: 'updated',
      building: null,
      street: '330102001',
      member: { branch: 'Pc2', community: 'c2', grid: 'c2g1' },
    });
    const into = await as('street', MOVE, { key: 'move-3', code: 'm900', to: { building: 'B-c2-1' } });
    expect(into.data!['movePartyMember']).toMatchObject({ building: 'B-c2-1', member: { grid: 'c2g1' } });
    const retry = await as('street', MOVE, {
      key: 'move-2',
      code: 'm900',
      to: { grid: 'c2g1', branch: 'Pc2' },
    });
    // The retry answers the member as they are now, and moves nothing back.
    expect(retry.data!['movePartyMember']).toMatchObject({ replayed: true, building: 'B-c2-1' });
  });

  it('retires a member: the record stays, the grid side and the year’s rankings let them go', async () => {
    const before = await as(
      'county',
      `{ pointsRankings(scope: "c1", year: 2026) { members { member } } }`,
      {},
    );
    const ranked = (r: GqlResult) =>
      (r.data!['pointsRankings'] as { members: { member: string }[] }[]).flatMap((g) =>
        g.members.map((m) => m.member),
      );
    expect(before.errors).toBeUndefined();
    expect(ranked(before)).toContain('m002');
    const future = await as('community1', RETIRE, { key: 'retire-0', code: 'm002', on: '2027-01-01' });
    expect(issuesOf(future).map((i) => i.code)).toEqual(['REGISTER_DATE_IN_FUTURE']);
    const r = await as('community1', RETIRE, { key: 'retire-1', code: 'm002', on: '2026-11-01' });
    expect(r.errors).toBeUndefined();
    expect(r.data!['retirePartyMember']).toMatchObject({
      change: 'retired',
      retiredOn: '2026-11-01',
      street: null,
    });
    const after = await as(
      'county',
      `{ pointsRankings(scope: "c1", year: 2026) { members { member } } }`,
      {},
    );
    expect(ranked(after)).not.toContain('m002');
    const lastYear = await as(
      'county',
      `{ pointsRankings(scope: "c1", year: 2025) { members { member } } }`,
      {},
    );
    expect(ranked(lastYear)).toContain('m002');
    const read = await as('county', `{ partyMember(code: "m002") { name } }`, {});
    expect(read.data!['partyMember']).toEqual({ name: '李华' });
    const again = await as('community1', RETIRE, { key: 'retire-2', code: 'm002' });
    expect(again.data!['retirePartyMember']).toMatchObject({ change: 'unchanged', retiredOn: '2026-11-01' });
    const update = await as('community1', UPDATE, {
      key: 'retire-3',
      code: 'm002',
      input: { mobile: '13900002222' },
    });
    expect(issuesOf(update).map((i) => i.code)).toEqual(['REGISTER_RETIRED']);
  });
});
