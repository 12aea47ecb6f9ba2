/**
 * The seed's pilot topics (speech 1, 二、扎实开展工作试点) taken through both origination paths, all
 * five stages, adoption and implementation:
 *
 * - 甲镇: “完善镇区范围污水管网建设，提升集镇品位” and “加快垃圾发电项目建设步伐，建设美好乡村” —
 *   the group visited sites, listened to residents, proposed advanced technology and publicity,
 *   took resident representatives to see a plant elsewhere, and the projects went ahead;
 * - 乙镇: “顺和家园提升改造，打造精品小区” — the group's proposals (village rules, the “我心中的
 *   最美家园” campaign) were written into the upgrade plan.
 */
import {
  applyStageCommand,
  type Candidate,
  type Consultation,
  canIssue,
  complianceReport,
  consultationTimeline,
  decideAdoption,
  implementationReport,
  planImplementation,
  proposeGroup,
  publicDisclosure,
  recordProgress,
  type StageCommand,
  startConsultation,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import {
  bodiesOf,
  candidatesOf,
  committeeLed,
  d,
  liaisonGroupLed,
  liaisonGroupOf,
  rules,
  TOWN_A,
  TOWN_B,
} from './fixtures.js';

const a = bodiesOf(TOWN_A);
const b = bodiesOf(TOWN_B);

/** 甲镇's candidates: a waste-plant contractor among them, and residents living next to the site. */
function townACandidates(): Candidate[] {
  return [
    ...candidatesOf(TOWN_A, { expertise: ['sewage', 'waste', 'environment'] }),
    {
      kind: 'invited',
      id: 'A-contractor',
      name: '钱经理',
      category: 'enterprise_institution_head',
      expertise: ['waste', 'environment', 'energy'],
      interests: [{ kind: 'contractor', subject: 'waste_to_energy_plant' }],
    },
    {
      kind: 'invited',
      id: 'A-neighbour',
      name: '孙大爷',
      category: 'respected_resident',
      expertise: ['waste'],
      interests: [{ kind: 'affected_resident', subject: 'waste_to_energy_plant' }],
    },
  ];
}

function act(c: Consultation, command: StageCommand, by: typeof a.liaisonGroup, on: string): Consultation {
  return unwrap(applyStageCommand(c, command, { by, on: d(on), rules }));
}

describe('甲镇: sewage network (path a) and waste-to-energy plant (path b)', () => {
  const sewage = committeeLed(
    'A-2026-1',
    TOWN_A,
    {
      title: '完善镇区范围污水管网建设，提升集镇品位',
      form: { kind: 'thematic', topicKind: 'key_work' },
      tags: ['sewage', 'infrastructure'],
      subjects: ['sewage_network'],
    },
    d('2026-02-20'),
  );
  const waste = liaisonGroupLed(
    'A-2026-2',
    TOWN_A,
    {
      title: '加快垃圾发电项目建设步伐，建设美好乡村',
      form: { kind: 'thematic', topicKind: 'public_concern' },
      tags: ['waste', 'environment'],
      subjects: ['waste_to_energy_plant'],
    },
    d('2026-03-01'),
    [sewage.topic!],
  );

  it('establishes both topics, each step recorded with who and when', () => {
    expect(sewage.status).toBe('established');
    expect(sewage.steps.map((s) => [s.step, s.by.role, s.with.map((w) => w.role), s.on])).toEqual([
      ['jointly_proposed', 'party_committee', ['government', 'liaison_group'], '2026-02-20'],
    ]);
    expect(waste.status).toBe('established');
    expect(waste.steps.map((s) => [s.step, s.by.role, s.on])).toEqual([
      ['opinions_solicited', 'liaison_group', '2026-03-01'],
      ['topic_drafted', 'liaison_group', '2026-03-08'],
      ['conferred_with_government', 'liaison_group', '2026-03-11'],
      ['submitted_to_committee', 'liaison_group', '2026-03-12'],
      ['committee_decided', 'party_committee', '2026-03-15'],
    ]);
    expect(waste.topic).toMatchObject({
      id: 'A-2026-2',
      township: TOWN_A,
      year: 2026,
      establishedOn: '2026-03-15',
    });
  });

  it('keeps the plant contractor out of the waste group but consults the neighbours', () => {
    const proposal = unwrap(proposeGroup(waste.topic!, townACandidates(), rules));
    expect(proposal.composition.size).toBe(20);
    expect(proposal.excluded.find((e) => e.candidateId === 'A-contractor')?.reason).toEqual({
      code: 'conflict_of_interest',
      interests: [{ kind: 'contractor', subject: 'waste_to_energy_plant' }],
    });
    const neighbour = proposal.selected.find((s) => s.candidate.id === 'A-neighbour');
    expect(neighbour?.reasons).toContainEqual({ code: 'topic_relevance', matched: ['waste'] });
    // The same contractor may sit on the sewage group: no interest in that topic's subjects.
    const sewageGroup = unwrap(proposeGroup(sewage.topic!, townACandidates(), rules));
    expect(sewageGroup.excluded.find((e) => e.candidateId === 'A-contractor')?.reason.code).not.toBe(
      'conflict_of_interest',
    );
  });

  it('takes the waste-to-energy topic through the five stages to implementation', () => {
    const group = unwrap(proposeGroup(waste.topic!, townACandidates(), rules)).group;
    let c = unwrap(
      startConsultation(
        { id: 'C-A-waste', origination: waste, group },
        { by: a.liaisonGroup, on: d('2026-03-16'), rules },
      ),
    );
    // 商前沟通
    c = act(
      c,
      { type: 'communicate', counterpart: 'party_committee', summary: '汇报协商意向' },
      a.liaisonGroup,
      '2026-03-17',
    );
    c = act(
      c,
      { type: 'communicate', counterpart: 'government', summary: '了解项目进展和群众顾虑' },
      a.liaisonGroup,
      '2026-03-18',
    );
    c = act(
      c,
      { type: 'communicate', counterpart: 'group_members', summary: '通报议题和分工' },
      a.liaisonGroup,
      '2026-03-19',
    );
    c = act(c, { type: 'advance', to: 'plan' }, a.liaisonGroup, '2026-03-20');
    // 协商方案
    c = act(
      c,
      {
        type: 'draft_plan',
        plan: {
          summary: '围绕垃圾发电项目群众顾虑开展协商',
          objectives: ['倾听周边群众意见', '了解先进技术', '提出推进项目的建议'],
          researchMethods: ['site_visit', 'study_tour', 'forum'],
          plannedMeetingOn: d('2026-05-10'),
        },
      },
      a.liaisonGroup,
      '2026-03-22',
    );
    c = act(c, { type: 'approve_plan', note: '同意' }, a.partyCommittee, '2026-03-25');
    c = act(c, { type: 'advance', to: 'research' }, a.liaisonGroup, '2026-03-26');
    // 调查研究: 实地走访、倾听民意 … 组织群众代表赴外地现场参观
    c = act(
      c,
      { type: 'record_research', method: 'site_visit', summary: '实地走访项目周边村组', residentsHeard: 85 },
      a.liaisonGroup,
      '2026-04-02',
    );
    c = act(
      c,
      {
        type: 'record_research',
        method: 'study_tour',
        summary: '组织群众代表赴外地垃圾发电厂现场参观',
        residentsHeard: 30,
      },
      a.liaisonGroup,
      '2026-04-20',
    );
    c = act(c, { type: 'advance', to: 'meeting' }, a.liaisonGroup, '2026-04-25');
    // 协商会议
    const attendees = c.group.members.slice(0, 17).map((m) => m.id);
    c = act(
      c,
      {
        type: 'hold_meeting',
        noticeOn: d('2026-05-03'),
        attendees,
        opinions: ['采用先进技术', '加强宣传引导', '组织群众代表参观'],
      },
      a.liaisonGroup,
      '2026-05-10',
    );
    c = act(c, { type: 'advance', to: 'report' }, a.liaisonGroup, '2026-05-11');
    // 上报协商成果
    c = act(
      c,
      {
        type: 'submit_report',
        title: '关于加快垃圾发电项目建设的协商建议书',
        items: [
          { id: 'P1', text: '采用先进的焚烧和烟气净化技术', addressedTo: 'government' },
          { id: 'P2', text: '加强宣传引导，及时公开项目信息，消除群众顾虑', addressedTo: 'party_committee' },
          { id: 'P3', text: '在项目周边增设休闲广场', addressedTo: 'government' },
        ],
      },
      a.liaisonGroup,
      '2026-05-20',
    );
    expect(c.status).toBe('completed');

    // 成果运用
    const ctx = (by: typeof a.government, on: string) => ({ by, on: d(on), rules });
    c = unwrap(decideAdoption(c, { itemId: 'P1', decision: 'adopted' }, ctx(a.government, '2026-06-01')));
    c = unwrap(decideAdoption(c, { itemId: 'P2', decision: 'adopted' }, ctx(a.partyCommittee, '2026-06-01')));
    c = unwrap(
      decideAdoption(
        c,
        { itemId: 'P3', decision: 'not_adopted', reason: '项目用地红线内不具备条件' },
        ctx(a.government, '2026-06-02'),
      ),
    );
    c = unwrap(
      planImplementation(
        c,
        {
          itemId: 'P1',
          owner: '镇经发办',
          dueOn: d('2026-12-31'),
          tasks: [
            { id: 'tech-select', title: '技术比选', weight: 1 },
            {
              id: 'build',
              title: '设备采购与安装',
              weight: 3,
              subTasks: [
                { id: 'procure', title: '设备采购', weight: 1 },
                { id: 'install', title: '设备安装', weight: 2 },
              ],
            },
          ],
        },
        ctx(a.government, '2026-06-05'),
      ),
    );
    c = unwrap(
      recordProgress(
        c,
        {
          itemId: 'P1',
          taskId: 'tech-select',
          progress: 100,
          evidence: [{ title: '技术比选报告', reference: 'JX-2026-07' }],
        },
        ctx(a.government, '2026-07-01'),
      ),
    );
    c = unwrap(
      recordProgress(c, { itemId: 'P1', taskId: 'procure', progress: 50 }, ctx(a.government, '2026-08-01')),
    );

    const report = implementationReport(c, d('2026-09-30'));
    const p1 = report.items.find((i) => i.itemId === 'P1')!;
    // (1 × 100 + 3 × (1 × 50 + 2 × 0) / 3) / 4 = 37.5
    expect(p1.progress).toBeCloseTo(37.5);
    expect(p1.status).toBe('in_progress');
    expect(p1.startedOn).toBe('2026-07-01');
    expect(report.items.map((i) => i.status)).toEqual(['in_progress', 'not_planned', 'not_adopted']);
    expect(report.adoptedItems).toBe(2);
    expect(report.progress).toBeCloseTo(37.5 / 2);

    const timeline = consultationTimeline(c, rules);
    expect(timeline.stages.map((s) => [s.stage, s.enteredOn, s.leftOn])).toEqual([
      ['pre_consultation', '2026-03-16', '2026-03-20'],
      ['plan', '2026-03-20', '2026-03-26'],
      ['research', '2026-03-26', '2026-04-25'],
      ['meeting', '2026-04-25', '2026-05-11'],
      ['report', '2026-05-11', '2026-05-20'],
    ]);
    expect(timeline.reportDueOn).toBe('2026-06-09');
    expect(timeline.reportLate).toBe(false);

    const view = publicDisclosure(c, rules, d('2026-09-30'));
    expect(Object.keys(view).sort()).toEqual(
      [
        'adoption',
        'asOf',
        'consultationId',
        'implementation',
        'origination',
        'plan',
        'process',
        'proposal',
        'status',
        'topic',
        'township',
      ].sort(),
    );
    expect(view.adoption?.find((x) => x.itemId === 'P3')?.reason).toBe('项目用地红线内不具备条件');
    expect(view.implementation?.map((i) => [i.itemId, i.progress])).toEqual([
      ['P1', 37.5],
      ['P2', 0],
    ]);
  });

  it('takes the sewage topic (path a) through to completed implementation', () => {
    const group = unwrap(proposeGroup(sewage.topic!, townACandidates(), rules)).group;
    let c = unwrap(
      startConsultation(
        { id: 'C-A-sewage', origination: sewage, group },
        { by: a.liaisonGroup, on: d('2026-02-21'), rules },
      ),
    );
    for (const [counterpart, on] of [
      ['party_committee', '2026-02-22'],
      ['government', '2026-02-23'],
      ['group_members', '2026-02-24'],
    ] as const) {
      c = act(c, { type: 'communicate', counterpart, summary: '商前沟通' }, a.liaisonGroup, on);
    }
    c = act(c, { type: 'advance', to: 'plan' }, a.liaisonGroup, '2026-02-25');
    c = act(
      c,
      {
        type: 'draft_plan',
        plan: { summary: '镇区污水管网', objectives: ['摸清管网短板'], researchMethods: ['site_visit'] },
      },
      a.liaisonGroup,
      '2026-02-26',
    );
    c = act(c, { type: 'approve_plan' }, a.partyCommittee, '2026-02-28');
    c = act(c, { type: 'advance', to: 'research' }, a.liaisonGroup, '2026-03-01');
    c = act(
      c,
      { type: 'record_research', method: 'site_visit', summary: '沿街商户和居民走访', residentsHeard: 40 },
      a.liaisonGroup,
      '2026-03-05',
    );
    c = act(c, { type: 'advance', to: 'meeting' }, a.liaisonGroup, '2026-03-06');
    c = act(
      c,
      {
        type: 'hold_meeting',
        noticeOn: d('2026-03-06'),
        attendees: c.group.members.slice(0, 10).map((m) => m.id),
        opinions: ['采用先进技术'],
      },
      a.liaisonGroup,
      '2026-03-10',
    );
    c = act(c, { type: 'advance', to: 'report' }, a.liaisonGroup, '2026-03-10');
    c = act(
      c,
      {
        type: 'submit_report',
        title: '关于完善镇区污水管网建设的协商建议书',
        items: [{ id: 'P1', text: '采用先进技术分期实施雨污分流改造', addressedTo: 'government' }],
      },
      a.liaisonGroup,
      '2026-03-15',
    );
    c = unwrap(
      decideAdoption(
        c,
        { itemId: 'P1', decision: 'adopted' },
        { by: a.government, on: d('2026-03-20'), rules },
      ),
    );
    c = unwrap(
      planImplementation(
        c,
        {
          itemId: 'P1',
          owner: '镇建设办',
          dueOn: d('2026-10-31'),
          tasks: [{ id: 'phase1', title: '一期管网' }],
        },
        { by: a.government, on: d('2026-03-25'), rules },
      ),
    );
    c = unwrap(
      recordProgress(
        c,
        { itemId: 'P1', taskId: 'phase1', progress: 100, evidence: [{ title: '一期管网竣工验收记录' }] },
        { by: a.liaisonGroup, on: d('2026-09-30'), rules },
      ),
    );
    const p1 = implementationReport(c, d('2026-10-01')).items[0]!;
    expect([p1.status, p1.progress, p1.completedOn]).toEqual(['completed', 100, '2026-09-30']);
  });
});

describe('乙镇: 顺和家园 upgrade (path b)', () => {
  const shunhe = liaisonGroupLed(
    'B-2026-1',
    TOWN_B,
    {
      title: '顺和家园提升改造，打造精品小区',
      form: { kind: 'thematic', topicKind: 'public_concern' },
      tags: ['housing', 'property_management'],
      subjects: ['shunhe_garden'],
    },
    d('2026-03-02'),
  );

  it('writes the adopted proposals into the upgrade plan and tracks them to completion', () => {
    const candidates = candidatesOf(TOWN_B, { expertise: ['housing', 'property_management'] });
    let c = unwrap(
      startConsultation(
        {
          id: 'C-B-shunhe',
          origination: shunhe,
          group: unwrap(proposeGroup(shunhe.topic!, candidates, rules)).group,
        },
        { by: b.liaisonGroup, on: d('2026-03-17'), rules },
      ),
    );
    for (const [counterpart, on] of [
      ['party_committee', '2026-03-18'],
      ['government', '2026-03-18'],
      ['group_members', '2026-03-19'],
      ['residents', '2026-03-19'],
    ] as const) {
      c = act(c, { type: 'communicate', counterpart, summary: '商前沟通' }, b.liaisonGroup, on);
    }
    c = act(c, { type: 'advance', to: 'plan' }, b.liaisonGroup, '2026-03-20');
    c = act(
      c,
      {
        type: 'draft_plan',
        plan: {
          summary: '深入调研、征求意见',
          objectives: ['提出提升改造建议'],
          researchMethods: ['survey', 'forum'],
        },
      },
      b.liaisonGroup,
      '2026-03-21',
    );
    c = act(
      c,
      { type: 'return_plan', reason: '请补充物业管理方面的调研内容' },
      b.partyCommittee,
      '2026-03-23',
    );
    c = act(
      c,
      {
        type: 'draft_plan',
        plan: {
          summary: '深入调研、征求意见，兼顾物业管理',
          objectives: ['提出提升改造建议', '改进物业管理'],
          researchMethods: ['survey', 'forum', 'site_visit'],
        },
      },
      b.liaisonGroup,
      '2026-03-25',
    );
    c = act(c, { type: 'approve_plan' }, b.partyCommittee, '2026-03-27');
    c = act(c, { type: 'advance', to: 'research' }, b.liaisonGroup, '2026-03-28');
    c = act(
      c,
      { type: 'record_research', method: 'survey', summary: '入户问卷', residentsHeard: 210 },
      b.liaisonGroup,
      '2026-04-10',
    );
    c = act(c, { type: 'advance', to: 'meeting' }, b.liaisonGroup, '2026-04-15');
    c = act(
      c,
      {
        type: 'hold_meeting',
        noticeOn: d('2026-04-20'),
        attendees: c.group.members.map((m) => m.id),
        opinions: ['发挥村规民约作用', '开展“我心中的最美家园”创建活动', '明确物业管理职责'],
      },
      b.liaisonGroup,
      '2026-04-25',
    );
    c = act(c, { type: 'advance', to: 'report' }, b.liaisonGroup, '2026-04-26');
    c = act(
      c,
      {
        type: 'submit_report',
        title: '关于顺和家园提升改造的协商建议书',
        items: [
          { id: 'P1', text: '发挥村规民约作用', addressedTo: 'party_committee' },
          { id: 'P2', text: '开展“我心中的最美家园”创建活动', addressedTo: 'government' },
          { id: 'P3', text: '明确管理职责、精化物业考评细则、加大奖惩力度', addressedTo: 'government' },
        ],
      },
      b.liaisonGroup,
      '2026-05-06',
    );
    const on = (day: string) => ({ by: b.government, on: d(day), rules });
    c = unwrap(
      decideAdoption(c, { itemId: 'P1', decision: 'adopted' }, { ...on('2026-05-15'), by: b.partyCommittee }),
    );
    c = unwrap(decideAdoption(c, { itemId: 'P2', decision: 'adopted' }, on('2026-05-15')));
    c = unwrap(
      decideAdoption(
        c,
        { itemId: 'P3', decision: 'partially_adopted', reason: '奖惩办法另行制定' },
        on('2026-05-16'),
      ),
    );
    c = unwrap(
      planImplementation(
        c,
        {
          itemId: 'P2',
          owner: '镇社会事务办',
          dueOn: d('2026-11-30'),
          tasks: [
            { id: 'launch', title: '创建活动启动', weight: 1 },
            { id: 'appraise', title: '评选表彰', weight: 1 },
          ],
        },
        on('2026-05-20'),
      ),
    );
    c = unwrap(
      recordProgress(
        c,
        { itemId: 'P2', taskId: 'launch', progress: 100, evidence: [{ title: '启动仪式照片' }] },
        on('2026-06-01'),
      ),
    );
    c = unwrap(
      recordProgress(
        c,
        { itemId: 'P2', taskId: 'appraise', progress: 100, evidence: [{ title: '表彰文件' }] },
        on('2026-11-20'),
      ),
    );
    const report = implementationReport(c, d('2026-12-01'));
    expect(report.items.map((i) => [i.itemId, i.decision, i.status])).toEqual([
      ['P1', 'adopted', 'not_planned'],
      ['P2', 'adopted', 'completed'],
      ['P3', 'partially_adopted', 'not_planned'],
    ]);
    expect(c.plan?.status).toBe('approved');
    expect(c.events.filter((e) => e.type === 'plan_returned')).toHaveLength(1);
    expect(
      publicDisclosure(c, rules, d('2026-12-01')).implementation?.find((i) => i.itemId === 'P2')?.evidence,
    ).toEqual(['启动仪式照片', '表彰文件']);
  });
});

describe('routine consultation before issue, and the year in review', () => {
  it('refuses to issue the annual key-work plan until it has been consulted, then clears it', () => {
    const decision = {
      id: 'A-plan-2026',
      township: TOWN_A,
      itemKind: 'annual_key_work_plan',
      title: '甲镇2026年重点工作安排',
    };
    const before = canIssue(decision, { rules, consultations: [], on: d('2026-01-20') });
    expect(before.ok).toBe(false);
    const routine = committeeLed(
      'A-2026-R1',
      TOWN_A,
      {
        title: '2026年重点工作安排（征求意见稿）',
        form: { kind: 'routine', itemKind: 'annual_key_work_plan', decisionId: decision.id },
      },
      d('2026-01-05'),
    );
    const group = unwrap(proposeGroup(routine.topic!, candidatesOf(TOWN_A), rules)).group;
    let c = unwrap(
      startConsultation(
        { id: 'C-A-R1', origination: routine, group },
        { by: a.liaisonGroup, on: d('2026-01-06'), rules },
      ),
    );
    for (const counterpart of ['party_committee', 'government', 'group_members'] as const) {
      c = act(c, { type: 'communicate', counterpart, summary: '商前沟通' }, a.liaisonGroup, '2026-01-07');
    }
    c = act(c, { type: 'advance', to: 'plan' }, a.liaisonGroup, '2026-01-08');
    c = act(
      c,
      {
        type: 'draft_plan',
        plan: { summary: '审议', objectives: ['提出修改意见'], researchMethods: ['forum'] },
      },
      a.liaisonGroup,
      '2026-01-08',
    );
    c = act(c, { type: 'approve_plan' }, a.partyCommittee, '2026-01-09');
    c = act(c, { type: 'advance', to: 'research' }, a.liaisonGroup, '2026-01-09');
    c = act(
      c,
      { type: 'record_research', method: 'forum', summary: '群众代表座谈', residentsHeard: 15 },
      a.liaisonGroup,
      '2026-01-10',
    );
    c = act(c, { type: 'advance', to: 'meeting' }, a.liaisonGroup, '2026-01-11');
    c = act(
      c,
      {
        type: 'hold_meeting',
        noticeOn: d('2026-01-10'),
        attendees: c.group.members.map((m) => m.id),
        opinions: ['增加民生项目'],
      },
      a.liaisonGroup,
      '2026-01-15',
    );
    const cleared = unwrap(canIssue(decision, { rules, consultations: [c], on: d('2026-01-20') }));
    expect(cleared).toEqual({ required: true, consultationId: 'C-A-R1', meetingOn: '2026-01-15' });

    const report = complianceReport({
      township: TOWN_A,
      year: 2026,
      rules,
      liaisonGroup: liaisonGroupOf(TOWN_A, '甲镇'),
      members: 22,
      consultations: [c],
      decisions: [
        { decision, issuedOn: d('2026-01-20') },
        {
          decision: {
            id: 'A-decision-x',
            township: TOWN_A,
            itemKind: 'important_decision',
            title: '集镇改造重要决策',
          },
          issuedOn: d('2026-02-01'),
        },
      ],
      minutes: { entries: [] },
      villages: [],
      asOf: d('2026-12-31'),
    });
    expect(report.routine).toMatchObject({ required: 2, consultedBeforeIssue: 1, ok: false });
    expect(report.findings.map((f) => f.code)).toEqual([
      'CONSULTATION_THEMATIC_TOO_FEW',
      'CONSULTATION_ROUTINE_NOT_CONSULTED',
      'CONSULTATION_REPORT_LATE',
    ]);
  });
});
