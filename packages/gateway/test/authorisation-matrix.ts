import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Instant, type LocalDate, referenceProfile } from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import { type Role, runCli } from '@jiceng/gateway';
import {
  CoBuildingRepository,
  GridRepository,
  OrgLifeRepository,
  OrgRepository,
  openDatabase,
  PointsLedgerRepository,
  PointsMemberRepository,
  type RequestFilter,
  ResidentRequestRepository,
  StationedUnitRepository,
  type StoredMember,
} from '@jiceng/persistence';
import { type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import { beforeAll } from 'vitest';
import {
  C1,
  C2,
  type Caller,
  COUNTY,
  type CountyObjects,
  callersOf,
  countyObjects,
  G1,
  G2,
  GANG,
  GANG_VILLAGE,
  openReferenceCounty,
  PC1,
  requestIn,
  STREET,
  TODAY,
} from './authorisation-fixtures.js';
import { policyFailures } from './authorisation-policy.js';
import { type GqlResult, gql, NOW, type useGateway } from './support.js';

/** GeoReport v2's widest window of report times, the 90 days up to the gateway's clock. */
const WINDOW_TO = NOW.toISOString();
const WINDOW_FROM = new Date(NOW.getTime() - 90 * 86_400_000).toISOString();
const WINDOW = `start_date=${WINDOW_FROM}&end_date=${WINDOW_TO}`;

/**
 * The authorisation matrix: every door of the gateway — each query, mutation, edge to another
 * object, Open311 endpoint and CLI write — called by a caller of every role inside and outside the
 * scope of a real object of the reference county, against an explicit table of what each may do.
 * Written apart from the policy (auth/policy.ts) on purpose: a change to the policy that this
 * table does not share fails it. gateway-authorisation-matrix.test.ts runs it; so does
 * scripts/authz-mutants.mjs, once per mutant of the policy and scope code (authz-mutants.run.ts).
 *
 * Only UNAUTHENTICATED, FORBIDDEN (a role that may not) and NOT_FOUND (outside the scope, worded
 * as for a missing object) count as refusals. An allowed call succeeds on real arguments, or —
 * where the domain's rules decide after the policy — answers the domain's own code, named below.
 */

const ALL: readonly Role[] = [
  'county_admin',
  'street_admin',
  'community_admin',
  'branch_secretary',
  'grid_worker',
  'member',
];
const STAFF: readonly Role[] = [
  'county_admin',
  'street_admin',
  'community_admin',
  'branch_secretary',
  'grid_worker',
];
const ADMINS: readonly Role[] = ['county_admin', 'street_admin', 'community_admin'];
const POINTS_READERS: readonly Role[] = [
  'county_admin',
  'street_admin',
  'community_admin',
  'branch_secretary',
];
const MEMBER_READERS: readonly Role[] = [...POINTS_READERS, 'member'];
const ACTORS: readonly Role[] = [...POINTS_READERS, 'member'];
const COMMITTEE: readonly Role[] = ['county_admin', 'street_admin'];
const COUNTY_ONLY: readonly Role[] = ['county_admin'];
const CPPCC_ROLES: readonly Role[] = ['county_admin', 'member'];
/** Every signed-in role, the handling unit of CPPCC proposals too: the doors the role alone opens. */
const EVERYONE: readonly Role[] = [...ALL, 'handling_unit'];
/** The CPPCC proposal doors a handling unit 承办单位 also reaches, for the proposals it handles. */
const CPPCC_WITH_UNITS: readonly Role[] = [...CPPCC_ROLES, 'handling_unit'];
const UNIT_ACTS = new Set(['replyToCppccProposal', 'giveCppccCoOpinion', 'requestCppccReassignment']);

/** The reference county CPPCC's meeting and objects, as the seed generates them. */
const CPPCC_DATA = generateReferenceCppccDataset(referenceProfile);
const CPPCC_MEETING = CPPCC_DATA.meeting.id;
const CPPCC_CLOSED_PROPOSAL = CPPCC_DATA.proposals.proposals.find(
  (p) => p.status === 'closed' && p.key === null,
)!;
const CPPCC_CLOSED = CPPCC_CLOSED_PROPOSAL.id;
const CPPCC_VICE = CPPCC_DATA.committee.viceChairs[0]!;
/** The closed proposal's lead unit, and a unit it never had. */
const CPPCC_LEAD_UNIT = CPPCC_CLOSED_PROPOSAL.units.find((u) => u.role === 'lead')!.unit;
const CPPCC_OTHER_UNIT = CPPCC_DATA.units.find(
  (u) => !CPPCC_CLOSED_PROPOSAL.units.some((x) => x.unit === u.code),
)!.code;
/** Duty and village consultations: the office, a township's liaison secretary (no caller here holds one). */
const CPPCC_TERM = CPPCC_DATA.committee.term;
const CPPCC_MEMBER = CPPCC_DATA.committee.roster.members[0]!.id;
const CPPCC_FILED_VILLAGE = CPPCC_DATA.villageConsultations[0]!.id;
const CPPCC_LIAISON: readonly Role[] = ['county_admin', 'street_admin'];
/** A record the office wrote in the seed, which it may reverse. */
const CPPCC_OFFICE_RECORD = CPPCC_DATA.dutyLedger.entries.find(
  (e) => e.type === 'record' && e.by.role === 'office',
)!.key;
/** A seeded standing-committee roll call, as the office would send it. */
const CPPCC_ROLL_CALL = ((c) => ({
  id: c.id,
  kind: c.kind,
  meetingOn: c.meetingOn,
  title: c.title,
  entries: c.entries.map((e) => ({ member: e.member, status: e.status, reason: e.reason ?? null })),
}))(CPPCC_DATA.rollCalls.find((c) => c.kind === 'standing')!);
/** The office gives the opinion as the lead unit by default: no co-unit of the proposal. */
const CPPCC_CO_OPINION = 'CPPCC_ACTOR_MISMATCH,CPPCC_INVALID_TRANSITION';
/** A closed proposal: the status refuses; the meeting may also be at its key-proposal limit. */
const CPPCC_KEY = 'CPPCC_INVALID_TRANSITION';

/** The places a call names, and which callers' scopes cover each (explicit, from the trees). */
type Place =
  | 'none'
  | 'own'
  | 'county'
  | 'c1'
  | 'g1'
  | 'g2'
  | 'Pc1'
  | 'mA'
  | 'mA2'
  | 'mUnitC'
  | 'mUnitG'
  | 'unitBranch'
  | 'nowhere'
  | 'unitNode'
  | 'gang'
  | 'gangVillage'
  | 'cppcc'
  | 'cppccClosed';

const COVERS: Readonly<Record<string, readonly Place[]>> = {
  county: [
    'own',
    'county',
    'c1',
    'g1',
    'g2',
    'Pc1',
    'mA',
    'mA2',
    'mUnitC',
    'mUnitG',
    'unitBranch',
    'unitNode',
    'gang',
    'gangVillage',
    'cppcc',
    'cppccClosed',
  ],
  // Another county's administrator: its scope is no node of this county's trees.
  otherCounty: [],
  street: ['own', 'c1', 'g1', 'g2', 'Pc1', 'mA', 'mA2', 'mUnitC', 'mUnitG', 'unitBranch', 'unitNode'],
  gang: ['own', 'gang', 'gangVillage'],
  // A unit's branch is no node of the trees: its members are placed by their community and grid.
  community1: ['own', 'c1', 'g1', 'Pc1', 'mA', 'mA2', 'mUnitC', 'mUnitG', 'unitBranch', 'unitNode'],
  community2: ['own', 'g2'],
  // The community party organisation covers the community it leads.
  secretary1: ['own', 'c1', 'g1', 'Pc1', 'mA', 'mA2', 'mUnitC', 'mUnitG', 'unitBranch', 'unitNode'],
  secretary2: ['own', 'g2'],
  worker1: ['own', 'g1', 'mUnitG'],
  worker2: ['own', 'g2'],
  // A member reaches the organisations of their branch, and among members only themselves.
  // The county CPPCC: its office (the county's administrator) and members, for themselves.
  member1: ['own', 'c1', 'g1', 'Pc1', 'mA', 'unitNode', 'cppcc'],
  member2: ['own', 'g2', 'cppcc'],
  // Handling units 承办单位: the closed proposal's lead unit handles it; another unit does not.
  unitLead: ['cppcc', 'cppccClosed'],
  unitOther: ['cppcc'],
};

/** The requests each caller's own scope holds, as the store is asked for them (explicit). */
const AREAS: Readonly<Record<string, RequestFilter>> = {
  county: { streetCodes: [STREET] },
  street: { streetCodes: [STREET] },
  gang: { streetCodes: [GANG] },
  community1: { communityCodes: [C1] },
  community2: { communityCodes: [C2] },
  secretary1: { communityCodes: [C1] },
  secretary2: { communityCodes: [C2] },
  worker1: { gridCodes: [G1] },
  worker2: { gridCodes: [G2] },
};

/** The party branch of an organisation outside the trees (a tax bureau's), whose members live in the first community. */
const UNIT_BRANCH = 'P-unit-tax';
/** A branch of the first community's party organisation that meets no administrative node (a hospital's). */
const UNIT_NODE = 'P-unit-hospital';

const covers = (caller: Caller, place: Place) => place === 'none' || COVERS[caller.name]!.includes(place);

/** What a call answered: `ok`, a refusal code, `BAD_USER_INPUT:<issue codes>`, or for an edge `hidden`. */
type Outcome = string;

interface Answer {
  readonly outcome: Outcome;
  readonly message?: string | undefined;
}

export interface Case {
  /** `Query.x`, `Mutation.x`, `Type.field` for an edge, an Open311 route, a CLI command. */
  readonly op: string;
  /** The policy action it exercises: only to run a mutant's cases first. */
  readonly action: string;
  readonly place: Place;
  /** The roles that may take it. */
  readonly roles: readonly Role[];
  /** Where the domain decides after the policy: the in-scope answer of a role other than `ok`. */
  readonly inScope?: Partial<Record<Role, Outcome>>;
  /** An edge: the root call's roles and place, which must let the caller in first. */
  readonly root?: { readonly roles: readonly Role[]; readonly place: Place };
  /** The public's answer (default UNAUTHENTICATED). */
  readonly publicAnswer?: Outcome;
  /** Names an object by id: the same call on an id that does not exist, for the probing check. */
  readonly missing?: (caller: Caller) => Promise<Answer>;
  run(caller: Caller | undefined): Promise<Answer>;
}

/** The answer a case must give a caller, from the tables above. */
function expected(c: Case, caller: Caller | undefined): Outcome {
  if (caller === undefined) return c.publicAnswer ?? 'UNAUTHENTICATED';
  const decide = (roles: readonly Role[], place: Place): Outcome =>
    !roles.includes(caller.principal.role) ? 'FORBIDDEN' : !covers(caller, place) ? 'NOT_FOUND' : 'ok';
  if (c.root !== undefined) {
    const root = decide(c.root.roles, c.root.place);
    if (root !== 'ok') return root;
    return decide(c.roles, c.place) === 'ok' ? (c.inScope?.[caller.principal.role] ?? 'ok') : 'hidden';
  }
  const own = decide(c.roles, c.place);
  return own === 'ok' ? (c.inScope?.[caller.principal.role] ?? 'ok') : own;
}

function answerOf(r: GqlResult, field: string, shown: (value: unknown) => boolean = () => true): Answer {
  const error = r.errors?.[0];
  if (error !== undefined) {
    const code = String(error.extensions?.['code']);
    const issues = (error.extensions?.['issues'] as { code: string }[] | undefined)?.map((i) => i.code) ?? [];
    return {
      outcome: code === 'BAD_USER_INPUT' ? `${code}:${[...new Set(issues)].sort().join(',')}` : code,
      message: error.message,
    };
  }
  const value = r.data?.[field];
  if (value === null || value === undefined) return { outcome: 'null' };
  return { outcome: shown(value) ? 'ok' : 'hidden' };
}

const ICS = await readFile(new URL('./fixtures/calendar-2027-test.ics', import.meta.url), 'utf8');
const DRAFT = {
  id: 'matrix_draft',
  name: { zh: '草案县', en: 'Draft County' },
  extends: 'reference',
  versions: [{ version: 'd1', effectiveFrom: '2025-01-01', changes: {} }],
};

/** The gateway the matrix calls: the reference county, with no rate limit (thousands of calls from one client). */
export const MATRIX_GATEWAY = { open: openReferenceCounty, rateLimitPerMinute: 1_000_000_000 } as const;

/**
 * The matrix over a gateway made with {@link MATRIX_GATEWAY}; registers its setup (beforeAll).
 *
 * @example
 * const matrix = defineAuthorisationMatrix(useGateway(MATRIX_GATEWAY));
 */
export function defineAuthorisationMatrix(gw: ReturnType<typeof useGateway>): Matrix {
  let o: CountyObjects;
  let callers: readonly Caller[];
  const tokens = new Map<string, string>();
  let serial = 0;
  const next = (prefix: string) => `${prefix}-${++serial}`;

  beforeAll(async () => {
    await gw.services.reloadOrgTrees();
    o = await countyObjects(gw.db, gw.services);
    callers = [
      ...callersOf(o),
      {
        name: 'unitLead',
        principal: { subject: 'unit-lead', role: 'handling_unit', scope: CPPCC_LEAD_UNIT },
      },
      {
        name: 'unitOther',
        principal: { subject: 'unit-other', role: 'handling_unit', scope: CPPCC_OTHER_UNIT },
      },
    ];
    for (const c of callers) tokens.set(c.name, await gw.token(c.principal));
  }, 120_000);

  /** One GraphQL call as a caller (or the public). */
  const call = (caller: Caller | undefined, query: string, variables: Record<string, unknown> = {}) =>
    gql(gw.app, query, {
      ...(caller === undefined ? {} : { token: tokens.get(caller.name)! }),
      variables,
      language: 'en',
    });

  /**
   * An object a write uses up, made through the repositories: the same one until a call succeeds
   * on it, then a fresh one.
   */
  const pool = new Map<string, string>();
  async function fresh(kind: string, make: () => Promise<string>): Promise<string> {
    let id = pool.get(kind);
    if (id === undefined) {
      id = await make();
      pool.set(kind, id);
    }
    return id;
  }
  const spent = (kind: string, answer: Answer) => {
    if (answer.outcome === 'ok') pool.delete(kind);
    return answer;
  };
  /** A building and a grid worker of the first community for the register writes, made directly. */
  const building = (use: string) =>
    fresh(`building/${use}`, async () => {
      const id = next('mbuilding');
      await new GridRepository(gw.db.em).saveBuildings([
        { id, communityCode: C1, households: 10, addressOrder: 9_999 },
      ]);
      return id;
    });
  const worker = (use: string) =>
    fresh(`worker/${use}`, async () => {
      const id = next('mworker');
      await gw.db.em
        .fork()
        .insertMany('GridWorkerRow', [
          { id, name: '矩阵', homeCommunityCode: C1, isPartyMember: false, partyMemberId: null },
        ]);
      return id;
    });

  const ledger = () =>
    new PointsLedgerRepository(gw.db.em, { rules: (id) => gw.services.profiles().history(id) });
  const self = (m: StoredMember) => ({ role: 'self' as const, id: m.code });
  const draftOf = async (m: StoredMember) => {
    const key = next(`matrix/${m.code}`);
    await ledger().append({
      type: 'point',
      key,
      member: m.code,
      item: 'grid_duty',
      date: '2026-11-20',
      quantity: 1,
      by: self(m),
      on: '2026-11-20',
    });
    return key;
  };
  const submittedOf = async (m: StoredMember) => {
    const key = await draftOf(m);
    await ledger().append({
      type: 'submit',
      key: `${key}/submit`,
      entry: key,
      by: self(m),
      on: '2026-11-21',
    });
    return key;
  };
  const approvedOf = async (m: StoredMember) => {
    const key = next(`matrix/${m.code}/branch`);
    await ledger().append({
      type: 'point',
      key,
      member: m.code,
      item: 'grid_duty',
      date: '2026-11-20',
      quantity: 1,
      by: { role: 'branch', id: m.branch },
      on: '2026-11-20',
    });
    return key;
  };
  const request = (
    steps: readonly ('assign' | 'start' | 'resolve')[],
    contact?: { name: string; phone: string },
  ) =>
    requestIn(gw.db, gw.services, {
      id: next('R-matrix'),
      grid: G1,
      steps,
      assignee: o.workerA,
      ...(contact === undefined ? {} : { contact }),
    });
  /** A stationed unit registered at C1 whose party organisation is memberA's branch. */
  const stationedUnitUnderC1 = async () => {
    const code = next('matrix-stationed');
    await new StationedUnitRepository(gw.db.em).saveUnit({
      code,
      name: '矩阵驻区单位',
      kind: 'institution',
      community: C1,
      branch: o.memberA.branch,
    });
    return code;
  };
  const unitUnderC1 = async () => {
    const unit = next('matrix-unit');
    const repo = new CoBuildingRepository(gw.db.em);
    await repo.registerUnits(2025, C1, [{ code: unit }]);
    await repo.addCommitments(2025, [{ unit, code: 'c1', text: '共建承诺' }], rulesOf2025());
    return unit;
  };
  const rulesOf2025 = () => {
    const r = gw.services.profiles().profileAt('reference', '2025-12-31');
    if (!r.ok) throw new Error('no reference profile for 2025');
    return r.value.coBuilding;
  };

  /** A root field with a selection, as a case: `ok` when it answers data. */
  const root =
    (field: string, args: (c: Caller | undefined) => string, selection = '{ __typename }') =>
    async (caller: Caller | undefined) =>
      answerOf(await call(caller, `query { ${field}${args(caller)} ${selection} }`), field);
  const mutation =
    (
      field: string,
      args: string,
      variables: () => Promise<Record<string, unknown>> | Record<string, unknown>,
      selection = '{ __typename }',
    ) =>
    async (caller: Caller | undefined) =>
      answerOf(
        await call(
          caller,
          `mutation(${args}) { ${field}(${argNames(args)}) ${selection} }`,
          await variables(),
        ),
        field,
      );
  const argNames = (args: string) =>
    args
      .split(',')
      .map((a) => a.trim().split(':')[0]!.slice(1))
      .map((n) => `${n}: $${n}`)
      .join(', ');
  /** An edge of a root object: `ok` when it leads somewhere, `hidden` when it is null or empty. */
  const edge =
    (query: string, field: string, reached: (value: Record<string, unknown>) => boolean) =>
    async (caller: Caller | undefined) =>
      answerOf(await call(caller, `query { ${query} }`), field, (v) => reached(v as Record<string, unknown>));

  const nodeCase = (place: Place, code: string): Case => ({
    op: 'Query.orgNode',
    action: 'org.read',
    place,
    roles: ALL,
    run: root('orgNode', () => `(code: "${code}")`, '{ code }'),
    missing: async (c) => answerOf(await call(c, `{ orgNode(code: "${code}9") { code } }`), 'orgNode'),
  });

  /** A CPPCC door: the office (the county's administrator) and members, each as the domain allows. */
  const cppccCase = (
    op: string,
    run: (caller: Caller | undefined) => Promise<Answer>,
    inScope: Partial<Record<Role, Outcome>> = {},
    where: { readonly roles?: readonly Role[]; readonly place?: Place } = {},
  ): Case => ({
    op,
    action: 'cppcc.office',
    place: where.place ?? 'cppcc',
    roles: where.roles ?? CPPCC_ROLES,
    inScope,
    run,
  });
  /** A door on the closed proposal: the office, its proposer (no caller here), its lead unit. */
  const onClosed = (roles: readonly Role[] = CPPCC_ROLES) => ({ roles, place: 'cppccClosed' as const });
  const cppccAct = (field: string, input: string, args: () => Record<string, unknown>) =>
    mutation(field, `$input: ${input}!`, () => ({
      input: { meeting: CPPCC_MEETING, idempotencyKey: next(`mx-${field}`), ...args() },
    }));

  /** Organisational life of the first community's party organisation: its secretary, the committee. */
  const ORG_LIFE_RECORDERS: readonly Role[] = ['county_admin', 'street_admin', 'branch_secretary'];
  const orgLifeMeetingIn = async (kind: string) => {
    const id = next(`OL-${kind}`);
    await new OrgLifeRepository(gw.db.em).save({
      meeting: {
        id,
        kind: 'branch_committee',
        branch: PC1,
        heldOn: '2026-11-20' as LocalDate,
        topic: '支委会',
        agenda: ['研究发展党员'],
        attendance: [{ member: o.memberA.code, status: 'present' }],
      },
      status: 'held',
      recordedBy: 'matrix',
      on: '2026-11-21',
    });
    return id;
  };
  const meetingInput = () => ({
    kind: 'branch_committee',
    heldOn: '2026-11-20',
    topic: '支委会（更正）',
    agenda: ['研究发展党员'],
    attendance: [{ member: o.memberA.code, status: 'present' }],
  });
  const orgLifeCases = (): Case[] => [
    ...(
      [
        ['orgLifeMeetings', `(scope: "${PC1}", from: "2026-01-01")`, '{ totalCount }'],
        ['orgLifeCompliance', `(scope: "${PC1}", from: "2026-01-01")`, '{ branch }'],
        ['secretaryRecord', `(branch: "${PC1}", from: "2026-01-01")`, '{ lines { on } }'],
      ] as const
    ).map(
      ([field, args, selection]): Case => ({
        op: `Query.${field}`,
        action: 'orglife.read',
        place: 'Pc1',
        roles: POINTS_READERS,
        run: root(field, () => args, selection),
      }),
    ),
    {
      op: 'Query.orgLifeMeeting',
      action: 'orglife.read',
      place: 'Pc1',
      roles: POINTS_READERS,
      run: async (c) => {
        const id = await fresh('orglife-read', () => orgLifeMeetingIn('read'));
        return answerOf(await call(c, `{ orgLifeMeeting(id: "${id}") { id } }`), 'orgLifeMeeting');
      },
      missing: async (c) =>
        answerOf(await call(c, '{ orgLifeMeeting(id: "OL-none") { id } }'), 'orgLifeMeeting'),
    },
    {
      op: 'Mutation.recordOrgLifeMeeting',
      action: 'orglife.record',
      place: 'Pc1',
      roles: ORG_LIFE_RECORDERS,
      run: mutation('recordOrgLifeMeeting', '$input: RecordOrgLifeMeetingInput!', () => ({
        input: { ...meetingInput(), id: next('OL-new'), branch: PC1 },
      })),
    },
    {
      op: 'Mutation.correctOrgLifeMeeting',
      action: 'orglife.record',
      place: 'Pc1',
      roles: ORG_LIFE_RECORDERS,
      run: async (c) => {
        const id = await fresh('orglife-correct', () => orgLifeMeetingIn('correct'));
        return spent(
          'orglife-correct',
          await mutation('correctOrgLifeMeeting', '$input: CorrectOrgLifeMeetingInput!', () => ({
            input: { ...meetingInput(), id, expectedVersion: 1, reason: '补记议程' },
          }))(c),
        );
      },
    },
    {
      op: 'Mutation.withdrawOrgLifeMeeting',
      action: 'orglife.record',
      place: 'Pc1',
      roles: ORG_LIFE_RECORDERS,
      run: async (c) => {
        const id = await fresh('orglife-withdraw', () => orgLifeMeetingIn('withdraw'));
        return spent(
          'orglife-withdraw',
          await mutation(
            'withdrawOrgLifeMeeting',
            '$id: String!, $expectedVersion: Int!, $reason: String!',
            () => ({
              id,
              expectedVersion: 1,
              reason: '重复录入',
            }),
          )(c),
        );
      },
    },
  ];

  const cases = (): Case[] => [
    // ------------------------------------------------------------------ open to everyone
    {
      op: 'Query.viewer',
      action: 'none',
      place: 'none',
      roles: EVERYONE,
      publicAnswer: 'ok',
      run: root('viewer', () => '', '{ role }'),
    },
    {
      op: 'Query.publicStatistics',
      action: 'none',
      place: 'none',
      roles: EVERYONE,
      publicAnswer: 'ok',
      run: root('publicStatistics', () => `(code: "${G1}")`, '{ grids }'),
    },
    {
      op: 'Query.publicConsultations',
      action: 'none',
      place: 'none',
      roles: EVERYONE,
      publicAnswer: 'ok',
      run: root('publicConsultations', () => `(township: "${GANG}")`, '{ totalCount }'),
    },
    // ------------------------------------------------------------------ CPPCC proposals
    {
      op: 'Query.publicCppccProposals',
      action: 'none',
      place: 'none',
      roles: EVERYONE,
      publicAnswer: 'ok',
      run: root('publicCppccProposals', () => `(meeting: "${CPPCC_MEETING}")`, '{ number }'),
    },
    cppccCase(
      'Query.cppccMeetings',
      root('cppccMeetings', () => '', '{ id }'),
      {},
      { roles: CPPCC_WITH_UNITS },
    ),
    cppccCase(
      'Query.cppccProposals',
      root('cppccProposals', () => `(meeting: "${CPPCC_MEETING}")`, '{ version }'),
      {},
      { roles: CPPCC_WITH_UNITS },
    ),
    // A member sees only their own proposals, a unit those it handles: the closed one is neither's.
    cppccCase(
      'Query.cppccProposal',
      root('cppccProposal', () => `(meeting: "${CPPCC_MEETING}", id: "${CPPCC_CLOSED}")`, '{ id }'),
      {},
      onClosed(CPPCC_WITH_UNITS),
    ),
    cppccCase(
      'Query.cppccProposalStatistics',
      root('cppccProposalStatistics', () => `(meeting: "${CPPCC_MEETING}", asOf: "2025-12-31")`, '{ asOf }'),
      { member: 'FORBIDDEN' },
    ),
    // The meeting's window closed long ago; a member may not put a proposal in another's name.
    cppccCase(
      'Mutation.submitCppccProposal',
      cppccAct('submitCppccProposal', 'SubmitCppccProposalInput', () => ({
        id: next('MX'),
        proposer: { kind: 'member', members: ['M001'] },
        title: '矩阵提案',
        reasons: '案由',
        suggestions: '建议',
        subjectArea: 'economy',
      })),
      {
        county_admin: 'BAD_USER_INPUT:CPPCC_OUTSIDE_SUBMISSION_WINDOW',
        member: 'BAD_USER_INPUT:CPPCC_ACTOR_MISMATCH,CPPCC_OUTSIDE_SUBMISSION_WINDOW',
      },
    ),
    // Every act on a proposal, on a closed one: the office reaches the domain, which refuses the
    // act in that status; a member is told the proposal does not exist (it is not theirs).
    ...(
      [
        ['reviewCppccProposal', 'ReviewCppccProposalInput', { decision: 'file' }, 'CPPCC_INVALID_TRANSITION'],
        [
          'assignCppccProposal',
          'AssignCppccProposalInput',
          { lead: 'housing', coUnits: [] },
          'CPPCC_INVALID_TRANSITION',
        ],
        [
          'requestCppccReassignment',
          'CppccReasonInput',
          { reason: '不属本单位职能' },
          'CPPCC_INVALID_TRANSITION',
        ],
        [
          'decideCppccReassignment',
          'CppccDecideReassignmentInput',
          { decision: 'refuse', reason: '不予调整' },
          'CPPCC_INVALID_TRANSITION',
        ],
        ['giveCppccCoOpinion', 'CppccProposalTextInput', { text: '协办意见' }, CPPCC_CO_OPINION],
        [
          'replyToCppccProposal',
          'CppccReplyInput',
          { category: 'planned', text: '答复' },
          'CPPCC_INVALID_TRANSITION',
        ],
        ['rateCppccProposalReply', 'CppccRateReplyInput', { level: 'satisfied' }, 'CPPCC_INVALID_TRANSITION'],
        ['closeCppccProposalUnrated', 'CppccProposalOnlyInput', {}, 'CPPCC_INVALID_TRANSITION'],
        ['designateKeyCppccProposal', 'CppccDesignateKeyInput', { supervisor: CPPCC_VICE }, CPPCC_KEY],
      ] as const
    ).map(([field, input, args, codes]) =>
      cppccCase(
        `Mutation.${field}`,
        cppccAct(field, input, () => ({ proposal: CPPCC_CLOSED, ...args })),
        { county_admin: `BAD_USER_INPUT:${codes}`, handling_unit: `BAD_USER_INPUT:${codes}` },
        // A handling unit replies, gives a co-unit's opinion and asks for reassignment: nothing else.
        onClosed(UNIT_ACTS.has(field) ? CPPCC_WITH_UNITS : CPPCC_ROLES),
      ),
    ),
    // ------------------------------------------------------------------ CPPCC duty and villages
    cppccCase(
      'Query.cppccDutyYear',
      root('cppccDutyYear', () => `(term: ${CPPCC_TERM}, year: 2025)`, '{ year }'),
      { member: 'FORBIDDEN' },
    ),
    // A party member is no CPPCC member: another's score does not exist for them.
    {
      op: 'Query.cppccMemberDuty',
      action: 'cppcc.liaison',
      place: 'cppcc',
      roles: [...CPPCC_LIAISON, 'member'],
      inScope: { member: 'NOT_FOUND' },
      run: root(
        'cppccMemberDuty',
        () => `(term: ${CPPCC_TERM}, member: "${CPPCC_MEMBER}", year: 2025)`,
        '{ total }',
      ),
    },
    {
      op: 'Query.cppccVillageConsultations',
      action: 'cppcc.liaison',
      place: 'cppcc',
      roles: CPPCC_LIAISON,
      run: root('cppccVillageConsultations', () => `(township: "${CPPCC_DATA.pilotTownship}")`, '{ id }'),
    },
    {
      op: 'Mutation.recordCppccDuty',
      action: 'cppcc.liaison',
      place: 'cppcc',
      roles: CPPCC_LIAISON,
      run: mutation('recordCppccDuty', '$input: RecordCppccDutyInput!', () => ({
        input: {
          term: CPPCC_TERM,
          idempotencyKey: next('mx-duty'),
          member: CPPCC_MEMBER,
          item: 'speech',
          date: '2025-03-01',
        },
      })),
    },
    // The office reverses one of its seeded records, under one key: every run after the first is
    // the same reversal again. A missing record is NOT_FOUND to everyone, as one out of reach.
    {
      op: 'Mutation.reverseCppccDuty',
      action: 'cppcc.liaison',
      place: 'cppcc',
      roles: CPPCC_LIAISON,
      run: mutation('reverseCppccDuty', '$input: ReverseCppccDutyInput!', () => ({
        input: { term: CPPCC_TERM, idempotencyKey: 'mx-rev', record: CPPCC_OFFICE_RECORD, reason: '冲正' },
      })),
      missing: async (c) =>
        mutation('reverseCppccDuty', '$input: ReverseCppccDutyInput!', () => ({
          input: { term: CPPCC_TERM, idempotencyKey: next('mx-rev'), record: 'nowhere', reason: '冲正' },
        }))(c),
    },
    cppccCase(
      'Query.cppccRollCalls',
      root('cppccRollCalls', () => `(term: ${CPPCC_TERM})`, '{ id }'),
      { member: 'FORBIDDEN' },
    ),
    // The seeded roll call sent again: a repeat, nothing written.
    cppccCase(
      'Mutation.recordCppccRollCall',
      mutation('recordCppccRollCall', '$input: RecordCppccRollCallInput!', () => ({
        input: { term: CPPCC_TERM, ...CPPCC_ROLL_CALL },
      })),
      { member: 'FORBIDDEN' },
    ),
    // A correction that lists nobody: the office reaches the domain, which refuses it.
    cppccCase(
      'Mutation.correctCppccRollCall',
      mutation('correctCppccRollCall', '$input: CorrectCppccRollCallInput!', () => ({
        input: { term: CPPCC_TERM, id: CPPCC_ROLL_CALL.id, expectedVersion: 1, reason: '更正', entries: [] },
      })),
      { county_admin: 'BAD_USER_INPUT:CPPCC_ATTENDANCE_MISSING', member: 'FORBIDDEN' },
    ),
    {
      op: 'Mutation.startCppccVillageConsultation',
      action: 'cppcc.liaison',
      place: 'cppcc',
      roles: CPPCC_LIAISON,
      run: mutation('startCppccVillageConsultation', '$input: StartCppccVillageConsultationInput!', () => ({
        input: {
          term: CPPCC_TERM,
          id: next('MX-VC'),
          village: CPPCC_DATA.villages[0]!.code,
          topic: '矩阵议题',
          participants: Array.from({ length: 8 }, (_, i) => ({
            id: `p${i}`,
            name: `参加人${i}`,
            kind: i < 6 ? 'villager_representative' : 'party_member',
          })),
        },
      })),
    },
    // On a consultation already filed: the office reaches the domain, which refuses the step.
    {
      op: 'Mutation.holdCppccVillageMeeting',
      action: 'cppcc.liaison',
      place: 'cppcc',
      roles: CPPCC_LIAISON,
      inScope: { county_admin: 'BAD_USER_INPUT:CPPCC_INVALID_TRANSITION' },
      run: mutation('holdCppccVillageMeeting', '$input: HoldCppccVillageMeetingInput!', () => ({
        input: {
          term: CPPCC_TERM,
          id: CPPCC_FILED_VILLAGE,
          attendees: [],
          minutes: '纪要',
          decision: 'agreed',
          summary: '通过',
        },
      })),
    },
    {
      op: 'Mutation.correctCppccVillageMeeting',
      action: 'cppcc.liaison',
      place: 'cppcc',
      roles: CPPCC_LIAISON,
      inScope: { county_admin: 'BAD_USER_INPUT:CPPCC_VILLAGE_NO_QUORUM' },
      run: mutation('correctCppccVillageMeeting', '$input: CorrectCppccVillageMeetingInput!', () => ({
        input: {
          term: CPPCC_TERM,
          id: CPPCC_FILED_VILLAGE,
          attendees: [],
          minutes: '纪要',
          decision: 'agreed',
          summary: '通过',
          reason: '更正',
        },
      })),
    },
    {
      op: 'Mutation.fileCppccVillageConsultation',
      action: 'cppcc.liaison',
      place: 'cppcc',
      roles: CPPCC_LIAISON,
      inScope: { county_admin: 'BAD_USER_INPUT:CPPCC_INVALID_TRANSITION' },
      run: mutation('fileCppccVillageConsultation', '$term: Int!, $id: String!', () => ({
        term: CPPCC_TERM,
        id: CPPCC_FILED_VILLAGE,
      })),
    },
    // Only the chair who follows a key proposal supervises it: the office is no chair.
    cppccCase(
      'Mutation.superviseCppccProposal',
      cppccAct('superviseCppccProposal', 'CppccSuperviseInput', () => ({
        proposal: CPPCC_CLOSED,
        summary: '督办',
      })),
      { county_admin: 'FORBIDDEN' },
      onClosed(),
    ),
    // ------------------------------------------------------------------ organisation trees
    nodeCase('c1', C1),
    nodeCase('g1', G1),
    {
      op: 'Query.myScope',
      action: 'org.read',
      place: 'own',
      roles: ALL,
      run: root('myScope', () => '', '{ code }'),
    },
    {
      op: 'OrgNode.parent',
      action: 'org.read',
      place: 'c1',
      roles: ALL,
      root: { roles: ALL, place: 'g1' },
      run: edge(`orgNode(code: "${G1}") { parent { code } }`, 'orgNode', (v) => v['parent'] !== null),
    },
    {
      op: 'OrgNode.ancestors',
      action: 'org.read',
      place: 'c1',
      roles: ALL,
      root: { roles: ALL, place: 'g1' },
      run: edge(`orgNode(code: "${G1}") { ancestors { code } }`, 'orgNode', (v) =>
        (v['ancestors'] as { code: string }[]).some((a) => a.code === C1),
      ),
    },
    {
      op: 'OrgNode.children',
      action: 'org.read',
      place: 'g1',
      roles: ALL,
      root: { roles: ALL, place: 'c1' },
      run: edge(
        `orgNode(code: "${C1}") { children(first: 100) { edges { node { code } } } }`,
        'orgNode',
        (v) =>
          (v['children'] as { edges: { node: { code: string } }[] }).edges.some((e) => e.node.code === G1),
      ),
    },
    {
      op: 'OrgNode.counterpart',
      action: 'org.read',
      place: 'Pc1',
      roles: ALL,
      root: { roles: ALL, place: 'c1' },
      run: edge(
        `orgNode(code: "${C1}") { counterpart { code } }`,
        'orgNode',
        (v) => v['counterpart'] !== null,
      ),
    },
    {
      op: 'OrgNode.statistics',
      action: 'org.read',
      place: 'c1',
      roles: ALL,
      root: { roles: ALL, place: 'c1' },
      run: edge(
        `orgNode(code: "${C1}") { statistics { grids } }`,
        'orgNode',
        (v) => v['statistics'] !== null,
      ),
    },
    {
      op: 'GridLevelStatistics.requests',
      action: 'org.read',
      place: 'c1',
      roles: ALL,
      root: { roles: ALL, place: 'c1' },
      run: edge(
        `orgNode(code: "${C1}") { statistics { requests { open } } }`,
        'orgNode',
        (v) => v['statistics'] !== null,
      ),
    },
    {
      // Rows with a cycle: the county's administrator reaches the tree's rules, nobody else does.
      op: 'Mutation.replaceOrgTree',
      action: 'org.replace',
      place: 'county',
      roles: COUNTY_ONLY,
      inScope: { county_admin: 'BAD_USER_INPUT:ORG_CYCLE,ORG_NO_ROOT' },
      run: mutation(
        'replaceOrgTree',
        '$kind: OrgTreeKind!, $rows: [OrgRowInput!]!',
        () => ({
          kind: 'party',
          rows: [
            { code: 'x1', parentCode: 'x2', level: 'branch', name: '甲' },
            { code: 'x2', parentCode: 'x1', level: 'branch', name: '乙' },
          ],
        }),
        '{ nodeCount }',
      ),
    },
    {
      // A dry run of a one-row register sent as a GraphQL multipart upload: nothing is written.
      op: 'Mutation.importRegisters',
      action: 'org.replace',
      place: 'county',
      roles: COUNTY_ONLY,
      run: async (c) => {
        const res = await upload(c, `党员编号,姓名,类别,所在支部\nX0001,甲,普通类,${PC1}\n`);
        return answerOf({ status: res.statusCode, ...(res.json() as object) }, 'importRegisters');
      },
    },
    ...(
      [
        ['registers', 'org.replace', 'county', COUNTY_ONLY, {}],
        ['rankings', 'points.read', 'c1', POINTS_READERS, { scope: C1, year: 2025 }],
        ['rating', 'points.read', 'c1', POINTS_READERS, { scope: C1, year: 2025 }],
        ['grid', 'request.read', 'c1', STAFF, { scope: C1 }],
        ['consultation', 'consultation.read', 'gang', ALL, { scope: GANG, year: 2025 }],
      ] as const
    ).map(
      ([report, action, place, roles, args]): Case => ({
        op: 'Mutation.exportReport',
        action,
        place,
        roles,
        run: mutation(
          'exportReport',
          '$report: String!, $scope: String, $year: Int',
          () => ({ report, ...args }),
          '{ url }',
        ),
      }),
    ),
    {
      op: 'Mutation.exportReport',
      action: 'points.read',
      place: 'c1',
      roles: POINTS_READERS,
      run: mutation(
        'exportReport',
        '$report: String!, $scope: String, $month: String',
        () => ({ report: 'feedback', scope: C1, month: '2025-06' }),
        '{ url }',
      ),
    },
    {
      op: 'Mutation.exportReport',
      action: 'member.read',
      place: 'mA',
      roles: MEMBER_READERS,
      run: mutation(
        'exportReport',
        '$report: String!, $member: String, $year: Int',
        () => ({ report: 'explanation', member: o.memberA.code, year: 2025 }),
        '{ url }',
      ),
    },
    {
      // The published view, for anyone: as publicConsultations.
      op: 'Mutation.exportReport',
      action: 'consultation.read',
      place: 'none',
      roles: EVERYONE,
      publicAnswer: 'ok',
      run: mutation(
        'exportReport',
        '$report: String!, $scope: String',
        () => ({ report: 'disclosure', scope: GANG }),
        '{ url }',
      ),
    },
    // ------------------------------------------------------------------ rule profiles
    {
      op: 'Query.ruleProfile',
      action: 'profile.read',
      place: 'none',
      roles: ALL,
      run: root('ruleProfile', () => '', '{ id }'),
    },
    {
      op: 'Query.ruleProfileVersions',
      action: 'profile.read',
      place: 'none',
      roles: ALL,
      run: root('ruleProfileVersions', () => '(id: "reference")', '{ totalCount }'),
    },
    {
      op: 'Query.calendarWarnings',
      action: 'profile.read',
      place: 'none',
      roles: ALL,
      run: root('calendarWarnings', () => '', '{ code }'),
    },
    {
      op: 'Mutation.saveRuleProfile',
      action: 'profile.write',
      place: 'county',
      roles: COUNTY_ONLY,
      run: mutation('saveRuleProfile', '$input: RuleProfileDocumentInput!', () => ({
        input: {
          document: {
            id: next('matrix_county').replace('-', '_'),
            name: { zh: '矩阵县', en: 'Matrix County' },
            extends: 'reference',
            versions: [{ version: '1', effectiveFrom: '2027-01-01', changes: {} }],
          },
        },
      })),
    },
    {
      op: 'Mutation.importCalendar',
      action: 'profile.write',
      place: 'county',
      roles: COUNTY_ONLY,
      run: mutation('importCalendar', '$input: ImportCalendarInput!', () => ({
        input: { ics: ICS, dryRun: true },
      })),
    },
    {
      op: 'Query.cadreAssessment',
      action: 'cadres.assess',
      place: 'none',
      roles: COMMITTEE,
      run: root(
        'cadreAssessment',
        () => '(year: 2025, cadres: [{ cadre: "x", partyBuilding: 80, work: 90 }])',
        '{ cadre }',
      ),
    },
    // ------------------------------------------------------------------ grids
    {
      op: 'Query.grids',
      action: 'grid.read',
      place: 'c1',
      roles: STAFF,
      run: root('grids', () => `(community: "${C1}")`, '{ totalCount }'),
    },
    {
      op: 'Query.grid',
      action: 'grid.read',
      place: 'g1',
      roles: STAFF,
      run: root('grid', () => `(code: "${G1}")`, '{ code }'),
      missing: async (c) => answerOf(await call(c, `{ grid(code: "${C1}-G99") { code } }`), 'grid'),
    },
    ...(
      [
        ['node', 'g1', (v: Record<string, unknown>) => v['node'] !== null, '{ node { code } }'],
        [
          'community',
          'c1',
          (v: Record<string, unknown>) => v['community'] !== null,
          '{ community { code } }',
        ],
        [
          'buildings',
          'g1',
          (v: Record<string, unknown>) => (v['buildings'] as { totalCount: number }).totalCount > 0,
          '{ buildings { totalCount } }',
        ],
        [
          'team',
          'g1',
          (v: Record<string, unknown>) => (v['team'] as unknown[]).length > 0,
          '{ team { id } }',
        ],
        [
          'statistics',
          'g1',
          (v: Record<string, unknown>) => v['statistics'] !== null,
          '{ statistics { grids } }',
        ],
      ] as const
    ).map(
      ([field, place, reached, selection]): Case => ({
        op: `Grid.${field}`,
        action: field === 'node' || field === 'community' ? 'org.read' : 'grid.read',
        place,
        roles: field === 'node' || field === 'community' ? ALL : STAFF,
        root: { roles: STAFF, place: 'g1' },
        run: edge(`grid(code: "${G1}") ${selection}`, 'grid', reached),
      }),
    ),
    {
      op: 'Query.routeLocation',
      action: 'grid.read',
      place: 'g2',
      roles: STAFF,
      root: { roles: STAFF, place: 'none' },
      run: edge(
        `routeLocation(location: { grid: "${G2}" }) { status gridCode }`,
        'routeLocation',
        (v) => v['gridCode'] === G2,
      ),
    },
    {
      op: 'Query.partitionPreview',
      action: 'grid.partition',
      place: 'c1',
      roles: ADMINS,
      run: root('partitionPreview', () => `(community: "${C1}")`, '{ communityCode }'),
    },
    {
      // Applied under a version no preview showed: the policy lets it through, the store refuses it.
      op: 'Mutation.applyPartition',
      action: 'grid.partition',
      place: 'c1',
      roles: ADMINS,
      inScope: { county_admin: 'CONFLICT', street_admin: 'CONFLICT', community_admin: 'CONFLICT' },
      run: mutation('applyPartition', '$community: String!, $expectedVersion: Int', () => ({
        community: C1,
        expectedVersion: 999_999,
      })),
    },
    {
      op: 'Mutation.applyStaffingPlan',
      action: 'grid.write',
      place: 'c1',
      roles: ADMINS,
      // A version the preview never showed: the community "moved", after the policy let the caller in.
      inScope: { county_admin: 'CONFLICT', street_admin: 'CONFLICT', community_admin: 'CONFLICT' },
      run: mutation(
        'applyStaffingPlan',
        '$idempotencyKey: String!, $community: String!, $expectedVersion: String!',
        () => ({
          idempotencyKey: next('matrix-staffing'),
          community: C1,
          expectedVersion: 'stale',
        }),
      ),
    },
    {
      op: 'Mutation.recordJointMeeting',
      action: 'grid.write',
      place: 'c1',
      roles: ADMINS,
      run: mutation(
        'recordJointMeeting',
        '$idempotencyKey: String!, $org: String!, $heldOn: String!, $topics: [String!]!, $attendees: [String!]!',
        () => ({
          idempotencyKey: next('matrix-meeting'),
          org: C1,
          heldOn: '2026-11-20',
          topics: ['议题'],
          attendees: ['社区党委'],
        }),
      ),
    },
    // ------------------------------------------------------------------ building, worker and team writes
    {
      op: 'Mutation.createBuilding',
      action: 'grid.write',
      place: 'c1',
      roles: ADMINS,
      run: mutation(
        'createBuilding',
        '$idempotencyKey: String!, $code: String!, $input: BuildingInput!',
        () => ({
          idempotencyKey: next('matrix-building'),
          code: next('mb'),
          input: { community: C1, households: 10 },
        }),
      ),
    },
    {
      op: 'Mutation.updateBuilding',
      action: 'grid.write',
      place: 'c1',
      roles: ADMINS,
      run: mutation(
        'updateBuilding',
        '$idempotencyKey: String!, $code: String!, $input: BuildingInput!',
        async () => ({
          idempotencyKey: next('matrix-building'),
          code: await building('update'),
          input: { households: 12 },
        }),
      ),
    },
    {
      op: 'Mutation.retireBuilding',
      action: 'grid.write',
      place: 'c1',
      roles: ADMINS,
      run: async (caller) =>
        spent(
          'building/retire',
          await mutation('retireBuilding', '$idempotencyKey: String!, $code: String!', async () => ({
            idempotencyKey: next('matrix-building'),
            code: await building('retire'),
          }))(caller),
        ),
    },
    {
      op: 'Mutation.createGridWorker',
      action: 'grid.write',
      place: 'c1',
      roles: ADMINS,
      run: mutation(
        'createGridWorker',
        '$idempotencyKey: String!, $code: String!, $input: GridWorkerInput!',
        () => ({
          idempotencyKey: next('matrix-worker'),
          code: next('mw'),
          input: { name: '矩阵', homeCommunity: C1 },
        }),
      ),
    },
    {
      op: 'Mutation.updateGridWorker',
      action: 'grid.write',
      place: 'c1',
      roles: ADMINS,
      run: mutation(
        'updateGridWorker',
        '$idempotencyKey: String!, $code: String!, $input: GridWorkerInput!',
        async () => ({
          idempotencyKey: next('matrix-worker'),
          code: await worker('update'),
          input: { name: '矩阵改' },
        }),
      ),
    },
    {
      op: 'Mutation.retireGridWorker',
      action: 'grid.write',
      place: 'c1',
      roles: ADMINS,
      run: async (caller) =>
        spent(
          'worker/retire',
          await mutation('retireGridWorker', '$idempotencyKey: String!, $code: String!', async () => ({
            idempotencyKey: next('matrix-worker'),
            code: await worker('retire'),
          }))(caller),
        ),
    },
    {
      op: 'Mutation.setGridTeam',
      action: 'grid.write',
      place: 'g1',
      roles: ADMINS,
      // The grid's own team again: allowed callers change nothing.
      run: mutation(
        'setGridTeam',
        '$idempotencyKey: String!, $grid: String!, $workers: [String!]!',
        async () => ({
          idempotencyKey: next('matrix-team'),
          grid: G1,
          workers: ((await new GridRepository(gw.db.em).teamsOf([G1])).get(G1) ?? []).map((w) => w.id),
        }),
      ),
    },
    // ------------------------------------------------------------------ party member writes
    {
      op: 'Mutation.createPartyMember',
      action: 'member.write',
      place: 'c1',
      roles: ADMINS,
      run: mutation(
        'createPartyMember',
        '$idempotencyKey: String!, $code: String!, $input: NewPartyMemberInput!',
        () => ({
          idempotencyKey: next('matrix-create'),
          code: next('mx'),
          input: { name: '矩阵', category: 'ordinary', branch: PC1, community: C1 },
        }),
      ),
    },
    {
      op: 'Mutation.updatePartyMember',
      action: 'member.write',
      place: 'mA',
      roles: ADMINS,
      run: mutation(
        'updatePartyMember',
        '$idempotencyKey: String!, $code: String!, $input: PartyMemberFieldsInput!',
        () => ({
          idempotencyKey: next('matrix-update'),
          code: o.memberA.code,
          input: { workUnit: next('单位') },
        }),
      ),
      missing: mutation(
        'updatePartyMember',
        '$idempotencyKey: String!, $code: String!, $input: PartyMemberFieldsInput!',
        () => ({
          idempotencyKey: next('matrix-update'),
          code: 'no-such-member',
          input: { workUnit: '单位' },
        }),
      ),
    },
    {
      op: 'Mutation.movePartyMember',
      action: 'member.write',
      place: 'mA2',
      roles: ADMINS,
      run: mutation(
        'movePartyMember',
        '$idempotencyKey: String!, $code: String!, $to: MemberPlaceInput!',
        () => ({
          idempotencyKey: next('matrix-move'),
          code: o.memberA2.code,
          to: { branch: o.memberA2.branch },
        }),
      ),
    },
    {
      op: 'Mutation.retirePartyMember',
      action: 'member.write',
      place: 'c1',
      roles: ADMINS,
      run: mutation('retirePartyMember', '$idempotencyKey: String!, $code: String!', async () => ({
        idempotencyKey: next('matrix-retire'),
        code: await fresh('retire', async () => {
          const code = next('mretire');
          await new PointsMemberRepository(gw.db.em).saveMembers([
            {
              code,
              name: '注销',
              branch: PC1,
              community: C1,
              categories: [{ category: 'ordinary', from: '2020-01-01' }],
            },
          ]);
          return code;
        }),
      })),
    },
    {
      op: 'Query.staffingPreview',
      action: 'grid.read',
      place: 'c1',
      roles: STAFF,
      run: root('staffingPreview', () => `(community: "${C1}")`, '{ communityCode }'),
    },
    {
      op: 'Query.partyGroupShortfalls',
      action: 'grid.read',
      place: 'c1',
      roles: STAFF,
      run: root('partyGroupShortfalls', () => `(scope: "${C1}")`, '{ gridCode }'),
    },
    {
      op: 'Query.missingJointMeetings',
      action: 'grid.read',
      place: 'c1',
      roles: STAFF,
      run: root('missingJointMeetings', () => `(from: "2026-01-01", scope: "${C1}")`, '{ held }'),
    },
    // ------------------------------------------------------------------ resident requests
    ...(
      [
        ['county', COUNTY, { streetCodes: [STREET] }],
        ['c1', C1, { communityCodes: [C1] }],
        ['g1', G1, { gridCodes: [G1] }],
        // A party scope: the community its organisation leads.
        ['Pc1', PC1, { communityCodes: [C1] }],
        // A party node that leads no part of the administrative tree: no requests at all.
        ['unitNode', UNIT_NODE, {}],
      ] as const
    ).map(
      ([place, scope, filter]): Case => ({
        // The list holds exactly the scope's requests: as many as the store has there, none elsewhere.
        op: 'Query.residentRequests',
        action: 'request.read',
        place,
        roles: STAFF,
        run: async (c) => {
          const stored = await new ResidentRequestRepository(gw.db.em).list(filter, {
            limit: 100,
            offset: 0,
          });
          const r = await call(
            c,
            `{ residentRequests(scope: "${scope}", first: 100) { totalCount edges { node { id } } } }`,
          );
          return answerOf(r, 'residentRequests', (v) => {
            const list = v as { totalCount: number; edges: { node: { id: string } }[] };
            return (
              list.totalCount === stored.totalCount &&
              JSON.stringify(list.edges.map((e) => e.node.id)) ===
                JSON.stringify(stored.items.map((i) => i.request.id))
            );
          });
        },
      }),
    ),
    {
      // A request of a grid a re-partition retired: its community's callers see it, the grid's do not.
      op: 'Query.residentRequest',
      action: 'request.read',
      place: 'c1',
      roles: STAFF,
      run: async (c) =>
        answerOf(await call(c, `{ residentRequest(id: "${retired}") { id } }`), 'residentRequest'),
    },
    {
      op: 'Query.overdueRequests',
      action: 'request.read',
      place: 'c1',
      roles: STAFF,
      run: root('overdueRequests', () => `(scope: "${C1}")`, '{ totalCount }'),
    },
    {
      op: 'Query.residentRequest',
      action: 'request.read',
      place: 'g1',
      roles: STAFF,
      run: async (c) =>
        answerOf(await call(c, `{ residentRequest(id: "${readable}") { id } }`), 'residentRequest'),
      missing: async (c) =>
        answerOf(await call(c, `{ residentRequest(id: "${readable}0") { id } }`), 'residentRequest'),
    },
    {
      op: 'ResidentRequest.grid',
      action: 'request.read',
      place: 'g1',
      roles: STAFF,
      root: { roles: STAFF, place: 'g1' },
      run: async (c) =>
        edge(
          `residentRequest(id: "${readable}") { grid { code } }`,
          'residentRequest',
          (v) => v['grid'] !== null,
        )(c),
    },
    {
      op: 'ResidentRequest.trail',
      action: 'request.read',
      place: 'g1',
      roles: STAFF,
      root: { roles: STAFF, place: 'g1' },
      run: async (c) =>
        edge(
          `residentRequest(id: "${readable}") { trail { action } }`,
          'residentRequest',
          (v) => (v['trail'] as unknown[]).length > 0,
        )(c),
    },
    {
      // Masking: the reporter in full only for the roles that may see personal data, in scope.
      op: 'ResidentRequest.reporter',
      action: 'personal.read',
      place: 'g1',
      roles: ADMINS,
      root: { roles: STAFF, place: 'g1' },
      run: async (c) =>
        edge(`residentRequest(id: "${readable}") { reporter { name phone } }`, 'residentRequest', (v) => {
          const r = v['reporter'] as { name: string; phone: string };
          const full = r.name === '王小明' && r.phone === '13912345678';
          const masked = r.name !== '王小明' && r.phone !== '13912345678' && r.phone.includes('*');
          if (full === masked) throw new Error(`reporter neither in full nor masked: ${JSON.stringify(r)}`);
          return full;
        })(c),
    },
    {
      op: 'Mutation.reportResidentRequest',
      action: 'request.report',
      place: 'g1',
      roles: STAFF,
      run: mutation('reportResidentRequest', '$input: ReportResidentRequestInput!', () => ({
        input: { id: next('R-matrix-report'), type: 'dispute', location: { grid: G1 }, summary: '报事' },
      })),
    },
    ...requestSteps(),
    {
      op: 'Mutation.escalateOverdueRequests',
      action: 'request.escalate',
      place: 'c1',
      roles: COMMITTEE,
      run: mutation('escalateOverdueRequests', '$scope: String', () => ({ scope: C1 }), '{ examined }'),
    },
    // ------------------------------------------------------------------ members and points
    {
      op: 'Query.partyMember',
      action: 'member.read',
      place: 'mA',
      roles: MEMBER_READERS,
      run: async (c) =>
        answerOf(await call(c, `{ partyMember(code: "${o.memberA.code}") { code } }`), 'partyMember'),
      missing: async (c) =>
        answerOf(await call(c, '{ partyMember(code: "M99999") { code } }'), 'partyMember'),
    },
    {
      // Members of a unit's branch, placed by their community alone and by their grid alone.
      op: 'Query.partyMember',
      action: 'member.read',
      place: 'mUnitC',
      roles: MEMBER_READERS,
      run: async (c) => answerOf(await call(c, '{ partyMember(code: "M-unit-1") { code } }'), 'partyMember'),
    },
    {
      op: 'Query.partyMember',
      action: 'member.read',
      place: 'mUnitG',
      roles: MEMBER_READERS,
      run: async (c) => answerOf(await call(c, '{ partyMember(code: "M-unit-2") { code } }'), 'partyMember'),
    },
    {
      // A member sees only themselves, not a member of their own branch.
      op: 'Query.partyMember',
      action: 'member.read',
      place: 'mA2',
      roles: MEMBER_READERS,
      run: async (c) =>
        answerOf(await call(c, `{ partyMember(code: "${o.memberA2.code}") { code } }`), 'partyMember'),
    },
    {
      op: 'PartyMember.residentId',
      action: 'personal.read',
      place: 'mA',
      roles: ADMINS,
      root: { roles: MEMBER_READERS, place: 'mA' },
      run: async (c) =>
        edge(
          `partyMember(code: "${o.memberA.code}") { residentId mobile personalDataMasked }`,
          'partyMember',
          (v) => {
            const masked = v['personalDataMasked'] === true;
            const hidden = String(v['residentId']).includes('*') && String(v['mobile']).includes('*');
            if (masked !== hidden)
              throw new Error(`personalDataMasked does not say what is shown: ${JSON.stringify(v)}`);
            return !masked;
          },
        )(c),
    },
    ...(
      [
        [
          'pointEntries',
          '{ pointEntries(year: 2025) { totalCount } }',
          (v: Record<string, unknown>) => (v['pointEntries'] as { totalCount: number }).totalCount > 0,
        ],
        [
          'explanation',
          '{ explanation(year: 2025) { total } }',
          (v: Record<string, unknown>) => v['explanation'] !== null,
        ],
      ] as const
    ).map(
      ([field, selection, reached]): Case => ({
        op: `PartyMember.${field}`,
        action: 'member.read',
        place: 'mA',
        roles: MEMBER_READERS,
        root: { roles: MEMBER_READERS, place: 'mA' },
        run: async (c) =>
          edge(`partyMember(code: "${o.memberA.code}") ${selection}`, 'partyMember', reached)(c),
      }),
    ),
    {
      op: 'Query.partyMembers',
      action: 'points.read',
      place: 'c1',
      roles: POINTS_READERS,
      run: root('partyMembers', () => `(scope: "${C1}")`, '{ totalCount }'),
    },
    {
      op: 'Query.pointEntry',
      action: 'member.read',
      place: 'mA',
      roles: MEMBER_READERS,
      run: async (c) => answerOf(await call(c, `{ pointEntry(key: "${o.entryA}") { key } }`), 'pointEntry'),
      missing: async (c) =>
        answerOf(await call(c, `{ pointEntry(key: "${o.entryA}x") { key } }`), 'pointEntry'),
    },
    {
      op: 'PointEntry.member',
      action: 'member.read',
      place: 'mA',
      roles: MEMBER_READERS,
      root: { roles: MEMBER_READERS, place: 'mA' },
      run: async (c) =>
        edge(
          `pointEntry(key: "${o.entryA}") { member { code } }`,
          'pointEntry',
          (v) => v['member'] !== null,
        )(c),
    },
    ...(
      [
        ['pointsReviewQueue', `(scope: "${C1}")`, '{ totalCount }'],
        ['pointsYearLocks', `(scope: "${C1}", year: 2025)`, '{ key }'],
        ['pointsRankings', `(scope: "${C1}", year: 2025)`, '{ size }'],
        ['pointsRating', `(scope: "${C1}", year: 2025)`, '{ bandCounts { band } }'],
        ['pointsPeriodTotals', `(scope: "${C1}", year: 2025, quarter: 4)`, '{ member }'],
        ['inServiceFeedback', `(community: "${C1}", year: 2025)`, '{ community }'],
        ['coBuildingAssessment', `(scope: "${C1}", year: 2025)`, '{ year }'],
      ] as const
    ).map(
      ([field, args, selection]): Case => ({
        op: `Query.${field}`,
        action: 'points.read',
        place: 'c1',
        roles: POINTS_READERS,
        run: root(field, () => args, selection),
      }),
    ),
    ...orgLifeCases(),
    {
      op: 'Query.pointsWhatIf',
      action: 'points.what_if',
      place: 'c1',
      roles: COMMITTEE,
      run: async (c) =>
        answerOf(
          await call(
            c,
            'query($draft: JSONObject!) { pointsWhatIf(scope: "330102001001", year: 2025, draft: $draft) { year } }',
            {
              draft: DRAFT,
            },
          ),
          'pointsWhatIf',
        ),
    },
    {
      op: 'Mutation.recordPointEntry',
      action: 'points.record',
      place: 'mA',
      roles: ACTORS,
      // grid_duty is recorded by the member or the branch; the committee and the community record other items.
      inScope: {
        county_admin: 'BAD_USER_INPUT:POINTS_RECORDER_NOT_ALLOWED',
        street_admin: 'BAD_USER_INPUT:POINTS_RECORDER_NOT_ALLOWED',
        community_admin: 'BAD_USER_INPUT:POINTS_NOT_DUAL_REGISTERED,POINTS_RECORDER_NOT_ALLOWED',
      },
      run: mutation('recordPointEntry', '$input: RecordPointEntryInput!', () => ({
        input: {
          idempotencyKey: next('matrix-record'),
          member: o.memberA.code,
          item: 'grid_duty',
          date: '2026-11-22',
          quantity: 1,
        },
      })),
      missing: async (c) =>
        answerOf(
          await call(
            c,
            'mutation($input: RecordPointEntryInput!) { recordPointEntry(input: $input) { key } }',
            {
              input: {
                idempotencyKey: next('matrix-record'),
                member: 'M99999',
                item: 'grid_duty',
                date: '2026-11-22',
                quantity: 1,
              },
            },
          ),
          'recordPointEntry',
        ),
    },
    {
      op: 'Mutation.submitPointEntry',
      action: 'points.record',
      place: 'mA',
      roles: ACTORS,
      inScope: {
        county_admin: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
        street_admin: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
        community_admin: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
        branch_secretary: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
      },
      run: async (c) => {
        const entry = await fresh('draft', () => draftOf(o.memberA));
        return spent(
          'draft',
          await mutation('submitPointEntry', '$idempotencyKey: String!, $entry: String!', () => ({
            idempotencyKey: `${entry}/submit`,
            entry,
          }))(c),
        );
      },
    },
    {
      op: 'Mutation.reviewPointEntry',
      action: 'points.record',
      place: 'mA',
      roles: ACTORS,
      inScope: {
        county_admin: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
        street_admin: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
        community_admin: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
        member: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
      },
      run: async (c) => {
        const entry = await fresh('submitted', () => submittedOf(o.memberA));
        return spent(
          'submitted',
          await mutation('reviewPointEntry', '$input: ReviewPointEntryInput!', () => ({
            input: { idempotencyKey: next(`${entry}/review`), entry, decision: 'approve' },
          }))(c),
        );
      },
      missing: async (c) =>
        answerOf(
          await call(
            c,
            'mutation($input: ReviewPointEntryInput!) { reviewPointEntry(input: $input) { key } }',
            {
              input: { idempotencyKey: next('matrix/review'), entry: 'matrix/0000', decision: 'approve' },
            },
          ),
          'reviewPointEntry',
        ),
    },
    {
      op: 'Mutation.reversePointEntry',
      action: 'points.record',
      place: 'mA',
      roles: ACTORS,
      inScope: {
        community_admin: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
        member: 'BAD_USER_INPUT:POINTS_ROLE_NOT_ALLOWED',
      },
      run: async (c) => {
        const entry = await fresh('approved', () => approvedOf(o.memberA));
        return spent(
          'approved',
          await mutation(
            'reversePointEntry',
            '$idempotencyKey: String!, $entry: String!, $reason: String!',
            () => ({
              idempotencyKey: next(`${entry}/reverse`),
              entry,
              reason: '重复记录',
            }),
          )(c),
        );
      },
    },
    ...(
      [
        ['Pc1', PC1],
        // A unit's branch, no node of the trees: audited by whoever covers every one of its members.
        ['unitBranch', UNIT_BRANCH],
        // A branch with no node and no member: nobody's.
        ['nowhere', 'P-nowhere'],
      ] as const
    ).map(
      ([place, branch]): Case => ({
        op: 'Mutation.auditPointsYear',
        action: 'points.audit',
        place,
        roles: COMMITTEE,
        // One key and one past year per caller: a second call is the same audit again, a duplicate.
        run: async (c) =>
          mutation(
            'auditPointsYear',
            '$idempotencyKey: String!, $branch: String!, $year: Int!',
            () => ({
              idempotencyKey: `matrix-audit/${branch}/${c?.name ?? 'public'}`,
              branch,
              year: 2001 + (c === undefined ? -1 : callers.indexOf(c)),
            }),
            '{ audited }',
          )(c),
      }),
    ),
    // Stationed units 驻区单位 and their registered members: read as org.read, written as cobuilding.write on the unit's community.
    {
      op: 'Query.stationedUnits',
      action: 'org.read',
      place: 'c1',
      roles: ALL,
      run: root('stationedUnits', () => `(community: "${C1}")`, '{ code }'),
    },
    {
      op: 'Query.unitMembers',
      action: 'org.read',
      place: 'c1',
      roles: ALL,
      run: async (c) => {
        const unit = await fresh('stationed-unit', stationedUnitUnderC1);
        return root('unitMembers', () => `(unit: "${unit}")`, '{ member }')(c);
      },
      missing: async (c) =>
        answerOf(await call(c, '{ unitMembers(unit: "no-such-unit") { member } }'), 'unitMembers'),
    },
    {
      op: 'Mutation.saveStationedUnit',
      action: 'cobuilding.write',
      place: 'c1',
      roles: COMMITTEE,
      run: mutation(
        'saveStationedUnit',
        '$input: StationedUnitInput!',
        () => ({
          input: {
            code: next('su'),
            name: '矩阵单位',
            kind: 'institution',
            community: C1,
            branch: o.memberA.branch,
          },
        }),
        '{ outcome }',
      ),
    },
    {
      op: 'Mutation.retireStationedUnit',
      action: 'cobuilding.write',
      place: 'c1',
      roles: COMMITTEE,
      run: async (c) => {
        const unit = await fresh('retired-unit', stationedUnitUnderC1);
        return spent(
          'retired-unit',
          await mutation('retireStationedUnit', '$code: String!', () => ({ code: unit }), '{ code }')(c),
        );
      },
      missing: mutation(
        'retireStationedUnit',
        '$code: String!',
        () => ({ code: 'no-such-unit' }),
        '{ code }',
      ),
    },
    {
      op: 'Mutation.saveUnitMember',
      action: 'cobuilding.write',
      place: 'c1',
      roles: COMMITTEE,
      run: async (c) => {
        const unit = await fresh('stationed-unit', stationedUnitUnderC1);
        return mutation(
          'saveUnitMember',
          '$member: String!, $unit: String!',
          () => ({ member: o.memberA.code, unit }),
          '{ outcome }',
        )(c);
      },
    },
    {
      op: 'Mutation.retireUnitMember',
      action: 'cobuilding.write',
      place: 'c1',
      roles: COMMITTEE,
      run: async (c) => {
        const member = await fresh('registration', async () => {
          const unit = await fresh('stationed-unit', stationedUnitUnderC1);
          await new StationedUnitRepository(gw.db.em).saveUnitMember({
            member: o.memberA2.code,
            unit,
            community: null,
          });
          return o.memberA2.code;
        });
        return spent(
          'registration',
          await mutation('retireUnitMember', '$member: String!', () => ({ member }), '{ member }')(c),
        );
      },
      missing: mutation(
        'retireUnitMember',
        '$member: String!',
        () => ({ member: 'no-such-member' }),
        '{ member }',
      ),
    },
    {
      op: 'Mutation.registerCoBuildingUnits',
      action: 'cobuilding.write',
      place: 'c1',
      roles: COMMITTEE,
      run: mutation(
        'registerCoBuildingUnits',
        '$scope: String!, $year: Int!, $units: [CoBuildingUnitInput!]!',
        () => ({
          scope: C1,
          year: 2025,
          units: [{ code: next('matrix-unit') }],
        }),
        '',
      ),
    },
    {
      op: 'Mutation.addCoBuildingCommitments',
      action: 'cobuilding.write',
      place: 'c1',
      roles: COMMITTEE,
      run: async (c) => {
        const unit = await fresh('unit', unitUnderC1);
        return mutation(
          'addCoBuildingCommitments',
          '$scope: String!, $year: Int!, $commitments: [CoBuildingCommitmentInput!]!',
          () => ({
            scope: C1,
            year: 2025,
            commitments: [{ unit, code: next('c'), text: '共建承诺' }],
          }),
          '',
        )(c);
      },
    },
    {
      op: 'Mutation.recordCoBuildingEvaluations',
      action: 'cobuilding.write',
      place: 'c1',
      roles: COMMITTEE,
      run: async (c) => {
        const unit = await fresh('unit', unitUnderC1);
        return mutation(
          'recordCoBuildingEvaluations',
          '$scope: String!, $year: Int!, $evaluations: [CoBuildingEvaluationInput!]!',
          () => ({
            scope: C1,
            year: 2025,
            evaluations: [
              {
                unit,
                commitment: 'c1',
                round: 1,
                raterGroup: 'joint_meeting_units',
                rater: next('rater'),
                score: 80,
              },
            ],
          }),
          '',
        )(c);
      },
    },
    // ------------------------------------------------------------------ consultation
    {
      op: 'Query.consultation',
      action: 'consultation.read',
      place: 'gang',
      roles: ALL,
      run: async (c) =>
        answerOf(await call(c, `{ consultation(id: "${o.consultationG}") { id } }`), 'consultation'),
      missing: async (c) =>
        answerOf(await call(c, `{ consultation(id: "${o.consultationG}-0") { id } }`), 'consultation'),
    },
    {
      op: 'Query.topicOrigination',
      action: 'consultation.read',
      place: 'gang',
      roles: ALL,
      run: async (c) =>
        answerOf(
          await call(c, `{ topicOrigination(topicId: "${o.topicG}") { status } }`),
          'topicOrigination',
        ),
      missing: async (c) =>
        answerOf(
          await call(c, `{ topicOrigination(topicId: "${o.topicG}-0") { status } }`),
          'topicOrigination',
        ),
    },
    ...(
      [
        ['consultations', `(scope: "${GANG}")`, '{ totalCount }'],
        ['topicOriginations', `(scope: "${GANG}")`, '{ totalCount }'],
        ['consultationActivity', `(scope: "${GANG}")`, '{ totalCount }'],
        ['liaisonGroup', `(township: "${GANG}")`, '{ township }'],
        ['liaisonGroups', `(scope: "${GANG}")`, '{ totalCount }'],
        ['consultationCompliance', `(township: "${GANG}", year: 2025)`, '{ township }'],
        ['minutesFilingCounts', `(scope: "${GANG}")`, '{ township }'],
      ] as const
    ).map(
      ([field, args, selection]): Case => ({
        op: `Query.${field}`,
        action: 'consultation.read',
        place: 'gang',
        roles: ALL,
        run: root(field, () => args, selection),
      }),
    ),
    {
      op: 'Query.proposeConsultationGroup',
      action: 'consultation.read',
      place: 'gang',
      roles: ALL,
      run: async (c) =>
        answerOf(
          await call(
            c,
            `query($invited: [InvitedCandidateInput!]!) { proposeConsultationGroup(topicId: "${o.topicG}", invited: $invited) { __typename } }`,
            {
              invited: [
                { id: 'I1', name: '钱经理', category: 'enterprise_institution_head' },
                { id: 'I2', name: '孙大爷', category: 'respected_resident' },
                { id: 'I3', name: '周代表', category: 'peoples_congress_deputy' },
              ],
            },
          ),
          'proposeConsultationGroup',
        ),
    },
    ...(
      [
        [
          'Consultation.liaisonGroup',
          `consultation(id: "${'$G'}") { liaisonGroup { township } }`,
          'consultation',
          'liaisonGroup',
        ],
        [
          'LiaisonGroup.consultations',
          `liaisonGroup(township: "${GANG}") { consultations { id } }`,
          'liaisonGroup',
          'consultations',
        ],
        [
          'LiaisonGroup.members',
          `liaisonGroup(township: "${GANG}") { members { county } }`,
          'liaisonGroup',
          'members',
        ],
        [
          'LiaisonGroup.filings',
          `liaisonGroup(township: "${GANG}") { filings { township } }`,
          'liaisonGroup',
          'filings',
        ],
      ] as const
    ).map(
      ([op, query, rootField, field]): Case => ({
        op,
        action: 'consultation.read',
        place: 'gang',
        roles: ALL,
        root: { roles: ALL, place: 'gang' },
        run: async (c) =>
          edge(query.replace('$G', o.consultationG), rootField, (v) => {
            const value = v[field];
            return value !== null && (!Array.isArray(value) || value.length > 0);
          })(c),
      }),
    ),
    {
      op: 'Mutation.originateConsultationTopic',
      action: 'consultation.act',
      place: 'gang',
      roles: ACTORS,
      // The liaison group solicits opinions: a township office may act as it, a member may not.
      inScope: { branch_secretary: 'FORBIDDEN', member: 'FORBIDDEN', community_admin: 'FORBIDDEN' },
      run: mutation('originateConsultationTopic', '$input: OriginateTopicInput!', () => ({
        input: {
          topicId: next('G-matrix'),
          township: GANG,
          path: 'liaison_group_led',
          step: { step: 'opinions_solicited', opinionsReceived: 3 },
          on: TODAY,
        },
      })),
    },
    ...consultationActs(),
    {
      op: 'Mutation.fileVillageMinutes',
      action: 'consultation.act',
      place: 'gangVillage',
      roles: ACTORS,
      inScope: { branch_secretary: 'FORBIDDEN', member: 'FORBIDDEN' },
      run: mutation('fileVillageMinutes', '$input: FileMinutesInput!', () => ({
        input: {
          id: next('GX-matrix'),
          village: GANG_VILLAGE,
          meetingOn: '2026-11-10',
          topic: '村道维修',
          on: TODAY,
        },
      })),
    },
    {
      op: 'Mutation.issueRoutineDecision',
      action: 'consultation.act',
      place: 'gang',
      roles: ACTORS,
      inScope: { branch_secretary: 'FORBIDDEN', member: 'FORBIDDEN', community_admin: 'FORBIDDEN' },
      run: mutation('issueRoutineDecision', '$input: IssueDecisionInput!', () => ({
        input: { id: next('G-notice'), township: GANG, itemKind: 'office_notice', title: '通知', on: TODAY },
      })),
    },
    // ------------------------------------------------------------------ Open311
    {
      op: 'Open311 GET /open311/v2/requests.json',
      action: 'request.read',
      place: 'own',
      roles: STAFF,
      run: async (c) => {
        // Exactly the open requests of the key's area reported in GeoReport v2's 90-day window
        // (the longest one call may ask for), as the store holds them.
        const res = await open311('GET', `/open311/v2/requests.json?status=open&${WINDOW}`, c);
        if (res.statusCode !== 200) return refusalOf311(res);
        const listed = (res.json() as { service_request_id: string }[])
          .map((i) => i.service_request_id)
          .sort();
        const area = AREAS[c!.name];
        const stored =
          area === undefined
            ? []
            : (
                await new ResidentRequestRepository(gw.db.em).list(
                  {
                    ...area,
                    statuses: ['reported', 'assigned', 'in_progress'],
                    reportedFrom: WINDOW_FROM as Instant,
                    reportedTo: WINDOW_TO as Instant,
                  },
                  { limit: 1000, offset: 0 },
                )
              ).items
                .map((s) => s.request.id)
                .sort();
        return { outcome: JSON.stringify(listed) === JSON.stringify(stored) ? 'ok' : 'leaked' };
      },
    },
    {
      op: 'Open311 GET /open311/v2/requests.json?service_request_id',
      action: 'request.read',
      place: 'g1',
      roles: STAFF,
      root: { roles: STAFF, place: 'none' },
      run: async (c) => {
        const res = await open311('GET', `/open311/v2/requests.json?service_request_id=${readable}`, c);
        if (res.statusCode !== 200) return refusalOf311(res);
        return { outcome: (res.json() as unknown[]).length === 1 ? 'ok' : 'hidden' };
      },
    },
    {
      op: 'Open311 GET /open311/v2/requests/{id}.json',
      action: 'request.read',
      place: 'g1',
      roles: STAFF,
      run: async (c) => {
        const res = await open311('GET', `/open311/v2/requests/${readable}.json`, c);
        return res.statusCode === 200 ? { outcome: 'ok' } : refusalOf311(res);
      },
      missing: async (c) => refusalOf311(await open311('GET', `/open311/v2/requests/${readable}0.json`, c)),
    },
    {
      op: 'Open311 POST /open311/v2/requests.json',
      action: 'request.report',
      place: 'g1',
      roles: STAFF,
      run: async (c) => {
        const res = await open311('POST', '/open311/v2/requests.json', c, {
          service_code: 'dispute',
          lat: o.pointA.lat,
          long: o.pointA.long,
          description: '报事',
        });
        return res.statusCode === 201 ? { outcome: 'ok' } : refusalOf311(res);
      },
      // A position in no grid (far from every one, whose nearest the domain would name).
      missing: async (c) =>
        refusalOf311(
          await open311('POST', '/open311/v2/requests.json', c, {
            service_code: 'dispute',
            lat: 0,
            long: 0,
            description: '报事',
          }),
        ),
    },
  ];

  function requestSteps(): Case[] {
    const step = (
      field: string,
      kind: string,
      steps: readonly ('assign' | 'start' | 'resolve')[],
      extra: Record<string, unknown>,
      inScope: Partial<Record<Role, Outcome>>,
    ): Case => ({
      op: `Mutation.${field}`,
      action: 'request.act',
      place: 'g1',
      roles: STAFF,
      inScope,
      run: async (c) => {
        const id = await fresh(kind, () => request(steps));
        const args = ['$id: String!', ...Object.keys(extra).map((k) => `$${k}: String!`)].join(', ');
        return spent(kind, await mutation(field, args, () => ({ id, ...extra }), '{ status }')(c));
      },
      missing: async (c) =>
        mutation(
          field,
          ['$id: String!', ...Object.keys(extra).map((k) => `$${k}: String!`)].join(', '),
          () => ({ id: 'R-0000', ...extra }),
          '{ status }',
        )(c),
    });
    const roleRefused = 'BAD_USER_INPUT:REQUEST_ROLE_NOT_ALLOWED';
    return [
      step(
        'assignResidentRequest',
        'reported',
        [],
        { assigneeId: o.workerA },
        { branch_secretary: roleRefused },
      ),
      step('startResidentRequest', 'assigned', ['assign'], {}, { branch_secretary: roleRefused }),
      step(
        'resolveResidentRequest',
        'in_progress',
        ['assign', 'start'],
        {},
        { branch_secretary: roleRefused },
      ),
      step(
        'reopenResidentRequest',
        'resolved',
        ['assign', 'start', 'resolve'],
        { reason: '未解决' },
        { grid_worker: roleRefused },
      ),
      step(
        'closeResidentRequest',
        'resolved',
        ['assign', 'start', 'resolve'],
        {},
        { grid_worker: roleRefused },
      ),
      step(
        'rejectResidentRequest',
        'reported',
        [],
        { reason: '不属受理范围' },
        {
          grid_worker: roleRefused,
          branch_secretary: roleRefused,
        },
      ),
      step(
        'markResidentRequestDuplicate',
        'reported',
        [],
        { duplicateOf: 'ORIGINAL' },
        { branch_secretary: roleRefused },
      ),
    ];
  }

  function consultationActs(): Case[] {
    const act = (
      field: string,
      input: string,
      variables: () => Record<string, unknown>,
      inScope: Partial<Record<Role, Outcome>>,
    ): Case => ({
      op: `Mutation.${field}`,
      action: 'consultation.act',
      place: 'gang',
      roles: ACTORS,
      inScope,
      run: mutation(field, `$input: ${input}!`, () => ({ input: variables() })),
    });
    // 岗乡's pilot topic is established and its consultation has reported: past the policy, the
    // consultation rules answer each act on it with their own code.
    const domain = (code: string) => ({ county_admin: code, street_admin: code });
    return [
      act(
        'recordOriginationStep',
        'RecordOriginationStepInput',
        () => ({ topicId: o.topicG, step: { step: 'committee_decided', decision: 'approved' }, on: TODAY }),
        domain('BAD_USER_INPUT:CONSULTATION_ORIGIN_CLOSED'),
      ),
      act(
        'startConsultation',
        'StartConsultationInput',
        () => ({ topicId: o.topicG, invited: [], on: TODAY }),
        domain('BAD_USER_INPUT:CONSULTATION_DUPLICATE_ID'),
      ),
      act(
        'applyConsultationCommand',
        'ConsultationCommandInput',
        () => ({ consultationId: o.consultationG, command: { type: 'advance', to: 'meeting' }, on: TODAY }),
        domain('BAD_USER_INPUT:CONSULTATION_COMPLETED'),
      ),
      act(
        'decideConsultationAdoption',
        'DecideAdoptionInput',
        () => ({ consultationId: o.consultationG, itemId: 'none', decision: 'adopted', on: TODAY }),
        domain('BAD_USER_INPUT:CONSULTATION_UNKNOWN_ITEM'),
      ),
      act(
        'planConsultationImplementation',
        'PlanImplementationInput',
        () => ({
          consultationId: o.consultationG,
          itemId: 'none',
          owner: '镇政府',
          tasks: [{ id: 't1', title: '施工', weight: 1 }],
          on: TODAY,
        }),
        domain('BAD_USER_INPUT:CONSULTATION_UNKNOWN_ITEM'),
      ),
      act(
        'recordConsultationProgress',
        'RecordProgressInput',
        () => ({ consultationId: o.consultationG, itemId: 'none', taskId: 'none', progress: 10, on: TODAY }),
        domain('BAD_USER_INPUT:CONSULTATION_IMPLEMENTATION_NOT_PLANNED'),
      ),
    ];
  }

  /** A GraphQL multipart request (a register upload, dry run) as a caller. */
  async function upload(caller: Caller | undefined, csv: string) {
    const boundary = 'matrix-boundary';
    const field = (name: string, value: string, file = '') =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file}\r\n\r\n${value}\r\n`;
    const operations = JSON.stringify({
      query: 'mutation($file: Upload!) { importRegisters(file: $file, dryRun: true) { applied } }',
      variables: { file: null },
    });
    return gw.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'apollo-require-preflight': 'true',
        'accept-language': 'en',
        ...(caller === undefined ? {} : { authorization: `Bearer ${tokens.get(caller.name)!}` }),
      },
      payload: `${field('operations', operations)}${field('map', '{"0":["variables.file"]}')}${field('0', csv, '; filename="members.csv"')}--${boundary}--\r\n`,
    });
  }

  /** Open311 with the caller's token as its api_key. */
  async function open311(
    method: 'GET' | 'POST',
    url: string,
    caller: Caller | undefined,
    body?: Record<string, unknown>,
  ) {
    const key = caller === undefined ? undefined : tokens.get(caller.name)!;
    if (method === 'GET') {
      const sep = url.includes('?') ? '&' : '?';
      return gw.app.inject({
        method,
        url: key === undefined ? url : `${url}${sep}api_key=${key}`,
        headers: { 'accept-language': 'en' },
      });
    }
    return gw.app.inject({
      method,
      url,
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: JSON.stringify({ ...body, ...(key === undefined ? {} : { api_key: key }) }),
    });
  }
  const OPEN311_CODES: Record<number, string> = {
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
  };
  function refusalOf311(res: { statusCode: number; json(): unknown }): Answer {
    const body = res.json() as { description: string }[];
    return {
      outcome: OPEN311_CODES[res.statusCode] ?? `HTTP ${res.statusCode}`,
      message: body[0]?.description,
    };
  }
  let readable: string;
  let retired: string;
  let all: Case[];
  beforeAll(async () => {
    const orgs = new OrgRepository(gw.db.em);
    const party = (await orgs.loadTree('party'))!;
    await orgs.replaceTree('party', [
      ...party.nodes,
      { code: UNIT_NODE, parentCode: PC1, level: 'branch', name: '区医院党支部' },
    ]);
    await gw.services.reloadOrgTrees();
    const since = [{ category: 'in_service', from: '2020-01-01' }];
    await new PointsMemberRepository(gw.db.em).saveMembers([
      { code: 'M-unit-1', name: '驻区党员甲', branch: UNIT_BRANCH, community: C1, categories: since },
      { code: 'M-unit-2', name: '驻区党员乙', branch: UNIT_BRANCH, grid: G1, categories: since },
    ]);
    retired = await requestIn(gw.db, gw.services, { id: 'R-matrix-retired', grid: G1 });
    await gw.db.em
      .getConnection()
      .execute('update grid_request set grid_code = ? where id = ?', [`${C1}-G99`, retired]);
    readable = await requestIn(gw.db, gw.services, {
      id: 'R-matrix-read',
      grid: G1,
      steps: ['assign'],
      assignee: o.workerA,
      contact: { name: '王小明', phone: '13912345678' },
    });
    await requestIn(gw.db, gw.services, { id: 'ORIGINAL', grid: G1 });
    all = cases();
  }, 120_000);

  /** Every case as a caller (or the public): those that did not answer as the table says. */
  async function mismatches(caller: Caller | undefined, options: RunOptions = {}): Promise<Mismatch[]> {
    const wrong: Mismatch[] = [];
    for (const c of ordered(options.focus)) {
      if (options.quick !== undefined && !options.quick.has(c)) continue;
      const got = await c.run(caller);
      const want = expected(c, caller);
      if (got.outcome !== want) {
        wrong.push({
          op: c.op,
          place: c.place,
          caller: caller?.name ?? 'public',
          got: got.outcome,
          expected: want,
          message: got.message,
        });
        if (options.first) break;
      }
    }
    return wrong;
  }

  const ordered = (focus: string | undefined) =>
    focus === undefined
      ? all
      : [...all].sort((a, b) => Number(b.action === focus) - Number(a.action === focus));

  /** Outside the scope, the answer is exactly that of an object that does not exist. */
  async function probes(options: RunOptions = {}): Promise<{ probed: number; wrong: Mismatch[] }> {
    let probed = 0;
    const wrong: Mismatch[] = [];
    for (const c of ordered(options.focus)) {
      if (c.missing === undefined) continue;
      for (const caller of callers) {
        if (expected(c, caller) !== 'NOT_FOUND') continue;
        const [out, none] = [await c.run(caller), await c.missing(caller)];
        // The same words but the object's id, which the caller named.
        const words = (a: Answer) => a.message?.split(' ').slice(0, -1).join(' ');
        probed++;
        if (out.outcome !== none.outcome || words(out) !== words(none)) {
          wrong.push({
            op: c.op,
            place: c.place,
            caller: caller.name,
            got: `${out.outcome} ${out.message}`,
            expected: `${none.outcome} ${none.message}`,
          });
          if (options.first) return { probed, wrong };
        }
      }
    }
    return { probed, wrong };
  }

  /**
   * The CLI's write, `jiceng calendar import`: its operator administers the county the database
   * holds, and sets up a fresh one (no tree yet) as its first county administrator would.
   */
  let cliDir: string | undefined;
  async function cli(): Promise<Mismatch[]> {
    if (cliDir === undefined) {
      cliDir = await mkdtemp(join(tmpdir(), 'jiceng-authz-cli-'));
      await writeFile(join(cliDir, '2027.ics'), ICS);
      for (const [name, tree] of [
        ['fresh', false],
        ['county', true],
      ] as const) {
        const db = await openDatabase({ url: `sqlite:${join(cliDir, `${name}.db`)}` });
        if (tree)
          await new OrgRepository(db.em).replaceTree('administrative', [
            { code: '330102', parentCode: null, level: 'county', name: '参考县' },
          ]);
        await db.close();
      }
    }
    const wrong: Mismatch[] = [];
    for (const name of ['fresh', 'county']) {
      const err: string[] = [];
      const code = await runCli(
        [
          'calendar',
          'import',
          join(cliDir, '2027.ics'),
          '--db',
          `sqlite:${join(cliDir, `${name}.db`)}`,
          '--dry-run',
        ],
        {
          out: () => {},
          err: (l) => err.push(l),
          now: new Date(`${TODAY}T02:00:00Z`),
          env: { JICENG_LOG_LEVEL: 'silent', USER: 'matrix' },
        },
      );
      if (code !== 0) {
        wrong.push({
          op: 'CLI jiceng calendar import',
          place: 'county',
          caller: `operator (${name})`,
          got: `exit ${code}`,
          expected: 'exit 0',
          message: err.join(' '),
        });
      }
    }
    return wrong;
  }

  return {
    get callers() {
      return callers;
    },
    caller: (name) => callers.find((c) => c.name === name)!,
    cases: () => all,
    mismatches,
    probes,
    cli,
    async failures(options = {}) {
      const wrong: Mismatch[] = [];
      if (options.first) {
        // A quick pass first, for every caller: a mutant's own action's cases, or without one the
        // first case of every action and the CLI. Most mutants fail it within a second.
        const quick = new Set(
          options.focus !== undefined
            ? all.filter((c) => c.action === options.focus)
            : [...new Map(all.map((c) => [c.action, c] as const)).values()],
        );
        for (const caller of [undefined, ...callers]) {
          wrong.push(...(await mismatches(caller, { ...options, quick })));
          if (wrong.length > 0) return wrong;
        }
        if (options.focus === undefined) {
          wrong.push(...(await cli()));
          if (wrong.length > 0) return wrong;
        }
      }
      for (const caller of [undefined, ...callers]) {
        wrong.push(...(await mismatches(caller, options)));
        if (options.first && wrong.length > 0) return wrong;
      }
      wrong.push(...(await probes(options)).wrong);
      if (options.first && wrong.length > 0) return wrong;
      wrong.push(...(await cli()));
      if (options.first && wrong.length > 0) return wrong;
      // Last, the policy asked directly (authorisation-policy.ts): what no door can reach.
      wrong.push(
        ...policyFailures().map(({ check, got }) => ({
          op: check.op,
          place: 'policy' as const,
          caller: check.caller,
          got,
          expected: check.expected,
        })),
      );
      return wrong;
    },
  };
}

export interface Mismatch {
  readonly op: string;
  /** Where the call was placed; `policy` for a check that asks the policy directly. */
  readonly place: Place | 'policy';
  readonly caller: string;
  readonly got: Outcome;
  readonly expected: Outcome;
  readonly message?: string | undefined;
}

export interface RunOptions {
  /** Stop at the first mismatch. */
  readonly first?: boolean;
  /** The policy action whose cases run first (a mutant's). */
  readonly focus?: string | undefined;
  /** Only these cases. */
  readonly quick?: ReadonlySet<Case> | undefined;
}

export interface Matrix {
  readonly callers: readonly Caller[];
  caller(name: string): Caller;
  cases(): readonly Case[];
  mismatches(caller: Caller | undefined, options?: RunOptions): Promise<Mismatch[]>;
  probes(options?: RunOptions): Promise<{ probed: number; wrong: Mismatch[] }>;
  cli(): Promise<Mismatch[]>;
  /** Every caller, the public, the probes, the CLI and the policy asked directly. */
  failures(options?: RunOptions): Promise<Mismatch[]>;
}

/**
 * Every root field, every field that leads from one object to another, Open311 and the CLI are
 * cases: the names of what is missing.
 */
export function uncovered(schema: GraphQLSchema, cases: readonly Case[]): string[] {
  const names = new Set(cases.map((c) => c.op));
  const missing: string[] = [];
  for (const type of [schema.getQueryType()!, schema.getMutationType()!]) {
    for (const field of Object.keys(type.getFields())) {
      if (!names.has(`${type.name}.${field}`)) missing.push(`${type.name}.${field}`);
    }
  }
  // Fields that lead from one object to another (the entities callers are scoped on).
  const entities = new Set([
    'OrgNode',
    'Grid',
    'ResidentRequest',
    'PartyMember',
    'PointEntry',
    'Consultation',
    'LiaisonGroup',
  ]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      !isObjectType(type) ||
      type.name.startsWith('__') ||
      type.name === 'Query' ||
      type.name === 'Mutation'
    )
      continue;
    for (const field of Object.values(type.getFields())) {
      const name = `${type.name}.${field.name}`;
      const target = getNamedType(field.type).name.replace(/Connection$/, '');
      if (entities.has(target) && !SAME_OBJECT.has(name) && !names.has(name))
        missing.push(`${name} → ${target}`);
    }
  }
  for (const door of [
    'Open311 GET /open311/v2/requests/{id}.json',
    'Open311 POST /open311/v2/requests.json',
  ]) {
    if (!names.has(door)) missing.push(door);
  }
  return missing;
}

/** Edges of a connection: they lead to the objects the list already answered. */
const SAME_OBJECT: ReadonlySet<string> = new Set([
  'OrgNodeEdge.node',
  'GridEdge.node',
  'ResidentRequestEdge.node',
  'PartyMemberEdge.node',
  'PointEntryEdge.node',
  'ConsultationEdge.node',
  'LiaisonGroupEdge.node',
  'PointEntryResult.entry',
  // A member write answers the member it was authorised on (member.write, before and after).
  'PartyMemberWriteResult.member',
  // The system entries a meeting write appended: of members of the branch the caller recorded for.
  'OrgLifeMeetingResult.points',
]);
