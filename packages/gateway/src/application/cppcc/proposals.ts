import {
  applyProposalCommand,
  type CppccCommittee,
  type DisclosedProposal,
  issue,
  type LocalDate,
  type NotFiledOutcome,
  type Proposal,
  type ProposalBook,
  type ProposalCommand,
  type ProposalStatistics,
  proposalStatistics,
  publicProposals,
  type ReplyCategory,
  type RuleProfile,
  type SatisfactionLevel,
  unreachable,
  type WorkingDayCalendar,
  workingCalendarOf,
} from '@jiceng/domain';
import { ProposalBookRepository, type ProposalTrailEntry } from '@jiceng/persistence';
import { badInput, GatewayError, notFound, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues, TEXT } from '../inputs.js';
import { rulesFor } from '../rules.js';
import {
  type ActingAs,
  type CppccCaller,
  canSeeProposal,
  cppccCallerOf,
  meetingText,
  proposalActorFor,
  proposalText,
  requireCallerMayTake,
} from './access.js';
import { proposalDutyAppend } from './duty.js';

/**
 * The use cases of CPPCC proposals 提案: one function per family of acts of the domain's
 * `ProposalCommand` (submit; review: file, not file, merge; assign; reassignment request and
 * decision; co-unit opinion; reply; rating and closing unrated; key proposal and supervision).
 * Each checks its command with the input collector, reads the book of the plenary meeting and the
 * committee, asks the policy once who the caller acts as (`access.ts`), runs the domain's
 * `applyProposalCommand`, and hands the repository the decided book with the version it was
 * decided on; the repository refuses it (CONFLICT) if another act was stored in between. Every act
 * carries an idempotency key: the same key with the same act answers what is stored, with another
 * act CONFLICT. Acts are dated today in China: a client cannot backdate one.
 */

/** What every act names: the meeting, the idempotency key, optionally the book version it read. */
export interface ProposalActBase {
  readonly meeting: string;
  readonly idempotencyKey: string;
  /** The book's version the client decided on; a later one is refused with CONFLICT. */
  readonly expectedVersion?: number | null;
  readonly actingAs?: ActingAs | null;
}

/** A proposal as put 提交提案. */
export interface SubmitProposalCommand extends ProposalActBase {
  readonly id: string;
  readonly proposer:
    | { readonly kind: 'member'; readonly member: string }
    | { readonly kind: 'joint'; readonly members: readonly string[] }
    | { readonly kind: 'sector'; readonly sector: string }
    | { readonly kind: 'special_committee'; readonly committee: string }
    | { readonly kind: 'liaison_group'; readonly township: string };
  readonly title: string;
  readonly reasons: string;
  readonly suggestions: string;
  readonly subjectArea: string;
}

/** The proposals committee's review 审查. */
export type ReviewProposalCommand = ProposalActBase & { readonly proposal: string } & (
    | { readonly decision: 'file' }
    | { readonly decision: 'not_file'; readonly outcome: NotFiledOutcome; readonly reason?: string | null }
    | { readonly decision: 'merge'; readonly into: string }
  );

export interface AssignProposalCommand extends ProposalActBase {
  readonly proposal: string;
  readonly lead: string;
  readonly coUnits: readonly string[];
}

export interface RequestReassignmentCommand extends ProposalActBase {
  readonly proposal: string;
  readonly reason: string;
}

export type DecideReassignmentCommand = ProposalActBase & { readonly proposal: string } & (
    | { readonly decision: 'approve'; readonly to: string }
    | { readonly decision: 'refuse'; readonly reason: string }
  );

export interface CoOpinionCommand extends ProposalActBase {
  readonly proposal: string;
  readonly text: string;
}

export interface ReplyCommand extends ProposalActBase {
  readonly proposal: string;
  readonly category: ReplyCategory;
  readonly text: string;
}

export interface RateReplyCommand extends ProposalActBase {
  readonly proposal: string;
  readonly level: SatisfactionLevel;
  readonly reason?: string | null;
}

export interface CloseUnratedCommand extends ProposalActBase {
  readonly proposal: string;
}

