import { referenceProfile } from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import { createGateway, createGatewayServices, createTokenService, type Principal } from '@jiceng/gateway';
import { type Database, OrgRepository, openDatabase, ProposalBookRepository } from '@jiceng/persistence';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, SECRET } from './support.js';

/**
 * A unit handling proposals 承办单位 with a token of its own (`handling_unit`, its scope the unit's
 * code), over real HTTP on SQLite and PostgreSQL: it sees the proposals assigned to it and nothing
 * else, asks once to be relieved of one, gives a co-unit's opinion, replies; every other act, the
 * statistics and the members' duty are refused, and it cannot act in another unit's name.
 */

const data = generateReferenceCppccDataset(referenceProfile);
const { committee, meeting } = data;
const posts = new Set([committee.chair, ...committee.viceChairs, committee.secretaryGeneral]);
const A = committee.roster.members.find((m) => !posts.has(m.id))!.id;
const COUNTY = '330102';

const principals: Record<string, Principal> = {
  office: { subject: 'cppcc-office', role: 'county_admin', scope: COUNTY },
  a: { subject: A, role: 'member', scope: COUNTY },
  transport: { subject: 'transport-clerk', role: 'handling_unit', scope: 'transport' },
  water: { subject: 'water-clerk', role: 'handling_unit', scope: 'water' },
  housing: { subject: 'housing-clerk', role: 'handling_unit', scope: 'housing' },
};

