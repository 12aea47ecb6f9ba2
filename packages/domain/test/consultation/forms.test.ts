import {
  canAddThematicTopic,
  canIssue,
  checkTopicForm,
  isRequiredRoutineItem,
  type Topic,
  thematicTopicsOf,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { committeeLed, d, refused, rules, scriptTo, started, TOWN_A, TOWN_B } from './fixtures.js';

describe('routine consultation 例行协商: consulted before issue', () => {
  it('lists the seed’s four kinds as required', () => {
    for (const kind of [
      'party_congress_report',
      'peoples_congress_report',
      'annual_key_work_plan',
      'important_decision',
    ]) {
      expect(isRequiredRoutineItem(kind, rules)).toBe(true);
    }
    expect(isRequiredRoutineItem('office_notice', rules)).toBe(false);
  });

  const decision = {
    id: 'R-1',
    township: TOWN_A,
    itemKind: 'party_congress_report',
    title: '甲镇党代会工作报告',
  };
  const origination = committeeLed(
    'A-R-1',
    TOWN_A,
    {
      title: '党代会工作报告（征求意见稿）',
      form: { kind: 'routine', itemKind: 'party_congress_report', decisionId: 'R-1' },
    },
    d('2026-01-04'),
  );

  it('refuses an unconsulted required item (CONSULTATION_ROUTINE_NOT_CONSULTED)', () => {
    const found = refused(
      canIssue(decision, { rules, consultations: [], on: d('2026-01-20') }),
      'CONSULTATION_ROUTINE_NOT_CONSULTED',
    );
    expect(found.message.zh).toContain('出台前必须交协商小组协商');
    expect(found.details).toEqual({ decisionId: 'R-1', itemKind: 'party_congress_report', on: '2026-01-20' });
  });

  it('refuses while the routine consultation has not held its meeting (CONSULTATION_ROUTINE_MEETING_PENDING)', () => {
    const research = scriptTo(started('C-R-1', origination, d('2026-01-05')), 'research', d('2026-01-06'));
    const found = refused(
      canIssue(decision, { rules, consultations: [research], on: d('2026-01-20') }),
      'CONSULTATION_ROUTINE_MEETING_PENDING',
    );
    expect(found.details?.['consultations']).toEqual([{ id: 'C-R-1', status: 'research' }]);
  });

  it('clears the item once the meeting was held on or before the issue day, not after', () => {
    const met = scriptTo(started('C-R-1', origination, d('2026-01-05')), 'report', d('2026-01-06'));
    const heldOn = met.meeting!.heldOn;
    expect(unwrap(canIssue(decision, { rules, consultations: [met], on: heldOn }))).toEqual({
      required: true,
      consultationId: 'C-R-1',
      meetingOn: heldOn,
    });
    refused(
      canIssue(decision, { rules, consultations: [met], on: d('2026-01-06') }),
      'CONSULTATION_ROUTINE_MEETING_PENDING',
    );
  });

  it('lets items of other kinds through, and a consultation of another decision does not count', () => {
    expect(
      unwrap(
        canIssue(
          { ...decision, itemKind: 'office_notice' },
          { rules, consultations: [], on: d('2026-01-20') },
        ),
      ),
    ).toEqual({
      required: false,
      consultationId: null,
      meetingOn: null,
    });
    const met = scriptTo(started('C-R-1', origination, d('2026-01-05')), 'report', d('2026-01-06'));
    refused(
      canIssue({ ...decision, id: 'R-2' }, { rules, consultations: [met], on: d('2026-03-01') }),
      'CONSULTATION_ROUTINE_NOT_CONSULTED',
    );
  });
});

describe('thematic consultation 专题协商: 1–2 topics per liaison group per year, kinds from the seed', () => {
  const topic = (
    id: string,
    township: string,
    year: number,
    kind: 'thematic' | 'routine' = 'thematic',
  ): Topic => ({
    id,
    township,
    year,
    establishedOn: d(`${year}-03-01`),
    title: id,
    form:
      kind === 'thematic'
        ? { kind, topicKind: 'key_work' }
        : { kind, itemKind: 'important_decision', decisionId: id },
  });

  it('knows the seed’s four topic kinds', () => {
    expect(rules.thematic.topicKinds.map((k) => k.code)).toEqual([
      'key_work',
      'historical_problem',
      'public_concern',
      'referred_matter',
    ]);
    expect(
      checkTopicForm({ title: 't', form: { kind: 'thematic', topicKind: 'historical_problem' } }, rules),
    ).toEqual([]);
    const [unknown] = checkTopicForm({ title: 't', form: { kind: 'thematic', topicKind: 'gossip' } }, rules);
    expect(unknown?.code).toBe('CONSULTATION_THEMATIC_UNKNOWN_KIND');
    expect(unknown?.message.en).toContain('"gossip"');
  });

  it('allows a second topic and refuses a third in the same year (CONSULTATION_THEMATIC_LIMIT_REACHED)', () => {
    const established = [
      topic('A1', TOWN_A, 2026),
      topic('B1', TOWN_B, 2026),
      topic('A0', TOWN_A, 2025),
      topic('AR', TOWN_A, 2026, 'routine'),
    ];
    expect(thematicTopicsOf(established, TOWN_A, 2026).map((t) => t.id)).toEqual(['A1']);
    expect(unwrap(canAddThematicTopic(established, TOWN_A, 2026, rules))).toEqual({ count: 1, max: 2 });
    const found = refused(
      canAddThematicTopic([...established, topic('A2', TOWN_A, 2026)], TOWN_A, 2026, rules),
      'CONSULTATION_THEMATIC_LIMIT_REACHED',
    );
    expect(found.details).toMatchObject({ count: 2, max: 2, topics: ['A1', 'A2'] });
  });
});
