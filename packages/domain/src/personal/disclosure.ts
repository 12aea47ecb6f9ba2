import { maskPersonalField, type PersonalDataKind } from './mask.js';

/**
 * How much of a personal field a caller may see. `masked` is the default everywhere; `full` is
 * granted by the gateway's authorisation to a caller with a recorded purpose (PIPL art. 6, 28).
 */
export type Disclosure = 'masked' | 'full';

/**
 * Returns a personal field as the caller may see it: the value unchanged for `full`, otherwise
 * the mask of {@link maskPersonalField}. Fails closed: any disclosure other than exactly `'full'`,
 * or a non-text value, is masked.
 *
 * This function does not log. Every `full` disclosure must be recorded by the caller (the
 * gateway's access log: who, whose field, which kind, when, for what purpose) before the value
 * leaves the server.
 *
 * @example
 * disclose('mobile', '13812345678', 'masked') // '138****5678'
 * disclose('mobile', '13812345678', 'full') // '13812345678' (the caller logs this access)
 */
export function disclose(kind: PersonalDataKind, value: string, disclosure: Disclosure): string {
  if (disclosure === 'full' && typeof value === 'string') return value;
  return maskPersonalField(kind, value);
}
