// The proposal state machine as data (commands, transitions, who may act) and the checks and book
// edits every act shares; the acts themselves are in proposal-review/-handling/-follow-up.ts.
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { CppccRules } from '../profiles/schema.js';
import type {
  NotFiledOutcome,
  ProposalAct,
  ProposalRole,
  ReplyCategory,
  SatisfactionLevel,
} from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { unreachable } from '../shared/result.js';
import type { ProposalIssueCode } from './errors.js';
import { PROPOSAL_ROLE_LABELS, PROPOSAL_STATUS_LABELS } from './labels.js';
import type {
  CppccCommittee,
  HandlingRound,
  Proposal,
  ProposalActor,
  ProposalBook,
  ProposalDraft,
  ProposalEvent,
  ProposalStatus,
  Proposer,
} from './types.js';

/** Who acts, when, under which rules, against which committee and calendar. */
export interface ProposalContext {
  readonly by: ProposalActor;
  readonly on: LocalDate;
  /** The profile's `cppcc` section (of the version in force on `on`). */
  readonly rules: CppccRules;
  readonly committee: CppccCommittee;
  readonly calendar: WorkingDayCalendar;
}

/** One act on the book. Every act but `submit` names the proposal it is about. */
export type ProposalCommand =
  | { readonly type: 'submit'; readonly draft: ProposalDraft }
  | { readonly type: 'file'; readonly proposal: string }
  | {
      readonly type: 'not_file';
      readonly proposal: string;
      readonly outcome: NotFiledOutcome;
      readonly reason?: string;
    }
  | { readonly type: 'merge'; readonly proposal: string; readonly into: string }
  | {
      readonly type: 'assign';
      readonly proposal: string;
      readonly lead: string;
      readonly coUnits: readonly string[];
    }
  | { readonly type: 'request_reassignment'; readonly proposal: string; readonly reason: string }
  | (
      | {
          readonly type: 'decide_reassignment';
          readonly proposal: string;
          readonly decision: 'approve';
          /** The unit that takes the proposal over in the requesting unit's place. */
          readonly to: string;
        }
      | {
          readonly type: 'decide_reassignment';
          readonly proposal: string;
          readonly decision: 'refuse';
          readonly reason: string;
        }
    )
  | { readonly type: 'co_opinion'; readonly proposal: string; readonly text: string }
  | {
      readonly type: 'reply';
      readonly proposal: string;
      readonly category: ReplyCategory;
      readonly text: string;
    }
  | {
      readonly type: 'rate';
      readonly proposal: string;
      readonly level: SatisfactionLevel;
      readonly reason?: string;
    }
  | { readonly type: 'close_unrated'; readonly proposal: string }
  | { readonly type: 'designate_key'; readonly proposal: string; readonly supervisor: string }
  | { readonly type: 'supervise'; readonly proposal: string; readonly summary: string };

export type ProposalAction = ProposalCommand['type'];

/** The command of one action, narrowed. */
export type CommandOf<A extends ProposalAction> = Extract<ProposalCommand, { readonly type: A }>;

/**
 * One act on one proposal, once `applyProposalCommand` has found the proposal and checked what
 * every act shares (the actor, the date order, the status); `issues` holds what those checks
 * found, and the act adds its own before deciding.
 */
export interface Act<A extends ProposalAction> {
  readonly book: ProposalBook;
  readonly proposal: Proposal;
  readonly command: CommandOf<A>;
  readonly context: ProposalContext;
  readonly issues: Issue<ProposalIssueCode>[];
}

/** Who may take an action: the roles the profile names for an act, or the unit or chair it is bound to. */
export type ProposalActorRule =
  | { readonly kind: 'profile'; readonly act: ProposalAct }
  | { readonly kind: 'lead_unit' }
  | { readonly kind: 'co_unit' }
  | { readonly kind: 'assigned_unit' }
  | { readonly kind: 'supervisor' };

export interface ProposalTransition {
  readonly action: ProposalAction;
  /** `null`: the proposal does not exist yet. */
  readonly from: readonly (ProposalStatus | null)[];
  /** The statuses it may lead to; `same` for an act that records something and keeps the status. */
  readonly to: readonly ProposalStatus[] | 'same';
  readonly actor: ProposalActorRule;
}

