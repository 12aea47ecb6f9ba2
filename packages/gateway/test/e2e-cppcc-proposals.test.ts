import { referenceProfile } from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import { createGateway, createGatewayServices, createTokenService, type Principal } from '@jiceng/gateway';
import { type Database, OrgRepository, openDatabase, ProposalBookRepository } from '@jiceng/persistence';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, SECRET } from './support.js';

/**
 * One plenary meeting's proposals 提案 as a CPPCC office runs them, over real HTTP to a started
 * server with migrations applied, on SQLite and PostgreSQL: members submit within the window, the
 * office files, merges and assigns, enters the units' replies, a key proposal is supervised by a
 * vice-chair, a proposer not satisfied sends one back for a second handling; then the statistics
 * and the public disclosure. With the refusals: outside the submission window, the wrong actor, a
 * stale version, an idempotency key reused for another act.
 */

const data = generateReferenceCppccDataset(referenceProfile);
const { committee } = data;
const meeting = data.meeting;
const posts = new Set([committee.chair, ...committee.viceChairs, committee.secretaryGeneral]);
const [A, B, C, D] = committee.roster.members.filter((m) => !posts.has(m.id)).map((m) => m.id) as [
  string,
  string,
  string,
  string,
];
const VICE = committee.viceChairs[0]!;
const COUNTY = '330102';

const principals: Record<string, Principal> = {
  office: { subject: 'cppcc-office', role: 'county_admin', scope: COUNTY },
  a: { subject: A, role: 'member', scope: COUNTY },
  b: { subject: B, role: 'member', scope: COUNTY },
  c: { subject: C, role: 'member', scope: COUNTY },
  vice: { subject: VICE, role: 'member', scope: COUNTY },
  street: { subject: 'street', role: 'street_admin', scope: `${COUNTY}001` },
};

const PROPOSAL = `id number status meeting proposer { kind members body } units { unit role dueOn }
  rounds { round dueOn reply { category late overdueWorkingDays } rating { level } } keySupervisor
  supervision { summary by } mergedFrom trail { seq type on by { role id } details
    number outcome into absorbedProposal lead coUnits unit approved to round category late level dueOn rated supervisor }`;
