import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { beforeAll, describe, expect, it } from 'vitest';
import { countyAdmin, refusal, seedCounty, TOWN_B, townBAdmin } from './gateway-consultation-fixtures.js';
import { county, secretary1, setUpPoints } from './gateway-points-fixtures.js';
import { e2eDatabases, type GqlResult, gql, useGateway } from './support.js';

/**
 * The bad input of issue #12 that still got through, on each engine, over HTTP: NUL bytes and
 * lone surrogates in keys, codes, names, summaries and addresses; a quantity of 1e308; Open311
 * skipping the GraphQL checks; a phone number typed into a published title. Each is refused with
 * a coded 400 and nothing written (or, for the published title, masked).
 */

const NUL = '\u0000';
const RECORD = `mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { key entry { status } } }`;

/** Status, top code and issue codes of a GraphQL answer. */
function refused(r: GqlResult): { status: number; code: unknown; issues: string[] } {
  return { status: r.status, ...refusal(r) };
}

const badText = (issue: string) => ({ status: 400, code: 'BAD_USER_INPUT', issues: [issue] });

describe.each(e2eDatabases())('bad input that got through (issue #12), points on $name', (database) => {
  const gw = useGateway({ e2e: database });
  let token: string;
  const ledgerRows = () => gw.db.em.fork().count('PointsLedgerRow', {});
  const entry = {
    idempotencyKey: 'probe-1',
    member: 'm001',
    item: 'volunteer_service',
    date: '2026-11-20',
    quantity: 2,
    evidence: ['photo-1'],
  };

  beforeAll(async () => {
    await setUpPoints(gw.db, gw.services);
    token = await gw.token(secretary1);
  }, 120_000);

  it('refuses a NUL byte in a key, a code or a note with TEXT_CONTROL_CHARACTER, writing nothing', async () => {
    const before = await ledgerRows();
    for (const input of [
      { ...entry, idempotencyKey: `k${NUL}` },
      { ...entry, member: `m001${NUL}` },
      { ...entry, note: `备注${NUL}` },
      { ...entry, evidence: [`photo${NUL}`] },
    ]) {
      expect(refused(await gql(gw.app, RECORD, { token, variables: { input } }))).toEqual(
        badText('TEXT_CONTROL_CHARACTER'),
      );
    }
    // A NUL inside the document itself is refused the same way.
    const literal = await gql(
      gw.app,
      `mutation { recordPointEntry(input: { idempotencyKey: "k\\u0000", member: "m001", item: "honour", date: "2026-11-20" }) { key } }`,
      { token },
    );
    expect(refused(literal)).toEqual(badText('TEXT_CONTROL_CHARACTER'));
    expect(await ledgerRows()).toBe(before);
  });

  it('refuses a lone surrogate in an idempotency key, and its identical retry, with TEXT_MALFORMED', async () => {
    const before = await ledgerRows();
    const input = { ...entry, idempotencyKey: 'k\ud800' };
    for (const _attempt of [1, 2]) {
      expect(refused(await gql(gw.app, RECORD, { token, variables: { input } }))).toEqual(
        badText('TEXT_MALFORMED'),
      );
    }
    expect(await ledgerRows()).toBe(before);
  });

  it('takes line breaks in a note but not in a key', async () => {
    expect(
      refused(
        await gql(gw.app, RECORD, { token, variables: { input: { ...entry, idempotencyKey: 'a\nb' } } }),
      ),
    ).toEqual(badText('TEXT_CONTROL_CHARACTER'));
    const r = await gql(gw.app, RECORD, {
      token,
      variables: { input: { ...entry, idempotencyKey: 'probe-lines', note: '第一行\r\n第二行\t完' } },
    });
    expect(r.errors).toBeUndefined();
  });

  it('refuses a quantity of 1e308, so explanations and rankings stay whole', async () => {
    const before = await ledgerRows();
    const r = await gql(gw.app, RECORD, {
      token,
      variables: { input: { ...entry, idempotencyKey: 'probe-huge', quantity: 1e308 } },
    });
    expect(refused(r)).toEqual(badText('POINTS_INVALID_QUANTITY'));
    expect(await ledgerRows()).toBe(before);
    const explained = await gql(
      gw.app,
      '{ partyMember(code: "m001") { explanation(year: 2026) { total } } }',
      { token: await gw.token(county) },
    );
    expect(explained.errors).toBeUndefined();
  });
});

