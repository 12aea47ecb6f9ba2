import type { PointItem, RuleProfile } from '../profiles/schema.js';
import { POINT_FACT_KINDS, RECORDERS } from '../profiles/vocabulary.js';
import { isLocalDate } from '../shared/dates.js';
import { fail, ok, type Result } from '../shared/result.js';
import {
  fmt,
  type PointsIssue,
  type PointsIssueCode,
  type PointsNote,
  periodKindText,
  pointsIssues,
  unitText,
} from './errors.js';
import { categoryOn, registeredCommunityOn } from './members.js';
import { periodContains, periodOf } from './period.js';
import { CENTI, categoriesText, compileVersion, rawCenti, rulesAt, toCenti } from './rules.js';
import type {
  PartyMember,
  PointEntryInput,
  PointRecord,
  PointStatus,
  PointsContext,
  RuleVersions,
} from './types.js';
import { deadlinesFor, INITIAL_STATUS } from './workflow.js';

/** What a valid point entry becomes: its first status, the version it falls under, cap notes. */
export interface RecordingCheck {
  readonly status: PointStatus;
  readonly rules: RuleProfile;
  readonly member: PartyMember;
  readonly item: PointItem;
  readonly notes: readonly PointsNote[];
}

const PER_UNIT_INTEGER = new Set(['time', 'item']);

/** The most units one entry records when the item sets no `maxQuantity`: a day's hours, a month's days. */
const DEFAULT_MAX_QUANTITY: Readonly<Record<NonNullable<PointItem['unit']>, number>> = {
  time: 100,
  hour: 24,
  day: 31,
  item: 1000,
};

/**
 * The most units one entry of a per-unit item may record: the item's `maxQuantity`, else the
 * default for its unit; 1 for a fixed item. Keeps every entry's points finite and believable.
 *
 * @example
 * maxQuantityOf({ ...item, unit: 'hour' }) // 24
 */
export function maxQuantityOf(item: PointItem): number {
  if (item.unit === undefined) return 1;
  return item.maxQuantity ?? DEFAULT_MAX_QUANTITY[item.unit];
}

/**
 * Checks a point entry against the item catalogue and the member on its date, as the ledger
 * does before appending it; a frontend can run it offline first. Unknown item, wrong category,
 * a recorder the item does not allow, missing evidence, a bad quantity and a passed deadline
 * are each their own code (a committee's correction after a lock may restate any item). Going over a cap is not an error: the entry is kept and a
 * `POINTS_OVER_CAP` note says how much will count, given the member's other live entries.
 *
 * @example
 * const check = checkPointEntry(
 *   { type: 'point', key: 'k1', member: 'm001', item: 'volunteer_service', date: '2025-03-08',
 *     quantity: 4, evidence: ['photo-17'], by: { role: 'self', id: 'm001' }, on: '2025-03-09' },
 *   { rules: history, members },
 *   memberRecords,
 * );
 */
export function checkPointEntry(
  input: PointEntryInput,
  context: PointsContext,
  memberRecords: readonly PointRecord[] = [],
): Result<RecordingCheck, PointsIssueCode> {
  const shape = shapeIssues(input);
  if (shape.length > 0) return fail(shape);
  const index = context.members.indexOf.get(input.member);
  const member = index === undefined ? undefined : context.members.members[index];
  if (member === undefined) return fail([pointsIssues.unknownMember(input.member, ['member'])]);
  const version = rulesAt(context.rules, input.date);
  if (!version.ok) return version;
  const rules = version.value;
  const compiled = compileVersion(rules);
  const item = compiled.items.get(input.item);
  if (item === undefined)
    return fail([pointsIssues.unknownItem(input.item, rules.version, input.date, ['item'])]);

  const issues: PointsIssue[] = [];
  const category = categoryOn(member, input.date);
  const eligible =
    category !== undefined && (item.categories === 'all' || item.categories.includes(category));
  if (!eligible) {
    const known = category === undefined ? undefined : compiled.categories.get(category);
    issues.push(
      pointsIssues.categoryNotEligible(
        item.name,
        item.code,
        category === undefined
          ? undefined
          : { code: category, name: known?.name ?? { zh: category, en: category } },
        categoriesText(item, compiled),
        input.date,
        ['item'],
      ),
    );
  }
  const role = input.by.role;
  // A committee's post-lock correction restates an entry someone else recorded.
  const correction = input.correctionOf !== undefined && role === 'committee';
  if (!correction && !item.recordedBy.includes(role))
    issues.push(pointsIssues.recorderNotAllowed(item.name, item.code, role, item.recordedBy));
  if (role === 'self' && input.by.id !== member.code)
    issues.push(pointsIssues.actorMismatch(role, input.by.id, member.code));
  if (role === 'branch' && input.by.id !== member.branch)
    issues.push(pointsIssues.actorMismatch(role, input.by.id, member.branch));
  if (role === 'community' && registeredCommunityOn(member, input.date) !== input.by.id) {
    issues.push(pointsIssues.notDualRegistered(member.code, input.by.id, input.date));
  }
  if (item.evidenceRequired && (input.evidence === undefined || input.evidence.length === 0)) {
    issues.push(pointsIssues.evidenceRequired(item.name, item.code));
  }
  const quantity = quantityIssue(item, input.quantity);
  if (quantity !== undefined) issues.push(quantity);
  if (input.date > input.on) issues.push(pointsIssues.occurrenceAfterRecording(input.date, input.on));
  // A self-recorded entry is a draft for the month's self-assessment; other recorders feed the
  // branch review; the committee records at any time until the year is locked.
  const deadlines = deadlinesFor(input.date, rules);
  if (role === 'self' && input.on > deadlines.selfAssessment) {
    issues.push(
      pointsIssues.deadlinePassed('self_assessment', deadlines.selfAssessment, input.on, input.date),
    );
  } else if (role !== 'self' && role !== 'committee' && input.on > deadlines.branchReview) {
    issues.push(pointsIssues.deadlinePassed('branch_review', deadlines.branchReview, input.on, input.date));
  }
  if (issues.length > 0) return fail(issues);

  const notes = capNotes(input, item, context.rules, memberRecords);
  return ok({ status: INITIAL_STATUS[role], rules, member, item, notes });
}

