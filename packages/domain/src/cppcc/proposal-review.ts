import type { CppccRules } from '../profiles/schema.js';
import { PROPOSER_KINDS } from '../profiles/vocabulary.js';
import { fromDayNumber, type LocalDate, toDayNumber } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result, unreachable } from '../shared/result.js';
import { indexCommittee, unknownCommittee } from './committee.js';
import {
  checkLength,
  checkNotBefore,
  checkText,
  duplicateIds,
  type ProposalIssueCode,
  reasonRequired,
  unknownMember,
} from './errors.js';
import { PROPOSAL_STATUS_LABELS, PROPOSER_KIND_LABELS } from './labels.js';
import { type Act, checkActor, type ProposalContext, replace, withEvent } from './proposal-machine.js';
import type { PlenaryMeeting, Proposal, ProposalBook, ProposalDraft, Proposer } from './types.js';

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

export function submit(
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

/** Files 立案 a proposal under the meeting's next number. */
export function fileProposal({
  book,
  proposal,
  context,
  issues,
}: Act<'file'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on } = context;
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

/** Does not file a proposal (转为意见建议 / 不予立案), with the reason the profile may require. */
export function notFileProposal({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'not_file'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on } = context;
  const p = context.rules.proposals;
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

/** Merges 并案 a proposal into another filed one of the meeting; the step is on both records. */
export function mergeProposal({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'merge'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on } = context;
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
