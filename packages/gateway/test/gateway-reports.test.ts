import { OPEN_REQUEST_STATUSES, referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import { createGateway, createTokenService } from '@jiceng/gateway';
import { seedGridDataset } from '@jiceng/persistence/seed';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GANG, seedCounty, TOWN_A, townBAdmin } from './gateway-consultation-fixtures.js';
import { member1, secretary2, setUpPoints } from './gateway-points-fixtures.js';
import { type GqlResult, gql, NOW, SECRET, useGateway } from './support.js';

const EXPORT = `mutation Export($report: String!, $scope: String, $year: Int, $member: String) {
  exportReport(report: $report, scope: $scope, year: $year, member: $member) { url fileName expiresAt }
}`;

const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.['code'];

/** Asks for a report's link and downloads it: the workbook's sheets as rows of cell values. */
async function download(
  app: FastifyInstance,
  token: string,
  variables: Record<string, unknown>,
): Promise<Map<string, unknown[][]>> {
  const link = await gql(app, EXPORT, { token, variables });
  expect(link.errors).toBeUndefined();
  const { url } = link.data!['exportReport'] as { url: string };
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return new Map(
    book.worksheets.map((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return [ws.name, rows];
    }),
  );
}

describe('points reports, as the queries they come from', () => {
  const gw = useGateway();

  beforeAll(async () => {
    await setUpPoints(gw.db, gw.services);
  });

  it('exports the rankings and the rating of a branch exactly as pointsRankings and pointsRating answer', async () => {
    const token = await gw.token(secretary2);
    const answer = await gql(
      gw.app,
      `{ pointsRankings(scope: "Pc2", year: 2025) { group members { member rank total } }
         pointsRating(scope: "Pc2", year: 2025) { ratings { member total bandName { zh } } } }`,
      { token },
    );
    const rankings = answer.data?.['pointsRankings'] as {
      group: string;
      members: { member: string; rank: number; total: number }[];
    }[];
    const ranked = (await download(gw.app, token, { report: 'rankings', scope: 'Pc2', year: 2025 })).get(
      '2025年积分排名',
    )!;
    expect(rankings.flatMap((g) => g.members)).toHaveLength(5);
    expect(ranked[0]!.slice(0, 5)).toEqual(['分组', '名次', '党员编号', '姓名', '总分']);
    expect(ranked.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual(
      rankings.flatMap((g) => g.members.map((m) => [g.group, m.rank, m.member, m.total])),
    );

    const ratings = (
      answer.data!['pointsRating'] as {
        ratings: { member: string; total: number; bandName: { zh: string } }[];
      }
    ).ratings;
    const rated = await download(gw.app, token, { report: 'rating', scope: 'Pc2', year: 2025 });
    expect(
      rated
        .get('2025年度评定')!
        .slice(1)
        .map((r) => [r[1], r[3], r[4]]),
    ).toEqual(ratings.map((r) => [r.member, r.total, r.bandName.zh]));
    // The bands sheet counts who holds each band.
    const bands = rated.get('等次')!.slice(1);
    expect(bands.map((b) => b[b.length - 1])).toEqual(
      referenceProfile.points.ratingBands.map(
        (b) => ratings.filter((r) => r.bandName.zh === b.name.zh).length,
      ),
    );
  });

  it('refuses a ranking outside the caller’s scope as NOT_FOUND, and needs a year', async () => {
    const token = await gw.token(secretary2);
    expect(
      codeOf(
        await gql(gw.app, EXPORT, { token, variables: { report: 'rankings', scope: 'Pc1', year: 2025 } }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await gql(gw.app, EXPORT, { token, variables: { report: 'rankings', scope: 'Pc2' } })),
    ).toBe('BAD_USER_INPUT');
  });

  it('exports a member’s explained total as partyMember.explanation gives it; a member sees only themselves', async () => {
    const token = await gw.token(secretary2);
    const answer = await gql(
      gw.app,
      '{ partyMember(code: "q001") { explanation(year: 2025) { total lines { key points } } } }',
      { token },
    );
    expect(answer.errors).toBeUndefined();
    const explanation = (
      answer.data!['partyMember'] as {
        explanation: { total: number; lines: { key: string; points: number }[] };
      }
    ).explanation;
    expect(explanation.lines.length).toBeGreaterThan(0);
    const sheets = await download(gw.app, token, { report: 'explanation', member: 'q001', year: 2025 });
    expect(sheets.get('积分汇总')![1]![0]).toBe('q001');
    expect(sheets.get('积分汇总')![1]![6]).toBe(explanation.total);
    expect(
      sheets
        .get('积分明细')!
        .slice(1)
        .map((r) => [r[0], r[9]]),
    ).toEqual(explanation.lines.map((l) => [l.key, l.points]));
    const other = await gql(gw.app, EXPORT, {
      token: await gw.token(member1),
      variables: { report: 'explanation', member: 'q001', year: 2025 },
    });
    expect(codeOf(other)).toBe('NOT_FOUND');
    const own = await gql(gw.app, EXPORT, {
      token: await gw.token(member1),
      variables: { report: 'explanation', member: 'm001', year: 2025 },
    });
    expect(own.errors).toBeUndefined();
  });
});

describe('grid statistics report', () => {
  const gw = useGateway();
  const data = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });
  const street = data.streets[0]!.code;
  const [c1, c2] = data.communities.map((c) => c.code) as [string, string];

  beforeAll(async () => {
    await seedGridDataset(gw.db.em, data);
    await gw.services.reloadOrgTrees();
  });

  it('exports requests by type and status at every level, and the overdue list, as the queries count them', async () => {
    const token = await gw.token({ subject: 'street-1', role: 'street_admin', scope: street });
    const answer = await gql(
      gw.app,
      `{ orgNode(code: "${street}") { statistics { requests { total overdue byType { type count } } } }
         overdueRequests(first: 1) { totalCount } }`,
      { token },
    );
    expect(answer.errors).toBeUndefined();
    const requests = (
      answer.data!['orgNode'] as { statistics: { requests: { total: number; overdue: number } } }
    ).statistics.requests;
    const sheets = await download(gw.app, token, { report: 'grid', scope: street });
    const stats = sheets.get('诉求统计')!;
    const header = stats[0]!;
    const row = stats.find((r) => r[0] === street)!;
    expect(row[header.indexOf('诉求总数')]).toBe(requests.total);
    expect(row[header.indexOf('逾期未办结')]).toBe(requests.overdue);
    expect(requests.total).toBe(data.requests.length);
    // A row for the street, each community and each grid under it.
    expect(stats.length - 1).toBe(1 + data.communities.length + data.grids.length);
    const overdue = sheets.get('逾期诉求')!.slice(1);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue).toHaveLength((answer.data!['overdueRequests'] as { totalCount: number }).totalCount);
    expect(overdue.length).toBe(
      data.requests.filter((q) => (OPEN_REQUEST_STATUSES as readonly string[]).includes(q.status)).length,
    );
  });

  it('refuses another community’s statistics as NOT_FOUND and a member’s as FORBIDDEN', async () => {
    const admin1 = await gw.token({ subject: 'ca-1', role: 'community_admin', scope: c1 });
    expect(
      codeOf(await gql(gw.app, EXPORT, { token: admin1, variables: { report: 'grid', scope: c2 } })),
    ).toBe('NOT_FOUND');
    const member = await gw.token({ subject: 'M00100', role: 'member', scope: c1 });
    expect(
      codeOf(await gql(gw.app, EXPORT, { token: member, variables: { report: 'grid', scope: c1 } })),
    ).toBe('FORBIDDEN');
  });
});