function shapeIssues(input: PointEntryInput): PointsIssue[] {
  const issues: PointsIssue[] = [];
  const text = { zh: '非空文本', en: 'non-empty text' };
  const date = { zh: 'YYYY-MM-DD 格式的真实日期', en: 'a real date as YYYY-MM-DD' };
  for (const field of ['member', 'item'] as const) {
    if (typeof input[field] !== 'string' || input[field] === '') {
      issues.push(pointsIssues.invalidInput(field, text, input[field], [field]));
    }
  }
  if (!isLocalDate(input.date)) issues.push(pointsIssues.invalidInput('date', date, input.date, ['date']));
  if (
    input.quantity !== undefined &&
    (typeof input.quantity !== 'number' || !Number.isFinite(input.quantity))
  ) {
    issues.push(
      pointsIssues.invalidInput('quantity', { zh: '有限数值', en: 'a finite number' }, input.quantity, [
        'quantity',
      ]),
    );
  }
  if (
    input.evidence !== undefined &&
    (!Array.isArray(input.evidence) || !input.evidence.every((e) => typeof e === 'string'))
  ) {
    issues.push(
      pointsIssues.invalidInput('evidence', { zh: '文本列表', en: 'a list of text' }, input.evidence, [
        'evidence',
      ]),
    );
  }
  if (input.source !== undefined) {
    const source = input.source as { kind?: unknown; id?: unknown } | null;
    const valid =
      typeof source === 'object' &&
      source !== null &&
      POINT_FACT_KINDS.includes(source.kind as never) &&
      typeof source.id === 'string' &&
      source.id !== '' &&
      source.id.length <= 128;
    if (!valid) {
      issues.push(
        pointsIssues.invalidInput(
          'source',
          {
            zh: `{ kind: ${POINT_FACT_KINDS.join(' | ')}, id: 1 至 128 个字符 }`,
            en: `{ kind: ${POINT_FACT_KINDS.join(' | ')}, id: 1 to 128 characters }`,
          },
          input.source,
          ['source'],
        ),
      );
    } else if ((input.by as { role?: unknown } | undefined)?.role !== 'system') {
      issues.push(
        pointsIssues.invalidInput(
          'source',
          { zh: '只有系统按事实记分时才带来源', en: 'only the system records an entry from a fact' },
          input.source,
          ['source'],
        ),
      );
    }
  }
  issues.push(...actorShapeIssues(input));
  return issues;
}

/** Checks the `by` and `on` every ledger entry carries. */
export function actorShapeIssues(input: { readonly by: unknown; readonly on: unknown }): PointsIssue[] {
  const issues: PointsIssue[] = [];
  const by = input.by as { role?: unknown; id?: unknown } | undefined;
  if (typeof by !== 'object' || by === null || !RECORDERS.includes(by.role as never)) {
    issues.push(
      pointsIssues.invalidInput(
        'by.role',
        { zh: RECORDERS.join('、'), en: `one of ${RECORDERS.join(', ')}` },
        by?.role,
        ['by', 'role'],
      ),
    );
  } else if (typeof by.id !== 'string' || by.id === '') {
    issues.push(
      pointsIssues.invalidInput('by.id', { zh: '非空文本', en: 'non-empty text' }, by.id, ['by', 'id']),
    );
  } else if ('person' in by && by.person !== undefined) {
    const person = by.person as Record<string, unknown> | null;
    for (const field of ['id', 'role', 'org'] as const) {
      const value = typeof person === 'object' && person !== null ? person[field] : undefined;
      if (typeof value !== 'string' || value === '') {
        issues.push(
          pointsIssues.invalidInput(`by.person.${field}`, { zh: '非空文本', en: 'non-empty text' }, value, [
            'by',
            'person',
            field,
          ]),
        );
      }
    }
  }
  if (!isLocalDate(input.on)) {
    issues.push(
      pointsIssues.invalidInput(
        'on',
        { zh: 'YYYY-MM-DD 格式的真实日期', en: 'a real date as YYYY-MM-DD' },
        input.on,
        ['on'],
      ),
    );
  }
  return issues;
}

