import { validateMobile } from './mobile.js';

/** The kinds of personal information (个人信息) the toolkit knows how to mask. */
export type PersonalDataKind = 'resident_id' | 'mobile' | 'name';

const MASK = '*';
/** Shown for a value that is neither text nor a number, so nothing of it can be shown safely. */
const UNKNOWN_MASKED = MASK.repeat(3);
const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/;

/**
 * Masks a resident identity number, keeping the 6-digit address code and the last 4 characters:
 * the usual form on receipts and lists. Masks by shape (17 digits and a digit or X), not by
 * validity, so a number with a typo is masked the same way. Never throws; anything else is masked
 * by the fallback rule (see {@link maskPersonalField}).
 *
 * @example
 * maskResidentId('110105194912310021') // '110105********0021'
 * maskResidentId('11010519491231') // '110***********' (malformed: at most 3 characters kept)
 */
export function maskResidentId(value: unknown): string {
  const text = maskableText(value);
  if (text === undefined) return UNKNOWN_MASKED;
  const id = text.toUpperCase();
  if (RESIDENT_ID_SHAPE.test(id)) return `${id.slice(0, 6)}${MASK.repeat(8)}${id.slice(14)}`;
  return maskFallback(text);
}

/**
 * Masks a mainland mobile number as `138****5678`: the first 3 and last 4 of the normalised
 * 11 digits. Anything {@link validateMobile} rejects is masked by the fallback rule. Never throws.
 *
 * @example
 * maskMobile('13812345678') // '138****5678'
 * maskMobile('+86 138-1234-5678') // '138****5678'
 */
export function maskMobile(value: unknown): string {
  const text = maskableText(value);
  if (text === undefined) return UNKNOWN_MASKED;
  const mobile = validateMobile(text);
  if (mobile.ok) return `${mobile.value.slice(0, 3)}${MASK.repeat(4)}${mobile.value.slice(7)}`;
  return maskFallback(text);
}

/**
 * Masks a person's name, keeping only its first character (the surname of a Chinese name, the
 * first letter of a name in Latin script) and replacing every other character, spaces and
 * the middle dot (·) included, one for one. A one-character name is masked whole. Never throws.
 *
 * @example
 * maskName('张三丰') // '张**'
 * maskName('张三') // '张*'
 * maskName('Alice Smith') // 'A**********'
 */
export function maskName(value: unknown): string {
  const text = maskableText(value);
  if (text === undefined) return UNKNOWN_MASKED;
  const [first, ...rest] = Array.from(text);
  if (first === undefined) return '';
  if (rest.length === 0) return MASK;
  return first + MASK.repeat(rest.length);
}

/**
 * Masks an e-mail address as `w*******@example.cn`: the first character of the part before `@`
 * kept, the rest masked one for one, the domain shown (it names a provider, not a person). A
 * value without `@` is masked by the fallback rule. Never throws.
 *
 * @example
 * maskEmail('wang.fang@example.cn') // 'w********@example.cn'
 * maskEmail('no-at-sign') // 'no********' (malformed: at most 3 characters kept)
 */
export function maskEmail(value: unknown): string {
  const text = maskableText(value);
  if (text === undefined) return UNKNOWN_MASKED;
  const at = text.lastIndexOf('@');
  if (at <= 0) return maskFallback(text);
  return maskName(text.slice(0, at)) + text.slice(at);
}

/**
 * Masks any personal field by kind; every output of the toolkit goes through this unless the
 * caller is allowed the full value (see `disclose`).
 *
 * Never throws and never returns the value unmasked. Surrounding whitespace is trimmed first;
 * `null` and `undefined` become `''`; numbers are masked as their decimal text; any other
 * non-text value becomes `***`. A value that is not well formed for its kind keeps at most its
 * first 3 characters, and fewer when short (`⌊length / 4⌋`, so up to 3 characters show nothing),
 * with every other character replaced by `*`.
 *
 * @example
 * maskPersonalField('mobile', '13812345678') // '138****5678'
 * maskPersonalField('resident_id', null) // ''
 */
export function maskPersonalField(kind: PersonalDataKind, value: unknown): string {
  switch (kind) {
    case 'resident_id':
      return maskResidentId(value);
    case 'mobile':
      return maskMobile(value);
    case 'name':
      return maskName(value);
    default:
      // The compiler proves this unreachable; an unknown kind from untyped code is still masked.
      kind satisfies never;
      return maskFallback(maskableText(value) ?? UNKNOWN_MASKED);
  }
}

/** The trimmed text to mask, `''` for a missing value, or `undefined` when nothing can be shown. */
function maskableText(value: unknown): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** Keeps at most a small prefix of a malformed value and masks the rest, one `*` per character. */
function maskFallback(text: string): string {
  const chars = Array.from(text);
  const keep = Math.min(3, Math.floor(chars.length / 4));
  return chars.slice(0, keep).join('') + MASK.repeat(chars.length - keep);
}