const PROPOSAL = 'id status units { unit role } rounds { reply { category } } trail { type by { role id } }';
const ACT = (name: string, input: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { version proposal { ${PROPOSAL} } } }`;
const SUBMIT = ACT('submitCppccProposal', 'SubmitCppccProposalInput');
const REVIEW = ACT('reviewCppccProposal', 'ReviewCppccProposalInput');
const ASSIGN = ACT('assignCppccProposal', 'AssignCppccProposalInput');
const REQUEST = ACT('requestCppccReassignment', 'CppccReasonInput');
const DECIDE = ACT('decideCppccReassignment', 'CppccDecideReassignmentInput');
const OPINION = ACT('giveCppccCoOpinion', 'CppccProposalTextInput');
const REPLY = ACT('replyToCppccProposal', 'CppccReplyInput');
const RATE = ACT('rateCppccProposalReply', 'CppccRateReplyInput');
const LIST = 'query($m: String!) { cppccProposals(meeting: $m) { proposals { id } } }';
const ONE = 'query($m: String!, $id: String!) { cppccProposal(meeting: $m, id: $id) { id } }';

type Body = {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: Record<string, unknown> }[];
};
type Proposal = {
  id: string;
  status: string;
  units: { unit: string; role: string }[];
  trail: { type: string; by: { role: string; id: string } }[];
};

describe.each(e2eDatabases())('a handling unit’s own token over HTTP on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let url: string;
  const clock = { now: new Date('2025-01-09T02:00:00Z') };
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

  async function call<T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { status, body } = await post(who, query, variables);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return Object.values(body.data!)[0] as T;
  }

  async function refusal(who: string, query: string, variables: Record<string, unknown> = {}) {
    const { body } = await post(who, query, variables);
    expect(body.errors, 'the call is refused').toBeDefined();
    const ext = body.errors![0]!.extensions ?? {};
    const issues = (ext['issues'] as { code: string }[] | undefined)?.map((i) => i.code) ?? [];
    return { code: ext['code'], issues };
  }

  let serial = 0;
  const input = (fields: Record<string, unknown>) => ({
    input: { meeting: meeting.id, idempotencyKey: `k-${++serial}`, ...fields },
  });
  const act = async (who: string, query: string, fields: Record<string, unknown>) =>
    (await call<{ proposal: Proposal }>(who, query, input(fields))).proposal;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    await new OrgRepository(db.em).replaceTree('administrative', [
      { code: COUNTY, parentCode: null, level: 'county', name: 'XX县' },
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
    // P1 and P2 are put, filed and assigned: P1 to transport with water as co-unit, P2 to housing.
    at('2025-01-09');
    for (const id of ['P1', 'P2']) {
      await act('a', SUBMIT, {
        id,
        proposer: { kind: 'member', members: [A] },
        title: id === 'P1' ? '关于改善农村公路的建议' : '关于加强物业管理的建议',
        reasons: '群众反映强烈。',
        suggestions: '加大投入。',
        subjectArea: 'urban_rural',
      });
    }
    at('2025-01-20');
    for (const id of ['P1', 'P2']) await act('office', REVIEW, { proposal: id, decision: 'file' });
    at('2025-02-10');
    await act('office', ASSIGN, { proposal: 'P1', lead: 'transport', coUnits: ['water'] });
    await act('office', ASSIGN, { proposal: 'P2', lead: 'housing', coUnits: [] });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await drop?.();
  });

  it('sees the proposals assigned to it, as lead or co-unit, and no other', async () => {
    const listed = async (who: string) =>
      (await call<{ proposals: { id: string }[] }>(who, LIST, { m: meeting.id })).proposals.map((p) => p.id);
    expect(await listed('transport')).toEqual(['P1']);
    expect(await listed('water')).toEqual(['P1']);
    expect(await listed('housing')).toEqual(['P2']);
    expect(await call('transport', ONE, { m: meeting.id, id: 'P1' })).toEqual({ id: 'P1' });
    // Another unit's proposal reads as a missing one.
    expect((await refusal('transport', ONE, { m: meeting.id, id: 'P2' })).code).toBe('NOT_FOUND');
    expect((await refusal('transport', ONE, { m: meeting.id, id: 'P9' })).code).toBe('NOT_FOUND');
    expect(
      (await refusal('housing', REPLY, input({ proposal: 'P1', category: 'planned', text: '答复' }))).code,
    ).toBe('NOT_FOUND');
  });

  it('asks once to be relieved, gives its opinion and replies as itself; nothing else', async () => {
    at('2025-02-12');
    // Every other act is refused before anything is read.
    expect((await refusal('transport', RATE, input({ proposal: 'P1', level: 'satisfied' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await refusal('transport', REVIEW, input({ proposal: 'P1', decision: 'file' }))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await refusal('transport', DECIDE, input({ proposal: 'P1', decision: 'refuse', reason: '不同意' })))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await refusal('transport', 'query($m: String!) { cppccProposalStatistics(meeting: $m) { asOf } }', {
          m: meeting.id,
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (await refusal('transport', `query { cppccDutyYear(term: ${committee.term}, year: 2025) { year } }`))
        .code,
    ).toBe('FORBIDDEN');

    const asked = await act('transport', REQUEST, {
      proposal: 'P1',
      reason: '农村公路养护属交通部门，建设属住建部门',
    });
    expect(asked.trail.at(-1)).toEqual({
      type: 'reassignment_requested',
      by: { role: 'unit', id: 'transport' },
    });
    at('2025-02-13');
    await act('office', DECIDE, { proposal: 'P1', decision: 'refuse', reason: '属本单位职能，请继续办理' });
    // Once only: the profile allows one request per unit.
    expect(await refusal('transport', REQUEST, input({ proposal: 'P1', reason: '再次申请' }))).toEqual({
      code: 'BAD_USER_INPUT',
      issues: ['CPPCC_REASSIGNMENT_LIMIT'],
    });

    // The co-unit gives its opinion as itself, not in the lead unit's name.
    expect(
      (
        await refusal(
          'water',
          OPINION,
          input({ proposal: 'P1', text: '协办意见', actingAs: { role: 'unit', unit: 'transport' } }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(await refusal('transport', OPINION, input({ proposal: 'P1', text: '冒充协办' }))).toEqual({
      code: 'BAD_USER_INPUT',
      issues: ['CPPCC_ACTOR_MISMATCH'],
    });
    const opinion = await act('water', OPINION, { proposal: 'P1', text: '配合做好沿线排水。' });
    expect(opinion.trail.at(-1)).toEqual({ type: 'co_opinion', by: { role: 'unit', id: 'water' } });

    at('2025-03-20');
    expect(
      await refusal('water', REPLY, input({ proposal: 'P1', category: 'planned', text: '答复' })),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      issues: ['CPPCC_ACTOR_MISMATCH'],
    });
    const replied = await act('transport', REPLY, {
      proposal: 'P1',
      category: 'planned',
      text: '已列入明年农村公路建设计划。',
    });
    expect(replied.status).toBe('replied');
    expect(replied.trail.at(-1)).toEqual({ type: 'replied', by: { role: 'unit', id: 'transport' } });
  });
});
