import { formatInstant, type Instant, type LocalDate } from '@jiceng/domain';

/**
 * "Today" in China Standard Time: the calendar day the rules are about, whatever the
 * server's own time zone.
 *
 * @example
 * chinaDate(new Date('2026-11-27T20:00:00Z')) // '2026-11-28'
 */
export function chinaDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** Today in China for a request: the day its rules are about. */
export function today(ctx: { readonly now: Date }): LocalDate {
  return chinaDate(ctx.now) as LocalDate;
}

/** The request's clock as the domain's instant, in China Standard Time (+08:00). */
export function nowInstant(ctx: { readonly now: Date }): Instant {
  return formatInstant(ctx.now.getTime());
}

/**
 * A clock that reads `start` now and then moves on in real time: a server started "at" a given
 * moment (tests, demonstrations) whose timers still see time pass.
 *
 * @example
 * const clock = advancingFrom(new Date('2026-11-27T02:00:00Z'));
 * clock(); // 2026-11-27T02:00:00Z, and a minute later 02:01
 */
export function advancingFrom(start: Date): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
