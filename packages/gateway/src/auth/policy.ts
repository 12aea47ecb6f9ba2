import {
  type LocalizedText,
  type PartyMember,
  type PointsRole,
  registeredCommunityOn,
  rootOf,
  unreachable,
} from '@jiceng/domain';
import { type Principal, ROLES, type Role } from './principal.js';
import { covers, inTree, type ScopeWorld } from './scope.js';

/**
 * The one authorisation policy of every door (GraphQL, Open311, the `jiceng` CLI): a principal
 * (role and scope) may take an action on a resource when the action's row lists the role and the
 * resource meets the action's scope rule. Written once, as data; docs/graphql.md shows the same
 * table and a test holds the two equal.
 *
 * Deny by default: the public is in no row, a role not listed is refused, and every scope rule
 * refuses what it cannot place within the scope.
 */

/** The signed-in roles (every role but `public`), in the order the tables list them. */
export const SIGNED_IN_ROLES: readonly Exclude<Role, 'public'>[] = ROLES.filter(
  (role): role is Exclude<Role, 'public'> => role !== 'public',
);

/**
 * How an action's resource must relate to the caller's scope:
 *
 * - `none`: nothing to place; the role decides (the rules themselves).
 * - `county`: the county this gateway serves — the caller's scope covers the root of the
 *   administrative tree (until a tree is stored, a fresh installation, any county administrator).
 * - `within`: the resource lies within the scope: a node; a grid (its community once a
 *   re-partition retired it); a member (their branch, community or grid); a branch (the node, or
 *   every one of its members); several (`all`: a record before and after a write, each within).
 * - `member`: a member: a `member` reaches only themselves, every other role as `within`.
 * - `recorder`: a member, as the body the role records as ({@link RECORDER_OF}): themselves, their
 *   branch, the community they are registered at on the day, or (the committee) as `within`.
 * - `township`: a CPPCC township 乡镇 (its liaison group's): the caller's scope is the township's
 *   code, or a node of the trees that covers it.
 * - `unit`: a unit handling CPPCC proposals 承办单位: the caller's scope is the unit's code.
 */
export type ScopeRule = 'none' | 'county' | 'within' | 'member' | 'recorder' | 'township' | 'unit';

export interface ActionRule {
  /** What the action lets one do, for messages and the docs. */
  readonly label: LocalizedText;
  /** The roles that may take it. */
  readonly roles: readonly Role[];
  readonly scope: ScopeRule;
}

