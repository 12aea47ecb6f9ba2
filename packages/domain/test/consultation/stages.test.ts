import {
  type Actor,
  applyStageCommand,
  beginOrigination,
  type Consultation,
  consultationTimeline,
  exitGate,
  meetingQuorum,
  proposeGroup,
  recordOriginationStep,
  type StageCommand,
  stageGates,
  startConsultation,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  bodiesOf,
  candidatesOf,
  codes,
  committeeLed,
  d,
  refused,
  rules,
  scriptTo,
  started,
  TOWN_A,
} from './fixtures.js';

const a = bodiesOf(TOWN_A);
const origination = committeeLed(
  'A-1',
  TOWN_A,
  {
    title: '完善镇区范围污水管网建设，提升集镇品位',
    form: { kind: 'thematic', topicKind: 'key_work' },
    tags: ['sewage'],
    subjects: ['sewage_network'],
  },
  d('2026-02-20'),
);
const fresh = (): Consultation => started('C-1', origination, d('2026-03-01'));
const at = (stage: Parameters<typeof scriptTo>[1]): Consultation => scriptTo(fresh(), stage, d('2026-03-02'));
const apply = (c: Consultation, command: StageCommand, by: Actor = a.liaisonGroup, on = '2026-06-01') =>
  applyStageCommand(c, command, { by, on: d(on), rules });

describe('starting a consultation', () => {
  const group = unwrap(proposeGroup(origination.topic!, candidatesOf(TOWN_A), rules)).group;

  it('starts at pre-consultation communication, led by the liaison group', () => {
    const c = fresh();
    expect(c.status).toBe('pre_consultation');
    expect(c.events).toEqual([
      { type: 'stage_entered', stage: 'pre_consultation', on: '2026-03-01', by: a.liaisonGroup },
    ]);
  });

  it('refuses a topic that is not established (CONSULTATION_TOPIC_NOT_ESTABLISHED)', () => {
    const pending = beginOrigination({ topicId: 'A-2', township: TOWN_A, path: 'liaison_group_led' });
    refused(
      startConsultation(
        { id: 'C', origination: pending, group },
        { by: a.liaisonGroup, on: d('2026-03-01'), rules },
      ),
      'CONSULTATION_TOPIC_NOT_ESTABLISHED',
    );
    let rejected = pending;
    for (const input of [
      { step: 'opinions_solicited', opinionsReceived: 5 },
      {
        step: 'topic_drafted',
        topic: { title: 't', form: { kind: 'thematic', topicKind: 'key_work' } },
        planOutline: 'p',
      },
      { step: 'conferred_with_government', with: [a.government] },
      { step: 'submitted_to_committee' },
    ] as const) {
      rejected = unwrap(
        recordOriginationStep(rejected, input, {
          by: a.liaisonGroup,
          on: d('2026-02-01'),
          rules,
          established: [],
        }),
      );
    }
    rejected = unwrap(
      recordOriginationStep(
        rejected,
        { step: 'committee_decided', decision: 'rejected', note: '暂缓' },
        { by: a.partyCommittee, on: d('2026-02-02'), rules, established: [] },
      ),
    );
    const found = refused(
      startConsultation(
        { id: 'C', origination: rejected, group },
        { by: a.liaisonGroup, on: d('2026-03-01'), rules },
      ),
      'CONSULTATION_TOPIC_NOT_ESTABLISHED',
    );
    expect(found.message.zh).toContain('已被否决');
  });

  it('refuses an invalid group, the wrong role and a date before the topic was established', () => {
    const small = { ...group, members: group.members.slice(0, 10) };
    const result = startConsultation(
      { id: 'C', origination, group: small },
      { by: a.government, on: d('2026-02-01'), rules },
    );
    expect(refused(result, 'CONSULTATION_GROUP_TOO_SMALL').path).toEqual(['group', 'members']);
    refused(result, 'CONSULTATION_ROLE_NOT_ALLOWED');
    refused(result, 'CONSULTATION_DATE_BEFORE_PREVIOUS');
    refused(
      startConsultation({ id: '', origination, group }, { by: a.liaisonGroup, on: d('2026-03-01'), rules }),
      'CONSULTATION_EMPTY_FIELD',
    );
  });
});