export interface DesignateKeyCommand extends ProposalActBase {
  readonly proposal: string;
  readonly supervisor: string;
}

export interface SuperviseCommand extends ProposalActBase {
  readonly proposal: string;
  readonly summary: string;
}

/** What an act did: the proposal after it, the book's new version, whether it was a repeat. */
export interface ProposalActOutcome {
  readonly proposal: Proposal;
  readonly meeting: string;
  readonly version: number;
  /** True when the key was stored with this same act before: nothing was written. */
  readonly duplicate: boolean;
}

/** Submits a proposal 提交提案, within the meeting's submission window. */
export function submitProposal(ctx: UseCaseContext, c: SubmitProposalCommand): Promise<ProposalActOutcome> {
  const check = collector(c);
  check.code(c.id, ['id']);
  check.text(c.title, ['title'], TEXT.line);
  check.text(c.reasons, ['reasons'], BODY);
  check.text(c.suggestions, ['suggestions'], BODY);
  check.code(c.subjectArea, ['subjectArea']);
  const p = c.proposer;
  switch (p.kind) {
    case 'member':
      check.code(p.member, ['proposer', 'member']);
      break;
    case 'joint':
      if (p.members.length > 50) check.add(tooMany(['proposer', 'members'], 50));
      for (const [i, m] of p.members.entries()) check.code(m, ['proposer', 'members', i]);
      break;
    case 'sector':
      check.code(p.sector, ['proposer', 'sector']);
      break;
    case 'special_committee':
      check.code(p.committee, ['proposer', 'committee']);
      break;
    case 'liaison_group':
      check.code(p.township, ['proposer', 'township']);
      break;
    default:
      return unreachable(p, 'proposer');
  }
  check.check();
  return act(ctx, c, c.id, {
    type: 'submit',
    draft: {
      id: c.id,
      proposer: p,
      title: c.title,
      reasons: c.reasons,
      suggestions: c.suggestions,
      subjectArea: c.subjectArea,
    },
  });
}

/** Files 立案, does not file (with a reason) or merges 并案 a submitted proposal. */
export function reviewProposal(ctx: UseCaseContext, c: ReviewProposalCommand): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  if (c.decision === 'not_file') check.text(c.reason, ['reason'], TEXT.note);
  if (c.decision === 'merge') check.code(c.into, ['into']);
  check.check();
  const command: ProposalCommand =
    c.decision === 'file'
      ? { type: 'file', proposal: c.proposal }
      : c.decision === 'merge'
        ? { type: 'merge', proposal: c.proposal, into: c.into }
        : {
            type: 'not_file',
            proposal: c.proposal,
            outcome: c.outcome,
            ...(c.reason ? { reason: c.reason } : {}),
          };
  return act(ctx, c, c.proposal, command);
}

/** Assigns 交办 a filed proposal to a lead unit and co-units. */
export function assignProposal(ctx: UseCaseContext, c: AssignProposalCommand): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  check.code(c.lead, ['lead']);
  if (c.coUnits.length > 20) check.add(tooMany(['coUnits'], 20));
  for (const [i, u] of c.coUnits.entries()) check.code(u, ['coUnits', i]);
  check.check();
  return act(ctx, c, c.proposal, {
    type: 'assign',
    proposal: c.proposal,
    lead: c.lead,
    coUnits: [...c.coUnits],
  });
}

/** A unit asks to be relieved of a proposal 申请调整. */
export function requestReassignment(
  ctx: UseCaseContext,
  c: RequestReassignmentCommand,
): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  check.text(c.reason, ['reason'], TEXT.note);
  check.check();
  return act(ctx, c, c.proposal, { type: 'request_reassignment', proposal: c.proposal, reason: c.reason });
}

/** Approves (naming the unit that takes over) or refuses a reassignment request. */
export function decideReassignment(
  ctx: UseCaseContext,
  c: DecideReassignmentCommand,
): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  if (c.decision === 'approve') check.code(c.to, ['to']);
  else check.text(c.reason, ['reason'], TEXT.note);
  check.check();
  return act(
    ctx,
    c,
    c.proposal,
    c.decision === 'approve'
      ? { type: 'decide_reassignment', proposal: c.proposal, decision: 'approve', to: c.to }
      : { type: 'decide_reassignment', proposal: c.proposal, decision: 'refuse', reason: c.reason },
  );
}

