import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A GeoReport v2 client that knows only the specification (wiki.open311.org/GeoReport_v2 and its
 * Service Discovery page): resources named `<name>.<format>` under the endpoint URL that discovery
 * gives, the `api_key` and `jurisdiction_id` parameters, form-encoded POSTs, and the documents as
 * the specification shows them. Nothing of Jiceng: no header of its own, no GraphQL, no token
 * format. XML is read with a real parser, and each document into the shape its JSON twin has, so a
 * test can ask that both formats say the same.
 */

export type Format = 'json' | 'xml';

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  /** The body as sent. */
  readonly raw: string;
  /** The document: JSON as parsed; XML as lists of records of text, the shape of the JSON. */
  readonly body: unknown;
}

/** Lists of the specification's documents, by the path of their item element. */
const LISTS = new Set([
  'services.service',
  'service_requests.request',
  'errors.error',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
]);

const parser = new XMLParser({
  ignoreDeclaration: true,
  // Every value stays text, as XML has it: `0123` is not a number, `true` not a boolean.
  parseTagValue: false,
  trimValues: false,
  isArray: (_name, path) => LISTS.has(String(path)),
});

/** An XML document as the JSON twin shapes it: the root's list (or record), empty lists as `[]`. */
function fromXml(raw: string): unknown {
  const valid = XMLValidator.validate(raw);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const document = parser.parse(raw) as Record<string, unknown>;
  const [root, content] = Object.entries(document)[0] ?? [];
  const list = (value: unknown, item: string) =>
    value === '' || value === undefined ? [] : ((value as Record<string, unknown>)[item] as unknown[]);
  switch (root) {
    case 'services':
      return list(content, 'service');
    case 'service_requests':
      return list(content, 'request');
    case 'errors':
      return list(content, 'error');
    case 'discovery': {
      const d = content as Record<string, unknown>;
      const endpoints = list(d['endpoints'], 'endpoint').map((e) => {
        const endpoint = e as Record<string, unknown>;
        return { ...endpoint, formats: list(endpoint['formats'], 'format') };
      });
      return { ...d, endpoints };
    }
    case 'service_definition': {
      const d = content as Record<string, unknown>;
      return { ...d, attributes: list(d['attributes'], 'attribute') };
    }
    default:
      throw new Error(`not a GeoReport v2 document: <${root}>`);
  }
}

/**
 * A JSON document as XML would say it: every scalar as text, `null` as the empty text. Two answers
 * of the same resource in the two formats are equal under this.
 *
 * @example
 * asText([{ lat: 32.1, media_url: null }]) // [{ lat: '32.1', media_url: '' }]
 */
export function asText(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asText);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
  return String(value);
}

export class GeoReportClient {
  constructor(
    /** The endpoint URL from discovery (`https://…/open311/v2`). */
    readonly endpoint: string,
    readonly options: { apiKey?: string; jurisdictionId?: string; language?: string } = {},
  ) {}

  /** The discovery document at a URL that ends in `/discovery`, in a format. */
  static async discover(discoveryUrl: string, format: Format): Promise<Answer> {
    return exchange(`${discoveryUrl}.${format}`, format, { method: 'GET' });
  }

  services(format: Format): Promise<Answer> {
    return this.get('services', format);
  }

  serviceDefinition(code: string, format: Format): Promise<Answer> {
    return this.get(`services/${encodeURIComponent(code)}`, format);
  }

  requests(format: Format, parameters: Record<string, string> = {}): Promise<Answer> {
    return this.get('requests', format, parameters, true);
  }

  request(id: string, format: Format, parameters: Record<string, string> = {}): Promise<Answer> {
    return this.get(`requests/${encodeURIComponent(id)}`, format, parameters, true);
  }

  /** POST Service Request: the fields form-encoded, with the key and jurisdiction in the body. */
  report(format: Format, fields: Record<string, string>): Promise<Answer> {
    const body = new URLSearchParams({ ...this.common(true), ...fields });
    return exchange(`${this.endpoint}/requests.${format}`, format, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.language() },
      body: body.toString(),
    });
  }

  private get(
    resource: string,
    format: Format,
    parameters: Record<string, string> = {},
    keyed = false,
  ): Promise<Answer> {
    const query = new URLSearchParams({ ...this.common(keyed), ...parameters }).toString();
    const url = `${this.endpoint}/${resource}.${format}${query === '' ? '' : `?${query}`}`;
    return exchange(url, format, { method: 'GET', headers: this.language() });
  }

  private common(keyed: boolean): Record<string, string> {
    return {
      ...(keyed && this.options.apiKey !== undefined ? { api_key: this.options.apiKey } : {}),
      ...(this.options.jurisdictionId === undefined ? {} : { jurisdiction_id: this.options.jurisdictionId }),
    };
  }

  private language(): Record<string, string> {
    return this.options.language === undefined ? {} : { 'accept-language': this.options.language };
  }
}

async function exchange(url: string, format: Format, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const raw = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    raw,
    body: format === 'json' ? JSON.parse(raw) : fromXml(raw),
  };
}
