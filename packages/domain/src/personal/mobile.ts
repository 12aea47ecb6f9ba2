import { type Issue, type IssuePath, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { hasFullWidthAscii } from './text.js';

/**
 * Why a mainland mobile number was rejected. One code; `details.reason` says which rule failed
 * (`type`, `full_width`, `not_mainland`, `landline`, `characters`, `length`, `prefix`).
 * Messages and details never repeat the number.
 */
export type MobileIssueCode = 'MOBILE_FORMAT';

export interface MobileOptions {
  /** Where the number sits in a larger input, copied into the issue; defaults to the whole input. */
  readonly path?: IssuePath;
}

/** Whitespace (including the ideographic space U+3000) and hyphens that people put between digit groups. */
const SEPARATORS = /[\s-]/g;
const MOBILE = /^1[3-9]\d{9}$/;
/** Area code with trunk 0 (3–4 digits) plus a 7–8 digit local number: 010-12345678, 0571-8888888. */
const LANDLINE_DOMESTIC = /^0\d{9,11}$/;
/** The same after +86, where the trunk 0 is dropped: +86 10 12345678, +86 571 88888888. */
const LANDLINE_INTERNATIONAL = /^(?:10\d{8}|[2-9]\d{8,10})$/;
/** A local number without area code. */
const LANDLINE_LOCAL = /^[2-9]\d{6,7}$/;

/**
 * Validates a mainland China mobile number and returns it as 11 bare digits.
 *
 * Accepted: whitespace (including U+3000) and hyphens anywhere as separators; a `+86`, `0086` or `86`
 * country prefix (`86` only when 11 digits follow, since no mobile number starts with 8). The
 * number itself is 11 digits, starting with 1 and a second digit 3–9. Landlines, other countries'
 * numbers and full-width digits are rejected with a message that says so.
 *
 * @example
 * validateMobile('+86 138-1234-5678') // { ok: true, value: '13812345678' }
 * validateMobile('010-12345678')
 * // { ok: false, issues: [{ code: 'MOBILE_FORMAT', details: { reason: 'landline' }, … }] }
 */
export function validateMobile(value: unknown, options: MobileOptions = {}): Result<string, MobileIssueCode> {
  const checked = checkMobile(value, options.path ?? []);
  return typeof checked === 'string' ? ok(checked) : fail([checked]);
}

/** The bare 11 digits, or the one issue explaining why not. */
function checkMobile(value: unknown, path: IssuePath): string | Issue<MobileIssueCode> {
  const format = (reason: string, message: LocalizedText, extra: Record<string, unknown> = {}) =>
    issue('MOBILE_FORMAT', message, path, { reason, ...extra });

  if (typeof value !== 'string') {
    return format('type', { zh: '手机号码应为文本', en: 'The mobile number must be given as text' });
  }
  if (hasFullWidthAscii(value)) {
    return format('full_width', {
      zh: '手机号码含全角字符，请用半角数字填写',
      en: 'The mobile number contains full-width characters; use half-width digits',
    });
  }
  const compact = value.replace(SEPARATORS, '');
  const international = /^(?:\+|00)/.test(compact);
  let national = compact;
  if (compact.startsWith('+86')) national = compact.slice(3);
  else if (compact.startsWith('0086')) national = compact.slice(4);
  else if (/^86\d{11}$/.test(compact)) national = compact.slice(2);
  else if (international) {
    return format('not_mainland', {
      zh: '只支持中国大陆手机号码（+86）',
      en: 'Only mainland China mobile numbers (+86) are accepted',
    });
  }

  // Landlines are often written with brackets around the area code: (010) 12345678.
  const digits = national.replace(/[()]/g, '');
  const landline =
    /^\d+$/.test(digits) &&
    (national === compact
      ? LANDLINE_DOMESTIC.test(digits) || LANDLINE_LOCAL.test(digits)
      : LANDLINE_INTERNATIONAL.test(digits));
  if (landline) {
    return format('landline', {
      zh: '这是固定电话号码，请填写11位手机号码',
      en: 'This is a landline number; enter an 11-digit mobile number',
    });
  }
  if (!/^\d*$/.test(national)) {
    return format('characters', {
      zh: '手机号码只能包含数字，可带 +86 前缀，可用空格或连字符分隔',
      en: 'A mobile number may contain only digits, an optional +86 prefix, and spaces or hyphens between digits',
    });
  }
  if (national.length !== 11) {
    const { length } = national;
    return format(
      'length',
      { zh: `手机号码应为11位数字，实际为${length}位`, en: `A mobile number has 11 digits, not ${length}` },
      { length },
    );
  }
  if (!MOBILE.test(national)) {
    return format('prefix', {
      zh: '手机号码应以13至19开头',
      en: 'A mobile number starts with 13 to 19',
    });
  }
  return national;
}
