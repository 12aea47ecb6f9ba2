// The `cppcc` section of the rule profile: the reference values, their provenance, the checks, and a
// county changing its rules without code.
import { provenanceOf, referenceProfile, safeDefineRuleProfile } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const define = (changes: object) =>
  safeDefineRuleProfile({ id: 'county', version: '1', effectiveFrom: '2025-01-01', ...changes });
const problems = (changes: object) => {
  const r = define(changes);
  return r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')]);
};

describe('the reference county’s cppcc rules', () => {
  const c = referenceProfile.cppcc;

  it('lists the seed’s 12 sectors and 8 special committees, marked as seed figures', () => {
    expect(c.sectors).toHaveLength(12);
    expect(c.specialCommittees).toHaveLength(8);
    expect(c.specialCommittees[0]?.name.zh).toBe('提案委员会');
    expect(provenanceOf(referenceProfile, 'cppcc.sectors')?.source).toBe('seed');
    expect(provenanceOf(referenceProfile, 'cppcc.specialCommittees')?.source).toBe('seed');
    expect(provenanceOf(referenceProfile, 'cppcc.proposals.deadlines.lead')?.source).toBe('common_practice');
    expect(provenanceOf(referenceProfile, 'cppcc.duty.items')?.source).toBe('common_practice');
  });

  it('handles proposals in three months, reassigns once within five working days, hands back once', () => {
    expect(c.proposals.deadlines.lead).toEqual({ unit: 'months', count: 3 });
    expect(c.proposals.reassignment).toEqual({
      maxRequestsPerUnit: 1,
      withinWorkingDays: 5,
      restartDeadline: true,
    });
    expect(c.proposals.secondHandlingRounds).toBe(1);
  });

  it('scores duty from items with sector categories and a minimum, deriving records from sources', () => {
    expect(c.duty.items.map((i) => i.code)).toContain('social_report_instructed');
    expect(c.duty.minimumScore).toBe(15);
    expect(c.duty.derived.plenary).toEqual({
      attended: 'plenary_attendance',
      on_leave: null,
      absent: 'plenary_absence',
    });
  });
});

describe('checks of the cppcc section', () => {
  it('keeps the sectors listed and counted in step', () => {
    expect(problems({ consultation: { liaisonGroup: { sectorCount: 11 } } })).toEqual([
      ['PROFILE_RULE_VIOLATION', 'cppcc.sectors'],
    ]);
  });

  it('refuses a duty item for a sector that does not exist, and a derived item the system may not record', () => {
    expect(problems({ cppcc: { duty: { items: [{ code: 'speech', categories: ['astronomy'] }] } } })).toEqual(
      [['PROFILE_UNKNOWN_REFERENCE', 'cppcc.duty.items.0.categories.0']],
    );
    expect(problems({ cppcc: { duty: { derived: { proposalLead: 'speech' } } } })).toEqual([
      ['PROFILE_RULE_VIOLATION', 'cppcc.duty.derived.proposalLead'],
    ]);
    expect(problems({ cppcc: { duty: { derived: { standing: { absent: 'nap' } } } } })).toEqual([
      ['PROFILE_UNKNOWN_REFERENCE', 'cppcc.duty.derived.standing.absent'],
    ]);
  });

  it('refuses impossible joint proposals and required village participants that are not allowed', () => {
    expect(problems({ cppcc: { proposals: { jointMembers: { min: 5, max: 3 } } } })).toEqual([
      ['PROFILE_RULE_VIOLATION', 'cppcc.proposals.jointMembers'],
    ]);
    expect(problems({ cppcc: { village: { participantKinds: ['villager_representative'] } } })).toEqual([
      ['PROFILE_RULE_VIOLATION', 'cppcc.village.requiredKinds.1'],
    ]);
  });
});

describe('another county changes its rules without code', () => {
  it('answers within 60 working days, lets units ask twice, drops the joint proposal credit', () => {
    const county = define({
      cppcc: {
        proposals: {
          deadlines: { lead: { unit: 'working_days', count: 60 } },
          reassignment: { maxRequestsPerUnit: 2 },
        },
        duty: { derived: { proposalJoint: null }, minimumScore: 25 },
      },
    });
    expect(county.ok).toBe(true);
    if (!county.ok) return;
    expect(county.value.cppcc.proposals.deadlines.lead).toEqual({ unit: 'working_days', count: 60 });
    expect(county.value.cppcc.proposals.reassignment.withinWorkingDays).toBe(5);
    expect(county.value.cppcc.duty.derived.proposalJoint).toBeNull();
    expect(provenanceOf(county.value, 'cppcc.duty.minimumScore')?.source).toBe('county');
  });
});
