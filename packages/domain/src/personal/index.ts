export type { Disclosure } from './disclosure.js';
export { disclose } from './disclosure.js';
export type { EmailIssueCode } from './email.js';
export { MAX_EMAIL_LENGTH, validateEmail } from './email.js';
export { maskPersonalDataInText } from './free-text.js';
export type { PersonalDataKind } from './mask.js';
export { maskEmail, maskMobile, maskName, maskPersonalField, maskResidentId } from './mask.js';
export type { MobileIssueCode, MobileOptions } from './mobile.js';
export { validateMobile } from './mobile.js';
export type {
  ResidentIdCheckDigit,
  ResidentIdInfo,
  ResidentIdIssueCode,
  ResidentIdOptions,
  Sex,
} from './resident-id.js';
export { residentIdCheckDigit, validateResidentId } from './resident-id.js';
