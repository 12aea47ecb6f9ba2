import { type CalendarEventInput, fail, type Issue, issue, ok, type Result } from '@jiceng/domain';
import ICAL from 'ical.js';

/** Why an iCalendar file could not be read as a holiday schedule. */
export type IcsIssueCode = 'CALENDAR_ICS_INVALID' | 'CALENDAR_ICS_NOT_ALL_DAY' | 'CALENDAR_ICS_UNKNOWN_EVENT';

/** The largest schedule file accepted: a State Council year is ~15 KB; every year since 2004 ~350 KB. */
export const MAX_ICS_BYTES = 2 * 1024 * 1024;

/**
 * Reads a published holiday schedule in iCalendar form (RFC 5545, as the `chinese-days` package
 * and calendar apps publish the State Council notices) into calendar events. Each event is an
 * all-day run of days off (休, "Holiday", Apple's `WORK-HOLIDAY`) or of make-up working days (班,
 * "Workday", `ALTERNATE-WORKDAY`); the day kind is read from `X-APPLE-SPECIAL-DAY`, then the
 * description, then the summary's suffix. An event that is none of these, or not all-day, is
 * refused rather than guessed.
 *
 * @example
 * const events = calendarEventsFromIcs(readFileSync('2027.ics', 'utf8'));
 * // ok: [{ start: '2027-01-01', end: '2027-01-02', kind: 'holiday', name: '元旦(休)' }, …]
 */
export function calendarEventsFromIcs(text: string): Result<CalendarEventInput[], IcsIssueCode> {
  if (text.length > MAX_ICS_BYTES) {
    return fail([
      issue(
        'CALENDAR_ICS_INVALID',
        {
          zh: `日历文件过大（超过 ${MAX_ICS_BYTES / 1024 / 1024} MB）`,
          en: `the calendar file is larger than ${MAX_ICS_BYTES / 1024 / 1024} MB`,
        },
        [],
      ),
    ]);
  }
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail([
      issue(
        'CALENDAR_ICS_INVALID',
        {
          zh: `不是有效的 iCalendar（.ics）文件：${reason}`,
          en: `not a valid iCalendar (.ics) file: ${reason}`,
        },
        [],
        { reason },
      ),
    ]);
  }
  if (root.name !== 'vcalendar') {
    return fail([
      issue(
        'CALENDAR_ICS_INVALID',
        { zh: '文件中没有 VCALENDAR 日历', en: 'the file holds no VCALENDAR' },
        [],
      ),
    ]);
  }
  const issues: Issue<IcsIssueCode>[] = [];
  const events: CalendarEventInput[] = [];
  root.getAllSubcomponents('vevent').forEach((vevent, index) => {
    const event = new ICAL.Event(vevent);
    const name = event.summary ?? '';
    const start = event.startDate;
    const end = event.endDate;
    if (start === null || !start.isDate || (end !== null && !end.isDate)) {
      issues.push(
        issue(
          'CALENDAR_ICS_NOT_ALL_DAY',
          {
            zh: `第 ${index + 1} 个事件“${name}”不是全天事件，无法判断放假或上班的日期`,
            en: `event ${index + 1} ("${name}") is not an all-day event, so its days are unclear`,
          },
          [index],
          { name },
        ),
      );
      return;
    }
    const kind = kindOf(vevent, name, event.description ?? '');
    if (kind === undefined) {
      issues.push(
        issue(
          'CALENDAR_ICS_UNKNOWN_EVENT',
          {
            zh: `第 ${index + 1} 个事件“${name}”既未标明“休”也未标明“班”，无法导入`,
            en: `event ${index + 1} ("${name}") is marked neither as days off (休) nor as make-up working days (班)`,
          },
          [index],
          { name },
        ),
      );
      return;
    }
    events.push({
      start: dateOf(start),
      ...(end === null ? {} : { end: dateOf(end) }),
      kind,
      name,
    });
  });
  return issues.length > 0 ? fail(issues) : ok(events);
}

function dateOf(time: ICAL.Time): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)}`;
}

function kindOf(
  vevent: ICAL.Component,
  summary: string,
  description: string,
): CalendarEventInput['kind'] | undefined {
  const special = String(vevent.getFirstPropertyValue('x-apple-special-day') ?? '').toUpperCase();
  if (special === 'WORK-HOLIDAY') return 'holiday';
  if (special === 'ALTERNATE-WORKDAY') return 'makeup_workday';
  const said = `${description.trim()}|${summary.trim()}`;
  if (/^(休|holiday)\||[(（](休|holiday)[)）]$/i.test(said)) return 'holiday';
  if (/^(班|workday)\||[(（](班|workday)[)）]$/i.test(said)) return 'makeup_workday';
  return undefined;
}
