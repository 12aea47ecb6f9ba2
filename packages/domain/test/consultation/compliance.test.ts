import {
  complianceReport,
  EMPTY_MINUTES_REGISTER,
  fileMinutes,
  type MinutesRegister,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import {
  bodiesOf,
  candidatesOf,
  committeeLed,
  d,
  GANG,
  gangVillages,
  liaisonGroupLed,
  liaisonGroupOf,
  rules,
  scriptTo,
  started,
} from './fixtures.js';

const thematic = (title: string) =>
  ({ title, form: { kind: 'thematic', topicKind: 'key_work' }, tags: ['planning'] }) as const;

function minutesFor(villageCount: number): MinutesRegister {
  let register = EMPTY_MINUTES_REGISTER;
  gangVillages.slice(0, villageCount).forEach((v, i) => {
    register = unwrap(
      fileMinutes(
        register,
        { id: `GX-${i}`, village: v.code, meetingOn: d('2026-04-01'), topic: '村事民定' },
        { villages: gangVillages, by: bodiesOf(GANG).villageCommittee, on: d('2026-04-05'), rules },
      ),
    );
  });
  return register;
}

describe('compliance report per township and year', () => {
  // 岗乡: 十三五规划编制 and 乡村旅游规划 consulted; a routine item consulted before issue.
  const plan = committeeLed('G-1', GANG, thematic('十三五规划编制'), d('2026-02-01'));
  const tourism = liaisonGroupLed('G-2', GANG, thematic('乡村旅游规划制定'), d('2026-03-01'), [plan.topic!]);
  const routine = committeeLed(
    'G-R',
    GANG,
    {
      title: '乡人代会工作报告',
      form: { kind: 'routine', itemKind: 'peoples_congress_report', decisionId: 'G-dec-1' },
    },
    d('2026-01-03'),
  );
  const consultations = [
    scriptTo(started('C-G-1', plan, d('2026-02-02'), candidatesOf(GANG)), 'completed', d('2026-02-03')),
    scriptTo(started('C-G-2', tourism, d('2026-03-20'), candidatesOf(GANG)), 'completed', d('2026-03-21')),
    scriptTo(started('C-G-R', routine, d('2026-01-04'), candidatesOf(GANG)), 'completed', d('2026-01-05')),
  ];
  const decisions = [
    {
      decision: {
        id: 'G-dec-1',
        township: GANG,
        itemKind: 'peoples_congress_report',
        title: '乡人代会工作报告',
      },
      issuedOn: d('2026-01-25'),
    },
    {
      decision: { id: 'G-dec-2', township: GANG, itemKind: 'office_notice', title: '办公通知' },
      issuedOn: d('2026-02-25'),
    },
  ];

  it('passes when every check holds', () => {
    const report = complianceReport({
      township: GANG,
      year: 2026,
      rules,
      liaisonGroup: liaisonGroupOf(GANG, '岗乡'),
      members: 21,
      consultations,
      decisions,
      minutes: minutesFor(22),
      villages: gangVillages,
    });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.thematic).toMatchObject({ count: 2, min: 1, max: 2, ok: true });
    expect(report.thematic.topics.map((t) => t.title)).toEqual(['十三五规划编制', '乡村旅游规划制定']);
    expect(report.routine).toMatchObject({ required: 1, consultedBeforeIssue: 1, ok: true });
    expect(report.groups.consultations.map((g) => g.composition.size)).toEqual([20, 20, 20]);
    expect(report.fiveHaves.ok).toBe(true);
    expect(report.members).toEqual({ count: 21, min: 10, ok: true });
    expect(report.minutes).toMatchObject({ filed: 22, late: 0, ok: true });
    expect(report.reports.every((r) => !r.late)).toBe(true);
  });

  it('finds every shortfall, each with its code', () => {
    const smallGroup = {
      ...consultations[0]!,
      group: { ...consultations[0]!.group, members: consultations[0]!.group.members.slice(0, 14) },
    };
    const group = liaisonGroupOf(GANG, '岗乡');
    const report = complianceReport({
      township: GANG,
      year: 2026,
      rules,
      liaisonGroup: { ...group, evidence: { ...group.evidence, funding: [] } },
      members: 8,
      consultations: [smallGroup],
      decisions: [
        {
          decision: { id: 'G-dec-9', township: GANG, itemKind: 'important_decision', title: '集镇改造' },
          issuedOn: d('2026-05-01'),
        },
      ],
      minutes: minutesFor(20),
      villages: gangVillages,
    });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.code)).toEqual([
      'CONSULTATION_ROUTINE_NOT_CONSULTED',
      'CONSULTATION_GROUP_TOO_SMALL',
      'CONSULTATION_FIVE_HAVE_MISSING',
      'CONSULTATION_TOWNSHIP_TOO_FEW_MEMBERS',
      'CONSULTATION_MINUTES_NOT_FILED',
    ]);
    expect(report.minutes.villages.filter((v) => !v.ok).map((v) => v.name)).toEqual(['第1社区', '第2社区']);
    for (const f of report.findings) {
      expect(f.message.zh).toMatch(/\p{Script=Han}/u);
      expect(f.message.en).toMatch(/[a-z]{3}/);
    }
  });

  it('flags no thematic consultation, too many, no liaison group, late filings and late reports', () => {
    const none = complianceReport({
      township: GANG,
      year: 2027,
      rules,
      liaisonGroup: null,
      consultations,
      decisions: [],
      minutes: EMPTY_MINUTES_REGISTER,
      villages: [],
    });
    expect(none.findings.map((f) => f.code)).toEqual([
      'CONSULTATION_THEMATIC_TOO_FEW',
      'CONSULTATION_LIAISON_GROUP_MISSING',
    ]);
    expect(none.members).toBeNull();

    const third = committeeLed('G-3', GANG, thematic('农田水利建设'), d('2026-06-01'));
    const stuck = scriptTo(
      started('C-G-3', third, d('2026-06-02'), candidatesOf(GANG)),
      'report',
      d('2026-06-03'),
    );
    let late = EMPTY_MINUTES_REGISTER;
    late = unwrap(
      fileMinutes(
        late,
        { id: 'L1', village: gangVillages[0]!.code, meetingOn: d('2026-03-01'), topic: '村事民定' },
        { villages: gangVillages, by: bodiesOf(GANG).villageCommittee, on: d('2026-05-01'), rules },
      ),
    );
    const many = complianceReport({
      township: GANG,
      year: 2026,
      rules: { ...rules, filing: { ...rules.filing, minPerVillagePerYear: 0 } },
      liaisonGroup: liaisonGroupOf(GANG, '岗乡'),
      consultations: [...consultations, stuck],
      decisions: [],
      minutes: late,
      villages: gangVillages,
      asOf: d('2026-12-31'),
    });
    expect(many.findings.map((f) => f.code)).toEqual([
      'CONSULTATION_THEMATIC_TOO_MANY',
      'CONSULTATION_FILING_LATE',
      'CONSULTATION_REPORT_LATE',
    ]);
    expect(many.reports.find((r) => r.consultationId === 'C-G-3')).toMatchObject({
      reportedOn: null,
      late: true,
    });
  });
});
