import {
  appendDuty,
  type CppccCommittee,
  type DutyActor,
  type DutyExplanation,
  type DutyLedgerEntry,
  type DutyLedgerInput,
  type DutyRecordView,
  type DutySource,
  type DutySources,
  type DutyYearReport,
  deriveDutyRecords,
  dutyRecords,
  dutyYear,
  explainDuty,
  type LocalizedText,
  type ProfileHistory,
  type Proposal,
  reconcileDutyRecords,
} from '@jiceng/domain';
import { type DutyAppend, DutyLedgerRepository, ProposalBookRepository } from '@jiceng/persistence';
import { authorise, requireAction } from '../../auth/authorise.js';
import { POLICY } from '../../auth/policy.js';
import { badInput, GatewayError, notFound, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues, TEXT } from '../inputs.js';
import { ruleHistoryFor } from '../rules.js';

/**
 * The use cases of members' duty 履职: the office records for every member of the county
 * (`cppcc.office`), a township's liaison group secretary for the members of their township
 * (`cppcc.liaison`), and the system derives records from proposals, roll calls and village
 * consultations (`derivedDutyAppend`, stored with the source in one transaction). A member reads their own score (`cppcc.member`). Each write reads
 * only the entries it rests on, lets the domain's `appendDuty` decide, and appends at the ledger's
 * version (CONFLICT if another entry came first). Scores are the domain's `dutyYear` and
 * `explainDuty` over the stored ledger.
 */

/** A duty record as the office or a liaison group secretary enters it. */
export interface RecordDutyCommand {
  readonly term: number;
  readonly idempotencyKey: string;
  readonly member: string;
  readonly item: string;
  readonly date: string;
  readonly quantity?: number | null;
  readonly evidence?: readonly string[] | null;
  readonly note?: string | null;
}

/** A reversal 冲正 of a record the caller's body wrote. */
export interface ReverseDutyCommand {
  readonly term: number;
  readonly idempotencyKey: string;
  readonly record: string;
  readonly reason: string;
}

/** What a write did: the entry, whether it was a repeat, the ledger's version after it. */
export interface DutyWriteOutcome {
  readonly entry: DutyLedgerEntry;
  readonly duplicate: boolean;
  readonly version: number;
}

const memberText = (term: number, member: string): LocalizedText => ({
  zh: `第${term}届政协委员 ${member}`,
  en: `member ${member} of CPPCC term ${term}`,
});

const recordText = (term: number, key: string): LocalizedText => ({
  zh: `第${term}届履职记录 ${key}`,
  en: `CPPCC term ${term} duty record ${key}`,
});

/** The committee and rules a term's ledger is decided under; NOT_FOUND for a term without them. */
export async function termOf(ctx: UseCaseContext, term: number) {
  const stored = await new ProposalBookRepository(ctx.em).committee(term);
  if (stored === undefined) throw notFound({ zh: `第${term}届县政协`, en: `CPPCC term ${term}` });
  const repo = new DutyLedgerRepository(ctx.em);
  const ledger =
    (await repo.ledger(term)) ??
    (await repo.open(
      term,
      (await new ProposalBookRepository(ctx.em).meetings()).find((m) => m.term === term)?.profileId ??
        'reference',
    ));
  const rules: ProfileHistory = ruleHistoryFor(ctx, ledger.profileId);
  return { committee: stored.committee, rules, repo };
}

/**
 * Who records, by the policy asked once: the office (a county administrator) as itself for any
 * member; a street administrator as the liaison group of the member's township, when their scope
 * names or covers it. A member outside the caller's reach is NOT_FOUND, as a missing one.
 */
function recorderFor(
  ctx: UseCaseContext,
  committee: CppccCommittee,
  member: string,
  what: LocalizedText = memberText(committee.term, member),
): DutyActor {
  const township = committee.roster.members.find((m) => m.id === member)?.township ?? undefined;
  if (ctx.principal.role === 'street_admin') {
    authorise(
      ctx,
      'cppcc.liaison',
      township === undefined || township === null ? undefined : { kind: 'township', township },
      what,
    );
    return { role: 'liaison_group', id: township! };
  }
  authorise(ctx, 'cppcc.office', { kind: 'county' }, what);
  return { role: 'office', id: ctx.principal.subject };
}

