import { type IssuePath, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { validateText } from '../shared/text.js';

/** Why a request's media link was refused. */
export type MediaUrlIssueCode = 'REQUEST_INVALID_MEDIA_URL';

/** The longest media link a request keeps, in characters (the common ceiling of browsers and proxies). */
export const MAX_MEDIA_URL_LENGTH = 2000;

/**
 * scheme `http`/`https`, then an authority of a host (letters of any script, digits, dots and
 * hyphens, starting with a letter or digit; or a bracketed IPv6 address), an optional port, and
 * no user information (`@` is not allowed before the path); then any path, query and fragment
 * without whitespace. Written out rather than left to `URL`, which the domain's browser-safe
 * typings do not carry and which accepts forms like `http:example.cn`. Linear: no nested repeats.
 */
const WEB = /^https?:\/\/(?:[\p{L}\p{N}][\p{L}\p{N}.-]*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:[/?#]\S*)?$/iu;

/**
 * A link to a photo or video of a resident request (GeoReport v2's `media_url`): an absolute
 * `http` or `https` URL with a host and no user name or password in it, one line under the one
 * text rule, at most {@link MAX_MEDIA_URL_LENGTH} characters. Anything else (`javascript:`,
 * `data:`, `file:`, a relative path) is refused: the link is shown to staff and to other apps,
 * which open it. Returned trimmed, as written.
 *
 * @example
 * validateMediaUrl('https://img.example.cn/r/1.jpg') // { ok: true, value: 'https://img.example.cn/r/1.jpg' }
 * validateMediaUrl('javascript:alert(1)')            // { ok: false, issues: [{ code: 'REQUEST_INVALID_MEDIA_URL', … }] }
 */
export function validateMediaUrl(
  value: string,
  options: { readonly path?: IssuePath } = {},
): Result<string, MediaUrlIssueCode | 'TEXT_MALFORMED' | 'TEXT_CONTROL_CHARACTER' | 'TEXT_TOO_LONG'> {
  const path = options.path ?? [];
  const text = validateText(value, { max: MAX_MEDIA_URL_LENGTH }, { path });
  if (!text.ok) return text;
  const link = value.trim();
  if (!WEB.test(link)) {
    return fail([
      issue(
        'REQUEST_INVALID_MEDIA_URL',
        {
          zh: '图片或视频链接须为以 http:// 或 https:// 开头的完整网址，且不含用户名或密码',
          en: 'a media link must be a full http:// or https:// address, with no user name or password in it',
        },
        path,
      ),
    ]);
  }
  return ok(link);
}