const ACT = (name: string, input: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { version duplicate proposal { ${PROPOSAL} } } }`;
const SUBMIT = ACT('submitCppccProposal', 'SubmitCppccProposalInput');
const REVIEW = ACT('reviewCppccProposal', 'ReviewCppccProposalInput');
const ASSIGN = ACT('assignCppccProposal', 'AssignCppccProposalInput');
const REPLY = ACT('replyToCppccProposal', 'CppccReplyInput');
const RATE = ACT('rateCppccProposalReply', 'CppccRateReplyInput');
const KEY = ACT('designateKeyCppccProposal', 'CppccDesignateKeyInput');
const SUPERVISE = ACT('superviseCppccProposal', 'CppccSuperviseInput');

type Body = {
  data?: Record<string, Record<string, unknown>> | null;
  errors?: { extensions?: Record<string, unknown> }[];
};

describe.each(e2eDatabases())('a plenary meeting’s proposals end to end over HTTP on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let url: string;
  const clock = { now: new Date('2025-01-09T02:00:00Z') };
  const tokens = new Map<string, string>();
  const at = (day: string) => {
    clock.now = new Date(`${day}T02:00:00Z`);
  };

  async function post(who: string | null, query: string, variables: Record<string, unknown>) {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        ...(who === null ? {} : { authorization: `Bearer ${tokens.get(who)}` }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Body };
  }

  async function call(who: string | null, query: string, variables: Record<string, unknown> = {}) {
    const { status, body } = await post(who, query, variables);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return body.data!;
  }

  /** The refusal's code and the domain's issue codes behind it. */
  async function refusal(who: string | null, query: string, variables: Record<string, unknown> = {}) {
    const { body } = await post(who, query, variables);
    expect(body.errors, 'the call is refused').toBeDefined();
    const ext = body.errors![0]!.extensions ?? {};
    const issues = (ext['issues'] as { code: string }[] | undefined)?.map((i) => i.code) ?? [];
    return { code: ext['code'], issues };
  }

  const act = async (who: string, query: string, input: Record<string, unknown>) => {
    const data = await call(who, query, { input: { meeting: meeting.id, ...input } });
    return Object.values(data)[0] as {
      version: number;
      duplicate: boolean;
      proposal: Record<string, unknown> & { status: string; number: number | null };
    };
  };

  const draft = (id: string, proposer: Record<string, unknown>, title: string) => ({
    idempotencyKey: `submit-${id}`,
    id,
    proposer,
    title,
    reasons: '镇区污水直排，群众反映强烈。',
    suggestions: '加快管网建设。',
    subjectArea: 'urban_rural',
  });

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    await new OrgRepository(db.em).replaceTree('administrative', [
      { code: COUNTY, parentCode: null, level: 'county', name: 'XX县' },
      { code: `${COUNTY}001`, parentCode: COUNTY, level: 'street', subtype: 'street', name: 'XX街道' },
    ]);
    const repo = new ProposalBookRepository(db.em);
    await repo.saveCommittee(committee);
    await repo.openMeeting(meeting, 'reference');
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

  it('runs the meeting’s proposals from submission to the members’ satisfaction, with its refusals', async () => {
    // 9 January: members put their proposals within the window; the office puts a sector’s.
    at('2025-01-09');
    const p1 = await act(
      'a',
      SUBMIT,
      draft('P1', { kind: 'member', members: [A] }, '关于完善镇区污水管网建设的建议'),
    );
    expect(p1.proposal).toMatchObject({
      status: 'submitted',
      number: null,
      proposer: { kind: 'member', members: [A] },
    });
    await act(
      'b',
      SUBMIT,
      draft('P2', { kind: 'joint', members: [B, C, D] }, '关于加快垃圾发电项目建设的建议'),
    );
    await act(
      'c',
      SUBMIT,
      draft('P3', { kind: 'member', members: [C] }, '关于加快镇区污水处理设施建设的建议'),
    );
    const p4 = await act('office', SUBMIT, {
      ...draft('P4', { kind: 'sector', body: 'agriculture' }, '关于推进高标准农田建设的建议'),
      subjectArea: 'agriculture',
    });
    expect(p4.proposal['proposer']).toEqual({ kind: 'sector', members: [], body: 'agriculture' });

    // The same key and act again answers what is stored; the same key for another act is a conflict.
    const again = await act(
      'a',
      SUBMIT,
      draft('P1', { kind: 'member', members: [A] }, '关于完善镇区污水管网建设的建议'),
    );
    expect(again).toMatchObject({ duplicate: true, version: p4.version, proposal: { id: 'P1' } });
    expect(
      await refusal('a', SUBMIT, {
        input: {
          meeting: meeting.id,
          ...draft('P9', { kind: 'member', members: [A] }, '另一件'),
          idempotencyKey: 'submit-P1',
        },
      }),
    ).toMatchObject({ code: 'CONFLICT' });

    // A member cannot put a proposal in another member’s name (the domain checks who acts).
    expect(
      await refusal('a', SUBMIT, {
        input: { meeting: meeting.id, ...draft('P8', { kind: 'member', members: [B] }, '冒名') },
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CPPCC_ACTOR_MISMATCH'] });

    // 12 January: the window has closed.
    at('2025-01-12');
    expect(
      await refusal('a', SUBMIT, {
        input: { meeting: meeting.id, ...draft('P5', { kind: 'member', members: [A] }, '迟交') },
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CPPCC_OUTSIDE_SUBMISSION_WINDOW'] });

    // 20 January: the proposals committee files three and merges P3 into P1.
    at('2025-01-20');
    // The wrong actor: a member is no proposals committee; a street administrator has no part.
    expect(
      await refusal('b', REVIEW, {
        input: { meeting: meeting.id, idempotencyKey: 'r1', proposal: 'P2', decision: 'file' },
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal('a', REVIEW, {
        input: { meeting: meeting.id, idempotencyKey: 'r0', proposal: 'P2', decision: 'file' },
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusal('street', REVIEW, {
        input: { meeting: meeting.id, idempotencyKey: 'r1', proposal: 'P1', decision: 'file' },
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const book = await call('office', 'query($m: String!) { cppccProposals(meeting: $m) { version } }', {
      m: meeting.id,
    });
    const read = (book['cppccProposals'] as { version: number }).version;
    const filed1 = await act('office', REVIEW, {
      idempotencyKey: 'file-P1',
      proposal: 'P1',
      decision: 'file',
      expectedVersion: read,
    });
    expect(filed1.proposal).toMatchObject({ status: 'filed', number: 1 });
    // Decided on the version read before P1 was filed: stale.
    expect(
      await refusal('office', REVIEW, {
        input: {
          meeting: meeting.id,
          idempotencyKey: 'file-P2-stale',
          proposal: 'P2',
          decision: 'file',
          expectedVersion: read,
        },
      }),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      (await act('office', REVIEW, { idempotencyKey: 'file-P2', proposal: 'P2', decision: 'file' })).proposal
        .number,
    ).toBe(2);
    expect(
      (await act('office', REVIEW, { idempotencyKey: 'file-P4', proposal: 'P4', decision: 'file' })).proposal
        .number,
    ).toBe(3);
    const merged = await act('office', REVIEW, {
      idempotencyKey: 'merge-P3',
      proposal: 'P3',
      decision: 'merge',
      into: 'P1',
    });
    expect(merged.proposal.status).toBe('merged');

    // 10 February: assignment to lead and co-units, with deadlines from the profile.
    at('2025-02-10');
    const assigned = await act('office', ASSIGN, {
      idempotencyKey: 'assign-P1',
      proposal: 'P1',
      lead: 'housing',
      coUnits: ['water'],
    });
    expect(assigned.proposal).toMatchObject({
      status: 'assigned',
      mergedFrom: ['P3'],
      units: [
        { unit: 'housing', role: 'lead', dueOn: '2025-05-12' },
        { unit: 'water', role: 'co', dueOn: '2025-03-10' },
      ],
    });
    await act('office', ASSIGN, {
      idempotencyKey: 'assign-P2',
      proposal: 'P2',
      lead: 'transport',
      coUnits: [],
    });
    await act('office', ASSIGN, {
      idempotencyKey: 'assign-P4',
      proposal: 'P4',
      lead: 'agriculture',
      coUnits: [],
    });

    // 12 February: the chairs' meeting makes P1 a key proposal followed by a vice-chair.
    at('2025-02-12');
    await act('office', KEY, { idempotencyKey: 'key-P1', proposal: 'P1', supervisor: VICE });
    // 27 February: the transport bureau's reply to P2, entered by the office for it.
    at('2025-02-27');
    const replied = await act('office', REPLY, {
      idempotencyKey: 'reply-P2',
      proposal: 'P2',
      category: 'planned',
      text: '已列入明年计划，联系人电话 13812345678。',
    });
    expect(replied.proposal).toMatchObject({
      status: 'replied',
      rounds: [{ round: 1, reply: { category: 'planned', late: false } }],
    });
    // 1 March: the vice-chair records a site visit; another member may not.
    at('2025-03-01');
    expect(
      await refusal('a', SUPERVISE, {
        input: { meeting: meeting.id, idempotencyKey: 'sup-a', proposal: 'P1', summary: '现场' },
      }),
    ).toEqual({ code: 'FORBIDDEN', issues: [] });
    const supervised = await act('vice', SUPERVISE, {
      idempotencyKey: 'sup-P1',
      proposal: 'P1',
      summary: '实地督办管网工程',
    });
    expect(supervised.proposal).toMatchObject({
      keySupervisor: VICE,
      supervision: [{ summary: '实地督办管网工程', by: VICE }],
    });
    // 3 March: the lead proposer of P2 is not satisfied: a second handling. Nobody else may rate.
    at('2025-03-03');
    expect(
      await refusal('c', RATE, {
        input: { meeting: meeting.id, idempotencyKey: 'rate-c', proposal: 'P2', level: 'satisfied' },
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CPPCC_ACTOR_MISMATCH'] });
    const second = await act('b', RATE, {
      idempotencyKey: 'rate-P2-1',
      proposal: 'P2',
      level: 'not_satisfied',
      reason: '未明确建设时间表',
    });
    expect(second.proposal).toMatchObject({
      status: 'second_handling',
      rounds: [
        { round: 1, rating: { level: 'not_satisfied' } },
        { round: 2, dueOn: '2025-04-03' },
      ],
    });

    // 20 March: the housing bureau replies to P1; the proposer is satisfied on the 25th.
    at('2025-03-20');
    await act('office', REPLY, {
      idempotencyKey: 'reply-P1',
      proposal: 'P1',
      category: 'resolved',
      text: '管网已开工。',
    });
    at('2025-03-25');
    expect(
      (await act('a', RATE, { idempotencyKey: 'rate-P1', proposal: 'P1', level: 'satisfied' })).proposal
        .status,
    ).toBe('closed');
    // 7 April, after Qingming: the second reply to P2, one working day late.
    at('2025-04-07');
    const late = await act('office', REPLY, {
      idempotencyKey: 'reply-P2-2',
      proposal: 'P2',
      category: 'being_resolved',
      text: '已明确时间表。',
    });
    expect((late.proposal['rounds'] as { reply: unknown }[])[1]!.reply).toEqual({
      category: 'being_resolved',
      late: true,
      overdueWorkingDays: 1,
    });
    at('2025-04-08');
    await act('b', RATE, { idempotencyKey: 'rate-P2-2', proposal: 'P2', level: 'basically_satisfied' });
    // P4, a sector's proposal: the office rates for the sector.
    at('2025-04-10');
    await act('office', REPLY, {
      idempotencyKey: 'reply-P4',
      proposal: 'P4',
      category: 'for_reference',
      text: '留作参考。',
    });
    await act('office', RATE, { idempotencyKey: 'rate-P4', proposal: 'P4', level: 'basically_satisfied' });

    // A member sees only their own proposals (and the key proposals they follow).
    const mine = await call('c', 'query($m: String!) { cppccProposals(meeting: $m) { proposals { id } } }', {
      m: meeting.id,
    });
    expect((mine['cppccProposals'] as { proposals: { id: string }[] }).proposals.map((p) => p.id)).toEqual([
      'P2',
      'P3',
    ]);
    const followed = await call(
      'vice',
      'query($m: String!) { cppccProposals(meeting: $m) { proposals { id } } }',
      { m: meeting.id },
    );
    expect(
      (followed['cppccProposals'] as { proposals: { id: string }[] }).proposals.map((p) => p.id),
    ).toEqual(['P1']);
    expect(
      await refusal('a', `query($m: String!) { cppccProposal(meeting: $m, id: "P2") { id } }`, {
        m: meeting.id,
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusal('a', `query($m: String!) { cppccProposal(meeting: $m, id: "P99") { id } }`, {
        m: meeting.id,
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });

    // One proposal with its trail, from the journal.
    const one = await call(
      'b',
      `query($m: String!) { cppccProposal(meeting: $m, id: "P2") { ${PROPOSAL} } }`,
      { m: meeting.id },
    );
    const trail = (one['cppccProposal'] as { trail: { seq: number; type: string; on: string }[] }).trail;
    expect(trail.map((e) => [e.seq, e.type, e.on])).toEqual([
      [0, 'submitted', '2025-01-09'],
      [1, 'filed', '2025-01-20'],
      [2, 'assigned', '2025-02-10'],
      [3, 'replied', '2025-02-27'],
      [4, 'rated', '2025-03-03'],
      [5, 'second_handling', '2025-03-03'],
      [6, 'replied', '2025-04-07'],
      [7, 'rated', '2025-04-08'],
      [8, 'closed', '2025-04-08'],
    ]);
    // Each step's own fields, typed; the others null. The JSON `details` says the same, for older clients.
    const typed = trail as unknown as Record<string, unknown>[];
    const own = (e: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(e).filter(
          ([k, v]) => v !== null && !['seq', 'type', 'on', 'by', 'details'].includes(k),
        ),
      );
    expect(typed.map(own)).toEqual([
      {},
      { number: 2 },
      { lead: 'transport', coUnits: [] },
      { round: 1, category: 'planned', late: false },
      { round: 1, level: 'not_satisfied' },
      { dueOn: '2025-04-03' },
      { round: 2, category: 'being_resolved', late: true },
      { round: 2, level: 'basically_satisfied' },
      { rated: true },
    ]);
    for (const e of typed) expect(JSON.parse(e['details'] as string)).toEqual(own(e));

    // 30 June: the statistics, for the office only.
    at('2025-06-30');
    const STATS = `query($m: String!) { cppccProposalStatistics(meeting: $m) { asOf label { zh }
      total { submitted filed merged notFiled filingRate { count of } replyRate { count of } onTimeRate { count of }
        adoptionRate { count of } satisfactionRate { count of } secondHandling keyProposals closed }
      byUnit { code replyRate { count of } onTimeRate { count of } satisfactionRate { count of } } } }`;
    const stats = (await call('office', STATS, { m: meeting.id }))['cppccProposalStatistics'] as Record<
      string,
      unknown
    >;
    expect(stats).toMatchObject({
      asOf: '2025-06-30',
      label: { zh: '十届三次会议' },
      total: {
        submitted: 4,
        filed: 3,
        merged: 1,
        notFiled: 0,
        filingRate: { count: 4, of: 4 },
        replyRate: { count: 3, of: 3 },
        // P1, P2's first and P4 on time; P2's second late.
        onTimeRate: { count: 3, of: 4 },
        adoptionRate: { count: 2, of: 3 },
        satisfactionRate: { count: 3, of: 3 },
        secondHandling: 1,
        keyProposals: 1,
        closed: 3,
      },
    });
    expect((stats['byUnit'] as { code: string }[]).find((u) => u.code === 'transport')).toEqual({
      code: 'transport',
      replyRate: { count: 1, of: 1 },
      onTimeRate: { count: 1, of: 2 },
      satisfactionRate: { count: 1, of: 1 },
    });
    expect(await refusal('a', STATS, { m: meeting.id })).toMatchObject({ code: 'FORBIDDEN' });

    // The public disclosure: no token, no person, numbers masked.
    const PUBLIC = `query($m: String!) { publicCppccProposals(meeting: $m) { number citation { zh } title proposerKind signers
      proposerBody { zh } leadUnit replies { round category text late } satisfaction keyProposal } }`;
    const shown = (await call(null, PUBLIC, { m: meeting.id }))['publicCppccProposals'] as unknown as Record<
      string,
      unknown
    >[];
    expect(shown.map((p) => p['citation'])).toEqual([
      { zh: '十届三次会议第1号' },
      { zh: '十届三次会议第2号' },
      { zh: '十届三次会议第3号' },
    ]);
    expect(shown[1]).toMatchObject({
      proposerKind: 'joint',
      signers: 3,
      satisfaction: ['not_satisfied', 'basically_satisfied'],
    });
    expect(shown[2]).toMatchObject({
      proposerBody: { zh: expect.stringContaining('农') },
      keyProposal: false,
    });
    const published = JSON.stringify(shown);
    for (const person of [A, B, C, D, VICE]) expect(published).not.toContain(person);
    for (const m of committee.roster.members.slice(0, 20)) expect(published).not.toContain(m.name);
    expect(published).toContain('138****5678');
    expect(published).not.toContain('13812345678');
    // Without a token nothing but the disclosure.
    expect(
      await refusal(null, `query($m: String!) { cppccProposals(meeting: $m) { version } }`, {
        m: meeting.id,
      }),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  }, 120_000);
});
