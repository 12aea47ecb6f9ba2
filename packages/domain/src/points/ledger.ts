// Long file: the ledger's append, replay and year-lock rules decide together whether an entry
// counts; a reader checks one against the others.
import { fail, ok, type Result, unreachable } from '../shared/result.js';
import { fmt, type PointsIssue, type PointsIssueCode, type PointsNote, pointsIssues } from './errors.js';
import { epochDayOf, lastDayOfYear, yearOf } from './period.js';
import { actorShapeIssues, checkPointEntry, maxQuantityOf, quantityIssue } from './recording.js';
import { compileVersion, rulesAt, yearEndRules } from './rules.js';
import type {
  AuditInput,
  LedgerEntry,
  LedgerInput,
  PointEntry,
  PointEntryInput,
  PointRecord,
  PointStatus,
  PointsContext,
  ReversalInput,
  ReviewInput,
  SubmitInput,
} from './types.js';
import {
  COUNTED_STATUSES,
  checkStep,
  deadlinesFor,
  INITIAL_STATUS,
  type WorkflowAction,
} from './workflow.js';

/**
 * The append-only ledger 积分台账. Entries are never edited or deleted; every state and total
 * is derived from them. A ledger value is immutable: appending returns a new ledger and the
 * old one still reads as it was. Successive appends share storage, so appending is O(1); only
 * appending to an older ledger again copies it.
 */
export interface PointLedger {
  /** Number of entries. */
  readonly size: number;
  readonly __brand: 'PointLedger';
}

interface Store {
  readonly entries: LedgerEntry[];
  readonly byKey: Map<string, number>;
  /** Point entry key → positions of its submit/review/reversal steps. */
  readonly stepsOf: Map<string, number[]>;
  readonly pointsOfMember: Map<string, number[]>;
  readonly pointsOfYear: Map<number, number[]>;
  /** Reversal key → position of the correction that restates it. */
  readonly correctionOf: Map<string, number>;
  readonly audits: number[];
}

// Indexes only grow; a ledger reads the positions below its size, so older ledgers that share
// a store still see exactly their own entries.
const stores = new WeakMap<PointLedger, Store>();

function makeLedger(size: number, store: Store): PointLedger {
  const ledger = Object.freeze({ size }) as PointLedger;
  stores.set(ledger, store);
  return ledger;
}

function storeOf(ledger: PointLedger): Store {
  const store = stores.get(ledger);
  if (store === undefined) throw new TypeError('not a PointLedger: create one with emptyLedger()');
  return store;
}

function emptyStore(): Store {
  return {
    entries: [],
    byKey: new Map(),
    stepsOf: new Map(),
    pointsOfMember: new Map(),
    pointsOfYear: new Map(),
    correctionOf: new Map(),
    audits: [],
  };
}

function push<K>(map: Map<K, number[]>, key: K, seq: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [seq]);
  else list.push(seq);
}

function index(store: Store, entry: LedgerEntry): void {
  store.entries.push(entry);
  store.byKey.set(entry.key, entry.seq);
  switch (entry.type) {
    case 'point':
      push(store.pointsOfMember, entry.member, entry.seq);
      push(store.pointsOfYear, yearOf(entry.date), entry.seq);
      if (entry.correctionOf !== undefined) store.correctionOf.set(entry.correctionOf, entry.seq);
      break;
    case 'submit':
    case 'review':
    case 'reversal':
      push(store.stepsOf, entry.entry, entry.seq);
      break;
    case 'audit':
      store.audits.push(entry.seq);
      break;
    default:
      unreachable(entry, 'ledger entry');
  }
}

/**
 * A ledger with no entries.
 *
 * @example
 * let ledger = emptyLedger();
 */
export function emptyLedger(): PointLedger {
  return makeLedger(0, emptyStore());
}

/** The result of an append: the new ledger, the entry as stored, and notes for the recorder. */
export interface Appended {
  readonly ledger: PointLedger;
  readonly entry: LedgerEntry;
  /** True when the key was already there with the same payload: nothing was appended. */
  readonly duplicate: boolean;
  readonly notes: readonly PointsNote[];
}

