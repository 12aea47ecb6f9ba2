import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { assertLocalDate } from '../consultation/days.js';
import type { CppccRules } from '../profiles/schema.js';
import {
  type NotFiledOutcome,
  PROPOSER_KINDS,
  type ProposalAct,
  type ProposalRole,
  type ReplyCategory,
  type SatisfactionLevel,
} from '../profiles/sections/cppcc.js';
import { fromDayNumber, type LocalDate, toDayNumber } from '../shared/dates.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result, unreachable } from '../shared/result.js';
import { indexCommittee, unknownCommittee } from './committee.js';
import { handlingDeadline, workingDaysLate } from './deadlines.js';
import {
  checkLength,
  checkNotBefore,
  checkText,
  duplicateIds,
  type ProposalIssueCode,
  reasonRequired,
  unknownMember,
} from './errors.js';
import {
  CPPCC_POST_LABELS,
  PROPOSAL_ROLE_LABELS,
  PROPOSAL_STATUS_LABELS,
  PROPOSER_KIND_LABELS,
} from './labels.js';
import type {
  CppccCommittee,
  HandlingRound,
  PlenaryMeeting,
  Proposal,
  ProposalActor,
  ProposalBook,
  ProposalDraft,
  ProposalEvent,
  ProposalStatus,
  Proposer,
  UnitAssignment,
} from './types.js';

/**
 * The lifecycle of a proposal 提案 as a state machine over the book of one plenary meeting:
 * submitted within the meeting's window → reviewed by the proposals committee (filed 立案 with the
 * meeting's next number, not filed with a reason, or merged 并案 into a filed proposal) → assigned
 * to a lead unit 主办 and co-units 协办 with deadlines from the profile → units may ask to be
 * relieved (once, with a reason, within days) → the lead unit replies with a category → the
 * proposer rates the reply; not satisfied sends it back for a second handling (once) → closed.
 * Key proposals 重点提案 are followed by a chair with supervision records. Every act returns a new
 * book or every reason it is refused; proposals the act does not touch keep their identity, so a
 * caller stores only what changed.
 */

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

const TRANSITION_OF = new Map(PROPOSAL_TRANSITIONS.map((t) => [t.action, t]));

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

/**
 * A book with no proposal yet.
 *
 * @example
 * const book = emptyProposalBook({ id: 'M10-3', term: 10, session: 3, opensOn: '2025-01-08', closesOn: '2025-01-11' });
 */
export function emptyProposalBook(meeting: PlenaryMeeting): ProposalBook {
  assertLocalDate(meeting.opensOn, 'opensOn');
  assertLocalDate(meeting.closesOn, 'closesOn');
  return { meeting, proposals: [], lastNumber: 0 };
}

/** The members a proposal names: the member, or the joint members (lead first); none for a body. */
export function proposalMembers(proposer: Proposer): readonly string[] {
  switch (proposer.kind) {
    case 'member':
      return [proposer.member];
    case 'joint':
      return proposer.members;
    case 'sector':
    case 'special_committee':
    case 'liaison_group':
      return [];
    default:
      return unreachable(proposer, 'proposer');
  }
}

