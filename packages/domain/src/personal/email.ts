import { type IssuePath, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { hasFullWidthAscii } from './text.js';

/**
 * Why an e-mail address was refused. One code; `details.reason` says which rule failed (`type`,
 * `full_width`, `length`, `shape`, `local`, `domain`). Messages and details never repeat the address.
 */
export type EmailIssueCode = 'EMAIL_FORMAT';

/** The longest address SMTP carries (RFC 5321: 254 characters in a path's mailbox). */
export const MAX_EMAIL_LENGTH = 254;

/** The characters of a dot-atom local part (RFC 5322), without the dots. */
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
/** A domain label: letters (any script, for internationalised domains), digits, inner hyphens. */
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/**
 * Validates an e-mail address as people type it into a form: `local@domain`, the local part a
 * dot-atom of at most 64 characters, the domain at least two labels with a top-level one of
 * letters. Returns it trimmed, with the domain in lower case (domains are case-insensitive, local
 * parts in principle are not). Quoted local parts and address literals (`user@[10.0.0.1]`) are
 * refused: no form a resident fills in needs them.
 *
 * @example
 * validateEmail(' Wang.Fang@Example.CN ') // { ok: true, value: 'Wang.Fang@example.cn' }
 * validateEmail('wangfang@localhost')     // { ok: false, issues: [{ code: 'EMAIL_FORMAT', details: { reason: 'domain' }, … }] }
 */
export function validateEmail(
  value: unknown,
  options: { readonly path?: IssuePath } = {},
): Result<string, EmailIssueCode> {
  const path = options.path ?? [];
  const refuse = (reason: string, message: LocalizedText): Result<string, EmailIssueCode> =>
    fail([issue('EMAIL_FORMAT', message, path, { reason })]);
  if (typeof value !== 'string') {
    return refuse('type', { zh: '电子邮箱应为文本', en: 'The e-mail address must be given as text' });
  }
  const text = value.trim();
  if (hasFullWidthAscii(text)) {
    return refuse('full_width', {
      zh: '电子邮箱含全角字符，请用半角字符填写',
      en: 'The e-mail address contains full-width characters; use half-width ones',
    });
  }
  if ([...text].length > MAX_EMAIL_LENGTH) {
    return refuse('length', {
      zh: `电子邮箱最多 ${MAX_EMAIL_LENGTH} 个字符`,
      en: `An e-mail address has at most ${MAX_EMAIL_LENGTH} characters`,
    });
  }
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1 || text.indexOf('@') !== at) {
    return refuse('shape', {
      zh: '电子邮箱应为“名称@域名”的形式，如 wangfang@example.cn',
      en: 'An e-mail address has the form name@domain, e.g. wangfang@example.cn',
    });
  }
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.length > 64 || !local.split('.').every((atom) => LOCAL_ATOM.test(atom))) {
    return refuse('local', {
      zh: '电子邮箱“@”前的部分只能由字母、数字和 . _ - + 等符号组成，且不能以点开头、结尾或连用两个点',
      en: 'The part before "@" may hold letters, digits and . _ - + and similar signs, with no dot at either end or two in a row',
    });
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^\p{L}{2,}$/u.test(labels.at(-1)!)) {
    return refuse('domain', {
      zh: '电子邮箱“@”后应为有效域名，如 example.cn',
      en: 'The part after "@" must be a valid domain name, e.g. example.cn',
    });
  }
  return ok(`${local}@${domain}`);
}
