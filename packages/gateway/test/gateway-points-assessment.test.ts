import { referenceProfile } from '@jiceng/domain';
import { PointsMemberRepository, ProfileDocumentRepository } from '@jiceng/persistence';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  committee,
  community1,
  community2,
  county,
  member1,
  secretary2,
  setUpPoints,
  street,
} from './gateway-points-fixtures.js';
import { gql, useGateway } from './support.js';

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.['code'];
const issueCodes = (errors: Errors) =>
  ((errors?.[0]?.extensions?.['issues'] as { code: string }[] | undefined) ?? []).map((i) => i.code);

describe('points assessments over GraphQL', () => {
  const gw = useGateway();

  beforeAll(async () => {
    await setUpPoints(gw.db, gw.services);
  });

  it('gives every member’s period totals under a scope', async () => {
    const r = await gql(
      gw.app,
      '{ pointsPeriodTotals(scope: "Pc2", year: 2025, quarter: 1) { member period { zh } awards total } }',
      {
        token: await gw.token(secretary2),
      },
    );
    expect(r.data?.['pointsPeriodTotals']).toEqual(
      ['q001', 'q002', 'q003', 'q004', 'q005'].map((member) => ({
        member,
        period: { zh: '2025年第1季度' },
        awards: 20,
        total: 20,
      })),
    );
    const year = await gql(gw.app, '{ pointsPeriodTotals(scope: "c2", year: 2025) { member total } }', {
      token: await gw.token(community2),
    });
    expect((year.data!['pointsPeriodTotals'] as { total: number }[]).map((t) => t.total)).toEqual([
      160, 160, 160, 160, 160,
    ]);
  });

  it('ranks inside the branch with the tie breaker that decided, and rates with the quota held back', async () => {
    const ranking = await gql(
      gw.app,
      '{ pointsRankings(scope: "Pc2", year: 2025) { scope group tieBreakers members { member rank total tie { with decidedBy decidedByLabel { zh } } } } }',
      { token: await gw.token(secretary2) },
    );
    expect(ranking.errors).toBeUndefined();
    const [branch] = ranking.data!['pointsRankings'] as {
      group: string;
      members: { member: string; rank: number; tie: { decidedBy: string } | null }[];
    }[];
    expect(branch?.group).toBe('Pc2');
    expect(branch?.members.map((m) => [m.member, m.rank])).toEqual([
      ['q001', 1],
      ['q002', 2],
      ['q003', 3],
      ['q004', 4],
      ['q005', 5],
    ]);
    expect(branch?.members[1]?.tie).toEqual({
      with: 'q001',
      decidedBy: 'member_code_asc',
      decidedByLabel: { zh: '党员编号小者在前' },
    });

    const rating = await gql(
      gw.app,
      '{ pointsRating(scope: "Pc2", year: 2025) { version groupBy ratings { member band thresholdBand heldBack { reason places message { zh } } } groups { group size quotas { band places given heldBack } } } }',
      { token: await gw.token(secretary2) },
    );
    expect(rating.errors).toBeUndefined();
    const result = rating.data?.['pointsRating'] as {
      ratings: {
        member: string;
        band: string;
        thresholdBand: string;
        heldBack: { reason: string; places: number; message: { zh: string } }[];
      }[];
      groups: unknown[];
    };
    expect(result.ratings.map((r) => [r.member, r.band, r.thresholdBand])).toEqual([
      ['q001', 'excellent', 'excellent'],
      ['q002', 'qualified', 'excellent'],
      ['q003', 'qualified', 'excellent'],
      ['q004', 'qualified', 'excellent'],
      ['q005', 'qualified', 'excellent'],
    ]);
    expect(result.ratings[1]?.heldBack[0]).toMatchObject({ reason: 'quota_full', places: 1 });
    expect(result.ratings[1]?.heldBack[0]?.message.zh).toContain('“优秀”最多 1 名');
    expect(result.groups).toEqual([
      { group: 'Pc2', size: 5, quotas: [{ band: 'excellent', places: 1, given: 1, heldBack: 4 }] },
    ]);
  });

  it('keeps the top N of a ranking, one member’s row, and filters and counts ratings by band', async () => {
    const token = await gw.token(secretary2);
    const r = await gql(
      gw.app,
      `{ pointsRankings(scope: "Pc2", year: 2025) { size top: members(first: 2) { member rank } me: members(member: "q004") { member rank } }
         pointsRating(scope: "Pc2", year: 2025) { rated bandCounts { band bandName { en } count }
           held: ratings(heldBackOnly: true, first: 2) { member band }
           excellent: ratings(band: "excellent") { member }
           named: ratings(members: ["q005", "q001"]) { member } } }`,
      { token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.['pointsRankings']).toEqual([
      {
        size: 5,
        top: [
          { member: 'q001', rank: 1 },
          { member: 'q002', rank: 2 },
        ],
        me: [{ member: 'q004', rank: 4 }],
      },
    ]);
    const rating = r.data?.['pointsRating'] as { bandCounts: { band: string; count: number }[] };
    expect(rating).toMatchObject({
      rated: 5,
      held: [
        { member: 'q002', band: 'qualified' },
        { member: 'q003', band: 'qualified' },
      ],
      excellent: [{ member: 'q001' }],
      named: [{ member: 'q001' }, { member: 'q005' }],
    });
    // Every band of the profile, best first, even the empty ones.
    expect(rating.bandCounts.map((b) => [b.band, b.count])).toEqual([
      ['excellent', 1],
      ['qualified', 4],
      ['basically_qualified', 0],
      ['unqualified', 0],
    ]);
    const bad = await gql(
      gw.app,
      '{ pointsRankings(scope: "Pc2", year: 2025) { members(first: -1) { member } } }',
      {
        token,
        language: 'en',
      },
    );
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toBe('first must be between 0 and 10000');
  });

  it('scores a past year again under a draft document, and refuses an invalid one with its path', async () => {
    const draft = {
      id: 'draft_county',
      name: { zh: '草案县', en: 'Draft County' },
      extends: 'reference',
      versions: [
        {
          version: '2025.d',
          effectiveFrom: '2025-01-01',
          changes: { points: { items: [{ code: 'honour', points: 5 }] } },
        },
      ],
    };
    const query =
      'query($draft: JSONObject!) { pointsWhatIf(scope: "c2", year: 2025, draft: $draft) { unchanged summary { zh } members { member totalBefore totalAfter delta changes { kind message { zh } } } } }';
    const r = await gql(gw.app, query, { token: await gw.token(street), variables: { draft } });
    expect(r.errors).toBeUndefined();
    const report = r.data?.['pointsWhatIf'] as {
      members: { member: string; totalBefore: number; totalAfter: number; changes: { kind: string }[] }[];
    };
    expect(report.members.map((m) => [m.member, m.totalBefore, m.totalAfter])).toEqual(
      ['q001', 'q002', 'q003', 'q004', 'q005'].map((m) => [m, 160, 150]),
    );
    expect(report.members[0]?.changes.map((c) => c.kind)).toEqual(['item_points', 'item_points']);
    const bad = await gql(gw.app, query, {
      token: await gw.token(street),
      variables: { draft: { ...draft, versions: [{ version: 'x', effectiveFrom: 'soon', changes: {} }] } },
    });
    expect(codeOf(bad.errors)).toBe('BAD_USER_INPUT');
    const bySecretary = await gql(gw.app, query, { token: await gw.token(secretary2), variables: { draft } });
    expect(codeOf(bySecretary.errors)).toBe('FORBIDDEN');
  });

  it('reports in-service members’ community activity back to their units', async () => {
    const record =
      'mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { entry { status } } }';
    const r1 = await gql(gw.app, record, {
      token: await gw.token(community1),
      variables: {
        input: {
          idempotencyKey: 'fb/1',
          member: 'm100',
          item: 'volunteer_service',
          date: '2026-10-12',
          quantity: 3,
          evidence: ['sign'],
        },
      },
    });
    expect(r1.errors).toBeUndefined();
    const report = await gql(
      gw.app,
      '{ inServiceFeedback(community: "c1", year: 2026) { community units { unit summary { zh } members { member activities hours notCounted: quarters { notCounted } } } } }',
      { token: await gw.token(community1) },
    );
    expect(report.errors).toBeUndefined();
    expect(report.data?.['inServiceFeedback']).toEqual({
      community: 'c1',
      units: [
        {
          unit: 'tax_bureau',
          summary: { zh: '2026 年，贵单位 1 名在职党员在社区“c1”参加活动 0 次、服务 0 小时' },
          members: [
            {
              member: 'm100',
              activities: 0,
              hours: 0,
              notCounted: [{ notCounted: 0 }, { notCounted: 0 }, { notCounted: 0 }, { notCounted: 1 }],
            },
          ],
        },
      ],
    });
    const outside = await gql(gw.app, '{ inServiceFeedback(community: "c1", year: 2026) { community } }', {
      token: await gw.token(community2),
    });
    expect(codeOf(outside.errors)).toBe('NOT_FOUND');
  });

  it('runs co-building: units, commitments and scores in, the weighted assessment out', async () => {
    const token = await gw.token(street);
    const units = await gql(
      gw.app,
      'mutation { registerCoBuildingUnits(scope: "330102001", year: 2026, units: [{ code: "tax_bureau", name: "区税务局" }, { code: "hospital" }]) }',
      { token },
    );
    expect(units.data).toEqual({ registerCoBuildingUnits: 2 });
    const commitments = `mutation { addCoBuildingCommitments(scope: "330102001", year: 2026, commitments: [
      { unit: "tax_bureau", code: "c1", text: "每季度税法进社区" }, { unit: "hospital", code: "c1", text: "每月义诊" }]) }`;
    expect((await gql(gw.app, commitments, { token })).data).toEqual({ addCoBuildingCommitments: 2 });
    expect((await gql(gw.app, commitments, { token })).data).toEqual({ addCoBuildingCommitments: 0 });
    const scores = `mutation { recordCoBuildingEvaluations(scope: "330102001", year: 2026, evaluations: [
      { unit: "tax_bureau", commitment: "c1", round: 1, raterGroup: "joint_meeting_units", rater: "police", score: 90 },
      { unit: "tax_bureau", commitment: "c1", round: 1, raterGroup: "resident_party_members", rater: "m001", score: 80 },
      { unit: "hospital", commitment: "c1", round: 1, raterGroup: "joint_meeting_units", rater: "police", score: 95 }]) }`;
    expect((await gql(gw.app, scores, { token })).data).toEqual({ recordCoBuildingEvaluations: 3 });
    const badScore = await gql(
      gw.app,
      'mutation { recordCoBuildingEvaluations(scope: "330102001", year: 2026, evaluations: [{ unit: "hospital", commitment: "c1", round: 1, raterGroup: "joint_meeting_units", rater: "school", score: 101 }]) }',
      { token },
    );
    expect(issueCodes(badScore.errors)).toEqual(['COBUILDING_SCORE_OUT_OF_RANGE']);
    const unknown = await gql(
      gw.app,
      'mutation { addCoBuildingCommitments(scope: "330102001", year: 2026, commitments: [{ unit: "ghost", code: "c1", text: "x" }]) }',
      { token },
    );
    expect(issueCodes(unknown.errors)).toEqual(['COBUILDING_UNKNOWN_UNIT']);
    const assessment = await gql(
      gw.app,
      '{ coBuildingAssessment(scope: "330102001", year: 2026) { year units { unit name scope score rank complete summary { zh } } } }',
      { token: await gw.token(county) },
    );
    expect(assessment.data?.['coBuildingAssessment']).toMatchObject({
      year: 2026,
      units: [
        { unit: 'hospital', name: null, scope: '330102001', score: 95, rank: 1, complete: false },
        { unit: 'tax_bureau', name: '区税务局', scope: '330102001', score: 85, rank: 2, complete: false },
      ],
    });
    const byMember = await gql(gw.app, '{ coBuildingAssessment(scope: "330102001", year: 2026) { year } }', {
      token: await gw.token(member1),
    });
    expect(codeOf(byMember.errors)).toBe('FORBIDDEN');
    const byCommunity = await gql(
      gw.app,
      'mutation { registerCoBuildingUnits(scope: "c1", year: 2026, units: [{ code: "x" }]) }',
      {
        token: await gw.token(community1),
      },
    );
    expect(codeOf(byCommunity.errors)).toBe('FORBIDDEN');
  });

  it('weights community cadres’ party building as the profile says', async () => {
    const r = await gql(
      gw.app,
      '{ cadreAssessment(year: 2026, cadres: [{ cadre: "a", partyBuilding: 90, work: 80 }, { cadre: "b", partyBuilding: 70, work: 90 }]) { cadre total rank partyBuildingWeight summary { zh } } }',
      { token: await gw.token(street) },
    );
    expect(r.data?.['cadreAssessment']).toEqual([
      {
        cadre: 'b',
        total: 84,
        rank: 1,
        partyBuildingWeight: 0.3,
        summary: { zh: '党建 70 × 30% + 其他工作 90 × 70% = 84' },
      },
      {
        cadre: 'a',
        total: 83,
        rank: 2,
        partyBuildingWeight: 0.3,
        summary: { zh: '党建 90 × 30% + 其他工作 80 × 70% = 83' },
      },
    ]);
  });

  it('scores each member of a scope under their own rule profile when it mixes counties', async () => {
    const token = await gw.token(committee);
    const totals = async () => {
      const r = await gql(
        gw.app,
        '{ pointsPeriodTotals(scope: "Psmall", year: 2025) { member base total } }',
        { token },
      );
      expect(r.errors).toBeUndefined();
      return r.data?.['pointsPeriodTotals'] as { member: string; base: number; total: number }[];
    };
    const before = await totals();
    expect(before).toHaveLength(10);
    // A member of another county, whose members start the year with 80 points.
    await new ProfileDocumentRepository(gw.db.em).save({
      id: 'county_b',
      name: { zh: '乙县', en: 'County B' },
      extends: 'reference',
      versions: [{ version: '2025.b', effectiveFrom: '2025-01-01', changes: { points: { baseScore: 80 } } }],
    });
    await gw.services.reloadProfiles();
    await new PointsMemberRepository(gw.db.em).saveMembers([
      {
        code: 'K001',
        name: '孔一',
        branch: 'Psmall',
        community: 'small',
        categories: [{ category: 'ordinary', from: '2020-01-01' }],
        profileId: 'county_b',
      },
    ]);
    const after = await totals();
    expect(after).toEqual([{ member: 'K001', base: 80, total: 80 }, ...before]);

    const rankings = await gql(
      gw.app,
      '{ pointsRankings(scope: "Psmall", year: 2025) { group members { member total } } }',
      { token },
    );
    expect(rankings.errors).toBeUndefined();
    const groups = rankings.data?.['pointsRankings'] as { group: string; members: { member: string }[] }[];
    expect(groups.map((g) => [g.group, g.members.length])).toEqual([
      ['Psmall', 1],
      ['Psmall', 10],
    ]);
    const rating = await gql(gw.app, '{ pointsRating(scope: "Psmall", year: 2025) { version rated } }', {
      token,
    });
    expect(rating.data?.['pointsRating']).toEqual({
      version: `2025.b + ${referenceProfile.version}`,
      rated: 11,
    });

    // A draft compared against the current rules needs one profile's members.
    const whatIf = await gql(
      gw.app,
      'query($draft: JSONObject!) { pointsWhatIf(scope: "Psmall", year: 2025, draft: $draft) { unchanged } }',
      {
        token,
        variables: {
          draft: {
            id: 'draft_b',
            name: { zh: '草案', en: 'Draft' },
            extends: 'reference',
            versions: [{ version: '2025.d', effectiveFrom: '2025-01-01', changes: {} }],
          },
        },
      },
    );
    expect([codeOf(whatIf.errors), issueCodes(whatIf.errors)]).toEqual([
      'BAD_USER_INPUT',
      ['POINTS_SCOPE_MIXES_PROFILES'],
    ]);
  });
});
