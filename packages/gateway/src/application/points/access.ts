import {
  type Issue,
  issue,
  type LocalizedText,
  type OrgTree,
  type PointsActor,
  type PointsPerson,
  type RuleVersions,
  registeredCommunityOn,
  subtree,
  unreachable,
} from '@jiceng/domain';
import type { MemberFilter, StoredMember } from '@jiceng/persistence';
import { allows, authorise, authoriseNode, type Door, requireAction } from '../../auth/authorise.js';
import { RECORDER_OF, type WithinAction } from '../../auth/policy.js';
import { badInput } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues, TEXT } from '../inputs.js';

export { RECORDER_OF, today };

/**
 * Member points 党员积分 over GraphQL: which policy action each read and write is (`member.read`,
 * `points.read`, `points.what_if`, `points.record`, `points.audit`, `cobuilding.write`,
 * `personal.read`; see `auth/policy.ts`).
 *
 * Every member belongs to their own branch (an org code, usually of the party tree) and lives in
 * a residential community (of the administrative tree); the policy places them by these.
 *
 * Recording and the workflow: each gateway role takes its steps as one recorder of the domain
 * (`RECORDER_OF`), always for a member the `points.record` rule lets it record for:
 *
 * | gateway role                 | domain recorder | `by.id`                                              |
 * | ---------------------------- | --------------- | ---------------------------------------------------- |
 * | member                       | self            | the member's code (only for themselves)              |
 * | branch_secretary             | branch          | the member's branch (which must be in scope)         |
 * | community_admin              | community       | the community the member is registered at that day   |
 * | street_admin, county_admin   | committee       | the caller's scope (the street or county)            |
 * | grid_worker, public          | —               | refused                                              |
 *
 * `by.person` is the caller: token subject, role and scope, so the ledger shows who took every
 * step and the domain refuses anyone reviewing or auditing their own entry (`POINTS_SELF_REVIEW`).
 * The domain decides whether that recorder may take the step (`POINT_ENTRY_TRANSITIONS`, the
 * item's `recordedBy`): a branch secretary approves, a member submits, the committee audits and
 * reverses after the lock. The `system` recorder is left to integrations and the seeder. Every
 * step is dated today in China: a client cannot backdate one.
 */

/** How a member is named in a refusal: the same words whether missing or out of scope. */
export const memberText = (code: string): LocalizedText => ({ zh: `党员 ${code}`, en: `member ${code}` });

/** Whether the caller may see a member: a member themselves; other roles by branch, community or grid. */
export function canSeeMember(door: Door, member: StoredMember): boolean {
  return allows(door, 'member.read', { kind: 'member', member });
}

/** The member, if the caller may see it: UNAUTHENTICATED, FORBIDDEN (role), NOT_FOUND (unknown or out of scope). */
export function authoriseMember(
  ctx: UseCaseContext,
  member: StoredMember | null | undefined,
  code: string,
  what: LocalizedText = memberText(code),
): StoredMember {
  authorise(ctx, 'member.read', member ? { kind: 'member', member } : undefined, what);
  return member!;
}

/** How a point entry is named in a refusal. */
export const entryText = (key: string): LocalizedText => ({
  zh: `积分记录 ${key}`,
  en: `point entry ${key}`,
});

/**
 * The domain actor a caller takes steps as, for a member, decided on the member as stored (the
 * repository calls it inside the write's transaction): FORBIDDEN for a role that records nothing,
 * NOT_FOUND for a member the caller may not record for.
 */
export function actorFor(
  ctx: UseCaseContext,
  member: StoredMember,
  date: string,
  what: LocalizedText = memberText(member.code),
): PointsActor {
  const { principal } = ctx;
  authorise(ctx, 'points.record', { kind: 'member', member, on: date }, what);
  const person = personOf(ctx);
  const role = RECORDER_OF[principal.role];
  switch (role) {
    case 'self':
      return { role, id: member.code, person };
    case 'branch':
      return { role, id: member.branch, person };
    case 'community':
      return { role, id: registeredCommunityOn(member, date) ?? member.community!, person };
    case 'committee':
      return { role, id: principal.scope, person };
    case 'system':
    case null:
      throw new Error(`policy lets ${principal.role} record points, but it records as no body`);
    default:
      return unreachable(role, 'recorder');
  }
}

/** The recorder the caller's role maps to: FORBIDDEN, before anything is read, for a role that records nothing. */
export function recorderOf(ctx: UseCaseContext): NonNullable<(typeof RECORDER_OF)[keyof typeof RECORDER_OF]> {
  requireAction(ctx, 'points.record');
  const role = RECORDER_OF[ctx.principal.role];
  if (role === null)
    throw new Error(`policy lets ${ctx.principal.role} record points, but it records as no body`);
  return role;
}

/**
 * The committee as the caller audits a year: FORBIDDEN, before anything is read, for a role that
 * may not audit. The person is recorded, and the domain refuses them a year with their own entries.
 */
export function auditorOf(ctx: UseCaseContext): PointsActor {
  requireAction(ctx, 'points.audit');
  const { principal } = ctx;
  const role = RECORDER_OF[principal.role];
  if (role === null) throw new Error(`policy lets ${principal.role} audit, but it records as no body`);
  return { role, id: principal.scope, person: personOf(ctx) };
}

/** The caller as the ledger records them behind a step. */
export function personOf(ctx: UseCaseContext): PointsPerson {
  const { subject, role, scope } = ctx.principal;
  return { id: subject, role, org: scope };
}

/** The members a scope (an org code within the caller's) covers: its branches or communities. */
export function scopeFilter(
  ctx: UseCaseContext,
  scope: string,
  action: WithinAction = 'points.read',
): MemberFilter {
  const { tree } = authoriseNode(ctx, action, scope);
  return filterOf(tree, scope);
}

function filterOf(tree: OrgTree, scope: string): MemberFilter {
  const nodes = subtree(tree, scope);
  if (tree.kind === 'party') return { branches: nodes.map((n) => n.code) };
  // Members are filed under their residential community.
  return { communities: nodes.filter((n) => n.level === 'community').map((n) => n.code) };
}

/** A branch the caller may audit: in scope, or every one of its members within it. */
export function authoriseBranch(ctx: UseCaseContext, branch: string, members: readonly StoredMember[]): void {
  authorise(
    ctx,
    'points.audit',
    { kind: 'branch', branch, members },
    { zh: `支部 ${branch}`, en: `branch ${branch}` },
  );
}

/** A community the caller may read points of. */
export function authoriseCommunity(ctx: UseCaseContext, community: string): void {
  authoriseNode(ctx, 'points.read', community);
}

/** The rule profile history of an id, from the gateway's catalogue. */
export function rulesLookup(ctx: UseCaseContext): (id: string) => RuleVersions | undefined {
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
