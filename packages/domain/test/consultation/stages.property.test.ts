/**
 * Property: no sequence of acts, however wrong its order, roles or dates, reaches the report of
 * outcomes 上报协商成果 without having passed every gate. The oracle reads the record itself, not the
 * gate functions under test.
 */
import {
  type Actor,
  applyStageCommand,
  type CommunicationCounterpart,
  type Consultation,
  type ConsultationStage,
  type ResearchMethod,
  type StageCommand,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, bodiesOf, committeeLed, d, rules, started, TOWN_A } from './fixtures.js';

const b = bodiesOf(TOWN_A);
const origination = committeeLed(
  'A-P',
  TOWN_A,
  { title: '加快垃圾发电项目建设步伐', form: { kind: 'thematic', topicKind: 'public_concern' } },
  d('2026-02-01'),
);
const start = started('C-P', origination, d('2026-02-02'));
const memberIds = start.group.members.map((m) => m.id);
const insider: Actor = { id: memberIds[0]!, name: '委员', role: 'group_member' };
const actors: readonly Actor[] = [
  b.liaisonGroup,
  b.partyCommittee,
  b.government,
  b.villageCommittee,
  insider,
];

const STAGES: readonly ConsultationStage[] = ['pre_consultation', 'plan', 'research', 'meeting', 'report'];
const COUNTERPARTS: readonly CommunicationCounterpart[] = [
  'party_committee',
  'government',
  'group_members',
  'departments',
  'residents',
];
const METHODS: readonly ResearchMethod[] = ['site_visit', 'survey', 'document_review'];

const command: fc.Arbitrary<StageCommand> = fc.oneof(
  fc
    .constantFrom(...COUNTERPARTS)
    .map((counterpart): StageCommand => ({ type: 'communicate', counterpart, summary: '沟通' })),
  fc.constantFrom(...STAGES).map((to): StageCommand => ({ type: 'advance', to })),
  fc.boolean().map(
    (empty): StageCommand => ({
      type: 'draft_plan',
      plan: { summary: empty ? '' : '方案', objectives: ['目标'], researchMethods: [] },
    }),
  ),
  fc.constant<StageCommand>({ type: 'approve_plan' }),
  fc.constant<StageCommand>({ type: 'return_plan', reason: '修改' }),
  fc.record({ method: fc.constantFrom(...METHODS), residentsHeard: fc.constantFrom(0, 0, 12) }).map(
    ({ method, residentsHeard }): StageCommand => ({
      type: 'record_research',
      method,
      summary: '调研',
      residentsHeard,
    }),
  ),
  fc
    .record({
      attendees: fc.subarray([...memberIds, 'stranger']),
      noticeDays: fc.integer({ min: 0, max: 6 }),
    })
    .map(({ attendees, noticeDays }): StageCommand & { noticeDays: number } => ({
      type: 'hold_meeting',
      noticeOn: d('2000-01-01'),
      noticeDays,
      attendees,
      opinions: [],
    })),
  fc.boolean().map(
    (empty): StageCommand => ({
      type: 'submit_report',
      title: '建议书',
      items: empty ? [] : [{ id: 'P1', text: '建议', addressedTo: 'government' }],
    }),
  ),
);

/** Mostly the body the reference profile names for the act, sometimes anyone. */
const step = fc.record({
  command,
  actor: fc.option(fc.constantFrom(...actors), { freq: 4 }),
  days: fc.integer({ min: -1, max: 4 }),
});

const RIGHT_ROLE: { [T in StageCommand['type']]: Actor } = {
  communicate: b.liaisonGroup,
  advance: b.liaisonGroup,
  draft_plan: b.liaisonGroup,
  approve_plan: b.partyCommittee,
  return_plan: b.partyCommittee,
  record_research: insider,
  hold_meeting: b.liaisonGroup,
  submit_report: b.liaisonGroup,
};