/** A co-unit's opinion 协办意见 to the lead unit. */
export function giveCoOpinion(ctx: UseCaseContext, c: CoOpinionCommand): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  check.text(c.text, ['text'], BODY);
  check.check();
  return act(ctx, c, c.proposal, { type: 'co_opinion', proposal: c.proposal, text: c.text });
}

/** The lead unit's reply 答复 with its category. */
export function replyToProposal(ctx: UseCaseContext, c: ReplyCommand): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  check.text(c.text, ['text'], BODY);
  check.check();
  return act(ctx, c, c.proposal, { type: 'reply', proposal: c.proposal, category: c.category, text: c.text });
}

/** The proposer's rating 征询意见 of a reply; not satisfied opens the second handling (once). */
export function rateProposalReply(ctx: UseCaseContext, c: RateReplyCommand): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  check.text(c.reason, ['reason'], TEXT.note);
  check.check();
  return act(ctx, c, c.proposal, {
    type: 'rate',
    proposal: c.proposal,
    level: c.level,
    ...(c.reason ? { reason: c.reason } : {}),
  });
}

/** Closes a reply the proposer did not rate in time 按未反馈办结. */
export function closeProposalUnrated(
  ctx: UseCaseContext,
  c: CloseUnratedCommand,
): Promise<ProposalActOutcome> {
  onProposal(c).check();
  return act(ctx, c, c.proposal, { type: 'close_unrated', proposal: c.proposal });
}

/** Makes a proposal a key proposal 重点提案 followed by a chair or vice-chair. */
export function designateKeyProposal(
  ctx: UseCaseContext,
  c: DesignateKeyCommand,
): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  check.code(c.supervisor, ['supervisor']);
  check.check();
  return act(ctx, c, c.proposal, { type: 'designate_key', proposal: c.proposal, supervisor: c.supervisor });
}

/** A supervision record 督办记录 by the chair who follows a key proposal. */
export function superviseProposal(ctx: UseCaseContext, c: SuperviseCommand): Promise<ProposalActOutcome> {
  const check = onProposal(c);
  check.text(c.summary, ['summary'], BODY);
  check.check();
  return act(ctx, c, c.proposal, { type: 'supervise', proposal: c.proposal, summary: c.summary });
}

// ---------------------------------------------------------------------------------------------

/** Reasons, suggestions, replies: the profile's body limit applies on top (`text.bodyMax`). */
const BODY = { max: 20000, multiline: true } as const;

class ProposalInput extends InputIssues {
  /** A required code or id: not blank, one line of at most 64 characters. */
  code(value: string, path: readonly (string | number)[]): void {
    if (value.trim() === '') {
      this.add(issue('CPPCC_EMPTY_FIELD', { zh: '不能为空', en: 'must not be empty' }, path, {}));
    }
    this.text(value, path, TEXT.code);
  }
}

function tooMany(path: readonly (string | number)[], max: number) {
  return issue('CPPCC_TEXT_TOO_LONG', { zh: `最多 ${max} 项`, en: `at most ${max} items` }, path, { max });
}

function collector(c: ProposalActBase): ProposalInput {
  const check = new ProposalInput();
  check.code(c.meeting, ['meeting']);
  if (c.idempotencyKey.trim() === '') {
    check.add(
      issue('CPPCC_EMPTY_FIELD', { zh: '不能为空', en: 'must not be empty' }, ['idempotencyKey'], {}),
    );
  }
  check.text(c.idempotencyKey, ['idempotencyKey'], TEXT.key);
  if (c.actingAs?.unit) check.code(c.actingAs.unit, ['actingAs', 'unit']);
  return check;
}

function onProposal(c: ProposalActBase & { readonly proposal: string }): ProposalInput {
  const check = collector(c);
  check.code(c.proposal, ['proposal']);
  return check;
}

/** The book of a meeting with what its acts and reports are decided under. */
interface LoadedBook {
  readonly book: ProposalBook;
  readonly version: number;
  readonly committee: CppccCommittee;
  readonly profile: RuleProfile;
  readonly calendar: WorkingDayCalendar;
}

