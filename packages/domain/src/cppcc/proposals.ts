import { assertLocalDate } from '../consultation/days.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, type Result, unreachable } from '../shared/result.js';
import { checkNotBefore, type ProposalIssueCode } from './errors.js';
import { closeUnrated, designateKey, rateReply, superviseProposal } from './proposal-follow-up.js';
import {
  assignProposal,
  decideReassignment,
  giveCoOpinion,
  replyToProposal,
  requestReassignment,
} from './proposal-handling.js';
import {
  checkActor,
  invalidTransition,
  type ProposalCommand,
  type ProposalContext,
  TRANSITION_OF,
} from './proposal-machine.js';
import { fileProposal, mergeProposal, notFileProposal, submit } from './proposal-review.js';
import type { PlenaryMeeting, ProposalBook, Proposer } from './types.js';

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
  const { on } = context;
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
  const act = { book, proposal, context, issues };
  switch (command.type) {
    case 'file':
      return fileProposal({ ...act, command });
    case 'not_file':
      return notFileProposal({ ...act, command });
    case 'merge':
      return mergeProposal({ ...act, command });
    case 'assign':
      return assignProposal({ ...act, command });
    case 'request_reassignment':
      return requestReassignment({ ...act, command });
    case 'decide_reassignment':
      return decideReassignment({ ...act, command });
    case 'co_opinion':
      return giveCoOpinion({ ...act, command });
    case 'reply':
      return replyToProposal({ ...act, command });
    case 'rate':
      return rateReply({ ...act, command });
    case 'close_unrated':
      return closeUnrated({ ...act, command });
    case 'designate_key':
      return designateKey({ ...act, command });
    case 'supervise':
      return superviseProposal({ ...act, command });
    default:
      return unreachable(command, 'proposal command');
  }
}