/** The gates, checked from the record: events in order, then the state they left. */
function passedEveryGate(c: Consultation): string | null {
  const events = c.events;
  for (let i = 1; i < events.length; i++) if (events[i]!.on < events[i - 1]!.on) return 'time ran backwards';
  const entered = (stage: ConsultationStage) =>
    events.findIndex((e) => e.type === 'stage_entered' && e.stage === stage);
  const [ePre, ePlan, eResearch, eMeeting, eReport] = STAGES.map(entered) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (!(ePre === 0 && ePre < ePlan && ePlan < eResearch && eResearch < eMeeting && eMeeting < eReport))
    return 'stages out of order';
  for (const e of events)
    if (e.type === 'stage_entered' && e.by.role !== 'liaison_group') return 'stage moved by the wrong body';

  const before = (from: number, to: number) => events.slice(from + 1, to);
  const heard = new Set(
    before(ePre, ePlan).flatMap((e) => (e.type === 'communicated' ? [e.counterpart] : [])),
  );
  for (const needed of ['party_committee', 'government', 'group_members'] as const) {
    if (!heard.has(needed)) return `plan entered without communicating with ${needed}`;
  }
  const planEvents = before(ePlan, eResearch).filter((e) => e.type.startsWith('plan_'));
  const lastPlan = planEvents.at(-1);
  if (lastPlan?.type !== 'plan_approved' || lastPlan.by.role !== 'party_committee')
    return 'research without an approved plan';
  if (!before(eResearch, eMeeting).some((e) => e.type === 'research_recorded'))
    return 'meeting without research';
  if (!c.research.some((r) => r.residentsHeard > 0)) return 'meeting without hearing residents';
  const held = before(eMeeting, eReport).find((e) => e.type === 'meeting_held');
  const meeting = c.meeting;
  if (held === undefined || meeting === null) return 'report without a meeting';
  const present = new Set(meeting.attendees.filter((a) => memberIds.includes(a))).size;
  if (present * 2 < memberIds.length) return 'meeting without quorum';
  if (addDays(meeting.noticeOn, 3) > meeting.heldOn) return 'meeting on short notice';
  if (c.status === 'completed') {
    const last = events.findLast((e) => e.type === 'report_submitted');
    if (last === undefined || c.proposal === null || c.proposal.items.length === 0)
      return 'completed without a proposal';
  }
  return null;
}

type Step = { command: StageCommand; actor: Actor | null; days: number };

/** Plays steps from `start`, checking the oracle whenever the report stage is reached. */
function play(steps: readonly Step[]): Consultation {
  let c = start;
  let on = d('2026-02-03');
  for (const { command, actor, days } of steps) {
    on = addDays(on, days);
    const concrete: StageCommand =
      command.type === 'hold_meeting'
        ? { ...command, noticeOn: addDays(on, -((command as { noticeDays?: number }).noticeDays ?? 5)) }
        : command;
    const result = applyStageCommand(c, concrete, { by: actor ?? RIGHT_ROLE[command.type], on, rules });
    if (!result.ok) {
      expect(result.issues.length).toBeGreaterThan(0);
      continue;
    }
    c = result.value;
    if (c.status === 'report' || c.status === 'completed') expect(passedEveryGate(c)).toBeNull();
  }
  return c;
}

/**
 * The twelve acts of a proper run, each with a chance of a wrong counterpart, no residents heard,
 * too few attendees, short notice or an empty plan or proposal.
 */
const likely = <T>(right: T, other: fc.Arbitrary<T>, odds = 9): fc.Arbitrary<T> =>
  fc.oneof({ weight: odds, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: other });
