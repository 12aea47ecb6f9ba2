import { provenanceOf, referenceProfile, safeDefineRuleProfile } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const define = (grid: object) =>
  safeDefineRuleProfile({ id: 'county', version: '1', effectiveFrom: '2026-01-01', grid } as never);

describe('the grid section of the rule profile', () => {
  it('has the fields grid management reads, each with its provenance', () => {
    const g = referenceProfile.grid;
    expect(g.escalationLevels).toEqual(['grid', 'community', 'street']);
    expect(g.functionalGroupMembers).toEqual({ min: 3, max: 50 });
    expect(g.jointMeetings).toEqual({ street: 'quarterly', community: 'monthly' });
    expect(provenanceOf(referenceProfile, 'grid.escalationLevels')?.source).toBe('common_practice');
    expect(provenanceOf(referenceProfile, 'grid.functionalGroupMembers.max')?.source).toBe('common_practice');
    expect(provenanceOf(referenceProfile, 'grid.workersPerGrid')?.source).toBe('seed');
  });

  it('accepts a shorter escalation chain and refuses one out of order', () => {
    expect(define({ escalationLevels: ['grid', 'community'] }).ok).toBe(true);
    for (const levels of [['community', 'street'], ['grid', 'street', 'community'], ['grid', 'grid'], []]) {
      const r = define({ escalationLevels: levels });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues[0]?.path).toEqual(['grid', 'escalationLevels']);
      expect(['PROFILE_RULE_VIOLATION', 'PROFILE_OUT_OF_RANGE']).toContain(r.issues[0]?.code);
    }
    const r = define({ escalationLevels: ['community'] });
    expect(!r.ok && r.issues[0]?.message.zh).toContain('须从 grid（网格）开始');
  });

  it('refuses functional group sizes out of order', () => {
    const r = define({ functionalGroupMembers: { min: 60 } });
    expect(!r.ok && r.issues[0]).toMatchObject({
      code: 'PROFILE_RULE_VIOLATION',
      path: ['grid', 'functionalGroupMembers'],
    });
  });
});
