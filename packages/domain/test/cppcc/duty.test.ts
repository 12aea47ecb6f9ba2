// Members' duty 履职: records by the office and liaison groups, records derived from proposals and
// roll calls (a corrected source gives a reversal), the annual score by the points engine, the
// ranking per sector and the year-end review list.
import {
  appendDuty,
  checkRollCall,
  createProfileCatalog,
  type DutyLedger,
  type DutyLedgerInput,
  deriveDutyRecords,
  dutyRecords,
  dutyYear,
  EMPTY_DUTY_LEDGER,
  expectedAttendees,
  explainDuty,
  type RollCall,
  reconcileDutyRecords,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { book, codes, committee, d, profile } from './fixtures.js';

const context = { rules: profile, committee };
/** The reference county's history: its first version takes effect on 2025-01-01. */
const history = { rules: unwrap(createProfileCatalog([])).history('reference')!, committee };
const office = { role: 'office', id: 'office' } as const;
const liaisonT2 = { role: 'liaison_group', id: 'T2' } as const;

function ledgerOf(inputs: readonly DutyLedgerInput[], from: DutyLedger = EMPTY_DUTY_LEDGER): DutyLedger {
  return inputs.reduce((l, input) => unwrap(appendDuty(l, input, context)).ledger, from);
}

function record(
  key: string,
  member: string,
  item: string,
  date: string,
  extra: Partial<DutyLedgerInput> = {},
) {
  return {
    type: 'record',
    key,
    member,
    item,
    date: d(date),
    by: office,
    on: d(date),
    ...extra,
  } as DutyLedgerInput;
}

const written: readonly DutyLedgerInput[] = [
  record('o1', 'M07', 'speech', '2025-01-09', { on: d('2025-01-11') }),
  record('o2', 'M07', 'social_report', '2025-02-15'),
  record('o3', 'M07', 'social_report', '2025-03-20'),
  record('o4', 'M07', 'social_report_adopted', '2025-03-30', { evidence: ['县委办信息采用通知 2025-12'] }),
  record('o5', 'M07', 'inspection_survey', '2025-06-10', { quantity: 7 }),
  record('lg1', 'M07', 'consultation_activity', '2025-04-15', { quantity: 1, by: liaisonT2 }),
];

const rollCall: RollCall = {
  id: 'plenary-10-3',
  kind: 'plenary',
  meetingOn: d('2025-01-08'),
  title: '政协第十届委员会第三次会议',
  entries: expectedAttendees(committee, 'plenary', d('2025-01-08')).map((member) =>
    member === 'M08'
      ? { member, status: 'on_leave', reason: '因公出差' }
      : { member, status: member === 'M10' ? 'absent' : 'attended' },
  ),
};

const derivation = deriveDutyRecords({ proposals: book.proposals, rollCalls: [rollCall] }, context);
const ledger = unwrap(
  reconcileDutyRecords(ledgerOf(written), derivation, { ...context, on: d('2025-01-31') }),
).ledger;

describe('roll calls', () => {
  it('expects every member who had joined at a plenary meeting, the standing committee at its meetings', () => {
    expect(expectedAttendees(committee, 'plenary', d('2025-01-08'))).not.toContain('M16');
    expect(expectedAttendees(committee, 'plenary', d('2025-06-01'))).toContain('M16');
    expect(expectedAttendees(committee, 'standing', d('2025-03-27'))).toEqual([
      'M01',
      'M02',
      'M03',
      'M04',
      'M05',
      'M06',
    ]);
    expect(checkRollCall(rollCall, committee).ok).toBe(true);
  });

  it('refuses a roll call missing someone, listing someone twice or someone not expected', () => {
    const standing = (entries: RollCall['entries']) => {
      const r = checkRollCall({ ...rollCall, kind: 'standing', entries }, committee);
      return r.ok ? [] : codes(r.issues);
    };
    const all = expectedAttendees(committee, 'standing', d('2025-01-08')).map((member) => ({
      member,
      status: 'attended' as const,
    }));
    expect(standing(all.slice(1))).toEqual(['CPPCC_ATTENDANCE_MISSING']);
    expect(standing([...all, { member: 'M07', status: 'attended' }])).toEqual([
      'CPPCC_ATTENDANCE_NOT_EXPECTED',
    ]);
    expect(standing([...all, all[0]!])).toEqual(['CPPCC_DUPLICATE_ID']);
    expect(standing([...all, { member: 'P01', status: 'attended' }])).toEqual(['CPPCC_UNKNOWN_MEMBER']);
    const early = checkRollCall(
      { ...rollCall, entries: [...rollCall.entries, { member: 'M16', status: 'attended' }] },
      committee,
    );
    expect(early.ok ? [] : codes(early.issues)).toEqual(['CPPCC_ATTENDANCE_NOT_EXPECTED']);
  });

  it('grants leave for a reason only: on leave without one is refused at its line', () => {
    const entries = rollCall.entries.map((e) =>
      e.member === 'M08' ? { member: 'M08', status: 'on_leave' as const, reason: ' ' } : e,
    );
    const r = checkRollCall({ ...rollCall, entries }, committee);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
      ['CPPCC_REASON_REQUIRED', ['entries', entries.findIndex((e) => e.member === 'M08'), 'reason']],
    ]);
  });
});