describe('stage order and gates', () => {
  it('moves only to the next stage (CONSULTATION_STAGE_OUT_OF_ORDER)', () => {
    const found = refused(
      apply(fresh(), { type: 'advance', to: 'research' }),
      'CONSULTATION_STAGE_OUT_OF_ORDER',
    );
    expect(found.details).toEqual({ current: 'pre_consultation', to: 'research', expected: 'plan' });
    refused(apply(fresh(), { type: 'advance', to: 'pre_consultation' }), 'CONSULTATION_STAGE_OUT_OF_ORDER');
    const last = refused(
      apply(at('report'), { type: 'advance', to: 'report' }),
      'CONSULTATION_STAGE_OUT_OF_ORDER',
    );
    expect(last.message.en).toContain('submitting the proposal completes it');
  });

  it('needs communication with the party committee, the government and the group (CONSULTATION_GATE_COMMUNICATION_MISSING)', () => {
    let c = fresh();
    c = unwrap(
      apply(
        c,
        { type: 'communicate', counterpart: 'government', summary: '沟通' },
        a.liaisonGroup,
        '2026-03-02',
      ),
    );
    const found = refused(
      apply(c, { type: 'advance', to: 'plan' }),
      'CONSULTATION_GATE_COMMUNICATION_MISSING',
    );
    expect(found.details).toEqual({ missing: ['party_committee', 'group_members'] });
    expect(found.message.zh).toContain('乡镇党委、协商小组成员');
  });

  it('needs an approved plan before research (CONSULTATION_GATE_PLAN_NOT_APPROVED)', () => {
    const c = at('plan');
    expect(
      refused(apply(c, { type: 'advance', to: 'research' }), 'CONSULTATION_GATE_PLAN_NOT_APPROVED').details,
    ).toEqual({ plan: null });
    const drafted = unwrap(
      apply(c, { type: 'draft_plan', plan: { summary: 's', objectives: ['o'], researchMethods: [] } }),
    );
    expect(
      refused(apply(drafted, { type: 'advance', to: 'research' }), 'CONSULTATION_GATE_PLAN_NOT_APPROVED')
        .details,
    ).toEqual({
      plan: 'drafted',
    });
    const returned = unwrap(
      apply(drafted, { type: 'return_plan', reason: '补充调研方法' }, a.partyCommittee),
    );
    expect(
      refused(apply(returned, { type: 'advance', to: 'research' }), 'CONSULTATION_GATE_PLAN_NOT_APPROVED')
        .message.zh,
    ).toContain('被退回修改');
  });

  it('needs research that heard residents before the meeting (CONSULTATION_GATE_RESEARCH_MISSING, _PUBLIC_OPINION_MISSING)', () => {
    const c = at('research');
    const none = apply(c, { type: 'advance', to: 'meeting' });
    expect(refused(none, 'CONSULTATION_GATE_RESEARCH_MISSING').details).toEqual({ count: 0, min: 1 });
    refused(none, 'CONSULTATION_GATE_PUBLIC_OPINION_MISSING');
    const desk = unwrap(
      apply(c, {
        type: 'record_research',
        method: 'document_review',
        summary: '查阅资料',
        residentsHeard: 0,
      }),
    );
    expect(codes(apply(desk, { type: 'advance', to: 'meeting' }))).toEqual([
      'CONSULTATION_GATE_PUBLIC_OPINION_MISSING',
    ]);
  });

  it('needs the meeting before the report (CONSULTATION_GATE_MEETING_NOT_HELD)', () => {
    refused(apply(at('meeting'), { type: 'advance', to: 'report' }), 'CONSULTATION_GATE_MEETING_NOT_HELD');
  });

  it('refuses an act of a stage not reached, listing the gates still closed (CONSULTATION_STAGE_NOT_REACHED)', () => {
    const result = apply(at('plan'), {
      type: 'hold_meeting',
      noticeOn: d('2026-05-01'),
      attendees: [],
      opinions: [],
    });
    expect(codes(result)).toEqual([
      'CONSULTATION_STAGE_NOT_REACHED',
      'CONSULTATION_GATE_PLAN_NOT_APPROVED',
      'CONSULTATION_GATE_RESEARCH_MISSING',
      'CONSULTATION_GATE_PUBLIC_OPINION_MISSING',
    ]);
    refused(result, 'CONSULTATION_STAGE_NOT_REACHED');
    refused(
      apply(fresh(), { type: 'submit_report', title: 't', items: [] }),
      'CONSULTATION_STAGE_NOT_REACHED',
    );
  });

  it('refuses an act of a stage already over (CONSULTATION_STAGE_PASSED)', () => {
    const found = refused(
      apply(at('research'), { type: 'communicate', counterpart: 'residents', summary: '补充沟通' }),
      'CONSULTATION_STAGE_PASSED',
    );
    expect(found.details).toEqual({ current: 'research', stage: 'pre_consultation', command: 'communicate' });
    refused(
      apply(at('meeting'), {
        type: 'draft_plan',
        plan: { summary: 's', objectives: ['o'], researchMethods: [] },
      }),
      'CONSULTATION_STAGE_PASSED',
    );
  });

  it('refuses every act once the outcomes are reported (CONSULTATION_COMPLETED)', () => {
    const done = at('completed');
    expect(done.status).toBe('completed');
    refused(apply(done, { type: 'advance', to: 'report' }), 'CONSULTATION_COMPLETED');
    refused(
      apply(done, {
        type: 'submit_report',
        title: 't',
        items: [{ id: 'x', text: 'y', addressedTo: 'government' }],
      }),
      'CONSULTATION_COMPLETED',
    );
  });

  it('lists the four gates with what is still missing', () => {
    const c = at('plan');
    expect(stageGates(c, rules).map((g) => [g.from, g.to, g.passed])).toEqual([
      ['pre_consultation', 'plan', true],
      ['plan', 'research', false],
      ['research', 'meeting', false],
      ['meeting', 'report', false],
    ]);
    expect(exitGate(c, 'report', rules)).toEqual([]);
  });
});

