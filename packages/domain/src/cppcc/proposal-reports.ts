import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { assertLocalDate } from '../consultation/days.js';
import type { CppccRules } from '../profiles/schema.js';
import {
  PROPOSER_KINDS,
  type ProposerKind,
  REPLY_CATEGORIES,
  type ReplyCategory,
  SATISFACTION_LEVELS,
  type SatisfactionLevel,
} from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { indexCommittee, meetingLabel } from './committee.js';
import { handlingDeadline, workingDaysLate } from './deadlines.js';
import type { ProposalFindingCode } from './errors.js';
import { PROPOSER_KIND_LABELS } from './labels.js';
import type { CppccCommittee, HandlingRound, Proposal, ProposalBook, ProposalStatus } from './types.js';

/**
 * Follow-up and statistics of proposals: what is late, overdue, unsupervised or unrated on a day,
 * and the figures a CPPCC reports per plenary meeting, sector, subject area and unit (立案率、办复率、
 * 按时办复率、采纳率、满意率). Findings never refuse anything; they are what the office chases.
 */

/** What the reports read: the day, the rules, the calendar and the committee (for members' sectors). */
export interface ProposalReportContext {
  readonly asOf: LocalDate;
  readonly rules: CppccRules;
  readonly calendar: WorkingDayCalendar;
  readonly committee: CppccCommittee;
}

/** Where one proposal stands on a day, and what is wrong with it. */
export interface ProposalFollowUp {
  readonly proposal: string;
  readonly number: number | null;
  readonly status: ProposalStatus;
  /** The current round's lead-unit due day; null before assignment. */
  readonly dueOn: LocalDate | null;
  readonly dueOnProvisional: boolean;
  /** Working days the current round's reply is overdue as of `asOf` (0 when replied or not yet due). */
  readonly overdueWorkingDays: number;
  /** The last day the proposer may rate the current reply; null without one. */
  readonly ratingDueOn: LocalDate | null;
  readonly findings: readonly Issue<ProposalFindingCode>[];
}

function label(proposal: Proposal): string {
  return proposal.number === null ? proposal.id : `${proposal.id}（${proposal.number}）`;
}

/**
 * Where a proposal stands on `asOf`: the current due day and how many working days it is overdue,
 * and the findings — a reply overdue (`CPPCC_REPLY_OVERDUE`) or given late (`CPPCC_REPLY_LATE`), a
 * co-unit's opinion overdue or late, a key proposal replied to with too few supervision records,
 * a reply the proposer did not rate in time.
 *
 * @example
 * proposalFollowUp(book.proposals[0]!, { asOf: '2025-06-30', rules, calendar, committee }).findings.map((f) => f.code)
 * // ['CPPCC_REPLY_OVERDUE'] when the lead unit has not replied by its due day
 */