describe('records derived from proposals and roll calls', () => {
  it('credits filed and merged proposals to their proposers, and presence at the plenary meeting', () => {
    const of = (member: string) =>
      derivation.records.filter((r) => r.member === member).map((r) => [r.item, r.date, r.source.kind]);
    expect(of('M07')).toEqual([
      ['proposal_lead', '2025-01-20', 'proposal'],
      ['plenary_attendance', '2025-01-08', 'roll_call'],
    ]);
    // M09 signed P2 and led P3, which was merged into P1 and counts as filed.
    expect(of('M09')).toEqual([
      ['proposal_joint', '2025-01-20', 'proposal'],
      ['proposal_lead', '2025-01-20', 'proposal'],
      ['plenary_attendance', '2025-01-08', 'roll_call'],
    ]);
    expect(of('M10')).toContainEqual(['plenary_absence', '2025-01-08', 'roll_call']);
    expect(of('M08').map(([item]) => item)).toEqual(['proposal_lead']); // on leave earns nothing
    expect(of('M11')).toEqual([['plenary_attendance', '2025-01-08', 'roll_call']]); // P5 was not filed
    expect(derivation.sources).toHaveLength(6);
  });

  it('is idempotent: reconciling the same sources again appends nothing', () => {
    const again = unwrap(reconcileDutyRecords(ledger, derivation, { ...context, on: d('2025-02-01') }));
    expect(again.appended).toEqual([]);
    expect(again.ledger).toBe(ledger);
  });

  it('reverses what a corrected roll call no longer earns and records what it now earns', () => {
    const corrected: RollCall = {
      ...rollCall,
      entries: rollCall.entries.map((e) =>
        e.member === 'M10'
          ? { ...e, status: 'on_leave' }
          : e.member === 'M08'
            ? { ...e, status: 'attended' }
            : e,
      ),
    };
    const fixed = unwrap(
      reconcileDutyRecords(ledger, deriveDutyRecords({ rollCalls: [corrected] }, context), {
        ...context,
        on: d('2025-02-03'),
      }),
    );
    expect(fixed.appended.map((e) => [e.type, e.key])).toEqual([
      ['record', 'roll_call:plenary-10-3/M08'],
      ['reversal', 'roll_call:plenary-10-3/M10:reversal'],
    ]);
    // The proposals were not among the sources, so their records stay.
    expect(dutyRecords(fixed.ledger, { member: 'M08' }).filter((r) => r.reversal === null)).toHaveLength(2);
  });

  it('restates a record whose date changed under the next revision of its key', () => {
    const moved = unwrap(
      reconcileDutyRecords(
        ledger,
        deriveDutyRecords({ rollCalls: [{ ...rollCall, meetingOn: d('2025-01-09') }] }, context),
        {
          ...context,
          on: d('2025-02-03'),
        },
      ),
    );
    const m07 = moved.appended.filter((e) => e.key.includes('/M07'));
    expect(m07.map((e) => [e.type, e.key])).toEqual([
      ['reversal', 'roll_call:plenary-10-3/M07:reversal'],
      ['record', 'roll_call:plenary-10-3/M07#2'],
    ]);
  });

  it('reverses everything a withdrawn source earned', () => {
    const withdrawn = unwrap(
      reconcileDutyRecords(
        ledger,
        deriveDutyRecords({ rollCalls: [{ ...rollCall, entries: [] }] }, context),
        {
          ...context,
          on: d('2025-02-03'),
        },
      ),
    );
    expect(withdrawn.appended.every((e) => e.type === 'reversal')).toBe(true);
    expect(withdrawn.appended).toHaveLength(11);
  });
});

