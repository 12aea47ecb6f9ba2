import type { LocalDate } from '../shared/dates.js';
import { type Issue, type IssuePath, issue } from '../shared/errors.js';

/**
 * Changes a county makes to a profile it extends: any part may be left out. Lists of records
 * with a `code` (point items, categories, rating bands, …) merge by code: an entry with a known
 * code changes that record, a new code is appended, `remove: true` deletes it. Other lists
 * replace the inherited list whole.
 */
export type ProfileChanges<T> = T extends LocalDate
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? [U] extends [{ readonly code: string }]
        ? readonly (ProfileChanges<Omit<U, 'code'>> & { readonly code: string; readonly remove?: boolean })[]
        : readonly ProfileChanges<U>[]
      : T extends object
        ? { readonly [K in keyof T]?: ProfileChanges<T[K]> }
        : T;

export type MergeIssueCode = 'PROFILE_REMOVE_UNKNOWN';

type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A list merges by code when every entry is a record with a string `code`. */
export function isKeyedList(value: unknown): value is readonly Plain[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((entry) => isPlainObject(entry) && typeof entry['code'] === 'string')
  );
}

/**
 * Applies `changes` on top of `base` and returns a new value; neither input is modified.
 * Objects merge key by key, keyed lists merge by code, everything else is replaced.
 *
 * @example
 * applyChanges({ grid: { workersPerGrid: 3, maxGridsPerWorker: 1 } }, { grid: { workersPerGrid: 4 } })
 * // → { value: { grid: { workersPerGrid: 4, maxGridsPerWorker: 1 } }, issues: [] }
 */
export function applyChanges(
  base: unknown,
  changes: unknown,
  path: IssuePath = [],
): { value: unknown; issues: Issue<MergeIssueCode>[] } {
  const issues: Issue<MergeIssueCode>[] = [];
  const value = merge(base, changes, path, issues);
  return { value, issues };
}

function merge(base: unknown, changes: unknown, path: IssuePath, issues: Issue<MergeIssueCode>[]): unknown {
  if (changes === undefined) return clone(base);
  if (isKeyedList(changes) && (isKeyedList(base) || (Array.isArray(base) && base.length === 0))) {
    return mergeKeyed(base as readonly Plain[], changes, path, issues);
  }
  if (isPlainObject(changes)) {
    const out: Plain = isPlainObject(base) ? (clone(base) as Plain) : {};
    for (const [key, patch] of Object.entries(changes)) {
      out[key] = merge(isPlainObject(base) ? base[key] : undefined, patch, [...path, key], issues);
    }
    return out;
  }
  return clone(changes);
}

function mergeKeyed(
  base: readonly Plain[],
  changes: readonly Plain[],
  path: IssuePath,
  issues: Issue<MergeIssueCode>[],
): Plain[] {
  const out: Plain[] = base.map((entry) => clone(entry) as Plain);
  changes.forEach((patch, i) => {
    const code = patch['code'] as string;
    const at = out.findIndex((entry) => entry['code'] === code);
    const { remove, ...rest } = patch;
    if (remove === true) {
      if (at === -1) {
        issues.push(
          issue(
            'PROFILE_REMOVE_UNKNOWN',
            {
              zh: `要删除的“${code}”在继承的配置中不存在`,
              en: `cannot remove "${code}": the inherited profile has no entry with that code`,
            },
            [...path, i],
            { code },
          ),
        );
      } else {
        out.splice(at, 1);
      }
      return;
    }
    if (at === -1) out.push(merge(undefined, rest, [...path, i], issues) as Plain);
    else out[at] = merge(out[at], rest, [...path, i], issues) as Plain;
  });
  return out;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value)) {
    const out: Plain = {};
    for (const [k, v] of Object.entries(value)) out[k] = clone(v);
    return out;
  }
  return value;
}

/**
 * Lists the dotted paths a set of changes touches, naming keyed records by code:
 * `points.items.volunteer_service.points`. Used to mark county-changed settings.
 */
export function changedPaths(changes: unknown, prefix = ''): string[] {
  if (isKeyedList(changes)) {
    return changes.flatMap((entry) => {
      const { code, remove, ...rest } = entry;
      const here = `${prefix}.${String(code)}`;
      const inner = changedPaths(rest, here);
      return remove === true || inner.length === 0 ? [here] : inner;
    });
  }
  if (isPlainObject(changes)) {
    return Object.entries(changes).flatMap(([key, v]) => {
      const here = prefix === '' ? key : `${prefix}.${key}`;
      const inner = changedPaths(v, here);
      return inner.length === 0 ? [here] : inner;
    });
  }
  return [];
}

/** Deep-freezes a value so a resolved profile cannot be changed by accident. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
