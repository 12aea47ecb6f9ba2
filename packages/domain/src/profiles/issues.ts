import type { z } from 'zod';
import { type Issue, type IssuePath, issue } from '../shared/errors.js';
import type { MergeIssueCode } from './merge.js';

/** Every way a rule profile can be refused. The codes are public API; messages may change. */
export type ProfileIssueCode =
  | MergeIssueCode
  | 'PROFILE_SYNTAX'
  | 'PROFILE_REQUIRED'
  | 'PROFILE_WRONG_TYPE'
  | 'PROFILE_UNKNOWN_KEY'
  | 'PROFILE_INVALID_VALUE'
  | 'PROFILE_INVALID_FORMAT'
  | 'PROFILE_OUT_OF_RANGE'
  | 'PROFILE_DUPLICATE_CODE'
  | 'PROFILE_UNKNOWN_REFERENCE'
  | 'PROFILE_RULE_VIOLATION'
  | 'PROFILE_DUPLICATE_ID'
  | 'PROFILE_UNKNOWN_PARENT'
  | 'PROFILE_EXTENDS_CYCLE'
  | 'PROFILE_VERSION_ORDER'
  | 'PROFILE_NOT_FOUND'
  | 'PROFILE_NO_VERSION_AT_DATE';

export type ProfileIssue = Issue<ProfileIssueCode>;

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '是/否（true/false）',
  object: '对象',
  array: '列表',
  undefined: '空',
};

function zhType(t: string): string {
  return TYPE_ZH[t] ?? t;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** The settings a document may have at a path (for "did you mean"), when known. */
export type KnownKeys = (path: IssuePath) => readonly string[];

/**
 * Translates schema issues into profile issues with zh and en messages and exact paths; an
 * unknown key names the closest known one when `knownKeys` can tell them.
 */
export function fromSchemaIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: IssuePath = [],
  knownKeys?: KnownKeys,
): ProfileIssue[] {
  return issues.flatMap((raw) => fromSchemaIssue(raw, prefix, knownKeys));
}

/**
 * The known key a mistyped one was most likely meant to be: the nearest by edit distance (case
 * aside), if it is near enough to be a typo (at most 2 edits, or a third of the key's length).
 *
 * @example
 * closestKey('workersPerGird', ['workersPerGrid', 'households']) // 'workersPerGrid'
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const reach = Math.max(2, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = reach + 1;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, transpositions counted as one edit (as typos are). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
      }
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * A path as a person reads it, list entries named by their code (or a version by its version),
 * not their position: `versions["2026.2"].changes.points.items["river_patrol"].caps.month`.
 * Positions stay for entries without one.
 */
export function profilePathText(path: IssuePath, document: unknown): string {
  let out = '';
  let node: unknown = document;
  for (const segment of path) {
    const next = (node as Record<string | number, unknown> | undefined)?.[segment];
    if (typeof segment === 'number') {
      const entry = next as { code?: unknown; version?: unknown } | undefined;
      const name =
        typeof entry?.code === 'string'
          ? entry.code
          : typeof entry?.version === 'string'
            ? entry.version
            : undefined;
      out += name === undefined ? `[${segment}]` : `[${JSON.stringify(name)}]`;
    } else {
      out += out === '' ? segment : `.${segment}`;
    }
    node = typeof next === 'object' && next !== null ? next : undefined;
  }
  return out;
}

