/**
 * One input per CPPCC issue code, each run through the public API. The record's type makes the
 * compiler ask for every code; docs.test.ts checks each sample emits its code in both languages.
 */
import {
  type Actor,
  appendDuty,
  applyProposalCommand,
  type CppccIssueCode,
  checkCommittee,
  checkRollCall,
  createProfileCatalog,
  type DutyContext,
  type DutyLedger,
  type DutyLedgerInput,
  dutyYear,
  EMPTY_DUTY_LEDGER,
  expectedAttendees,
  holdVillageMeeting,
  type Issue,
  type ProposalCommand,
  proposalFollowUp,
  type RollCall,
  startVillageConsultation,
  unwrap,
  type VillageParticipant,
} from '@jiceng/domain';
import {
  afterAssignment,
  afterReview,
  as,
  book,
  calendar,
  committee,
  context,
  d,
  draft,
  empty,
  profile,
  refused,
  rules,
  run,
  type Step,
  submitted,
  T1,
} from './fixtures.js';

const issuesOf = (r: { ok: true } | { ok: false; issues: readonly Issue[] }): readonly Issue[] =>
  r.ok ? [] : r.issues;

const submit = (proposer: Parameters<typeof draft>[1], on = '2025-01-09', changes = {}) =>
  refused(empty, [{ type: 'submit', draft: draft('X', proposer, changes) }, as.office, on]);
const act = (command: ProposalCommand, by = as.committee, on = '2025-02-11', b = afterAssignment) =>
  refused(b, [command, by, on] as Step);
const pending = run(afterAssignment, [
  [
    { type: 'request_reassignment', proposal: 'P4', reason: '职能交叉' },
    as.unit('agriculture'),
    '2025-02-11',
  ],
]);
const replied = run(afterAssignment, [
  [{ type: 'designate_key', proposal: 'P2', supervisor: 'M01' }, as.chairs, '2025-02-20'],
  [
    { type: 'reply', proposal: 'P2', category: 'planned', text: '已列入计划' },
    as.unit('transport'),
    '2025-02-27',
  ],
]);
const followUp = (proposal: (typeof book.proposals)[number], asOf: string) =>
  proposalFollowUp(proposal, { asOf: d(asOf), rules, calendar, committee }).findings;
const find = (b: typeof book, id: string) => b.proposals.find((p) => p.id === id)!;

const dutyContext = { rules: profile, committee };
const history = { rules: unwrap(createProfileCatalog([])).history('reference')!, committee };
const office = { role: 'office', id: 'office' } as const;
const record = (key: string, member: string, item: string, date: string, extra: object = {}) =>
  ({
    type: 'record',
    key,
    member,
    item,
    date: d(date),
    by: office,
    on: d(date),
    ...extra,
  }) as DutyLedgerInput;
const ledger: DutyLedger = unwrap(
  appendDuty(EMPTY_DUTY_LEDGER, record('o1', 'M07', 'speech', '2025-01-09'), dutyContext),
).ledger;
const duty = (input: DutyLedgerInput, on: DutyLedger = ledger, ctx: DutyContext = dutyContext) =>
  issuesOf(appendDuty(on, input, ctx));
const reversal = (recordKey: string, extra: object = {}) =>
  ({
    type: 'reversal',
    key: `r-${recordKey}`,
    record: recordKey,
    reason: '重复',
    by: office,
    on: d('2025-03-01'),
    ...extra,
  }) as DutyLedgerInput;

const standingCall = (entries: RollCall['entries']) =>
  issuesOf(
    checkRollCall(
      { id: 'S1', kind: 'standing', meetingOn: d('2025-03-27'), title: '常委会议', entries },
      committee,
    ),
  );
const standing = expectedAttendees(committee, 'standing', d('2025-03-27')).map((member) => ({
  member,
  status: 'attended' as const,
}));