const TYPES = new Set(['point', 'submit', 'review', 'audit', 'reversal']);

/**
 * Appends one entry after checking it: a point entry against the item catalogue and member
 * (see `checkPointEntry`), a workflow step against the state machine, an audit against the
 * year. The same key with the same payload returns the existing entry (`duplicate: true`) and
 * the ledger unchanged, whatever has happened since; the same key with another payload is
 * `POINTS_IDEMPOTENCY_CONFLICT`.
 *
 * @example
 * const r = appendToLedger(ledger, {
 *   type: 'point', key: 'm001-2025-03-08-vol', member: 'm001', item: 'volunteer_service',
 *   date: '2025-03-08', quantity: 4, evidence: ['photo-17'], by: { role: 'self', id: 'm001' }, on: '2025-03-08',
 * }, { rules: history, members });
 * if (r.ok) ledger = r.value.ledger;
 */
export function appendToLedger(
  ledger: PointLedger,
  input: LedgerInput,
  context: PointsContext,
): Result<Appended, PointsIssueCode> {
  let store = storeOf(ledger);
  const size = ledger.size;
  if (
    typeof input !== 'object' ||
    input === null ||
    !TYPES.has((input as { type?: unknown }).type as string)
  ) {
    return fail([
      pointsIssues.invalidInput(
        'type',
        {
          zh: 'point、submit、review、audit、reversal 之一',
          en: 'one of point, submit, review, audit, reversal',
        },
        (input as { type?: unknown } | null)?.type,
        ['type'],
      ),
    ]);
  }
  if (typeof input.key !== 'string' || input.key.trim() === '') {
    return fail([
      pointsIssues.invalidInput('key', { zh: '非空文本', en: 'non-empty text' }, input.key, ['key']),
    ]);
  }
  const existing = store.byKey.get(input.key);
  if (existing !== undefined && existing < size) {
    const stored = store.entries[existing]!;
    if (samePayload(stored, input)) {
      return ok({ ledger, entry: stored, duplicate: true, notes: [] });
    }
    return fail([pointsIssues.idempotencyConflict(input.key, ['key'], existing)]);
  }
  const shape = actorShapeIssues(input);
  if (shape.length > 0) return fail(shape);

  const checked = check(store, size, input, context);
  if (!checked.ok) return checked;
  if (store.entries.length !== size) store = rebuild(store.entries.slice(0, size));
  const entry = freezeCopy({ ...input, seq: size }) as LedgerEntry;
  index(store, entry);
  return ok({ ledger: makeLedger(size + 1, store), entry, duplicate: false, notes: checked.value });
}

/** The outcome of replaying many inputs. */
export interface Replayed {
  readonly ledger: PointLedger;
  /** Inputs that repeated a key with the same payload and so appended nothing. */
  readonly duplicates: number;
  readonly notes: readonly PointsNote[];
}

/**
 * Appends inputs in order, stopping at the first refusal; issue paths start with the input's
 * index. Replaying a ledger's own inputs again, duplicates and all, changes nothing.
 *
 * @example
 * const { ledger } = unwrap(replayLedger(inputs, { rules: history, members }));
 */
export function replayLedger(
  inputs: readonly LedgerInput[],
  context: PointsContext,
  start: PointLedger = emptyLedger(),
): Result<Replayed, PointsIssueCode> {
  let ledger = start;
  let duplicates = 0;
  const notes: PointsNote[] = [];
  for (const [i, input] of inputs.entries()) {
    const r = appendToLedger(ledger, input, context);
    if (!r.ok) return fail(r.issues.map((p) => ({ ...p, path: [i, ...p.path] })));
    ledger = r.value.ledger;
    if (r.value.duplicate) duplicates++;
    notes.push(...r.value.notes);
  }
  return ok({ ledger, duplicates, notes });
}

/**
 * The entries in ledger order (a copy).
 *
 * @example
 * ledgerEntries(ledger).filter((e) => e.type === 'reversal')
 */