export function proposalFollowUp(proposal: Proposal, context: ProposalReportContext): ProposalFollowUp {
  const { asOf, rules, calendar } = context;
  assertLocalDate(asOf, 'asOf');
  const findings: Issue<ProposalFindingCode>[] = [];
  const round = proposal.rounds[proposal.rounds.length - 1];
  let overdueWorkingDays = 0;
  proposal.rounds.forEach((r, i) => {
    if (r.reply === null) {
      if (proposal.status === 'closed') return;
      const days = workingDaysLate(calendar, r.dueOn, asOf);
      if (days === 0) return;
      overdueWorkingDays = days;
      findings.push(
        issue(
          'CPPCC_REPLY_OVERDUE',
          {
            zh: `提案${label(proposal)}${r.round > 1 ? '再次办理' : ''}应于 ${r.dueOn} 前答复，已逾期 ${days} 个工作日`,
            en: `proposal ${label(proposal)}${r.round > 1 ? ' (second handling)' : ''} was due for a reply on ${r.dueOn}; ${days} working days overdue`,
          },
          ['rounds', i],
          { round: r.round, dueOn: r.dueOn, overdueWorkingDays: days, provisional: r.dueOnProvisional },
        ),
      );
    } else if (r.reply.late) {
      findings.push(
        issue(
          'CPPCC_REPLY_LATE',
          {
            zh: `提案${label(proposal)}应于 ${r.dueOn} 前答复，${r.reply.on} 答复，逾期 ${r.reply.overdueWorkingDays} 个工作日`,
            en: `proposal ${label(proposal)} was due for a reply on ${r.dueOn} and was answered on ${r.reply.on}, ${r.reply.overdueWorkingDays} working days late`,
          },
          ['rounds', i, 'reply'],
          {
            round: r.round,
            dueOn: r.dueOn,
            repliedOn: r.reply.on,
            overdueWorkingDays: r.reply.overdueWorkingDays,
          },
        ),
      );
    }
  });
  proposal.units.forEach((unit, i) => {
    if (unit.role !== 'co') return;
    const opinion = proposal.coOpinions.find((o) => o.unit === unit.unit && o.round === 1);
    // A proposal closed without the opinion: it was overdue by the day it closed.
    const late = opinion === undefined ? workingDaysLate(calendar, unit.dueOn, proposal.closedOn ?? asOf) : 0;
    if (opinion?.late === true || (opinion === undefined && late > 0)) {
      findings.push(
        issue(
          'CPPCC_CO_OPINION_OVERDUE',
          opinion === undefined
            ? {
                zh: `协办单位“${unit.unit}”应于 ${unit.dueOn} 前提出协办意见，已逾期 ${late} 个工作日`,
                en: `co-unit "${unit.unit}" owed its opinion by ${unit.dueOn}; ${late} working days overdue`,
              }
            : {
                zh: `协办单位“${unit.unit}”应于 ${unit.dueOn} 前提出协办意见，${opinion.on} 提出`,
                en: `co-unit "${unit.unit}" owed its opinion by ${unit.dueOn} and gave it on ${opinion.on}`,
              },
          ['units', i],
          { unit: unit.unit, dueOn: unit.dueOn, givenOn: opinion?.on ?? null },
        ),
      );
    }
  });
  const min = rules.proposals.keyProposals.minSupervisionRecords;
  const handled =
    proposal.status === 'replied' || proposal.status === 'second_handling' || proposal.status === 'closed';
  if (proposal.key !== null && handled && proposal.supervision.length < min) {
    findings.push(
      issue(
        'CPPCC_KEY_NOT_SUPERVISED',
        {
          zh: `重点提案${label(proposal)}已答复，督办记录 ${proposal.supervision.length} 条，应至少 ${min} 条`,
          en: `key proposal ${label(proposal)} has been replied to with ${proposal.supervision.length} supervision records; at least ${min} are expected`,
        },
        ['supervision'],
        { supervisor: proposal.key.supervisor, records: proposal.supervision.length, min },
      ),
    );
  }
  let ratingDueOn: LocalDate | null = null;
  if (round?.reply !== undefined && round.reply !== null) {
    ratingDueOn = handlingDeadline(
      round.reply.on,
      { unit: 'working_days', count: rules.proposals.satisfaction.rateWithinWorkingDays },
      calendar,
    ).dueOn;
    const unrated = round.rating === null && (proposal.status === 'closed' || asOf > ratingDueOn);
    if (unrated) {
      findings.push(
        issue(
          'CPPCC_NOT_RATED',
          {
            zh: `提案人应于 ${ratingDueOn} 前反馈对提案${label(proposal)}答复的意见，未反馈${proposal.status === 'closed' ? '，已按未反馈办结' : ''}`,
            en: `the proposer was to rate the reply to proposal ${label(proposal)} by ${ratingDueOn} and has not${proposal.status === 'closed' ? '; it was closed unrated' : ''}`,
          },
          ['rounds', proposal.rounds.length - 1, 'rating'],
          { ratingDueOn, closed: proposal.status === 'closed' },
        ),
      );
    }
  }
  return {
    proposal: proposal.id,
    number: proposal.number,
    status: proposal.status,
    dueOn: round?.dueOn ?? null,
    dueOnProvisional: round?.dueOnProvisional ?? false,
    overdueWorkingDays: round?.reply === null ? overdueWorkingDays : 0,
    ratingDueOn,
    findings,
  };
}

/** A share as the CPPCC reports it: `count` of `of`, null when there is nothing to count. */
export interface Rate {
  readonly count: number;
  readonly of: number;
  readonly rate: number | null;
}

function rate(count: number, of: number): Rate {
  return { count, of, rate: of === 0 ? null : count / of };
}