const villages = [{ code: 'V01', name: '东岗村', township: T1 }];
const clerk: Actor = { id: 'V01-vc', name: '赵文书', role: 'village_committee' };
const villageCtx = (on = '2025-10-09') => ({ by: clerk, on: d(on), profile, villages, committee });
const people = (kind: VillageParticipant['kind'], n: number): VillageParticipant[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${kind}${i}`, name: `${kind}${i}`, kind }));
const participants = [
  ...people('villager_representative', 6),
  ...people('party_member', 2),
  ...people('village_cadre', 1),
];
const village = (changes: object = {}) =>
  issuesOf(
    startVillageConsultation(
      { id: 'VC1', village: 'V01', topic: '村道硬化', participants, ...changes },
      villageCtx(),
    ),
  );
const opened = unwrap(
  startVillageConsultation({ id: 'VC1', village: 'V01', topic: '村道硬化', participants }, villageCtx()),
);
const ids = participants.map((p) => p.id);
const hold = (changes: object) =>
  issuesOf(
    holdVillageMeeting(
      opened,
      { attendees: ids, minutes: '纪要', outcome: { decision: 'agreed', summary: '通过' }, ...changes },
      villageCtx('2025-10-15'),
    ),
  );

export const CPPCC_SAMPLES: Record<CppccIssueCode, () => readonly Issue[]> = {
  CPPCC_ROLE_NOT_ALLOWED: () =>
    act({ type: 'file', proposal: 'P1' }, as.member('M07'), '2025-01-20', run(empty, submitted)),
  CPPCC_ACTOR_MISMATCH: () =>
    act({ type: 'reply', proposal: 'P1', category: 'resolved', text: '已办' }, as.unit('water')),
  CPPCC_EMPTY_FIELD: () =>
    act({ type: 'request_reassignment', proposal: 'P2', reason: '' }, as.unit('transport')),
  CPPCC_TEXT_TOO_LONG: () =>
    submit({ kind: 'member', member: 'M07' }, '2025-01-09', { title: '关'.repeat(51) }),
  CPPCC_DATE_BEFORE_PREVIOUS: () =>
    act({ type: 'file', proposal: 'P1' }, as.committee, '2025-01-08', run(empty, submitted)),
  CPPCC_DUPLICATE_ID: () =>
    act(
      { type: 'assign', proposal: 'P1', lead: 'housing', coUnits: ['water', 'water'] },
      as.committee,
      '2025-02-10',
      afterReview,
    ),
  CPPCC_UNKNOWN_MEMBER: () => submit({ kind: 'member', member: 'P01' }),
  CPPCC_UNKNOWN_SECTOR: () => submit({ kind: 'sector', sector: 'astronomy' }),
  CPPCC_UNKNOWN_COMMITTEE: () => submit({ kind: 'special_committee', committee: 'space' }),
  CPPCC_UNKNOWN_TOWNSHIP: () => submit({ kind: 'liaison_group', township: 'T9' }),
  CPPCC_INVALID_TRANSITION: () => act({ type: 'file', proposal: 'P1' }),
  CPPCC_REASON_REQUIRED: () =>
    act(
      { type: 'not_file', proposal: 'P5', outcome: 'rejected' },
      as.committee,
      '2025-01-20',
      run(empty, submitted),
    ),
  CPPCC_PROPOSER_KIND_NOT_ALLOWED: () =>
    issuesOf(
      applyProposalCommand(
        empty,
        { type: 'submit', draft: draft('X', { kind: 'sector', sector: 'economy' }) },
        {
          ...context(as.office, '2025-01-09'),
          rules: { ...rules, proposals: { ...rules.proposals, proposerKinds: ['member'] } },
        },
      ),
    ),
  CPPCC_JOINT_SIZE: () => submit({ kind: 'joint', members: ['M07'] }),
  CPPCC_OUTSIDE_SUBMISSION_WINDOW: () => submit({ kind: 'member', member: 'M07' }, '2025-01-12'),
  CPPCC_UNKNOWN_SUBJECT_AREA: () =>
    submit({ kind: 'member', member: 'M07' }, '2025-01-09', { subjectArea: 'astrology' }),
  CPPCC_UNKNOWN_PROPOSAL: () => act({ type: 'file', proposal: 'P9' }),
  CPPCC_MERGE_TARGET_INVALID: () =>
    act({ type: 'merge', proposal: 'P3', into: 'P3' }, as.committee, '2025-01-20', run(empty, submitted)),
  CPPCC_LEAD_ALSO_CO_UNIT: () =>
    act(
      { type: 'assign', proposal: 'P1', lead: 'housing', coUnits: ['housing'] },
      as.committee,
      '2025-02-10',
      afterReview,
    ),
  CPPCC_TOO_MANY_CO_UNITS: () =>
    act(
      { type: 'assign', proposal: 'P1', lead: 'housing', coUnits: ['a', 'b', 'c', 'd'] },
      as.committee,
      '2025-02-10',
      afterReview,
    ),
  CPPCC_REASSIGNMENT_LIMIT: () =>
    act(
      { type: 'request_reassignment', proposal: 'P4', reason: '再次申请' },
      as.unit('agriculture'),
      '2025-02-13',
      run(pending, [
        [
          { type: 'decide_reassignment', proposal: 'P4', decision: 'refuse', reason: '属主责' },
          as.committee,
          '2025-02-12',
        ],
      ]),
    ),
  CPPCC_REASSIGNMENT_WINDOW_CLOSED: () =>
    act(
      { type: 'request_reassignment', proposal: 'P2', reason: '非本单位职能' },
      as.unit('transport'),
      '2025-02-18',
    ),
  CPPCC_REASSIGNMENT_PENDING: () =>
    act(
      { type: 'reply', proposal: 'P4', category: 'resolved', text: '已办' },
      as.unit('agriculture'),
      '2025-02-12',
      pending,
    ),
  CPPCC_NO_REASSIGNMENT_PENDING: () =>
    act({ type: 'decide_reassignment', proposal: 'P4', decision: 'refuse', reason: '否' }),
  CPPCC_UNIT_ALREADY_ASSIGNED: () =>
    act(
      { type: 'decide_reassignment', proposal: 'P4', decision: 'approve', to: 'finance' },
      as.committee,
      '2025-02-12',
      pending,
    ),
  CPPCC_CO_OPINION_EXISTS: () =>
    act(
      { type: 'co_opinion', proposal: 'P4', text: '再次' },
      as.unit('finance'),
      '2025-03-13',
      run(afterAssignment, [
        [{ type: 'co_opinion', proposal: 'P4', text: '支持' }, as.unit('finance'), '2025-03-12'],
      ]),
    ),
  CPPCC_RATING_WINDOW_OPEN: () =>
    act({ type: 'close_unrated', proposal: 'P2' }, as.office, '2025-03-20', replied),
  CPPCC_KEY_LIMIT_REACHED: () =>
    issuesOf(
      applyProposalCommand(
        replied,
        { type: 'designate_key', proposal: 'P1', supervisor: 'M02' },
        {
          ...context(as.chairs, '2025-02-28'),
          rules: {
            ...rules,
            proposals: {
              ...rules.proposals,
              keyProposals: { ...rules.proposals.keyProposals, maxPerMeeting: 1 },
            },
          },
        },
      ),
    ),
  CPPCC_ALREADY_KEY: () =>
    act({ type: 'designate_key', proposal: 'P2', supervisor: 'M02' }, as.chairs, '2025-02-28', replied),
  CPPCC_SUPERVISOR_NOT_ELIGIBLE: () =>
    act({ type: 'designate_key', proposal: 'P2', supervisor: 'M04' }, as.chairs, '2025-02-20'),
  CPPCC_NOT_KEY_PROPOSAL: () =>
    act({ type: 'supervise', proposal: 'P4', summary: '督办' }, as.chair('M01'), '2025-02-21'),
  CPPCC_REPLY_OVERDUE: () => followUp(find(afterAssignment, 'P4'), '2025-05-20'),
  CPPCC_REPLY_LATE: () => followUp(find(book, 'P4'), '2025-06-30'),
  CPPCC_CO_OPINION_OVERDUE: () => followUp(find(book, 'P4'), '2025-06-30'),
  CPPCC_KEY_NOT_SUPERVISED: () => followUp(find(replied, 'P2'), '2025-03-01'),
  CPPCC_NOT_RATED: () => followUp(find(replied, 'P2'), '2025-04-30'),
  CPPCC_IDEMPOTENCY_CONFLICT: () => duty(record('o1', 'M07', 'speech', '2025-01-10')),
  CPPCC_DUTY_NO_RULES_AT_DATE: () => duty(record('x', 'M07', 'speech', '2024-03-01'), ledger, history),
  CPPCC_DUTY_UNKNOWN_ITEM: () => duty(record('x', 'M07', 'dancing', '2025-03-01')),
  CPPCC_DUTY_SECTOR_NOT_ELIGIBLE: () => duty(record('x', 'M16', 'speech', '2025-03-01')),
  CPPCC_DUTY_RECORDER_NOT_ALLOWED: () =>
    duty(record('x', 'M07', 'speech', '2025-03-01', { by: { role: 'liaison_group', id: 'T2' } })),
  CPPCC_DUTY_OUTSIDE_TOWNSHIP: () =>
    duty(
      record('x', 'M08', 'inspection_survey', '2025-03-01', {
        quantity: 1,
        by: { role: 'liaison_group', id: 'T2' },
      }),
    ),
  CPPCC_DUTY_INVALID_QUANTITY: () => duty(record('x', 'M07', 'inspection_survey', '2025-03-01')),
  CPPCC_DUTY_EVIDENCE_REQUIRED: () => duty(record('x', 'M07', 'social_report_adopted', '2025-03-01')),
  CPPCC_DUTY_DATE_AFTER_RECORDING: () =>
    duty(record('x', 'M07', 'speech', '2025-03-01', { on: d('2025-02-28') })),
  CPPCC_DUTY_UNKNOWN_RECORD: () => duty(reversal('nothing')),
  CPPCC_DUTY_ALREADY_REVERSED: () =>
    duty(
      { ...reversal('o1'), key: 'again' } as DutyLedgerInput,
      unwrap(appendDuty(ledger, reversal('o1'), dutyContext)).ledger,
    ),
  CPPCC_DUTY_SOURCE_MANAGED: () =>
    duty(
      record('x', 'M07', 'proposal_lead', '2025-03-01', {
        source: { kind: 'proposal', id: 'cppcc-10-3/P1' },
      }),
    ),
  CPPCC_DUTY_BELOW_MINIMUM: () => unwrap(dutyYear(ledger, 2025, dutyContext)).findings,
  CPPCC_ATTENDANCE_MISSING: () => standingCall(standing.slice(1)),
  CPPCC_ATTENDANCE_NOT_EXPECTED: () => standingCall([...standing, { member: 'M07', status: 'attended' }]),
  CPPCC_UNKNOWN_VILLAGE: () => village({ village: 'V99' }),
  CPPCC_VILLAGE_KIND_NOT_ALLOWED: () =>
    issuesOf(
      startVillageConsultation(
        { id: 'VC1', village: 'V01', topic: '村道硬化', participants },
        {
          ...villageCtx(),
          profile: {
            ...profile,
            cppcc: {
              ...profile.cppcc,
              village: {
                ...profile.cppcc.village,
                participantKinds: ['villager_representative', 'party_member'],
              },
            },
          },
        },
      ),
    ),
  CPPCC_VILLAGE_KIND_MISSING: () =>
    village({ participants: participants.filter((p) => p.kind !== 'party_member') }),
  CPPCC_VILLAGE_TOO_FEW_PARTICIPANTS: () =>
    village({ participants: participants.slice(0, 3).concat(people('party_member', 1)) }),
  CPPCC_VILLAGE_REPRESENTATIVES_MINORITY: () =>
    village({ participants: [...participants, ...people('resident', 4)] }),
  CPPCC_VILLAGE_CPPCC_NOT_LOCAL: () =>
    village({
      participants: [...participants, { id: 'c', name: '黄委员', kind: 'cppcc_member', member: 'M07' }],
    }),
  CPPCC_VILLAGE_NOT_PARTICIPANT: () => hold({ attendees: [...ids, 'stranger'] }),
  CPPCC_VILLAGE_NO_QUORUM: () => hold({ attendees: ids.slice(0, 5) }),
  CPPCC_VILLAGE_VOTES_INVALID: () =>
    hold({ outcome: { decision: 'agreed', summary: '通过', votes: { for: 10, against: 0, abstain: 0 } } }),
  CPPCC_VILLAGE_NOT_PASSED: () =>
    hold({ outcome: { decision: 'agreed', summary: '通过', votes: { for: 4, against: 4, abstain: 1 } } }),
};

/** The committee check's own codes are sampled too: a member in a sector the profile lacks. */
export const committeeSample = () =>
  checkCommittee(
    {
      ...committee,
      roster: {
        ...committee.roster,
        members: committee.roster.members.map((m) => (m.id === 'M07' ? { ...m, sector: 'astronomy' } : m)),
      },
    },
    profile,
  ).issues;