/** The policy table: the roles and the scope rule of every action. */
export const POLICY = {
  'org.read': {
    label: { zh: '查看组织节点、其上下级与统计', en: 'see organisation nodes, their edges and statistics' },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_worker', 'member'],
    scope: 'within',
  },
  'org.replace': {
    label: { zh: '替换组织树', en: 'replace an organisation tree' },
    roles: ['county_admin'],
    scope: 'county',
  },
  'profile.read': {
    label: { zh: '查看规则配置与日历', en: 'read rule profiles and the calendar' },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_worker', 'member'],
    scope: 'none',
  },
  'profile.write': {
    label: { zh: '保存规则配置、导入节假日安排', en: 'save rule profiles and import holiday schedules' },
    roles: ['county_admin'],
    scope: 'county',
  },
  'grid.read': {
    label: { zh: '查看网格、楼栋、网格员与网格报表', en: 'see grids, buildings, teams and grid reports' },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_worker'],
    scope: 'within',
  },
  'grid.write': {
    label: {
      zh: '登记楼栋、网格员与网格团队，落实网格员配置，记录联席会议',
      en: 'write buildings, grid workers and teams, apply staffing plans and record joint meetings',
    },
    roles: ['county_admin', 'street_admin', 'community_admin'],
    scope: 'within',
  },
  'grid.partition': {
    label: { zh: '重新划分网格', en: 're-partition a community' },
    roles: ['county_admin', 'street_admin', 'community_admin'],
    scope: 'within',
  },
  'request.read': {
    label: { zh: '查看民情诉求', en: 'see resident requests' },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_worker'],
    scope: 'within',
  },
  'request.report': {
    label: { zh: '登记民情诉求', en: 'report resident requests' },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_worker'],
    scope: 'within',
  },
  'request.act': {
    label: {
      zh: '办理民情诉求（每一步由诉求状态机按角色核准）',
      en: 'act on resident requests (each step as the request state machine allows the role)',
    },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_worker'],
    scope: 'within',
  },
  'request.escalate': {
    label: { zh: '逐级上报逾期诉求', en: 'escalate overdue requests' },
    roles: ['county_admin', 'street_admin'],
    scope: 'within',
  },
  'personal.read': {
    label: {
      zh: '查看完整个人信息（身份证号、手机号）',
      en: 'see personal data in full (ID numbers, phones)',
    },
    roles: ['county_admin', 'street_admin', 'community_admin'],
    scope: 'within',
  },
  'member.read': {
    label: { zh: '查看党员及其积分记录', en: 'see party members and their point entries' },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'member'],
    scope: 'member',
  },
  'member.write': {
    label: {
      zh: '登记、修改、调动与注销党员',
      en: 'create, update, move and retire party members',
    },
    roles: ['county_admin', 'street_admin', 'community_admin'],
    scope: 'within',
  },
  'points.read': {
    label: {
      zh: '查看党员名册、积分汇总、排名与评定',
      en: 'see member lists, point totals, rankings and ratings',
    },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary'],
    scope: 'within',
  },
  'points.what_if': {
    label: { zh: '以规则草案重算往年积分', en: 'score past years under a draft profile' },
    roles: ['county_admin', 'street_admin'],
    scope: 'within',
  },
  'points.record': {
    label: {
      zh: '记录、提交、考评、冲正积分（每一步由积分流程按记录主体核准）',
      en: 'record, submit, review and reverse points (each step as the points workflow allows the recorder)',
    },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'member'],
    scope: 'recorder',
  },
  'points.audit': {
    label: { zh: '党委年终审核', en: 'audit a branch’s year' },
    roles: ['county_admin', 'street_admin'],
    scope: 'within',
  },
  'orglife.read': {
    label: {
      zh: '查看组织生活（三会一课、主题党日）记录、落实情况与书记抓党建纪实',
      en: 'see organisational life records, their compliance and the secretary’s record',
    },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary'],
    scope: 'within',
  },
  'orglife.record': {
    label: {
      zh: '记录、更正、撤销支部的组织生活（三会一课、主题党日）',
      en: 'record, correct and withdraw a branch’s organisational life meetings',
    },
    roles: ['county_admin', 'street_admin', 'branch_secretary'],
    scope: 'within',
  },
  'cadres.assess': {
    label: { zh: '社区干部考核评分', en: 'score community cadres’ assessment' },
    roles: ['county_admin', 'street_admin'],
    scope: 'none',
  },
  'cobuilding.write': {
    label: {
      zh: '登记共驻共建单位、承诺与评议',
      en: 'register co-building units, commitments and evaluations',
    },
    roles: ['county_admin', 'street_admin'],
    scope: 'within',
  },
  'consultation.read': {
    label: {
      zh: '查看协商、议题、联络组与纪要',
      en: 'see consultations, topics, liaison groups and minutes',
    },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_worker', 'member'],
    scope: 'within',
  },
  'consultation.act': {
    label: {
      zh: '办理协商事项（以何种身份由协商规则核准）',
      en: 'act in consultations (as the body the consultation rules allow)',
    },
    roles: ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'member'],
    scope: 'within',
  },
  'cppcc.office': {
    label: {
      zh: '政协办公室工作：提案审查、交办、调整、确定重点提案、代承办单位答复，全县委员履职记录与积分，村事民定，查看全部提案与统计',
      en: 'run the CPPCC office: review, assign, decide reassignments, choose key proposals, enter units’ replies; record and score every member’s duty; village consultations; see every proposal and the statistics',
    },
    roles: ['county_admin'],
    scope: 'county',
  },
  'cppcc.member': {
    label: {
      zh: '政协委员提出、跟踪并评价本人提案，督办本人领衔的重点提案，查看本人履职积分',
      en: 'put, follow and rate one’s own CPPCC proposals, supervise the key proposals one follows, and see one’s own duty score',
    },
    roles: ['member'],
    scope: 'none',
  },
  'cppcc.liaison': {
    label: {
      zh: '乡镇政协联络组秘书：记录本乡镇委员履职，办理本乡镇村事民定',
      en: 'as a township’s CPPCC liaison group secretary: record the duty of its members and run its village consultations',
    },
    roles: ['street_admin'],
    scope: 'township',
  },
  'cppcc.unit': {
    label: {
      zh: '承办单位查看交办给本单位的提案，答复、提出协办意见，申请调整交办',
      en: 'as a unit handling CPPCC proposals: see the proposals assigned to it, reply, give a co-unit’s opinion, ask for reassignment',
    },
    roles: ['handling_unit'],
    scope: 'unit',
  },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof POLICY;

