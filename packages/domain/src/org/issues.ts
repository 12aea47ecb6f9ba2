import { type Issue, type IssuePath, issue, JicengError, type LocalizedText } from '../shared/errors.js';

/** Thrown (never returned) when a query names a code the tree does not hold. */
export type OrgQueryErrorCode = 'ORG_UNKNOWN_NODE';

/** Messages name at most this many codes; `details` always carries the full list. */
const SHOWN = 10;

/** How a value from untrusted input appears inside a message. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** `“a”、“b” 等 12 个` / `"a", "b" and 10 more`. */
export function quoteList(values: readonly string[]): LocalizedText {
  const head = values.slice(0, SHOWN);
  const more = values.length - head.length;
  return {
    zh: head.map((v) => `“${v}”`).join('、') + (more > 0 ? ` 等共 ${values.length} 个` : ''),
    en: head.map((v) => `"${v}"`).join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}

/** A required identifier (a code, a parent code, a member id) is missing or blank. */
export function emptyCodeIssue(path: IssuePath, field: LocalizedText): Issue<'ORG_EMPTY_CODE'> {
  return issue('ORG_EMPTY_CODE', { zh: `${field.zh}为空`, en: `${field.en} is empty` }, path);
}

/** The same code appears on two rows; rows count from 0, as in issue paths. */
export function duplicateCodeIssue(
  code: string,
  path: IssuePath,
  row: number,
  firstRow: number,
  what: LocalizedText,
): Issue<'ORG_DUPLICATE_CODE'> {
  return issue(
    'ORG_DUPLICATE_CODE',
    {
      zh: `${what.zh}编码“${code}”重复：第 ${row} 行与第 ${firstRow} 行相同`,
      en: `duplicate ${what.en} code "${code}": row ${row} repeats row ${firstRow}`,
    },
    path,
    { code, row, firstRow },
  );
}

/** The error the tree queries throw for a code the tree does not hold. */
export function unknownNodeError(code: unknown): JicengError<OrgQueryErrorCode> {
  return new JicengError([
    issue(
      'ORG_UNKNOWN_NODE',
      {
        zh: `组织树中没有编码为“${shown(code)}”的节点`,
        en: `no node with code "${shown(code)}" in the organisation tree`,
      },
      [],
      { code },
    ),
  ]);
}

/**
 * Maps each well-formed code of `entries` to its first index, with ORG_EMPTY_CODE and
 * ORG_DUPLICATE_CODE issues for the rest. `section` prefixes paths (`['groups', 3, 'code']`).
 */
export function indexCodes(
  entries: readonly { readonly code: string }[],
  section: string | undefined,
  what: LocalizedText,
): { firstOf: Map<string, number>; issues: Issue<'ORG_EMPTY_CODE' | 'ORG_DUPLICATE_CODE'>[] } {
  const firstOf = new Map<string, number>();
  const issues: Issue<'ORG_EMPTY_CODE' | 'ORG_DUPLICATE_CODE'>[] = [];
  const at = (i: number, field: string): IssuePath =>
    section === undefined ? [i, field] : [section, i, field];
  entries.forEach(({ code }, i) => {
    if (isBlank(code)) {
      issues.push(
        emptyCodeIssue(at(i, 'code'), {
          zh: `第 ${i} 行${what.zh}的编码`,
          en: `the code of ${what.en} ${i}`,
        }),
      );
      return;
    }
    const first = firstOf.get(code);
    if (first === undefined) firstOf.set(code, i);
    else issues.push(duplicateCodeIssue(code, at(i, 'code'), i, first, what));
  });
  return { firstOf, issues };
}

/** A required display name is missing or blank. */
export function emptyNameIssue(
  path: IssuePath,
  code: unknown,
  row: number,
  what: LocalizedText,
): Issue<'ORG_EMPTY_NAME'> {
  return issue(
    'ORG_EMPTY_NAME',
    {
      zh: `${what.zh}“${shown(code)}”（第 ${row} 行）的名称为空`,
      en: `${what.en} "${shown(code)}" (row ${row}) has an empty name`,
    },
    path,
    { code, row },
  );
}

/** Empty, only white space, or not a string at all. */
export function isBlank(value: unknown): boolean {
  // Looking at the first character spares a full trim of a million well-formed names.
  return (
    typeof value !== 'string' || value.length === 0 || (isSpace(value.charCodeAt(0)) && value.trim() === '')
  );
}

/** Starts or ends with white space, which makes codes that look equal differ. */
export function hasSurroundingSpace(value: string): boolean {
  return isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1));
}

/** Exactly the characters `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c < 0x7f) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