describe('roles and time', () => {
  it('lets only the party committee decide on the plan (CONSULTATION_ROLE_NOT_ALLOWED)', () => {
    const drafted = unwrap(
      apply(at('plan'), {
        type: 'draft_plan',
        plan: { summary: 's', objectives: ['o'], researchMethods: [] },
      }),
    );
    const found = refused(
      apply(drafted, { type: 'approve_plan' }, a.liaisonGroup),
      'CONSULTATION_ROLE_NOT_ALLOWED',
    );
    expect(found.details).toEqual({ role: 'liaison_group', allowed: ['party_committee'] });
    expect(found.message.zh).toBe('政协联络组不能审定协商方案，只有乡镇党委可以');
    refused(apply(fresh(), { type: 'advance', to: 'plan' }, a.government), 'CONSULTATION_ROLE_NOT_ALLOWED');
  });

  it('lets a member of the group record research, but not someone outside it posing as one', () => {
    const c = at('research');
    const member = c.group.members[3]!;
    const insider: Actor = { id: member.id, name: member.name, role: 'group_member' };
    expect(
      apply(c, { type: 'record_research', method: 'interview', summary: '走访', residentsHeard: 5 }, insider)
        .ok,
    ).toBe(true);
    const outsider: Actor = { id: 'nobody', name: '路人', role: 'group_member' };
    const found = refused(
      apply(
        c,
        { type: 'record_research', method: 'interview', summary: '走访', residentsHeard: 5 },
        outsider,
      ),
      'CONSULTATION_ROLE_NOT_ALLOWED',
    );
    expect(found.path).toEqual(['by', 'id']);
  });

  it('refuses a date before the previous event (CONSULTATION_DATE_BEFORE_PREVIOUS)', () => {
    const c = at('plan');
    const last = c.events.at(-1)!.on;
    const found = refused(
      apply(
        c,
        { type: 'draft_plan', plan: { summary: 's', objectives: ['o'], researchMethods: [] } },
        a.liaisonGroup,
        addDays(last, -1),
      ),
      'CONSULTATION_DATE_BEFORE_PREVIOUS',
    );
    expect(found.details).toEqual({ on: addDays(last, -1), previous: last });
  });
});

