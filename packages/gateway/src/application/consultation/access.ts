import {
  type Actor,
  type ConsultationAct,
  type ConsultationRole,
  type ConsultationRules,
  childrenOf,
  hasNode,
  issue,
  type LocalDate,
  nodeOf,
  type OrgTree,
  parentOf,
  subtree,
  type TextRule,
  type Village,
} from '@jiceng/domain';
import { authorise, authoriseNode, requireAction } from '../../auth/authorise.js';
import type { Role } from '../../auth/principal.js';
import { GatewayError, notFound } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues, TEXT } from '../inputs.js';
import { DEFAULT_PROFILE, rulesFor } from '../rules.js';

export { DEFAULT_PROFILE, today };

/**
 * The consultation area, on every door: reads are the policy's `consultation.read`, acts its
 * `consultation.act` (see `auth/policy.ts`).
 *
 * Reading: every consultation, topic, liaison group and filing belongs to a township (a
 * street-level node of the administrative tree), which places it in a caller's scope. The public
 * reads only `publicConsultations`.
 *
 * Acting: the domain names the body that performs each act (`ConsultationRole`); the gateway
 * decides which principals may act as which body, always for a township (a village, for minutes)
 * within their scope:
 *
 * | gateway role                     | may act as                                                          |
 * | -------------------------------- | ------------------------------------------------------------------- |
 * | county_admin, street_admin       | party_committee, government, liaison_group (the township's offices), |
 * |                                  | village_committee (registering a village's minutes)                 |
 * | community_admin                  | village_committee, for the villages in its scope                    |
 * | branch_secretary, member         | group_member: only when the token's subject is in the group         |
 * | grid_worker, handling_unit,      | nothing                                                             |
 * | public                           |                                                                     |
 *
 * A mutation may name the body with `actingAs`; without it the gateway picks the first role the
 * county profile allows for the act that the caller may take. The actor the domain records is the
 * caller: `{ id: subject, name: token name (or subject), role }`. The domain then checks the role
 * against the profile (BAD_USER_INPUT `CONSULTATION_ROLE_NOT_ALLOWED` when, say, a government
 * officer tries to approve a plan), and that a group member belongs to the group.
 */
const ACTING_ROLES: { readonly [R in Role]: readonly ConsultationRole[] } = {
  county_admin: ['party_committee', 'government', 'liaison_group', 'village_committee'],
  street_admin: ['party_committee', 'government', 'liaison_group', 'village_committee'],
  community_admin: ['village_committee'],
  branch_secretary: ['group_member'],
  member: ['group_member'],
  grid_worker: [],
  handling_unit: [],
  public: [],
};

/** The longest text a field may carry; longer is refused before it reaches a rule. */
export const MAX_TEXT = 2000;

/**
 * The actor for an act: the caller acting as `actingAs`, or as the first of `allowed` (the
 * profile's roles for the act) that the caller may take. FORBIDDEN when the caller may take none.
 */
export function actorFor(
  ctx: UseCaseContext,
  allowed: readonly ConsultationRole[],
  actingAs?: ConsultationRole | null,
): Actor {
  requireAction(ctx, 'consultation.act');
  const mine = ACTING_ROLES[ctx.principal.role];
  const role = actingAs ?? allowed.find((r) => mine.includes(r)) ?? null;
  if (role === null || !mine.includes(role)) {
    const wanted = role ?? allowed.join('/');
    throw new GatewayError('FORBIDDEN', {
      zh: `当前角色（${ctx.principal.role}）不能以“${wanted}”身份办理`,
      en: `your role (${ctx.principal.role}) may not act as ${wanted}`,
    });
  }
  const { subject, name } = ctx.principal;
  return { id: subject, name: name ?? subject, role };
}

/** Refuses, before anything else is looked at, a caller who may not act in consultations. */
export function requireActor(ctx: UseCaseContext): void {
  requireAction(ctx, 'consultation.act');
}

/** The profile's roles for an act. */
export function rolesFor(rules: ConsultationRules, act: ConsultationAct): readonly ConsultationRole[] {
  return rules.stages.roles[act];
}

/** The administrative tree; NOT_FOUND while none is loaded. */
export function administrativeTree(ctx: UseCaseContext): OrgTree {
  const tree = ctx.services.orgTree('administrative');
  if (tree === undefined) throw notFound({ zh: '行政区划树', en: 'the administrative tree' });
  return tree;
}

/** Whether a node is a township (a street-level node) of the administrative tree. */
function isTownship(tree: OrgTree, code: string): boolean {
  return nodeOf(tree, code).level === 'street';
}

/**
 * A township the caller may take the action on: UNAUTHENTICATED for the public, FORBIDDEN for the
 * role, NOT_FOUND for an unknown code or one outside the scope, BAD_USER_INPUT for a node that is
 * not a township.
 */
