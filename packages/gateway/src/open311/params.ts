import {
  epochMillis,
  formatInstant,
  type Instant,
  type LocalizedText,
  REQUEST_TYPES,
  type RequestStatus,
  type RequestType,
} from '@jiceng/domain';
import { reportedPeriodOf } from '../application/grid/inputs.js';
import type { ReportRequestCommand } from '../application/grid/requests.js';
import { STATUS_FILTERS } from './views.js';

/**
 * GeoReport v2's parameters as the use cases' commands: what a GET of requests asks for, and what a
 * POST reports. Only the protocol's own rules live here (names, lists, the 90-day window, paging);
 * every check of the values themselves is the use case's, the same for GraphQL.
 */

/** A refusal in GeoReport v2's terms: an HTTP status and a description in both languages. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly text: LocalizedText,
  ) {
    super(text.en);
  }
}

/** The widest window of report times one GET covers, and its default: GeoReport v2's 90 days. */
export const WINDOW_DAYS = 90;
/** The most requests one GET answers (GeoReport v2's 1,000), and the most ids it may name. */
export const MAX_RESULTS = 1000;
const MAX_PAGE = 100_000;
const DAY_MS = 86_400_000;

/** What a GET of requests asks for. */
export type ListQuery =
  | { readonly ids: readonly string[]; readonly extended: boolean }
  | {
      readonly ids?: undefined;
      readonly types: readonly RequestType[] | undefined;
      readonly statuses: readonly RequestStatus[] | undefined;
      readonly from: Instant;
      readonly to: Instant;
      readonly page: number;
      readonly pageSize: number;
      readonly extended: boolean;
    };

function text(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** A comma-delimited list, as GeoReport v2 repeats a parameter: trimmed, blanks and repeats dropped. */
function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [...new Set(value.split(',').map((s) => s.trim()))].filter((s) => s !== '');
  return items.length === 0 ? undefined : items;
}

function positive(value: string | undefined, name: string, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= max)) {
    throw new Refusal(400, {
      zh: `${name} 须为 1 至 ${max} 之间的整数`,
      en: `${name} must be a whole number from 1 to ${max}`,
    });
  }
  return n;
}

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new Refusal(400, { zh: `${name} 须为 true 或 false`, en: `${name} must be true or false` });
}

/** Whether a GET asks for mySociety's extended statuses (`extended_statuses=true`). */
export function extendedStatusesOf(query: unknown): boolean {
  return flag(text(query, 'extended_statuses'), 'extended_statuses');
}

/**
 * A GET of requests: `service_request_id` (a comma list, which overrides every other parameter),
 * else `service_code` and `status` (comma lists), `start_date`/`end_date` (W3C date-times with an
 * offset, within 90 days of each other; by default the 90 days up to now, or from a start or to an
 * end given alone), and the common `page`/`page_size` extension (at most 1,000 a page).
 *
 * @example
 * listQueryOf({ status: 'open', start_date: '2026-11-01T00:00:00+08:00' }, now)
 */
export function listQueryOf(query: unknown, now: Date): ListQuery {
  const extended = extendedStatusesOf(query);
  const ids = commaList(text(query, 'service_request_id'));
  if (ids !== undefined) {
    if (ids.length > MAX_RESULTS) {
      throw new Refusal(400, {
        zh: `service_request_id 一次最多 ${MAX_RESULTS} 个`,
        en: `service_request_id names at most ${MAX_RESULTS} requests at once`,
      });
    }
    return { ids, extended };
  }
  const codes = commaList(text(query, 'service_code'));
  const unknownCode = codes?.find((c) => !(REQUEST_TYPES as readonly string[]).includes(c));
  if (unknownCode !== undefined) {
    throw new Refusal(400, {
      zh: `未知的服务代码 ${unknownCode}`,
      en: `unknown service_code ${unknownCode}`,
    });
  }
  const statusNames = commaList(text(query, 'status'));
  const unknownStatus = statusNames?.find((s) => !STATUS_FILTERS.has(s));
  if (unknownStatus !== undefined) {
    const known = [...STATUS_FILTERS.keys()].join(', ');
    throw new Refusal(400, {
      zh: `status 须为 ${known} 之一，而非 ${unknownStatus}`,
      en: `status must be one of ${known}, not ${unknownStatus}`,
    });
  }
  const { from, to } = windowOf(text(query, 'start_date'), text(query, 'end_date'), now);
  return {
    types: codes as RequestType[] | undefined,
    statuses: statusNames?.flatMap((s) => STATUS_FILTERS.get(s) ?? []),
    from,
    to,
    page: positive(text(query, 'page'), 'page', MAX_PAGE, 1),
    pageSize: positive(text(query, 'page_size'), 'page_size', MAX_RESULTS, MAX_RESULTS),
    extended,
  };
}

