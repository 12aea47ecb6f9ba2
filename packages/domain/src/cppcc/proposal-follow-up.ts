import { issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { indexCommittee } from './committee.js';
import { handlingDeadline } from './deadlines.js';
import { checkText, type ProposalIssueCode, reasonRequired } from './errors.js';
import { CPPCC_POST_LABELS } from './labels.js';
import { type Act, currentRound, replace, withEvent } from './proposal-machine.js';
import type { HandlingRound, ProposalBook, ProposalEvent } from './types.js';

/** The proposer rates the reply; not satisfied sends it back for a second handling, once. */
export function rateReply({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'rate'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, calendar } = context;
  const p = context.rules.proposals;
  const reason = command.reason?.trim() ? command.reason : null;
  if (command.level === 'not_satisfied' && reason === null && p.satisfaction.requireReasonWhenNotSatisfied) {
    issues.push(reasonRequired({ zh: '对答复不满意', en: 'not being satisfied with a reply' }, ['reason']));
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
    return ok(replace(book, [withEvent(updated, { type: 'second_handling', dueOn: due.dueOn, on, by }, {})]));
  }
  const updated = withEvent(proposal, rating, { status: 'closed', rounds, closedOn: on });
  return ok(replace(book, [withEvent(updated, { type: 'closed', rated: true, on, by }, {})]));
}

/** Closes a proposal whose rating window passed without a rating. */
export function closeUnrated({
  book,
  proposal,
  context,
  issues,
}: Act<'close_unrated'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, calendar } = context;
  const p = context.rules.proposals;
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

/** Designates a key proposal 重点提案 and the chair who follows it. */
export function designateKey({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'designate_key'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on } = context;
  const p = context.rules.proposals;
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

/** The supervising chair records a supervision step of a key proposal. */
export function superviseProposal({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'supervise'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on } = context;
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
  issues.push(...checkText(command.summary, { zh: '督办情况', en: 'the supervision summary' }, ['summary']));
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
