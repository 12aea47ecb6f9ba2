import type { ImportIssue } from './issues.js';
import { cellOf, type HeaderMap, type SheetRow, type SheetSpec } from './sheets.js';

/**
 * Rules every register's rows share: required cells, numbers, and how a row compares with what
 * is stored by its natural key.
 */

/**
 * A required cell left blank, one issue per column (a cell refused as it stood is reported
 * there already).
 *
 * @example
 * requiredIssues(MEMBERS_SHEET, map, row) // [{ cell: 'B2', code: 'IMPORT_REQUIRED', … }] for a member without a name
 */
export function requiredIssues<K extends string>(
  spec: SheetSpec<K>,
  map: HeaderMap<K>,
  row: SheetRow<K>,
): ImportIssue[] {
  return spec.columns
    .filter((c) => c.required && row.values[c.key] === undefined && !row.refused.has(c.key))
    .map((c) => ({
      ...cellOf(spec, map, row.row, c.key),
      code: 'IMPORT_REQUIRED',
      message: { zh: `“${c.header.zh}”必须填写`, en: `"${c.header.en}" must be filled in` },
    }));
}

/**
 * The number a cell holds, within `[min, max]` (and whole when `integer`), or the issue saying
 * what it should be.
 *
 * @example
 * numberIn('310', { min: 0, max: 100000, integer: true }) // { ok: true, value: 310 }
 */
export function numberIn(
  text: string,
  range: { readonly min: number; readonly max: number; readonly integer?: boolean },
):
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly issue: Omit<ImportIssue, 'sheet' | 'row'> } {
  const value = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  const whole = range.integer === true;
  if (
    Number.isFinite(value) &&
    value >= range.min &&
    value <= range.max &&
    (!whole || Number.isInteger(value))
  ) {
    return { ok: true, value };
  }
  const kind = whole ? { zh: '整数', en: 'a whole number' } : { zh: '数字', en: 'a number' };
  return {
    ok: false,
    issue: {
      code: 'IMPORT_INVALID_NUMBER',
      message: {
        zh: `“${text}”应为 ${range.min} 到 ${range.max} 之间的${kind.zh}`,
        en: `"${text}" should be ${kind.en} from ${range.min} to ${range.max}`,
      },
      details: { value: text, min: range.min, max: range.max },
    },
  };
}

/** Whether a row adds a record, changes a stored one (and which fields), or leaves it. */
export type KeyedChange<T> =
  | { readonly change: 'added'; readonly next: T }
  | { readonly change: 'updated'; readonly next: T; readonly fields: readonly (keyof T & string)[] }
  | { readonly change: 'unchanged'; readonly next: T };

/**
 * Compares the record a row gives with the stored one of its key, field by field (arrays element
 * by element).
 *
 * @example
 * compareByKey({ code: 'B1', households: 30 }, { code: 'B1', households: 32 }, ['households'])
 * // { change: 'updated', fields: ['households'], next: { code: 'B1', households: 32 } }
 */
export function compareByKey<T extends object>(
  stored: T | undefined,
  next: T,
  fields: readonly (keyof T & string)[],
): KeyedChange<T> {
  if (stored === undefined) return { change: 'added', next };
  const changed = fields.filter((f) => !sameValue(stored[f], next[f]));
  return changed.length === 0
    ? { change: 'unchanged', next: stored }
    : { change: 'updated', next, fields: changed };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return (a ?? null) === (b ?? null);
}