export function ledgerEntries(ledger: PointLedger): readonly LedgerEntry[] {
  return storeOf(ledger).entries.slice(0, ledger.size);
}

/**
 * The entry stored under an idempotency key.
 *
 * @example
 * findEntry(ledger, 'm001-2025-03-08-vol')?.seq
 */
export function findEntry(ledger: PointLedger, key: string): LedgerEntry | undefined {
  const store = storeOf(ledger);
  const seq = store.byKey.get(key);
  return seq === undefined || seq >= ledger.size ? undefined : store.entries[seq];
}

/**
 * A point entry with its derived workflow state.
 *
 * @example
 * pointRecord(ledger, 'm001-2025-03-08-vol')?.status // 'approved'
 */
export function pointRecord(ledger: PointLedger, key: string): PointRecord | undefined {
  const store = storeOf(ledger);
  const seq = store.byKey.get(key);
  if (seq === undefined || seq >= ledger.size || store.entries[seq]!.type !== 'point') return undefined;
  return derive(store, ledger.size, seq);
}

/**
 * Point entries with their derived states, in ledger order, optionally for one member and/or
 * the entries that occurred in one year. This is what scoring, rankings and reports read.
 *
 * @example
 * const records = pointRecords(ledger, { year: 2025 });
 */
export function pointRecords(
  ledger: PointLedger,
  filter: { member?: string; year?: number } = {},
): PointRecord[] {
  const store = storeOf(ledger);
  const size = ledger.size;
  let seqs: readonly number[];
  if (filter.member !== undefined) seqs = store.pointsOfMember.get(filter.member) ?? [];
  else if (filter.year !== undefined) seqs = store.pointsOfYear.get(filter.year) ?? [];
  else seqs = store.entries.flatMap((e, i) => (e.type === 'point' && i < size ? [i] : []));
  const out: PointRecord[] = [];
  for (const seq of seqs) {
    if (seq >= size) break;
    const e = store.entries[seq] as PointEntry;
    if (filter.year !== undefined && yearOf(e.date) !== filter.year) continue;
    out.push(derive(store, size, seq));
  }
  return out;
}

/** The committee audit that locked a year. */
export interface YearLock {
  readonly key: string;
  readonly on: string;
  /** Days after the profile's audit deadline; 0 when on time. A late audit still locks. */
  readonly daysLate: number;
}

/**
 * Whether a year is locked, and by which audit.
 *
 * @example
 * yearLock(ledger, 2025, history)?.key // 'audit-2025'
 */
export function yearLock(
  ledger: PointLedger,
  year: number,
  rules?: PointsContext['rules'],
): YearLock | undefined {
  const store = storeOf(ledger);
  const audit = lockOf(store, ledger.size, year);
  if (audit === undefined) return undefined;
  let daysLate = 0;
  if (rules !== undefined) {
    const version = yearEndRules(rules, year);
    if (version.ok) {
      const closes = deadlinesFor(lastDayOfYear(year), version.value).committeeAudit;
      daysLate = Math.max(0, epochDayOf(audit.on) - epochDayOf(closes));
    }
  }
  return { key: audit.key, on: audit.on, daysLate };
}

function lockOf(store: Store, size: number, year: number): AuditInput | undefined {
  for (const seq of store.audits) {
    if (seq >= size) break;
    const a = store.entries[seq] as AuditInput;
    if (a.year === year) return a;
  }
  return undefined;
}

