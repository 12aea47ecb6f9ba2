import { type Issue, JicengError } from './errors.js';

/** The outcome of an operation whose failure is an expected rule violation, not a bug. */
export type Result<T, C extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue<C>[] };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<C extends string>(
  issues: readonly Issue<C>[],
): { readonly ok: false; readonly issues: readonly Issue<C>[] } {
  return { ok: false, issues };
}

/**
 * Returns the value of an ok result, or throws a {@link JicengError} carrying every issue.
 *
 * @example
 * const tree = unwrap(buildOrgTree(rows));
 */
export function unwrap<T, C extends string>(result: Result<T, C>): T {
  if (result.ok) return result.value;
  throw new JicengError(result.issues);
}

/** For exhaustive switches: the compiler proves this is never reached. */
export function unreachable(value: never, what = 'value'): never {
  throw new TypeError(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