/** Records a member's duty 履职记录 (attendance, reports, speeches, inspections, activities, training). */
export async function recordDuty(ctx: UseCaseContext, c: RecordDutyCommand): Promise<DutyWriteOutcome> {
  const check = new InputIssues();
  check.text(c.idempotencyKey, ['idempotencyKey'], TEXT.key);
  check.text(c.member, ['member'], TEXT.code);
  check.text(c.item, ['item'], TEXT.code);
  check.date(c.date, ['date']);
  check.text(c.note, ['note'], TEXT.note);
  for (const [i, e] of (c.evidence ?? []).entries()) check.text(e, ['evidence', i], TEXT.line);
  check.check();
  requireDutyWriter(ctx);
  return persist(async () => {
    const { committee, rules, repo } = await termOf(ctx, c.term);
    const by = recorderFor(ctx, committee, c.member);
    const input: DutyLedgerInput = {
      type: 'record',
      key: c.idempotencyKey,
      member: c.member,
      item: c.item,
      date: c.date as never,
      ...(c.quantity === null || c.quantity === undefined ? {} : { quantity: c.quantity }),
      ...(c.evidence === null || c.evidence === undefined ? {} : { evidence: [...c.evidence] }),
      ...(c.note ? { note: c.note } : {}),
      by,
      on: today(ctx),
    };
    return append(repo, c.term, input, { rules, committee });
  });
}

/** Reverses 冲正 a record the caller's body wrote; a derived record follows its source instead. */
export async function reverseDuty(ctx: UseCaseContext, c: ReverseDutyCommand): Promise<DutyWriteOutcome> {
  const check = new InputIssues();
  check.text(c.idempotencyKey, ['idempotencyKey'], TEXT.key);
  check.text(c.record, ['record'], TEXT.key);
  check.text(c.reason, ['reason'], TEXT.note);
  check.check();
  requireDutyWriter(ctx);
  return persist(async () => {
    const { committee, rules, repo } = await termOf(ctx, c.term);
    const read = (await repo.touching(c.term, c.record))!;
    const target = read.ledger.entries.find((e) => e.key === c.record && e.type === 'record');
    // Asked before the record is looked for, so nothing is learnt of a record out of reach; a
    // missing record is then NOT_FOUND to every caller, in the same words.
    const what = recordText(c.term, c.record);
    const by = recorderFor(ctx, committee, target?.type === 'record' ? target.member : '', what);
    if (target?.type !== 'record') throw notFound(what);
    const input: DutyLedgerInput = {
      type: 'reversal',
      key: c.idempotencyKey,
      record: c.record,
      reason: c.reason,
      by,
      on: today(ctx),
    };
    return append(repo, c.term, input, { rules, committee });
  });
}

/** The public and other roles are refused before anything is read. */
function requireDutyWriter(ctx: UseCaseContext): void {
  requireAction(ctx, ctx.principal.role === 'street_admin' ? 'cppcc.liaison' : 'cppcc.office');
}

async function append(
  repo: DutyLedgerRepository,
  term: number,
  input: DutyLedgerInput,
  context: { rules: ProfileHistory; committee: CppccCommittee },
): Promise<DutyWriteOutcome> {
  const read = (await repo.touching(term, input.key, input.type === 'reversal' ? input.record : undefined))!;
  const result = appendDuty(read.ledger, input, context);
  if (!result.ok) {
    if (result.issues.some((i) => i.code === 'CPPCC_IDEMPOTENCY_CONFLICT')) {
      throw new GatewayError('CONFLICT', {
        zh: `幂等键“${input.key}”已用于另一条履职记录`,
        en: `idempotency key "${input.key}" was already used for another duty entry`,
      });
    }
    throw badInput(result.issues);
  }
  const { entry, appended } = result.value;
  if (!appended) return { entry, duplicate: true, version: read.version };
  const stored = await repo.append({ term, decidedOnVersion: read.version, entries: [entry] });
  return { entry: { ...entry, seq: read.version }, duplicate: false, version: stored.version };
}