describe('consultation compliance report', () => {
  const gw = useGateway();

  beforeAll(async () => {
    await seedCounty(gw.db, gw.services);
  });

  it('exports a township’s compliance as consultationCompliance reports it, findings in both languages', async () => {
    const token = await gw.token({ subject: 'cppcc-office', role: 'county_admin', scope: '341100' });
    const answer = await gql(
      gw.app,
      `{ consultationCompliance(township: "${GANG}", year: 2025) { ok thematic { count ok } minutes { filed villages { code count } } findings { code message { zh en } } } }`,
      { token },
    );
    expect(answer.errors).toBeUndefined();
    const report = answer.data!['consultationCompliance'] as {
      ok: boolean;
      thematic: { count: number; ok: boolean };
      minutes: { filed: number; villages: { code: string; count: number }[] };
      findings: { code: string; message: { zh: string; en: string } }[];
    };
    expect(report.findings.length).toBeGreaterThan(0);
    const sheets = await download(gw.app, token, { report: 'consultation', scope: GANG, year: 2025 });
    const checks = sheets.get('2025年协商合规')!;
    expect(checks[1]).toEqual([
      '专题协商',
      report.thematic.count,
      expect.any(String),
      report.thematic.ok ? '合格' : '不合格',
    ]);
    expect(checks.find((r) => r[0] === '村级协商纪要备案')?.[1]).toBe(report.minutes.filed);
    expect(checks.at(-1)?.[3]).toBe(report.ok ? '合格' : '不合格');
    expect(sheets.get('问题清单')!.slice(1)).toEqual(
      report.findings.map((f) => [f.code, f.message.zh, f.message.en]),
    );
    expect(
      sheets
        .get('村级纪要备案')!
        .slice(1)
        .map((r) => [r[0], r[2]]),
    ).toEqual(report.minutes.villages.map((v) => [v.code, v.count]));
  });

  it('exports the public disclosure for anyone, exactly the parts publicConsultations publishes', async () => {
    const answer = await gql(
      gw.app,
      `{ publicConsultations(township: "${GANG}", first: 100) { totalCount edges { node { consultationId status { zh } topic { title } proposal { items { id text } } } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const page = answer.data!['publicConsultations'] as {
      totalCount: number;
      edges: {
        node: {
          consultationId: string;
          status: { zh: string };
          topic: { title: string } | null;
          proposal: { items: { id: string; text: string }[] } | null;
        };
      }[];
    };
    const nodes = page.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.some((n) => (n.proposal?.items.length ?? 0) > 0)).toBe(true);
    // No token: the link is signed for the public, as the query answers it.
    const link = await gql(gw.app, EXPORT, { variables: { report: 'disclosure', scope: GANG } });
    expect(link.errors).toBeUndefined();
    const { url } = link.data!['exportReport'] as { url: string };
    const res = await gw.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)!.eachRow((r, i) => {
        if (i > 1) out.push((r.values as unknown[]).slice(1));
      });
      return out;
    };
    expect(rows('协商公开').map((r) => [r[0], r[1], r[2]])).toEqual(
      nodes.map((n) => [n.consultationId, n.status.zh, n.topic?.title]),
    );
    expect(rows('建议采纳与落实').map((r) => [r[0], r[1], r[2]])).toEqual(
      nodes.flatMap((n) => (n.proposal?.items ?? []).map((i) => [n.consultationId, i.id, i.text])),
    );
  });

  it('refuses another township as NOT_FOUND and a node that is no township as BAD_USER_INPUT', async () => {
    const token = await gw.token(townBAdmin);
    const other = await gql(gw.app, EXPORT, {
      token,
      variables: { report: 'consultation', scope: TOWN_A, year: 2026 },
    });
    expect(codeOf(other)).toBe('NOT_FOUND');
    const county = await gw.token({ subject: 'cppcc-office', role: 'county_admin', scope: '341100' });
    const notTownship = await gql(gw.app, EXPORT, {
      token: county,
      variables: { report: 'consultation', scope: '341100', year: 2026 },
    });
    expect(codeOf(notTownship)).toBe('BAD_USER_INPUT');
  });
});

describe('report links across gateways and time', () => {
  const gw = useGateway();
  const key = new Uint8Array(32).fill(7);
  let clock = NOW;
  const open: FastifyInstance[] = [];
  const gateway = async (reportLinkKey: Uint8Array) => {
    const app = await createGateway({
      services: gw.services,
      tokens: createTokenService(SECRET),
      environment: 'test',
      now: () => clock,
      logger: { error: () => {} },
      reportLinkKey,
    });
    open.push(app);
    return app;
  };

  beforeAll(async () => {
    await setUpPoints(gw.db, gw.services);
  });

  afterAll(async () => {
    for (const app of open) await app.close();
  });

  it('serves a link on every gateway sharing the key, on none other, and not after five minutes', async () => {
    const [a, b, stranger] = [
      await gateway(key),
      await gateway(key),
      await gateway(new Uint8Array(32).fill(8)),
    ];
    const link = await gql(a, EXPORT, {
      token: await gw.token(secretary2),
      variables: { report: 'rankings', scope: 'Pc2', year: 2025 },
    });
    expect(link.errors).toBeUndefined();
    const { url, expiresAt } = link.data!['exportReport'] as { url: string; expiresAt: string };
    expect(Date.parse(expiresAt) - NOW.getTime()).toBe(300_000);
    expect((await b.inject({ method: 'GET', url })).statusCode).toBe(200);
    expect((await stranger.inject({ method: 'GET', url })).statusCode).toBe(404);
    clock = new Date(Date.parse(expiresAt) - 1000);
    expect((await b.inject({ method: 'GET', url })).statusCode).toBe(200);
    clock = new Date(Date.parse(expiresAt));
    const expired = await b.inject({ method: 'GET', url });
    expect(expired.statusCode).toBe(404);
    expect(JSON.parse(expired.body).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
