import { buildOrgTree, linkTrees, type OrgRow, type TreeKind, unwrap } from '@jiceng/domain';
import {
  ACTIONS,
  type Action,
  decide,
  type MemberRef,
  type Principal,
  PUBLIC,
  type ResourceOf,
  roleDecision,
} from '@jiceng/gateway';
import type { StatisticsScope } from '@jiceng/persistence';
import { gridScopeOf, type ScopeWorld } from '../src/auth/scope.js';

/**
 * The policy asked directly, below the doors: principals, resources and organisation trees built
 * here by hand, against an explicit table of answers. The doors (authorisation-matrix.ts) cannot
 * reach some answers: personal data is shown only on an object a caller already reached through
 * another action, so `personal.read`'s own row and scope rule sit behind a first lock; and the
 * reference county always has both trees, so what the scope code does with one tree missing never
 * shows. These checks ask those questions anyway, so that removing the second lock or the guard
 * fails. gateway-authorisation-policy.test.ts runs them; so does the matrix's `failures()`, and
 * with it every mutant of scripts/authz-mutants.mjs.
 */

// A street of two communities; each community's party organisation meets its community, and has
// a branch that meets nothing (so a member's branch is placed only through the trees' links).
const ADMINISTRATIVE: OrgRow[] = [
  { code: 'X0', parentCode: null, level: 'county', name: '县' },
  { code: 'XS', parentCode: 'X0', level: 'street', name: '街道' },
  { code: 'XC1', parentCode: 'XS', level: 'community', name: '一社区' },
  { code: 'XC1-G1', parentCode: 'XC1', level: 'grid', name: '一社区一网格' },
  { code: 'XC1-G2', parentCode: 'XC1', level: 'grid', name: '一社区二网格' },
  { code: 'XC2', parentCode: 'XS', level: 'community', name: '二社区' },
  { code: 'XC2-G1', parentCode: 'XC2', level: 'grid', name: '二社区一网格' },
];
const PARTY: OrgRow[] = [
  { code: 'PXS', parentCode: null, level: 'committee', name: '街道党委', counterpart: 'XS' },
  { code: 'PXC1', parentCode: 'PXS', level: 'community_org', name: '一社区党委', counterpart: 'XC1' },
  { code: 'PXC1-B1', parentCode: 'PXC1', level: 'branch', name: '一社区党支部' },
  { code: 'PXC2', parentCode: 'PXS', level: 'community_org', name: '二社区党委', counterpart: 'XC2' },
  { code: 'PXC2-B1', parentCode: 'PXC2', level: 'branch', name: '二社区党支部' },
];

const tree = (kind: TreeKind) =>
  unwrap(buildOrgTree(kind === 'administrative' ? ADMINISTRATIVE : PARTY, { kind }));

/** A world of the given trees; the links exist only when both do, as the gateway's services hold them. */
function worldOf(kinds: readonly TreeKind[]): ScopeWorld {
  const trees = new Map(kinds.map((kind) => [kind, tree(kind)] as const));
  const administrative = trees.get('administrative');
  const party = trees.get('party');
  const links =
    administrative !== undefined && party !== undefined
      ? unwrap(linkTrees(administrative, party))
      : undefined;
  return { orgTree: (kind) => trees.get(kind), treeLinks: () => links };
}

const BOTH = worldOf(['administrative', 'party']);
const ADMINISTRATIVE_ONLY = worldOf(['administrative']);
const PARTY_ONLY = worldOf(['party']);
const NO_TREE = worldOf([]);

const principal = (subject: string, role: Principal['role'], scope: string): Principal => ({
  subject,
  role,
  scope,
});
const CALLERS = {
  county: principal('county', 'county_admin', 'X0'),
  street: principal('street', 'street_admin', 'XS'),
  community1: principal('community1', 'community_admin', 'XC1'),
  community2: principal('community2', 'community_admin', 'XC2'),
  secretary1: principal('secretary1', 'branch_secretary', 'PXC1'),
  worker1: principal('worker1', 'grid_worker', 'XC1-G1'),
  member1: principal('M1', 'member', 'PXC1-B1'),
  unit1: principal('unit-1', 'handling_unit', 'transport'),
  public: PUBLIC,
} as const;
type CallerName = keyof typeof CALLERS;

const member = (code: string, placement: Omit<MemberRef, 'code'>): MemberRef => ({ code, ...placement });
/** Members placed by their branch, community and grid; by their branch alone; by community or grid alone. */
const MEMBERS = {
  m1: member('M1', { branch: 'PXC1-B1', community: 'XC1', grid: 'XC1-G1' }),
  m1Branch: member('M1b', { branch: 'PXC1-B1' }),
  m2: member('M2', { branch: 'PXC2-B1', community: 'XC2', grid: 'XC2-G1' }),
  // A unit's branch (a tax bureau's) is no node of the trees.
  unitByCommunity: member('MU1', { branch: 'P-unit', community: 'XC1' }),
  unitByGrid: member('MU2', { branch: 'P-unit', grid: 'XC1-G2' }),
} as const;

