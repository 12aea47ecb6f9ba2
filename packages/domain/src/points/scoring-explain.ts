import type { RuleProfile } from '../profiles/schema.js';
import type { LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { fmt, type PointsIssueCode, periodKindText, pointsIssues } from './errors.js';
import { categoryOn } from './members.js';
import {
  monthOf,
  type Period,
  type PeriodKind,
  periodContains,
  periodLabel,
  quarterOfMonth,
  yearOf,
} from './period.js';
import {
  baseRulesOf,
  CENTI,
  itemApplies,
  memberPointsScheme,
  type PointSchemeOf,
  type ScoringItem,
  schemeItems,
  toCenti,
  versionIndexAt,
  versionsOf,
} from './rules.js';
import { type PointExclusionReason, rawOf, type ScoringOptions, statusExclusion } from './scoring.js';
import type {
  Adjustment,
  PartyMember,
  PointRecord,
  PointStatus,
  PointsActor,
  RuleVersions,
  ScoredMember,
} from './types.js';

/**
 * The explainable path of scoring (see `scoring.ts`): one member, one period, every entry with
 * why it counts or not. `scoring-columns.ts` gives the same totals for a whole county.
 */

const EXCLUSION_TEXT: Readonly<Record<PointExclusionReason, LocalizedText>> = {
  pending: { zh: '尚未经支部考评，不计分', en: 'not yet through branch review; does not count' },
  rejected: { zh: '支部考评未通过', en: 'rejected at branch review' },
  lapsed: { zh: '年终审核时仍未完成考评，已失效', en: 'still unreviewed at the year-end audit; lapsed' },
  reversed: { zh: '已冲正', en: 'reversed' },
  no_rules: { zh: '发生日期没有生效的规则版本', en: 'no rule version in force on its date' },
  unknown_item: {
    zh: '该日期生效的规则中没有此积分项目',
    en: 'the rule version of its date has no such item',
  },
  not_eligible: {
    zh: '该项目不适用于党员当日的类别',
    en: 'the item does not apply to the member’s category on that date',
  },
};

type Evaluated =
  | {
      readonly counted: true;
      readonly version: RuleProfile;
      readonly item: ScoringItem;
      readonly category: string;
      readonly raw: number;
    }
  | {
      readonly counted: false;
      readonly reason: PointExclusionReason;
      readonly version?: RuleProfile;
      readonly item?: ScoringItem;
      readonly category?: string;
    };

/**
 * Whether and how much an entry counts before caps, for explanations. `compilePointColumns`
 * makes the same decisions in the same order over columns; the property tests hold them equal.
 */
function evaluate(
  record: PointRecord,
  member: ScoredMember,
  rules: RuleVersions,
  scheme: PointSchemeOf,
): Evaluated {
  const entry = record.entry;
  const category = categoryOn(member, entry.date);
  const versionIndex = versionIndexAt(rules, entry.date);
  const version = versionsOf(rules)[versionIndex];
  const item = version === undefined ? undefined : schemeItems(scheme(version)).get(entry.item);
  const known = { ...(version === undefined ? {} : { version }), ...(item === undefined ? {} : { item }) };
  const byStatus = statusExclusion(record.status);
  if (byStatus !== undefined)
    return { counted: false, reason: byStatus, ...known, ...(category === undefined ? {} : { category }) };
  if (version === undefined) return { counted: false, reason: 'no_rules' };
  if (item === undefined) return { counted: false, reason: 'unknown_item', version };
  if (category === undefined || !itemApplies(item, category)) {
    return {
      counted: false,
      reason: 'not_eligible',
      version,
      item,
      ...(category === undefined ? {} : { category }),
    };
  }
  return {
    counted: true,
    version,
    item,
    category,
    raw: rawOf(item, record.adjustment, entry.quantity),
  };
}

function capCenti(cap: number | undefined): number {
  return cap === undefined ? Number.POSITIVE_INFINITY : toCenti(cap);
}

/** Occurrence order: date, then key (keys are unique), so input order never matters. */
function byOccurrence(a: PointRecord, b: PointRecord): number {
  if (a.entry.date !== b.entry.date) return a.entry.date < b.entry.date ? -1 : 1;
  return a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0;
}

/** The cap that trimmed an entry. */
export interface CapHit {
  readonly key: string;
  readonly item: string;
  readonly period: PeriodKind;
  readonly cap: number;
  /** Points of the item already counted in that period before this entry. */
  readonly before: number;
  readonly requested: number;
  readonly granted: number;
  /**
   * The entries that used the period's cap before this one, in occurrence order (date, then key):
   * caps are consumed in that order, so these are the entries whose points this one yields to.
   */
  readonly takenBy: readonly CapUse[];
  readonly message: LocalizedText;
}

/** What an entry used of a cap, as a later entry that hit the cap is told. */
export interface CapUse {
  readonly key: string;
  readonly date: string;
  readonly granted: number;
}

/** One entry in an explanation, counted or not. */
export interface ExplanationLine {
  readonly key: string;
  readonly date: string;
  readonly item: string;
  readonly itemName?: LocalizedText;
  readonly kind?: 'award' | 'deduction';
  readonly quantity?: number;
  readonly status: PointStatus;
  readonly recordedBy: PointsActor;
  /** The rule version the entry falls under. */
  readonly version?: string;
  readonly category?: string;
  /** Points before caps (after any adjustment), unsigned. */
  readonly requested: number;
  /** Points after caps, unsigned; 0 when excluded. */
  readonly granted: number;
  /** What the entry adds to the total: +granted for an award, −granted for a deduction. */
  readonly points: number;
  readonly cap?: CapHit;
  readonly excluded?: { readonly reason: PointExclusionReason; readonly message: LocalizedText };
  readonly adjustment?: Adjustment;
  readonly reviewReason?: string;
  readonly reversal?: PointRecord['reversal'];
  readonly correctionOf?: string;
}

/** A total and everything it is made of. */
export interface Explanation {
  readonly member: string;
  readonly period: Period;
  /** The base score 基础分 (year periods only; 0 for months and quarters). */
  readonly base: number;
  readonly baseVersion?: string;
  readonly awards: number;
  readonly deductions: number;
  readonly total: number;
  /** Every entry of the member dated in the period, in occurrence order. */
  readonly lines: readonly ExplanationLine[];
  readonly capsThatBit: readonly CapHit[];
  /** Rule versions the counted entries fell under, with how many each. */
  readonly versions: readonly {
    readonly version: string;
    readonly effectiveFrom: string;
    readonly entries: number;
  }[];
  readonly summary: LocalizedText;
}

interface CapCounters {
  month: number;
  usedM: number;
  quarter: number;
  usedQ: number;
  usedY: number;
  /** The entries that used each period's room so far (granted > 0), in occurrence order. */
  byM: CapUse[];
  byQ: CapUse[];
  byY: CapUse[];
}

/** At most this many earlier entries are named in a cap message; `takenBy` holds them all. */
const NAMED_USES = 3;

function usesText(uses: readonly CapUse[]): LocalizedText {
  const shown = uses.slice(0, NAMED_USES);
  const more = uses.length - shown.length;
  return {
    zh: `${shown.map((u) => `${u.date}“${u.key}”已占 ${fmt(u.granted)} 分`).join('、')}${more > 0 ? ` 等 ${uses.length} 条` : ''}`,
    en: `${shown.map((u) => `"${u.key}" of ${u.date} (${fmt(u.granted)})`).join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
  };
}

/**
 * Explains a member's total for a month, quarter or year: every entry dated in the period
 * (counted or not, and why), the caps that bit, the rule versions used. Caps are walked from
 * 1 January, so a March explanation knows what January and February used of a quarter's cap.
 * `total` equals what `scoreYear` gives.
 *
 * @example
 * const e = unwrap(explainPoints(pointRecords(ledger, { member: 'm001' }), 'm001', yearPeriod(2025), { members, rules: history }));
 * e.total // 126
 */
export function explainPoints<M extends ScoredMember = PartyMember>(
  records: readonly PointRecord[],
  member: string,
  period: Period,
  options: ScoringOptions<M>,
): Result<Explanation, PointsIssueCode> {
  const scheme = options.scheme ?? memberPointsScheme;
  const index = options.members.indexOf.get(member);
  const m = index === undefined ? undefined : options.members.members[index];
  if (m === undefined) return fail([pointsIssues.unknownMember(member, ['member'])]);
  let base = 0;
  let baseVersion: string | undefined;
  if (period.kind === 'year') {
    const b = baseRulesOf(options.rules, period.year);
    if (!b.ok) return b;
    base = toCenti(scheme(b.value).baseScore);
    baseVersion = b.value.version;
  }
  const mine = records.filter((r) => r.entry.member === member && yearOf(r.entry.date) === period.year);
  mine.sort(byOccurrence);
  const counters = new Map<string, CapCounters>();
  const lines: ExplanationLine[] = [];
  const hits: CapHit[] = [];
  const versions = new Map<string, { version: string; effectiveFrom: string; entries: number }>();
  let awards = 0;
  let deductions = 0;
  for (const record of mine) {
    const e = record.entry;
    const inPeriod = periodContains(period, e.date);
    const ev = evaluate(record, m, options.rules, scheme);
    const common = {
      key: e.key,
      date: e.date,
      item: e.item,
      ...(ev.item === undefined ? {} : { itemName: ev.item.name, kind: ev.item.kind }),
      ...(e.quantity === undefined ? {} : { quantity: e.quantity }),
      status: record.status,
      recordedBy: e.by,
      ...(ev.version === undefined ? {} : { version: ev.version.version }),
      ...(ev.category === undefined ? {} : { category: ev.category }),
      ...(record.adjustment === undefined ? {} : { adjustment: record.adjustment }),
      ...(record.reviewReason === undefined ? {} : { reviewReason: record.reviewReason }),
      ...(record.reversal === undefined ? {} : { reversal: record.reversal }),
      ...(e.correctionOf === undefined ? {} : { correctionOf: e.correctionOf }),
    };
    if (!ev.counted) {
      if (!inPeriod) continue;
      const requested = ev.item === undefined ? 0 : rawOf(ev.item, record.adjustment, e.quantity) / CENTI;
      lines.push({
        ...common,
        requested,
        granted: 0,
        points: 0,
        excluded: { reason: ev.reason, message: EXCLUSION_TEXT[ev.reason] },
      });
      continue;
    }
    const item = ev.item;
    let c = counters.get(item.code);
    const month = monthOf(e.date);
    const quarter = quarterOfMonth(month);
    if (c === undefined) {
      c = { month, usedM: 0, quarter, usedQ: 0, usedY: 0, byM: [], byQ: [], byY: [] };
      counters.set(item.code, c);
    }
    if (c.month !== month) {
      c.month = month;
      c.usedM = 0;
      c.byM = [];
    }
    if (c.quarter !== quarter) {
      c.quarter = quarter;
      c.usedQ = 0;
      c.byQ = [];
    }
    const rooms: [PeriodKind, number, number, CapUse[]][] = [
      ['month', capCenti(item.caps.month), c.usedM, c.byM],
      ['quarter', capCenti(item.caps.quarter), c.usedQ, c.byQ],
      ['year', capCenti(item.caps.year), c.usedY, c.byY],
    ];
    let granted = ev.raw;
    let bound: [PeriodKind, number, number, CapUse[]] | undefined;
    for (const r of rooms) {
      const room = r[1] - r[2];
      if (room < granted) {
        granted = Math.max(room, 0);
        bound = r;
      }
    }
    // Who used the room this entry yields to, before this entry is added to them.
    const takenBy = bound === undefined ? [] : [...bound[3]];
    c.usedM += granted;
    c.usedQ += granted;
    c.usedY += granted;
    if (granted > 0) {
      const use = { key: e.key, date: e.date, granted: granted / CENTI };
      c.byM.push(use);
      c.byQ.push(use);
      c.byY.push(use);
    }
    if (!inPeriod) continue;
    if (item.kind === 'award') awards += granted;
    else deductions += granted;
    let cap: CapHit | undefined;
    if (bound !== undefined) {
      const p = periodKindText(bound[0]);
      cap = {
        key: e.key,
        item: item.code,
        period: bound[0],
        cap: bound[1] / CENTI,
        before: bound[2] / CENTI,
        requested: ev.raw / CENTI,
        granted: granted / CENTI,
        takenBy,
        message: capMessage(item.name, p, bound[1], bound[2], ev.raw, granted, takenBy),
      };
      hits.push(cap);
    }
    const v = versions.get(ev.version.version) ?? {
      version: ev.version.version,
      effectiveFrom: ev.version.effectiveFrom,
      entries: 0,
    };
    v.entries++;
    versions.set(v.version, v);
    lines.push({
      ...common,
      requested: ev.raw / CENTI,
      granted: granted / CENTI,
      points: (item.kind === 'award' ? granted : -granted) / CENTI,
      ...(cap === undefined ? {} : { cap }),
    });
  }
  const total = (base + awards - deductions) / CENTI;
  const label = periodLabel(period);
  const counted = lines.filter((l) => l.excluded === undefined).length;
  return ok({
    member,
    period,
    base: base / CENTI,
    ...(baseVersion === undefined ? {} : { baseVersion }),
    awards: awards / CENTI,
    deductions: deductions / CENTI,
    total,
    lines,
    capsThatBit: hits,
    versions: [...versions.values()],
    summary: {
      zh: `${label.zh}：${base > 0 ? `基础分 ${fmt(base / CENTI)} + ` : ''}加分 ${fmt(awards / CENTI)} − 扣分 ${fmt(deductions / CENTI)} = ${fmt(total)}；计分记录 ${counted} 条，未计 ${lines.length - counted} 条，封顶 ${hits.length} 次`,
      en: `${label.en}: ${base > 0 ? `base ${fmt(base / CENTI)} + ` : ''}awards ${fmt(awards / CENTI)} − deductions ${fmt(deductions / CENTI)} = ${fmt(total)}; ${counted} entries counted, ${lines.length - counted} not, ${hits.length} capped`,
    },
  });
}

/**
 * Why an entry was capped: the cap, what was already counted, and — when earlier entries used the
 * room — which ones: caps are consumed in occurrence order, so an entry dated earlier takes the
 * room first, whenever it was approved.
 */
function capMessage(
  name: LocalizedText,
  period: LocalizedText,
  cap: number,
  before: number,
  raw: number,
  granted: number,
  takenBy: readonly CapUse[],
): LocalizedText {
  const head = {
    zh: `“${name.zh}”${period.zh}上限 ${fmt(cap / CENTI)} 分，此前已计 ${fmt(before / CENTI)} 分，本条 ${fmt(raw / CENTI)} 分只计 ${fmt(granted / CENTI)} 分`,
    en: `"${name.en}" ${period.en} cap ${fmt(cap / CENTI)}: ${fmt(before / CENTI)} already counted, so this entry's ${fmt(raw / CENTI)} counts as ${fmt(granted / CENTI)}`,
  };
  if (takenBy.length === 0) return head;
  const uses = usesText(takenBy);
  return {
    zh: `${head.zh}（上限按发生日期先后占用：${uses.zh}）`,
    en: `${head.en} (caps are used in order of occurrence; earlier entries used it first: ${uses.en})`,
  };
}
