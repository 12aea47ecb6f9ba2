import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { ResidentRequestRepository } from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, NOW, useGateway } from './support.js';

const dataset = generateReferenceGridDataset(referenceProfile);
const [g1, g2] = [
  dataset.grids[0]!,
  dataset.grids.find((g) => g.communityCode !== dataset.grids[0]!.communityCode)!,
];
const centre = (grid: typeof g1) => {
  const ring = grid.outline[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return { long: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 };
};

describe('Open311 GeoReport v2', () => {
  const gw = useGateway();
  let streetKey: string;
  let communityKey: string;

  beforeAll(async () => {
    await seedGridDataset(gw.db.em, dataset);
    await gw.services.reloadOrgTrees();
    streetKey = await gw.token({ subject: 'app-1', role: 'street_admin', scope: g1.streetCode });
    communityKey = await gw.token({ subject: 'app-2', role: 'community_admin', scope: g1.communityCode });
  });

  const post = (payload: string, contentType = 'application/x-www-form-urlencoded') =>
    gw.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': contentType },
      payload,
    });

  it('lists the request types as services, in the caller’s language', async () => {
    const zh = await gw.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(zh.statusCode).toBe(200);
    expect(zh.json().map((s: { service_code: string }) => s.service_code)).toEqual([
      'dispute',
      'safety_hazard',
      'service_request',
    ]);
    expect(zh.json()[0]).toMatchObject({ service_name: '矛盾纠纷', type: 'realtime', metadata: false });
    const en = await gw.app.inject({
      method: 'GET',
      url: '/open311/v2/services.json',
      headers: { 'accept-language': 'en' },
    });
    expect(en.json()[1].service_name).toBe('Safety hazard');
  });

  it('takes a form-encoded report, routes it to its grid by coordinates, and reads it back', async () => {
    const { lat, long } = centre(g1);
    const res = await post(
      new URLSearchParams({
        api_key: streetKey,
        service_code: 'safety_hazard',
        lat: String(lat),
        long: String(long),
        description: '楼道堆放杂物',
        last_name: '王',
        first_name: '芳',
        phone: '13812345678',
      }).toString(),
    );
    expect(res.statusCode).toBe(201);
    const [created] = res.json() as { service_request_id: string; service_notice: string }[];
    expect(created?.service_notice).toBe(`已分派至网格 ${g1.code}`);
    const read = await gw.app.inject({
      method: 'GET',
      url: `/open311/v2/requests/${created?.service_request_id}.json?api_key=${streetKey}`,
    });
    expect(read.statusCode).toBe(200);
    const [view] = read.json();
    expect(view).toMatchObject({
      service_code: 'safety_hazard',
      status: 'open',
      agency_responsible: g1.code,
    });
    // No personal data over Open311.
    expect(JSON.stringify(view)).not.toMatch(/王|芳|13812345678/);
    const stored = await new ResidentRequestRepository(gw.db.em).loadMany([created!.service_request_id]);
    expect(stored[0]?.contact).toEqual({ name: '王芳', phone: '13812345678' });
  });

  it('keeps what Open311 is sent for staff: GraphQL shows the link, and the e-mail in full or masked by the same policy', async () => {
    const { lat, long } = centre(g1);
    const res = await post(
      new URLSearchParams({
        api_key: streetKey,
        service_code: 'dispute',
        lat: String(lat),
        long: String(long),
        email: 'li.si@example.cn',
        media_url: 'https://img.example.cn/2.jpg',
      }).toString(),
    );
    expect(res.statusCode).toBe(201);
    const id = (res.json() as { service_request_id: string }[])[0]!.service_request_id;
    const query = `{ residentRequest(id: "${id}") { mediaUrl updatedAt reporter { email masked } } }`;
    const full = await gql(gw.app, query, { token: streetKey });
    expect(full.data).toEqual({
      residentRequest: {
        mediaUrl: 'https://img.example.cn/2.jpg',
        updatedAt: expect.any(String),
        reporter: { email: 'li.si@example.cn', masked: false },
      },
    });
    const updatedAt = (full.data?.['residentRequest'] as { updatedAt: string } | undefined)?.updatedAt;
    expect(Date.parse(updatedAt ?? '')).toBe(NOW.getTime());
    const workerKey = await gw.token({ subject: 'W-o311', role: 'grid_worker', scope: g1.code });
    const masked = await gql(gw.app, query, { token: workerKey });
    expect(masked.data?.['residentRequest']).toMatchObject({
      reporter: { email: 'l****@example.cn', masked: true },
    });
  });

  it('refuses an e-mail or a media link by the same rule and code on both doors', async () => {
    const { lat, long } = centre(g1);
    const open311 = await post(
      `api_key=${streetKey}&service_code=dispute&lat=${lat}&long=${long}&email=li%40localhost&media_url=file%3A%2F%2F%2Fetc`,
    );
    expect(open311.statusCode).toBe(400);
    const viaOpen311 = (open311.json() as { description: string }[]).map((e) => e.description.split(':')[0]);
    const graphql = await gql(
      gw.app,
      'mutation($input: ReportResidentRequestInput!) { reportResidentRequest(input: $input) { id } }',
      {
        token: streetKey,
        variables: {
          input: {
            type: 'dispute',
            location: { point: { x: long, y: lat } },
            reporterEmail: 'li@localhost',
            mediaUrl: 'file:///etc',
          },
        },
      },
    );
    const issues = graphql.errors?.[0]?.extensions?.['issues'] as { code: string }[];
    expect(graphql.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(issues.map((i) => i.code)).toEqual(['EMAIL_FORMAT', 'REQUEST_INVALID_MEDIA_URL']);
    expect(viaOpen311).toEqual(['EMAIL_FORMAT', 'REQUEST_INVALID_MEDIA_URL']);
  });

  it('refuses a key outside the location’s scope, and writes nothing', async () => {
    const { lat, long } = centre(g2);
    const before = (
      await new ResidentRequestRepository(gw.db.em).list(
        { communityCodes: [g2.communityCode] },
        { limit: 1, offset: 0 },
      )
    ).totalCount;
    const res = await post(
      JSON.stringify({ api_key: communityKey, service_code: 'dispute', lat, long }),
      'application/json',
    );
    // Refused as GraphQL refuses it: no grid of the key's at that location.
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual([
      { code: 404, description: 'NOT_FOUND: 未找到：您管辖范围内该位置所属的网格' },
    ]);
    const after = (
      await new ResidentRequestRepository(gw.db.em).list(
        { communityCodes: [g2.communityCode] },
        { limit: 1, offset: 0 },
      )
    ).totalCount;
    expect(after).toBe(before);
  });

  it('answers a location in no grid exactly as one in a grid outside the key’s scope, so neither can be probed', async () => {
    const report = async (location: Record<string, unknown>) => {
      const res = await post(
        JSON.stringify({ api_key: communityKey, service_code: 'dispute', ...location }),
        'application/json',
      );
      return { status: res.statusCode, body: res.json() as unknown };
    };
    const refused = {
      status: 404,
      body: [{ code: 404, description: 'NOT_FOUND: 未找到：您管辖范围内该位置所属的网格' }],
    };
    // In a grid of another community: by position and by address.
    const { lat, long } = centre(g2);
    const address = dataset.buildings.find((b) => b.id === g2.buildingIds[0])!.address;
    expect(await report({ lat, long })).toEqual(refused);
    expect(await report({ address_string: address })).toEqual(refused);
    // In no grid: far from every grid (the domain names the nearest one), an address in no book.
    expect(await report({ lat: 0, long: 0 })).toEqual(refused);
    expect(await report({ address_string: '无名路1号' })).toEqual(refused);
  });

  it('answers bad input with Open311 errors, never a crash', async () => {
    expect((await post('service_code=dispute&lat=32&long=112.7')).statusCode).toBe(401);
    const badCode = await post(`api_key=${streetKey}&service_code=pothole&lat=32&long=112.7`);
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json()[0].code).toBe(400);
    expect((await post(`api_key=${streetKey}&service_code=dispute&lat=north&long=112.7`)).statusCode).toBe(
      400,
    );
    expect((await post(`api_key=${streetKey}&service_code=dispute`)).statusCode).toBe(400);
    expect((await post(`api_key=not-a-token&service_code=dispute&lat=32&long=112`)).statusCode).toBe(401);
    const missing = await gw.app.inject({
      method: 'GET',
      url: `/open311/v2/requests/nope.json?api_key=${streetKey}`,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lists requests in the key’s scope only, filtered by status and service', async () => {
    const all = await gw.app.inject({
      method: 'GET',
      url: `/open311/v2/requests.json?api_key=${communityKey}&status=open`,
    });
    expect(all.statusCode).toBe(200);
    const items = all.json() as { agency_responsible: string; status: string }[];
    expect(items.length).toBeGreaterThan(0);
    const ownGrids = new Set(
      dataset.grids.filter((g) => g.communityCode === g1.communityCode).map((g) => g.code),
    );
    expect(items.every((i) => ownGrids.has(i.agency_responsible) && i.status === 'open')).toBe(true);
    expect((await gw.app.inject({ method: 'GET', url: '/open311/v2/requests.json' })).statusCode).toBe(401);
  });

  it('lists for a key scoped to a party organisation the requests of the community it leads', async () => {
    const partyKey = await gw.token({
      subject: 'app-3',
      role: 'branch_secretary',
      scope: `P${g1.communityCode}`,
    });
    const listed = async (key: string) =>
      (
        (await gw.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${key}` })).json() as {
          service_request_id: string;
        }[]
      )
        .map((r) => r.service_request_id)
        .sort();
    const byParty = await listed(partyKey);
    expect(byParty.length).toBeGreaterThan(0);
    expect(byParty).toEqual(await listed(communityKey));
  });
});
