// Statistics per plenary meeting, sector, subject area and unit, as a CPPCC reports them, and the
// public disclosure of filed proposals without personal data.
import { proposalStatistics, publicProposals } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { afterReview, book, calendar, committee, d, members, rules } from './fixtures.js';

const stats = proposalStatistics(book, { asOf: d('2025-06-30'), rules, calendar, committee });

describe('statistics of a plenary meeting', () => {
  it('counts filing, replies, punctuality, adoption and satisfaction', () => {
    expect(stats.label.zh).toBe('十届三次会议');
    expect(stats.total).toMatchObject({
      submitted: 5,
      filed: 3,
      merged: 1,
      notFiled: 1,
      underReview: 0,
      filingRate: { count: 4, of: 5, rate: 0.8 },
      assigned: 3,
      replyRate: { count: 3, of: 3, rate: 1 },
      // P1 and P2's first replies on time; P2's second and P4's late.
      onTimeRate: { count: 2, of: 4, rate: 0.5 },
      adoptionRate: { count: 3, of: 3, rate: 1 },
      // P1 satisfied, P4 basically satisfied, P2 not satisfied after its second handling.
      satisfactionRate: { count: 2, of: 3 },
      categories: { resolved: 1, being_resolved: 2, planned: 0, for_reference: 0 },
      ratings: { satisfied: 1, basically_satisfied: 1, not_satisfied: 1, unrated: 0 },
      secondHandling: 1,
      keyProposals: 1,
      closed: 3,
    });
  });

  it('reports per lead unit, with co-units’ punctuality', () => {
    const unit = (code: string) => stats.byUnit.find((u) => u.unit === code)!;
    expect(stats.byUnit.map((u) => u.unit)).toEqual([
      'agriculture',
      'ecology_environment',
      'finance',
      'housing',
      'natural_resources',
      'transport',
    ]);
    expect(unit('housing')).toMatchObject({
      assigned: 1,
      onTimeRate: { rate: 1 },
      satisfactionRate: { rate: 1 },
    });
    expect(unit('transport')).toMatchObject({
      onTimeRate: { count: 1, of: 2 },
      satisfactionRate: { count: 0, of: 1 },
    });
    expect(unit('agriculture')).toMatchObject({ onTimeRate: { count: 0, of: 1 } });
    expect(unit('natural_resources').coUnit).toEqual({
      proposals: 1,
      onTimeRate: { count: 0, of: 1, rate: 0 },
    });
    expect(unit('finance').coUnit.onTimeRate).toEqual({ count: 1, of: 1, rate: 1 });
    expect(unit('ecology_environment').assigned).toBe(0);
  });

  it('reports per sector (the member’s, the joint lead’s, or the sector that proposed) and per subject area', () => {
    const sector = (code: string) => stats.bySector.find((s) => s.code === code)!;
    expect(stats.bySector).toHaveLength(12);
    expect(sector('economy')).toMatchObject({ submitted: 1, filed: 1 }); // P1 by M07
    expect(sector('agriculture')).toMatchObject({ submitted: 3, filed: 2, merged: 1 }); // P2 (M08), P3 (M09), P4
    expect(sector('medicine_health')).toMatchObject({ submitted: 1, notFiled: 1, filingRate: { rate: 0 } });
    expect(sector('cpc').submitted).toBe(0);
    expect(sector('cpc').onTimeRate.rate).toBeNull();
    expect(stats.bySubjectArea.find((a) => a.code === 'urban_rural')).toMatchObject({ submitted: 2 });
    expect(stats.byProposerKind.map((k) => [k.code, k.submitted])).toEqual([
      ['member', 3],
      ['joint', 1],
      ['sector', 1],
      ['special_committee', 0],
      ['liaison_group', 0],
    ]);
  });

  it('lists key proposals and every finding', () => {
    expect(stats.keyProposals).toEqual([
      { proposal: 'P1', number: 1, supervisor: 'M02', supervisionRecords: 1, status: 'closed' },
    ]);
    expect(stats.findings.map((f) => f.code)).toEqual([
      'CPPCC_REPLY_LATE',
      'CPPCC_REPLY_LATE',
      'CPPCC_CO_OPINION_OVERDUE',
    ]);
  });

  it('counts replies still owed as not on time once their day has passed', () => {
    const early = proposalStatistics(afterReview, { asOf: d('2025-06-30'), rules, calendar, committee });
    expect(early.total.onTimeRate).toEqual({ count: 0, of: 0, rate: null });
  });
});

describe('public disclosure of filed proposals and replies', () => {
  const shown = publicProposals(book, { rules, committee });

  it('shows filed proposals only, by number, with their replies and ratings', () => {
    expect(shown.map((p) => [p.number, p.citation?.zh, p.status.zh])).toEqual([
      [1, '十届三次会议第1号', '已办结'],
      [2, '十届三次会议第2号', '已办结'],
      [3, '十届三次会议第3号', '已办结'],
    ]);
    expect(shown[0]).toMatchObject({
      mergedProposals: 1,
      proposerKind: { kind: 'member', signers: 1 },
      proposerBody: null,
      units: { lead: 'housing', coUnits: ['ecology_environment'] },
      keyProposal: { key: true, supervisionRecords: 1 },
    });
    expect(shown[1]?.replies?.map((r) => [r.round, r.categoryName.zh, r.late])).toEqual([
      [1, '列入计划', false],
      [2, '正在解决', true],
    ]);
    expect(shown[2]?.proposerBody).toEqual({ zh: '农业和农村', en: 'Agriculture and rural affairs' });
  });

  it('holds no personal data: no member’s id or name, no actor, no rating reason; numbers masked', () => {
    const text = JSON.stringify(shown);
    for (const m of members) {
      expect(text).not.toContain(`"${m.id}"`);
      expect(text).not.toContain(m.name);
    }
    expect(text).not.toContain('未明确建设时间表');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('138****5678');
    expect(text).not.toMatch(/"by"|"supervisor"|"proposer"/);
  });

  it('shows only the parts the profile lists', () => {
    const terse = publicProposals(book, {
      rules: { ...rules, proposals: { ...rules.proposals, publicFields: ['number', 'title'] } },
      committee,
    });
    expect(Object.keys(terse[0]!).sort()).toEqual([
      'citation',
      'filedOn',
      'mergedProposals',
      'number',
      'status',
      'title',
    ]);
  });
});