async function loadBook(ctx: UseCaseContext, repo: ProposalBookRepository, meeting: string, on: LocalDate) {
  const stored = await repo.load(meeting);
  if (stored === undefined) throw notFound(meetingText(meeting));
  const committee = await repo.committee(stored.book.meeting.term);
  if (committee === undefined)
    throw notFound({
      zh: `第${stored.book.meeting.term}届县政协`,
      en: `CPPCC term ${stored.book.meeting.term}`,
    });
  const profile = rulesFor(ctx, stored.profileId, on);
  return {
    book: stored.book,
    version: stored.version,
    committee: committee.committee,
    profile,
    // Deadlines in a year the calendar does not list yet count by the weekend rule, marked provisional.
    calendar: workingCalendarOf(profile, { uncoveredYears: 'weekdays_only' }),
  } satisfies LoadedBook;
}

/** Whether two acts are the same, whatever order their keys come back in (PostgreSQL's jsonb sorts them). */
function sameCommand(a: ProposalCommand, b: ProposalCommand): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

/**
 * One act: the policy says who the caller is (once), the book is read, a repeat of a stored key
 * answers what is stored, the domain decides, and the repository stores the decided book unless
 * another act came first.
 */
async function act(
  ctx: UseCaseContext,
  base: ProposalActBase,
  proposalId: string,
  command: ProposalCommand,
): Promise<ProposalActOutcome> {
  const caller = cppccCallerOf(ctx);
  requireCallerMayTake(ctx, caller, command.type);
  const on = today(ctx);
  const repo = new ProposalBookRepository(ctx.em);
  return persist(async () => {
    const prior = await repo.priorCommand(base.idempotencyKey);
    if (prior !== undefined) {
      if (prior.meetingId !== base.meeting || !sameCommand(prior.command, command)) {
        throw new GatewayError('CONFLICT', {
          zh: `幂等键“${base.idempotencyKey}”已用于另一项操作`,
          en: `idempotency key "${base.idempotencyKey}" was already used for another act`,
        });
      }
      const loaded = await loadBook(ctx, repo, base.meeting, on);
      const proposal = visible(caller, loaded.book, base.meeting, prior.proposalId);
      return { proposal, meeting: base.meeting, version: loaded.version, duplicate: true };
    }
    const loaded = await loadBook(ctx, repo, base.meeting, on);
    if (
      base.expectedVersion !== null &&
      base.expectedVersion !== undefined &&
      base.expectedVersion !== loaded.version
    ) {
      throw new GatewayError('CONFLICT', {
        zh: `本次会议的提案已被他人更新（版本 ${loaded.version}，而非 ${base.expectedVersion}），请刷新后重试`,
        en: `the meeting's proposals changed in the meantime (version ${loaded.version}, not ${base.expectedVersion}); reload and retry`,
      });
    }
    const target =
      command.type === 'submit' ? undefined : visible(caller, loaded.book, base.meeting, proposalId);
    const by = proposalActorFor(
      ctx,
      caller,
      command.type,
      {
        committee: loaded.committee,
        rules: loaded.profile.cppcc,
        ...(target === undefined ? {} : { proposal: target }),
      },
      base.actingAs ?? {},
    );
    const next = applyProposalCommand(loaded.book, command, {
      by,
      on,
      rules: loaded.profile.cppcc,
      committee: loaded.committee,
      calendar: loaded.calendar,
    });
    if (!next.ok) throw badInput(next.issues);
    // A review files, merges or does not file: the proposers' duty records follow, in the same write.
    const duty =
      command.type === 'file' || command.type === 'not_file' || command.type === 'merge'
        ? await proposalDutyAppend(ctx, loaded.committee, next.value.proposals)
        : undefined;
    const saved = await repo.save({
      ...(duty === undefined ? {} : { duty }),
      book: next.value,
      decidedOnVersion: loaded.version,
      key: base.idempotencyKey,
      command,
      proposalId,
    });
    const proposal = saved.book.proposals.find((p) => p.id === proposalId)!;
    return { proposal, meeting: base.meeting, version: saved.version, duplicate: false };
  });
}