/** The actor a proposer acts as: the lead member, or the body. */
function proposerActor(proposer: Proposer): { role: ProposalRole; id: string } {
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

function roleNotAllowed(action: ProposalAction, by: ProposalActor, allowed: readonly ProposalRole[]) {
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

function actorMismatch(
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
function checkActor(
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

function invalidTransition(action: ProposalAction, proposal: Proposal): Issue<'CPPCC_INVALID_TRANSITION'> {
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

/** The submission window of a meeting under the profile: from the first day to the last, inclusive. */
export function submissionWindow(
  meeting: PlenaryMeeting,
  rules: CppccRules,
): { readonly from: LocalDate; readonly to: LocalDate } {
  const w = rules.proposals.submissionWindow;
  return {
    from: fromDayNumber(toDayNumber(meeting.opensOn) - w.opensDaysBeforeOpening),
    to: fromDayNumber(toDayNumber(meeting.closesOn) + w.closesDaysAfterClosing),
  };
}

function checkProposer(proposer: Proposer, context: ProposalContext): Issue<ProposalIssueCode>[] {
  const { rules, committee } = context;
  const index = indexCommittee(committee);
  const issues: Issue<ProposalIssueCode>[] = [];
  const path = ['draft', 'proposer'];
  if (!rules.proposals.proposerKinds.includes(proposer.kind)) {
    const kind = PROPOSER_KIND_LABELS[proposer.kind] ?? {
      zh: String(proposer.kind),
      en: String(proposer.kind),
    };
    issues.push(
      issue(
        'CPPCC_PROPOSER_KIND_NOT_ALLOWED',
        {
          zh: `本县不接受${kind.zh}`,
          en: `the county does not accept a ${kind.en}`,
        },
        [...path, 'kind'],
        { kind: proposer.kind, allowed: rules.proposals.proposerKinds, known: PROPOSER_KINDS },
      ),
    );
  }
  switch (proposer.kind) {
    case 'member':
      if (!index.members.has(proposer.member))
        issues.push(unknownMember(proposer.member, [...path, 'member']));
      break;
    case 'joint': {
      const { min, max } = rules.proposals.jointMembers;
      const n = proposer.members.length;
      if (n < min || n > max) {
        issues.push(
          issue(
            'CPPCC_JOINT_SIZE',
            {
              zh: `联名提案有 ${n} 名提案人，规定为 ${min}–${max} 名（含领衔人）`,
              en: `a joint proposal has ${n} signers; the rule is ${min}–${max}, the lead proposer included`,
            },
            [...path, 'members'],
            { count: n, min, max },
          ),
        );
      }
      issues.push(
        ...duplicateIds(proposer.members, { zh: '联名提案人', en: 'joint proposer' }, (i) => [
          ...path,
          'members',
          i,
        ]),
      );
      proposer.members.forEach((m, i) => {
        if (!index.members.has(m)) issues.push(unknownMember(m, [...path, 'members', i]));
      });
      break;
    }
    case 'sector':
      if (!rules.sectors.some((s) => s.code === proposer.sector)) {
        issues.push(
          issue(
            'CPPCC_UNKNOWN_SECTOR',
            { zh: `界别“${proposer.sector}”不存在`, en: `there is no sector "${proposer.sector}"` },
            [...path, 'sector'],
            { sector: proposer.sector },
          ),
        );
      }
      break;
    case 'special_committee':
      if (!rules.specialCommittees.some((c) => c.code === proposer.committee)) {
        issues.push(unknownCommittee(proposer.committee, [...path, 'committee']));
      }
      break;
    case 'liaison_group':
      if (!index.townships.has(proposer.township)) {
        issues.push(
          issue(
            'CPPCC_UNKNOWN_TOWNSHIP',
            {
              zh: `乡镇“${proposer.township}”不存在，无从以其联络组名义提案`,
              en: `there is no township "${proposer.township}" whose liaison group could put a proposal`,
            },
            [...path, 'township'],
            { township: proposer.township },
          ),
        );
      }
      break;
    default:
      return unreachable(proposer, 'proposer');
  }
  return issues;
}

function submit(
  book: ProposalBook,
  draft: ProposalDraft,
  context: ProposalContext,
): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, rules } = context;
  const text = rules.proposals.text;
  const issues: Issue<ProposalIssueCode>[] = [
    ...checkActor('submit', null, draft.proposer, context),
    ...checkText(draft.id, { zh: '提案编号', en: 'the proposal id' }, ['draft', 'id']),
    ...checkText(draft.title, { zh: '提案标题', en: 'the title' }, ['draft', 'title']),
    ...checkText(draft.reasons, { zh: '案由', en: 'the reasons' }, ['draft', 'reasons']),
    ...checkText(draft.suggestions, { zh: '建议', en: 'the suggestions' }, ['draft', 'suggestions']),
    ...checkLength(draft.title ?? '', text.titleMax, { zh: '提案标题', en: 'the title' }, ['draft', 'title']),
    ...checkLength(draft.reasons ?? '', text.bodyMax, { zh: '案由', en: 'the reasons' }, [
      'draft',
      'reasons',
    ]),
    ...checkLength(draft.suggestions ?? '', text.bodyMax, { zh: '建议', en: 'the suggestions' }, [
      'draft',
      'suggestions',
    ]),
    ...checkProposer(draft.proposer, context),
  ];
  const first = book.proposals.find((p) => p.id === draft.id);
  if (first !== undefined) {
    issues.push(
      issue(
        'CPPCC_DUPLICATE_ID',
        {
          zh: `提案编号“${draft.id}”已于 ${first.submittedOn} 使用`,
          en: `proposal id "${draft.id}" was already used on ${first.submittedOn}`,
        },
        ['draft', 'id'],
        { id: draft.id },
      ),
    );
  }
  if (!rules.proposals.subjectAreas.some((a) => a.code === draft.subjectArea)) {
    issues.push(
      issue(
        'CPPCC_UNKNOWN_SUBJECT_AREA',
        {
          zh: `提案类别“${draft.subjectArea}”不存在`,
          en: `there is no subject area "${draft.subjectArea}"`,
        },
        ['draft', 'subjectArea'],
        { subjectArea: draft.subjectArea, known: rules.proposals.subjectAreas.map((a) => a.code) },
      ),
    );
  }
  const window = submissionWindow(book.meeting, rules);
  if (on < window.from || on > window.to) {
    issues.push(
      issue(
        'CPPCC_OUTSIDE_SUBMISSION_WINDOW',
        {
          zh: `${on} 不在本次会议的提案提交时间（${window.from} 至 ${window.to}）内`,
          en: `${on} is outside the meeting's submission window (${window.from} to ${window.to})`,
        },
        ['on'],
        { on, from: window.from, to: window.to },
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  const proposal: Proposal = {
    id: draft.id,
    proposer: draft.proposer,
    title: draft.title,
    reasons: draft.reasons,
    suggestions: draft.suggestions,
    subjectArea: draft.subjectArea,
    meeting: book.meeting.id,
    status: 'submitted',
    submittedOn: on,
    submittedBy: by,
    review: null,
    number: null,
    mergedFrom: [],
    units: [],
    reassignments: [],
    coOpinions: [],
    rounds: [],
    key: null,
    supervision: [],
    closedOn: null,
    events: [{ type: 'submitted', on, by }],
  };
  return ok({ ...book, proposals: [...book.proposals, proposal] });
}

function withEvent(
  proposal: Proposal,
  event: ProposalEvent,
  changes: Partial<Omit<Proposal, 'events'>>,
): Proposal {
  return { ...proposal, ...changes, events: [...proposal.events, event] };
}

function replace(
  book: ProposalBook,
  updates: readonly Proposal[],
  lastNumber = book.lastNumber,
): ProposalBook {
  const byId = new Map(updates.map((p) => [p.id, p]));
  return { ...book, lastNumber, proposals: book.proposals.map((p) => byId.get(p.id) ?? p) };
}

function currentRound(proposal: Proposal): HandlingRound | undefined {
  return proposal.rounds[proposal.rounds.length - 1];
}

function pendingRequest(proposal: Proposal) {
  return proposal.reassignments.find((r) => r.decision === null);
}

/**
 * Applies one act to the book of a plenary meeting and returns the new book, or every reason it is
 * refused: an unknown proposal, an act its status does not allow, the wrong role or actor (a
 * proposer acts only for its own proposal, a unit only on what it handles, a chair only on the key
 * proposal they follow), a date before the proposal's last step, and the act's own rules (the
 * submission window, the proposer and text rules, the merge target, the units, reassignment once
 * within the window and with a reason, a reason for not filing and for not being satisfied, the
 * rating window, the key-proposal limit and supervisor). Replies after the deadline are taken and
 * marked late, in working days.
 *
 * @example
 * let book = emptyProposalBook(meeting);
 * book = unwrap(applyProposalCommand(book, { type: 'submit', draft }, { by: { role: 'member', id: 'M001' }, on: '2025-01-09', rules, committee, calendar }));
 * book = unwrap(applyProposalCommand(book, { type: 'file', proposal: draft.id }, { by: { role: 'proposals_committee', id: 'PC' }, on: '2025-01-20', rules, committee, calendar }));
 * book.proposals[0]?.number; // 1
 */
export function applyProposalCommand(
  book: ProposalBook,
  command: ProposalCommand,
  context: ProposalContext,
): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, rules, calendar } = context;
  assertLocalDate(on, 'on');
  if (command.type === 'submit') return submit(book, command.draft, context);
  const proposal = book.proposals.find((p) => p.id === command.proposal);
  if (proposal === undefined) {
    return fail([
      issue(
        'CPPCC_UNKNOWN_PROPOSAL',
        {
          zh: `本次会议没有编号为“${command.proposal}”的提案`,
          en: `the meeting has no proposal "${command.proposal}"`,
        },
        ['proposal'],
        { proposal: command.proposal },
      ),
    ]);
  }
  const issues: Issue<ProposalIssueCode>[] = [
    ...checkActor(command.type, proposal, proposal.proposer, context),
    ...checkNotBefore(on, proposal.events[proposal.events.length - 1]?.on),
  ];
  if (!TRANSITION_OF.get(command.type)!.from.includes(proposal.status)) {
    issues.push(invalidTransition(command.type, proposal));
    return fail(issues);
  }
  const p = rules.proposals;
  switch (command.type) {
    case 'file': {
      if (issues.length > 0) return fail(issues);
      const number = book.lastNumber + 1;
      return ok(
        replace(
          book,
          [
            withEvent(
              proposal,
              { type: 'filed', number, on, by },
              { status: 'filed', number, review: { decision: 'filed', number, on, by } },
            ),
          ],
          number,
        ),
      );
    }
    case 'not_file': {
      const reason = command.reason?.trim() ? command.reason : null;
      if (reason === null && p.requireReasonWhenNotFiled) {
        issues.push(reasonRequired({ zh: '不予立案', en: 'not filing a proposal' }, ['reason']));
      }
      if (issues.length > 0) return fail(issues);
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'not_filed', outcome: command.outcome, on, by },
            {
              status: 'not_filed',
              review: { decision: 'not_filed', outcome: command.outcome, reason, on, by },
            },
          ),
        ]),
      );
    }
    case 'merge': {
      const target = book.proposals.find((t) => t.id === command.into);
      if (
        target === undefined ||
        target.id === proposal.id ||
        (target.status !== 'filed' && target.status !== 'assigned')
      ) {
        issues.push(
          issue(
            'CPPCC_MERGE_TARGET_INVALID',
            target === undefined
              ? {
                  zh: `本次会议没有编号为“${command.into}”的提案可并入`,
                  en: `the meeting has no proposal "${command.into}" to merge into`,
                }
              : target.id === proposal.id
                ? { zh: '提案不能并入自身', en: 'a proposal cannot be merged into itself' }
                : {
                    zh: `提案“${target.id}”${PROPOSAL_STATUS_LABELS[target.status].zh}，只能并入已立案、尚未答复的提案`,
                    en: `proposal "${target.id}" is ${PROPOSAL_STATUS_LABELS[target.status].en}; only a filed proposal not yet replied to can absorb another`,
                  },
            ['into'],
            { into: command.into, status: target?.status ?? null },
          ),
        );
      }
      if (target !== undefined) {
        // The merge is a step of the target's record too, and its time runs forward as well.
        issues.push(...checkNotBefore(on, target.events[target.events.length - 1]?.on, ['into']));
      }
      if (issues.length > 0 || target === undefined) return fail(issues);
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'merged', into: target.id, on, by },
            { status: 'merged', review: { decision: 'merged', into: target.id, on, by } },
          ),
          withEvent(
            target,
            { type: 'absorbed', proposal: proposal.id, on, by },
            { mergedFrom: [...target.mergedFrom, proposal.id] },
          ),
        ]),
      );
    }
    case 'assign': {
      issues.push(...checkText(command.lead, { zh: '主办单位', en: 'the lead unit' }, ['lead']));
      command.coUnits.forEach((u, i) => {
        issues.push(...checkText(u, { zh: `第 ${i} 个协办单位`, en: `co-unit ${i}` }, ['coUnits', i]));
      });
      issues.push(...duplicateIds(command.coUnits, { zh: '协办单位', en: 'co-unit' }, (i) => ['coUnits', i]));
      if (command.coUnits.includes(command.lead)) {
        issues.push(
          issue(
            'CPPCC_LEAD_ALSO_CO_UNIT',
            {
              zh: `主办单位“${command.lead}”不能同时为协办单位`,
              en: `the lead unit "${command.lead}" cannot also be a co-unit`,
            },
            ['coUnits', command.coUnits.indexOf(command.lead)],
            { unit: command.lead },
          ),
        );
      }
      if (command.coUnits.length > p.maxCoUnits) {
        issues.push(
          issue(
            'CPPCC_TOO_MANY_CO_UNITS',
            {
              zh: `协办单位 ${command.coUnits.length} 个，最多 ${p.maxCoUnits} 个`,
              en: `${command.coUnits.length} co-units; at most ${p.maxCoUnits}`,
            },
            ['coUnits'],
            { count: command.coUnits.length, max: p.maxCoUnits },
          ),
        );
      }
      if (issues.length > 0) return fail(issues);
      const lead = handlingDeadline(on, p.deadlines.lead, calendar);
      const co = handlingDeadline(on, p.deadlines.coUnit, calendar);
      const units: UnitAssignment[] = [
        {
          unit: command.lead,
          role: 'lead',
          assignedOn: on,
          dueOn: lead.dueOn,
          dueOnProvisional: lead.provisional,
        },
        ...command.coUnits.map(
          (unit): UnitAssignment => ({
            unit,
            role: 'co',
            assignedOn: on,
            dueOn: co.dueOn,
            dueOnProvisional: co.provisional,
          }),
        ),
      ];
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'assigned', lead: command.lead, coUnits: command.coUnits, on, by },
            {
              status: 'assigned',
              units,
              rounds: [
                {
                  round: 1,
                  startedOn: on,
                  dueOn: lead.dueOn,
                  dueOnProvisional: lead.provisional,
                  reply: null,
                  rating: null,
                },
              ],
            },
          ),
        ]),
      );
    }
    case 'request_reassignment': {
      issues.push(
        ...checkText(command.reason, { zh: '申请调整的理由', en: 'the reason for the request' }, ['reason']),
      );
      const unit = proposal.units.find((u) => u.unit === by.id);
      if (pendingRequest(proposal) !== undefined) issues.push(pending(proposal));
      if (unit !== undefined) {
        const asked = proposal.reassignments.filter((r) => r.unit === unit.unit).length;
        const max = p.reassignment.maxRequestsPerUnit;
        if (asked >= max) {
          issues.push(
            issue(
              'CPPCC_REASSIGNMENT_LIMIT',
              {
                zh: `“${unit.unit}”已申请调整 ${asked} 次，每个单位最多 ${max} 次`,
                en: `"${unit.unit}" has asked ${asked} time(s) already; a unit may ask ${max} time(s)`,
              },
              ['by', 'id'],
              { unit: unit.unit, asked, max },
            ),
          );
        }
        const days = workingDaysLate(calendar, unit.assignedOn, on);
        const within = p.reassignment.withinWorkingDays;
        if (days > within) {
          issues.push(
            issue(
              'CPPCC_REASSIGNMENT_WINDOW_CLOSED',
              {
                zh: `交办后 ${within} 个工作日内可申请调整，现已过 ${days} 个工作日（交办日 ${unit.assignedOn}）`,
                en: `a unit may ask within ${within} working days of assignment; ${days} have passed since ${unit.assignedOn}`,
              },
              ['on'],
              { assignedOn: unit.assignedOn, workingDays: days, within },
            ),
          );
        }
      }
      if (issues.length > 0 || unit === undefined) return fail(issues);
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'reassignment_requested', unit: unit.unit, on, by },
            {
              reassignments: [
                ...proposal.reassignments,
                { unit: unit.unit, role: unit.role, reason: command.reason, requestedOn: on, decision: null },
              ],
            },
          ),
        ]),
      );
    }
    case 'decide_reassignment': {
      const request = pendingRequest(proposal);
      if (request === undefined) {
        issues.push(
          issue(
            'CPPCC_NO_REASSIGNMENT_PENDING',
            {
              zh: `提案“${proposal.id}”没有待决定的调整申请`,
              en: `proposal "${proposal.id}" has no reassignment request to decide`,
            },
            ['proposal'],
          ),
        );
      }
      if (command.decision === 'approve') {
        issues.push(...checkText(command.to, { zh: '新的承办单位', en: 'the new unit' }, ['to']));
        if (proposal.units.some((u) => u.unit === command.to)) {
          issues.push(
            issue(
              'CPPCC_UNIT_ALREADY_ASSIGNED',
              {
                zh: `“${command.to}”已在承办此提案`,
                en: `"${command.to}" is already handling the proposal`,
              },
              ['to'],
              { unit: command.to },
            ),
          );
        }
      } else {
        issues.push(
          ...checkText(command.reason, { zh: '不同意调整的理由', en: 'the reason for refusing' }, ['reason']),
        );
      }
      if (issues.length > 0 || request === undefined) return fail(issues);
      const index = proposal.reassignments.indexOf(request);
      const decided = [...proposal.reassignments];
      if (command.decision === 'refuse') {
        decided[index] = { ...request, decision: { approved: false, reason: command.reason, on, by } };
        return ok(
          replace(book, [
            withEvent(
              proposal,
              { type: 'reassignment_decided', unit: request.unit, approved: false, to: null, on, by },
              { reassignments: decided },
            ),
          ]),
        );
      }
      decided[index] = { ...request, decision: { approved: true, to: command.to, on, by } };
      const old = proposal.units.find((u) => u.unit === request.unit)!;
      const restart = p.reassignment.restartDeadline;
      const due = restart
        ? handlingDeadline(on, old.role === 'lead' ? p.deadlines.lead : p.deadlines.coUnit, calendar)
        : { dueOn: old.dueOn, provisional: old.dueOnProvisional };
      const taken: UnitAssignment = {
        unit: command.to,
        role: old.role,
        assignedOn: on,
        dueOn: due.dueOn,
        dueOnProvisional: due.provisional,
      };
      const rounds =
        old.role === 'lead'
          ? proposal.rounds.map((r, i) =>
              i === proposal.rounds.length - 1
                ? { ...r, dueOn: due.dueOn, dueOnProvisional: due.provisional }
                : r,
            )
          : proposal.rounds;
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'reassignment_decided', unit: request.unit, approved: true, to: command.to, on, by },
            {
              reassignments: decided,
              units: proposal.units.map((u) => (u.unit === request.unit ? taken : u)),
              rounds,
            },
          ),
        ]),
      );
    }
    case 'co_opinion': {
      issues.push(
        ...checkText(command.text, { zh: '协办意见', en: 'the opinion' }, ['text']),
        ...checkLength(command.text ?? '', p.text.bodyMax, { zh: '协办意见', en: 'the opinion' }, ['text']),
      );
      const round = currentRound(proposal)!;
      const unit = proposal.units.find((u) => u.unit === by.id);
      if (proposal.coOpinions.some((o) => o.unit === by.id && o.round === round.round)) {
        issues.push(
          issue(
            'CPPCC_CO_OPINION_EXISTS',
            {
              zh: `“${by.id}”本轮已提出协办意见`,
              en: `"${by.id}" has already given its opinion in this round`,
            },
            ['by', 'id'],
            { unit: by.id, round: round.round },
          ),
        );
      }
      const request = pendingRequest(proposal);
      if (request !== undefined && request.unit === by.id) issues.push(pending(proposal));
      if (issues.length > 0 || unit === undefined) return fail(issues);
      const dueOn = round.round === 1 ? unit.dueOn : round.dueOn;
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'co_opinion', unit: unit.unit, on, by },
            {
              coOpinions: [
                ...proposal.coOpinions,
                {
                  unit: unit.unit,
                  round: round.round,
                  text: command.text,
                  on,
                  dueOn,
                  late: workingDaysLate(calendar, dueOn, on) > 0,
                },
              ],
            },
          ),
        ]),
      );
    }
    case 'reply': {
      issues.push(
        ...checkText(command.text, { zh: '答复内容', en: 'the reply' }, ['text']),
        ...checkLength(command.text ?? '', p.text.bodyMax, { zh: '答复内容', en: 'the reply' }, ['text']),
      );
      const request = pendingRequest(proposal);
      if (request !== undefined && request.unit === by.id) issues.push(pending(proposal));
      if (issues.length > 0) return fail(issues);
      const round = currentRound(proposal)!;
      const overdue = workingDaysLate(calendar, round.dueOn, on);
      const reply = {
        unit: by.id,
        category: command.category,
        text: command.text,
        on,
        by,
        overdueWorkingDays: overdue,
        late: overdue > 0,
      };
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'replied', round: round.round, category: command.category, late: reply.late, on, by },
            {
              status: 'replied',
              rounds: proposal.rounds.map((r) => (r === round ? { ...r, reply } : r)),
            },
          ),
        ]),
      );
    }
    case 'rate': {
      const reason = command.reason?.trim() ? command.reason : null;
      if (
        command.level === 'not_satisfied' &&
        reason === null &&
        p.satisfaction.requireReasonWhenNotSatisfied
      ) {
        issues.push(
          reasonRequired({ zh: '对答复不满意', en: 'not being satisfied with a reply' }, ['reason']),
        );
      }
      if (issues.length > 0) return fail(issues);
      const round = currentRound(proposal)!;
      const rated = { ...round, rating: { level: command.level, reason, on, by } };
      const rounds = proposal.rounds.map((r) => (r === round ? rated : r));
      const rating: ProposalEvent = { type: 'rated', round: round.round, level: command.level, on, by };
      if (command.level === 'not_satisfied' && round.round <= p.secondHandlingRounds) {
        const due = handlingDeadline(on, p.deadlines.secondHandling, calendar);
        const next: HandlingRound = {
          round: round.round + 1,
          startedOn: on,
          dueOn: due.dueOn,
          dueOnProvisional: due.provisional,
          reply: null,
          rating: null,
        };
        const updated = withEvent(proposal, rating, { status: 'second_handling', rounds: [...rounds, next] });
        return ok(
          replace(book, [withEvent(updated, { type: 'second_handling', dueOn: due.dueOn, on, by }, {})]),
        );
      }
      const updated = withEvent(proposal, rating, { status: 'closed', rounds, closedOn: on });
      return ok(replace(book, [withEvent(updated, { type: 'closed', rated: true, on, by }, {})]));
    }
    case 'close_unrated': {
      const round = currentRound(proposal)!;
      const repliedOn = round.reply!.on;
      const ratingDue = handlingDeadline(
        repliedOn,
        { unit: 'working_days', count: p.satisfaction.rateWithinWorkingDays },
        calendar,
      );
      if (on <= ratingDue.dueOn) {
        issues.push(
          issue(
            'CPPCC_RATING_WINDOW_OPEN',
            {
              zh: `提案人可在 ${ratingDue.dueOn} 前反馈意见（答复日 ${repliedOn} 后 ${p.satisfaction.rateWithinWorkingDays} 个工作日），期满后方可按未反馈办结`,
              en: `the proposer may rate the reply until ${ratingDue.dueOn} (${p.satisfaction.rateWithinWorkingDays} working days after ${repliedOn}); it can be closed unrated after that`,
            },
            ['on'],
            { repliedOn, ratingDueOn: ratingDue.dueOn },
          ),
        );
      }
      if (issues.length > 0) return fail(issues);
      return ok(
        replace(book, [
          withEvent(proposal, { type: 'closed', rated: false, on, by }, { status: 'closed', closedOn: on }),
        ]),
      );
    }
    case 'designate_key': {
      const k = p.keyProposals;
      if (proposal.key !== null) {
        issues.push(
          issue(
            'CPPCC_ALREADY_KEY',
            {
              zh: `提案“${proposal.id}”已于 ${proposal.key.on} 确定为重点提案`,
              en: `proposal "${proposal.id}" was made a key proposal on ${proposal.key.on}`,
            },
            ['proposal'],
            { on: proposal.key.on },
          ),
        );
      }
      const keys = book.proposals.filter((x) => x.key !== null).length;
      if (proposal.key === null && keys >= k.maxPerMeeting) {
        issues.push(
          issue(
            'CPPCC_KEY_LIMIT_REACHED',
            {
              zh: `本次会议已有重点提案 ${keys} 件，最多 ${k.maxPerMeeting} 件`,
              en: `the meeting already has ${keys} key proposals; at most ${k.maxPerMeeting}`,
            },
            ['proposal'],
            { count: keys, max: k.maxPerMeeting },
          ),
        );
      }
      const posts = indexCommittee(context.committee).posts.get(command.supervisor) ?? [];
      if (!posts.some((post) => k.supervisorPosts.includes(post))) {
        const names = k.supervisorPosts.map((post) => CPPCC_POST_LABELS[post]);
        issues.push(
          issue(
            'CPPCC_SUPERVISOR_NOT_ELIGIBLE',
            {
              zh: `“${command.supervisor}”不是县政协${names.map((n) => n.zh).join('或')}，不能督办重点提案`,
              en: `"${command.supervisor}" is not the CPPCC's ${names.map((n) => n.en).join(' or ')} and cannot follow a key proposal`,
            },
            ['supervisor'],
            { supervisor: command.supervisor, posts, eligible: k.supervisorPosts },
          ),
        );
      }
      if (issues.length > 0) return fail(issues);
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'designated_key', supervisor: command.supervisor, on, by },
            { key: { supervisor: command.supervisor, on, by } },
          ),
        ]),
      );
    }
    case 'supervise': {
      if (proposal.key === null) {
        issues.push(
          issue(
            'CPPCC_NOT_KEY_PROPOSAL',
            {
              zh: `提案“${proposal.id}”不是重点提案，无需督办记录`,
              en: `proposal "${proposal.id}" is not a key proposal; it has no supervisor`,
            },
            ['proposal'],
          ),
        );
      }
      issues.push(
        ...checkText(command.summary, { zh: '督办情况', en: 'the supervision summary' }, ['summary']),
      );
      if (issues.length > 0) return fail(issues);
      return ok(
        replace(book, [
          withEvent(
            proposal,
            { type: 'supervised', on, by },
            { supervision: [...proposal.supervision, { summary: command.summary, on, by }] },
          ),
        ]),
      );
    }
    default:
      return unreachable(command, 'proposal command');
  }
}

function pending(proposal: Proposal): Issue<'CPPCC_REASSIGNMENT_PENDING'> {
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
