import { type Issue, type IssuePath, issue } from '../shared/errors.js';

/** Every way the working-day calendar can refuse an input. The codes are public API. */
export type CalendarIssueCode =
  | 'CALENDAR_INVALID_DATE'
  | 'CALENDAR_INVALID_INSTANT'
  | 'CALENDAR_INVALID_YEAR'
  | 'CALENDAR_WRONG_YEAR'
  | 'CALENDAR_DAY_CONFLICT'
  | 'CALENDAR_YEAR_NOT_COVERED'
  | 'CALENDAR_ENDING_SOON'
  | 'CALENDAR_ENDED'
  | 'CALENDAR_INVALID_RANGE'
  | 'CALENDAR_EMPTY';

export function invalidDateIssue(value: unknown, path: IssuePath): Issue<'CALENDAR_INVALID_DATE'> {
  const shown = typeof value === 'string' ? value : String(value);
  return issue(
    'CALENDAR_INVALID_DATE',
    {
      zh: `“${shown}”不是有效日期，应为 YYYY-MM-DD 格式的真实日期`,
      en: `"${shown}" is not a valid date; expected a real calendar date as YYYY-MM-DD`,
    },
    path,
    { value },
  );
}

export function yearNotCoveredIssue(
  year: number,
  date: string,
  covered: readonly number[],
  path: IssuePath = [],
): Issue<CalendarIssueCode> {
  const list = covered.length === 0 ? '—' : yearRanges(covered, '-').join(', ');
  return issue(
    'CALENDAR_YEAR_NOT_COVERED',
    {
      zh: `工作日历未收录 ${year} 年（涉及日期 ${date}），无法判断节假日和调休；请在规则配置的 calendar 中补充 ${year} 年（jiceng calendar import），已收录：${covered.length === 0 ? '无' : yearRanges(covered, '–').join('、')}`,
      en: `the working-day calendar does not cover ${year} (date ${date}), so its holidays and make-up working days are unknown; add ${year} to the profile's calendar (covered: ${list})`,
    },
    path,
    { year, date, covered },
  );
}

/** Ascending years as runs: [2004, 2005, 2006, 2010] → ['2004–2006', '2010']. */
function yearRanges(years: readonly number[], dash: string): string[] {
  const runs: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    runs.push(j === i ? String(years[i]) : `${years[i]}${dash}${years[j]}`);
    i = j + 1;
  }
  return runs;
}
