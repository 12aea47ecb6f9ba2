/**
 * The row encoding of `PointColumns` (see `scoring-columns.ts`): the flags of a packed row word,
 * and `encodeMember`, which puts one member's staged rows in the order the scoring loop reads
 * them and writes their words. Small functions over typed arrays, so that the JIT optimises them
 * early and whole, whichever pass calls them.
 */

/** The cap of a period an item does not cap: larger than anything the int32 loop accepts. */
export const NO_CAP = 2 ** 30;
export const KEEP_MONTH = 1 << 31;
export const KEEP_QUARTER = 1 << 30;
export const KEEP_CODE = 1 << 29;
export const AWARD = 1 << 19;
/** Added to a deduction code's sort key: deductions sort after awards. */
export const DEDUCTION_CODE = 1 << 23;
/** Sort keys hold a row's position below this; no member records 2^26 entries in a year. */
const POSITIONS = 2 ** 26;
const QUARTER_OF_MONTH = new Uint8Array([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);

/**
 * What `encodeMember` reads and writes. Staged rows are two numbers each (slot × 512 + day of
 * the year, raw points in hundredths) at `rows[rowsFrom + 2r]`; encoded rows replace them in place.
 */
export interface RowEncoder {
  readonly rows: Int32Array;
  readonly rowsFrom: number;
  readonly month: Uint8Array;
  readonly lastDay: Int16Array;
  readonly requested: Float64Array;
  readonly awardsEnd: Int32Array;
  /** Per slot: code kind (0 or DEDUCTION_CODE) + code × 512, the major part of the sort key. */
  readonly slotMajor: Int32Array;
  /** Per slot: slot × 4 in bits 0–15, AWARD for an award item. */
  readonly slotWord: Int32Array;
  readonly slotCode: Int32Array;
  readonly monthOfDay: Uint8Array;
  /** Scratch for one member's sort keys and rows, grown as needed. */
  key: Float64Array;
  copy: Int32Array;
}

export function rowEncoder(
  fields: Omit<RowEncoder, 'key' | 'copy' | 'slotMajor' | 'slotWord' | 'slotCode'>,
  slotRoom: number,
): RowEncoder {
  const room = Math.max(slotRoom, 1);
  return {
    ...fields,
    slotMajor: new Int32Array(room),
    slotWord: new Int32Array(room),
    slotCode: new Int32Array(room),
    key: new Float64Array(64),
    copy: new Int32Array(128),
  };
}

/** Records slot `s` (of code `code`, whose kind is `codeKind`, the item an award or not). */
export function encodeSlot(
  encoder: RowEncoder,
  s: number,
  code: number,
  codeKind: number,
  award: boolean,
): void {
  encoder.slotMajor[s] = codeKind + code * 512;
  encoder.slotWord[s] = ((s * 4) & 0xffff) | (award ? AWARD : 0);
  encoder.slotCode[s] = code;
}

/**
 * Member m's rows lo .. lo + len - 1, staged: sorted (award codes, deduction codes; item code,
 * then day; rows of one code on one day keep input order — they share their slot and month, so
 * the caps grant them the same sum in any order) and written back as row words with the flags
 * that tell the loop where a month, quarter or code starts. Sets the member's last day, points
 * requested and award split. False when the member's points could overflow the 32-bit loop.
 */
export function encodeMember(encoder: RowEncoder, m: number, lo: number, len: number): boolean {
  const { rows, slotMajor, slotWord, slotCode, monthOfDay, month } = encoder;
  if (len > encoder.key.length) {
    if (len >= POSITIONS) throw new RangeError(`too many entries for one member in a year: ${len}`);
    encoder.key = new Float64Array(len * 2);
    encoder.copy = new Int32Array(len * 4);
  }
  const key = encoder.key;
  const copy = encoder.copy;
  const at = encoder.rowsFrom + 2 * lo;
  let last = -1;
  let sorted = true;
  let previousKey = -1;
  for (let j = 0; j < len; j++) {
    const sd = rows[at + 2 * j]!;
    copy[2 * j] = sd;
    copy[2 * j + 1] = rows[at + 2 * j + 1]!;
    const d = sd & 511;
    if (d > last) last = d;
    const k = (slotMajor[sd >> 9]! + d) * POSITIONS + j;
    if (k < previousKey) sorted = false;
    previousKey = k;
    key[j] = k;
  }
  encoder.lastDay[m] = last;
  if (!sorted) sortKeys(key, len);
  let previousCode = -1;
  let previousMonth = -1;
  let awardRows = 0;
  let sum = 0;
  let wanted = 0;
  for (let j = 0; j < len; j++) {
    const k = key[j]!;
    const o = sorted ? j : k - Math.floor(k / POSITIONS) * POSITIONS;
    const sd = copy[2 * o]!;
    const raw = copy[2 * o + 1]!;
    const s = sd >> 9;
    const c = slotCode[s]!;
    const mo = monthOfDay[sd & 511]!;
    const sameCode = c === previousCode;
    const keep =
      (sameCode ? KEEP_CODE : 0) |
      (sameCode && QUARTER_OF_MONTH[mo] === QUARTER_OF_MONTH[previousMonth] ? KEEP_QUARTER : 0) |
      (sameCode && mo === previousMonth ? KEEP_MONTH : 0);
    rows[at + 2 * j] = slotWord[s]! | keep;
    rows[at + 2 * j + 1] = raw;
    month[lo + j] = mo;
    previousCode = c;
    previousMonth = mo;
    if (slotMajor[s]! < DEDUCTION_CODE) awardRows++;
    sum += Math.abs(raw);
    wanted += raw;
  }
  encoder.requested[m] = wanted;
  encoder.awardsEnd[m] = lo + awardRows;
  return sum <= NO_CAP;
}

/** Sorts key[0 .. len): insertion sort for a member's usual few dozen rows, the built-in sort beyond. */
function sortKeys(key: Float64Array, len: number): void {
  if (len > 48) {
    key.subarray(0, len).sort();
    return;
  }
  for (let i = 1; i < len; i++) {
    const x = key[i]!;
    let j = i - 1;
    while (j >= 0 && key[j]! > x) {
      key[j + 1] = key[j]!;
      j--;
    }
    key[j + 1] = x;
  }
}
