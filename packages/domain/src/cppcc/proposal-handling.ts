import { issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { handlingDeadline, workingDaysLate } from './deadlines.js';
import { checkLength, checkText, duplicateIds, type ProposalIssueCode } from './errors.js';
import { type Act, currentRound, pending, pendingRequest, replace, withEvent } from './proposal-machine.js';
import type { ProposalBook, UnitAssignment } from './types.js';

/** Assigns the lead unit 主办 and co-units 协办, each with its deadline from the profile. */
export function assignProposal({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'assign'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, calendar } = context;
  const p = context.rules.proposals;
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

/** A unit asks once, with a reason and within the window, to be relieved of a proposal. */
export function requestReassignment({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'request_reassignment'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, calendar } = context;
  const p = context.rules.proposals;
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

/** The proposals committee approves a unit's request (naming the unit that takes over) or refuses it with a reason. */
export function decideReassignment({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'decide_reassignment'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, calendar } = context;
  const p = context.rules.proposals;
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

/** A co-unit gives its opinion to the lead unit. */
export function giveCoOpinion({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'co_opinion'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, calendar } = context;
  const p = context.rules.proposals;
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

/** The lead unit replies with a category; a reply after the deadline is taken and marked late. */
export function replyToProposal({
  book,
  proposal,
  command,
  context,
  issues,
}: Act<'reply'>): Result<ProposalBook, ProposalIssueCode> {
  const { by, on, calendar } = context;
  const p = context.rules.proposals;
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
