import { type Issue, type IssuePath, issue, type LocalizedText } from '../shared/errors.js';

/**
 * The issue codes of organisational life 组织生活. Codes are the public contract (the gateway maps
 * them to `extensions.code`); messages exist in Chinese and English.
 */
export type OrgLifeIssueCode =
  | 'ORG_LIFE_INVALID_INPUT'
  | 'ORG_LIFE_WRONG_HOLDER'
  | 'ORG_LIFE_NOT_A_MEMBER'
  | 'ORG_LIFE_DUPLICATE_ATTENDEE'
  | 'ORG_LIFE_ATTENDANCE_MISSING'
  | 'ORG_LIFE_REASON_REQUIRED'
  | 'ORG_LIFE_DATE_OUT_OF_RANGE'
  | 'ORG_LIFE_INVALID_RANGE';

export type OrgLifeIssue = Issue<OrgLifeIssueCode>;

/** A value as a message shows it: strings as they are, anything else as JSON, at most 40 characters. */
export function shownValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function invalidInput(
  field: LocalizedText,
  rule: LocalizedText,
  path: IssuePath,
  value: unknown,
): OrgLifeIssue {
  return issue(
    'ORG_LIFE_INVALID_INPUT',
    {
      zh: `${field.zh}“${shownValue(value)}”无效：${rule.zh}`,
      en: `invalid ${field.en} "${shownValue(value)}": ${rule.en}`,
    },
    path,
    { value },
  );
}