describe('the duty ledger', () => {
  const refused = (input: DutyLedgerInput, on: DutyLedger = ledger) => {
    const r = appendDuty(on, input, context);
    return r.ok ? [] : codes(r.issues);
  };

  it('takes a repeat of the same entry once, and refuses the key for other content', () => {
    const again = unwrap(appendDuty(ledger, written[0]!, context));
    expect(again.appended).toBe(false);
    expect(again.ledger).toBe(ledger);
    expect(refused({ ...written[0]!, note: '改' } as DutyLedgerInput)).toEqual([
      'CPPCC_IDEMPOTENCY_CONFLICT',
    ]);
  });

  it('checks the member, the item, the recorder, the township, the sector, the evidence, the quantity and the dates', () => {
    expect(refused(record('x', 'P01', 'speech', '2025-03-01'))).toEqual(['CPPCC_UNKNOWN_MEMBER']);
    expect(refused(record('x', 'M07', 'dancing', '2025-03-01'))).toEqual(['CPPCC_DUTY_UNKNOWN_ITEM']);
    const before = appendDuty(ledger, record('x', 'M07', 'speech', '2024-03-01'), history);
    expect(before.ok ? [] : codes(before.issues)).toEqual(['CPPCC_DUTY_NO_RULES_AT_DATE']);
    expect(refused(record('x', 'M07', 'speech', '2025-03-01', { by: liaisonT2 }))).toEqual([
      'CPPCC_DUTY_RECORDER_NOT_ALLOWED',
    ]);
    expect(
      refused(record('x', 'M08', 'inspection_survey', '2025-03-01', { quantity: 1, by: liaisonT2 })),
    ).toEqual(['CPPCC_DUTY_OUTSIDE_TOWNSHIP']);
    expect(refused(record('x', 'M16', 'speech', '2025-03-01'))).toEqual(['CPPCC_DUTY_SECTOR_NOT_ELIGIBLE']);
    expect(refused(record('x', 'M07', 'social_report_adopted', '2025-03-01'))).toEqual([
      'CPPCC_DUTY_EVIDENCE_REQUIRED',
    ]);
    expect(refused(record('x', 'M07', 'inspection_survey', '2025-03-01'))).toEqual([
      'CPPCC_DUTY_INVALID_QUANTITY',
    ]);
    expect(refused(record('x', 'M07', 'inspection_survey', '2025-03-01', { quantity: 1.5 }))).toEqual([
      'CPPCC_DUTY_INVALID_QUANTITY',
    ]);
    expect(refused(record('x', 'M07', 'speech', '2025-03-01', { on: d('2025-02-28') }))).toEqual([
      'CPPCC_DUTY_DATE_AFTER_RECORDING',
    ]);
    expect(refused(record('', 'M07', 'speech', '2025-03-01'))).toEqual(['CPPCC_EMPTY_FIELD']);
  });

  it('keeps derived records to the system, and the system to its sources', () => {
    const source = { kind: 'proposal', id: 'cppcc-10-3/P1' } as const;
    expect(refused(record('x', 'M07', 'proposal_lead', '2025-03-01', { source }))).toEqual([
      'CPPCC_DUTY_SOURCE_MANAGED',
    ]);
    expect(
      refused(record('x', 'M07', 'proposal_lead', '2025-03-01', { by: { role: 'system', id: 'system' } })),
    ).toEqual(['CPPCC_DUTY_SOURCE_MANAGED']);
  });

  it('reverses a record once, with a reason, by whoever may', () => {
    const reversal = (recordKey: string, by: DutyLedgerInput['by'] = office, reason = '重复记录') =>
      ({
        type: 'reversal',
        key: `r-${recordKey}`,
        record: recordKey,
        reason,
        by,
        on: d('2025-07-01'),
      }) as DutyLedgerInput;
    const once = ledgerOf([reversal('o2')], ledger);
    expect(dutyRecords(once, { member: 'M07' }).find((r) => r.record.key === 'o2')?.reversal).toMatchObject({
      key: 'r-o2',
      reason: '重复记录',
    });
    expect(refused({ ...reversal('o2'), key: 'again' } as DutyLedgerInput, once)).toEqual([
      'CPPCC_DUTY_ALREADY_REVERSED',
    ]);
    expect(refused(reversal('nothing'))).toEqual(['CPPCC_DUTY_UNKNOWN_RECORD']);
    expect(refused(reversal('o3', office, ' '))).toEqual(['CPPCC_REASON_REQUIRED']);
    expect(refused(reversal('roll_call:plenary-10-3/M07'))).toEqual(['CPPCC_DUTY_SOURCE_MANAGED']);
    expect(refused(reversal('o3', liaisonT2))).toEqual(['CPPCC_DUTY_RECORDER_NOT_ALLOWED']);
    expect(refused(reversal('lg1', liaisonT2))).toEqual([]);
  });
});

