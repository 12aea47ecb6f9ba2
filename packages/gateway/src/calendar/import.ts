import {
  addCalendarDays,
  type CalendarYearInput,
  calendarYearsFromEvents,
  createProfileCatalog,
  fail,
  type Issue,
  issue,
  type LocalDate,
  ok,
  type ProfileDocument,
  type Result,
  referenceProfileDocument,
} from '@jiceng/domain';
import { ProfileDocumentRepository } from '@jiceng/persistence';
import { sweepOverdueRequests } from '../application/grid/requests.js';
import type { GatewayServices } from '../kernel/context.js';
import { chinaDate } from '../time.js';
import { calendarEventsFromIcs } from './ics.js';

/** What an import of a holiday schedule did. */
export interface CalendarImport {
  readonly profileId: string;
  /** Years the profile gained, ascending. */
  readonly added: readonly number[];
  /** Years the file holds that the profile already had, with the same days. */
  readonly unchanged: readonly number[];
  /** The profile version written (null when nothing was new). */
  readonly version: string | null;
  readonly effectiveFrom: LocalDate | null;
  /** Resident requests whose provisional due date was recounted on the new calendar. */
  readonly recounted: number;
}

export interface CalendarImportInput {
  /** The iCalendar text (e.g. the State Council schedule as the `chinese-days` package publishes it). */
  readonly ics: string;
  /** The profile to extend (default `reference`). */
  readonly profileId?: string | undefined;
  readonly now: Date;
  /** Check and report without writing. */
  readonly dryRun?: boolean | undefined;
  /** Where the schedule came from, for the version note (a file name, say). */
  readonly source?: string | undefined;
}

/**
 * Adds the years of a published holiday schedule to a county profile as a new profile version,
 * taking effect today (a schedule only fills years the profile did not list, so no figure
 * computed before changes except provisional deadlines, which it is meant to fix), then recounts
 * the provisional due dates of resident requests at once. Years already listed with the same
 * days are skipped, so importing the same file twice changes nothing; a year listed with other
 * days is refused (`CALENDAR_YEAR_DIFFERS`): a correction is an edit of the profile, made by hand.
 * The built-in reference profile is continued by a stored document of the same id.
 *
 * @example
 * await importCalendar(services, { ics: readFileSync('2027.ics', 'utf8'), now: new Date() });
 * // ok: { profileId: 'reference', added: [2027], unchanged: [], version: 'calendar 2027', … }
 */
export async function importCalendar(
  services: GatewayServices,
  input: CalendarImportInput,
): Promise<Result<CalendarImport, string>> {
  const profileId = input.profileId ?? referenceProfileDocument.id;
  const today = chinaDate(input.now) as LocalDate;
  const events = calendarEventsFromIcs(input.ics);
  if (!events.ok) return events;
  const years = calendarYearsFromEvents(events.value);
  if (!years.ok) return years;
  const current = services.profiles().profileAt(profileId, today);
  if (!current.ok) return current;

  const added: Record<string, CalendarYearInput> = {};
  const unchanged: number[] = [];
  const issues: Issue[] = [];
  for (const [year, days] of Object.entries(years.value)) {
    const known = current.value.calendar[year];
    if (known === undefined) added[year] = days;
    else if (sameDays(known, days)) unchanged.push(Number(year));
    else issues.push(differs(year, known, days));
  }
  if (issues.length > 0) return fail(issues);
  const addedYears = Object.keys(added).map(Number);
  const nothing: CalendarImport = {
    profileId,
    added: [],
    unchanged,
    version: null,
    effectiveFrom: null,
    recounted: 0,
  };
  if (addedYears.length === 0) return ok(nothing);

  const repo = new ProfileDocumentRepository(services.db.em);
  const stored = await repo.get(profileId);
  if (stored === undefined && profileId !== referenceProfileDocument.id) {
    // A profile the catalog knows but the database does not hold cannot be given a version here.
    return fail([notStored(profileId)]);
  }
  const document: ProfileDocument = stored?.document ?? {
    id: referenceProfileDocument.id,
    name: referenceProfileDocument.name,
    versions: [],
  };
  const last = document.versions[document.versions.length - 1]?.effectiveFrom;
  const effectiveFrom = last !== undefined && last >= today ? addCalendarDays(last as LocalDate, 1) : today;
  const version = `calendar ${addedYears.join(', ')}`;
  const next: ProfileDocument = {
    ...document,
    versions: [
      ...document.versions,
      {
        version,
        effectiveFrom,
        note: `国务院节假日安排 State Council holiday schedule ${addedYears.join(', ')}${input.source ? ` (${input.source})` : ''}`,
        changes: { calendar: added },
      },
    ],
  };
  const others = (await repo.all()).filter((d) => d.id !== profileId);
  const catalog = createProfileCatalog([...others, next]);
  if (!catalog.ok) return catalog;
  const result: CalendarImport = { ...nothing, added: addedYears, version, effectiveFrom };
  if (input.dryRun) return ok(result);

  await repo.save(next, stored?.revision);
  await services.reloadProfiles();
  // Recount provisional deadlines now rather than at the next sweep, on the rules in force today.
  const sweep = await sweepOverdueRequests({ em: services.db.em, services, now: input.now });
  return ok({ ...result, recounted: sweep.recounted.length });
}

function sameDays(a: CalendarYearInput, b: CalendarYearInput): boolean {
  const key = (d: CalendarYearInput) =>
    JSON.stringify([[...d.holidays].sort(), [...d.makeupWorkdays].sort()]);
  return key(a) === key(b);
}

function differs(year: string, known: CalendarYearInput, given: CalendarYearInput): Issue {
  const set = (d: CalendarYearInput) =>
    new Set([...d.holidays.map((x) => `休${x}`), ...d.makeupWorkdays.map((x) => `班${x}`)]);
  const a = set(known);
  const b = set(given);
  const changed = [...new Set([...a, ...b])]
    .filter((x) => a.has(x) !== b.has(x))
    .sort((x, y) => x.slice(1).localeCompare(y.slice(1)));
  const shown = changed
    .slice(0, 6)
    .map((x) => `${x.slice(1)}${x.startsWith('休') ? '(休)' : '(班)'}`)
    .join(', ');
  return issue(
    'CALENDAR_YEAR_DIFFERS',
    {
      zh: `规则配置已收录 ${year} 年，且与文件不同（${shown}${changed.length > 6 ? ' 等' : ''}）；更正已收录年份须修改规则配置`,
      en: `the profile already lists ${year} with other days (${shown}${changed.length > 6 ? ', …' : ''}); correcting a listed year is an edit of the profile`,
    },
    [year],
    { year: Number(year), differences: changed.length },
  );
}

function notStored(profileId: string): Issue {
  return issue(
    'PROFILE_NOT_FOUND',
    {
      zh: `数据库中没有规则配置“${profileId}”，请先用 jiceng serve --profile 保存它`,
      en: `the database holds no profile "${profileId}"; store it first (jiceng serve --profile)`,
    },
    [],
    { id: profileId },
  );
}