/** Every action, in the order of the table. */
export const ACTIONS = Object.keys(POLICY) as Action[];

/**
 * Which body of the member-points workflow each role records as (`PointsRole`); the domain then
 * decides which steps that body may take. `null`: the role takes no part.
 */
export const RECORDER_OF: { readonly [R in Role]: PointsRole | null } = {
  member: 'self',
  handling_unit: null,
  branch_secretary: 'branch',
  community_admin: 'community',
  street_admin: 'committee',
  county_admin: 'committee',
  grid_worker: null,
  public: null,
};

/** What the policy needs to know of a member: where they belong. */
export type MemberRef = Pick<PartyMember, 'code' | 'branch' | 'community' | 'dualRegistrations'> & {
  readonly grid?: string | undefined;
};

/** The thing an action is taken on. */
export type Resource =
  | { readonly kind: 'none' }
  | { readonly kind: 'county' }
  | { readonly kind: 'node'; readonly code: string }
  | { readonly kind: 'grid'; readonly gridCode: string; readonly communityCode: string }
  | { readonly kind: 'member'; readonly member: MemberRef; readonly on?: string }
  | { readonly kind: 'branch'; readonly branch: string; readonly members: readonly MemberRef[] }
  | { readonly kind: 'township'; readonly township: string }
  | { readonly kind: 'unit'; readonly unit: string }
  /** Several at once, every one within the scope: a record before and after a write moves it. */
  | {
      readonly kind: 'all';
      readonly resources: readonly Exclude<
        Resource,
        { kind: 'none' | 'county' | 'township' | 'unit' | 'all' }
      >[];
    };

type ResourceOfRule = {
  none: { readonly kind: 'none' };
  county: { readonly kind: 'county' };
  within: Exclude<Resource, { kind: 'none' | 'county' | 'township' | 'unit' }>;
  member: Extract<Resource, { kind: 'member' }>;
  recorder: Extract<Resource, { kind: 'member' }> & { readonly on: string };
  township: Extract<Resource, { kind: 'township' }>;
  unit: Extract<Resource, { kind: 'unit' }>;
};

/** The resource an action takes, by its scope rule. */
export type ResourceOf<A extends Action> = ResourceOfRule[(typeof POLICY)[A]['scope']];

/** The actions the role alone decides (scope rule `none`): their resource is `{ kind: 'none' }`. */
export type RoleAction = { [A in Action]: (typeof POLICY)[A]['scope'] extends 'none' ? A : never }[Action];

/** The actions whose resource is placed `within` the scope (an organisation node among them). */
export type WithinAction = {
  [A in Action]: (typeof POLICY)[A]['scope'] extends 'within' ? A : never;
}[Action];

/** Why a call is refused: no token, a role the row does not list, or a resource out of scope. */
export type Refusal = 'unauthenticated' | 'role' | 'scope';

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly refusal: Refusal };

const ALLOWED: Decision = { allowed: true };

/**
 * Whether the role may take the action at all, before any resource is looked at: so a role that
 * may never take it is refused without a read, and learns nothing of what exists.
 *
 * @example
 * roleDecision({ subject: 'm', role: 'member', scope: 'P1' }, 'request.read') // { allowed: false, refusal: 'role' }
 */
export function roleDecision(principal: Principal, action: Action): Decision {
  const roles: readonly Role[] = POLICY[action].roles;
  if (roles.includes(principal.role)) return ALLOWED;
  return { allowed: false, refusal: principal.role === 'public' ? 'unauthenticated' : 'role' };
}

