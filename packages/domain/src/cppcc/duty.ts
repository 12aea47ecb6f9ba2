import { assertLocalDate } from '../consultation/days.js';
import { categoryOn } from '../points/members.js';
import { quantityIssue } from '../points/recording.js';
import { itemApplies, versionIndexAt, versionsOf } from '../points/rules.js';
import type { RuleVersions } from '../points/types.js';
import type { DutyItem } from '../profiles/schema.js';
import { yearOf } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { dutyDirectory } from './committee.js';
import { checkText, type DutyIssueCode, unknownMember } from './errors.js';
import { DUTY_RECORDER_LABELS } from './labels.js';
import type {
  CppccCommittee,
  DutyLedger,
  DutyLedgerEntry,
  DutyLedgerInput,
  DutyRecordInput,
  DutyRecordView,
  DutyReversalInput,
} from './types.js';

/**
 * The duty ledger 履职台账: append-only records of what members did, written by the CPPCC office, by
 * a liaison group's secretary for the members of their township, or derived by the system from
 * proposals, roll calls and consultations (`duty-sources.ts`). A record is never edited; a
 * reversal 冲正 cancels it. Every entry carries an idempotency key.
 */

/** The rules and the committee a record is checked against. */
export interface DutyContext {
  /** The county's profile history (each record under the version in force on its date), or one profile. */
  readonly rules: RuleVersions;
  readonly committee: CppccCommittee;
}

/** A ledger with nothing in it. */
export const EMPTY_DUTY_LEDGER: DutyLedger = { entries: [] };

/** The result of an append: the new ledger, the entry, and whether it was new (false for a repeat). */
export interface DutyAppended {
  readonly ledger: DutyLedger;
  readonly entry: DutyLedgerEntry;
  readonly appended: boolean;
}

interface LedgerIndex {
  readonly byKey: ReadonlyMap<string, DutyLedgerEntry>;
  /** Reversal entry by the key of the record it reverses. */
  readonly reversalOf: ReadonlyMap<string, DutyReversalInput & { readonly seq: number }>;
}

const indexCache = new WeakMap<DutyLedger, LedgerIndex>();

function indexOf(ledger: DutyLedger): LedgerIndex {
  let index = indexCache.get(ledger);
  if (index === undefined) {
    const byKey = new Map<string, DutyLedgerEntry>();
    const reversalOf = new Map<string, DutyReversalInput & { readonly seq: number }>();
    for (const e of ledger.entries) {
      byKey.set(e.key, e);
      if (e.type === 'reversal') reversalOf.set(e.record, e);
    }
    index = { byKey, reversalOf };
    indexCache.set(ledger, index);
  }
  return index;
}

const PAYLOAD: readonly string[] = [
  'type',
  'member',
  'item',
  'date',
  'quantity',
  'evidence',
  'note',
  'source',
  'record',
  'reason',
  'by',
  'on',
];

/** Whether two entries with one key say the same: a repeat of the same write is not a conflict. */
function samePayload(a: DutyLedgerInput, b: DutyLedgerInput): boolean {
  const pick = (e: DutyLedgerInput) =>
    JSON.stringify(PAYLOAD.map((k) => (e as unknown as Record<string, unknown>)[k] ?? null));
  return pick(a) === pick(b);
}