/** What the policy answered: `allowed`, or the refusal; `threw: …` for an exception. */
type Answer = 'allowed' | 'unauthenticated' | 'role' | 'scope' | `threw: ${string}`;

export interface PolicyCheck {
  /** The question, as `function action resource`. */
  readonly op: string;
  readonly caller: string;
  readonly expected: string;
  answer(): string;
}

const attempt = (work: () => string): string => {
  try {
    return work();
  } catch (error) {
    return `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
};

function decision<A extends Action>(
  caller: CallerName,
  action: A,
  resource: ResourceOf<A>,
  what: string,
  expected: Answer,
): PolicyCheck {
  return {
    op: `decide ${action} ${what}`,
    caller,
    expected,
    answer: () =>
      attempt(() => {
        const d = decide(BOTH, CALLERS[caller], action, resource);
        return d.allowed ? 'allowed' : d.refusal;
      }),
  };
}

/** personal.read on a member, for each caller: the roles of the row, then the member's placement. */
function personalReadOf(
  name: keyof typeof MEMBERS,
  answers: Partial<Record<CallerName, Answer>>,
): PolicyCheck[] {
  const everyone: Record<CallerName, Answer> = {
    county: 'allowed',
    street: 'allowed',
    community1: 'scope',
    community2: 'scope',
    // Roles the row does not list: refused before the member is placed.
    secretary1: 'role',
    worker1: 'role',
    member1: 'role',
    unit1: 'role',
    public: 'unauthenticated',
    ...answers,
  };
  return Object.entries(everyone).map(([caller, expected]) =>
    decision(
      caller as CallerName,
      'personal.read',
      { kind: 'member', member: MEMBERS[name] },
      `member ${name}`,
      expected,
    ),
  );
}

function grid(gridCode: string, communityCode: string): ResourceOf<'grid.read'> {
  return { kind: 'grid', gridCode, communityCode };
}

/** The grid data under a node, as a set of streets, communities and grids (an empty one lists nothing). */
function gridScope(world: string, of: ScopeWorld, code: string, expected: StatisticsScope): PolicyCheck {
  const shown = (s: StatisticsScope) =>
    JSON.stringify({
      streets: [...(s.streetCodes ?? [])].sort(),
      communities: [...(s.communityCodes ?? [])].sort(),
      grids: [...(s.gridCodes ?? [])].sort(),
    });
  return {
    op: `gridScopeOf ${code} (${world})`,
    caller: '-',
    expected: shown(expected),
    answer: () => attempt(() => shown(gridScopeOf(of, code))),
  };
}

export const POLICY_CHECKS: readonly PolicyCheck[] = [
  // Deny by default: the public takes no action, and is told to sign in.
  ...ACTIONS.map(
    (action): PolicyCheck => ({
      op: `roleDecision ${action}`,
      caller: 'public',
      expected: 'unauthenticated',
      answer: () =>
        attempt(() => {
          const d = roleDecision(PUBLIC, action);
          return d.allowed ? 'allowed' : d.refusal;
        }),
    }),
  ),
  // personal.read: only the administrators, and only on a member placed within their scope.
  ...personalReadOf('m1', { community1: 'allowed' }),
  ...personalReadOf('m1Branch', { community1: 'allowed' }),
  ...personalReadOf('m2', { community2: 'allowed' }),
  ...personalReadOf('unitByCommunity', { community1: 'allowed' }),
  ...personalReadOf('unitByGrid', { community1: 'allowed' }),
  // personal.read on a request's grid (a retired grid by its community).
  decision('community1', 'personal.read', grid('XC1-G1', 'XC1'), 'grid XC1-G1', 'allowed'),
  decision('community2', 'personal.read', grid('XC1-G1', 'XC1'), 'grid XC1-G1', 'scope'),
  decision('community1', 'personal.read', grid('XC1-G9', 'XC1'), 'retired grid XC1-G9', 'allowed'),
  decision('community2', 'personal.read', grid('XC1-G9', 'XC1'), 'retired grid XC1-G9', 'scope'),
  decision('worker1', 'request.read', grid('XC1-G1', 'XC1'), 'grid XC1-G1', 'allowed'),
  decision('worker1', 'request.read', grid('XC1-G2', 'XC1'), 'grid XC1-G2', 'scope'),
  decision('public', 'personal.read', grid('XC1-G1', 'XC1'), 'grid XC1-G1', 'unauthenticated'),
  // cppcc.office: the CPPCC office is the county's administrator, in the county's scope only.
  ...(Object.keys(CALLERS) as CallerName[]).map((caller) =>
    decision(
      caller,
      'cppcc.office',
      { kind: 'county' },
      'the county',
      caller === 'county' ? 'allowed' : caller === 'public' ? 'unauthenticated' : 'role',
    ),
  ),
  {
    op: 'decide cppcc.office the county',
    caller: 'another county',
    expected: 'scope',
    answer: () =>
      attempt(() => {
        const d = decide(BOTH, principal('other', 'county_admin', 'Y0'), 'cppcc.office', { kind: 'county' });
        return d.allowed ? 'allowed' : d.refusal;
      }),
  },
  // cppcc.member: a member, for themselves (the domain checks the identity they act as).
  ...(Object.keys(CALLERS) as CallerName[]).map((caller) =>
    decision(
      caller,
      'cppcc.member',
      { kind: 'none' },
      'their own proposals',
      caller === 'member1' ? 'allowed' : caller === 'public' ? 'unauthenticated' : 'role',
    ),
  ),
  // cppcc.liaison: a township's liaison group secretary (a street administrator), for the township
  // their scope names (a CPPCC township need not be a node) or a node their scope covers.
  ...(Object.keys(CALLERS) as CallerName[]).map((caller) =>
    decision(
      caller,
      'cppcc.liaison',
      { kind: 'township', township: 'XS' },
      'township XS',
      caller === 'street' ? 'allowed' : caller === 'public' ? 'unauthenticated' : 'role',
    ),
  ),
  decision(
    'street',
    'cppcc.liaison',
    { kind: 'township', township: 'XC1' },
    'a node within the scope',
    'allowed',
  ),
  decision(
    'street',
    'cppcc.liaison',
    { kind: 'township', township: 'T01' },
    'township T01 (no node)',
    'scope',
  ),
  ...(['T01', 'XS', 'XC1'] as const).map(
    (township): PolicyCheck => ({
      op: `decide cppcc.liaison township ${township}`,
      caller: 'secretary of T01',
      expected: township === 'T01' ? 'allowed' : 'scope',
      answer: () =>
        attempt(() => {
          const d = decide(BOTH, principal('lg', 'street_admin', 'T01'), 'cppcc.liaison', {
            kind: 'township',
            township,
          });
          return d.allowed ? 'allowed' : d.refusal;
        }),
    }),
  ),
  // cppcc.unit: a unit handling proposals 承办单位, for the unit its scope names and no other; no
  // other role, whatever its scope (a county administrator's covers no unit).
  ...(Object.keys(CALLERS) as CallerName[]).map((caller) =>
    decision(
      caller,
      'cppcc.unit',
      { kind: 'unit', unit: 'transport' },
      'unit transport',
      caller === 'unit1' ? 'allowed' : caller === 'public' ? 'unauthenticated' : 'role',
    ),
  ),
  decision('unit1', 'cppcc.unit', { kind: 'unit', unit: 'housing' }, 'unit housing (another)', 'scope'),
  decision('unit1', 'cppcc.unit', { kind: 'unit', unit: 'X0' }, 'unit X0 (a node, not a unit)', 'scope'),
  // The grid data a node leads, with both trees stored: a party node by the nodes it meets.
  gridScope('both trees', BOTH, 'XS', { streetCodes: ['XS'] }),
  gridScope('both trees', BOTH, 'XC1-G1', { gridCodes: ['XC1-G1'] }),
  gridScope('both trees', BOTH, 'PXS', { streetCodes: ['XS'] }),
  gridScope('both trees', BOTH, 'PXC1', { communityCodes: ['XC1'] }),
  gridScope('both trees', BOTH, 'PXC1-B1', {}),
  gridScope('both trees', BOTH, 'nowhere', {}),
  // With a tree missing there are no links: a party node leads no grid data, and nothing breaks.
  gridScope('administrative tree only', ADMINISTRATIVE_ONLY, 'XC1', { communityCodes: ['XC1'] }),
  gridScope('administrative tree only', ADMINISTRATIVE_ONLY, 'PXC1', {}),
  gridScope('party tree only', PARTY_ONLY, 'PXC1', {}),
  gridScope('party tree only', PARTY_ONLY, 'XC1', {}),
  gridScope('no tree', NO_TREE, 'XC1', {}),
];

/** The checks that did not answer as the table says. */
export function policyFailures(): { check: PolicyCheck; got: string }[] {
  const wrong: { check: PolicyCheck; got: string }[] = [];
  for (const check of POLICY_CHECKS) {
    const got = check.answer();
    if (got !== check.expected) wrong.push({ check, got });
  }
  return wrong;
}
