/**
 * A small county CPPCC of the seed's kind for scenario tests: a term with a chair, two
 * vice-chairs, a secretary-general, two standing members, a dozen members in two townships, one
 * plenary meeting (十届三次会议, January 2025), and helpers that run acts and return issue codes.
 */
import {
  applyProposalCommand,
  type CppccCommittee,
  type CppccMember,
  emptyProposalBook,
  type Issue,
  type LocalDate,
  type PlenaryMeeting,
  type ProposalActor,
  type ProposalBook,
  type ProposalCommand,
  type ProposalContext,
  type ProposalDraft,
  type Proposer,
  parseLocalDate,
  referenceProfile,
  unwrap,
  workingCalendarOf,
} from '@jiceng/domain';

export const profile = referenceProfile;
export const rules = referenceProfile.cppcc;
export const calendar = workingCalendarOf(referenceProfile);

/** A `LocalDate` from a literal. */
export function d(text: string): LocalDate {
  return unwrap(parseLocalDate(text));
}

const member = (
  id: string,
  name: string,
  sector: string,
  township: string | null,
  origin: CppccMember['origin'] = 'township',
): CppccMember => ({ id, name, level: 'county', sector, township, origin });

export const T1 = 'T1';
export const T2 = 'T2';

export const members: readonly CppccMember[] = [
  member('M01', '王主席', 'cpc', null, 'other'),
  member('M02', '李副主席', 'democratic_parties', T1, 'other'),
  member('M03', '张副主席', 'economy', T2, 'other'),
  member('M04', '刘秘书长', 'cpc', null, 'other'),
  member('M05', '陈常委', 'education', T2, 'other'),
  member('M06', '杨常委', 'economy', T1),
  member('M07', '黄委员', 'economy', T2),
  member('M08', '赵委员', 'agriculture', T1),
  member('M09', '吴委员', 'agriculture', T1),
  member('M10', '周委员', 'education', T2),
  member('M11', '徐委员', 'medicine_health', T2, 'other'),
  member('M12', '孙委员', 'culture_sports', T1),
  member('M16', '马委员', 'social_welfare', T1, 'other'),
  { id: 'P01', name: '朱省委员', level: 'provincial', township: T1, origin: 'other' },
];

export const committee: CppccCommittee = {
  term: 10,
  termStartedOn: d('2023-01-05'),
  roster: { sectors: rules.sectors, members },
  townships: [
    { code: T1, name: '东岗乡' },
    { code: T2, name: '城关镇' },
  ],
  chair: 'M01',
  viceChairs: ['M02', 'M03'],
  secretaryGeneral: 'M04',
  standingMembers: [
    { member: 'M05', resident: true },
    { member: 'M06', resident: false },
  ],
  committeeSeats: [
    { committee: 'proposals', member: 'M05' },
    { committee: 'economy', member: 'M07' },
  ],
  joinedOn: { M16: d('2025-06-01') },
};

/** 十届三次会议. */
export const meeting: PlenaryMeeting = {
  id: 'cppcc-10-3',
  term: 10,
  session: 3,
  opensOn: d('2025-01-08'),
  closesOn: d('2025-01-11'),
};

export const as = {
  member: (id: string): ProposalActor => ({ role: 'member', id }),
  office: { role: 'office', id: 'office' } as ProposalActor,
  committee: { role: 'proposals_committee', id: 'proposals' } as ProposalActor,
  chairs: { role: 'chairs_meeting', id: 'chairs' } as ProposalActor,
  chair: (id: string): ProposalActor => ({ role: 'chair', id }),
  unit: (id: string): ProposalActor => ({ role: 'unit', id }),
  sector: (id: string): ProposalActor => ({ role: 'sector', id }),
};

export function context(by: ProposalActor, on: string): ProposalContext {
  return { by, on: d(on), rules, committee, calendar };
}

export function draft(id: string, proposer: Proposer, overrides: Partial<ProposalDraft> = {}): ProposalDraft {
  return {
    id,
    proposer,
    title: '关于完善镇区污水管网建设的建议',
    reasons: '镇区污水管网不完善，群众反映强烈。',
    suggestions: '一是加大投入；二是分步实施；三是加强维护。',
    subjectArea: 'urban_rural',
    ...overrides,
  };
}

/** One step of a script: the command, who, when. */
export type Step = readonly [ProposalCommand, ProposalActor, string];

/** Runs steps in order; a refused step fails the test with its issues. */
export function run(book: ProposalBook, steps: readonly Step[]): ProposalBook {
  return steps.reduce(
    (b, [command, by, on]) => unwrap(applyProposalCommand(b, command, context(by, on))),
    book,
  );
}

/** The issues a refused step gives (empty when it is accepted). */
export function refused(book: ProposalBook, [command, by, on]: Step): readonly Issue[] {
  const r = applyProposalCommand(book, command, context(by, on));
  return r.ok ? [] : r.issues;
}

export function codes(issues: readonly Issue[]): string[] {
  return issues.map((i) => i.code);
}

export const empty = emptyProposalBook(meeting);

