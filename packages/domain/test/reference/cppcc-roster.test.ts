// The reference county has one CPPCC roster: the consultation pilots' groups and the CPPCC's
// committee, proposals and duty name the same people, with the seed's figures.

import { committeeSummary, parseLocalDate, referenceProfile, type Township, unwrap } from '@jiceng/domain';
import { consultationPilots, generateReferenceCppccDataset } from '@jiceng/domain/reference';
import { describe, expect, it } from 'vitest';

const townships: readonly Township[] = [
  { code: 'gang', name: '岗乡' },
  { code: 'town_a', name: '甲镇' },
  { code: 'town_b', name: '乙镇' },
  ...['丙镇', '丁镇', '戊镇', '己镇', '庚镇', '辛镇', '壬镇'].map((name, i) => ({
    code: `town_${i + 4}`,
    name,
  })),
];
const villages = Array.from({ length: 22 }, (_, i) => ({
  code: `gang_v${String(i + 1).padStart(2, '0')}`,
  name: `第${i + 1}村`,
  township: 'gang',
}));
const pilots = consultationPilots({
  townships,
  pilots: { gang: 'gang', townA: 'town_a', townB: 'town_b' },
  villages,
  now: unwrap(parseLocalDate('2026-11-27')),
});
const cppcc = generateReferenceCppccDataset(referenceProfile, { townships });
const standalone = generateReferenceCppccDataset(referenceProfile);

describe('the reference county’s one CPPCC roster', () => {
  it('is the same roster in the consultation pilots and the CPPCC dataset over the same townships', () => {
    expect(cppcc.committee.roster).toEqual(pilots.roster);
    expect(cppcc.pilotTownship).toBe('gang');
  });

  it.each([
    ['the county’s ten townships', cppcc],
    ['the CPPCC dataset’s own twelve', standalone],
  ])('has the seed’s figures over %s', (_, data) => {
    const summary = committeeSummary(data.committee, referenceProfile);
    expect(summary).toMatchObject({
      sectors: 12,
      members: 258,
      chair: 1,
      viceChairs: 5,
      secretaryGeneral: 1,
      standingMembers: 38,
      residentStandingMembers: 12,
      specialCommittees: 8,
      townshipRecommended: 133,
    });
    expect(Math.round(summary.townshipRecommendedShare * 100)).toBe(52);
    const county = data.committee.roster.members.filter((m) => m.level === 'county');
    // Every member in one of the profile's sectors, every sector held.
    const sectors = new Set(referenceProfile.cppcc.sectors.map((s) => s.code));
    expect(county.every((m) => sectors.has(m.sector!))).toBe(true);
    expect(new Set(county.map((m) => m.sector)).size).toBe(12);
    // At least 10 members per township, and at least 10 of them recommended by it.
    for (const t of data.committee.townships) {
      const living = county.filter((m) => m.township === t.code);
      expect(living.length, t.code).toBeGreaterThanOrEqual(10);
      expect(living.filter((m) => m.origin === 'township').length, t.code).toBeGreaterThanOrEqual(10);
    }
    // The posts and the special committees' seats are held by members of this roster.
    const ids = new Set(county.map((m) => m.id));
    const posts = [data.committee.chair, ...data.committee.viceChairs, data.committee.secretaryGeneral];
    expect(posts.every((p) => ids.has(p))).toBe(true);
    expect(data.committee.standingMembers.every((s) => ids.has(s.member))).toBe(true);
    expect(new Set(data.committee.committeeSeats.map((s) => s.committee)).size).toBe(8);
  });
});