describe('the annual duty score, by the points engine', () => {
  const year = unwrap(dutyYear(ledger, 2025, context));
  const of = (member: string) => year.members.find((m) => m.member === member)!;

  it('adds each member’s records under the profile’s points and caps', () => {
    // plenary 5 + lead proposal 5 + speech 5 + two reports 4 + adopted 3 + inspections 14 capped at 12 + consultation 2
    expect(of('M07')).toMatchObject({ sector: 'economy', total: 36, awards: 36, deductions: 0, counted: 8 });
    expect(of('M09')).toMatchObject({ total: 12, belowMinimum: true }); // plenary 5 + joint 2 + merged lead 5
    expect(of('M10')).toMatchObject({ total: -8, deductions: 10, belowMinimum: true }); // absent −10, joint 2
    expect(of('M16')).toMatchObject({ total: 0, counted: 0, belowMinimum: true });
  });

  it('ranks within each sector with the profile’s tie breakers', () => {
    const economy = year.sectors.find((s) => s.sector === 'economy')!;
    expect(economy.ranking.map((r) => [r.member, r.rank, r.total, r.tie?.decidedBy])).toEqual([
      ['M07', 1, 36, undefined],
      ['M03', 2, 5, undefined],
      ['M06', 3, 5, 'member_code_asc'],
    ]);
    expect(economy).toMatchObject({ members: 3, average: 15.33, belowMinimum: 2 });
    expect(of('M06').rank).toBe(3);
    expect(year.sectors).toHaveLength(12);
  });

  it('flags members below the minimum for the year-end review', () => {
    expect(year.minimumScore).toBe(15);
    expect(year.findings.map((f) => f.details?.['member'])).toEqual(
      year.members.filter((m) => m.total < 15).map((m) => m.member),
    );
    expect(year.findings[0]?.code).toBe('CPPCC_DUTY_BELOW_MINIMUM');
  });

  it('explains a total line by line, with the cap that bit and where each record came from', () => {
    const e = unwrap(explainDuty(ledger, 'M07', 2025, context));
    expect(e.total).toBe(of('M07').total);
    expect(e.lines.map((l) => [l.item, l.points, l.source?.kind ?? l.recordedBy.role])).toEqual([
      ['plenary_attendance', 5, 'roll_call'],
      ['speech', 5, 'office'],
      ['proposal_lead', 5, 'proposal'],
      ['social_report', 2, 'office'],
      ['social_report', 2, 'office'],
      ['social_report_adopted', 3, 'office'],
      ['consultation_activity', 2, 'liaison_group'],
      ['inspection_survey', 12, 'office'],
    ]);
    expect(e.capsThatBit[0]).toMatchObject({
      item: 'inspection_survey',
      period: 'year',
      requested: 14,
      granted: 12,
    });
    expect(e.summary.zh).toContain('= 36');
  });

  it('says why a reversed record no longer counts', () => {
    const reversed = ledgerOf(
      [
        {
          type: 'reversal',
          key: 'r-o1',
          record: 'o1',
          reason: '发言未安排',
          by: office,
          on: d('2025-03-01'),
        },
      ],
      ledger,
    );
    const e = unwrap(explainDuty(reversed, 'M07', 2025, context));
    expect(e.total).toBe(31);
    expect(e.lines.find((l) => l.key === 'o1')).toMatchObject({
      points: 0,
      excluded: { reason: 'reversed' },
      reversal: { key: 'r-o1' },
    });
  });

  it('gives every member the same total in the explanation as in the year', () => {
    for (const m of year.members)
      expect(unwrap(explainDuty(ledger, m.member, 2025, context)).total).toBe(m.total);
  });

  it('refuses an unknown member and a year without rules', () => {
    const r = explainDuty(ledger, 'X', 2025, context);
    expect(r.ok ? [] : codes(r.issues)).toEqual(['CPPCC_UNKNOWN_MEMBER']);
    const y = dutyYear(ledger, 2024, history);
    expect(y.ok ? [] : codes(y.issues)).toEqual(['CPPCC_DUTY_NO_RULES_AT_DATE']);
  });
});