function derive(store: Store, size: number, seq: number): PointRecord {
  const entry = store.entries[seq] as PointEntry;
  let status: PointStatus = INITIAL_STATUS[entry.by.role];
  let adjustment: PointRecord['adjustment'];
  let reviewReason: string | undefined;
  let reviewedBy: PointRecord['reviewedBy'];
  let reversal: PointRecord['reversal'];
  let lastStepOn = entry.on;
  const steps: string[] = [];
  for (const s of store.stepsOf.get(entry.key) ?? []) {
    if (s >= size) break;
    const step = store.entries[s]!;
    steps.push(step.key);
    if (step.on > lastStepOn) lastStepOn = step.on;
    switch (step.type) {
      case 'submit':
        status = 'submitted';
        break;
      case 'review':
        reviewedBy = step.by;
        if (step.decision === 'approve') status = 'approved';
        else if (step.decision === 'adjust') {
          status = 'adjusted';
          adjustment = step.adjustment;
          reviewReason = step.reason;
        } else {
          status = 'rejected';
          reviewReason = step.reason;
        }
        break;
      case 'reversal':
        status = 'reversed';
        reversal = { key: step.key, on: step.on, reason: step.reason };
        break;
      default:
        break;
    }
  }
  if (status !== 'reversed' && lockOf(store, size, yearOf(entry.date)) !== undefined) {
    if (status === 'approved' || status === 'adjusted') status = 'audited';
    else if (status === 'draft' || status === 'submitted') status = 'lapsed';
  }
  return {
    entry,
    status,
    ...(adjustment === undefined ? {} : { adjustment }),
    ...(reviewReason === undefined ? {} : { reviewReason }),
    ...(reviewedBy === undefined ? {} : { reviewedBy }),
    ...(reversal === undefined ? {} : { reversal }),
    lastStepOn,
    steps,
  };
}

function check(
  store: Store,
  size: number,
  input: LedgerInput,
  context: PointsContext,
): Result<readonly PointsNote[], PointsIssueCode> {
  switch (input.type) {
    case 'point':
      return checkPoint(store, size, input, context);
    case 'submit':
    case 'review':
    case 'reversal':
      return checkStepInput(store, size, input, context);
    case 'audit':
      return checkAudit(store, size, input, context);
    default:
      return unreachable(input, 'ledger input');
  }
}

function checkPoint(
  store: Store,
  size: number,
  input: PointEntryInput,
  context: PointsContext,
): Result<readonly PointsNote[], PointsIssueCode> {
  const year = typeof input.date === 'string' ? yearOf(input.date) : Number.NaN;
  const lock = lockOf(store, size, year);
  if (input.correctionOf !== undefined) {
    const problem = correctionProblem(store, size, input);
    if (problem !== undefined) return fail([problem]);
  } else if (lock !== undefined) {
    return fail([pointsIssues.yearLocked(year, lock.key, ['date'])]);
  }
  const records: PointRecord[] = [];
  for (const seq of store.pointsOfMember.get(input.member) ?? []) {
    if (seq >= size) break;
    if (yearOf((store.entries[seq] as PointEntry).date) === year) records.push(derive(store, size, seq));
  }
  const checked = checkPointEntry(input, context, records);
  if (!checked.ok) return checked;
  // A branch's or the committee's own record counts at once: it is their review.
  const person = input.by.person?.id;
  if (COUNTED_STATUSES.has(INITIAL_STATUS[input.by.role]) && person === input.member) {
    return fail([pointsIssues.selfReview('record', person)]);
  }
  return ok(checked.value.notes);
}

function correctionProblem(store: Store, size: number, input: PointEntryInput): PointsIssue | undefined {
  const details = { correctionOf: input.correctionOf };
  if (input.by.role !== 'committee') {
    return pointsIssues.invalidCorrection(
      { zh: '锁定后的更正只能由街道党委记录', en: 'only the party committee records a correction' },
      details,
    );
  }
  const seq = store.byKey.get(input.correctionOf!);
  const reversal = seq === undefined || seq >= size ? undefined : store.entries[seq];
  if (reversal?.type !== 'reversal') {
    return pointsIssues.invalidCorrection(
      { zh: `“${input.correctionOf}”不是冲正记录`, en: `"${input.correctionOf}" is not a reversal entry` },
      details,
    );
  }
  const original = store.entries[store.byKey.get(reversal.entry)!] as PointEntry;
  if (original.member !== input.member || yearOf(original.date) !== yearOf(input.date)) {
    return pointsIssues.invalidCorrection(
      {
        zh: `更正须针对同一党员、同一年度（被冲正记录为“${original.member}”${yearOf(original.date)} 年）`,
        en: `a correction restates the same member and year as the reversed entry ("${original.member}", ${yearOf(original.date)})`,
      },
      details,
    );
  }
  const already = store.correctionOf.get(reversal.key);
  if (already !== undefined && already < size) {
    return pointsIssues.invalidCorrection(
      {
        zh: `冲正记录“${reversal.key}”已有更正记录“${store.entries[already]!.key}”`,
        en: `reversal "${reversal.key}" is already restated by "${store.entries[already]!.key}"`,
      },
      details,
    );
  }
  return undefined;
}