function fromSchemaIssue(raw: z.core.$ZodIssue, prefix: IssuePath, knownKeys?: KnownKeys): ProfileIssue[] {
  const path: IssuePath = [...prefix, ...raw.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const missing =
    (raw.code === 'invalid_type' || raw.code === 'invalid_value' || raw.code === 'invalid_union') &&
    raw.input === undefined;
  if (missing) return [issue('PROFILE_REQUIRED', { zh: '缺少必填项', en: 'is required' }, path)];
  switch (raw.code) {
    case 'invalid_type': {
      const got = describeInput(raw.input);
      return [
        issue(
          'PROFILE_WRONG_TYPE',
          {
            zh: `应为${zhType(raw.expected)}，实际为${zhType(got)}`,
            en: `expected ${raw.expected}, got ${got}`,
          },
          path,
          { expected: raw.expected, received: got },
        ),
      ];
    }
    case 'unrecognized_keys': {
      const known = knownKeys?.(path) ?? [];
      return raw.keys.map((key) => {
        const meant = closestKey(
          key,
          known.filter((k) => !raw.keys.includes(k)),
        );
        return issue(
          'PROFILE_UNKNOWN_KEY',
          meant === undefined
            ? { zh: `未知的配置项“${key}”（是否拼写错误？）`, en: `unknown setting "${key}" (a typo?)` }
            : {
                zh: `未知的配置项“${key}”，是否应为“${meant}”？`,
                en: `unknown setting "${key}"; did you mean "${meant}"?`,
              },
          [...path, key],
          meant === undefined ? { key } : { key, suggestion: meant },
        );
      });
    }
    case 'invalid_value': {
      const allowed = raw.values.map((v) => JSON.stringify(v)).join(', ');
      return [
        issue(
          'PROFILE_INVALID_VALUE',
          { zh: `取值无效，可选值为：${allowed}`, en: `invalid value; expected one of ${allowed}` },
          path,
          { allowed: raw.values },
        ),
      ];
    }
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_element':
      if (raw.code === 'invalid_format' && raw.format === 'date') return [badDate(path)];
      return [
        issue(
          'PROFILE_INVALID_FORMAT',
          { zh: `格式无效：${formatZh(raw.message)}`, en: `invalid format: ${raw.message}` },
          path,
        ),
      ];
    case 'invalid_union':
      return [
        issue(
          'PROFILE_WRONG_TYPE',
          { zh: '取值类型不符合任何允许的形式', en: 'value matches none of the allowed forms' },
          path,
        ),
      ];
    case 'too_small':
    case 'too_big': {
      const bound = raw.code === 'too_small' ? raw.minimum : raw.maximum;
      const isSize = raw.origin === 'array' || raw.origin === 'string' || raw.origin === 'set';
      const op =
        raw.code === 'too_small'
          ? raw.inclusive === false
            ? '>'
            : '≥'
          : raw.inclusive === false
            ? '<'
            : '≤';
      const what = isSize ? (raw.origin === 'array' ? 'number of entries' : 'length') : 'value';
      const whatZh = isSize ? (raw.origin === 'array' ? '条目数' : '长度') : '数值';
      return [
        issue(
          'PROFILE_OUT_OF_RANGE',
          { zh: `${whatZh}须 ${op} ${String(bound)}`, en: `${what} must be ${op} ${String(bound)}` },
          path,
          { bound, inclusive: raw.inclusive ?? true },
        ),
      ];
    }
    case 'not_multiple_of':
      return [
        issue(
          'PROFILE_OUT_OF_RANGE',
          { zh: `须为 ${String(raw.divisor)} 的倍数`, en: `must be a multiple of ${String(raw.divisor)}` },
          path,
        ),
      ];
    case 'custom': {
      const params = (raw.params ?? {}) as { rule?: string; zh?: string };
      if (params.rule === undefined && raw.message.includes('calendar date')) return [badDate(path)];
      const code: ProfileIssueCode =
        params.rule === 'duplicate'
          ? 'PROFILE_DUPLICATE_CODE'
          : params.rule === 'unknown_category'
            ? 'PROFILE_UNKNOWN_REFERENCE'
            : 'PROFILE_RULE_VIOLATION';
      return [issue(code, { zh: params.zh ?? raw.message, en: raw.message }, path, { rule: params.rule })];
    }
    default: {
      const { message } = raw as { message: string };
      return [issue('PROFILE_RULE_VIOLATION', { zh: message, en: message }, path)];
    }
  }
}

function badDate(path: IssuePath): ProfileIssue {
  return issue(
    'PROFILE_INVALID_FORMAT',
    { zh: '须为 YYYY-MM-DD 格式的真实日期', en: 'must be a real calendar date as YYYY-MM-DD' },
    path,
  );
}

function formatZh(message: string): string {
  if (message.includes('lower_snake_case')) return '须为小写字母开头的 lower_snake_case 英文代码';
  return message;
}