export function authoriseTownship(
  ctx: UseCaseContext,
  township: string,
  action: 'consultation.read' | 'consultation.act',
): { tree: OrgTree; name: string } {
  const { tree, node } = authoriseNode(ctx, action, township);
  if (tree.kind !== 'administrative' || !isTownship(tree, township)) {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: `组织 ${township} 不是乡镇（街道）`,
      en: `organisation ${township} is not a township (street)`,
    });
  }
  return { tree, name: node.name };
}

/**
 * Refuses a stored consultation or topic of a township outside the caller's scope, in the words
 * of a missing one (NOT_FOUND `what`); `undefined` is one that does not exist.
 */
export function requireVisible(
  ctx: UseCaseContext,
  action: 'consultation.read' | 'consultation.act',
  township: string | undefined,
  what: { zh: string; en: string },
): void {
  authorise(ctx, action, township === undefined ? undefined : { kind: 'node', code: township }, what);
}

/** The townships within a scope (default: the caller's), in tree order. */
export function townshipsIn(ctx: UseCaseContext, scope?: string | null): string[] {
  const code = scope ?? ctx.principal.scope;
  const { tree } = authoriseNode(ctx, 'consultation.read', code);
  if (tree.kind !== 'administrative') return [];
  return subtree(tree, code)
    .filter((n) => n.level === 'street')
    .map((n) => n.code);
}

/** A township's name, or its code when the tree does not know it. */
export function townshipName(ctx: UseCaseContext, township: string): string {
  const tree = ctx.services.orgTree('administrative');
  return tree !== undefined && hasNode(tree, township) ? nodeOf(tree, township).name : township;
}

/** The villages and communities of a township: its community-level children. */
export function villagesOf(tree: OrgTree, township: string): Village[] {
  return childrenOf(tree, township)
    .filter((n) => n.level === 'community')
    .map((n) => ({ code: n.code, name: n.name, township }));
}

/** The township of a village the caller may see, with all its villages. */
export function authoriseVillage(
  ctx: UseCaseContext,
  village: string,
): { township: string; villages: Village[] } {
  const { tree, node } = authoriseNode(ctx, 'consultation.act', village);
  const parent = tree.kind === 'administrative' ? parentOf(tree, village) : null;
  if (node.level !== 'community' || parent === null || parent.level !== 'street') {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: `组织 ${village} 不是乡镇下的村（社区）`,
      en: `organisation ${village} is not a village or community of a township`,
    });
  }
  return { township: parent.code, villages: villagesOf(tree, parent.code) };
}

/** The consultation rules of a profile in force on a day. */
export function rulesAt(ctx: UseCaseContext, profileId: string, on: string): ConsultationRules {
  return rulesFor(ctx, profileId, on).consultation;
}

/** Fields of consultation inputs that hold multi-line free text; every other string is one line. */
const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'summary',
  'note',
  'reason',
  'planOutline',
  'text',
  'opinions',
]);
/** Fields that name a stored row or a profile code: as long as the columns that key on them. */
const CODE_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'topicId',
  'consultationId',
  'township',
  'village',
  'itemId',
  'taskId',
  'decisionId',
  'profileId',
  'kind',
  'itemKind',
]);

/** The text rule of a consultation input's field, by its name. */
export function consultationTextRule(field: string | undefined): TextRule {
  if (field !== undefined && CODE_FIELDS.has(field)) return TEXT.code;
  if (field === 'name') return TEXT.line;
  return { max: MAX_TEXT, multiline: field !== undefined && FREE_TEXT_FIELDS.has(field) };
}

/**
 * The input collector of consultation mutations: the one collector, with the day an act happened
 * and the fields a variant needs (missing fields, bad dates, bad text are refused together).
 */
export class ConsultationInput extends InputIssues {
  /** The day an act happened: `on` when given, else today; never after today. */
  actDay(
    ctx: UseCaseContext,
    on: string | null | undefined,
    path: readonly (string | number)[] = ['on'],
  ): LocalDate {
    const now = today(ctx);
    if (on === null || on === undefined) return now;
    const day = this.date(on, path);
    if (day !== undefined && day > now) {
      this.add(
        issue(
          'INVALID_DATE',
          {
            zh: `日期 ${day} 晚于今天（${now}），不能预先登记`,
            en: `${day} is after today (${now}); acts are recorded once done`,
          },
          path,
          { value: day, today: now },
        ),
      );
    }
    return day ?? now;
  }

  /** A required value for the chosen variant. */
  required<T>(value: T | null | undefined, path: readonly (string | number)[], what: string): T | undefined {
    if (value !== null && value !== undefined) return value;
    this.add(
      issue(
        'CONSULTATION_EMPTY_FIELD',
        { zh: `缺少${what}（${path.join('.')}）`, en: `${path.join('.')} is required here` },
        path,
      ),
    );
    return undefined;
  }

  /** Checks every string in an input under its field's rule ({@link consultationTextRule}). */
  inputTexts(value: unknown, path: readonly (string | number)[]): void {
    this.texts(value, path, consultationTextRule);
  }
}
