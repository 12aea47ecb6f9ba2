/** A message shown to people, always in both languages the toolkit supports. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

export type Locale = keyof LocalizedText;

/** A path into the input that an issue is about, e.g. `['points', 'items', 3, 'points']`. */
export type IssuePath = readonly (string | number)[];

/**
 * One rule violation, as data. `code` is the public contract (stable, SCREAMING_SNAKE);
 * messages are for people and may change wording between releases.
 */
export interface Issue<C extends string = string> {
  readonly code: C;
  readonly message: LocalizedText;
  /** Where in the input the problem is; empty for whole-input problems. */
  readonly path: IssuePath;
  /** Machine-readable facts about the violation (the offending id, the limit, …). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Builds an issue; `path` defaults to the whole input. */
export function issue<C extends string>(
  code: C,
  message: LocalizedText,
  path: IssuePath = [],
  details?: Readonly<Record<string, unknown>>,
): Issue<C> {
  return details === undefined ? { code, message, path } : { code, message, path, details };
}

/** Renders an issue path the way users write it: `points.items[3].points`. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/**
 * Thrown by the `…OrThrow` conveniences when a result is not ok. Carries every issue, not only
 * the first, so a caller can show all problems at once.
 */
export class JicengError<C extends string = string> extends Error {
  override readonly name = 'JicengError';
  readonly code: C;
  readonly issues: readonly Issue<C>[];

  constructor(issues: readonly Issue<C>[]) {
    const [first] = issues;
    if (first === undefined) throw new TypeError('JicengError needs at least one issue');
    super(describeIssues(issues, 'en'));
    this.code = first.code;
    this.issues = issues;
  }

  /** The message in the caller's language, listing every issue. */
  localized(locale: Locale): string {
    return describeIssues(this.issues, locale);
  }
}

function describeIssues(issues: readonly Issue[], locale: Locale): string {
  return issues
    .map((i) => {
      const where = formatPath(i.path);
      return where === '' ? `${i.code}: ${i.message[locale]}` : `${i.code} at ${where}: ${i.message[locale]}`;
    })
    .join('\n');
}