/**
 * The duty records the given sources now earn, reconciled with those the system derived from them
 * before: a record they earn is appended, one that changed is reversed and written again (`#2`),
 * one they no longer earn is reversed, the link to its source kept. Reads only the records derived
 * from `read` (one kind of source, or one source). `undefined` when nothing changes. The use case
 * of the source stores the result with it, in one transaction.
 */
export async function derivedDutyAppend(
  ctx: UseCaseContext,
  committee: CppccCommittee,
  sources: DutySources,
  read: { readonly kind: DutySource['kind']; readonly id?: string },
): Promise<DutyAppend | undefined> {
  const { rules, repo } = await termOf(ctx, committee.term);
  const stored = (await repo.derivedFrom(committee.term, read.kind, read.id))!;
  const context = { rules, committee };
  const reconciled = reconcileDutyRecords(stored.ledger, deriveDutyRecords(sources, context), {
    ...context,
    on: today(ctx),
  });
  if (!reconciled.ok) throw badInput(reconciled.issues);
  const entries = reconciled.value.appended;
  return entries.length === 0
    ? undefined
    : { term: committee.term, decidedOnVersion: stored.version, entries };
}

/**
 * The duty records a proposal book's reviews now earn: a filed proposal earns its lead and joint
 * proposers a record; one no longer filed has its records reversed. Stored with the book.
 */
export function proposalDutyAppend(
  ctx: UseCaseContext,
  committee: CppccCommittee,
  proposals: readonly Proposal[],
): Promise<DutyAppend | undefined> {
  return derivedDutyAppend(ctx, committee, { proposals }, { kind: 'proposal' });
}

/** The duty year of the whole committee 年度履职积分: totals, ranks per sector, the year-end review list. Office only. */
export async function dutyYearReport(
  ctx: UseCaseContext,
  term: number,
  year: number,
): Promise<DutyYearReport> {
  authorise(ctx, 'cppcc.office', { kind: 'county' }, POLICY['cppcc.office'].label);
  return persist(async () => {
    const { committee, rules, repo } = await termOf(ctx, term);
    const ofYear = (await repo.ofYear(term, year))!;
    const report = dutyYear(ofYear.ledger, year, { rules, committee });
    if (!report.ok) throw badInput(report.issues);
    return report.value;
  });
}

/** A member's duty year, explained line by line, with their records and reversals. */
export interface MemberDuty {
  readonly explanation: DutyExplanation;
  readonly records: readonly DutyRecordView[];
  /** Their rank within their sector and whether they are below the minimum (from the whole year). */
  readonly score: DutyYearReport['members'][number] | null;
  readonly minimumScore: number;
}

/**
 * One member's duty year: the member themselves (`cppcc.member`), the liaison group secretary of
 * their township (`cppcc.liaison`), or the office. Anyone else's member is NOT_FOUND.
 */
export async function memberDuty(
  ctx: UseCaseContext,
  term: number,
  member: string,
  year: number,
): Promise<MemberDuty> {
  const role = ctx.principal.role;
  requireAction(
    ctx,
    role === 'member' ? 'cppcc.member' : role === 'street_admin' ? 'cppcc.liaison' : 'cppcc.office',
  );
  return persist(async () => {
    const { committee, rules, repo } = await termOf(ctx, term);
    const what = memberText(term, member);
    if (role === 'member') {
      if (ctx.principal.subject !== member) throw notFound(what);
    } else {
      recorderFor(ctx, committee, member);
    }
    const context = { rules, committee };
    const mine = (await repo.ofMember(term, member))!;
    const explanation = explainDuty(mine.ledger, member, year, context);
    if (!explanation.ok) {
      if (explanation.issues.some((i) => i.code === 'CPPCC_UNKNOWN_MEMBER')) throw notFound(what);
      throw badInput(explanation.issues);
    }
    const report = dutyYear((await repo.ofYear(term, year))!.ledger, year, context);
    if (!report.ok) throw badInput(report.issues);
    return {
      explanation: explanation.value,
      records: dutyRecords(mine.ledger, { member, year }),
      score: report.value.members.find((m) => m.member === member) ?? null,
      minimumScore: report.value.minimumScore,
    };
  });
}
