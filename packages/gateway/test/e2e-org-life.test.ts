import { createGateway, createGatewayServices, createTokenService, type Principal } from '@jiceng/gateway';
import { type Database, OrgRepository, openDatabase, PointsMemberRepository } from '@jiceng/persistence';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, SECRET } from './support.js';

/**
 * Organisational life 组织生活 as a branch runs it, over real HTTP to a started server with
 * migrations applied, on SQLite and PostgreSQL: the branch secretary records a themed party day and
 * a party group meeting with their attendance, the attendance becomes system point entries linked
 * to the meeting, the branch reviews one, a correction reverses it (the link kept) and a withdrawal
 * reverses the rest; the street reads each branch's compliance and the secretary's record. With the
 * refusals: another branch's secretary, a member, a roll without everyone, a leave without its
 * reason, a stale correction, a meeting past the branch's recording window.
 */

const COUNTY = '330102';
const STREET = '330102001';
const C = '330102001001';
const PC = `P${C}`;
const PD = 'P330102001002';
const since = [{ category: 'ordinary', from: '2010-01-01' }];
const members = [
  { code: 'a1', name: '甲一', branch: PC, community: C, grid: `${C}-G1`, categories: since },
  { code: 'a2', name: '甲二', branch: PC, community: C, grid: `${C}-G1`, categories: since },
  { code: 'a3', name: '甲三', branch: PC, community: C, grid: `${C}-G2`, categories: since },
  { code: 'a4', name: '甲四', branch: PC, community: C, grid: `${C}-G2`, categories: since },
  { code: 'd1', name: '丁一', branch: PD, community: '330102001002', categories: since },
];

const principals: Record<string, Principal> = {
  secretary: { subject: 'sec-c', role: 'branch_secretary', scope: PC },
  otherSecretary: { subject: 'sec-d', role: 'branch_secretary', scope: PD },
  street: { subject: 'street-office', role: 'street_admin', scope: STREET },
  member: { subject: 'a1', role: 'member', scope: PC },
};

type Body = {
  data?: Record<string, Record<string, unknown>> | null;
  errors?: { extensions?: Record<string, unknown> }[];
};

const RESULT = `duplicate meeting { id kind branch group heldOn topic agenda present leave absent status version note
  attendance { member status reason } }
  points { key memberCode item status version source { kind id } reversal { key reason } }
  skipped { member reason }`;
const RECORD = `mutation($input: RecordOrgLifeMeetingInput!) { recordOrgLifeMeeting(input: $input) { ${RESULT} } }`;
const CORRECT = `mutation($input: CorrectOrgLifeMeetingInput!) { correctOrgLifeMeeting(input: $input) { ${RESULT} } }`;
const WITHDRAW = `mutation($id: String!, $v: Int!, $reason: String!) {
  withdrawOrgLifeMeeting(id: $id, expectedVersion: $v, reason: $reason) { ${RESULT} } }`;
const REVIEW = `mutation($input: ReviewPointEntryInput!) { reviewPointEntry(input: $input) { entry { key status } } }`;
const TOTAL = `query($code: String!) { partyMember(code: $code) { yearTotal(year: 2025) } }`;

const themedDay = {
  id: 'PC-2025-03-05-themed',
  kind: 'themed_day',
  branch: PC,
  heldOn: '2025-03-05',
  topic: '学雷锋志愿服务',
  agenda: ['学习雷锋精神', '社区志愿服务'],
  attendance: [
    { member: 'a1', status: 'present' },
    { member: 'a2', status: 'present' },
    { member: 'a3', status: 'leave', reason: '出差' },
    { member: 'a4', status: 'absent' },
  ],
};