const script: fc.Arbitrary<StageCommand[]> = fc
  .record({
    counterparts: fc.tuple(
      likely<CommunicationCounterpart>('party_committee', fc.constantFrom(...COUNTERPARTS)),
      likely<CommunicationCounterpart>('government', fc.constantFrom(...COUNTERPARTS)),
      likely<CommunicationCounterpart>('group_members', fc.constantFrom(...COUNTERPARTS)),
    ),
    emptyPlan: likely(false, fc.constant(true)),
    residentsHeard: likely(12, fc.constant(0)),
    attendees: likely(memberIds, fc.subarray([...memberIds, 'stranger'])),
    noticeDays: likely(5, fc.integer({ min: 0, max: 6 })),
    emptyProposal: likely(false, fc.constant(true)),
  })
  .map((v): StageCommand[] => [
    ...v.counterparts.map(
      (counterpart): StageCommand => ({ type: 'communicate', counterpart, summary: '沟通' }),
    ),
    { type: 'advance', to: 'plan' },
    {
      type: 'draft_plan',
      plan: { summary: v.emptyPlan ? '' : '方案', objectives: ['目标'], researchMethods: [] },
    },
    { type: 'approve_plan' },
    { type: 'advance', to: 'research' },
    { type: 'record_research', method: 'site_visit', summary: '调研', residentsHeard: v.residentsHeard },
    { type: 'advance', to: 'meeting' },
    {
      type: 'hold_meeting',
      noticeOn: d('2000-01-01'),
      noticeDays: v.noticeDays,
      attendees: v.attendees,
      opinions: [],
    } as StageCommand,
    { type: 'advance', to: 'report' },
    {
      type: 'submit_report',
      title: '建议书',
      items: v.emptyProposal ? [] : [{ id: 'P1', text: '建议', addressedTo: 'government' }],
    },
  ]);

/** Each act of the script may be dropped, done by someone else, late or early, or surrounded by noise. */
const perturbed: fc.Arbitrary<Step[]> = fc
  .tuple(
    script,
    fc.array(
      fc.record({
        keep: likely(true, fc.constant(false), 30),
        actor: likely<Actor | null>(null, fc.constantFrom(...actors), 30),
        days: likely(1, fc.integer({ min: -1, max: 3 }), 30),
        noise: likely<Step[]>([], fc.array(step, { minLength: 1, maxLength: 2 }), 6),
      }),
      { minLength: 12, maxLength: 12 },
    ),
  )
  .map(([commands, slots]) =>
    commands.flatMap((command, i) => {
      const slot = slots[i]!;
      const own: Step[] = slot.keep ? [{ command, actor: slot.actor, days: slot.days }] : [];
      return [...slot.noise, ...own];
    }),
  );

describe('the five stages as a state machine', () => {
  it('never reaches the report of outcomes without passing every gate (random acts)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
        play(steps);
      }),
      { numRuns: 300 },
    );
  });

  it('never reaches the report of outcomes without passing every gate (proper runs, perturbed)', () => {
    let reached = 0;
    let completed = 0;
    let stopped = 0;
    fc.assert(
      fc.property(perturbed, (steps) => {
        const c = play(steps);
        if (c.status === 'report' || c.status === 'completed') reached++;
        else stopped++;
        if (c.status === 'completed') completed++;
      }),
      { numRuns: 600 },
    );
    // Neither vacuous nor trivial: many runs get through, many are stopped at a gate.
    expect(reached).toBeGreaterThan(30);
    expect(completed).toBeGreaterThan(10);
    expect(stopped).toBeGreaterThan(30);
  });

  it('guides a scripted run through all the gates', () => {
    const order: StageCommand[] = [
      { type: 'communicate', counterpart: 'party_committee', summary: 's' },
      { type: 'communicate', counterpart: 'government', summary: 's' },
      { type: 'communicate', counterpart: 'group_members', summary: 's' },
      { type: 'advance', to: 'plan' },
      { type: 'draft_plan', plan: { summary: 's', objectives: ['o'], researchMethods: [] } },
      { type: 'approve_plan' },
      { type: 'advance', to: 'research' },
      { type: 'record_research', method: 'survey', summary: 's', residentsHeard: 3 },
      { type: 'advance', to: 'meeting' },
      { type: 'hold_meeting', noticeOn: d('2026-02-01'), attendees: memberIds, opinions: [] },
      { type: 'advance', to: 'report' },
      { type: 'submit_report', title: 't', items: [{ id: 'P1', text: 'x', addressedTo: 'government' }] },
    ];
    const c = play(order.map((command) => ({ command, actor: null, days: 0 })));
    expect(c.status).toBe('completed');
    expect(passedEveryGate(c)).toBeNull();
  });
});
