import type { Building } from '@jiceng/domain';
import fc from 'fast-check';

/** The reference sizes, written out here so the tests do not trust the profile. */
export const SIZES = { min: 200, target: 300, max: 400 } as const;

/** Buildings of 0–`maxHouseholds` households; address orders may repeat (ids break ties). */
export function buildingsArb(
  options: { maxHouseholds?: number; maxLength?: number; located?: boolean } = {},
) {
  const { maxHouseholds = 160, maxLength = 60, located = false } = options;
  return fc
    .array(
      fc.record({
        households: fc.integer({ min: 0, max: maxHouseholds }),
        addressOrder: fc.integer({ min: 0, max: 200 }),
        x: fc.double({ min: 0, max: 1000, noNaN: true }),
        y: fc.double({ min: 0, max: 1000, noNaN: true }),
      }),
      { minLength: 1, maxLength },
    )
    .map((rows) =>
      rows.map(
        (r, i): Building => ({
          id: `B${String(i).padStart(3, '0')}`,
          households: r.households,
          addressOrder: r.addressOrder,
          ...(located ? { location: [r.x, r.y] as const } : {}),
        }),
      ),
    );
}

/** The line partition works on: address order, ties by id. */
export function lineOrder(buildings: readonly Building[]): Building[] {
  return [...buildings].sort((a, b) => a.addressOrder - b.addressOrder || (a.id < b.id ? -1 : 1));
}
