// Long file: the row encoding (bit flags, slot tables) and the loop that reads it are meaningful
// only together, and the loop is the hot path kept in one module.
import { fail, ok, type Result } from '../shared/result.js';
import { CodeTable } from './code-table.js';
import { type PointsIssueCode, pointsIssues } from './errors.js';
import { categoryOn } from './members.js';
import { dateOfEpochDay, epochDay, epochDayOf, monthsOf, type Period } from './period.js';
import {
  baseRulesOf,
  CENTI,
  itemApplies,
  memberPointsScheme,
  type ScoringItem,
  schemeItems,
  toCenti,
  versionIndexAt,
  versionsOf,
} from './rules.js';
import { type PointExclusionReason, rawOf, type ScoringOptions, statusExclusion } from './scoring.js';
import {
  AWARD,
  DEDUCTION_CODE,
  encodeMember,
  encodeSlot,
  KEEP_CODE,
  KEEP_MONTH,
  KEEP_QUARTER,
  NO_CAP,
  type RowEncoder,
  rowEncoder,
} from './scoring-rows.js';
import type { MemberDirectory, PartyMember, PointRecord, ScoredMember } from './types.js';

/**
 * The fast path of scoring (see `scoring.ts`): a year's records as typed columns, scored for a
 * whole county in one loop. `scoring-explain.ts` gives the same totals one member at a time.
 */

/**
 * A year's counted entries as typed columns for the scoring loop, built by
 * `compilePointColumns`. Each member's rows run award items first, then deduction items; within
 * each, by item code, then date (rows of one code on one day in input order: the caps grant them
 * the same sum in any order, which is all the columns keep). Caps are per item code, so the order across
 * codes does not matter; within one code the loop keeps the month, quarter and year counters in
 * registers, and the award/deduction split spares it telling the two apart row by row.
 */
export interface PointColumns<M extends ScoredMember = PartyMember> {
  readonly year: number;
  readonly members: MemberDirectory<M>;
  /** Base score in hundredths. */
  readonly baseCenti: number;
  readonly baseVersion: string;
  /** Rows of member m are start[m] .. start[m + 1] - 1. */
  readonly start: Int32Array;
  /**
   * Rows start[m] .. awardsEnd[m] - 1 are of award items, the rest of deduction items (by the
   * kind of the code's first version; see `kindPerCode`).
   */
  readonly awardsEnd: Int32Array;
  /**
   * The slot table (`slots.data`, 4 numbers per slot) followed by two numbers per row: a packed
   * word, then the points before caps in hundredths. Row r is at rowsFrom + 2r. The packed word
   * holds the slot's offset in the table (slot × 4) in bits 0–15; bit 19 set for an award;
   * bits 31, 30, 29 set when the row continues the month, quarter, and item code of the row
   * before it (bit 31 first, so the month's mask is one shift). One array, so the loop keeps one base and one bound in registers, not three.
   */
  readonly rows: Int32Array;
  /** Where row 0 starts in `rows`: after the slot table, with room for every slot of the year. */
  readonly rowsFrom: number;
  /** Month 0–11, for month and quarter totals. */
  readonly month: Uint8Array;
  /** Day of the year of each member's last counted entry; -1 for none. */
  readonly lastDay: Int16Array;
  /** Each member's points before caps, in hundredths. */
  readonly requested: Float64Array;
  readonly slots: SlotTable;
  /** Whether every value fits the 32-bit loop exactly; if not, a slower loop in doubles runs. */
  readonly int32: boolean;
  /**
   * Whether no item's cap ever falls from one rule version to the next within the year. Then a
   * counter never exceeds its cap, room is never negative, and the 32-bit loop needs no clamp;
   * otherwise the doubles loop runs.
   */
  readonly capsNeverFall: boolean;
  /**
   * Whether every item code is an award in all the year's versions, or a deduction in all (the
   * 32-bit loop's award/deduction split needs it; otherwise the doubles loop runs).
   */
  readonly kindPerCode: boolean;
  /** Records of the year that do not count, by reason. */
  readonly excluded: Readonly<Record<PointExclusionReason, number>>;
}