/** Why a quantity does not fit an item, or nothing when it does. */
export function quantityIssue(item: PointItem, quantity: number | undefined): PointsIssue | undefined {
  if (item.unit === undefined) {
    if (quantity === undefined || quantity === 1) return undefined;
    return pointsIssues.invalidQuantity(item.name, item.code, quantity, {
      zh: '该项目按次固定计分，每条记录只记 1 次',
      en: 'the item scores a fixed amount per occurrence; record one occurrence per entry',
    });
  }
  if (quantity === undefined) {
    return pointsIssues.invalidQuantity(item.name, item.code, quantity, {
      zh: `该项目按${unitText(item.unit).zh}计分，须填写数量`,
      en: `the item scores per ${unitText(item.unit).en}; a quantity is required`,
    });
  }
  if (!(quantity > 0)) {
    return pointsIssues.invalidQuantity(item.name, item.code, quantity, {
      zh: '数量须大于 0',
      en: 'it must be more than 0',
    });
  }
  const max = maxQuantityOf(item);
  // Also refuses Infinity and NaN, whatever door the number came through.
  if (!(quantity <= max)) {
    return pointsIssues.invalidQuantity(item.name, item.code, quantity, {
      zh: `一条记录最多 ${fmt(max)} ${unitText(item.unit).zh}`,
      en: `one entry records at most ${fmt(max)} ${unitText(item.unit).en}s`,
    });
  }
  if (PER_UNIT_INTEGER.has(item.unit) && !Number.isInteger(quantity)) {
    return pointsIssues.invalidQuantity(item.name, item.code, quantity, {
      zh: `按${unitText(item.unit).zh}计分的数量须为整数`,
      en: `a count of ${unitText(item.unit).en}s must be a whole number`,
    });
  }
  return undefined;
}

const LIVE_FOR_CAPS: ReadonlySet<PointStatus> = new Set([
  'draft',
  'submitted',
  'approved',
  'adjusted',
  'audited',
]);

/** Raw points (hundredths) of a record under the version in force on its date, or undefined. */
export function recordRawCenti(record: PointRecord, rules: RuleVersions): number | undefined {
  const version = rulesAt(rules, record.entry.date);
  if (!version.ok) return undefined;
  const item = compileVersion(version.value).items.get(record.entry.item);
  if (item === undefined) return undefined;
  const a = record.adjustment;
  if (a !== undefined) return 'points' in a ? toCenti(a.points) : rawCenti(item, a.quantity);
  return rawCenti(item, record.entry.quantity);
}

function capNotes(
  input: PointEntryInput,
  item: PointItem,
  rules: RuleVersions,
  memberRecords: readonly PointRecord[],
): PointsNote[] {
  const notes: PointsNote[] = [];
  const raw = rawCenti(item, input.quantity);
  for (const kind of ['month', 'quarter', 'year'] as const) {
    const cap = item.caps[kind];
    if (cap === undefined) continue;
    const period = periodOf(input.date, kind);
    let before = 0;
    for (const r of memberRecords) {
      if (r.entry.key === input.key || r.entry.item !== input.item || !LIVE_FOR_CAPS.has(r.status)) continue;
      if (!periodContains(period, r.entry.date)) continue;
      before += recordRawCenti(r, rules) ?? 0;
    }
    const capC = toCenti(cap);
    if (before + raw <= capC) continue;
    const counts = Math.max(0, Math.min(raw, capC - before)) / CENTI;
    const p = periodKindText(kind);
    notes.push({
      code: 'POINTS_OVER_CAP',
      message: {
        zh: `“${item.name.zh}”${p.zh}上限 ${fmt(cap)} 分，本期已记 ${fmt(before / CENTI)} 分，本条 ${fmt(raw / CENTI)} 分，预计只计 ${fmt(counts)} 分`,
        en: `"${item.name.en}" has a ${p.en} cap of ${fmt(cap)}; ${fmt(before / CENTI)} already recorded in the period, this entry's ${fmt(raw / CENTI)} will count as ${fmt(counts)}`,
      },
      details: { item: item.code, period: kind, cap, before: before / CENTI, requested: raw / CENTI, counts },
    });
  }
  return notes;
}