/** The window of report times: the one check of both bounds, then GeoReport v2's defaults and limit. */
function windowOf(
  start: string | undefined,
  end: string | undefined,
  now: Date,
): { from: Instant; to: Instant } {
  const period = reportedPeriodOf(start, end, ['start_date', 'end_date']);
  const span = WINDOW_DAYS * DAY_MS;
  const to =
    period.to ?? (period.from === undefined ? formatInstant(now.getTime()) : shifted(period.from, span));
  const from = period.from ?? shifted(to, -span);
  if (epochMillis(to) - epochMillis(from) > span) {
    throw new Refusal(400, {
      zh: `start_date 与 end_date 相隔不能超过 ${WINDOW_DAYS} 天`,
      en: `start_date and end_date may be at most ${WINDOW_DAYS} days apart`,
    });
  }
  return { from, to };
}

function shifted(instant: Instant, ms: number): Instant {
  return formatInstant(epochMillis(instant) + ms);
}

/** A report as a POST gives it (form-encoded or JSON), for `reportResidentRequest`. */
export type Open311Report = Omit<ReportRequestCommand, 'profileId' | 'channel'>;

/**
 * A POST of a request: `service_code`, a location (`lat` and `long`, else `address_string`),
 * `description`, the reporter's `first_name`/`last_name`, `phone` and `email`, and `media_url`.
 * `device_id` and `account_id` are taken and not kept. No service takes attributes, and
 * `address_id` names nothing here: either is refused rather than dropped.
 */
export function reportOf(body: unknown): Open311Report {
  const code = text(body, 'service_code');
  if (code === undefined || !(REQUEST_TYPES as readonly string[]).includes(code)) {
    throw new Refusal(400, {
      zh: `service_code 须为 ${REQUEST_TYPES.join('、')} 之一`,
      en: `service_code must be one of ${REQUEST_TYPES.join(', ')}`,
    });
  }
  const attributes = Object.keys((body ?? {}) as object).filter((k) => k.startsWith('attribute'));
  if (attributes.length > 0) {
    throw new Refusal(400, {
      zh: `服务 ${code} 没有扩展属性（${attributes.join('、')}）`,
      en: `service ${code} takes no attributes (${attributes.join(', ')})`,
    });
  }
  const lat = text(body, 'lat');
  const long = text(body, 'long');
  const address = text(body, 'address_string');
  let location: Open311Report['location'];
  if (lat !== undefined || long !== undefined) {
    const y = Number(lat);
    const x = Number(long);
    if (lat === undefined || long === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new Refusal(400, { zh: 'lat 与 long 须同为数值', en: 'lat and long must both be numbers' });
    }
    if (Math.abs(y) > 90 || Math.abs(x) > 180) {
      throw new Refusal(400, { zh: 'lat/long 不是有效坐标', en: 'lat/long is not a valid position' });
    }
    location = { point: { x, y } };
  } else if (address !== undefined) {
    location = { address };
  } else if (text(body, 'address_id') !== undefined) {
    throw new Refusal(400, {
      zh: '本接口不使用 address_id，请提供 lat 与 long，或 address_string',
      en: 'address_id is not used here: give lat and long, or address_string',
    });
  } else {
    throw new Refusal(400, {
      zh: '须提供 lat 与 long，或 address_string',
      en: 'lat and long, or address_string, is required',
    });
  }
  const name = [text(body, 'last_name'), text(body, 'first_name')].filter(Boolean).join('');
  return {
    type: code as RequestType,
    location,
    summary: text(body, 'description') ?? null,
    reporterName: name === '' ? null : name,
    reporterPhone: text(body, 'phone') ?? null,
    reporterEmail: text(body, 'email') ?? null,
    mediaUrl: text(body, 'media_url') ?? null,
  };
}
