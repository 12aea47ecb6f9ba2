import {
  type Issue,
  issue,
  type OrgTree,
  type PointsActor,
  type PointsRole,
  type RuleVersions,
  registeredCommunityOn,
  subtree,
} from '@jiceng/domain';
import type { MemberFilter, StoredMember } from '@jiceng/persistence';
import type { Role } from '../../auth/principal.js';
import { authoriseNode, canSee, treeOf } from '../../auth/scope.js';
import type { GatewayContext } from '../../server/context.js';
import { badInput, forbidden, GatewayError, notFound } from '../../server/errors.js';
import { today } from '../../time.js';
import { requireRole } from '../common.js';
import { InputIssues, TEXT } from '../inputs.js';

export { today };

/**
 * Who may do what with member points 党员积分 over GraphQL.
 *
 * Every member belongs to their own branch (an org code, usually of the party tree) and lives in
 * a residential community (of the administrative tree). A caller sees a member when the member's
 * branch, community or grid lies within the caller's scope (`canSee`); a `member` sees only
 * themselves (the token's subject is their member code); a grid worker and the public see none.
 *
 * Recording and the workflow: each gateway role takes its steps as one recorder of the domain,
 * always for a member it can see:
 *
 * | gateway role                 | domain recorder | `by.id`                                              |
 * | ---------------------------- | --------------- | ---------------------------------------------------- |
 * | member                       | self            | the member's code (only for themselves)              |
 * | branch_secretary             | branch          | the member's branch (which must be in scope)         |
 * | community_admin              | community       | the community the member is registered at that day   |
 * | street_admin, county_admin   | committee       | the caller's scope (the street or county)            |
 * | grid_worker, public          | —               | refused                                              |
 *
 * The domain then decides whether that recorder may take the step (`POINT_ENTRY_TRANSITIONS`,
 * the item's `recordedBy`): a branch secretary approves, a member submits, the committee audits
 * and reverses after the lock. The `system` recorder is left to integrations and the seeder.
 * Every step is dated today in China: a client cannot backdate one.
 */
export const RECORDER_OF: { readonly [R in Role]: PointsRole | null } = {
  member: 'self',
  branch_secretary: 'branch',
  community_admin: 'community',
  street_admin: 'committee',
  county_admin: 'committee',
  grid_worker: null,
  public: null,
};

/** Roles that read members and their points (a `member` only their own). */
const READERS: readonly Role[] = [
  'county_admin',
  'street_admin',
  'community_admin',
  'branch_secretary',
  'member',
];
/** Roles that read whole branches' and communities' points: rankings, ratings, reports. */
export const SCOPE_READERS: readonly Role[] = [
  'county_admin',
  'street_admin',
  'community_admin',
  'branch_secretary',
];
/** Roles that try draft rule profiles on past years. */
export const WHAT_IF_ROLES: readonly Role[] = ['county_admin', 'street_admin'];
/** Roles that run co-building 共驻共建 (the street party committee's office). */
export const COBUILDING_ROLES: readonly Role[] = ['county_admin', 'street_admin'];

/** Whether the caller may see a member: their branch, community or grid is in scope. */
export function canSeeMember(ctx: GatewayContext, member: StoredMember): boolean {
  const { principal } = ctx;
  if (!READERS.includes(principal.role)) return false;
  if (principal.role === 'member') return principal.subject === member.code;
  return (
    canSee(ctx, member.branch) ||
    (member.community !== undefined && canSee(ctx, member.community)) ||
    (member.grid !== undefined && canSee(ctx, member.grid))
  );
}

/** The member, if the caller may see it: UNAUTHENTICATED, NOT_FOUND (unknown) or FORBIDDEN. */
export function authoriseMember(
  ctx: GatewayContext,
  member: StoredMember | null | undefined,
  code: string,
): StoredMember {
  requireRole(ctx);
  if (member === null || member === undefined) throw notFound({ zh: `党员 ${code}`, en: `member ${code}` });
  if (!canSeeMember(ctx, member)) {
    throw forbidden({ zh: `党员 ${code} 不在您的管辖范围内`, en: `member ${code} is outside your scope` });
  }
  return member;
}

/**
 * The domain actor a caller takes steps as, for a member, decided on the member as stored (the
 * repository calls it inside the write's transaction). FORBIDDEN when the role records nothing or
 * the member is outside the caller's scope.
 */
