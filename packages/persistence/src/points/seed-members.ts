import { residentIdCheckDigit, seededRandom } from '@jiceng/domain';
import type { DatasetPartyMember } from '@jiceng/domain/reference';
import type { StoredMember } from './members.js';

/** The reference county's party members, from the grid dataset, with synthetic resident ID numbers and mobiles. */

/** A member of the grid dataset, as the seeder reads it. */
export type PointsSeedMember = Pick<
  DatasetPartyMember,
  'id' | 'name' | 'category' | 'communityCode' | 'gridCode'
>;

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A synthetic but valid resident identity number (GB 11643): region 330102, a birth date between
 * 1950 and 1999, a sequence from the member's position, and the real check digit.
 *
 * @example
 * syntheticResidentId(0, seededRandom(5)) // '330102…' with a valid 18th character
 */
export function syntheticResidentId(index: number, random: () => number): string {
  const year = 1950 + Math.floor(random() * 50);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const first17 = `330102${year}${pad(month, 2)}${pad(day, 2)}${pad(index % 1000, 3)}`;
  return `${first17}${residentIdCheckDigit(first17)}`;
}

/** A synthetic mainland mobile number, distinct for distinct indices below 10⁸. */
export function syntheticMobile(index: number): string {
  const prefixes = ['3', '5', '7', '8', '9'];
  return `1${prefixes[index % prefixes.length]}${pad((index * 7919) % 1_000_000_000, 9)}`;
}

/** The branch of a dataset member: their community's party organisation in the party tree. */
export function branchOfCommunity(communityCode: string): string {
  return `P${communityCode}`;
}

/**
 * Members of the grid dataset as points members: their community's party organisation is their
 * branch; in-service members are registered at their community 双报到.
 */
export function pointsMembersOf(
  members: readonly PointsSeedMember[],
  options: { readonly year: number; readonly seed?: number; readonly profileId?: string },
): StoredMember[] {
  const random = seededRandom((options.seed ?? 5) * 7 + 1);
  return members.map((m, i): StoredMember => {
    const joined = `${2000 + Math.floor(random() * 20)}-${pad(1 + Math.floor(random() * 12), 2)}-01`;
    const residentId = syntheticResidentId(i, random);
    return {
      code: m.id,
      name: m.name,
      branch: branchOfCommunity(m.communityCode),
      community: m.communityCode,
      categories: [{ category: m.category, from: joined < `${options.year}-01-01` ? joined : '2019-01-01' }],
      ...(m.category === 'in_service'
        ? { dualRegistrations: [{ community: m.communityCode, from: `${options.year - 1}-03-01` }] }
        : {}),
      residentId,
      mobile: syntheticMobile(i),
      ...(m.gridCode === null ? {} : { grid: m.gridCode }),
      profileId: options.profileId ?? 'reference',
    };
  });
}