describe('the plan 协商方案', () => {
  it('refuses deciding on a plan not drafted, or returned and not redrafted (CONSULTATION_PLAN_NOT_DRAFTED)', () => {
    refused(apply(at('plan'), { type: 'approve_plan' }, a.partyCommittee), 'CONSULTATION_PLAN_NOT_DRAFTED');
    const drafted = unwrap(
      apply(at('plan'), {
        type: 'draft_plan',
        plan: { summary: 's', objectives: ['o'], researchMethods: [] },
      }),
    );
    const returned = unwrap(apply(drafted, { type: 'return_plan', reason: '补充' }, a.partyCommittee));
    expect(returned.plan?.status).toBe('returned');
    refused(apply(returned, { type: 'approve_plan' }, a.partyCommittee), 'CONSULTATION_PLAN_NOT_DRAFTED');
    refused(
      apply(drafted, { type: 'return_plan', reason: ' ' }, a.partyCommittee),
      'CONSULTATION_EMPTY_FIELD',
    );
  });

  it('refuses changing or deciding an approved plan (CONSULTATION_PLAN_ALREADY_APPROVED)', () => {
    const drafted = unwrap(
      apply(at('plan'), {
        type: 'draft_plan',
        plan: { summary: 's', objectives: ['o'], researchMethods: [] },
      }),
    );
    const approved = unwrap(apply(drafted, { type: 'approve_plan' }, a.partyCommittee));
    refused(
      apply(approved, { type: 'approve_plan' }, a.partyCommittee),
      'CONSULTATION_PLAN_ALREADY_APPROVED',
    );
    refused(
      apply(approved, {
        type: 'draft_plan',
        plan: { summary: 's2', objectives: ['o'], researchMethods: [] },
      }),
      'CONSULTATION_PLAN_ALREADY_APPROVED',
    );
  });

  it('refuses a plan without summary or objectives (CONSULTATION_EMPTY_FIELD)', () => {
    const result = apply(at('plan'), {
      type: 'draft_plan',
      plan: { summary: '', objectives: [], researchMethods: [] },
    });
    expect(result.ok ? [] : result.issues.map((i) => i.path.join('.'))).toEqual([
      'plan.summary',
      'plan.objectives',
    ]);
  });
});

