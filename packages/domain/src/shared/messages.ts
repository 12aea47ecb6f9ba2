import { type Issue, type IssuePath, issue, type LocalizedText } from './errors.js';

/**
 * Message pieces and checks that several areas share. Each area keeps its own codes (they are
 * its public contract), so the checks take the code to emit; the wording is the same everywhere.
 */

/** Messages name at most this many values; `details` always carries the full list. */
const SHOWN = 8;

/** `“a”、“b”` / `"a", "b"`, shortened past a few values. */
export function listText(values: readonly string[]): LocalizedText {
  const head = values.slice(0, SHOWN);
  const more = values.length - head.length;
  return {
    zh: head.map((v) => `“${v}”`).join('、') + (more > 0 ? ` 等共 ${values.length} 个` : ''),
    en: head.map((v) => `"${v}"`).join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}

/** `0.5155` → `51.6%`, for messages. */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** A required text is missing or blank. */
export function emptyFieldIssues<C extends string>(
  code: C,
  value: unknown,
  field: LocalizedText,
  path: IssuePath,
): Issue<C>[] {
  if (typeof value === 'string' && value.trim() !== '') return [];
  return [issue(code, { zh: `${field.zh}为空`, en: `${field.en} is empty` }, path)];
}

/** Time never runs backwards within one record. */
export function notBeforeIssues<C extends string>(
  code: C,
  on: string,
  previous: string | undefined,
  path: IssuePath,
): Issue<C>[] {
  if (previous === undefined || on >= previous) return [];
  return [
    issue(
      code,
      {
        zh: `日期 ${on} 早于上一步的日期 ${previous}`,
        en: `the date ${on} is earlier than the previous step's ${previous}`,
      },
      path,
      { on, previous },
    ),
  ];
}

/** The same id twice in one list; rows count from 0, as in paths. */
export function duplicateIdIssues<C extends string>(
  code: C,
  ids: readonly string[],
  what: LocalizedText,
  path: (index: number) => IssuePath,
): Issue<C>[] {
  const seen = new Map<string, number>();
  const out: Issue<C>[] = [];
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      return;
    }
    out.push(
      issue(
        code,
        {
          zh: `${what.zh}编号“${id}”重复：第 ${i} 项与第 ${first} 项相同`,
          en: `${what.en} id "${id}" is used twice: entry ${i} repeats entry ${first}`,
        },
        path(i),
        { id, index: i, first },
      ),
    );
  });
  return out;
}