/** The figures of a group of proposals (a meeting, a sector, a subject area, a unit, a kind of proposer). */
export interface HandlingFigures {
  readonly submitted: number;
  /** Filed 立案 with a number. */
  readonly filed: number;
  readonly merged: number;
  readonly notFiled: number;
  readonly underReview: number;
  /** `(filed + merged) / reviewed` (立案率, merged proposals counting as filed 并案立案). */
  readonly filingRate: Rate;
  readonly assigned: number;
  /** Proposals with a reply of their first round / proposals assigned (办复率). */
  readonly replyRate: Rate;
  /** Replies not late / replies plus rounds overdue without one (按时办复率). */
  readonly onTimeRate: Rate;
  /** Latest replies in the profile's adopted categories / proposals replied to (采纳率). */
  readonly adoptionRate: Rate;
  /** Latest ratings the profile counts as satisfied / proposals whose latest round is rated (满意率). */
  readonly satisfactionRate: Rate;
  readonly categories: { readonly [C in ReplyCategory]: number };
  readonly ratings: { readonly [L in SatisfactionLevel]: number } & { readonly unrated: number };
  readonly secondHandling: number;
  readonly keyProposals: number;
  readonly closed: number;
}

function latestReply(proposal: Proposal) {
  for (let i = proposal.rounds.length - 1; i >= 0; i--) {
    const reply = proposal.rounds[i]!.reply;
    if (reply !== null) return reply;
  }
  return null;
}

function figuresOf(proposals: readonly Proposal[], context: ProposalReportContext): HandlingFigures {
  const { rules, calendar, asOf } = context;
  const adopted = new Set(rules.proposals.adoptedCategories);
  const counted = new Set(rules.proposals.satisfaction.counted);
  const categories = Object.fromEntries(REPLY_CATEGORIES.map((c) => [c, 0])) as Record<ReplyCategory, number>;
  const ratings = {
    ...(Object.fromEntries(SATISFACTION_LEVELS.map((l) => [l, 0])) as Record<SatisfactionLevel, number>),
    unrated: 0,
  };
  let filed = 0;
  let merged = 0;
  let notFiled = 0;
  let assigned = 0;
  let firstReplied = 0;
  let replies = 0;
  let onTime = 0;
  let overdue = 0;
  let replied = 0;
  let adoptedCount = 0;
  let rated = 0;
  let satisfied = 0;
  let secondHandling = 0;
  let keys = 0;
  let closed = 0;
  for (const p of proposals) {
    const decision = p.review?.decision;
    if (decision === 'filed') filed++;
    else if (decision === 'merged') merged++;
    else if (decision === 'not_filed') notFiled++;
    if (p.key !== null) keys++;
    if (p.status === 'closed') closed++;
    if (p.rounds.length === 0) continue;
    assigned++;
    if (p.rounds[0]!.reply !== null) firstReplied++;
    if (p.rounds.length > 1) secondHandling++;
    for (const r of p.rounds) {
      if (r.reply !== null) {
        replies++;
        if (!r.reply.late) onTime++;
      } else if (p.status !== 'closed' && workingDaysLate(calendar, r.dueOn, asOf) > 0) {
        overdue++;
      }
    }
    const reply = latestReply(p);
    if (reply !== null) {
      replied++;
      categories[reply.category]++;
      if (adopted.has(reply.category)) adoptedCount++;
      const last: HandlingRound = p.rounds[p.rounds.length - 1]!;
      if (last.rating !== null) {
        rated++;
        ratings[last.rating.level]++;
        if (counted.has(last.rating.level)) satisfied++;
      } else if (last.reply !== null) {
        ratings.unrated++;
      }
    }
  }
  return {
    submitted: proposals.length,
    filed,
    merged,
    notFiled,
    underReview: proposals.length - filed - merged - notFiled,
    filingRate: rate(filed + merged, filed + merged + notFiled),
    assigned,
    replyRate: rate(firstReplied, assigned),
    onTimeRate: rate(onTime, replies + overdue),
    adoptionRate: rate(adoptedCount, replied),
    satisfactionRate: rate(satisfied, rated),
    categories,
    ratings,
    secondHandling,
    keyProposals: keys,
    closed,
  };
}

/** Figures of one group, with its code and name. */
export interface GroupFigures extends HandlingFigures {
  readonly code: string;
  readonly name: LocalizedText;
}

/** A handling unit's figures: as lead unit (the proposals it leads now), and as co-unit. */
export interface UnitFigures extends HandlingFigures {
  readonly unit: string;
  readonly coUnit: {
    readonly proposals: number;
    /** Opinions given on time / opinions given plus those overdue. */
    readonly onTimeRate: Rate;
  };
}

