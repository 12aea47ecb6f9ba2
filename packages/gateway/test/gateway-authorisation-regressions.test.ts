import { type LocalDate, parseLocalDate, unwrap } from '@jiceng/domain';
import type { Principal } from '@jiceng/gateway';
import { ProfileDocumentRepository, ResidentRequestRepository } from '@jiceng/persistence';
import { seedReferenceCounty } from '@jiceng/persistence/seed';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  C1,
  C2,
  COUNTY,
  type CountyObjects,
  countyObjects,
  G1,
  G2,
  OTHER_COUNTY,
  requestIn,
  SCALE,
  TODAY,
} from './authorisation-fixtures.js';
import { e2eDatabases, gql, useGateway } from './support.js';

/**
 * Issue #13, as the attacker probed it: tokens of every role, on both engines, against the
 * reference county. One test per hole, each named after what broke; each failed before the one
 * authorisation policy (auth/policy.ts).
 */
describe.each(e2eDatabases())('authorisation holes of issue #13 on $name', (database) => {
  const gw = useGateway({ e2e: database });
  let o: CountyObjects;
  const errorOf = (r: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => ({
    code: r.errors?.[0]?.extensions?.['code'],
    message: r.errors?.[0]?.message,
    issues: ((r.errors?.[0]?.extensions?.['issues'] ?? []) as { code: string }[]).map((i) => i.code),
  });
  const as = async (principal: Principal, query: string, variables: Record<string, unknown> = {}) =>
    gql(gw.app, query, { token: await gw.token(principal), variables, language: 'en' });

  beforeAll(async () => {
    await seedReferenceCounty(gw.db, { today: unwrap(parseLocalDate(TODAY)) as LocalDate, scale: SCALE });
    await gw.services.reloadOrgTrees();
    o = await countyObjects(gw.db, gw.services);
  }, 300_000);

  const otherCounty: Principal = { subject: 'intruder', role: 'county_admin', scope: OTHER_COUNTY };
  const county: Principal = { subject: 'county', role: 'county_admin', scope: COUNTY };

  it('a county administrator of another county can no longer save this county’s rule profile, replace its tree or import its calendar', async () => {
    const document = {
      id: 'intruded',
      name: { zh: '入侵县', en: 'Intruded' },
      extends: 'reference',
      versions: [{ version: '1', effectiveFrom: '2027-01-01', changes: {} }],
    };
    const save = 'mutation($input: RuleProfileDocumentInput!) { saveRuleProfile(input: $input) { id } }';
    expect(errorOf(await as(otherCounty, save, { input: { document } })).code).toBe('NOT_FOUND');
    expect(await new ProfileDocumentRepository(gw.db.em).get('intruded')).toBeUndefined();
    // Refused before the rows are read: no input validation answers the intruder.
    const replace =
      'mutation($rows: [OrgRowInput!]!) { replaceOrgTree(kind: party, rows: $rows) { nodeCount } }';
    const rows = [{ code: 'x', parentCode: 'x', level: 'branch', name: 'x' }];
    expect(errorOf(await as(otherCounty, replace, { rows }))).toMatchObject({
      code: 'NOT_FOUND',
      issues: [],
    });
    const calendar = 'mutation($input: ImportCalendarInput!) { importCalendar(input: $input) { added } }';
    expect(errorOf(await as(otherCounty, calendar, { input: { ics: 'not a calendar' } }))).toMatchObject({
      code: 'NOT_FOUND',
      issues: [],
    });
    // This county's administrator still may.
    expect((await as(county, save, { input: { document } })).data).toEqual({
      saveRuleProfile: { id: 'intruded' },
    });
  });

  it('a member’s token as an Open311 api_key can no longer list, read or create requests', async () => {
    const member: Principal = { subject: o.memberA.code, role: 'member', scope: o.memberA.branch };
    const key = await gw.token(member);
    const id = await requestIn(gw.db, gw.services, { id: `R-${database.name}-open311`, grid: G1 });
    const base = listeningBase(gw.app);
    const list = await fetch(`${base}/open311/v2/requests.json?api_key=${key}`);
    const one = await fetch(`${base}/open311/v2/requests/${id}.json?api_key=${key}`);
    const before = (
      await new ResidentRequestRepository(gw.db.em).list({ communityCodes: [C1] }, { limit: 0, offset: 0 })
    ).totalCount;
    const create = await fetch(`${base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: key, service_code: 'dispute', lat: o.pointA.lat, long: o.pointA.long }),
    });
    expect([list.status, one.status, create.status]).toEqual([403, 403, 403]);
    const after = (
      await new ResidentRequestRepository(gw.db.em).list({ communityCodes: [C1] }, { limit: 0, offset: 0 })
    ).totalCount;
    expect(after).toBe(before);
  });

  it('a branch secretary can no longer approve their own entry or record points for themselves, and the ledger names who approved', async () => {
    const m = o.memberA;
    const asMember: Principal = { subject: m.code, role: 'member', scope: m.branch };
    // The same person holds the branch's secretary post: their token's subject is their member code.
    const asSecretary: Principal = { subject: m.code, role: 'branch_secretary', scope: m.branch };
    const colleague: Principal = { subject: 'secretary-2', role: 'branch_secretary', scope: m.branch };
    const record =
      'mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { entry { status recordedBy { role id person { id role org } } } } }';
    const key = `${m.code}/${database.name}/self-review`;
    const entry = { member: m.code, item: 'grid_duty', date: '2026-11-20', quantity: 1 };
    const draft = await as(asMember, record, { input: { ...entry, idempotencyKey: key } });
    expect(draft.data?.['recordPointEntry']).toMatchObject({
      entry: {
        status: 'draft',
        recordedBy: { role: 'self', id: m.code, person: { id: m.code, role: 'member', org: m.branch } },
      },
    });
    const submit =
      'mutation($k: String!, $e: String!) { submitPointEntry(idempotencyKey: $k, entry: $e) { entry { status } } }';
    expect((await as(asMember, submit, { k: `${key}/submit`, e: key })).errors).toBeUndefined();

    const review =
      'mutation($input: ReviewPointEntryInput!) { reviewPointEntry(input: $input) { entry { status reviewedBy { role id person { id role org } } } } }';
    const own = await as(asSecretary, review, {
      input: { idempotencyKey: `${key}/own`, entry: key, decision: 'approve' },
    });
    expect(errorOf(own)).toMatchObject({ code: 'BAD_USER_INPUT', issues: ['POINTS_SELF_REVIEW'] });
    const forSelf = await as(asSecretary, record, {
      input: { ...entry, idempotencyKey: `${key}/by-branch` },
    });
    expect(errorOf(forSelf)).toMatchObject({ code: 'BAD_USER_INPUT', issues: ['POINTS_SELF_REVIEW'] });

    const approved = await as(colleague, review, {
      input: { idempotencyKey: `${key}/review`, entry: key, decision: 'approve' },
    });
    expect(approved.data?.['reviewPointEntry']).toEqual({
      entry: {
        status: 'approved',
        reviewedBy: {
          role: 'branch',
          id: m.branch,
          person: { id: 'secretary-2', role: 'branch_secretary', org: m.branch },
        },
      },
    });
    const read = await as(county, `{ pointEntry(key: "${key}") { reviewedBy { person { id } } } }`);
    expect(read.data).toEqual({ pointEntry: { reviewedBy: { person: { id: 'secretary-2' } } } });
  });

  it('another community’s administrator can no longer assign or close its resident requests', async () => {
    const intruder: Principal = { subject: 'community-1', role: 'community_admin', scope: C1 };
    const owner: Principal = { subject: 'community-2', role: 'community_admin', scope: C2 };
    const reported = await requestIn(gw.db, gw.services, { id: `R-${database.name}-assign`, grid: G2 });
    const resolved = await requestIn(gw.db, gw.services, {
      id: `R-${database.name}-close`,
      grid: G2,
      steps: ['assign', 'start', 'resolve'],
      assignee: o.workerB,
    });
    const assign = `mutation { assignResidentRequest(id: "${reported}", assigneeId: "${o.workerB}") { status } }`;
    const close = `mutation { closeResidentRequest(id: "${resolved}") { status } }`;
    expect(errorOf(await as(intruder, assign))).toMatchObject({
      code: 'NOT_FOUND',
      message: `not found: request ${reported}`,
    });
    expect(errorOf(await as(intruder, close))).toMatchObject({
      code: 'NOT_FOUND',
      message: `not found: request ${resolved}`,
    });
    const [a, c] = await new ResidentRequestRepository(gw.db.em).loadMany([reported, resolved]);
    expect([a?.request.status, c?.request.status]).toEqual(['reported', 'resolved']);
    // Its own administrator can: the refusal was the scope's, not the state machine's.
    expect((await as(owner, assign)).data).toEqual({ assignResidentRequest: { status: 'assigned' } });
    expect((await as(owner, close)).data).toEqual({ closeResidentRequest: { status: 'closed' } });
  });

  it('an existing id outside the scope now answers exactly as a missing one, so existence cannot be probed', async () => {
    const outsider: Principal = { subject: 'community-2', role: 'community_admin', scope: C2 };
    const request = await requestIn(gw.db, gw.services, { id: `R-${database.name}-probe`, grid: G1 });
    const pairs: [string, string, string][] = [
      [
        'residentRequest',
        `{ residentRequest(id: "${request}") { id } }`,
        '{ residentRequest(id: "R-0000") { id } }',
      ],
      [
        'partyMember',
        `{ partyMember(code: "${o.memberA.code}") { code } }`,
        '{ partyMember(code: "M99999") { code } }',
      ],
      [
        'pointEntry',
        `{ pointEntry(key: "${o.entryA}") { key } }`,
        '{ pointEntry(key: "none/0000") { key } }',
      ],
      ['grid', `{ grid(code: "${G1}") { code } }`, `{ grid(code: "${C1}-G99") { code } }`],
      ['orgNode', `{ orgNode(code: "${C1}") { code } }`, '{ orgNode(code: "330102001999") { code } }'],
    ];
    for (const [field, existing, missing] of pairs) {
      const [out, none] = [errorOf(await as(outsider, existing)), errorOf(await as(outsider, missing))];
      const words = (m: unknown) => String(m).split(' ').slice(0, -1).join(' ');
      expect({ field, code: out.code, words: words(out.message) }).toEqual({
        field,
        code: 'NOT_FOUND',
        words: words(none.message),
      });
      expect(none.code).toBe('NOT_FOUND');
    }
  });
});

/** The base URL of a gateway `useGateway({ e2e })` started listening. */
function listeningBase(app: { server: { address(): unknown } }): string {
  const address = app.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}
