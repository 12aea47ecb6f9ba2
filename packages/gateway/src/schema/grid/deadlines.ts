import {
  confirmDueDate,
  type LocalDate,
  type ResidentRequest,
  type RuleProfile,
  requestContextOf,
} from '@jiceng/domain';

/**
 * A stored request's due date on the profile's current calendar: a provisional one is recounted
 * here, so a year added since shows at once, before the next sweep writes it.
 */
export function currentDeadline(
  profile: RuleProfile,
  request: Omit<ResidentRequest, 'events'>,
): { readonly dueDate: LocalDate; readonly provisional: boolean } {
  const confirmed = confirmDueDate({ ...request, events: [] }, requestContextOf(profile));
  const r = confirmed.ok ? confirmed.value : request;
  return { dueDate: r.dueDate, provisional: r.dueDateProvisional };
}