/** One row per (rule version, item). */
export interface SlotTable {
  readonly count: number;
  /** Item codes; caps are counted per code, across versions. */
  readonly codes: readonly string[];
  readonly code: Int32Array;
  /**
   * Four numbers per slot: month, quarter and year cap in hundredths (`NO_CAP` when the item
   * has none), then -1 for an award or 0 for a deduction.
   */
  readonly data: Int32Array;
}

export { NO_CAP };

const INT_SAFE = 2 ** 24;
const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const SLOT_UNSEEN = -2;
const SLOT_UNKNOWN = -1;

/**
 * Resolves a year's records into columns: member and item codes to numbers, each entry's
 * rule version, category check and raw points, and the row order the loop needs. Fails only
 * on a record for a member the directory lacks, or a year with no rules for its base score.
 *
 * One pass reads the records; everything after it works on typed arrays. Records that come
 * grouped by member (as `pointRecords(ledger, { member })` or a query ordered by member gives
 * them) cost one directory lookup per member rather than one per entry, and each member's rows
 * are sorted and encoded as soon as the member's last record is read, while they are in cache.
 * Records in any other order (ledger order) are regrouped by a counting sort, then encoded: the
 * first record out of member order makes the pass start again that way.
 *
 * @example
 * const columns = unwrap(compilePointColumns(records, { year: 2025, members, rules: history }));
 * const scores = scoreColumns(columns);
 */
export function compilePointColumns<M extends ScoredMember = PartyMember>(
  records: readonly PointRecord[],
  options: ScoringOptions<M> & { readonly year: number },
): Result<PointColumns<M>, PointsIssueCode> {
  return compile(records, options, true) ?? compile(records, options, false)!;
}

/**
 * `compilePointColumns` in one of two ways. `grouped`: rows are encoded member by member as the
 * records are read, and `undefined` comes back as soon as a member's records turn out not to be
 * together. Otherwise: all records are staged, regrouped, then encoded.
 */
