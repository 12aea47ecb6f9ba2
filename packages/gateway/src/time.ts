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
