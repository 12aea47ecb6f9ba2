import { maskMobile, maskResidentId } from './mask.js';

/** A digit as people type it: half-width, or full-width through a Chinese input method. */
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const NOT_AFTER_DIGIT = '(?<![0-9\\uFF10-\\uFF19])';
const NOT_BEFORE_DIGIT = '(?![0-9\\uFF10-\\uFF19])';

/** 17 digits and a digit or X, not inside a longer run of digits or letters. */
const RESIDENT_ID_IN_TEXT = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19A-Za-z])${DIGIT}{17}[0-9\\uFF10-\\uFF19XxＸｘ](?![0-9\\uFF10-\\uFF19A-Za-z])`,
  'gu',
);

/** A mainland mobile number, after an optional +86/0086, with spaces or hyphens between digits. */
const MOBILE_IN_TEXT = new RegExp(
  `${NOT_AFTER_DIGIT}(?:(?:[+＋]|00)?86[\\s-]?)?[1１][3-9３-９](?:[\\s-]?${DIGIT}){9}${NOT_BEFORE_DIGIT}`,
  'gu',
);

/** Full-width forms of ASCII (U+FF01–U+FF5E) as their half-width selves. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Masks the resident identity numbers and mainland mobile numbers written inside a free text, as
 * {@link maskResidentId} and {@link maskMobile} mask the fields themselves; the rest of the text is
 * unchanged. For text that is published (a consultation's public disclosure): a person typing a
 * phone number into a title must not publish it. Numbers are found by shape, not validity, with
 * the separators and full-width digits people type, so a number with a typo is masked too. Never
 * throws.
 *
 * @example
 * maskPersonalDataInText('联系人王芳 138-1234-5678') // '联系人王芳 138****5678'
 * maskPersonalDataInText('身份证 11010519491231002X') // '身份证 110105********002X'
 */
export function maskPersonalDataInText(text: string): string {
  return text
    .replace(RESIDENT_ID_IN_TEXT, (id) => maskResidentId(halfWidth(id)))
    .replace(MOBILE_IN_TEXT, (mobile) => maskMobile(halfWidth(mobile)));
}
