/** Year of a `YYYY-MM-DD` date. */
export function yearOfDate(date: string): number {
  return Number(date.slice(0, 4));
}