/** The state machine as data: the docs' diagram and the property tests read it. */
export const PROPOSAL_TRANSITIONS: readonly ProposalTransition[] = [
  { action: 'submit', from: [null], to: ['submitted'], actor: { kind: 'profile', act: 'submit' } },
  { action: 'file', from: ['submitted'], to: ['filed'], actor: { kind: 'profile', act: 'review' } },
  { action: 'not_file', from: ['submitted'], to: ['not_filed'], actor: { kind: 'profile', act: 'review' } },
  { action: 'merge', from: ['submitted'], to: ['merged'], actor: { kind: 'profile', act: 'review' } },
  { action: 'assign', from: ['filed'], to: ['assigned'], actor: { kind: 'profile', act: 'assign' } },
  {
    action: 'request_reassignment',
    from: ['assigned'],
    to: 'same',
    actor: { kind: 'assigned_unit' },
  },
  {
    action: 'decide_reassignment',
    from: ['assigned'],
    to: 'same',
    actor: { kind: 'profile', act: 'decide_reassignment' },
  },
  {
    action: 'co_opinion',
    from: ['assigned', 'second_handling'],
    to: 'same',
    actor: { kind: 'co_unit' },
  },
  { action: 'reply', from: ['assigned', 'second_handling'], to: ['replied'], actor: { kind: 'lead_unit' } },
  {
    action: 'rate',
    from: ['replied'],
    to: ['closed', 'second_handling'],
    actor: { kind: 'profile', act: 'rate' },
  },
  {
    action: 'close_unrated',
    from: ['replied'],
    to: ['closed'],
    actor: { kind: 'profile', act: 'close_unrated' },
  },
  {
    action: 'designate_key',
    from: ['filed', 'assigned', 'replied', 'second_handling'],
    to: 'same',
    actor: { kind: 'profile', act: 'designate_key' },
  },
  {
    action: 'supervise',
    from: ['assigned', 'replied', 'second_handling'],
    to: 'same',
    actor: { kind: 'supervisor' },
  },
];

export const TRANSITION_OF = new Map(PROPOSAL_TRANSITIONS.map((t) => [t.action, t]));

export const PROPOSAL_ACTION_LABELS: { readonly [A in ProposalAction]: LocalizedText } = {
  submit: { zh: '提交提案', en: 'submit the proposal' },
  file: { zh: '立案', en: 'file the proposal' },
  not_file: { zh: '不予立案', en: 'decline to file the proposal' },
  merge: { zh: '并案', en: 'merge the proposal' },
  assign: { zh: '交办', en: 'assign the proposal' },
  request_reassignment: { zh: '申请调整承办单位', en: 'ask to be relieved of the proposal' },
  decide_reassignment: { zh: '决定调整申请', en: 'decide on the reassignment request' },
  co_opinion: { zh: '提出协办意见', en: 'give the co-unit’s opinion' },
  reply: { zh: '答复提案', en: 'reply to the proposal' },
  rate: { zh: '反馈对答复的意见', en: 'rate the reply' },
  close_unrated: { zh: '按未反馈办结', en: 'close the proposal unrated' },
  designate_key: { zh: '确定为重点提案', en: 'make it a key proposal' },
  supervise: { zh: '记录督办', en: 'record supervision' },
};

/** The statuses an action may start from; a new proposal has none. */
export function proposalActionsFrom(status: ProposalStatus | null): ProposalAction[] {
  return PROPOSAL_TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.action);
}

/** The actor a proposer acts as: the lead member, or the body. */
export function proposerActor(proposer: Proposer): { role: ProposalRole; id: string } {
  switch (proposer.kind) {
    case 'member':
      return { role: 'member', id: proposer.member };
    case 'joint':
      return { role: 'member', id: proposer.members[0] ?? '' };
    case 'sector':
      return { role: 'sector', id: proposer.sector };
    case 'special_committee':
      return { role: 'special_committee', id: proposer.committee };
    case 'liaison_group':
      return { role: 'liaison_group', id: proposer.township };
    default:
      return unreachable(proposer, 'proposer');
  }
}

const PROPOSER_ROLES: ReadonlySet<ProposalRole> = new Set([
  'member',
  'sector',
  'special_committee',
  'liaison_group',
]);

export function roleNotAllowed(action: ProposalAction, by: ProposalActor, allowed: readonly ProposalRole[]) {
  const names = allowed.map((r) => PROPOSAL_ROLE_LABELS[r]);
  const has = PROPOSAL_ROLE_LABELS[by.role] ?? { zh: String(by.role), en: String(by.role) };
  return issue(
    'CPPCC_ROLE_NOT_ALLOWED',
    {
      zh: `${has.zh}不能${PROPOSAL_ACTION_LABELS[action].zh}，只有${names.map((n) => n.zh).join('、')}可以`,
      en: `a ${has.en} may not ${PROPOSAL_ACTION_LABELS[action].en}; only ${names.map((n) => n.en).join(', ')} may`,
    },
    ['by', 'role'],
    { role: by.role, allowed },
  );
}

export function actorMismatch(
  action: ProposalAction,
  by: ProposalActor,
  expected: readonly string[],
  whom: LocalizedText,
) {
  return issue(
    'CPPCC_ACTOR_MISMATCH',
    {
      zh: `“${by.id}”不是${whom.zh}，不能${PROPOSAL_ACTION_LABELS[action].zh}`,
      en: `"${by.id}" is not ${whom.en} and may not ${PROPOSAL_ACTION_LABELS[action].en}`,
    },
    ['by', 'id'],
    { id: by.id, expected },
  );
}

