import {
  type CppccCommittee,
  type CppccRules,
  issue,
  type LocalizedText,
  type Proposal,
  type ProposalAction,
  type ProposalActor,
  type ProposalRole,
  proposalMembers,
  unreachable,
} from '@jiceng/domain';
import { allows, authorise, authoriseAction, requireAction } from '../../auth/authorise.js';
import { POLICY } from '../../auth/policy.js';
import { badInput, GatewayError } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';

/**
 * Who a caller is on CPPCC proposals 提案, by the policy's `cppcc.office` and `cppcc.member`
 * (`auth/policy.ts`), and which `ProposalActor` of the domain they act as:
 *
 * | gateway role                   | caller | may act as                                                                      |
 * | ------------------------------ | ------ | ------------------------------------------------------------------------------- |
 * | county_admin (county scope)    | office | office, proposals_committee, chairs_meeting (the CPPCC's organs, which the      |
 * |                                |        | office runs), and a unit (entering a unit's reply or request on its behalf)     |
 * | member                         | member | member (themselves: `id` is the token's subject), chair when they hold the      |
 * |                                |        | chair or a vice-chair's post                                                    |
 * | handling_unit (scope: a unit)  | unit   | unit, itself only (`id` is the scope's unit code): reply, co-unit's opinion,    |
 * |                                |        | request for reassignment                                                        |
 * | every other role               | —      | refused (FORBIDDEN); the public UNAUTHENTICATED                                   |
 *
 * The domain then decides whether that actor may take the act (the profile's roles, the proposer
 * of the proposal, its units, its supervisor): its refusals are BAD_USER_INPUT with its codes
 * (`CPPCC_ROLE_NOT_ALLOWED`, `CPPCC_ACTOR_MISMATCH`, `CPPCC_REASSIGNMENT_LIMIT`). A member sees only
 * the proposals they put or signed and the key proposals they follow; a handling unit only those
 * it handles now (lead or co-unit, by the policy's `cppcc.unit`); any other proposal is NOT_FOUND,
 * in the words of a missing one. The office may still enter a unit's reply on its behalf.
 */
export type CppccCaller =
  | { readonly kind: 'office'; readonly subject: string }
  | { readonly kind: 'member'; readonly member: string }
  | {
      readonly kind: 'unit';
      readonly unit: string;
      /** The policy's answer: whether the caller may act for a unit (its own only). */
      readonly handles: (unit: string) => boolean;
    };

/** The caller, by the policy (asked once): UNAUTHENTICATED for the public, FORBIDDEN for other roles. */
export function cppccCallerOf(ctx: UseCaseContext): CppccCaller {
  const { principal } = ctx;
  if (principal.role === 'member') {
    authoriseAction(ctx, 'cppcc.member');
    return { kind: 'member', member: principal.subject };
  }
  if (principal.role === 'handling_unit') {
    requireAction(ctx, 'cppcc.unit');
    return {
      kind: 'unit',
      unit: principal.scope,
      handles: (unit) => allows(ctx, 'cppcc.unit', { kind: 'unit', unit }),
    };
  }
  authorise(ctx, 'cppcc.office', { kind: 'county' }, POLICY['cppcc.office'].label);
  return { kind: 'office', subject: principal.subject };
}

/** How a proposal is named in a refusal: the same words whether missing or not the caller's. */
export const proposalText = (meeting: string, id: string): LocalizedText => ({
  zh: `提案 ${meeting}/${id}`,
  en: `proposal ${meeting}/${id}`,
});

export const meetingText = (id: string): LocalizedText => ({
  zh: `全体会议 ${id}`,
  en: `plenary meeting ${id}`,
});

/**
 * Whether the caller may see a proposal: the office all; a member those they put, signed or
 * follow; a handling unit those it handles now (a unit relieved by a reassignment no longer does).
 */
export function canSeeProposal(caller: CppccCaller, proposal: Proposal): boolean {
  switch (caller.kind) {
    case 'office':
      return true;
    case 'member':
      return (
        proposalMembers(proposal.proposer).includes(caller.member) ||
        proposal.key?.supervisor === caller.member
      );
    case 'unit':
      return proposal.units.some((u) => caller.handles(u.unit));
    default:
      return unreachable(caller, 'CPPCC caller');
  }
}

/** The acts of a handling unit 承办单位 on a proposal it handles: the only ones a unit may take. */
const UNIT_ACTS: readonly ProposalAction[] = ['request_reassignment', 'co_opinion', 'reply'];