function checkRecord(input: DutyRecordInput, context: DutyContext): Issue<DutyIssueCode>[] {
  const directory = dutyDirectory(context.committee);
  const at = directory.indexOf.get(input.member);
  const member = at === undefined ? undefined : directory.members[at];
  if (member === undefined) return [unknownMember(input.member, ['member'])];
  const issues: Issue<DutyIssueCode>[] = [];
  const version = versionsOf(context.rules)[versionIndexAt(context.rules, input.date)];
  if (version === undefined) {
    return [
      issue(
        'CPPCC_DUTY_NO_RULES_AT_DATE',
        {
          zh: `${input.date} 没有生效的规则版本`,
          en: `no rule version is in force on ${input.date}`,
        },
        ['date'],
        { date: input.date, profile: context.rules.id },
      ),
    ];
  }
  const item: DutyItem | undefined = version.cppcc.duty.items.find((i) => i.code === input.item);
  if (item === undefined) {
    return [
      issue(
        'CPPCC_DUTY_UNKNOWN_ITEM',
        {
          zh: `规则版本 ${version.version} 中没有履职项目“${input.item}”`,
          en: `rule version ${version.version} has no duty item "${input.item}"`,
        },
        ['item'],
        { item: input.item, version: version.version },
      ),
    ];
  }
  const role = input.by.role;
  if (!item.recordedBy.includes(role)) {
    const who = DUTY_RECORDER_LABELS[role] ?? { zh: String(role), en: String(role) };
    const may = item.recordedBy.map((r) => DUTY_RECORDER_LABELS[r]);
    issues.push(
      issue(
        'CPPCC_DUTY_RECORDER_NOT_ALLOWED',
        {
          zh: `${who.zh}不能记录“${item.name.zh}”，只有${may.map((m) => m.zh).join('、')}可以`,
          en: `${who.en} may not record "${item.name.en}"; only ${may.map((m) => m.en).join(', ')} may`,
        },
        ['by', 'role'],
        { role, allowed: item.recordedBy },
      ),
    );
  }
  if ((role === 'system') !== (input.source !== undefined)) {
    issues.push(
      issue(
        'CPPCC_DUTY_SOURCE_MANAGED',
        role === 'system'
          ? {
              zh: '系统生成的履职记录须注明来源（提案、点名或协商）',
              en: 'a record the system derives must name its source (a proposal, roll call or consultation)',
            }
          : {
              zh: '注明来源的履职记录只能由系统根据来源生成',
              en: 'only the system writes records that name a source; they follow their source',
            },
        ['source'],
        { role },
      ),
    );
  }
  if (role === 'liaison_group' && member.township !== input.by.id) {
    issues.push(
      issue(
        'CPPCC_DUTY_OUTSIDE_TOWNSHIP',
        {
          zh: `“${input.by.id}”联络组只能为本乡镇委员记录履职，委员“${member.code}”属于“${member.township ?? '无'}”`,
          en: `the liaison group of "${input.by.id}" records only its own township's members; "${member.code}" belongs to "${member.township ?? 'none'}"`,
        },
        ['member'],
        { township: input.by.id, memberTownship: member.township },
      ),
    );
  }
  const sector = categoryOn(member, input.date);
  if (!itemApplies(item, sector)) {
    issues.push(
      issue(
        'CPPCC_DUTY_SECTOR_NOT_ELIGIBLE',
        sector === undefined
          ? {
              zh: `委员“${member.code}”在 ${input.date} 尚未任职（自 ${member.categories[0]?.from ?? ''} 起）`,
              en: `"${member.code}" was not yet a member on ${input.date} (from ${member.categories[0]?.from ?? ''})`,
            }
          : {
              zh: `“${item.name.zh}”不适用于界别“${sector}”`,
              en: `"${item.name.en}" does not apply to sector "${sector}"`,
            },
        ['item'],
        { item: item.code, sector: sector ?? null, date: input.date },
      ),
    );
  }
  if (item.evidenceRequired && (input.evidence === undefined || input.evidence.length === 0)) {
    issues.push(
      issue(
        'CPPCC_DUTY_EVIDENCE_REQUIRED',
        {
          zh: `“${item.name.zh}”须提供佐证材料`,
          en: `"${item.name.en}" needs evidence`,
        },
        ['evidence'],
        { item: item.code },
      ),
    );
  }
  // The quantity rules are the point items' (units, bounds, whole counts); only the code is ours.
  const quantity = quantityIssue({ ...item, recordedBy: [] }, input.quantity);
  if (quantity !== undefined) {
    issues.push({ ...quantity, code: 'CPPCC_DUTY_INVALID_QUANTITY', path: ['quantity'] });
  }
  if (input.date > input.on) {
    issues.push(
      issue(
        'CPPCC_DUTY_DATE_AFTER_RECORDING',
        {
          zh: `履职日期 ${input.date} 晚于记录日期 ${input.on}`,
          en: `the duty date ${input.date} is after the day it is recorded, ${input.on}`,
        },
        ['date'],
        { date: input.date, on: input.on },
      ),
    );
  }
  return issues;
}