/** The statistics of one plenary meeting's proposals. */
export interface ProposalStatistics {
  readonly meeting: string;
  readonly label: LocalizedText;
  readonly asOf: LocalDate;
  readonly total: HandlingFigures;
  readonly byProposerKind: readonly GroupFigures[];
  /** Every sector of the profile; a proposal counts for its member's (the lead's) sector or the sector that put it. */
  readonly bySector: readonly GroupFigures[];
  readonly bySubjectArea: readonly GroupFigures[];
  /** Lead units, by code. */
  readonly byUnit: readonly UnitFigures[];
  readonly keyProposals: readonly {
    readonly proposal: string;
    readonly number: number | null;
    readonly supervisor: string;
    readonly supervisionRecords: number;
    readonly status: ProposalStatus;
  }[];
  /** Every finding of every proposal, in book order. */
  readonly findings: readonly Issue<ProposalFindingCode>[];
}

/**
 * The statistics of a plenary meeting's proposals on `asOf`, as a CPPCC reports them: submitted,
 * filed (立案率), replied (办复率), on time (按时办复率, in working days), adopted (采纳率, by the
 * profile's adopted categories) and satisfaction (满意率, by the profile's counted ratings), overall,
 * per kind of proposer, per sector, per subject area and per lead unit (with co-units' punctuality);
 * the key proposals and their supervision; every follow-up finding.
 *
 * @example
 * const stats = proposalStatistics(book, { asOf: '2025-12-31', rules, calendar, committee });
 * stats.total.onTimeRate; // { count: 118, of: 121, rate: 0.975… }
 * stats.byUnit.find((u) => u.unit === 'county_transport')?.satisfactionRate.rate;
 */
export function proposalStatistics(book: ProposalBook, context: ProposalReportContext): ProposalStatistics {
  const { rules } = context;
  assertLocalDate(context.asOf, 'asOf');
  const members = indexCommittee(context.committee).members;
  const sectorOf = (p: Proposal): string | undefined => {
    switch (p.proposer.kind) {
      case 'member':
        return members.get(p.proposer.member)?.sector;
      case 'joint':
        return members.get(p.proposer.members[0] ?? '')?.sector;
      case 'sector':
        return p.proposer.sector;
      default:
        return undefined;
    }
  };
  const group = <K extends string>(
    codes: readonly { code: K; name: LocalizedText }[],
    of: (p: Proposal) => string | undefined,
  ): GroupFigures[] =>
    codes.map(({ code, name }) => ({
      code,
      name,
      ...figuresOf(
        book.proposals.filter((p) => of(p) === code),
        context,
      ),
    }));
  const units = new Map<string, { lead: Proposal[]; co: Proposal[] }>();
  for (const p of book.proposals) {
    for (const u of p.units) {
      let entry = units.get(u.unit);
      if (entry === undefined) {
        entry = { lead: [], co: [] };
        units.set(u.unit, entry);
      }
      (u.role === 'lead' ? entry.lead : entry.co).push(p);
    }
  }
  const byUnit = [...units.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([unit, { lead, co }]): UnitFigures => {
      let given = 0;
      let onTime = 0;
      let overdue = 0;
      for (const p of co) {
        const assignment = p.units.find((u) => u.unit === unit)!;
        const opinion = p.coOpinions.find((o) => o.unit === unit && o.round === 1);
        if (opinion !== undefined) {
          given++;
          if (!opinion.late) onTime++;
        } else if (workingDaysLate(context.calendar, assignment.dueOn, p.closedOn ?? context.asOf) > 0) {
          overdue++;
        }
      }
      return {
        unit,
        ...figuresOf(lead, context),
        coUnit: { proposals: co.length, onTimeRate: rate(onTime, given + overdue) },
      };
    });
  return {
    meeting: book.meeting.id,
    label: meetingLabel(book.meeting),
    asOf: context.asOf,
    total: figuresOf(book.proposals, context),
    byProposerKind: group(
      PROPOSER_KINDS.map((k: ProposerKind) => ({ code: k, name: PROPOSER_KIND_LABELS[k] })),
      (p) => p.proposer.kind,
    ),
    bySector: group(rules.sectors, sectorOf),
    bySubjectArea: group(rules.proposals.subjectAreas, (p) => p.subjectArea),
    byUnit,
    keyProposals: book.proposals
      .filter((p) => p.key !== null)
      .map((p) => ({
        proposal: p.id,
        number: p.number,
        supervisor: p.key!.supervisor,
        supervisionRecords: p.supervision.length,
        status: p.status,
      })),
    findings: book.proposals.flatMap((p) => proposalFollowUp(p, context).findings),
  };
}