const grid = generateReferenceGridDataset(referenceProfile, { scale: 0.1 });

describe.each(e2eDatabases())('bad input that got through (issue #12), requests on $name', (database) => {
  const gw = useGateway({ e2e: database });
  const g1 = grid.grids[0]!;
  const address = grid.buildings.find((b) => b.id === g1.buildingIds[0])!.address;
  const requestRows = () => gw.db.em.fork().count('GridRequestRow', {});
  let key: string;
  let token: string;

  beforeAll(async () => {
    await seedGridDataset(gw.db.em, grid);
    await gw.services.reloadOrgTrees();
    key = await gw.token({ subject: 'app-1', role: 'street_admin', scope: g1.streetCode });
    token = await gw.token({ subject: 'W0001', role: 'grid_worker', scope: g1.code });
  }, 120_000);

  const REPORT = `mutation($input: ReportResidentRequestInput!) { reportResidentRequest(input: $input) { id } }`;
  /** A form-encoded report, as GeoReport clients post; JSON too, which alone carries a lone surrogate. */
  const open311 = (fields: Record<string, string>, json = false) => {
    const body = { api_key: key, service_code: 'safety_hazard', ...fields };
    return gw.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: {
        'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
        'accept-language': 'en',
      },
      payload: json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
    });
  };
  /** Status and the issue codes an Open311 refusal names (`CODE: message`). */
  const open311Refusal = async (fields: Record<string, string>, json = false) => {
    const res = await open311(fields, json);
    const body = res.json() as { code: number; description: string }[];
    return { status: res.statusCode, codes: body.map((e) => e.description.split(':')[0]) };
  };

  it('refuses NUL in a summary, an address or a name over GraphQL, writing nothing', async () => {
    const before = await requestRows();
    const input = { type: 'safety_hazard', location: { address }, summary: '楼道堆放杂物' };
    for (const bad of [
      { ...input, summary: `楼道${NUL}堆放杂物` },
      { ...input, location: { address: `${address}${NUL}` } },
      { ...input, reporterName: `张${NUL}` },
      { ...input, id: `R${NUL}` },
    ]) {
      expect(refused(await gql(gw.app, REPORT, { token, variables: { input: bad } }))).toEqual(
        badText('TEXT_CONTROL_CHARACTER'),
      );
    }
    expect(await requestRows()).toBe(before);
  });

  it('runs the GraphQL checks on Open311 too: a phone that is not one, a 300,000-character name, NUL', async () => {
    const before = await requestRows();
    const at = { address_string: address, description: '楼道堆放杂物' };
    expect(await open311Refusal({ ...at, phone: 'not-a-phone' })).toEqual({
      status: 400,
      codes: ['MOBILE_FORMAT'],
    });
    expect(await open311Refusal({ ...at, first_name: 'x'.repeat(300_000) })).toEqual({
      status: 400,
      codes: ['TEXT_TOO_LONG'],
    });
    expect(await open311Refusal({ ...at, description: `a${NUL}b` })).toEqual({
      status: 400,
      codes: ['TEXT_CONTROL_CHARACTER'],
    });
    expect(await open311Refusal({ ...at, address_string: `${address}${NUL}` })).toEqual({
      status: 400,
      codes: ['TEXT_CONTROL_CHARACTER'],
    });
    expect(await open311Refusal({ ...at, last_name: '\ud800' }, true)).toEqual({
      status: 400,
      codes: ['TEXT_MALFORMED'],
    });
    // A line break is no part of a name, and the summary is as long as GraphQL's.
    expect(await open311Refusal({ ...at, first_name: '芳\n' })).toEqual({
      status: 400,
      codes: ['TEXT_CONTROL_CHARACTER'],
    });
    expect(await open311Refusal({ ...at, description: '楼'.repeat(501) })).toEqual({
      status: 400,
      codes: ['TEXT_TOO_LONG'],
    });
    expect(await requestRows()).toBe(before);
    // The same report, well formed, is taken.
    const ok = await open311({ ...at, first_name: '芳', last_name: '王', phone: '13812345678' });
    expect(ok.statusCode).toBe(201);
    expect(await requestRows()).toBe(before + 1);
  });
});

