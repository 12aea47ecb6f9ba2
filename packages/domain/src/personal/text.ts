/**
 * Text helpers shared by the personal-data validators and masks. Internal: not exported from the
 * package, so their shape may change freely. (Lengths are counted by `codePointLength` of the
 * one text rule, `shared/text.ts`.)
 */

/** Full-width forms of ASCII (U+FF01–U+FF5E): `１３８`, `Ｘ`, `＋`, `－` typed through a Chinese IME. */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/;

/** True when the text contains a full-width digit, letter or sign that must be re-typed half-width. */
export function hasFullWidthAscii(text: string): boolean {
  return FULL_WIDTH_ASCII.test(text);
}
