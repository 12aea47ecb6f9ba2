import {
  ESCALATION_LEVEL_LABELS,
  type Locale,
  maskPersonalDataInText,
  OPEN_REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type RequestStatus,
  type RequestType,
  type RuleProfile,
} from '@jiceng/domain';
import type { StoredRequest } from '@jiceng/persistence';
import { currentDeadline } from '../schema/grid/deadlines.js';
import type { Open311Value } from './format.js';

/**
 * What Open311 answers are made of, mapped from the rule profile and stored requests: the service
 * list and definitions, the discovery document, and a request as GeoReport v2 shows it. Nothing
 * here reads or decides; the routes call the use cases and hand their results here.
 */

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

/**
 * mySociety's extended statuses (FixMyStreet's Open311 extension) for each state of the request
 * channel, answered with `extended_statuses=true`; without it a request is `open` or `closed`, as
 * GeoReport v2 says. `rejected` (不予受理: the channel does not take the matter up) is
 * `no_further_action`; mySociety's `investigating`, `not_councils_responsibility` and
 * `internal_referral` have no state here and are never answered.
 */
export const EXTENDED_STATUSES: { readonly [S in RequestStatus]: string } = {
  reported: 'open',
  assigned: 'action_scheduled',
  in_progress: 'in_progress',
  resolved: 'fixed',
  closed: 'closed',
  rejected: 'no_further_action',
  duplicate: 'duplicate',
};

const OPEN = OPEN_REQUEST_STATUSES;
const CLOSED = REQUEST_STATUSES.filter((s) => !OPEN.includes(s));

/**
 * The states a `status` filter value stands for: `open` and `closed` as GeoReport v2 means them
 * (every open or closed state), and each extended status for the states answered as it.
 */
export const STATUS_FILTERS: ReadonlyMap<string, readonly RequestStatus[]> = new Map([
  ['open', OPEN],
  ['closed', CLOSED],
  ...REQUEST_STATUSES.filter((s) => EXTENDED_STATUSES[s] !== 'open' && EXTENDED_STATUSES[s] !== 'closed').map(
    (s) => [EXTENDED_STATUSES[s], [s]] as [string, readonly RequestStatus[]],
  ),
]);

/** The end of a due day in China Standard Time, when the deadline falls. */
const endOfDay = (day: string) => `${day}T23:59:59+08:00`;

/** The profile's request types as GeoReport v2 services, in the caller's language. */
export function servicesOf(rules: RuleProfile, locale: Locale): Open311Value[] {
  return REQUEST_TYPES.map((type) => ({
    service_code: type,
    service_name: rules.grid.requests[type].name[locale],
    description: serviceNotice(rules, type, locale),
    // No service takes attributes beyond the standard fields: its definition lists none.
    metadata: false,
    type: 'realtime',
    keywords: type,
    group: locale === 'zh' ? '民情直通车' : 'resident request channel',
  }));
}

/**
 * A service's definition: the attributes a report of it takes beyond the standard fields. None,
 * for every request type, which is what `metadata: false` in the service list says.
 */
export function serviceDefinitionOf(type: RequestType): Open311Value {
  return { service_code: type, attributes: [] };
}

/** What a reporter is told of how a request of a type is handled: its deadline in working days. */
function serviceNotice(rules: RuleProfile, type: RequestType, locale: Locale): string {
  const { name, deadlineWorkingDays } = rules.grid.requests[type];
  return locale === 'zh'
    ? `${name.zh} — ${deadlineWorkingDays} 个工作日内办结`
    : `${name.en} — ${deadlineWorkingDays} working days to resolve`;
}

/**
 * Where a request stands, in words, without the channel's internal codes: the state's name, the
 * level it was escalated to if any, and the original of a duplicate.
 */
export function statusNotes(stored: StoredRequest, locale: Locale): string {
  const r = stored.request;
  const parts = [REQUEST_STATUS_LABELS[r.status][locale]];
  if (r.level !== 'grid' && OPEN.includes(r.status)) {
    const level = ESCALATION_LEVEL_LABELS[r.level][locale];
    parts.push(locale === 'zh' ? `已升级至${level}督办` : `escalated to the ${level}`);
  }
  if (r.status === 'duplicate' && r.duplicateOf !== null) {
    parts.push(locale === 'zh' ? `与诉求 ${r.duplicateOf} 重复` : `same matter as request ${r.duplicateOf}`);
  }
  return parts.join(locale === 'zh' ? '，' : '; ');
}

/**
 * A request as GeoReport v2 shows it. The reporter's contact details (name, phone, e-mail) are
 * never part of it, and a mobile or ID number typed into the description is masked, as in every
 * published text. `lat`/`long` are the point it was reported at (none for a report by address or
 * grid); `address` the address it was reported at; `address_id` and `zipcode` are not kept.
 */
export function requestView(
  stored: StoredRequest,
  rules: RuleProfile,
  locale: Locale,
  extended: boolean,
): Open311Value {
  const r = stored.request;
  const due = currentDeadline(rules, r);
  const point = r.location.kind === 'point' ? r.location.point : undefined;
  return {
    service_request_id: r.id,
    status: extended ? EXTENDED_STATUSES[r.status] : OPEN.includes(r.status) ? 'open' : 'closed',
    status_notes: statusNotes(stored, locale),
    service_name: rules.grid.requests[r.type].name[locale],
    service_code: r.type,
    description: maskPersonalDataInText(r.summary),
    agency_responsible: r.gridCode,
    service_notice: serviceNotice(rules, r.type, locale),
    requested_datetime: r.reportedAt,
    updated_datetime: stored.updatedAt,
    expected_datetime: endOfDay(due.dueDate),
    // An extension to GeoReport v2: the expected time was counted by the weekend rule over a
    // year whose holiday schedule is not published yet, and may still move.
    expected_datetime_provisional: due.provisional,
    address: r.location.kind === 'address' ? r.location.address : null,
    address_id: null,
    zipcode: null,
    lat: point === undefined ? null : point[1],
    long: point === undefined ? null : point[0],
    media_url: stored.mediaUrl,
  };
}

/** What discovery says of this endpoint: who runs it, where keys come from, where it is. */
export interface DiscoverySettings {
  readonly contact: string;
  readonly keyService: string;
  /** The GeoReport v2 endpoint's base URL (`https://gateway.example.cn/open311/v2`). */
  readonly url: string;
  readonly type: 'production' | 'test';
  /** When the service list or definitions last changed (the rule profile's version). */
  readonly changeset: string;
}

/** The discovery document: one GeoReport v2 endpoint, in both formats. */
export function discoveryOf(settings: DiscoverySettings): Open311Value {
  return {
    changeset: settings.changeset,
    contact: settings.contact,
    key_service: settings.keyService,
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url: settings.url,
        changeset: settings.changeset,
        type: settings.type,
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
