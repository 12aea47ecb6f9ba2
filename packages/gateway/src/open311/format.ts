/**
 * GeoReport v2's two formats. XML is the one the specification requires and shows: a root element
 * named for the list (`<services>`, `<service_requests>`, `<errors>`), one element per item
 * (`<service>`, `<request>`, `<error>`), one element per field, an empty element for a field with
 * no value; JSON is the same data as arrays and objects, a field with no value as `null`.
 */

/** The format a client asks for, by the extension of the resource (`services.xml`). */
export type Open311Format = 'json' | 'xml';

export const OPEN311_FORMATS: readonly Open311Format[] = ['json', 'xml'];

/** What a field holds: a scalar, a list of items, or a record of fields. */
export type Open311Value =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly Open311Value[]
  | { readonly [field: string]: Open311Value };

export const CONTENT_TYPES: { readonly [F in Open311Format]: string } = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

/** The element of one item of each list the specification names. */
const ITEM_ELEMENTS: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

/**
 * A body in a format: JSON as is; XML as the document `root`, with the UTF-8 declaration the
 * specification asks for.
 *
 * @example
 * render('xml', 'errors', [{ code: 404, description: 'not found' }])
 * // '<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>not found</description></error></errors>'
 */
export function render(format: Open311Format, root: string, body: Open311Value): string {
  if (format === 'json') return JSON.stringify(body, (_key, value) => (value === undefined ? null : value));
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, body)}`;
}

function element(name: string, value: Open311Value): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENTS[name];
    if (item === undefined) throw new TypeError(`open311: no item element for the list <${name}>`);
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, Open311Value>);
    return `<${name}>${fields.map(([k, v]) => element(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * Characters XML cannot carry, or should not: control characters but tab and line breaks (C0,
 * which XML 1.0 forbids even escaped, DEL and C1, which it discourages), lone surrogates, U+FFFE
 * and U+FFFF. The text rule keeps them out of what is stored; this keeps a document well formed
 * whatever a row holds.
 */
const NOT_XML = /[^\P{Cc}\t\n\r]|[\uFFFE\uFFFF]|\p{Cs}/gu;

/**
 * Text as XML character data: `&`, `<`, `>`, and both quotes escaped, characters XML cannot
 * carry replaced by U+FFFD.
 *
 * @example
 * escapeXml('A&B <路> "x"') // 'A&amp;B &lt;路&gt; &quot;x&quot;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
