import { type Issue, type IssuePath, issue } from './errors.js';
import { fail, ok, type Result } from './result.js';

/**
 * Why a text was refused: the one text rule every door (GraphQL, Open311) applies to every string
 * that enters. Public contract. Messages and details never repeat the text, only where it breaks
 * the rule (a position, a code point, a length).
 */
export type TextIssueCode = 'TEXT_MALFORMED' | 'TEXT_CONTROL_CHARACTER' | 'TEXT_TOO_LONG';

/** What one field's text may be. */
export interface TextRule {
  /** Most characters, counted as Unicode code points (what a person counts: `𠮷` is one). */
  readonly max: number;
  /**
   * Multi-line free text (a note, a summary, a reason) may hold line breaks (LF, CR) and tabs;
   * every other field is one line and holds no control character at all.
   */
  readonly multiline?: boolean;
}

/**
 * The rule for any string at all that enters, whatever its field, checked before the field's own
 * rule: well formed, no control character but line breaks and tabs, and a ceiling far above any
 * field's limit, so nothing unbounded reaches a rule, a log or a database.
 */
export const INCOMING_TEXT: TextRule = { max: 10_000, multiline: true };

/** A UTF-16 surrogate on its own (in `u` mode a well-formed pair is one code point, not `Cs`). */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Invisible characters refused in every text besides the C0/C1 controls: the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name or a
 * reason display in another order than it is stored and compared ("Trojan source"), and the
 * Unicode line and paragraph separators (U+2028, U+2029), which break one-line fields and the
 * JavaScript that embeds text. A person types neither; they arrive pasted or forged.
 */
const INVISIBLE = '\u2028\u2029\u202A-\u202E\u2066-\u2069';
const CONTROL = new RegExp(`[\\p{Cc}${INVISIBLE}]`, 'u');
const CONTROL_BUT_LINE_BREAKS = new RegExp(`[^\\P{Cc}\\t\\n\\r]|[${INVISIBLE}]`, 'u');
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
const SEPARATOR = /[\u2028\u2029]/u;

/**
 * Checks a text against a field's rule: well-formed Unicode (no lone surrogate, which no database
 * stores the same way), no control character (NUL, ESC, DEL, C1…) except line breaks and tabs in
 * multi-line text, no bidirectional control or Unicode line/paragraph separator, and at most `rule.max` code points. Every failure is reported. The text is
 * returned unchanged: trimming or normalising is the caller's choice.
 *
 * @example
 * validateText('楼道堆放杂物', { max: 500 }) // { ok: true, value: '楼道堆放杂物' }
 * validateText('a\u0000b', { max: 64 })
 * // { ok: false, issues: [{ code: 'TEXT_CONTROL_CHARACTER', details: { codePoint: 'U+0000', … }, … }] }
 */
export function validateText(
  value: string,
  rule: TextRule,
  options: { readonly path?: IssuePath } = {},
): Result<string, TextIssueCode> {
  const path = options.path ?? [];
  const issues: Issue<TextIssueCode>[] = [];
  const lone = LONE_SURROGATE.exec(value);
  if (lone !== null) {
    issues.push(
      issue(
        'TEXT_MALFORMED',
        {
          zh: '文字含有无效的字符编码（孤立的代理项），请重新输入',
          en: 'the text is not well-formed Unicode (it holds a lone surrogate); type it again',
        },
        path,
        { position: lone.index },
      ),
    );
  }
  const control = (rule.multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).exec(value);
  if (control !== null) {
    const codePoint = `U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    issues.push(
      issue(
        'TEXT_CONTROL_CHARACTER',
        BIDI.test(control[0])
          ? {
              zh: `文字含有改变显示顺序的双向控制字符（${codePoint}），请删除后重新输入`,
              en: `the text holds a bidirectional control character (${codePoint}) that changes the order it displays in; remove it`,
            }
          : SEPARATOR.test(control[0])
            ? {
                zh: `文字含有 Unicode 行/段分隔符（${codePoint}），请改用普通换行`,
                en: `the text holds a Unicode line or paragraph separator (${codePoint}); use an ordinary line break`,
              }
            : rule.multiline
              ? {
                  zh: `文字含有不可见的控制字符（${codePoint}），只允许换行和制表符`,
                  en: `the text holds an invisible control character (${codePoint}); only line breaks and tabs are allowed`,
                }
              : {
                  zh: `文字含有控制字符（${codePoint}），此处只能填写一行，不能含换行或制表符`,
                  en: `the text holds a control character (${codePoint}); this field is one line, without line breaks or tabs`,
                },
        path,
        { codePoint, position: control.index, multiline: rule.multiline === true },
      ),
    );
  }
  // A code point is one or two UTF-16 units, so only a long string needs counting.
  const length = value.length > rule.max ? codePointLength(value) : value.length;
  if (length > rule.max) {
    issues.push(
      issue(
        'TEXT_TOO_LONG',
        {
          zh: `文字过长（${length} 字），最多 ${rule.max} 字`,
          en: `text too long (${length} characters); at most ${rule.max}`,
        },
        path,
        { length, max: rule.max },
      ),
    );
  }
  return issues.length === 0 ? ok(value) : fail(issues);
}

/**
 * Length in Unicode code points, which is what a person counts (`𠮷` is one character, two UTF-16
 * units).
 *
 * @example
 * codePointLength('𠮷田') // 2
 */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}