describe.each(e2eDatabases())('organisational life end to end over HTTP on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let url: string;
  const clock = { now: new Date('2025-03-06T02:00:00Z') };
  const tokens = new Map<string, string>();
  const at = (day: string) => {
    clock.now = new Date(`${day}T02:00:00Z`);
  };

  async function post(who: string, query: string, variables: Record<string, unknown>) {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        authorization: `Bearer ${tokens.get(who)}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Body };
  }
  async function call(who: string, query: string, variables: Record<string, unknown> = {}) {
    const { status, body } = await post(who, query, variables);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return Object.values(body.data!)[0] as Record<string, unknown> & Record<string, never>;
  }
  async function refusal(who: string, query: string, variables: Record<string, unknown> = {}) {
    const { body } = await post(who, query, variables);
    expect(body.errors, 'the call is refused').toBeDefined();
    const ext = body.errors![0]!.extensions ?? {};
    return {
      code: ext['code'],
      issues: (ext['issues'] as { code: string }[] | undefined)?.map((i) => i.code) ?? [],
    };
  }
  const points = (r: Record<string, unknown>) =>
    (r['points'] as { key: string; status: string; source: unknown }[]).map((p) => `${p.key} ${p.status}`);

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    const orgs = new OrgRepository(db.em);
    await orgs.replaceTree('administrative', [
      { code: COUNTY, parentCode: null, level: 'county', name: 'XX县' },
      { code: STREET, parentCode: COUNTY, level: 'street', name: 'XX街道' },
      { code: C, parentCode: STREET, level: 'community', name: '汉江路社区' },
      { code: '330102001002', parentCode: STREET, level: 'community', name: '胜利街社区' },
      { code: `${C}-G1`, parentCode: C, level: 'grid', name: '一网格' },
      { code: `${C}-G2`, parentCode: C, level: 'grid', name: '二网格' },
    ]);
    await orgs.replaceTree('party', [
      { code: `P${STREET}`, parentCode: null, level: 'committee', name: 'XX街道党委', counterpart: STREET },
      {
        code: PC,
        parentCode: `P${STREET}`,
        level: 'community_org',
        name: '汉江路社区党支部',
        counterpart: C,
      },
      {
        code: PD,
        parentCode: `P${STREET}`,
        level: 'community_org',
        name: '胜利街社区党支部',
        counterpart: '330102001002',
      },
      { code: `P${C}-G1`, parentCode: PC, level: 'grid_group', name: '一网格党小组', counterpart: `${C}-G1` },
      { code: `P${C}-G2`, parentCode: PC, level: 'grid_group', name: '二网格党小组', counterpart: `${C}-G2` },
    ]);
    await new PointsMemberRepository(db.em).saveMembers(members);
    const services = await createGatewayServices(db, { record: () => {} });
    const issuer = createTokenService(SECRET);
    app = await createGateway({ services, tokens: issuer, environment: 'test', now: () => clock.now });
    url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    for (const [who, p] of Object.entries(principals)) {
      tokens.set(who, await issuer.issue(p, { now: new Date(), expiresInSeconds: 24 * 3600 * 365 }));
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await drop?.();
  });

  it('records a themed party day and turns its attendance into linked system entries awaiting review', async () => {
    at('2025-03-06');
    const r = await call('secretary', RECORD, { input: themedDay });
    expect(r['duplicate']).toBe(false);
    expect(r['meeting']).toMatchObject({
      id: themedDay.id,
      present: 2,
      leave: 1,
      absent: 1,
      status: 'held',
      version: 1,
    });
    expect(points(r)).toEqual([
      'org_life:PC-2025-03-05-themed/a1/organisational_life submitted',
      'org_life:PC-2025-03-05-themed/a2/organisational_life submitted',
      'org_life:PC-2025-03-05-themed/a4/absence_without_leave submitted',
    ]);
    expect((r['points'] as unknown as { source: unknown }[])[0]?.source).toEqual({
      kind: 'org_life',
      id: themedDay.id,
    });
    const again = await call('secretary', RECORD, { input: themedDay });
    expect([again['duplicate'], points(again)]).toEqual([true, []]);
  });

  it('refuses another branch’s secretary, a member, an incomplete roll and a leave without its reason', async () => {
    at('2025-03-06');
    const other = { ...themedDay, id: 'x1' };
    expect(await refusal('otherSecretary', RECORD, { input: other })).toEqual({
      code: 'NOT_FOUND',
      issues: [],
    });
    expect((await refusal('member', RECORD, { input: other })).code).toBe('FORBIDDEN');
    expect(
      await refusal('secretary', RECORD, {
        input: { ...other, attendance: themedDay.attendance.slice(0, 3) },
      }),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      issues: ['ORG_LIFE_ATTENDANCE_MISSING'],
    });
    const noReason = themedDay.attendance.map((a) =>
      a.member === 'a3' ? { member: 'a3', status: 'leave' } : a,
    );
    expect(
      (await refusal('secretary', RECORD, { input: { ...other, attendance: noReason } })).issues,
    ).toEqual(['ORG_LIFE_REASON_REQUIRED']);
    expect((await refusal('secretary', RECORD, { input: { ...themedDay, topic: '另一个主题' } })).code).toBe(
      'CONFLICT',
    );
  });

  it('reverses the approved deduction when the absence is corrected to a leave, keeping the link', async () => {
    at('2025-03-08');
    const key = 'org_life:PC-2025-03-05-themed/a4/absence_without_leave';
    await call('secretary', REVIEW, { input: { idempotencyKey: 'rv-a4', entry: key, decision: 'approve' } });
    expect((await call('street', TOTAL, { code: 'a4' }))['yearTotal']).toBe(97);
    const corrected = {
      ...themedDay,
      branch: undefined,
      expectedVersion: 1,
      reason: '补交请假条',
      attendance: themedDay.attendance.map((a) =>
        a.member === 'a4' ? { member: 'a4', status: 'leave', reason: '生病' } : a,
      ),
    };
    delete corrected.branch;
    const r = await call('secretary', CORRECT, { input: corrected });
    expect(r['meeting']).toMatchObject({ version: 2, leave: 2, absent: 0, note: '补交请假条' });
    expect(points(r)).toEqual([`${key} reversed`]);
    const [reversed] = r['points'] as unknown as { source: unknown; reversal: { key: string } }[];
    expect(reversed?.source).toEqual({ kind: 'org_life', id: themedDay.id });
    expect(reversed?.reversal.key).toBe(`${key}:reversal`);
    expect((await call('street', TOTAL, { code: 'a4' }))['yearTotal']).toBe(100);
    expect((await refusal('secretary', CORRECT, { input: corrected })).code).toBe('CONFLICT');
  });

  it('records a party group meeting for its group’s members only', async () => {
    at('2025-03-12');
    const group = {
      id: 'PC-G1-2025-03-11',
      kind: 'group_meeting',
      branch: PC,
      group: `P${C}-G1`,
      heldOn: '2025-03-11',
      topic: '网格走访分工',
      agenda: ['走访'],
      attendance: [
        { member: 'a1', status: 'present' },
        { member: 'a2', status: 'present' },
      ],
    };
    expect(points(await call('secretary', RECORD, { input: group }))).toHaveLength(2);
    const stranger = {
      ...group,
      id: 'PC-G1-x',
      attendance: [...group.attendance, { member: 'a3', status: 'present' }],
    };
    expect((await refusal('secretary', RECORD, { input: stranger })).issues).toEqual([
      'ORG_LIFE_NOT_A_MEMBER',
    ]);
  });

  it('reports each branch’s compliance and the secretary’s record to the street', async () => {
    at('2025-04-02');
    const compliance = (await call(
      'street',
      `query { orgLifeCompliance(scope: "${STREET}", from: "2025-01-01", to: "2025-03-31") {
      branch held missing belowQuorum open meetings present leave absent checks { kind holder period status meetingIds } } }`,
    )) as unknown as {
      branch: string;
      held: number;
      missing: number;
      checks: { kind: string; holder: string; period: string; status: string }[];
    }[];
    expect(compliance.map((c) => c.branch)).toEqual([PC, PD]);
    const pc = compliance[0]!;
    const of = (kind: string, holder = PC) =>
      pc.checks.filter((c) => c.kind === kind && c.holder === holder).map((c) => `${c.period} ${c.status}`);
    expect(of('themed_day')).toEqual(['2025-01 missing', '2025-02 missing', '2025-03 held']);
    expect(of('group_meeting', `P${C}-G1`)).toEqual(['2025-01 missing', '2025-02 missing', '2025-03 held']);
    expect(of('branch_assembly')).toEqual(['2025-Q1 missing']);
    expect([pc.held, pc.missing]).toEqual([2, 12]);
    const record = (await call(
      'secretary',
      `query { secretaryRecord(branch: "${PC}", from: "2025-03-01", to: "2025-03-31") {
      lines { on what kind text { zh en } } } }`,
    )) as unknown as { lines: { on: string; what: string; text: { zh: string } }[] };
    expect(record.lines[0]?.text.zh).toBe(
      '2025-03-05 主题党日“学雷锋志愿服务”：出席 2 人，请假 2 人，缺席 0 人',
    );
    expect(record.lines.filter((l) => l.what === 'missing').length).toBeGreaterThan(0);
    expect(
      (
        await refusal(
          'otherSecretary',
          `query { secretaryRecord(branch: "${PC}", from: "2025-03-01") { lines { on } } }`,
        )
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('withdraws a meeting: kept as withdrawn, every entry it earned reversed; late records go to the committee', async () => {
    at('2025-04-03');
    const r = await call('secretary', WITHDRAW, { id: themedDay.id, v: 2, reason: '重复录入' });
    expect(r['meeting']).toMatchObject({ status: 'withdrawn', version: 3, note: '重复录入' });
    expect(points(r)).toEqual([
      'org_life:PC-2025-03-05-themed/a1/organisational_life reversed',
      'org_life:PC-2025-03-05-themed/a2/organisational_life reversed',
    ]);
    const listed = await call(
      'street',
      `query { orgLifeMeetings(scope: "${PC}", from: "2025-01-01", withWithdrawn: true) {
      totalCount edges { node { id status } } } }`,
    );
    expect(
      (listed['edges'] as unknown as { node: { id: string; status: string } }[]).map(
        (e) => `${e.node.id} ${e.node.status}`,
      ),
    ).toEqual(['PC-2025-03-05-themed withdrawn', 'PC-G1-2025-03-11 held']);
    at('2025-04-10');
    const late = {
      ...themedDay,
      id: 'PC-2025-03-01-committee',
      kind: 'branch_committee',
      heldOn: '2025-03-01',
      attendance: [{ member: 'a1', status: 'present' }],
    };
    expect((await refusal('secretary', RECORD, { input: late })).issues).toEqual([
      'ORG_LIFE_DATE_OUT_OF_RANGE',
    ]);
    const byStreet = await call('street', RECORD, { input: late });
    expect(points(byStreet)).toEqual(['org_life:PC-2025-03-01-committee/a1/organisational_life submitted']);
  });

  it('scores a draft’s fact rules in a what-if: a leave that would earn organisational life', async () => {
    at('2025-04-10');
    const day = {
      ...themedDay,
      id: 'PC-2025-04-08-themed',
      heldOn: '2025-04-08',
      attendance: themedDay.attendance.map((a) =>
        a.member === 'a4' ? { member: 'a4', status: 'present' } : a,
      ),
    };
    await call('secretary', RECORD, { input: day });
    const draft = {
      id: 'draft_leave_counts',
      name: { zh: '请假也计分草案', en: 'Leave counts draft' },
      extends: 'reference',
      versions: [
        {
          version: 'd1',
          effectiveFrom: '2025-01-01',
          changes: {
            points: {
              factRules: [
                { fact: 'org_life', outcome: 'present', item: 'organisational_life' },
                { fact: 'org_life', outcome: 'leave', item: 'organisational_life' },
              ],
            },
          },
        },
      ],
    };
    const report = (await call(
      'street',
      `query($draft: JSONObject!) { pointsWhatIf(scope: "${PC}", year: 2025, draft: $draft) {
        members { member totalBefore totalAfter changes { kind key before after } } } }`,
      { draft },
    )) as unknown as {
      members: {
        member: string;
        totalBefore: number;
        totalAfter: number;
        changes: { kind: string; key: string }[];
      }[];
    };
    const a3 = report.members.find((m) => m.member === 'a3');
    expect(a3?.totalAfter).toBe((a3?.totalBefore ?? 0) + 2);
    expect(a3?.changes).toEqual([
      {
        kind: 'fact_rule',
        key: 'org_life:PC-2025-04-08-themed/a3/organisational_life',
        before: '0',
        after: '2',
      },
    ]);
  });
});
