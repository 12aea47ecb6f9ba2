import { daysInMonth, isLocalDate, type LocalDate } from '../shared/dates.js';
import { type Issue, type IssuePath, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { codePointLength } from '../shared/text.js';
import { hasFullWidthAscii } from './text.js';

/**
 * Why a resident identity number (居民身份证号码, GB 11643-1999) was rejected. Public contract:
 * the gateway maps these to `extensions.code`.
 *
 * Issue messages and details never repeat the number itself: issues end up in logs and client
 * responses, and the number is personal information under the PIPL.
 */
export type ResidentIdIssueCode =
  | 'RESIDENT_ID_FORMAT'
  | 'RESIDENT_ID_REGION'
  | 'RESIDENT_ID_BIRTH_DATE'
  | 'RESIDENT_ID_CHECKSUM';

/** The 18th character of a resident identity number: ISO 7064 MOD 11-2 over the first 17 digits. */
export type ResidentIdCheckDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'X';

/** Sex as encoded in the 17th digit of a resident identity number (odd: male, even: female). */
export type Sex = 'male' | 'female';

/** What a valid resident identity number says about its holder. Personal information: mask it on output. */
export interface ResidentIdInfo {
  /** The number as 18 characters, trimmed, with the check digit `x` upper-cased to `X`. */
  readonly value: string;
  /** The 6-digit address code (地址码, GB/T 2260 region) of the place of first registration. */
  readonly addressCode: string;
  readonly birthDate: LocalDate;
  readonly sex: Sex;
  readonly checkDigit: ResidentIdCheckDigit;
}

export interface ResidentIdOptions {
  /**
   * The current date in China Standard Time; when given, a birth date after it is rejected.
   * Must be a real `YYYY-MM-DD` date (a wrong value here is a programmer error and throws).
   */
  readonly today?: LocalDate;
  /** Where the number sits in a larger input, copied into every issue; defaults to the whole input. */
  readonly path?: IssuePath;
}

/** Province-level prefixes of GB/T 2260 address codes, including Taiwan (71), Hong Kong (81), Macao (82). */
// biome-ignore format: one row per region group, as GB/T 2260 lists them
const PROVINCES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Indexed by the weighted sum mod 11. */
const CHECK_DIGITS = '10X98765432';
const FIRST_17 = /^\d{17}$/;
const SHAPE = /^\d{17}[\dX]$/;
const LEGACY_15 = /^\d{15}$/;
const EARLIEST_BIRTH_YEAR = 1900;

/**
 * The check digit for the first 17 digits of a resident identity number (ISO 7064 MOD 11-2).
 *
 * @throws TypeError when `first17` is not exactly 17 ASCII digits: that is a programmer error;
 *   use {@link validateResidentId} for untrusted input.
 * @example
 * residentIdCheckDigit('11010519491231002') // 'X'
 */
export function residentIdCheckDigit(first17: string): ResidentIdCheckDigit {
  if (typeof first17 !== 'string' || !FIRST_17.test(first17)) {
    throw new TypeError('residentIdCheckDigit needs exactly 17 ASCII digits');
  }
  let sum = 0;
  for (const [i, weight] of WEIGHTS.entries()) sum += (first17.charCodeAt(i) - 48) * weight;
  return CHECK_DIGITS.charAt(sum % 11) as ResidentIdCheckDigit;
}

/**
 * Validates a mainland resident identity number (居民身份证号码, 18 characters, GB 11643-1999).
 *
 * Surrounding whitespace (including the ideographic space U+3000) is trimmed and a lower-case
 * check digit `x` is accepted; both are normalised in `value`. Whitespace inside the number,
 * full-width digits and the old 15-digit form are rejected with `RESIDENT_ID_FORMAT`. Once the
 * shape is right, the region, birth date and check digit are each checked and every failure is
 * reported, so a person sees all problems at once.
 *
 * @example
 * validateResidentId('11010519491231002x', { today: '2026-03-01' as LocalDate })
 * // { ok: true, value: { value: '11010519491231002X', addressCode: '110105',
 * //   birthDate: '1949-12-31', sex: 'female', checkDigit: 'X' } }
 * validateResidentId('110105491231002')
 * // { ok: false, issues: [{ code: 'RESIDENT_ID_FORMAT', details: { reason: 'legacy_15_digit' }, … }] }
 */
export function validateResidentId(
  value: unknown,
  options: ResidentIdOptions = {},
): Result<ResidentIdInfo, ResidentIdIssueCode> {
  const { today, path = [] } = options;
  if (today !== undefined && !isLocalDate(today)) {
    throw new TypeError('validateResidentId: options.today must be a real date as YYYY-MM-DD');
  }

  const shaped = checkShape(value, path);
  if (typeof shaped !== 'string') return fail([shaped]);

  const issues: Issue<ResidentIdIssueCode>[] = [];
  const province = shaped.slice(0, 2);
  if (!PROVINCES.has(province)) {
    issues.push(
      issue(
        'RESIDENT_ID_REGION',
        {
          zh: '身份证号码前两位不是有效的省级行政区代码',
          en: 'The first two digits of the resident identity number are not a valid province code',
        },
        path,
        { province },
      ),
    );
  }

  const birth = checkBirthDate(shaped.slice(6, 14), today, path);
  if (typeof birth !== 'string') issues.push(birth);

  const checkDigit = shaped.charAt(17) as ResidentIdCheckDigit;
  if (residentIdCheckDigit(shaped.slice(0, 17)) !== checkDigit) {
    issues.push(
      issue(
        'RESIDENT_ID_CHECKSUM',
        {
          zh: '身份证号码校验码不正确，请逐位核对',
          en: 'The check digit of the resident identity number does not match; check every digit',
        },
        path,
      ),
    );
  }

  if (issues.length > 0 || typeof birth !== 'string') return fail(issues);
  return ok({
    value: shaped,
    addressCode: shaped.slice(0, 6),
    birthDate: birth,
    sex: (shaped.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    checkDigit,
  });
}

/** The trimmed, upper-cased 18-character number, or the one format issue that stops validation. */
function checkShape(value: unknown, path: IssuePath): string | Issue<'RESIDENT_ID_FORMAT'> {
  const format = (reason: string, message: LocalizedText, extra: Record<string, unknown> = {}) =>
    issue('RESIDENT_ID_FORMAT', message, path, { reason, ...extra });

  if (typeof value !== 'string') {
    return format('type', {
      zh: '身份证号码应为文本',
      en: 'The resident identity number must be given as text',
    });
  }
  const text = value.trim().toUpperCase();
  if (hasFullWidthAscii(text)) {
    return format('full_width', {
      zh: '身份证号码含全角字符，请用半角数字和字母 X 填写',
      en: 'The resident identity number contains full-width characters; use half-width digits and X',
    });
  }
  if (LEGACY_15.test(text)) {
    return format('legacy_15_digit', {
      zh: '这是已停止使用的旧版15位身份证号码，请填写18位号码',
      en: 'This is an old 15-digit identity number, no longer in use; enter the 18-digit number',
    });
  }
  if (text.length !== 18) {
    const length = codePointLength(text);
    return format(
      'length',
      {
        zh: `身份证号码应为18位，实际为${length}位`,
        en: `The resident identity number must have 18 characters, not ${length}`,
      },
      { length },
    );
  }
  if (!SHAPE.test(text)) {
    return format('characters', {
      zh: '身份证号码前17位应为数字，最后一位应为数字或 X',
      en: 'The first 17 characters of the resident identity number must be digits and the last a digit or X',
    });
  }
  return text;
}

/** The birth date as a LocalDate, or the issue explaining why `yyyymmdd` cannot be one. */
function checkBirthDate(
  yyyymmdd: string,
  today: LocalDate | undefined,
  path: IssuePath,
): LocalDate | Issue<'RESIDENT_ID_BIRTH_DATE'> {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const problem = (reason: string, zh: string, en: string) =>
    issue('RESIDENT_ID_BIRTH_DATE', { zh, en }, path, { reason });

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return problem(
      'not_a_date',
      '身份证号码中的出生日期不是真实存在的日期',
      'The birth date in the resident identity number is not a real calendar date',
    );
  }
  if (year < EARLIEST_BIRTH_YEAR) {
    return problem(
      'before_1900',
      '身份证号码中的出生日期早于1900年',
      'The birth date in the resident identity number is before 1900',
    );
  }
  const birthDate = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` as LocalDate;
  if (today !== undefined && birthDate > today) {
    return problem(
      'after_today',
      '身份证号码中的出生日期晚于今天',
      'The birth date in the resident identity number is after today',
    );
  }
  return birthDate;
}
