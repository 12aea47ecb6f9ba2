// A plenary meeting's proposals through their whole handling (seed 2: 提案 and their handling as a
// county CPPCC runs them), on the 2025 working-day calendar.
import {
  applyProposalCommand,
  emptyProposalBook,
  handlingDeadline,
  meetingLabel,
  PROPOSAL_TRANSITIONS,
  proposalActionsFrom,
  proposalFollowUp,
  proposalNumberLabel,
  submissionWindow,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import {
  afterAssignment,
  afterReview,
  as,
  book,
  calendar,
  codes,
  committee,
  context,
  d,
  draft,
  empty,
  meeting,
  proposal,
  refused,
  rules,
  run,
  submitted,
} from './fixtures.js';

describe('submission within the plenary meeting’s window', () => {
  it('opens 30 days before the meeting and closes when it closes', () => {
    expect(submissionWindow(meeting, rules)).toEqual({ from: '2024-12-09', to: '2025-01-11' });
  });

  it('takes a member’s, a joint, a sector’s proposal in the window', () => {
    const b = run(empty, submitted);
    expect(b.proposals.map((p) => [p.id, p.status, p.proposer.kind])).toEqual([
      ['P1', 'submitted', 'member'],
      ['P2', 'submitted', 'joint'],
      ['P3', 'submitted', 'member'],
      ['P4', 'submitted', 'sector'],
      ['P5', 'submitted', 'member'],
    ]);
    expect(b.lastNumber).toBe(0);
  });

  it.each([
    ['2024-12-08', 'the day before the window opens'],
    ['2025-01-12', 'the day after the meeting closes'],
  ])('refuses a proposal on %s (%s)', (on) => {
    const step = [
      { type: 'submit', draft: draft('X', { kind: 'member', member: 'M07' }) },
      as.member('M07'),
      on,
    ] as const;
    expect(codes(refused(empty, step))).toEqual(['CPPCC_OUTSIDE_SUBMISSION_WINDOW']);
  });

  it('refuses everything wrong with a proposal at once', () => {
    const bad = draft(
      '',
      { kind: 'joint', members: ['M08', 'M08', 'X99'] },
      {
        title: '关'.repeat(51),
        reasons: ' ',
        subjectArea: 'astrology',
      },
    );
    expect(
      codes(refused(empty, [{ type: 'submit', draft: bad }, as.member('M08'), '2025-01-09'])).sort(),
    ).toEqual(
      [
        'CPPCC_DUPLICATE_ID',
        'CPPCC_EMPTY_FIELD',
        'CPPCC_EMPTY_FIELD',
        'CPPCC_TEXT_TOO_LONG',
        'CPPCC_UNKNOWN_MEMBER',
        'CPPCC_UNKNOWN_SUBJECT_AREA',
      ].sort(),
    );
  });

  it('lets a member put only their own proposal, and the office any', () => {
    const mine = draft('X', { kind: 'member', member: 'M07' });
    expect(codes(refused(empty, [{ type: 'submit', draft: mine }, as.member('M08'), '2025-01-09']))).toEqual([
      'CPPCC_ACTOR_MISMATCH',
    ]);
    expect(refused(empty, [{ type: 'submit', draft: mine }, as.office, '2025-01-09'])).toEqual([]);
    expect(
      codes(refused(empty, [{ type: 'submit', draft: mine }, as.unit('housing'), '2025-01-09'])),
    ).toEqual(['CPPCC_ROLE_NOT_ALLOWED']);
  });

  it('knows the bodies that may put proposals, and only the county’s members', () => {
    const body = (proposer: Parameters<typeof draft>[1]) =>
      codes(refused(empty, [{ type: 'submit', draft: draft('X', proposer) }, as.office, '2025-01-09']));
    expect(body({ kind: 'sector', sector: 'astronomy' })).toEqual(['CPPCC_UNKNOWN_SECTOR']);
    expect(body({ kind: 'special_committee', committee: 'space' })).toEqual(['CPPCC_UNKNOWN_COMMITTEE']);
    expect(body({ kind: 'liaison_group', township: 'T9' })).toEqual(['CPPCC_UNKNOWN_TOWNSHIP']);
    expect(body({ kind: 'member', member: 'P01' })).toEqual(['CPPCC_UNKNOWN_MEMBER']);
    expect(body({ kind: 'joint', members: ['M07'] })).toEqual(['CPPCC_JOINT_SIZE']);
    expect(body({ kind: 'liaison_group', township: 'T1' })).toEqual([]);
  });

  it('refuses a kind of proposer a county does not accept', () => {
    const county = {
      ...rules,
      proposals: { ...rules.proposals, proposerKinds: ['member', 'joint'] as const },
    };
    const r = applyProposalCommand(
      empty,
      { type: 'submit', draft: draft('X', { kind: 'sector', sector: 'economy' }) },
      { ...context(as.office, '2025-01-09'), rules: county },
    );
    expect(r.ok ? [] : codes(r.issues)).toEqual(['CPPCC_PROPOSER_KIND_NOT_ALLOWED']);
  });
});

describe('review by the proposals committee: filing, numbering, merging, not filing', () => {
  it('numbers filed proposals per plenary meeting, in filing order', () => {
    expect(afterReview.proposals.map((p) => [p.id, p.status, p.number])).toEqual([
      ['P1', 'filed', 1],
      ['P2', 'filed', 2],
      ['P3', 'merged', null],
      ['P4', 'filed', 3],
      ['P5', 'not_filed', null],
    ]);
    expect(afterReview.lastNumber).toBe(3);
    expect(proposalNumberLabel(meeting, 123)).toEqual({
      zh: '十届三次会议第123号',
      en: 'No. 123, 3rd session of the 10th committee',
    });
    expect(meetingLabel({ term: 12, session: 1 }).zh).toBe('十二届一次会议');
  });

  it('starts numbering again at the next plenary meeting', () => {
    const next = emptyProposalBook({
      ...meeting,
      id: 'cppcc-10-4',
      session: 4,
      opensOn: d('2026-01-07'),
      closesOn: d('2026-01-10'),
    });
    const b = run(next, [
      [
        { type: 'submit', draft: draft('Q1', { kind: 'member', member: 'M07' }) },
        as.member('M07'),
        '2026-01-08',
      ],
      [{ type: 'file', proposal: 'Q1' }, as.committee, '2026-01-19'],
    ]);
    expect(b.proposals[0]?.number).toBe(1);
  });

  it('merges a proposal into a filed one, which records it', () => {
    expect(proposal(afterReview, 'P3').review).toMatchObject({ decision: 'merged', into: 'P1' });
    expect(proposal(afterReview, 'P1').mergedFrom).toEqual(['P3']);
  });

  it('merges only into another filed proposal not yet replied to', () => {
    const b = run(empty, submitted);
    const merge = (into: string) =>
      codes(refused(b, [{ type: 'merge', proposal: 'P3', into }, as.committee, '2025-01-20']));
    expect(merge('P1')).toEqual(['CPPCC_MERGE_TARGET_INVALID']); // P1 is not filed yet
    expect(merge('P3')).toEqual(['CPPCC_MERGE_TARGET_INVALID']);
    expect(merge('P9')).toEqual(['CPPCC_MERGE_TARGET_INVALID']);
  });

  it('does not file without a reason', () => {
    const b = run(empty, submitted);
    const step = [
      { type: 'not_file', proposal: 'P5', outcome: 'rejected' },
      as.committee,
      '2025-01-20',
    ] as const;
    expect(codes(refused(b, step))).toEqual(['CPPCC_REASON_REQUIRED']);
    expect(proposal(afterReview, 'P5').review).toMatchObject({
      decision: 'not_filed',
      outcome: 'converted_to_opinion',
    });
  });

  it('reviews once: a filed proposal cannot be filed again, and a member cannot review', () => {
    expect(
      codes(refused(afterReview, [{ type: 'file', proposal: 'P1' }, as.committee, '2025-01-21'])),
    ).toEqual(['CPPCC_INVALID_TRANSITION']);
    expect(
      codes(refused(afterReview, [{ type: 'file', proposal: 'P9' }, as.committee, '2025-01-21'])),
    ).toEqual(['CPPCC_UNKNOWN_PROPOSAL']);
    const b = run(empty, submitted);
    expect(codes(refused(b, [{ type: 'file', proposal: 'P1' }, as.member('M07'), '2025-01-20']))).toEqual([
      'CPPCC_ROLE_NOT_ALLOWED',
    ]);
    expect(codes(refused(b, [{ type: 'file', proposal: 'P1' }, as.committee, '2025-01-08']))).toEqual([
      'CPPCC_DATE_BEFORE_PREVIOUS',
    ]);
  });
});

describe('assignment to a lead unit and co-units, with deadlines from the profile', () => {
  it('gives the lead three months and co-units one, moved to the next working day', () => {
    // Assigned Monday 10 February 2025: 10 May is a Saturday, so the lead unit replies by Monday 12 May.
    const p1 = proposal(afterAssignment, 'P1');
    expect(p1.status).toBe('assigned');
    expect(p1.units).toEqual([
      {
        unit: 'housing',
        role: 'lead',
        assignedOn: '2025-02-10',
        dueOn: '2025-05-12',
        dueOnProvisional: false,
      },
      { unit: 'water', role: 'co', assignedOn: '2025-02-10', dueOn: '2025-03-10', dueOnProvisional: false },
    ]);
    expect(p1.rounds).toEqual([
      {
        round: 1,
        startedOn: '2025-02-10',
        dueOn: '2025-05-12',
        dueOnProvisional: false,
        reply: null,
        rating: null,
      },
    ]);
  });

  it('moves a deadline that ends in a holiday week past it, and counts working days across holidays', () => {
    // 1 July + 3 months is 1 October, National Day; the holidays run to 8 October.
    expect(handlingDeadline(d('2025-07-01'), { unit: 'months', count: 3 }, calendar)).toEqual({
      dueOn: '2025-10-09',
      provisional: false,
    });
    // 20 working days from 22 September: Sunday the 28th and Saturday 11 October are make-up working days, 1–8 October are not.
    expect(handlingDeadline(d('2025-09-22'), { unit: 'working_days', count: 20 }, calendar).dueOn).toBe(
      '2025-10-24',
    );
    // 31 January + 1 month is 28 February.
    expect(handlingDeadline(d('2025-01-31'), { unit: 'months', count: 1 }, calendar).dueOn).toBe(
      '2025-02-28',
    );
    expect(handlingDeadline(d('2025-09-30'), { unit: 'days', count: 1 }, calendar).dueOn).toBe('2025-10-09');
  });

  it('marks a deadline counted over a year the calendar does not list yet as provisional', () => {
    expect(handlingDeadline(d('2026-11-02'), { unit: 'months', count: 3 }, calendar)).toEqual({
      dueOn: '2027-02-02',
      provisional: true,
    });
  });

  it('refuses a lead that is also a co-unit, the same co-unit twice and too many co-units', () => {
    const assign = (lead: string, coUnits: string[]) =>
      codes(
        refused(afterReview, [{ type: 'assign', proposal: 'P1', lead, coUnits }, as.committee, '2025-02-10']),
      );
    expect(assign('housing', ['housing'])).toEqual(['CPPCC_LEAD_ALSO_CO_UNIT']);
    expect(assign('housing', ['water', 'water'])).toEqual(['CPPCC_DUPLICATE_ID']);
    expect(assign('housing', ['a', 'b', 'c', 'd'])).toEqual(['CPPCC_TOO_MANY_CO_UNITS']);
    expect(assign('', [])).toEqual(['CPPCC_EMPTY_FIELD']);
    expect(
      codes(
        refused(afterReview, [
          { type: 'assign', proposal: 'P3', lead: 'housing', coUnits: [] },
          as.committee,
          '2025-02-10',
        ]),
      ),
    ).toEqual(['CPPCC_INVALID_TRANSITION']);
  });
});

describe('reassignment at a unit’s request: once, with a reason, within five working days', () => {
  it('replaces the unit and restarts its deadline', () => {
    const p1 = proposal(book, 'P1');
    expect(p1.units.map((u) => [u.unit, u.role, u.assignedOn, u.dueOn])).toEqual([
      ['housing', 'lead', '2025-02-10', '2025-05-12'],
      ['ecology_environment', 'co', '2025-02-14', '2025-03-14'],
    ]);
    expect(p1.reassignments).toEqual([
      expect.objectContaining({
        unit: 'water',
        decision: expect.objectContaining({ approved: true, to: 'ecology_environment' }),
      }),
    ]);
  });

  it('keeps the unit when the committee refuses, and the unit may not ask again', () => {
    const p4 = proposal(book, 'P4');
    expect(p4.units[0]?.unit).toBe('agriculture');
    expect(p4.reassignments[0]?.decision).toMatchObject({ approved: false });
    const step = [
      { type: 'request_reassignment', proposal: 'P4', reason: '再次申请' },
      as.unit('agriculture'),
      '2025-02-13',
    ] as const;
    const atThatTime = run(afterAssignment, [
      [
        { type: 'request_reassignment', proposal: 'P4', reason: '职能交叉' },
        as.unit('agriculture'),
        '2025-02-11',
      ],
      [
        { type: 'decide_reassignment', proposal: 'P4', decision: 'refuse', reason: '属主责' },
        as.committee,
        '2025-02-12',
      ],
    ]);
    expect(codes(refused(atThatTime, step))).toEqual(['CPPCC_REASSIGNMENT_LIMIT']);
  });

  it('closes the window after five working days', () => {
    // Assigned 10 February; the sixth working day after it is 18 February.
    const step = (on: string) =>
      [
        { type: 'request_reassignment', proposal: 'P2', reason: '非本单位职能' },
        as.unit('transport'),
        on,
      ] as const;
    expect(refused(afterAssignment, step('2025-02-17'))).toEqual([]);
    expect(codes(refused(afterAssignment, step('2025-02-18')))).toEqual(['CPPCC_REASSIGNMENT_WINDOW_CLOSED']);
  });

  it('needs a reason, an assigned unit, and one pending request at a time', () => {
    expect(
      codes(
        refused(afterAssignment, [
          { type: 'request_reassignment', proposal: 'P2', reason: '' },
          as.unit('transport'),
          '2025-02-11',
        ]),
      ),
    ).toEqual(['CPPCC_EMPTY_FIELD']);
    expect(
      codes(
        refused(afterAssignment, [
          { type: 'request_reassignment', proposal: 'P2', reason: '不属本单位' },
          as.unit('housing'),
          '2025-02-11',
        ]),
      ),
    ).toEqual(['CPPCC_ACTOR_MISMATCH']);
    const pending = run(afterAssignment, [
      [
        { type: 'request_reassignment', proposal: 'P4', reason: '职能交叉' },
        as.unit('agriculture'),
        '2025-02-11',
      ],
    ]);
    expect(
      codes(
        refused(pending, [
          { type: 'request_reassignment', proposal: 'P4', reason: '也不属本单位' },
          as.unit('finance'),
          '2025-02-11',
        ]),
      ),
    ).toEqual(['CPPCC_REASSIGNMENT_PENDING']);
    expect(
      codes(
        refused(pending, [
          { type: 'reply', proposal: 'P4', category: 'resolved', text: '已办' },
          as.unit('agriculture'),
          '2025-02-12',
        ]),
      ),
    ).toEqual(['CPPCC_REASSIGNMENT_PENDING']);
    expect(
      codes(
        refused(afterAssignment, [
          { type: 'decide_reassignment', proposal: 'P4', decision: 'refuse', reason: '否' },
          as.committee,
          '2025-02-12',
        ]),
      ),
    ).toEqual(['CPPCC_NO_REASSIGNMENT_PENDING']);
    expect(
      codes(
        refused(pending, [
          { type: 'decide_reassignment', proposal: 'P4', decision: 'approve', to: 'finance' },
          as.committee,
          '2025-02-12',
        ]),
      ),
    ).toEqual(['CPPCC_UNIT_ALREADY_ASSIGNED']);
  });
});

describe('replies, ratings and the second handling', () => {
  it('records the reply category and whether it came in time, in working days', () => {
    const p4 = proposal(book, 'P4');
    // Due Monday 12 May, replied Wednesday 21 May: seven working days late.
    expect(p4.rounds[0]?.reply).toMatchObject({ category: 'resolved', late: true, overdueWorkingDays: 7 });
    expect(proposal(book, 'P1').rounds[0]?.reply).toMatchObject({ category: 'being_resolved', late: false });
  });

  it('counts lateness across a holiday in working days, not calendar days', () => {
    // P2's second handling was due Thursday 3 April; 4–6 April is Qingming, so Monday 7 April is one working day late.
    const p2 = proposal(book, 'P2');
    expect(p2.rounds[1]).toMatchObject({ round: 2, startedOn: '2025-03-03', dueOn: '2025-04-03' });
    expect(p2.rounds[1]?.reply).toMatchObject({ on: '2025-04-07', late: true, overdueWorkingDays: 1 });
  });

  it('counts a reply on the weekend after a Friday deadline as on time', () => {
    const friday = run(afterAssignment, [
      [
        { type: 'reply', proposal: 'P2', category: 'planned', text: '已列入计划' },
        as.unit('transport'),
        '2025-02-11',
      ],
      [
        { type: 'rate', proposal: 'P2', level: 'not_satisfied', reason: '没有时间表' },
        as.member('M08'),
        '2025-02-14',
      ],
    ]);
    expect(proposal(friday, 'P2').rounds[1]?.dueOn).toBe('2025-03-14');
    const saturday = run(friday, [
      [
        { type: 'reply', proposal: 'P2', category: 'planned', text: '时间表已明确' },
        as.unit('transport'),
        '2025-03-15',
      ],
    ]);
    expect(proposal(saturday, 'P2').rounds[1]?.reply).toMatchObject({ late: false, overdueWorkingDays: 0 });
  });

  it('sends a reply the proposer is not satisfied with back once, then closes', () => {
    const p2 = proposal(book, 'P2');
    expect(p2.status).toBe('closed');
    expect(p2.rounds.map((r) => [r.round, r.reply?.category, r.rating?.level])).toEqual([
      [1, 'planned', 'not_satisfied'],
      [2, 'being_resolved', 'not_satisfied'],
    ]);
    expect(p2.events.map((e) => e.type)).toEqual([
      'submitted',
      'filed',
      'assigned',
      'replied',
      'rated',
      'second_handling',
      'replied',
      'rated',
      'closed',
    ]);
  });

  it('lets only the proposer (the lead of a joint proposal) or the office rate, with a reason when not satisfied', () => {
    const replied = run(afterAssignment, [
      [
        { type: 'reply', proposal: 'P2', category: 'planned', text: '已列入计划' },
        as.unit('transport'),
        '2025-02-27',
      ],
    ]);
    const rate = (by: ReturnType<typeof as.member>, level: 'satisfied' | 'not_satisfied', reason?: string) =>
      codes(
        refused(replied, [
          { type: 'rate', proposal: 'P2', level, ...(reason ? { reason } : {}) },
          by,
          '2025-03-03',
        ]),
      );
    expect(rate(as.member('M09'), 'satisfied')).toEqual(['CPPCC_ACTOR_MISMATCH']);
    expect(rate(as.member('M08'), 'not_satisfied')).toEqual(['CPPCC_REASON_REQUIRED']);
    expect(rate(as.office, 'satisfied')).toEqual([]);
    expect(rate(as.unit('transport'), 'satisfied')).toEqual(['CPPCC_ROLE_NOT_ALLOWED']);
  });

  it('lets the lead unit alone reply, and the office close an unrated reply once the window passes', () => {
    expect(
      codes(
        refused(afterAssignment, [
          { type: 'reply', proposal: 'P1', category: 'resolved', text: '已办' },
          as.unit('water'),
          '2025-03-01',
        ]),
      ),
    ).toEqual(['CPPCC_ACTOR_MISMATCH']);
    const replied = run(afterAssignment, [
      [
        { type: 'reply', proposal: 'P2', category: 'planned', text: '已列入计划' },
        as.unit('transport'),
        '2025-02-27',
      ],
    ]);
    // 15 working days after Thursday 27 February: Thursday 20 March.
    const close = (on: string) =>
      codes(refused(replied, [{ type: 'close_unrated', proposal: 'P2' }, as.office, on]));
    expect(close('2025-03-20')).toEqual(['CPPCC_RATING_WINDOW_OPEN']);
    expect(close('2025-03-21')).toEqual([]);
  });

  it('takes co-units’ opinions once per round, and marks late ones', () => {
    const p1 = proposal(book, 'P1');
    expect(p1.coOpinions).toEqual([
      expect.objectContaining({ unit: 'ecology_environment', round: 1, dueOn: '2025-03-14', late: false }),
    ]);
    expect(
      codes(
        refused(book, [
          { type: 'co_opinion', proposal: 'P1', text: '补充意见' },
          as.unit('ecology_environment'),
          '2025-05-07',
        ]),
      ),
    ).toEqual(['CPPCC_INVALID_TRANSITION']);
    const again = run(afterAssignment, [
      [{ type: 'co_opinion', proposal: 'P4', text: '支持' }, as.unit('finance'), '2025-03-12'],
    ]);
    expect(proposal(again, 'P4').coOpinions[0]).toMatchObject({ late: true });
    expect(
      codes(
        refused(again, [
          { type: 'co_opinion', proposal: 'P4', text: '再次支持' },
          as.unit('finance'),
          '2025-03-13',
        ]),
      ),
    ).toEqual(['CPPCC_CO_OPINION_EXISTS']);
    expect(
      codes(
        refused(again, [
          { type: 'co_opinion', proposal: 'P4', text: '意见' },
          as.unit('agriculture'),
          '2025-03-13',
        ]),
      ),
    ).toEqual(['CPPCC_ACTOR_MISMATCH']);
  });
});

describe('key proposals followed by a chair', () => {
  it('is designated by the chairs’ meeting with a chair or vice-chair, who records the supervision', () => {
    const p1 = proposal(book, 'P1');
    expect(p1.key).toMatchObject({ supervisor: 'M02', on: '2025-02-20' });
    expect(p1.supervision).toHaveLength(1);
  });

  it('refuses a supervisor without the post, a second designation, supervision by another chair', () => {
    const designate = (supervisor: string, b = afterAssignment) =>
      codes(refused(b, [{ type: 'designate_key', proposal: 'P2', supervisor }, as.chairs, '2025-02-20']));
    expect(designate('M04')).toEqual(['CPPCC_SUPERVISOR_NOT_ELIGIBLE']); // the secretary-general
    expect(designate('M07')).toEqual(['CPPCC_SUPERVISOR_NOT_ELIGIBLE']);
    expect(designate('M01')).toEqual([]);
    expect(
      codes(
        refused(book, [
          { type: 'designate_key', proposal: 'P1', supervisor: 'M01' },
          as.chairs,
          '2025-05-07',
        ]),
      ),
    ).toEqual(['CPPCC_INVALID_TRANSITION']);
    const keyed = run(afterAssignment, [
      [{ type: 'designate_key', proposal: 'P2', supervisor: 'M01' }, as.chairs, '2025-02-20'],
    ]);
    expect(designate('M02', keyed)).toEqual(['CPPCC_ALREADY_KEY']);
    expect(
      codes(
        refused(keyed, [
          { type: 'supervise', proposal: 'P2', summary: '督办' },
          as.chair('M02'),
          '2025-02-21',
        ]),
      ),
    ).toEqual(['CPPCC_ACTOR_MISMATCH']);
    expect(
      codes(
        refused(keyed, [
          { type: 'supervise', proposal: 'P4', summary: '督办' },
          as.chair('M01'),
          '2025-02-21',
        ]),
      ),
    ).toEqual(['CPPCC_NOT_KEY_PROPOSAL']);
  });

  it('keeps to the profile’s number of key proposals per meeting', () => {
    const county = {
      ...rules,
      proposals: { ...rules.proposals, keyProposals: { ...rules.proposals.keyProposals, maxPerMeeting: 1 } },
    };
    const keyed = run(afterAssignment, [
      [{ type: 'designate_key', proposal: 'P1', supervisor: 'M01' }, as.chairs, '2025-02-20'],
    ]);
    const r = applyProposalCommand(
      keyed,
      { type: 'designate_key', proposal: 'P2', supervisor: 'M02' },
      { ...context(as.chairs, '2025-02-20'), rules: county },
    );
    expect(r.ok ? [] : codes(r.issues)).toEqual(['CPPCC_KEY_LIMIT_REACHED']);
  });
});

describe('follow-up on a day', () => {
  const on = (asOf: string) => ({ asOf: d(asOf), rules, calendar, committee });

  it('flags a reply overdue, in working days', () => {
    const f = proposalFollowUp(proposal(afterAssignment, 'P4'), on('2025-05-20'));
    expect(f).toMatchObject({ dueOn: '2025-05-12', overdueWorkingDays: 6 });
    expect(codes(f.findings)).toEqual([
      'CPPCC_REPLY_OVERDUE',
      'CPPCC_CO_OPINION_OVERDUE',
      'CPPCC_CO_OPINION_OVERDUE',
    ]);
  });

  it('flags a late reply, a co-unit that never answered, a key proposal without supervision, an unrated reply', () => {
    expect(codes(proposalFollowUp(proposal(book, 'P4'), on('2025-06-30')).findings)).toEqual([
      'CPPCC_REPLY_LATE',
      'CPPCC_CO_OPINION_OVERDUE',
    ]);
    const unsupervised = run(afterAssignment, [
      [{ type: 'designate_key', proposal: 'P2', supervisor: 'M01' }, as.chairs, '2025-02-20'],
      [
        { type: 'reply', proposal: 'P2', category: 'planned', text: '已列入计划' },
        as.unit('transport'),
        '2025-02-27',
      ],
    ]);
    const f = proposalFollowUp(proposal(unsupervised, 'P2'), on('2025-04-30'));
    expect(codes(f.findings)).toEqual(['CPPCC_KEY_NOT_SUPERVISED', 'CPPCC_NOT_RATED']);
    expect(f.ratingDueOn).toBe('2025-03-20');
  });

  it('has nothing to say about a proposal handled in time', () => {
    expect(proposalFollowUp(proposal(book, 'P1'), on('2025-06-30')).findings).toEqual([]);
  });
});

describe('the transitions table', () => {
  it('starts every proposal with a submission and lets nothing leave a closed, merged or unfiled proposal', () => {
    expect(proposalActionsFrom(null)).toEqual(['submit']);
    expect(proposalActionsFrom('closed')).toEqual([]);
    expect(proposalActionsFrom('merged')).toEqual([]);
    expect(proposalActionsFrom('not_filed')).toEqual([]);
    expect(PROPOSAL_TRANSITIONS.flatMap((t) => (t.to === 'same' ? [] : t.to))).toContain('second_handling');
  });
});