function compile<M extends ScoredMember>(
  records: readonly PointRecord[],
  options: ScoringOptions<M> & { readonly year: number },
  grouped: boolean,
): Result<PointColumns<M>, PointsIssueCode> | undefined {
  const { year, members, rules } = options;
  const scheme = options.scheme ?? memberPointsScheme;
  const base = baseRulesOf(rules, year);
  if (!base.ok) return base;
  const directory = members.members;
  const indexOf = members.indexOf;
  const n = directory.length;
  const versions = versionsOf(rules);
  const firstDay = epochDay(year, 1, 1);
  const daysInYear = epochDay(year + 1, 1, 1) - firstDay;
  const leap = daysInYear === 366 ? 1 : 0;
  // Version index per day of the year: one binary search per day, not per entry.
  const versionOfDay = new Int32Array(daysInYear);
  for (let d = 0; d < daysInYear; d++) versionOfDay[d] = versionIndexAt(rules, dateOfEpochDay(firstDay + d));
  const y0 = Math.floor(year / 1000) % 10;
  const y1 = Math.floor(year / 100) % 10;
  const y2 = Math.floor(year / 10) % 10;
  const y3 = year % 10;
  const yearFrom = dateOfEpochDay(firstDay);
  const yearTo = dateOfEpochDay(firstDay + daysInYear - 1);

  const codeIndex = new Map<string, number>();
  const codes: string[] = [];
  const slotItems: ScoringItem[] = [];
  const slotCode: number[] = [];
  const slotVersion: number[] = [];
  /** Per slot: the item's points in hundredths per unit, before rounding. */
  const slotCenti: number[] = [];
  /** Per slot: a bit per category index the item applies to (all bits for `all`). */
  const slotCategories: number[] = [];
  /** Per code: 1 << 23 for a deduction (it sorts deductions after awards), else 0. */
  const codeKind: number[] = [];
  const categoryIndex = new Map<string, number>();
  const categoryBit = (category: string): number => {
    let i = categoryIndex.get(category);
    if (i === undefined) {
      i = categoryIndex.size;
      categoryIndex.set(category, i);
    }
    // 31 categories get a bit; a catalogue with more takes the general check for the rest.
    return i < 31 ? 1 << i : 0;
  };
  let kindPerCode = true;
  const excluded: Record<PointExclusionReason, number> = {
    pending: 0,
    rejected: 0,
    lapsed: 0,
    reversed: 0,
    no_rules: 0,
    unknown_item: 0,
    not_eligible: 0,
  };

  // The slot table goes first in `rows`; room is kept for every (version, item) pair in force
  // during the year, so that the rows can be written in place as they are read.
  let slotRoom = 0;
  // Item codes of those versions get ids once, so an entry's item is found without hashing it.
  const itemCodes = new Set<string>();
  for (const v of new Set(versionOfDay)) {
    if (v < 0) continue;
    const items = scheme(versions[v]!).items;
    slotRoom += items.length;
    for (const item of items) itemCodes.add(item.code);
  }
  const itemTable = new CodeTable([...itemCodes]);
  const itemCount = itemCodes.size;
  /** Slot per (version, item id): SLOT_UNSEEN until the first entry, SLOT_UNKNOWN when the version lacks the item. */
  const slotAt = new Int32Array(versions.length * itemCount).fill(SLOT_UNSEEN);
  const rowsFrom = Math.min(slotRoom, 0x4000) * 4;
  const count = records.length;
  // Two numbers per counted record, in input order: slot × 512 + day of the year, raw points.
  const staged = new Int32Array(rowsFrom + 2 * count);
  const perMember = new Int32Array(n);
  const lastDay = new Int16Array(n).fill(-1);
  const requested = new Float64Array(n);
  const awardsEnd = new Int32Array(n);
  const encoder = rowEncoder(
    {
      rows: staged,
      rowsFrom,
      month: new Uint8Array(count),
      lastDay,
      requested,
      awardsEnd,
      monthOfDay: monthTable(year, daysInYear),
    },
    slotRoom,
  );
  // Runs of consecutive counted records of one member: who, and where each starts.
  let runMember = new Int32Array(Math.min(count, n) + 1);
  let runStart = new Int32Array(runMember.length);
  let runs = 0;
  let runOwner = -1;
  let kept = 0;
  let int32 = true;

  // What the loop knows of the member of the last record: a member's records often come together.
  let lastCode: string | undefined;
  let mi = -1;
  let member: M | undefined;
  /** Day of the year from which the member's only category span is in force (> 365: use `categoryOn`). */
  let spanFrom = 1000;
  let memberBit = 0;
  // The same per member, worked out the first time it is met: records in ledger order change
  // member at nearly every record.
  const spanFromOf = new Int16Array(n).fill(-1);
  const memberBitOf = new Int32Array(n);
  for (let r = 0; r < count; r++) {
    const record = records[r]!;
    const e = record.entry;
    const date = e.date;
    // The year's entries only; the digits are read in place to spare a substring per entry.
    if (
      date.charCodeAt(0) - 48 !== y0 ||
      date.charCodeAt(1) - 48 !== y1 ||
      date.charCodeAt(2) - 48 !== y2 ||
      date.charCodeAt(3) - 48 !== y3
    ) {
      continue;
    }
    const month = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 49;
    const d =
      CUMULATIVE_DAYS[month]! +
      (month > 1 ? leap : 0) +
      (date.charCodeAt(8) - 48) * 10 +
      date.charCodeAt(9) -
      49;
    const code = e.member;
    if (code !== lastCode) {
      // Records grouped by member mostly come in directory order: try the next member's code (a
      // comparison of characters) before hashing a fresh string into a large map.
      const found = mi + 1 < n && directory[mi + 1]!.code === code ? mi + 1 : indexOf.get(code);
      if (found === undefined) return fail([pointsIssues.unknownMember(code, [r, 'entry', 'member'])]);
      lastCode = code;
      if (found !== mi) {
        mi = found;
        member = directory[mi]!;
        if (spanFromOf[mi] === -1) {
          const spans = member.categories;
          let from = 1000;
          if (spans.length === 1) {
            memberBitOf[mi] = categoryBit(spans[0]!.category);
            const day = spans[0]!.from;
            if (memberBitOf[mi] !== 0 && day <= yearTo)
              from = day <= yearFrom ? 0 : epochDayOf(day) - firstDay;
          }
          spanFromOf[mi] = from;
        }
        spanFrom = spanFromOf[mi]!;
        memberBit = memberBitOf[mi]!;
      }
    }
    const status = record.status;
    if (status !== 'approved' && status !== 'audited' && status !== 'adjusted') {
      excluded[statusExclusion(status)!]++;
      continue;
    }
    const v = versionOfDay[d]!;
    if (v < 0) {
      excluded.no_rules++;
      continue;
    }
    const itemId = itemTable.idOf(e.item);
    let slot = itemId < 0 ? SLOT_UNKNOWN : slotAt[v * itemCount + itemId]!;
    if (slot === SLOT_UNSEEN) {
      const item = schemeItems(scheme(versions[v]!)).get(e.item);
      if (item === undefined) {
        slotAt[v * itemCount + itemId] = SLOT_UNKNOWN;
        excluded.unknown_item++;
        continue;
      }
      slot = slotItems.length;
      slotItems.push(item);
      slotCenti.push(item.points * CENTI);
      slotCategories.push(
        item.categories === 'all' ? -1 : item.categories.reduce((bits, c) => bits | categoryBit(c), 0),
      );
      slotAt[v * itemCount + itemId] = slot;
      let c = codeIndex.get(item.code);
      if (c === undefined) {
        c = codes.length;
        codeIndex.set(item.code, c);
        codes.push(item.code);
        codeKind.push(item.kind === 'award' ? 0 : DEDUCTION_CODE);
      } else if (codeKind[c] !== (item.kind === 'award' ? 0 : DEDUCTION_CODE)) {
        kindPerCode = false;
      }
      slotCode.push(c);
      slotVersion.push(v);
      if (slot < slotRoom) encodeSlot(encoder, slot, c, codeKind[c]!, item.kind === 'award');
    } else if (slot === SLOT_UNKNOWN) {
      excluded.unknown_item++;
      continue;
    }
    if (
      d >= spanFrom
        ? (slotCategories[slot]! & memberBit) === 0
        : !itemApplies(slotItems[slot]!, categoryOn(member!, date))
    ) {
      excluded.not_eligible++;
      continue;
    }
    const adjustment = record.adjustment;
    const quantity = e.quantity;
    // rawCenti, with the item's points in hundredths looked up once per slot.
    const raw =
      adjustment !== undefined
        ? rawOf(slotItems[slot]!, adjustment, quantity)
        : Math.round(quantity === undefined ? slotCenti[slot]! : slotCenti[slot]! * quantity);
    if (!(Math.abs(raw) <= INT_SAFE)) int32 = false;
    if (mi !== runOwner) {
      if (grouped) {
        // One run per member, in directory order: the run before this one is its member's all.
        if (perMember[mi]! > 0 || mi < runOwner) return undefined;
        if (runOwner >= 0 && !encodeMember(encoder, runOwner, runStart[runs - 1]!, perMember[runOwner]!))
          int32 = false;
      }
      if (runs === runMember.length) {
        runMember = grow(runMember);
        runStart = grow(runStart);
      }
      runMember[runs] = mi;
      runStart[runs] = kept;
      runs++;
      runOwner = mi;
    }
    staged[rowsFrom + 2 * kept] = slot * 512 + d;
    staged[rowsFrom + 2 * kept + 1] = raw;
    perMember[mi]!++;
    kept++;
  }
  if (slotItems.length > 0x3fff) {
    // 16 bits of a row hold slot × 4; a county would need thousands of items across versions.
    throw new RangeError(`too many (rule version, item) pairs in one year: ${slotItems.length}`);
  }
  const start = new Int32Array(n + 1);
  for (let m = 0; m < n; m++) start[m + 1] = start[m]! + perMember[m]!;
  let rows: Int32Array;
  let month: Uint8Array;
  if (grouped) {
    if (runOwner >= 0 && !encodeMember(encoder, runOwner, runStart[runs - 1]!, perMember[runOwner]!))
      int32 = false;
    for (let m = 0; m < n; m++) if (perMember[m] === 0) awardsEnd[m] = start[m]!;
    // Give back what excluded records left unused when it is much.
    const shrink = 4 * kept < 3 * count;
    rows = shrink ? staged.slice(0, rowsFrom + 2 * kept) : staged.subarray(0, rowsFrom + 2 * kept);
    month = shrink ? encoder.month.slice(0, kept) : encoder.month.subarray(0, kept);
  } else {
    // A counting sort by member, run by run, keeps input order within a member.
    rows = new Int32Array(rowsFrom + 2 * kept);
    const fill = start.slice(0, n);
    for (let q = 0; q < runs; q++) {
      const from = rowsFrom + 2 * runStart[q]!;
      const to = q + 1 < runs ? rowsFrom + 2 * runStart[q + 1]! : rowsFrom + 2 * kept;
      const m = runMember[q]!;
      let at = rowsFrom + 2 * fill[m]!;
      fill[m]! += (to - from) >> 1;
      for (let i = from; i < to; i++) rows[at++] = staged[i]!;
    }
    month = encoder.month.subarray(0, kept);
    const regrouped: RowEncoder = { ...encoder, rows, month };
    for (let m = 0; m < n; m++) {
      const len = perMember[m]!;
      awardsEnd[m] = start[m]!;
      if (len > 0 && !encodeMember(regrouped, m, start[m]!, len)) int32 = false;
    }
  }
  const data = rows.subarray(0, slotItems.length * 4);
  slotItems.forEach((item, s) => {
    data[s * 4] = intCap(item.caps.month);
    data[s * 4 + 1] = intCap(item.caps.quarter);
    data[s * 4 + 2] = intCap(item.caps.year);
    data[s * 4 + 3] = item.kind === 'award' ? -1 : 0;
    for (const cap of [item.caps.month, item.caps.quarter, item.caps.year]) {
      if (cap !== undefined && !(toCenti(cap) < NO_CAP)) int32 = false;
    }
  });
  return ok({
    year,
    members,
    baseCenti: toCenti(scheme(base.value).baseScore),
    baseVersion: base.value.version,
    start,
    awardsEnd,
    rows,
    rowsFrom,
    month,
    lastDay,
    requested,
    capsNeverFall: capsNeverFall(slotItems, slotCode, slotVersion),
    kindPerCode,
    slots: { count: slotItems.length, codes, code: Int32Array.from(slotCode), data },
    int32,
    excluded,
  });
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** True when, for every item code, each period's cap only stays or rises from version to version. */
function capsNeverFall(
  items: readonly ScoringItem[],
  code: readonly number[],
  version: readonly number[],
): boolean {
  const slots = items.map((_, s) => s).sort((a, b) => code[a]! - code[b]! || version[a]! - version[b]!);
  for (let k = 1; k < slots.length; k++) {
    const a = slots[k - 1]!;
    const b = slots[k]!;
    if (code[a] !== code[b]) continue;
    for (const period of ['month', 'quarter', 'year'] as const) {
      if (intCap(items[b]!.caps[period]) < intCap(items[a]!.caps[period])) return false;
    }
  }
  return true;
}

function intCap(cap: number | undefined): number {
  return cap === undefined ? NO_CAP : Math.min(toCenti(cap), NO_CAP);
}

function monthTable(year: number, daysInYear: number): Uint8Array {
  const table = new Uint8Array(daysInYear);
  const first = epochDay(year, 1, 1);
  for (let m = 1; m <= 12; m++) {
    const from = epochDay(year, m, 1) - first;
    const to = (m === 12 ? daysInYear : epochDay(year, m + 1, 1) - first) - 1;
    table.fill(m - 1, from, to + 1);
  }
  return table;
}

/**
 * A year's totals for every member of a directory, as typed arrays in directory order, in
 * points. Month and quarter totals come from `periodTotal`.
 */
export interface YearScores<M extends ScoredMember = PartyMember> {
  readonly year: number;
  readonly members: MemberDirectory<M>;
  readonly base: number;
  readonly baseVersion: string;
  readonly total: Float64Array;
  readonly awards: Float64Array;
  readonly deductions: Float64Array;
  /** Counted entries per member (the `entries_desc` tie breaker). */
  readonly counted: Int32Array;
  /** Points caps took off, per member. */
  readonly cappedPoints: Float64Array;
  /** Day of the year of the member's last counted entry; -1 for none (`earliest_last_entry`). */
  readonly lastEntryDay: Int16Array;
  /** The columns the totals came from, for month and quarter totals. */
  readonly columns: PointColumns<M>;
}

/**
 * The scoring loop. Per member, two runs of `grantedIn` (award rows, then deduction rows); per
 * row, the slot's three caps against the month, quarter and year counters of the row's item
 * code. When a value does not fit 32 bits, a cap falls between versions, or a code changes kind
 * between versions, an equivalent loop in doubles runs instead (`scoreRows`).
 *
 * @example
 * const scores = scoreColumns(unwrap(compilePointColumns(records, { year: 2025, members, rules })));
 * scores.total[members.indexOf.get('m001')!] // 126
 */
export function scoreColumns<M extends ScoredMember = PartyMember>(columns: PointColumns<M>): YearScores<M> {
  const n = columns.members.members.length;
  const total = new Float64Array(n);
  const awards = new Float64Array(n);
  const deductions = new Float64Array(n);
  const counted = new Int32Array(n);
  const cappedPoints = new Float64Array(n);
  const base = columns.baseCenti;
  const out = { total, awards, deductions, counted, cappedPoints };
  if (columns.int32 && columns.capsNeverFall && columns.kindPerCode) scoreFast(columns, out);
  else scoreSlow(columns, out);
  return {
    year: columns.year,
    members: columns.members,
    base: base / CENTI,
    baseVersion: columns.baseVersion,
    total,
    awards,
    deductions,
    counted,
    cappedPoints,
    lastEntryDay: columns.lastDay,
    columns,
  };
}

interface ScoreArrays {
  readonly total: Float64Array;
  readonly awards: Float64Array;
  readonly deductions: Float64Array;
  readonly counted: Int32Array;
  readonly cappedPoints: Float64Array;
}

function scoreFast(columns: PointColumns<ScoredMember>, out: ScoreArrays): void {
  const { start, awardsEnd, rows, rowsFrom, requested } = columns;
  const { total, awards, deductions, counted, cappedPoints } = out;
  const base = columns.baseCenti;
  for (let m = 0; m < total.length; m++) {
    const from = rowsFrom + 2 * start[m]!;
    const split = rowsFrom + 2 * awardsEnd[m]!;
    const to = rowsFrom + 2 * start[m + 1]!;
    const aw = grantedIn(rows, from, split);
    const de = grantedIn(rows, split, to);
    awards[m] = aw / CENTI;
    deductions[m] = de / CENTI;
    total[m] = (base + aw - de) / CENTI;
    counted[m] = (to - from) >> 1;
    cappedPoints[m] = (requested[m]! - aw - de) / CENTI;
  }
}

function scoreSlow(columns: PointColumns<ScoredMember>, out: ScoreArrays): void {
  const { start, requested } = columns;
  const { total, awards, deductions, counted, cappedPoints } = out;
  const base = columns.baseCenti;
  const sums = new Float64Array(3);
  for (let m = 0; m < total.length; m++) {
    scoreRows(columns, m, sums, undefined);
    const aw = sums[0]!;
    const de = sums[1]! - aw;
    awards[m] = aw / CENTI;
    deductions[m] = de / CENTI;
    total[m] = (base + aw - de) / CENTI;
    counted[m] = start[m + 1]! - start[m]!;
    cappedPoints[m] = (requested[m]! - aw - de) / CENTI;
  }
}

/**
 * Points granted to the rows in rows[from .. to) (positions, two per row) of one member, all
 * awards or all deductions, in hundredths. 32-bit integer arithmetic with masks instead of
 * branches (a mispredicted branch per row costs more than the rest of the row), counters in
 * registers, nothing allocated. Room is not clamped at 0: with caps that never fall a counter
 * never passes its cap.
 */
function grantedIn(rows: Int32Array, from: number, to: number): number {
  let um = 0;
  let uq = 0;
  let uy = 0;
  let granted = 0;
  for (let i = from; i < to; i += 2) {
    const w = rows[i]!;
    const raw = rows[i + 1]!;
    const s4 = w & 0xffff;
    // Bits 31, 30, 29 become all-ones masks: keep a counter within its period, clear it at a new one.
    um &= w >> 31;
    uq &= (w << 1) >> 31;
    uy &= (w << 2) >> 31;
    // g = min(raw, capMonth - um, capQuarter - uq, capYear - uy), as a tree of independent
    // mins; min(a, b) = b + ((a - b) & ((a - b) >> 31)).
    const month = (rows[s4]! - um) | 0;
    const quarter = (rows[s4 + 1]! - uq) | 0;
    const year = (rows[s4 + 2]! - uy) | 0;
    let d = (month - quarter) | 0;
    const periods = (quarter + (d & (d >> 31))) | 0;
    d = (raw - year) | 0;
    const rawYear = (year + (d & (d >> 31))) | 0;
    d = (periods - rawYear) | 0;
    const g = (rawYear + (d & (d >> 31))) | 0;
    um = (um + g) | 0;
    uq = (uq + g) | 0;
    uy = (uy + g) | 0;
    granted = (granted + g) | 0;
  }
  return granted;
}

/**
 * One member's rows in doubles: the same arithmetic as the 32-bit loop, for what it does not
 * take (values beyond 32 bits, a cap that falls, a code that changes kind) and for month totals. Writes awards, granted and requested (hundredths) into `sums`,
 * and, when given, awards and deductions per month into `months` (24 numbers).
 */
function scoreRows(
  columns: PointColumns<ScoredMember>,
  m: number,
  sums: Float64Array,
  months: Float64Array | undefined,
): void {
  const { start, rows, rowsFrom, month } = columns;
  const data = columns.slots.data;
  const cap = (x: number): number => (x >= NO_CAP ? Number.POSITIVE_INFINITY : x);
  let um = 0;
  let uq = 0;
  let uy = 0;
  let aw = 0;
  let granted = 0;
  let requested = 0;
  for (let i = start[m]!; i < start[m + 1]!; i++) {
    const w = rows[rowsFrom + 2 * i]!;
    const raw = rows[rowsFrom + 2 * i + 1]!;
    const s4 = w & 0xffff;
    if ((w & KEEP_MONTH) === 0) um = 0;
    if ((w & KEEP_QUARTER) === 0) uq = 0;
    if ((w & KEEP_CODE) === 0) uy = 0;
    const room = Math.min(cap(data[s4]!) - um, cap(data[s4 + 1]!) - uq, cap(data[s4 + 2]!) - uy);
    const g = Math.min(raw, Math.max(room, 0));
    um += g;
    uq += g;
    uy += g;
    const award = (w & AWARD) !== 0;
    if (award) aw += g;
    granted += g;
    requested += raw;
    if (months !== undefined)
      months[(award ? 0 : 12) + month[i]!] = months[(award ? 0 : 12) + month[i]!]! + g;
  }
  sums[0] = aw;
  sums[1] = granted;
  sums[2] = requested;
}

/**
 * Scores a year for every member of the directory: `compilePointColumns` then `scoreColumns`.
 *
 * @example
 * const scores = unwrap(scoreYear(pointRecords(ledger, { year: 2025 }), { year: 2025, members, rules: history }));
 */
export function scoreYear<M extends ScoredMember = PartyMember>(
  records: readonly PointRecord[],
  options: ScoringOptions<M> & { readonly year: number },
): Result<YearScores<M>, PointsIssueCode> {
  const columns = compilePointColumns(records, options);
  return columns.ok ? ok(scoreColumns(columns.value)) : columns;
}

/** A member's totals for one period, read from year scores. */
export interface PeriodTotal {
  readonly member: string;
  readonly period: Period;
  readonly base: number;
  readonly awards: number;
  readonly deductions: number;
  readonly total: number;
}

/**
 * A member's month, quarter or year total from year scores; the base score counts in the
 * year only. Months are summed from the member's rows again, which takes microseconds.
 *
 * @example
 * periodTotal(scores, 'm001', quarterPeriod(2025, 1)) // { awards: 14, deductions: 3, total: 11, … }
 */
export function periodTotal(
  scores: YearScores<ScoredMember>,
  member: string,
  period: Period,
): PeriodTotal | undefined {
  const m = scores.members.indexOf.get(member);
  if (m === undefined || period.year !== scores.year) return undefined;
  const months = new Float64Array(24);
  scoreRows(scores.columns, m, new Float64Array(3), months);
  let aw = 0;
  let de = 0;
  for (const month of monthsOf(period)) {
    aw += months[month - 1]!;
    de += months[12 + month - 1]!;
  }
  const base = period.kind === 'year' ? scores.columns.baseCenti : 0;
  return {
    member,
    period,
    base: base / CENTI,
    awards: aw / CENTI,
    deductions: de / CENTI,
    total: (base + aw - de) / CENTI,
  };
}