function checkReversal(ledger: DutyLedger, input: DutyReversalInput): Issue<DutyIssueCode>[] {
  const index = indexOf(ledger);
  const target = index.byKey.get(input.record);
  if (target === undefined || target.type !== 'record') {
    return [
      issue(
        'CPPCC_DUTY_UNKNOWN_RECORD',
        {
          zh: `没有编号为“${input.record}”的履职记录可冲正`,
          en: `there is no duty record "${input.record}" to reverse`,
        },
        ['record'],
        { record: input.record },
      ),
    ];
  }
  const issues: Issue<DutyIssueCode>[] = [];
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    issues.push(
      issue('CPPCC_REASON_REQUIRED', { zh: '冲正须说明理由', en: 'a reversal needs a reason' }, ['reason']),
    );
  }
  const done = index.reversalOf.get(target.key);
  if (done !== undefined) {
    issues.push(
      issue(
        'CPPCC_DUTY_ALREADY_REVERSED',
        {
          zh: `履职记录“${target.key}”已于 ${done.on} 冲正`,
          en: `duty record "${target.key}" was reversed on ${done.on}`,
        },
        ['record'],
        { record: target.key, reversal: done.key },
      ),
    );
  }
  const system = target.by.role === 'system';
  if (system !== (input.by.role === 'system')) {
    issues.push(
      issue(
        'CPPCC_DUTY_SOURCE_MANAGED',
        system
          ? {
              zh: `履职记录“${target.key}”由系统根据来源生成，须更正来源后由系统冲正`,
              en: `duty record "${target.key}" follows its source; correct the source and the system reverses it`,
            }
          : {
              zh: '系统只冲正它根据来源生成的记录',
              en: 'the system reverses only the records it derived',
            },
        ['record'],
        { record: target.key, recordedBy: target.by.role },
      ),
    );
  } else if (
    input.by.role === 'liaison_group' &&
    (target.by.role !== 'liaison_group' || target.by.id !== input.by.id)
  ) {
    issues.push(
      issue(
        'CPPCC_DUTY_RECORDER_NOT_ALLOWED',
        {
          zh: '联络组只能冲正本联络组写入的履职记录',
          en: 'a liaison group reverses only the records it wrote',
        },
        ['by'],
        { record: target.key, recordedBy: target.by },
      ),
    );
  }
  return issues;
}

/**
 * Appends a duty record or a reversal, after checking it: the member is a county member of the
 * term, a rule version is in force on the date and lists the item, the recorder may record it (a
 * liaison group only for its township's members; the system only with a source, and nobody else
 * with one), the item applies to the member's sector on that date, evidence and quantity fit the
 * item, the date is not after the day of recording. A reversal needs a reason, cancels one record
 * once, and a derived record is reversed only by the system. The same key with the same content is
 * a repeat (`appended: false`); with other content, `CPPCC_IDEMPOTENCY_CONFLICT`.
 *
 * @example
 * const { ledger } = unwrap(appendDuty(EMPTY_DUTY_LEDGER, {
 *   type: 'record', key: 'office-2025-0001', member: 'M001', item: 'speech', date: '2025-01-09',
 *   by: { role: 'office', id: 'office' }, on: '2025-01-10',
 * }, { rules: referenceProfile, committee }));
 */
export function appendDuty(
  ledger: DutyLedger,
  input: DutyLedgerInput,
  context: DutyContext,
): Result<DutyAppended, DutyIssueCode> {
  assertLocalDate(input.on, 'on');
  if (input.type === 'record') assertLocalDate(input.date, 'date');
  const keyIssues = checkText(input.key, { zh: '记录编号', en: 'the key' }, ['key']);
  if (keyIssues.length > 0) return fail(keyIssues);
  const existing = indexOf(ledger).byKey.get(input.key);
  if (existing !== undefined) {
    if (samePayload(existing, input)) return ok({ ledger, entry: existing, appended: false });
    return fail([
      issue(
        'CPPCC_IDEMPOTENCY_CONFLICT',
        {
          zh: `编号“${input.key}”已用于第 ${existing.seq} 条内容不同的记录`,
          en: `key "${input.key}" was already used for entry ${existing.seq}, with different content`,
        },
        ['key'],
        { key: input.key, seq: existing.seq },
      ),
    ]);
  }
  const issues = input.type === 'record' ? checkRecord(input, context) : checkReversal(ledger, input);
  if (issues.length > 0) return fail(issues);
  const entry = { ...input, seq: ledger.entries.length } as DutyLedgerEntry;
  return ok({ ledger: { entries: [...ledger.entries, entry] }, entry, appended: true });
}

/**
 * The records of the ledger with their reversals, in ledger order; optionally one member's, or
 * those dated in one year.
 *
 * @example
 * dutyRecords(ledger, { member: 'M001', year: 2025 }).filter((r) => r.reversal === null).length
 */
export function dutyRecords(
  ledger: DutyLedger,
  filter: { readonly member?: string; readonly year?: number } = {},
): DutyRecordView[] {
  const index = indexOf(ledger);
  const out: DutyRecordView[] = [];
  for (const e of ledger.entries) {
    if (e.type !== 'record') continue;
    if (filter.member !== undefined && e.member !== filter.member) continue;
    if (filter.year !== undefined && yearOf(e.date) !== filter.year) continue;
    const r = index.reversalOf.get(e.key);
    out.push({ record: e, reversal: r === undefined ? null : { key: r.key, on: r.on, reason: r.reason } });
  }
  return out;
}
