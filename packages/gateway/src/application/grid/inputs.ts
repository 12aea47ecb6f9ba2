import {
  epochMillis,
  type Instant,
  issue,
  parseInstant,
  type RequestLocation,
  validateEmail,
  validateMediaUrl,
  validateMobile,
} from '@jiceng/domain';
import { InputIssues, TEXT } from '../inputs.js';
import { MAX_NOTE, MAX_SUMMARY } from './access.js';

/**
 * The checks of what a client sends about a resident request, whichever door it came through
 * (GraphQL, Open311, the CLI): the one input collector, with the request channel's codes.
 */

/** A location as a client gives it: exactly one of an address, a point or a grid. */
export interface LocationCommand {
  readonly address?: string | null | undefined;
  readonly point?: { readonly x: number; readonly y: number } | null | undefined;
  readonly grid?: string | null | undefined;
}

/** The parts of a report a client gives, unchecked. */
export interface ReportFields {
  readonly id?: string | null | undefined;
  readonly location: LocationCommand;
  readonly summary?: string | null | undefined;
  readonly reporterName?: string | null | undefined;
  readonly reporterPhone?: string | null | undefined;
  /** The resident's e-mail address (personal data: stored sealed, never shown over Open311). */
  readonly reporterEmail?: string | null | undefined;
  /** A link to a photo or video of the matter: http(s) only. */
  readonly mediaUrl?: string | null | undefined;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A location with exactly one of address, point or grid. */
export function locationOf(input: LocationCommand, path: readonly string[] = ['location']): RequestLocation {
  const issues = new InputIssues();
  const location = readLocation(input, path, issues);
  issues.check();
  return location!;
}

function readLocation(
  input: LocationCommand,
  path: readonly string[],
  issues: InputIssues,
): RequestLocation | undefined {
  const given = [input.address, input.point, input.grid].filter((v) => v !== null && v !== undefined);
  if (given.length !== 1) {
    issues.issues.push(
      issue(
        'REQUEST_INVALID_LOCATION',
        {
          zh: '地点须且只能给出地址、坐标或网格中的一项',
          en: 'give exactly one of address, point or grid',
        },
        path,
        { given: given.length },
      ),
    );
    return undefined;
  }
  if (input.point !== null && input.point !== undefined) {
    const { x, y } = input.point;
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1e7 || Math.abs(y) > 1e7) {
      issues.issues.push(
        issue(
          'REQUEST_INVALID_LOCATION',
          { zh: '坐标须为有限的数值', en: 'a point needs two finite numbers' },
          [...path, 'point'],
        ),
      );
      return undefined;
    }
    return { kind: 'point', point: [x, y] };
  }
  if (input.grid !== null && input.grid !== undefined) {
    const grid = issues.text(input.grid, [...path, 'grid'], TEXT.code);
    return grid === undefined ? undefined : { kind: 'grid', gridCode: grid };
  }
  const address = issues.text(input.address, [...path, 'address'], TEXT.line);
  if (address === undefined) {
    if (!issues.issues.some((i) => i.path.at(-1) === 'address'))
      issues.issues.push(
        issue('REQUEST_INVALID_LOCATION', { zh: '地址为空', en: 'the address is empty' }, [
          ...path,
          'address',
        ]),
      );
    return undefined;
  }
  return { kind: 'address', address };
}

/** The checked parts of a report. */
export interface ReportInput {
  readonly id: string | undefined;
  readonly location: RequestLocation;
  readonly summary: string | undefined;
  readonly contact: { name: string | null; phone: string | null; email?: string } | undefined;
  readonly mediaUrl: string | undefined;
}

