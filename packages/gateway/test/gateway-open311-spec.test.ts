import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { ResidentRequestRepository } from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Answer, asText, type Format, GeoReportClient } from './open311-client.js';
import { baseUrlOf, e2eDatabases, gql, NOW, useGateway } from './support.js';

const dataset = generateReferenceGridDataset(referenceProfile);
const grid = dataset.grids[0]!;
const COUNTY = '330102';
const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const centre = () => {
  const ring = grid.outline[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return { long: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 };
};

type Row = Record<string, unknown>;
const rows = (answer: Answer) => answer.body as Row[];

/** The same resource in both formats: the same status, and XML saying what JSON says. */
async function both(fetch: (format: Format) => Promise<Answer>): Promise<Answer> {
  const [json, xml] = [await fetch('json'), await fetch('xml')];
  expect(json.contentType).toBe('application/json; charset=utf-8');
  expect(xml.contentType).toBe('application/xml; charset=utf-8');
  expect(xml.raw.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(xml.status).toBe(json.status);
  expect(xml.body).toEqual(asText(json.body));
  return json;
}

/** A refusal in both formats: the status, and one `<error>` per problem whose text says `what`. */
async function refused(fetch: (format: Format) => Promise<Answer>, status: number, what: RegExp) {
  const json = await both(fetch);
  expect(json.status).toBe(status);
  const errors = rows(json);
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) expect(e['code']).toBe(status);
  expect(errors.map((e) => e['description']).join(' | ')).toMatch(what);
}

describe.each(e2eDatabases())('Open311 GeoReport v2 through a spec-only client, on $name', (engine) => {
  const gw = useGateway({ e2e: engine });
  let client: GeoReportClient;
  let staffKey: string;
  const reported: string[] = [];

  beforeAll(async () => {
    await seedGridDataset(gw.db.em, dataset);
    await gw.services.reloadOrgTrees();
    staffKey = await gw.token({ subject: 'app-1', role: 'community_admin', scope: grid.communityCode });
  }, 120_000);

  it('discovery names one GeoReport v2 endpoint, in both formats, and the client uses its URL', async () => {
    const base = baseUrlOf(gw.app);
    const answer = await both((f) => GeoReportClient.discover(`${base}/open311/discovery`, f));
    expect(answer.status).toBe(200);
    const d = answer.body as { changeset: string; endpoints: Row[]; contact: string; key_service: string };
    expect(d.changeset).toMatch(W3_DATETIME);
    expect(d.contact).toContain(COUNTY);
    expect(d.key_service).not.toBe('');
    expect(d.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${base}/open311/v2`,
        changeset: d.changeset,
        type: 'test',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    client = new GeoReportClient(String(d.endpoints[0]!['url']), {
      apiKey: staffKey,
      jurisdictionId: COUNTY,
    });
  });

  it('lists the services, each with a definition that is consistent with it: no attributes', async () => {
    const services = rows(await both((f) => client.services(f)));
    expect(services.map((s) => s['service_code'])).toEqual(['dispute', 'safety_hazard', 'service_request']);
    expect(services[0]).toMatchObject({ service_name: '矛盾纠纷', type: 'realtime', metadata: false });
    for (const s of services) {
      const definition = await both((f) => client.serviceDefinition(String(s['service_code']), f));
      expect(definition.status).toBe(200);
      expect(definition.body).toEqual({ service_code: s['service_code'], attributes: [] });
    }
    await refused((f) => client.serviceDefinition('pothole', f), 404, /pothole/);
  });

  it('takes a form-encoded report with email and media_url, and answers it in both formats without personal data', async () => {
    const { lat, long } = centre();
    const posted = await client.report('json', {
      service_code: 'safety_hazard',
      lat: String(lat),
      long: String(long),
      description: '楼道堆放杂物 A&B <3楼> "消防通道"，联系 13812345678',
      first_name: '芳',
      last_name: '王',
      phone: '13812345678',
      email: 'wang.fang@example.cn',
      media_url: 'https://img.example.cn/r/1.jpg?a=1&b=2',
      device_id: 'device-7',
    });
    expect(posted.status).toBe(201);
    const [created] = rows(posted);
    expect(Object.keys(created!)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    const id = String(created!['service_request_id']);
    reported.push(id);
    // The same report answered in XML.
    const postedXml = await client.report('xml', {
      service_code: 'dispute',
      address_string: dataset.buildings.find((b) => b.id === grid.buildingIds[0])!.address,
      description: '邻里噪音',
    });
    expect(postedXml.status).toBe(201);
    reported.push(String(rows(postedXml)[0]!['service_request_id']));

    const answer = await both((f) => client.request(id, f));
    expect(answer.status).toBe(200);
    const [view] = rows(answer);
    expect(view).toEqual({
      service_request_id: id,
      status: 'open',
      status_notes: '已上报',
      service_name: '安全隐患',
      service_code: 'safety_hazard',
      description: '楼道堆放杂物 A&B <3楼> "消防通道"，联系 138****5678',
      agency_responsible: grid.code,
      service_notice: expect.stringContaining('个工作日内办结'),
      requested_datetime: expect.stringMatching(W3_DATETIME),
      updated_datetime: expect.stringMatching(W3_DATETIME),
      expected_datetime: expect.stringMatching(/T23:59:59\+08:00$/),
      expected_datetime_provisional: expect.any(Boolean),
      address: null,
      address_id: null,
      zipcode: null,
      lat,
      long,
      media_url: 'https://img.example.cn/r/1.jpg?a=1&b=2',
    });
    expect(Date.parse(String(view!['requested_datetime']))).toBe(NOW.getTime());
    expect(view!['updated_datetime']).toBe(view!['requested_datetime']);
    // The XML carried the markup characters escaped, and its parser gave them back.
    const xml = await client.request(id, 'xml');
    expect(xml.raw).toContain('A&amp;B &lt;3楼&gt; &quot;消防通道&quot;');
    for (const raw of [answer.raw, xml.raw]) expect(raw).not.toMatch(/王|芳|13812345678|wang\.fang/);
    // Stored: the contact (e-mail sealed) and the link.
    const [stored] = await new ResidentRequestRepository(gw.db.em).loadMany([id]);
    expect(stored).toMatchObject({
      contact: { name: '王芳', phone: '13812345678', email: 'wang.fang@example.cn' },
      mediaUrl: 'https://img.example.cn/r/1.jpg?a=1&b=2',
    });
  });

  it('refuses a bad email or media_url by the one rule, in both formats, and writes nothing', async () => {
    const before = await gw.db.em.fork().count('GridRequestRow', {});
    const { lat, long } = centre();
    const base = { service_code: 'dispute', lat: String(lat), long: String(long) };
    await refused((f) => client.report(f, { ...base, email: 'wang@localhost' }), 400, /^EMAIL_FORMAT: /);
    await refused(
      (f) => client.report(f, { ...base, media_url: 'javascript:alert(1)' }),
      400,
      /^REQUEST_INVALID_MEDIA_URL: /,
    );
    await refused(
      (f) => client.report(f, { ...base, media_url: `https://img.example.cn/${'a'.repeat(2000)}` }),
      400,
      /^TEXT_TOO_LONG: /,
    );
    await refused((f) => client.report(f, { ...base, 'attribute[size]': 'big' }), 400, /attribute\[size\]/);
    await refused((f) => client.report(f, { service_code: 'dispute', address_id: 'A-1' }), 400, /address_id/);
    expect(await gw.db.em.fork().count('GridRequestRow', {})).toBe(before);
  });

  it('finds requests by id list, service, status and a window of report times', async () => {
    const ids = reported.join(',');
    const byId = await both((f) => client.requests(f, { service_request_id: ids }));
    expect(rows(byId).map((r) => r['service_request_id'])).toEqual(reported);
    const hazards = rows(await both((f) => client.requests(f, { service_code: 'safety_hazard' })));
    expect(hazards.length).toBeGreaterThan(0);
    expect(hazards.every((r) => r['service_code'] === 'safety_hazard')).toBe(true);
    expect(hazards.map((r) => r['service_request_id'])).toContain(reported[0]);
    const window = {
      start_date: new Date(NOW.getTime() - 60_000).toISOString(),
      end_date: '2026-11-27T12:01:00+08:00',
    };
    const recent = rows(await both((f) => client.requests(f, window)));
    expect(recent.map((r) => r['service_request_id']).sort()).toEqual([...reported].sort());
    const later = await both((f) => client.requests(f, { start_date: '2026-11-27T12:00:01+08:00' }));
    expect(rows(later)).toEqual([]);
    const closed = rows(await both((f) => client.requests(f, { ...window, status: 'closed' })));
    expect(closed).toEqual([]);
    const open = rows(await both((f) => client.requests(f, { ...window, status: 'open,closed' })));
    expect(open).toHaveLength(reported.length);
    const paged = rows(await both((f) => client.requests(f, { ...window, page_size: '1', page: '2' })));
    expect(paged).toHaveLength(1);
  });

  it('refuses a bad start_date or end_date instead of ignoring it, a reversed or too wide window, and bad lists', async () => {
    await refused((f) => client.requests(f, { start_date: 'yesterday' }), 400, /start_date|yesterday/);
    await refused((f) => client.requests(f, { end_date: '2026-02-30T00:00:00Z' }), 400, /2026-02-30/);
    await refused((f) => client.requests(f, { start_date: '2026-11-01' }), 400, /2026-11-01/);
    await refused(
      (f) => client.requests(f, { start_date: '2026-11-20T00:00:00Z', end_date: '2026-11-10T00:00:00Z' }),
      400,
      /^REQUEST_INVALID_PERIOD: end_date/,
    );
    await refused(
      (f) => client.requests(f, { start_date: '2026-01-01T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }),
      400,
      /90/,
    );
    await refused((f) => client.requests(f, { status: 'pending' }), 400, /pending/);
    await refused((f) => client.requests(f, { service_code: 'dispute,pothole' }), 400, /pothole/);
    await refused((f) => client.requests(f, { page_size: '1001' }), 400, /page_size/);
    await refused(
      (f) => client.request(reported[0]!, f, { extended_statuses: 'yes' }),
      400,
      /extended_statuses/,
    );
  });

  it('accepts only the jurisdiction it serves, on every endpoint and in both formats', async () => {
    const elsewhere = new GeoReportClient(client.endpoint, { apiKey: staffKey, jurisdictionId: '999999' });
    await refused((f) => elsewhere.services(f), 404, /999999.*330102/);
    await refused((f) => elsewhere.serviceDefinition('dispute', f), 404, /999999/);
    await refused((f) => elsewhere.requests(f), 404, /999999/);
    await refused((f) => elsewhere.request(reported[0]!, f), 404, /999999/);
    await refused(
      (f) => elsewhere.report(f, { service_code: 'dispute', address_string: 'x' }),
      404,
      /999999/,
    );
    const unnamed = new GeoReportClient(client.endpoint, { apiKey: staffKey });
    expect((await unnamed.services('xml')).status).toBe(200);
  });

  it('answers a key problem as an Open311 error in the format asked for', async () => {
    const anonymous = new GeoReportClient(client.endpoint, { jurisdictionId: COUNTY });
    await refused((f) => anonymous.requests(f), 401, /api_key/);
    const forged = new GeoReportClient(client.endpoint, { apiKey: 'not-a-token' });
    await refused((f) => forged.request(reported[0]!, f), 401, /api_key/);
    await refused((f) => client.request('R-none', f), 404, /NOT_FOUND/);
  });

  it('tells a rejected request as closed, or with mySociety’s extended statuses when asked, with words for notes', async () => {
    const [id] = reported;
    const rejected = await gql(
      gw.app,
      'mutation($id: String!) { rejectResidentRequest(id: $id, reason: "不属于本渠道") { status } }',
      { token: staffKey, variables: { id } },
    );
    expect(rejected).toMatchObject({ data: { rejectResidentRequest: { status: 'rejected' } } });
    const plain = rows(await both((f) => client.request(id!, f)))[0]!;
    expect(plain).toMatchObject({ status: 'closed', status_notes: '不予受理' });
    const extended = rows(await both((f) => client.request(id!, f, { extended_statuses: 'true' })))[0]!;
    expect(extended['status']).toBe('no_further_action');
    const english = new GeoReportClient(client.endpoint, { apiKey: staffKey, language: 'en' });
    expect(rows(await english.request(id!, 'xml'))[0]!['status_notes']).toBe('rejected');
    const window = { start_date: '2026-11-27T11:59:00+08:00', end_date: '2026-11-27T12:01:00+08:00' };
    const found = rows(
      await both((f) =>
        client.requests(f, { ...window, status: 'no_further_action', service_code: 'safety_hazard' }),
      ),
    );
    expect(found.map((r) => r['service_request_id'])).toEqual([id]);
    // The second report stays open, whichever way it is asked.
    const open = rows(
      await both((f) => client.requests(f, { status: 'open', service_request_id: reported[1]! })),
    );
    expect(open.map((r) => r['status'])).toEqual(['open']);
  });
});