/** A proposal the caller may see: NOT_FOUND for one missing or not theirs, in the same words. */
function visible(caller: CppccCaller, book: ProposalBook, meeting: string, id: string): Proposal {
  const proposal = book.proposals.find((p) => p.id === id);
  if (proposal === undefined || !canSeeProposal(caller, proposal)) throw notFound(proposalText(meeting, id));
  return proposal;
}

// ---------------------------------------------------------------------------------------------
// Reads

/** A meeting's book as the caller may see it: the office every proposal, a member their own. */
export interface VisibleBook {
  readonly meeting: ProposalBook['meeting'];
  readonly version: number;
  readonly lastNumber: number;
  readonly proposals: readonly Proposal[];
  readonly caller: CppccCaller;
}

/** The plenary meetings with proposal books, newest first (any caller the policy admits). */
export async function cppccMeetings(ctx: UseCaseContext) {
  cppccCallerOf(ctx);
  return persist(() => new ProposalBookRepository(ctx.em).meetings());
}

/** The proposals of a meeting the caller may see, optionally of some statuses, in submission order. */
export async function meetingProposals(ctx: UseCaseContext, meeting: string): Promise<VisibleBook> {
  const caller = cppccCallerOf(ctx);
  return persist(async () => {
    const stored = await new ProposalBookRepository(ctx.em).load(meeting);
    if (stored === undefined) throw notFound(meetingText(meeting));
    return {
      meeting: stored.book.meeting,
      version: stored.version,
      lastNumber: stored.book.lastNumber,
      proposals: stored.book.proposals.filter((p) => canSeeProposal(caller, p)),
      caller,
    };
  });
}

/** One proposal the caller may see, with its trail from the journal. */
export async function proposalWithTrail(
  ctx: UseCaseContext,
  meeting: string,
  id: string,
): Promise<{ proposal: Proposal; version: number; trail: ProposalTrailEntry[] }> {
  const caller = cppccCallerOf(ctx);
  return persist(async () => {
    const repo = new ProposalBookRepository(ctx.em);
    const stored = await repo.load(meeting);
    if (stored === undefined) throw notFound(proposalText(meeting, id));
    const proposal = visible(caller, stored.book, meeting, id);
    return { proposal, version: stored.version, trail: await repo.trail(meeting, id) };
  });
}

/** The statistics 提案统计 of a meeting on a day (default today): the office only. */
export async function meetingStatistics(
  ctx: UseCaseContext,
  meeting: string,
  asOf?: string | null,
): Promise<ProposalStatistics> {
  const caller = cppccCallerOf(ctx);
  if (caller.kind !== 'office') {
    throw new GatewayError('FORBIDDEN', {
      zh: '只有政协办公室可以查看提案统计',
      en: 'only the CPPCC office may see the proposal statistics',
    });
  }
  const day = asOfDay(ctx, asOf);
  return persist(async () => {
    const loaded = await loadBook(ctx, new ProposalBookRepository(ctx.em), meeting, day);
    return proposalStatistics(loaded.book, {
      asOf: day,
      rules: loaded.profile.cppcc,
      calendar: loaded.calendar,
      committee: loaded.committee,
    });
  });
}

/**
 * The public disclosure 提案公开 of a meeting's filed proposals and replies: no personal data, so
 * it needs no sign-in (the domain's `publicProposals`).
 */
export async function publicMeetingProposals(
  ctx: UseCaseContext,
  meeting: string,
): Promise<DisclosedProposal[]> {
  const day = today(ctx);
  return persist(async () => {
    const loaded = await loadBook(ctx, new ProposalBookRepository(ctx.em), meeting, day);
    return publicProposals(loaded.book, { rules: loaded.profile.cppcc, committee: loaded.committee });
  });
}

function asOfDay(ctx: UseCaseContext, asOf: string | null | undefined): LocalDate {
  if (asOf === null || asOf === undefined) return today(ctx);
  const check = new InputIssues();
  const day = check.date(asOf, ['asOf']);
  check.check();
  return day!;
}