function checkStepInput(
  store: Store,
  size: number,
  input: SubmitInput | ReviewInput | ReversalInput,
  context: PointsContext,
): Result<readonly PointsNote[], PointsIssueCode> {
  const seq = store.byKey.get(input.entry);
  if (seq === undefined || seq >= size || store.entries[seq]!.type !== 'point') {
    return fail([pointsIssues.unknownEntry(input.entry)]);
  }
  const record = derive(store, size, seq);
  const entry = record.entry;
  const memberIndex = context.members.indexOf.get(entry.member);
  const member = memberIndex === undefined ? undefined : context.members.members[memberIndex];
  if (member === undefined) return fail([pointsIssues.unknownMember(entry.member, ['entry'])]);
  const version = rulesAt(context.rules, entry.date, ['entry']);
  if (!version.ok) return version;
  const lock = lockOf(store, size, yearOf(entry.date));
  const action: Exclude<WorkflowAction, 'audit'> =
    input.type === 'submit' ? 'submit' : input.type === 'reversal' ? 'reverse' : input.decision;
  if (lock !== undefined && action !== 'reverse') {
    return fail([pointsIssues.yearLocked(yearOf(entry.date), lock.key, ['entry'])]);
  }
  const issues = checkStep(record, action, input.by.role, input.on, version.value, lock !== undefined);
  if (issues.some((i) => i.code === 'POINTS_INVALID_TRANSITION' || i.code === 'POINTS_ROLE_NOT_ALLOWED')) {
    return fail(issues);
  }
  // The system reverses only what it derived from a fact, when the fact changes.
  if (action === 'reverse' && input.by.role === 'system' && entry.source === undefined) {
    return fail([pointsIssues.roleNotAllowed('reverse', 'system', ['branch', 'committee'])]);
  }
  if (input.type === 'review' && input.by.person?.id === entry.member) {
    issues.push(pointsIssues.selfReview(input.decision, entry.member));
  }
  const expected =
    input.by.role === 'self' ? member.code : input.by.role === 'branch' ? member.branch : undefined;
  if (expected !== undefined && input.by.id !== expected) {
    issues.push(pointsIssues.actorMismatch(input.by.role, input.by.id, expected));
  }
  if (input.type === 'reversal' || (input.type === 'review' && input.decision !== 'approve')) {
    const reason = (input as { reason?: unknown }).reason;
    if (typeof reason !== 'string' || reason.trim() === '') issues.push(pointsIssues.reasonRequired(action));
  }
  if (input.type === 'review' && input.decision === 'adjust') {
    const problem = adjustmentProblem(input, entry, context);
    if (problem !== undefined) issues.push(problem);
  }
  return issues.length > 0 ? fail(issues) : ok([]);
}