/** The checks of a report, whichever door it came through (GraphQL, Open311). */
export function reportInputOf(input: ReportFields): ReportInput {
  const issues = new InputIssues();
  let id: string | undefined;
  if (input.id !== null && input.id !== undefined) {
    if (ID.test(input.id)) id = input.id;
    else
      issues.issues.push(
        issue(
          'REQUEST_INVALID_ID',
          {
            zh: '诉求编号只能由字母、数字、“-”和“_”组成，最多 64 个字符',
            en: 'a request id is 1–64 letters, digits, "-" or "_"',
          },
          ['input', 'id'],
        ),
      );
  }
  const location = readLocation(input.location, ['input', 'location'], issues);
  const summary = issues.text(input.summary, ['input', 'summary'], { max: MAX_SUMMARY, multiline: true });
  const name = issues.text(input.reporterName, ['input', 'reporterName'], TEXT.name) ?? null;
  let phone: string | null = null;
  if (
    input.reporterPhone !== null &&
    input.reporterPhone !== undefined &&
    input.reporterPhone.trim() !== ''
  ) {
    const checked = validateMobile(input.reporterPhone, { path: ['input', 'reporterPhone'] });
    if (checked.ok) phone = checked.value;
    else issues.add(...checked.issues);
  }
  let email: string | undefined;
  const givenEmail = issues.text(input.reporterEmail, ['input', 'reporterEmail'], TEXT.line);
  if (givenEmail !== undefined) {
    const checked = validateEmail(givenEmail, { path: ['input', 'reporterEmail'] });
    if (checked.ok) email = checked.value;
    else issues.add(...checked.issues);
  }
  let mediaUrl: string | undefined;
  if (input.mediaUrl !== null && input.mediaUrl !== undefined && input.mediaUrl.trim() !== '') {
    const checked = validateMediaUrl(input.mediaUrl, { path: ['input', 'mediaUrl'] });
    if (checked.ok) mediaUrl = checked.value;
    else issues.add(...checked.issues);
  }
  issues.check();
  return {
    id,
    location: location!,
    summary,
    contact:
      name === null && phone === null && email === undefined
        ? undefined
        : { name, phone, ...(email === undefined ? {} : { email }) },
    mediaUrl,
  };
}

/** A period of report times, each bound optional and included. */
export interface ReportedPeriod {
  readonly from: Instant | undefined;
  readonly to: Instant | undefined;
}

/**
 * The report-time bounds of a list: each an instant with its offset (`2026-11-01T00:00:00+08:00`,
 * `…Z`), the end not before the start. Refused with the calendar's `CALENDAR_INVALID_INSTANT`, or
 * `REQUEST_INVALID_PERIOD`, each at its own path.
 *
 * @example
 * reportedPeriodOf('2026-11-01T00:00:00+08:00', undefined, ['start_date', 'end_date'])
 */
export function reportedPeriodOf(
  from: string | null | undefined,
  to: string | null | undefined,
  paths: readonly [string, string] = ['reportedFrom', 'reportedTo'],
): ReportedPeriod {
  const issues = new InputIssues();
  const instant = (value: string | null | undefined, path: string): Instant | undefined => {
    if (value === null || value === undefined) return undefined;
    const parsed = parseInstant(value, [path]);
    if (parsed.ok) return parsed.value;
    issues.add(...parsed.issues);
    return undefined;
  };
  const period = { from: instant(from, paths[0]), to: instant(to, paths[1]) };
  if (
    period.from !== undefined &&
    period.to !== undefined &&
    epochMillis(period.to) < epochMillis(period.from)
  ) {
    issues.add(
      issue(
        'REQUEST_INVALID_PERIOD',
        {
          zh: `${paths[1]} 不能早于 ${paths[0]}`,
          en: `${paths[1]} must not be before ${paths[0]}`,
        },
        [paths[1]],
        { from: period.from, to: period.to },
      ),
    );
  }
  issues.check();
  return period;
}

/** A note or reason of a step. */
export function noteOf(value: string | null | undefined, field: string): string | undefined {
  const issues = new InputIssues();
  const text = issues.text(value, [field], { max: MAX_NOTE, multiline: true });
  issues.check();
  return text;
}
