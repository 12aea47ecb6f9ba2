// Public API of the working-day calendar 工作日历: day arithmetic on LocalDates, instants with
// explicit offsets, and working days with statutory holidays and make-up days 调休 kept as data.

export type { CalendarCoverage, CalendarEventInput } from './coverage.js';
export { calendarCoverage, calendarYearsFromEvents, uncoveredYearsBetween } from './coverage.js';
export { addCalendarDays, calendarDaysBetween, isoWeekday } from './days.js';
export type { CalendarIssueCode } from './errors.js';
export type { Instant } from './instant.js';
export {
  CHINA_STANDARD_TIME_OFFSET_MINUTES,
  epochMillis,
  formatInstant,
  isInstant,
  localDateOf,
  parseInstant,
  startOfLocalDate,
} from './instant.js';
export type {
  CalendarYearInput,
  UncoveredYearPolicy,
  WorkingCalendarOptions,
  WorkingDayCalendar,
} from './working-days.js';
export {
  addWorkingDays,
  createWorkingCalendar,
  isWorkingDay,
  lenientCalendar,
  workingCalendarOf,
  workingDaysBetween,
} from './working-days.js';