/** The script of the worked example in docs/cppcc.md, up to the replies, and the book it builds. */
export const submitted: readonly Step[] = [
  [{ type: 'submit', draft: draft('P1', { kind: 'member', member: 'M07' }) }, as.member('M07'), '2025-01-09'],
  [
    {
      type: 'submit',
      draft: draft(
        'P2',
        { kind: 'joint', members: ['M08', 'M09', 'M10'] },
        { title: '关于加快垃圾发电项目建设的建议', subjectArea: 'environment' },
      ),
    },
    as.member('M08'),
    '2025-01-10',
  ],
  [
    {
      type: 'submit',
      draft: draft('P3', { kind: 'member', member: 'M09' }, { title: '关于加快镇区污水处理设施建设的建议' }),
    },
    as.member('M09'),
    '2025-01-10',
  ],
  [
    {
      type: 'submit',
      draft: draft(
        'P4',
        { kind: 'sector', sector: 'agriculture' },
        { title: '关于推进高标准农田建设的建议', subjectArea: 'agriculture' },
      ),
    },
    as.office,
    '2025-01-09',
  ],
  [
    {
      type: 'submit',
      draft: draft(
        'P5',
        { kind: 'member', member: 'M11' },
        { title: '关于增加本单位编制的建议', subjectArea: 'other' },
      ),
    },
    as.member('M11'),
    '2025-01-11',
  ],
];

export const reviewed: readonly Step[] = [
  [{ type: 'file', proposal: 'P1' }, as.committee, '2025-01-20'],
  [{ type: 'file', proposal: 'P2' }, as.committee, '2025-01-20'],
  [{ type: 'file', proposal: 'P4' }, as.committee, '2025-01-20'],
  [{ type: 'merge', proposal: 'P3', into: 'P1' }, as.committee, '2025-01-20'],
  [
    {
      type: 'not_file',
      proposal: 'P5',
      outcome: 'converted_to_opinion',
      reason: '属于具体工作建议，转有关部门参考',
    },
    as.committee,
    '2025-01-20',
  ],
];

export const assigned: readonly Step[] = [
  [{ type: 'assign', proposal: 'P1', lead: 'housing', coUnits: ['water'] }, as.committee, '2025-02-10'],
  [{ type: 'assign', proposal: 'P2', lead: 'transport', coUnits: [] }, as.committee, '2025-02-10'],
  [
    { type: 'assign', proposal: 'P4', lead: 'agriculture', coUnits: ['finance', 'natural_resources'] },
    as.committee,
    '2025-02-10',
  ],
];

/** Handling to the end: reassignment, a key proposal, replies, ratings, a second handling. */
export const handled: readonly Step[] = [
  [
    { type: 'request_reassignment', proposal: 'P1', reason: '污水管网不属于本局职能' },
    as.unit('water'),
    '2025-02-12',
  ],
  [
    { type: 'decide_reassignment', proposal: 'P1', decision: 'approve', to: 'ecology_environment' },
    as.committee,
    '2025-02-14',
  ],
  [
    { type: 'request_reassignment', proposal: 'P4', reason: '高标准农田由县农业农村局与财政局共同负责' },
    as.unit('agriculture'),
    '2025-02-17',
  ],
  [
    {
      type: 'decide_reassignment',
      proposal: 'P4',
      decision: 'refuse',
      reason: '事项属于本单位主责，请继续办理',
    },
    as.committee,
    '2025-02-19',
  ],
  [{ type: 'designate_key', proposal: 'P1', supervisor: 'M02' }, as.chairs, '2025-02-20'],
  [
    { type: 'reply', proposal: 'P2', category: 'planned', text: '已列入明年计划。' },
    as.unit('transport'),
    '2025-02-27',
  ],
  [
    { type: 'rate', proposal: 'P2', level: 'not_satisfied', reason: '未明确建设时间表' },
    as.member('M08'),
    '2025-03-03',
  ],
  [
    { type: 'co_opinion', proposal: 'P4', text: '财政局将统筹资金予以支持。' },
    as.unit('finance'),
    '2025-03-05',
  ],
  [
    { type: 'co_opinion', proposal: 'P1', text: '生态环境分局配合做好排放监管。' },
    as.unit('ecology_environment'),
    '2025-03-12',
  ],
  [
    { type: 'supervise', proposal: 'P1', summary: '李副主席带队实地察看镇区污水管网建设。' },
    as.chair('M02'),
    '2025-03-20',
  ],
  [
    {
      type: 'reply',
      proposal: 'P2',
      category: 'being_resolved',
      text: '已明确于年内开工，联系电话 13812345678。',
    },
    as.unit('transport'),
    '2025-04-07',
  ],
  [
    { type: 'rate', proposal: 'P2', level: 'not_satisfied', reason: '仍未开工' },
    as.member('M08'),
    '2025-04-10',
  ],
  [
    { type: 'reply', proposal: 'P1', category: 'being_resolved', text: '镇区污水管网二期工程已开工。' },
    as.unit('housing'),
    '2025-04-30',
  ],
  [{ type: 'rate', proposal: 'P1', level: 'satisfied' }, as.member('M07'), '2025-05-06'],
  [
    { type: 'reply', proposal: 'P4', category: 'resolved', text: '已完成高标准农田建设任务。' },
    as.unit('agriculture'),
    '2025-05-21',
  ],
  [{ type: 'rate', proposal: 'P4', level: 'basically_satisfied' }, as.office, '2025-05-26'],
];

export const afterReview = run(empty, [...submitted, ...reviewed]);
export const afterAssignment = run(afterReview, assigned);
export const book = run(afterAssignment, handled);

export function proposal(b: ProposalBook, id: string) {
  const p = b.proposals.find((x) => x.id === id);
  if (p === undefined) throw new Error(`no proposal ${id}`);
  return p;
}