function adjustmentProblem(
  input: Extract<ReviewInput, { decision: 'adjust' }>,
  entry: PointEntry,
  context: PointsContext,
): PointsIssue | undefined {
  const a = (input.adjustment ?? {}) as { quantity?: unknown; points?: unknown };
  const hasQ = typeof a === 'object' && a !== null && 'quantity' in a;
  const hasP = typeof a === 'object' && a !== null && 'points' in a;
  if (hasQ === hasP) {
    return pointsIssues.invalidAdjustment(
      {
        zh: '须给出新的数量或新的分值，二者选一',
        en: 'give either a new quantity or new points, not both or neither',
      },
      { adjustment: a },
    );
  }
  const version = rulesAt(context.rules, entry.date);
  const item = version.ok ? compileVersion(version.value).items.get(entry.item) : undefined;
  if (hasP) {
    if (typeof a.points !== 'number' || !Number.isFinite(a.points) || a.points < 0) {
      return pointsIssues.invalidAdjustment(
        { zh: '分值须为不小于 0 的数', en: 'points must be a number of at least 0' },
        { points: a.points },
      );
    }
    // No more than the item could give one entry, so a total stays finite and believable.
    const most = item === undefined ? undefined : item.points * maxQuantityOf(item);
    if (most !== undefined && a.points > most) {
      return pointsIssues.invalidAdjustment(
        {
          zh: `分值最多为 ${fmt(most)}（该项目一条记录的上限）`,
          en: `points can be at most ${fmt(most)}, the most one entry of the item gives`,
        },
        { points: a.points, max: most },
      );
    }
    return undefined;
  }
  if (item === undefined || item.unit === undefined) {
    return pointsIssues.invalidAdjustment(
      { zh: '按次固定计分的项目只能调整分值', en: 'a fixed-points item can be adjusted only by points' },
      { item: entry.item },
    );
  }
  const q = quantityIssue(item, a.quantity as number);
  return q === undefined
    ? undefined
    : pointsIssues.invalidAdjustment(q.message, { quantity: a.quantity, item: entry.item });
}

function checkAudit(
  store: Store,
  size: number,
  input: AuditInput,
  context: PointsContext,
): Result<readonly PointsNote[], PointsIssueCode> {
  if (!Number.isInteger(input.year)) {
    return fail([
      pointsIssues.invalidInput('year', { zh: '整数年份', en: 'a whole year' }, input.year, ['year']),
    ]);
  }
  if (input.by.role !== 'committee')
    return fail([pointsIssues.roleNotAllowed('audit', input.by.role, ['committee'])]);
  const lock = lockOf(store, size, input.year);
  if (lock !== undefined) return fail([pointsIssues.yearLocked(input.year, lock.key, ['year'])]);
  if (input.on <= lastDayOfYear(input.year)) return fail([pointsIssues.auditTooEarly(input.year, input.on)]);
  const person = input.by.person?.id;
  if (person !== undefined) {
    for (const seq of store.pointsOfYear.get(input.year) ?? []) {
      if (seq >= size) break;
      if ((store.entries[seq] as PointEntry).member === person)
        return fail([pointsIssues.selfReview('audit', person)]);
    }
  }
  const pending: { key: string; closes: string }[] = [];
  for (const seq of store.pointsOfYear.get(input.year) ?? []) {
    if (seq >= size) break;
    const record = derive(store, size, seq);
    if (record.status !== 'draft' && record.status !== 'submitted') continue;
    const version = rulesAt(context.rules, record.entry.date);
    if (!version.ok) continue;
    const d = deadlinesFor(record.entry.date, version.value);
    const closes = record.status === 'draft' ? d.selfAssessment : d.branchReview;
    if (input.on <= closes) pending.push({ key: record.entry.key, closes });
  }
  return pending.length > 0 ? fail([pointsIssues.auditPendingReview(input.year, pending)]) : ok([]);
}

function rebuild(entries: readonly LedgerEntry[]): Store {
  const store = emptyStore();
  for (const e of entries) index(store, e);
  return store;
}

/**
 * Whether two ledger inputs carry the same data: the idempotency test, for the ledger here and
 * for a database that stores one (the same key twice is one entry only when this holds). Object
 * keys in any order, undefined members as absent; a stored entry's `seq` is not data.
 *
 * @example
 * samePayload({ ...entry, seq: 7 }, { ...entry, quantity: undefined }) // true when entry has no quantity
 */
export function samePayload(a: LedgerInput | LedgerEntry, b: LedgerInput | LedgerEntry): boolean {
  const { seq: _a, ...left } = a as LedgerEntry;
  const { seq: _b, ...right } = b as LedgerEntry;
  return canonical(left) === canonical(right);
}

/** Same data, same text: keys sorted, undefined members dropped. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A frozen copy, so a caller changing its input afterwards cannot change the ledger. */
function freezeCopy(value: unknown): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map(freezeCopy));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = freezeCopy(v);
    return Object.freeze(out);
  }
  return value;
}
