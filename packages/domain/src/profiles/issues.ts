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

/** Translates schema issues into profile issues with zh and en messages and exact paths. */
export function fromSchemaIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: IssuePath = [],
): ProfileIssue[] {
  return issues.flatMap((raw) => fromSchemaIssue(raw, prefix));
}

function fromSchemaIssue(raw: z.core.$ZodIssue, prefix: IssuePath): ProfileIssue[] {
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
    case 'unrecognized_keys':
      return raw.keys.map((key) =>
        issue(
          'PROFILE_UNKNOWN_KEY',
          { zh: `未知的配置项“${key}”（是否拼写错误？）`, en: `unknown setting "${key}" (a typo?)` },
          [...path, key],
          { key },
        ),
      );
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
      if (params.rule === undefined && raw.message.includes('calendar date')) {
        return [
          issue(
            'PROFILE_INVALID_FORMAT',
            { zh: '须为 YYYY-MM-DD 格式的真实日期', en: 'must be a real calendar date as YYYY-MM-DD' },
            path,
          ),
        ];
      }
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

function formatZh(message: string): string {
  if (message.includes('lower_snake_case')) return '须为小写字母开头的 lower_snake_case 英文代码';
  return message;
}
