// Village consultations 村事民定: a topic, participants by kind, the meeting with its minutes and
// outcome, and the filing of the minutes with the township (the seed's pilot township filed 54).
import {
  type Actor,
  correctVillageMeeting,
  deriveDutyRecords,
  EMPTY_DUTY_LEDGER,
  EMPTY_MINUTES_REGISTER,
  fileVillageConsultation,
  filingCounts,
  holdVillageMeeting,
  reconcileDutyRecords,
  startVillageConsultation,
  unwrap,
  type VillageContext,
  type VillageMeetingInput,
  type VillageParticipant,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { codes, committee, d, profile, T1 } from './fixtures.js';

const villages = [
  { code: 'V01', name: '东岗村', township: T1 },
  { code: 'V02', name: '西岗村', township: T1 },
];
const clerk: Actor = { id: 'V01-vc', name: '赵文书', role: 'village_committee' };
const ctx = (on: string, by: Actor = clerk): VillageContext => ({
  by,
  on: d(on),
  profile,
  villages,
  committee,
});

const people = (kind: VillageParticipant['kind'], count: number, from = 1): VillageParticipant[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${kind}-${from + i}`,
    name: `参加人${kind}${from + i}`,
    kind,
  }));

const participants: VillageParticipant[] = [
  ...people('villager_representative', 6),
  ...people('party_member', 2),
  ...people('village_cadre', 1),
  { id: 'cppcc-1', name: '吴委员', kind: 'cppcc_member', member: 'M09' },
];
const input = { id: 'VC-2025-001', village: 'V01', topic: '村道硬化筹资方案', participants };
const opened = unwrap(startVillageConsultation(input, ctx('2025-10-09')));
const attendees = participants
  .slice(0, 8)
  .map((p) => p.id)
  .concat('cppcc-1');
const meeting: VillageMeetingInput = {
  attendees,
  minutes: '经充分协商，同意按户筹资、村集体补助的方式硬化村道。',
  outcome: {
    decision: 'agreed' as const,
    summary: '通过筹资方案',
    votes: { for: 8, against: 1, abstain: 0 },
  },
};
const held = unwrap(holdVillageMeeting(opened, meeting, ctx('2025-10-15')));

describe('a village consultation through the stages that fit it', () => {
  it('opens at pre-consultation communication, holds its meeting, files its minutes', () => {
    expect(opened).toMatchObject({
      status: 'pre_consultation',
      township: T1,
      meeting: null,
      minutesId: null,
    });
    expect(held.status).toBe('report');
    expect(held.meeting).toMatchObject({ heldOn: '2025-10-15', quorum: 7 });
    const filed = unwrap(fileVillageConsultation(held, EMPTY_MINUTES_REGISTER, ctx('2025-10-20')));
    expect(filed.consultation).toMatchObject({
      status: 'completed',
      minutesId: 'VC-2025-001',
      filedOn: '2025-10-20',
    });
    expect(filed.register.entries).toEqual([
      expect.objectContaining({
        id: 'VC-2025-001',
        village: 'V01',
        township: T1,
        meetingOn: '2025-10-15',
        late: false,
      }),
    ]);
    expect(filingCounts(filed.register, villages)[0]).toMatchObject({ township: T1, total: 1 });
  });

  it('files through the consultation area’s register: its roles and its deadline', () => {
    const late = unwrap(fileVillageConsultation(held, EMPTY_MINUTES_REGISTER, ctx('2025-11-20')));
    expect(late.register.entries[0]?.late).toBe(true);
    const wrong = fileVillageConsultation(
      held,
      EMPTY_MINUTES_REGISTER,
      ctx('2025-10-20', { ...clerk, role: 'liaison_group' }),
    );
    expect(wrong.ok ? [] : codes(wrong.issues)).toEqual(['CONSULTATION_ROLE_NOT_ALLOWED']);
    const twice = fileVillageConsultation(
      { ...held },
      unwrap(fileVillageConsultation(held, EMPTY_MINUTES_REGISTER, ctx('2025-10-20'))).register,
      ctx('2025-10-21'),
    );
    expect(twice.ok ? [] : codes(twice.issues)).toEqual(['CONSULTATION_DUPLICATE_ID']);
  });

  it('credits the CPPCC member who took part with a consultation activity', () => {
    const derived = deriveDutyRecords({ villageConsultations: [held] }, { rules: profile, committee });
    expect(derived.records).toEqual([
      expect.objectContaining({
        member: 'M09',
        item: 'consultation_activity',
        date: '2025-10-15',
        quantity: 1,
        source: { kind: 'village_consultation', id: 'VC-2025-001' },
      }),
    ]);
  });
});

describe('a correction of the meeting’s record', () => {
  const without = {
    ...meeting,
    attendees: attendees.filter((a) => a !== 'cppcc-1'),
    outcome: { ...meeting.outcome, votes: { for: 7, against: 1, abstain: 0 } },
    reason: '委员未到会，误记',
  };

  it('replaces attendance, minutes and outcome, keeps the day and the status, and keeps the correction', () => {
    const filed = unwrap(
      fileVillageConsultation(held, EMPTY_MINUTES_REGISTER, ctx('2025-10-20')),
    ).consultation;
    const fixed = unwrap(correctVillageMeeting(filed, without, ctx('2025-10-22')));
    expect(fixed.status).toBe('completed');
    expect(fixed.meeting).toMatchObject({
      heldOn: '2025-10-15',
      attendees: without.attendees,
      corrections: [{ on: '2025-10-22', by: clerk, reason: '委员未到会，误记' }],
    });
  });

  it('reverses the record of a CPPCC member who no longer attended, the link to the consultation kept', () => {
    const context = { rules: profile, committee };
    const first = unwrap(
      reconcileDutyRecords(EMPTY_DUTY_LEDGER, deriveDutyRecords({ villageConsultations: [held] }, context), {
        ...context,
        on: d('2025-10-15'),
      }),
    );
    const fixed = unwrap(correctVillageMeeting(held, without, ctx('2025-10-22')));
    const second = unwrap(
      reconcileDutyRecords(first.ledger, deriveDutyRecords({ villageConsultations: [fixed] }, context), {
        ...context,
        on: d('2025-10-22'),
      }),
    );
    expect(second.appended).toEqual([
      expect.objectContaining({
        type: 'reversal',
        record: 'village_consultation:VC-2025-001/M09',
        by: { role: 'system', id: 'system' },
      }),
    ]);
  });

  it('needs a held meeting, a reason, and the meeting’s own checks', () => {
    const fix = (c: typeof held, changes: Partial<typeof without>, on = '2025-10-22') => {
      const r = correctVillageMeeting(c, { ...without, ...changes }, ctx(on));
      return r.ok ? [] : codes(r.issues);
    };
    expect(fix(opened, {})).toEqual(['CPPCC_INVALID_TRANSITION']);
    expect(fix(held, { reason: ' ' })).toEqual(['CPPCC_REASON_REQUIRED']);
    expect(
      fix(held, {
        attendees: attendees.slice(0, 5),
        outcome: { ...without.outcome, votes: { for: 4, against: 1, abstain: 0 } },
      }),
    ).toEqual(['CPPCC_VILLAGE_NO_QUORUM']);
    expect(fix(held, {}, '2025-10-14')).toEqual(['CPPCC_DATE_BEFORE_PREVIOUS']);
  });
});

describe('what a village consultation refuses', () => {
  const start = (changes: Partial<typeof input>, by: Actor = clerk) => {
    const r = startVillageConsultation({ ...input, ...changes }, ctx('2025-10-09', by));
    return r.ok ? [] : codes(r.issues);
  };
  const hold = (changes: Partial<typeof meeting>, on = '2025-10-15', by: Actor = clerk) => {
    const r = holdVillageMeeting(opened, { ...meeting, ...changes }, ctx(on, by));
    return r.ok ? [] : codes(r.issues);
  };

  it('needs a known village, a topic, the required kinds, enough people, a majority of representatives', () => {
    expect(start({ village: 'V99' })).toEqual(['CPPCC_UNKNOWN_VILLAGE']);
    expect(start({ topic: ' ' })).toEqual(['CPPCC_EMPTY_FIELD']);
    expect(start({ participants: participants.filter((p) => p.kind !== 'party_member') })).toEqual([
      'CPPCC_VILLAGE_KIND_MISSING',
    ]);
    expect(start({ participants: participants.slice(0, 3).concat(people('party_member', 1)) })).toEqual([
      'CPPCC_VILLAGE_TOO_FEW_PARTICIPANTS',
    ]);
    expect(start({ participants: [...participants, ...people('resident', 4)] })).toEqual([
      'CPPCC_VILLAGE_REPRESENTATIVES_MINORITY',
    ]);
    expect(start({}, { ...clerk, role: 'government' })).toEqual(['CPPCC_ROLE_NOT_ALLOWED']);
    expect(start({ participants: [...participants, participants[0]!] })).toEqual(['CPPCC_DUPLICATE_ID']);
  });

  it('takes CPPCC members of the township’s liaison group only, and kinds the profile allows', () => {
    const cppcc = (member: string) => [{ id: 'c', name: '委员', kind: 'cppcc_member' as const, member }];
    expect(start({ participants: [...participants.slice(0, 9), ...cppcc('M07')] })).toEqual([
      'CPPCC_VILLAGE_CPPCC_NOT_LOCAL',
    ]);
    expect(start({ participants: [...participants.slice(0, 9), ...cppcc('P01')] })).toEqual([
      'CPPCC_UNKNOWN_MEMBER',
    ]);
    const strict = {
      ...profile,
      cppcc: {
        ...profile.cppcc,
        village: {
          ...profile.cppcc.village,
          participantKinds: ['villager_representative', 'party_member', 'village_cadre'] as const,
        },
      },
    };
    const r = startVillageConsultation(input, { ...ctx('2025-10-09'), profile: strict });
    expect(r.ok ? [] : codes(r.issues)).toEqual(['CPPCC_VILLAGE_KIND_NOT_ALLOWED']);
  });

  it('needs participants at the meeting, a quorum, minutes, a vote that adds up and a majority to agree', () => {
    expect(hold({ attendees: [...attendees, 'stranger'] })).toEqual(['CPPCC_VILLAGE_NOT_PARTICIPANT']);
    expect(
      hold({
        attendees: attendees.slice(0, 6),
        outcome: { ...meeting.outcome, votes: { for: 5, against: 1, abstain: 0 } },
      }),
    ).toEqual(['CPPCC_VILLAGE_NO_QUORUM']);
    expect(hold({ minutes: '' })).toEqual(['CPPCC_EMPTY_FIELD']);
    expect(hold({ outcome: { ...meeting.outcome, votes: { for: 9, against: 1, abstain: 0 } } })).toEqual([
      'CPPCC_VILLAGE_VOTES_INVALID',
    ]);
    expect(hold({ outcome: { ...meeting.outcome, votes: { for: 4, against: 4, abstain: 1 } } })).toEqual([
      'CPPCC_VILLAGE_NOT_PASSED',
    ]);
    expect(
      hold({
        outcome: { decision: 'not_agreed', summary: '未通过', votes: { for: 4, against: 4, abstain: 1 } },
      }),
    ).toEqual([]);
    expect(hold({}, '2025-10-08')).toEqual(['CPPCC_DATE_BEFORE_PREVIOUS']);
    expect(hold({}, '2025-10-15', { ...clerk, role: 'liaison_group' })).toEqual(['CPPCC_ROLE_NOT_ALLOWED']);
  });

  it('goes through its stages in order', () => {
    const again = holdVillageMeeting(held, meeting, ctx('2025-10-16'));
    expect(again.ok ? [] : codes(again.issues)).toEqual(['CPPCC_INVALID_TRANSITION']);
    const early = fileVillageConsultation(opened, EMPTY_MINUTES_REGISTER, ctx('2025-10-16'));
    expect(early.ok ? [] : codes(early.issues)).toEqual(['CPPCC_INVALID_TRANSITION']);
  });
});
