import {
  confirmDueDate,
  createGridDirectory,
  type LocalDate,
  type RequestContext,
  type ResidentRequest,
  type RuleProfile,
  unwrap,
  type WorkingDayCalendar,
  workingCalendarOf,
} from '@jiceng/domain';

const EMPTY_DIRECTORY = unwrap(createGridDirectory({ communities: [], grids: [] }));
const calendars = new WeakMap<RuleProfile, WorkingDayCalendar>();

/** The domain context for deadlines under a profile (calendar built once per profile). */
export function deadlineContext(profile: RuleProfile): RequestContext {
  let calendar = calendars.get(profile);
  if (calendar === undefined) {
    calendar = workingCalendarOf(profile);
    calendars.set(profile, calendar);
  }
  return { rules: profile.grid, calendar, directory: EMPTY_DIRECTORY };
}

/**
 * A stored request's due date on the profile's current calendar: a provisional one is recounted
 * here, so a year added since shows at once, before the next sweep writes it.
 */
export function currentDeadline(
  profile: RuleProfile,
  request: Omit<ResidentRequest, 'events'>,
): { readonly dueDate: LocalDate; readonly provisional: boolean } {
  const confirmed = confirmDueDate({ ...request, events: [] }, deadlineContext(profile));
  const r = confirmed.ok ? confirmed.value : request;
  return { dueDate: r.dueDate, provisional: r.dueDateProvisional };
}
