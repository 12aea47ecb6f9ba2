import { calendarCoverage, type LocalDate, workingCalendarOf } from '@jiceng/domain';
import type { GatewayServices } from '../kernel/context.js';
import { chinaDate } from '../time.js';

/** A profile whose working-day calendar runs out soon or has run out. */
export interface CalendarWarning {
  readonly profileId: string;
  readonly code: string;
  readonly endsOn: string | null;
  readonly daysLeft: number | null;
  readonly message: { readonly zh: string; readonly en: string };
}

/**
 * The calendar warnings of every profile in force today (`calendarCoverage`, from 60 days before
 * the last listed year ends): what `jiceng serve` prints at start and `/readyz` lists. A server
 * with such a warning is still ready: requests get provisional deadlines, never a refusal.
 */
export function calendarWarnings(services: GatewayServices, now: Date): CalendarWarning[] {
  const today = chinaDate(now) as LocalDate;
  const catalog = services.profiles();
  return catalog.ids.flatMap((profileId) => {
    const profile = catalog.profileAt(profileId, today);
    if (!profile.ok) return [];
    const { endsOn, daysLeft, warning } = calendarCoverage(workingCalendarOf(profile.value), today);
    return warning === null
      ? []
      : [{ profileId, code: warning.code, endsOn, daysLeft, message: warning.message }];
  });
}