describe('research and the meeting', () => {
  it('refuses a negative or fractional count of residents heard (CONSULTATION_OUT_OF_RANGE)', () => {
    refused(
      apply(at('research'), { type: 'record_research', method: 'survey', summary: 's', residentsHeard: -1 }),
      'CONSULTATION_OUT_OF_RANGE',
    );
    refused(
      apply(at('research'), { type: 'record_research', method: 'survey', summary: 's', residentsHeard: 1.5 }),
      'CONSULTATION_OUT_OF_RANGE',
    );
  });

  const meetingAt = at('meeting');
  const ids = meetingAt.group.members.map((m) => m.id);
  const meet = (attendees: readonly string[], noticeOn = '2026-05-20', on = '2026-06-01') =>
    apply(
      meetingAt,
      { type: 'hold_meeting', noticeOn: d(noticeOn), attendees, opinions: ['意见'] },
      a.liaisonGroup,
      on,
    );

  it('needs the quorum of the profile (CONSULTATION_MEETING_NO_QUORUM)', () => {
    expect(meetingQuorum(20, rules)).toBe(10);
    expect(meetingQuorum(15, rules)).toBe(8);
    expect(meet(ids.slice(0, 10)).ok).toBe(true);
    const found = refused(meet(ids.slice(0, 9)), 'CONSULTATION_MEETING_NO_QUORUM');
    expect(found.details).toEqual({ present: 9, size: 20, quorum: 10, share: 0.5 });
    expect(found.message.zh).toBe('协商小组 20 人，出席 9 人，不足规定的 10 人');
  });

  it('counts only group members, each once (CONSULTATION_MEETING_NOT_GROUP_MEMBER, CONSULTATION_DUPLICATE_ID)', () => {
    const result = meet([...ids.slice(0, 9), 'stranger', ids[0]!]);
    expect(refused(result, 'CONSULTATION_MEETING_NOT_GROUP_MEMBER').details).toEqual({
      attendees: ['stranger'],
    });
    refused(result, 'CONSULTATION_DUPLICATE_ID');
    refused(result, 'CONSULTATION_MEETING_NO_QUORUM');
  });

  it('needs notice days before the meeting (CONSULTATION_MEETING_SHORT_NOTICE)', () => {
    const found = refused(meet(ids, '2026-05-30'), 'CONSULTATION_MEETING_SHORT_NOTICE');
    expect(found.details).toEqual({ noticeOn: '2026-05-30', days: 2, min: 3 });
    refused(meet(ids, '2026-06-05'), 'CONSULTATION_MEETING_SHORT_NOTICE');
    expect(meet(ids, '2026-05-29').ok).toBe(true);
  });

  it('holds the meeting once (CONSULTATION_MEETING_ALREADY_HELD)', () => {
    const held = unwrap(meet(ids));
    expect(held.meeting).toMatchObject({ heldOn: '2026-06-01', quorum: 10 });
    expect(held.events.at(-1)).toMatchObject({ type: 'meeting_held', attended: 20, quorum: 10 });
    refused(
      apply(
        held,
        { type: 'hold_meeting', noticeOn: d('2026-05-20'), attendees: ids, opinions: [] },
        a.liaisonGroup,
        '2026-06-02',
      ),
      'CONSULTATION_MEETING_ALREADY_HELD',
    );
  });
});

describe('the report 上报协商成果', () => {
  const reportAt = at('report');

  it('refuses an empty proposal (CONSULTATION_PROPOSAL_EMPTY) and items without text or with one id twice', () => {
    refused(
      apply(reportAt, { type: 'submit_report', title: '建议书', items: [] }),
      'CONSULTATION_PROPOSAL_EMPTY',
    );
    const result = apply(reportAt, {
      type: 'submit_report',
      title: '',
      items: [
        { id: 'P1', text: '', addressedTo: 'government' },
        { id: 'P1', text: 'x', addressedTo: 'government' },
      ],
    });
    refused(result, 'CONSULTATION_DUPLICATE_ID');
    expect(
      result.ok
        ? []
        : result.issues.filter((i) => i.code === 'CONSULTATION_EMPTY_FIELD').map((i) => i.path.join('.')),
    ).toEqual(['title', 'items.0.text']);
  });

  it('completes the consultation and dates the timeline', () => {
    const done = at('completed');
    const t = consultationTimeline(done, rules);
    expect(t.stages.every((s) => s.enteredOn !== null && s.leftOn !== null && s.days !== null)).toBe(true);
    expect(t.reportedOn).toBe(done.proposal!.submittedOn);
    expect(t.reportLate).toBe(false);
    const pending = consultationTimeline(at('report'), rules, d('2027-01-01'));
    expect(pending.reportLate).toBe(true);
    expect(pending.stages.at(-1)?.leftOn).toBeNull();
  });
});