describe.each(e2eDatabases())('bad input that got through (issue #12), consultation on $name', (database) => {
  const gw = useGateway({ e2e: database });
  let b: string;

  beforeAll(async () => {
    await seedCounty(gw.db, gw.services);
    b = await gw.token(townBAdmin);
  }, 120_000);

  const ORIGINATE = `mutation($input: OriginateTopicInput!) { originateConsultationTopic(input: $input) { version } }`;
  const STEP = `mutation($input: RecordOriginationStepInput!) { recordOriginationStep(input: $input) { version } }`;
  const START = `mutation($input: StartConsultationInput!) { startConsultation(input: $input) { id } }`;
  const ok = async (r: Promise<GqlResult>) => {
    const done = await r;
    expect(done.errors, JSON.stringify(done.errors)).toBeUndefined();
  };
  const step = (input: Record<string, unknown>) =>
    gql(gw.app, STEP, { token: b, variables: { input: { topicId: 'B-probe', ...input } } });

  it('refuses NUL in a topic id or a title', async () => {
    const originate = (topicId: string) =>
      gql(gw.app, ORIGINATE, {
        token: b,
        variables: {
          input: {
            topicId,
            township: TOWN_B,
            path: 'liaison_group_led',
            step: { step: 'opinions_solicited', opinionsReceived: 3 },
            on: '2026-06-01',
          },
        },
      });
    expect(refused(await originate(`B${NUL}`))).toEqual(badText('TEXT_CONTROL_CHARACTER'));
  });

  it('publishes a title with a phone number typed into it masked', async () => {
    await ok(
      gql(gw.app, ORIGINATE, {
        token: b,
        variables: {
          input: {
            topicId: 'B-probe',
            township: TOWN_B,
            path: 'liaison_group_led',
            step: { step: 'opinions_solicited', opinionsReceived: 3 },
            on: '2026-06-01',
          },
        },
      }),
    );
    const topic = { title: '小区停车难，联系王芳13812345678', form: 'thematic', kind: 'public_concern' };
    expect(
      refused(await step({ step: { step: 'topic_drafted', topic: { ...topic, title: `t${NUL}` } } })),
    ).toEqual(badText('TEXT_CONTROL_CHARACTER'));
    await ok(step({ step: { step: 'topic_drafted', topic, planOutline: '调研' }, on: '2026-06-08' }));
    await ok(
      step({
        step: { step: 'conferred_with_government', with: [{ name: '李镇长', role: 'government' }] },
        on: '2026-06-11',
      }),
    );
    await ok(step({ step: { step: 'submitted_to_committee' }, on: '2026-06-12' }));
    await ok(step({ step: { step: 'committee_decided', decision: 'approved' }, on: '2026-06-15' }));
    await ok(
      gql(gw.app, START, {
        token: b,
        variables: {
          input: {
            topicId: 'B-probe',
            id: 'C-B-probe',
            on: '2026-06-16',
            invited: [
              { id: 'B-P1', name: '业主代表', category: 'respected_resident' },
              { id: 'B-P2', name: '社区书记', category: 'grassroots_organisation_head' },
            ],
          },
        },
      }),
    );
    const published = await gql(
      gw.app,
      `query($township: String!) { publicConsultations(township: $township) { edges { node { consultationId topic { title } } } } }`,
      { variables: { township: TOWN_B } },
    );
    expect(published.errors).toBeUndefined();
    const body = JSON.stringify(published.data);
    expect(body).not.toContain('13812345678');
    expect(body).toContain('小区停车难，联系王芳138****5678');
    // Staff inside the county still read the topic as written.
    const internal = await gql(gw.app, '{ consultation(id: "C-B-probe") { topic { title } } }', {
      token: await gw.token(countyAdmin),
    });
    expect(JSON.stringify(internal.data ?? internal.errors)).toContain('13812345678');
  });
});
