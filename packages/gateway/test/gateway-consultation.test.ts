import { beforeAll, describe, expect, it } from 'vitest';
import {
  COUNTY,
  countyAdmin,
  GANG,
  gridWorker,
  refusal,
  seedCounty,
  TOWN_A,
  TOWN_B,
  townAAdmin,
  townBAdmin,
  villageAdmin,
} from './gateway-consultation-fixtures.js';
import { gql, useGateway } from './support.js';

describe('consultation over GraphQL: reads, scoped', () => {
  const gw = useGateway();
  beforeAll(async () => {
    await seedCounty(gw.db, gw.services);
  });

  it('shows a township’s liaison group with its five-haves checklist and its CPPCC members', async () => {
    const r = await gql(
      gw.app,
      `{ liaisonGroup(township: "${GANG}") {
          name townshipName leader { name roleName { zh } }
          fiveHaves(year: 2026) { complete items { have present label { zh } evidence { title } } }
          before: fiveHaves(year: 2024) { complete issues { code path } }
          members { total county recommendedByTownship recommendedByOthers bySector { sector members } }
        } }`,
      { token: await gw.token(countyAdmin) },
    );
    const group = r.data?.['liaisonGroup'] as {
      name: string;
      fiveHaves: { complete: boolean; items: { have: string; present: boolean }[] };
      before: { complete: boolean; issues: { code: string; path: string[] }[] };
      members: { total: number; county: number; bySector: { members: number }[] };
    };
    expect(r.errors).toBeUndefined();
    expect(group.name).toBe('岗乡政协联络组');
    expect(group.fiveHaves.complete).toBe(true);
    expect(group.fiveHaves.items.map((i) => [i.have, i.present])).toEqual([
      ['place', true],
      ['secretary', true],
      ['working_rules', true],
      ['annual_plan', true],
      ['funding', true],
    ]);
    // Plans and budgets belong to a year: none was on file for 2024, before the group was set up.
    expect(group.before.issues.map((i) => i.path)).toEqual([
      ['evidence', 'annual_plan'],
      ['evidence', 'funding'],
    ]);
    // 240 of the 258 county members live in the 5 townships, 48 each.
    expect([group.members.total, group.members.county]).toEqual([48, 48]);
    expect(group.members.bySector).toHaveLength(12);
    expect(group.members.bySector.reduce((s, x) => s + x.members, 0)).toBe(48);
  });

  it('lists the consultations of a scope, filtered by status and year, paged Relay style', async () => {
    const token = await gw.token(countyAdmin);
    const all = await gql(
      gw.app,
      `{ consultations(first: 100) { totalCount edges { node { id status year } } } }`,
      {
        token,
      },
    );
    const page = all.data?.['consultations'] as { totalCount: number; edges: { node: { id: string } }[] };
    expect(page.totalCount).toBe(9);
    const inProgress = await gql(
      gw.app,
      `{ consultations(scope: "${COUNTY}", status: research, year: 2026) { totalCount edges { node { id township status } } } }`,
      { token },
    );
    expect(inProgress.data?.['consultations']).toEqual({
      totalCount: 1,
      edges: [{ node: { id: 'C-town_4-1', township: 'town_4', status: 'research' } }],
    });
    const first = await gql(
      gw.app,
      `{ consultations(scope: "${TOWN_A}", first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
      { token: await gw.token(townAAdmin) },
    );
    const p1 = first.data?.['consultations'] as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: { id: string } }[];
    };
    expect([p1.totalCount, p1.pageInfo.hasNextPage, p1.edges.map((e) => e.node.id)]).toEqual([
      3,
      true,
      ['C-A-R1', 'C-A-sewage'],
    ]);
    const second = await gql(
      gw.app,
      `{ consultations(scope: "${TOWN_A}", first: 2, after: "${p1.pageInfo.endCursor}") { pageInfo { hasNextPage } edges { node { id } } } }`,
      { token: await gw.token(townAAdmin) },
    );
    expect(second.data?.['consultations']).toEqual({
      pageInfo: { hasNextPage: false },
      edges: [{ node: { id: 'C-A-waste' } }],
    });
    // Without a scope, a street administrator sees its own township only.
    const own = await gql(gw.app, '{ consultations { edges { node { id } } } }', {
      token: await gw.token(townBAdmin),
    });
    expect(own.data?.['consultations']).toEqual({ edges: [{ node: { id: 'C-B-shunhe' } }] });
  });

  it('shows one consultation with its timeline, gates, group and items with adoption and progress', async () => {
    const r = await gql(
      gw.app,
      `{ consultation(id: "C-A-waste") {
          status statusName { zh } version topic { title form kind kindName { zh } year subjects }
          originationPath originationSteps { step by { role } with { role } }
          groupComposition { size fixed invited }
          groupMembers { id kind }
          groupIssues { code }
          gates { from to passed }
          currentGate { from }
          timeline { stages { stage enteredOn leftOn days } reportDueOn reportedOn reportLate events { type on } }
          implementation(asOf: "2026-09-30") {
            progress adoptedItems completedItems
            items { itemId decision adoption { reason by { roleName { en } } } owner status progress
              tasks { id progress status subTasks { id progress } } }
          }
          liaisonGroup { name }
        } }`,
      { token: await gw.token(townAAdmin) },
    );
    expect(r.errors).toBeUndefined();
    const c = r.data?.['consultation'] as Record<string, unknown> & {
      groupMembers: { id: string; kind: string }[];
      timeline: { stages: unknown[]; events: { type: string }[] };
      implementation: { items: { itemId: string; status: string; progress: number }[] };
    };
    expect(c['status']).toBe('completed');
    expect(c['topic']).toEqual({
      title: '加快垃圾发电项目建设步伐，建设美好乡村',
      form: 'thematic',
      kind: 'public_concern',
      kindName: { zh: '群众关心的热点难点问题' },
      year: 2026,
      subjects: ['waste_to_energy_plant'],
    });
    expect(c['originationPath']).toBe('liaison_group_led');
    expect((c['originationSteps'] as unknown[]).length).toBe(5);
    expect(c['groupComposition']).toMatchObject({ size: 20 });
    expect(c.groupMembers.map((m) => m.id)).not.toContain(`${TOWN_A}-contractor`);
    expect(c['groupIssues']).toEqual([]);
    expect(c['gates']).toEqual([
      { from: 'pre_consultation', to: 'plan', passed: true },
      { from: 'plan', to: 'research', passed: true },
      { from: 'research', to: 'meeting', passed: true },
      { from: 'meeting', to: 'report', passed: true },
    ]);
    expect(c['currentGate']).toBeNull();
    expect(c.timeline.stages).toEqual([
      { stage: 'pre_consultation', enteredOn: '2026-03-16', leftOn: '2026-03-20', days: 4 },
      { stage: 'plan', enteredOn: '2026-03-20', leftOn: '2026-03-26', days: 6 },
      { stage: 'research', enteredOn: '2026-03-26', leftOn: '2026-04-25', days: 30 },
      { stage: 'meeting', enteredOn: '2026-04-25', leftOn: '2026-05-11', days: 16 },
      { stage: 'report', enteredOn: '2026-05-11', leftOn: '2026-05-20', days: 9 },
    ]);
    expect(c['timeline']).toMatchObject({
      reportDueOn: '2026-06-09',
      reportedOn: '2026-05-20',
      reportLate: false,
    });
    expect(c.timeline.events.at(-1)).toEqual({ type: 'progress_recorded', on: '2026-08-01' });
    const impl = c.implementation as {
      progress: number;
      items: {
        itemId: string;
        decision: string;
        status: string;
        progress: number;
        adoption: { reason: string | null };
      }[];
    };
    expect(impl.items.map((i) => [i.itemId, i.decision, i.status, i.progress])).toEqual([
      ['P1', 'adopted', 'in_progress', 37.5],
      ['P2', 'adopted', 'not_planned', 0],
      ['P3', 'not_adopted', 'not_adopted', 0],
    ]);
    expect(impl.items[2]?.adoption.reason).toBe('项目用地红线内不具备条件');
    expect(impl.progress).toBeCloseTo(18.75);
    expect(c['liaisonGroup']).toEqual({ name: '甲镇政协联络组' });
  });

  it('names the gate that holds a consultation in its stage', async () => {
    const r = await gql(
      gw.app,
      '{ consultation(id: "C-town_5-1") { status currentGate { to passed issues { code } } } }',
      {
        token: await gw.token(countyAdmin),
      },
    );
    expect(r.data?.['consultation']).toEqual({
      status: 'plan',
      currentGate: {
        to: 'research',
        passed: false,
        issues: [{ code: 'CONSULTATION_GATE_PLAN_NOT_APPROVED' }],
      },
    });
  });

  it('reports compliance per township and year from the stored data', async () => {
    const token = await gw.token(countyAdmin);
    const townA = await gql(
      gw.app,
      `{ consultationCompliance(township: "${TOWN_A}", year: 2026) { ok asOf thematic { count ok } routine { required consultedBeforeIssue items { decisionId consultedOn } } fiveHaves { ok } members { count min ok } minutes { villages { code count ok } } findings { code } } }`,
      { token },
    );
    // Every check holds but one: 甲镇一村 filed no minutes in 2026.
    expect(townA.data?.['consultationCompliance']).toEqual({
      ok: false,
      asOf: '2026-11-27',
      thematic: { count: 2, ok: true },
      routine: {
        required: 1,
        consultedBeforeIssue: 1,
        items: [{ decisionId: 'A-plan-2026', consultedOn: '2026-01-15' }],
      },
      fiveHaves: { ok: true },
      members: { count: 48, min: 10, ok: true },
      minutes: { villages: [{ code: 'a_v01', count: 0, ok: false }] },
      findings: [{ code: 'CONSULTATION_MINUTES_NOT_FILED' }],
    });
    const lastYear = await gql(
      gw.app,
      `{ consultationCompliance(township: "${GANG}", year: 2025) { ok asOf minutes { filed late ok villages { count } } findings { code message { en } } } }`,
      { token },
    );
    const report = lastYear.data?.['consultationCompliance'] as {
      ok: boolean;
      asOf: string;
      minutes: { filed: number; late: number; ok: boolean; villages: unknown[] };
      findings: { code: string }[];
    };
    expect([report.ok, report.asOf, report.minutes.filed, report.minutes.late, report.minutes.ok]).toEqual([
      false,
      '2025-12-31',
      54,
      1,
      true,
    ]);
    expect(report.minutes.villages).toHaveLength(22);
    expect(report.findings.map((f) => f.code)).toEqual([
      'CONSULTATION_THEMATIC_TOO_FEW',
      'CONSULTATION_FILING_LATE',
    ]);
  });

  it('counts village minutes per township, every village listed', async () => {
    const r = await gql(
      gw.app,
      `{ minutesFilingCounts(meetingYear: 2025) { township total late villages { code count } } }`,
      { token: await gw.token(countyAdmin) },
    );
    const counts = r.data?.['minutesFilingCounts'] as {
      township: string;
      total: number;
      late: number;
      villages: { count: number }[];
    }[];
    expect(counts.map((c) => [c.township, c.total, c.late, c.villages.length])).toEqual([
      [GANG, 54, 1, 22],
      [TOWN_A, 0, 0, 1],
      [TOWN_B, 0, 0, 0],
      ['town_4', 0, 0, 0],
      ['town_5', 0, 0, 0],
    ]);
    const later = await gql(
      gw.app,
      `{ minutesFilingCounts(scope: "${GANG}", filedFrom: "2025-07-01") { total } }`,
      {
        token: await gw.token(countyAdmin),
      },
    );
    const laterCounts = later.data?.['minutesFilingCounts'] as { total: number }[] | undefined;
    expect(laterCounts?.[0]?.total).toBeLessThan(54);
  });

  it('previews a group for a topic, every choice explained, the contractor kept out', async () => {
    const r = await gql(
      gw.app,
      `query($invited: [InvitedCandidateInput!]!) { proposeConsultationGroup(topicId: "A-2026-2", invited: $invited) {
          composition { size fixed invited invitedCategories }
          selected { member { id kind } reasons { code text { en } } }
          excluded { candidateId code text { zh } }
        } }`,
      {
        token: await gw.token(townAAdmin),
        variables: {
          invited: [
            {
              id: 'I1',
              name: '钱经理',
              category: 'enterprise_institution_head',
              interests: [{ kind: 'contractor', subject: 'waste_to_energy_plant' }],
            },
            { id: 'I2', name: '孙大爷', category: 'respected_resident', expertise: ['waste'] },
            { id: 'I3', name: '周代表', category: 'peoples_congress_deputy' },
          ],
        },
      },
    );
    expect(r.errors).toBeUndefined();
    const p = r.data?.['proposeConsultationGroup'] as {
      composition: { size: number; invited: number };
      selected: { member: { id: string }; reasons: { code: string }[] }[];
      excluded: { candidateId: string; code: string }[];
    };
    expect(p.excluded.find((e) => e.candidateId === 'I1')?.code).toBe('conflict_of_interest');
    expect(p.selected.find((s) => s.member.id === 'I2')?.reasons.map((x) => x.code)).toEqual([
      'category_coverage',
      'topic_relevance',
    ]);
    expect(p.composition.size).toBe(20);
  });

  it('refuses what lies outside the caller’s scope, unknown ids, and the public', async () => {
    const b = await gw.token(townBAdmin);
    expect(refusal(await gql(gw.app, '{ consultation(id: "C-A-waste") { id } }', { token: b }))).toEqual({
      code: 'NOT_FOUND',
      issues: [],
    });
    expect(refusal(await gql(gw.app, '{ consultation(id: "nope") { id } }', { token: b })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      refusal(await gql(gw.app, `{ consultations(scope: "${TOWN_A}") { totalCount } }`, { token: b })).code,
    ).toBe('NOT_FOUND');
    expect(
      refusal(await gql(gw.app, `{ liaisonGroup(township: "${TOWN_A}") { name } }`, { token: b })).code,
    ).toBe('NOT_FOUND');
    expect(
      refusal(
        await gql(gw.app, `{ consultationCompliance(township: "${TOWN_A}", year: 2026) { ok } }`, {
          token: b,
        }),
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      refusal(await gql(gw.app, '{ topicOrigination(topicId: "A-2026-1") { status } }', { token: b })).code,
    ).toBe('NOT_FOUND');
    // A village administrator sees its village, not its township's consultations.
    const village = await gw.token(villageAdmin);
    expect(
      refusal(await gql(gw.app, `{ consultations(scope: "${GANG}") { totalCount } }`, { token: village }))
        .code,
    ).toBe('NOT_FOUND');
    expect(await gql(gw.app, '{ consultations { totalCount } }', { token: village })).toMatchObject({
      data: { consultations: { totalCount: 0 } },
    });
    // A grid worker within the township may read.
    expect(
      await gql(gw.app, '{ consultation(id: "C-A-sewage") { status } }', {
        token: await gw.token(gridWorker),
      }),
    ).toMatchObject({ data: { consultation: { status: 'completed' } } });
    for (const query of [
      '{ consultation(id: "C-A-waste") { id } }',
      '{ consultations { totalCount } }',
      `{ liaisonGroup(township: "${GANG}") { name } }`,
      `{ liaisonGroups { totalCount } }`,
      `{ consultationCompliance(township: "${GANG}", year: 2026) { ok } }`,
      '{ minutesFilingCounts { total } }',
      '{ topicOriginations { totalCount } }',
      '{ consultationActivity { totalCount } }',
    ]) {
      expect(refusal(await gql(gw.app, query)).code, query).toBe('UNAUTHENTICATED');
    }
  });

  it('reads the journal of a scope: what happened, and when', async () => {
    const r = await gql(
      gw.app,
      `{ consultationActivity(scope: "${TOWN_B}", from: "2026-05-15", to: "2026-05-16") { edges { node { consultationId seq event { type itemId decision by { role } } } } } }`,
      { token: await gw.token(townBAdmin) },
    );
    const activity = r.data?.['consultationActivity'] as
      | { edges: { node: { event: unknown } }[] }
      | undefined;
    const events = activity?.edges.map((e) => e.node.event);
    expect(events).toEqual([
      { type: 'adoption_decided', itemId: 'P1', decision: 'adopted', by: { role: 'party_committee' } },
      { type: 'adoption_decided', itemId: 'P2', decision: 'adopted', by: { role: 'government' } },
      { type: 'adoption_decided', itemId: 'P3', decision: 'partially_adopted', by: { role: 'government' } },
    ]);
  });
});

describe('consultation over GraphQL: the public disclosure', () => {
  const gw = useGateway();
  beforeAll(async () => {
    await seedCounty(gw.db, gw.services);
  });

  const PUBLIC = `query($township: String!) { publicConsultations(township: $township) { totalCount edges { node {
      consultationId township status { zh } asOf publishedParts
      topic { title form kind { zh } year establishedOn }
      origination { path steps { step label { zh } on by { name role { zh } } with { name role { en } } } }
      plan { summary objectives researchMethods { zh } approvedOn approvedBy { name role { zh } } }
      process { stages { stage enteredOn leftOn } communications { counterpart on } research { method on residentsHeard } meeting { heldOn groupSize attended quorum } }
      participants { name }
      proposal { title submittedOn items { id text addressedTo } }
      adoption { itemId decision on by { name role { zh } } reason }
      implementation { itemId owner status progress evidence tasks { title progress status subTasks { title progress } } }
    } } } }`;

  it('serves anyone, without a token, exactly the parts the profile publishes, people by name and role', async () => {
    const r = await gql(gw.app, PUBLIC, { variables: { township: TOWN_A } });
    expect(r.errors).toBeUndefined();
    const page = r.data?.['publicConsultations'] as {
      totalCount: number;
      edges: { node: Record<string, unknown> }[];
    };
    expect(page.totalCount).toBe(3);
    const waste = page.edges.find((e) => e.node['consultationId'] === 'C-A-waste')!.node;
    expect(waste['publishedParts']).toEqual([
      'topic',
      'origination',
      'plan',
      'process',
      'proposal',
      'adoption',
      'implementation',
    ]);
    // The reference profile withholds the participants.
    expect(waste['participants']).toBeNull();
    expect(waste['asOf']).toBe('2026-11-27');
    expect(
      (waste['implementation'] as { itemId: string; progress: number }[]).map((i) => [i.itemId, i.progress]),
    ).toEqual([
      ['P1', 37.5],
      ['P2', 0],
    ]);
    expect((waste['adoption'] as { by: unknown }[])[0]?.by).toEqual({
      name: '李镇长',
      role: { zh: '乡镇政府' },
    });
    // Nothing internal: no actor ids, no evidence references, no research notes or meeting opinions.
    const body = JSON.stringify(r.data);
    for (const secret of [
      `${TOWN_A}-lg`,
      `${TOWN_A}-gov`,
      'JX-2026-07',
      '实地走访项目周边村组',
      '组织群众代表参观',
      'M00',
    ]) {
      expect(body, secret).not.toContain(secret);
    }
  });

  it('refuses an unknown township, and gives the public nothing else', async () => {
    expect(refusal(await gql(gw.app, PUBLIC, { variables: { township: 'nowhere' } })).code).toBe('NOT_FOUND');
    expect(refusal(await gql(gw.app, PUBLIC, { variables: { township: 'gang_v01' } })).code).toBe(
      'BAD_USER_INPUT',
    );
    // The same view, signed in, is a field of the consultation.
    const signed = await gql(
      gw.app,
      '{ consultation(id: "C-B-shunhe") { disclosure { publishedParts participants { name } } } }',
      {
        token: await gw.token(countyAdmin),
      },
    );
    expect(signed.data?.['consultation']).toMatchObject({ disclosure: { participants: null } });
  });
});
