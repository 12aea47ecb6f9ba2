import type { CppccMember, CppccRoster, Sector, Township } from '../consultation/index.js';
import { PILOT_ROSTER } from './consultation-facts.js';

/**
 * The reference county's CPPCC roster 委员名单, one for every dataset that names its members (the
 * consultation pilots' groups and the CPPCC's committee, proposals and duty): 258 county members
 * in the profile's 12 sectors 界别, the first 133 recommended by townships (52%), the first 240
 * living in a township, spread over the townships in turn (so each has at least 10, and at least
 * 10 recommended), every third knowing something (so groups match topics); plus a provincial
 * member living in `provincialIn` (甲镇 in the pilots), a fixed member there without a county seat.
 *
 * Deterministic arithmetic, no random draws: the same townships and sectors give the same roster,
 * so two datasets generated over the same townships name the same people.
 *
 * @example
 * const roster = referenceCppccRoster({ townships, sectors: referenceProfile.cppcc.sectors, provincialIn: 'T02' });
 * roster.members.filter((m) => m.level === 'county').length; // 258
 */
export function referenceCppccRoster(options: {
  readonly townships: readonly Township[];
  readonly sectors: readonly Sector[];
  readonly provincialIn: string;
}): CppccRoster {
  const { townships, sectors } = options;
  const { countyMembers, fromTownships, livingInTownships, expertise, sectorStride, provincial } =
    PILOT_ROSTER;
  if (townships.length === 0 || sectors.length === 0) {
    throw new TypeError('the reference roster needs a township and a sector');
  }
  const members: CppccMember[] = [];
  for (let i = 0; i < countyMembers; i++) {
    const known = i % 3 === 0 ? expertise[(i / 3) % expertise.length] : undefined;
    members.push({
      id: `M${String(i + 1).padStart(3, '0')}`,
      name: `委员${i + 1}`,
      level: 'county',
      sector: sectors[(i * sectorStride) % sectors.length]!.code,
      township: i < livingInTownships ? townships[i % townships.length]!.code : null,
      origin: i < fromTownships ? 'township' : 'other',
      ...(known === undefined ? {} : { expertise: [...known] }),
    });
  }
  members.push({
    id: provincial.id,
    name: provincial.name,
    level: 'provincial',
    township: options.provincialIn,
    origin: 'other',
    expertise: [...provincial.expertise],
  });
  return { sectors, members };
}
