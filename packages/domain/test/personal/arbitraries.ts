import fc from 'fast-check';

/** Province prefixes of GB/T 2260, written out again here so the tests do not trust the source's list. */
// biome-ignore format: a flat list reads better than one code per line
export const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
] as const;

/** Independent of the implementation: JavaScript's own calendar. */
export function daysInMonthByDate(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Birth dates from 1900-01-01 to 2025-12-31 as `YYYYMMDD`. */
export const birthDigits = fc
  .tuple(fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 1, max: 12 }))
  .chain(([year, month]) =>
    fc
      .integer({ min: 1, max: daysInMonthByDate(year, month) })
      .map((day) => `${pad(year, 4)}${pad(month, 2)}${pad(day, 2)}`),
  );

/** The first 17 digits of a resident identity number with a valid province and a real birth date. */
export const validFirst17 = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    fc.integer({ min: 0, max: 9999 }),
    birthDigits,
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([province, rest, birth, sequence]) => `${province}${pad(rest, 4)}${birth}${pad(sequence, 3)}`);

/** An 11-digit mainland mobile number: 1, then 3–9, then 9 digits. */
export const validMobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([second, rest]) => `1${second}${pad(rest, 9)}`);
