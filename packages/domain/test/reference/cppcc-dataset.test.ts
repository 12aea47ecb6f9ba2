// The reference county CPPCC reproduces the seed's figures from plain, deterministic data.

import {
  checkCommittee,
  checkCoverage,
  checkRollCall,
  dutyYear,
  filingCounts,
  fiveHavesChecklist,
  proposalStatistics,
  publicProposals,
  referenceProfile,
  unwrap,
  workingCalendarOf,
} from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import { describe, expect, it } from 'vitest';

const data = generateReferenceCppccDataset(referenceProfile);

describe('the reference county CPPCC (seeds 1–2)', () => {
  it('has the seed’s committee: 12 sectors, 258 members, the posts, 38 standing (12 resident), 8 committees, 133 from townships', () => {
    expect(data.summary).toMatchObject({
      term: 10,
      sectors: 12,
      members: 258,
      chair: 1,
      viceChairs: 5,
      secretaryGeneral: 1,
      standingMembers: 38,
      residentStandingMembers: 12,
      specialCommittees: 8,
      townshipRecommended: 133,
      townships: 12,
      liaisonGroups: 12,
    });
    expect(Math.round(data.summary.townshipRecommendedShare * 100)).toBe(52);
  });

  it('passes every check of the reference profile: sectors, posts, at least 10 members per township', () => {
    const check = checkCommittee(data.committee, referenceProfile);
    expect(check.issues).toEqual([]);
    expect(check.allocation.issues).toEqual([]);
    expect(Math.min(...check.allocation.byTownship.map((t) => t.members))).toBeGreaterThanOrEqual(10);
    expect(checkCoverage(data.committee.townships, data.liaisonGroups).missing).toEqual([]);
    for (const group of data.liaisonGroups)
      expect(fiveHavesChecklist(group, referenceProfile.consultation, 2025).complete).toBe(true);
  });

  it('has the pilot township’s 22 villages and the 54 minutes they filed by the end of 2025', () => {
    expect(data.villages).toHaveLength(22);
    const [pilot] = filingCounts(data.minutes, data.villages, { filedTo: '2025-12-31' as never });
    expect(pilot).toMatchObject({ township: data.pilotTownship, total: 54, late: 0 });
    expect(Math.min(...pilot!.villages.map((v) => v.count))).toBeGreaterThanOrEqual(1);
    expect(data.villageConsultations.every((c) => c.status === 'completed')).toBe(true);
    expect(data.summary).toMatchObject({ pilotVillages: 22, filedMinutes: 54 });
  });

  it('runs 十届三次会议’s proposals through their handling', () => {
    const stats = proposalStatistics(data.proposals, {
      asOf: data.asOf,
      rules: referenceProfile.cppcc,
      calendar: workingCalendarOf(referenceProfile),
      committee: data.committee,
    });
    expect(stats.label.zh).toBe('十届三次会议');
    expect(stats.total).toMatchObject({
      submitted: 160,
      filed: 135,
      merged: 8,
      notFiled: 17,
      closed: 135,
      keyProposals: 8,
    });
    expect(stats.total.replyRate.rate).toBe(1);
    expect(stats.total.onTimeRate.rate).toBeGreaterThan(0.9);
    expect(stats.total.secondHandling).toBeGreaterThan(0);
    expect(
      publicProposals(data.proposals, { rules: referenceProfile.cppcc, committee: data.committee }),
    ).toHaveLength(135);
  });

  it('keeps roll calls and a duty ledger the rules accept, scored and ranked per sector', () => {
    for (const call of data.rollCalls) expect(checkRollCall(call, data.committee).ok).toBe(true);
    expect(data.rollCalls.map((c) => [c.kind, c.entries.length])).toEqual([
      ['plenary', 258],
      ['standing', 45],
      ['standing', 45],
      ['standing', 45],
      ['standing', 45],
    ]);
    const year = unwrap(
      dutyYear(data.dutyLedger, 2025, { rules: referenceProfile, committee: data.committee }),
    );
    expect(year.members).toHaveLength(258);
    expect(year.sectors.map((s) => s.members).reduce((a, b) => a + b, 0)).toBe(258);
    expect(year.findings.length).toBeGreaterThan(0);
    expect(year.findings.length).toBeLessThan(258 * 0.2);
  });

  it('is plain data, the same for the same seed and different for another', () => {
    const again = generateReferenceCppccDataset(referenceProfile);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    expect(JSON.parse(JSON.stringify(data.committee))).toEqual(data.committee);
    const other = generateReferenceCppccDataset(referenceProfile, { seed: 2 });
    expect(other.summary).toMatchObject({ members: 258, townshipRecommended: 133, filedMinutes: 54 });
    // The people are the county's, whatever the seed; what they do is drawn from it.
    expect(other.committee.roster).toEqual(data.committee.roster);
    expect(other.committee.standingMembers).not.toEqual(data.committee.standingMembers);
    expect(other.dutyLedger).not.toEqual(data.dutyLedger);
  });
});