/**
 * Refuses a handling unit any other act before anything is read (FORBIDDEN, as for a role the
 * policy does not list): a unit replies, gives its opinion, asks for reassignment; nothing else.
 */
export function requireCallerMayTake(ctx: UseCaseContext, caller: CppccCaller, action: ProposalAction): void {
  if (caller.kind !== 'unit' || UNIT_ACTS.includes(action)) return;
  throw new GatewayError('FORBIDDEN', {
    zh: `当前角色（${ctx.principal.role}）只能答复、提出协办意见或申请调整交办`,
    en: `your role (${ctx.principal.role}) may only reply, give a co-unit's opinion or ask for reassignment`,
  });
}

/** The roles each caller may act as. */
function rolesOf(caller: CppccCaller, committee: CppccCommittee): readonly ProposalRole[] {
  if (caller.kind === 'office') return ['office', 'proposals_committee', 'chairs_meeting', 'unit'];
  if (caller.kind === 'unit') return ['unit'];
  const leads = committee.chair === caller.member || committee.viceChairs.includes(caller.member);
  return leads ? ['member', 'chair'] : ['member'];
}

/** The roles that may take an act by default: the profile's for its acts, the bound role otherwise. */
function defaultRoles(action: ProposalAction, rules: CppccRules): readonly ProposalRole[] {
  const roles = rules.proposals.roles;
  switch (action) {
    case 'submit':
      return roles.submit;
    case 'file':
    case 'not_file':
    case 'merge':
      return roles.review;
    case 'assign':
      return roles.assign;
    case 'decide_reassignment':
      return roles.decide_reassignment;
    case 'designate_key':
      return roles.designate_key;
    case 'rate':
      return roles.rate;
    case 'close_unrated':
      return roles.close_unrated;
    case 'request_reassignment':
    case 'co_opinion':
    case 'reply':
      return ['unit'];
    case 'supervise':
      return ['chair'];
    default:
      return unreachable(action, 'proposal action');
  }
}

/** What the caller names when acting: a role, and for a unit its code. */
export interface ActingAs {
  readonly role?: ProposalRole | null;
  /** The unit's code, when the office acts for a unit; a reply defaults to the lead unit. */
  readonly unit?: string | null;
}

/**
 * The domain actor for an act: the role named, or the first the act allows that the caller may
 * take. FORBIDDEN when the caller may take none. A member is always themselves; the office's
 * organs are recorded with the caller's subject, a unit with its code.
 */
export function proposalActorFor(
  ctx: UseCaseContext,
  caller: CppccCaller,
  action: ProposalAction,
  context: { readonly committee: CppccCommittee; readonly rules: CppccRules; readonly proposal?: Proposal },
  actingAs: ActingAs = {},
): ProposalActor {
  const mine = rolesOf(caller, context.committee);
  const role = actingAs.role ?? defaultRoles(action, context.rules).find((r) => mine.includes(r)) ?? null;
  if (role === null || !mine.includes(role)) {
    const wanted = role ?? defaultRoles(action, context.rules).join('/');
    throw new GatewayError('FORBIDDEN', {
      zh: `当前角色（${ctx.principal.role}）不能以“${wanted}”身份办理提案`,
      en: `your role (${ctx.principal.role}) may not act on proposals as ${wanted}`,
    });
  }
  if (caller.kind === 'member') return { role, id: caller.member };
  if (caller.kind === 'unit') {
    // A unit acts as itself: naming another unit is acting for it, which only the office may.
    if (actingAs.unit !== null && actingAs.unit !== undefined && !caller.handles(actingAs.unit)) {
      throw new GatewayError('FORBIDDEN', {
        zh: `承办单位“${caller.unit}”不能以“${actingAs.unit}”的名义办理提案`,
        en: `unit "${caller.unit}" may not act on proposals as "${actingAs.unit}"`,
      });
    }
    return { role, id: caller.unit };
  }
  if (role !== 'unit') return { role, id: caller.subject };
  const unit = actingAs.unit ?? context.proposal?.units.find((u) => u.role === 'lead')?.unit;
  if (unit === undefined) {
    throw badInput([
      issue(
        'CPPCC_EMPTY_FIELD',
        { zh: '以承办单位身份办理须指明单位', en: 'acting as a unit needs the unit’s code' },
        ['actingAs', 'unit'],
        {},
      ),
    ]);
  }
  return { role, id: unit };
}
