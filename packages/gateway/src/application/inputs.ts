import {
  INCOMING_TEXT,
  type Issue,
  type IssuePath,
  type LocalDate,
  parseLocalDate,
  type TextRule,
  validateText,
} from '@jiceng/domain';
import { badInput } from '../kernel/errors.js';

/**
 * Text rules of the fields every area shares; a field's rule is the domain's one text rule
 * (`validateText`) with its limit. One line unless `multiline`.
 */
export const TEXT = {
  /** An id or code a database row is keyed on (org codes, request and topic ids). */
  code: { max: 64 },
  /** A client's idempotency key, a member or item code, a reference. */
  key: { max: 200 },
  /** A person's name. */
  name: { max: 50 },
  /** One line of words: a title, an address, a unit's name. */
  line: { max: 200 },
  /** A short free text: a resident request's summary. */
  summary: { max: 500, multiline: true },
  /** A free text: a note, a reason, a commitment. */
  note: { max: 2000, multiline: true },
} as const satisfies Record<string, TextRule>;

/**
 * The one input collector: checks of what a client sends, through GraphQL or Open311, before any
 * rule runs, gathered so that every problem is refused at once in the domain's issue shape (a
 * stable code, a path, a message in zh and en). Areas extend it with checks of their own.
 *
 * @example
 * const issues = new InputIssues();
 * const summary = issues.text(input.summary, ['input', 'summary'], TEXT.summary);
 * issues.check(); // throws BAD_USER_INPUT with every issue, if any
 */
export class InputIssues {
  readonly issues: Issue[] = [];

  /** Adds issues found elsewhere (a domain validator). */
  add(...found: readonly Issue[]): void {
    this.issues.push(...found);
  }

  /** Text under a field's rule, trimmed; blank text counts as absent (`undefined`). */
  text(value: string | null | undefined, path: IssuePath, rule: TextRule): string | undefined {
    if (value === null || value === undefined) return undefined;
    const checked = validateText(value, rule, { path });
    if (!checked.ok) {
      this.add(...checked.issues);
      return undefined;
    }
    const text = value.trim();
    return text === '' ? undefined : text;
  }

  /** Every string anywhere in a value (an input object, a list), each under `ruleOf` its field. */
  texts(value: unknown, path: IssuePath, ruleOf: (field: string | undefined) => TextRule): void {
    walkStrings(value, path, (text, at) => {
      const field = at.findLast((segment): segment is string => typeof segment === 'string');
      const checked = validateText(text, ruleOf(field), { path: at });
      if (!checked.ok) this.add(...checked.issues);
    });
  }

  /** A `YYYY-MM-DD` day, or undefined (recorded as an issue) when it is not one. */
  date(value: string, path: IssuePath): LocalDate | undefined {
    const parsed = parseLocalDate(value, path);
    if (parsed.ok) return parsed.value;
    this.add(...parsed.issues);
    return undefined;
  }

  /** Throws BAD_USER_INPUT with every issue collected, if any. */
  check(): void {
    if (this.issues.length > 0) throw badInput(this.issues);
  }
}

/**
 * The issues of every string in a request, whatever field it is bound for (object keys
 * included): the domain's {@link INCOMING_TEXT} rule, so that no NUL byte, lone surrogate or
 * unbounded string reaches a resolver, a log or a database even where a field has no rule yet.
 * The GraphQL door runs it over variables and literals, Open311 over the query and the body.
 */
export function incomingTextIssues(value: unknown, path: IssuePath = []): Issue[] {
  const issues: Issue[] = [];
  walkStrings(
    value,
    path,
    (text, at) => {
      const checked = validateText(text, INCOMING_TEXT, { path: at });
      if (!checked.ok) issues.push(...checked.issues);
    },
    true,
  );
  return issues;
}

function walkStrings(
  value: unknown,
  path: IssuePath,
  visit: (text: string, path: IssuePath) => void,
  keys = false,
): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walkStrings(v, [...path, i], visit, keys);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keys) visit(k, [...path, k]);
      walkStrings(v, [...path, k], visit, keys);
    }
  }
}