/**
 * The policy's answer for a principal, an action and its resource.
 *
 * @example
 * decide(services, { subject: 'a', role: 'county_admin', scope: '330199' }, 'profile.write', { kind: 'county' })
 * // { allowed: false, refusal: 'scope' } — another county's administrator
 */
export function decide<A extends Action>(
  world: ScopeWorld,
  principal: Principal,
  action: A,
  resource: ResourceOf<A>,
): Decision {
  const role = roleDecision(principal, action);
  if (!role.allowed) return role;
  return inScope(world, principal, POLICY[action].scope, resource as Resource)
    ? ALLOWED
    : { allowed: false, refusal: 'scope' };
}

// The resource's kind is the rule's (`ResourceOf`): the compiler checks every call site.
function inScope(world: ScopeWorld, principal: Principal, rule: ScopeRule, resource: Resource): boolean {
  switch (rule) {
    case 'none':
      return true;
    case 'county':
      return coversCounty(world, principal);
    case 'within':
      return within(world, principal, resource as ResourceOfRule['within']);
    case 'member': {
      const { member } = resource as ResourceOfRule['member'];
      return principal.role === 'member'
        ? principal.subject === member.code
        : memberWithin(world, principal, member);
    }
    case 'recorder': {
      const { member, on } = resource as ResourceOfRule['recorder'];
      return recordsFor(world, principal, member, on);
    }
    case 'township': {
      // A CPPCC township need not be a node of the trees: its secretary's scope names it.
      const { township } = resource as ResourceOfRule['township'];
      return principal.scope === township || covers(world, principal, township);
    }
    case 'unit': {
      // A handling unit is no node of the trees: its scope names it, and nothing else.
      const { unit } = resource as ResourceOfRule['unit'];
      return principal.scope === unit;
    }
    default:
      return unreachable(rule, 'scope rule');
  }
}

/** The caller's scope covers the county: the root of the administrative tree. */
function coversCounty(world: ScopeWorld, principal: Principal): boolean {
  const tree = world.orgTree('administrative');
  // A fresh installation has no county yet: its first county administrator sets it up.
  if (tree === undefined) return true;
  return covers(world, principal, rootOf(tree).code);
}

function within(world: ScopeWorld, principal: Principal, resource: ResourceOfRule['within']): boolean {
  switch (resource.kind) {
    case 'node':
      return covers(world, principal, resource.code);
    case 'grid':
      // A grid a re-partition retired is no longer in the tree: its community holds its data.
      return inTree(world, 'administrative', resource.gridCode)
        ? covers(world, principal, resource.gridCode)
        : covers(world, principal, resource.communityCode);
    case 'member':
      return memberWithin(world, principal, resource.member);
    case 'branch':
      return (
        covers(world, principal, resource.branch) ||
        (resource.members.length > 0 && resource.members.every((m) => memberWithin(world, principal, m)))
      );
    case 'all':
      return resource.resources.length > 0 && resource.resources.every((r) => within(world, principal, r));
    default:
      return unreachable(resource, 'resource');
  }
}

function memberWithin(world: ScopeWorld, principal: Principal, member: MemberRef): boolean {
  return (
    covers(world, principal, member.branch) ||
    (member.community !== undefined && covers(world, principal, member.community)) ||
    (member.grid !== undefined && covers(world, principal, member.grid))
  );
}

function recordsFor(world: ScopeWorld, principal: Principal, member: MemberRef, on: string): boolean {
  const recorder = RECORDER_OF[principal.role];
  switch (recorder) {
    case 'self':
      return principal.subject === member.code;
    case 'branch':
      return covers(world, principal, member.branch);
    case 'community': {
      const community = registeredCommunityOn(member as PartyMember, on) ?? member.community;
      return community !== undefined && covers(world, principal, community);
    }
    case 'committee':
      return memberWithin(world, principal, member);
    case 'system':
    case null:
      // The table lists only roles that record as a body: a row that does not is a bug.
      throw new Error(`${principal.role} records points as no body`);
    default:
      return unreachable(recorder, 'recorder');
  }
}