/** Who the act's actor must be; empty when the actor may act. */
export function checkActor(
  action: ProposalAction,
  proposal: Proposal | null,
  proposer: Proposer,
  context: ProposalContext,
): Issue<ProposalIssueCode>[] {
  const { by, rules } = context;
  const rule = TRANSITION_OF.get(action)!.actor;
  switch (rule.kind) {
    case 'profile': {
      const allowed = rules.proposals.roles[rule.act];
      if (!allowed.includes(by.role)) return [roleNotAllowed(action, by, allowed)];
      if (PROPOSER_ROLES.has(by.role) && (rule.act === 'submit' || rule.act === 'rate')) {
        const own = proposerActor(proposer);
        if (own.role !== by.role || own.id !== by.id) {
          return [actorMismatch(action, by, [own.id], { zh: '该提案的提案人', en: 'the proposer' })];
        }
      }
      return [];
    }
    case 'lead_unit':
    case 'co_unit':
    case 'assigned_unit': {
      if (by.role !== 'unit') return [roleNotAllowed(action, by, ['unit'])];
      const units = (proposal?.units ?? []).filter(
        (u) => rule.kind === 'assigned_unit' || u.role === (rule.kind === 'lead_unit' ? 'lead' : 'co'),
      );
      if (units.some((u) => u.unit === by.id)) return [];
      const whom =
        rule.kind === 'lead_unit'
          ? { zh: '该提案的主办单位', en: 'the lead unit of the proposal' }
          : rule.kind === 'co_unit'
            ? { zh: '该提案的协办单位', en: 'a co-unit of the proposal' }
            : { zh: '该提案的承办单位', en: 'a unit handling the proposal' };
      return [
        actorMismatch(
          action,
          by,
          units.map((u) => u.unit),
          whom,
        ),
      ];
    }
    case 'supervisor': {
      if (by.role !== 'chair') return [roleNotAllowed(action, by, ['chair'])];
      const supervisor = proposal?.key?.supervisor;
      if (supervisor === undefined || supervisor === by.id) return [];
      return [
        actorMismatch(action, by, [supervisor], { zh: '该提案的督办领导', en: 'the proposal’s supervisor' }),
      ];
    }
    default:
      return unreachable(rule, 'actor rule');
  }
}

export function invalidTransition(
  action: ProposalAction,
  proposal: Proposal,
): Issue<'CPPCC_INVALID_TRANSITION'> {
  const status = PROPOSAL_STATUS_LABELS[proposal.status];
  const from = TRANSITION_OF.get(action)!.from.filter((s): s is ProposalStatus => s !== null);
  return issue(
    'CPPCC_INVALID_TRANSITION',
    {
      zh: `提案“${proposal.id}”${status.zh}，不能${PROPOSAL_ACTION_LABELS[action].zh}（须为：${from.map((s) => PROPOSAL_STATUS_LABELS[s].zh).join('、')}）`,
      en: `proposal "${proposal.id}" is ${status.en}; cannot ${PROPOSAL_ACTION_LABELS[action].en} (it must be ${from.map((s) => PROPOSAL_STATUS_LABELS[s].en).join(' or ')})`,
    },
    ['status'],
    { status: proposal.status, action, allowedFrom: from },
  );
}

export function withEvent(
  proposal: Proposal,
  event: ProposalEvent,
  changes: Partial<Omit<Proposal, 'events'>>,
): Proposal {
  return { ...proposal, ...changes, events: [...proposal.events, event] };
}

export function replace(
  book: ProposalBook,
  updates: readonly Proposal[],
  lastNumber = book.lastNumber,
): ProposalBook {
  const byId = new Map(updates.map((p) => [p.id, p]));
  return { ...book, lastNumber, proposals: book.proposals.map((p) => byId.get(p.id) ?? p) };
}

export function currentRound(proposal: Proposal): HandlingRound | undefined {
  return proposal.rounds[proposal.rounds.length - 1];
}

export function pendingRequest(proposal: Proposal) {
  return proposal.reassignments.find((r) => r.decision === null);
}

export function pending(proposal: Proposal): Issue<'CPPCC_REASSIGNMENT_PENDING'> {
  const request = pendingRequest(proposal)!;
  return issue(
    'CPPCC_REASSIGNMENT_PENDING',
    {
      zh: `“${request.unit}”于 ${request.requestedOn} 申请调整，尚待提案委员会决定`,
      en: `"${request.unit}" asked to be relieved on ${request.requestedOn}; the decision is pending`,
    },
    ['proposal'],
    { unit: request.unit, requestedOn: request.requestedOn },
  );
}