export function actorFor(ctx: GatewayContext, member: StoredMember, date: string): PointsActor {
  const { principal } = ctx;
  const role = RECORDER_OF[principal.role];
  if (role === null) {
    throw new GatewayError('FORBIDDEN', {
      zh: `当前角色（${principal.role}）不能办理党员积分`,
      en: `your role (${principal.role}) takes no part in member points`,
    });
  }
  const outside = () =>
    forbidden({
      zh: `党员 ${member.code} 不在您的管辖范围内`,
      en: `member ${member.code} is outside your scope`,
    });
  switch (role) {
    case 'self':
      if (principal.subject !== member.code) throw outside();
      return { role, id: member.code };
    case 'branch':
      if (!canSee(ctx, member.branch)) throw outside();
      return { role, id: member.branch };
    case 'community': {
      const community = registeredCommunityOn(member, date) ?? member.community;
      if (community === undefined || !canSee(ctx, community)) throw outside();
      return { role, id: community };
    }
    default:
      if (!canSeeMember(ctx, member)) throw outside();
      return { role, id: principal.scope };
  }
}

/** The members a scope (an org code within the caller's) covers: its branches or communities. */
export function scopeFilter(ctx: GatewayContext, scope: string): MemberFilter {
  requireRole(ctx, SCOPE_READERS);
  const { tree } = authoriseNode(ctx, scope);
  return filterOf(tree, scope);
}

function filterOf(tree: OrgTree, scope: string): MemberFilter {
  const nodes = subtree(tree, scope);
  if (tree.kind === 'party') return { branches: nodes.map((n) => n.code) };
  // Members are filed under their residential community.
  return { communities: nodes.filter((n) => n.level === 'community').map((n) => n.code) };
}

/** A branch the caller may act on: in scope, or every one of its members visible. */
export function authoriseBranch(ctx: GatewayContext, branch: string, members: readonly StoredMember[]): void {
  if (treeOf(ctx, branch) !== undefined && canSee(ctx, branch)) return;
  if (members.length > 0 && members.every((m) => canSeeMember(ctx, m))) return;
  throw forbidden({ zh: `支部 ${branch} 不在您的管辖范围内`, en: `branch ${branch} is outside your scope` });
}

/** A community the caller may see. */
export function authoriseCommunity(ctx: GatewayContext, community: string): void {
  requireRole(ctx, SCOPE_READERS);
  authoriseNode(ctx, community);
}

/** The rule profile history of an id, from the gateway's catalogue. */
export function rulesLookup(ctx: GatewayContext): (id: string) => RuleVersions | undefined {
  return (id) => ctx.services.profiles().history(id);
}

/** The longest text a field may carry. */
export const MAX_TEXT = 2000;
/** The longest key or code. */
export const MAX_KEY = TEXT.key.max;

/** The input collector of points mutations: the one collector, with keys, list sizes and years. */
export class PointsInput extends InputIssues {
  /** A required key or code: not blank, one line of at most {@link MAX_KEY} characters. */
  key(value: string, path: readonly (string | number)[]): void {
    if (value.trim() === '') {
      this.add(issue('POINTS_INVALID_INPUT', { zh: '不能为空', en: 'must not be empty' }, path, {}));
    }
    this.text(value, path, TEXT.key);
  }

  /** A list of at most `max` items. */
  count(list: readonly unknown[] | null | undefined, path: readonly (string | number)[], max: number): void {
    if ((list?.length ?? 0) > max) {
      this.add(
        issue('POINTS_INVALID_INPUT', { zh: `最多 ${max} 项`, en: `at most ${max} items` }, path, { max }),
      );
    }
  }

  year(value: number, path: readonly (string | number)[] = ['year']): void {
    if (!Number.isInteger(value) || value < 2000 || value > 2100) {
      this.add(
        issue('POINTS_INVALID_INPUT', { zh: `年份 ${value} 无效`, en: `year ${value} is not valid` }, path, {
          value,
        }),
      );
    }
  }
}

/** A domain result's issues as BAD_USER_INPUT. */
export function domainValue<T>(result: { ok: true; value: T } | { ok: false; issues: readonly Issue[] }): T {
  if (!result.ok) throw badInput(result.issues);
  return result.value;
}

/** The profile's rules in force on a date, or NOT_FOUND for an unknown profile. */
export function historyOf(ctx: GatewayContext, profileId: string): RuleVersions {
  const history = ctx.services.profiles().history(profileId);
  if (history === undefined) {
    throw new GatewayError('NOT_FOUND', {
      zh: `未找到：规则配置 ${profileId}`,
      en: `not found: rule profile ${profileId}`,
    });
  }
  return history;
}
