import {
  type Consultation,
  decideAdoption,
  type ImplementationTask,
  implementationReport,
  itemProgress,
  planImplementation,
  recordProgress,
  taskProgress,
  unwrap,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodiesOf, committeeLed, d, refused, rules, scriptTo, started, TOWN_B } from './fixtures.js';

const b = bodiesOf(TOWN_B);
const origination = committeeLed(
  'B-1',
  TOWN_B,
  { title: '顺和家园提升改造，打造精品小区', form: { kind: 'thematic', topicKind: 'public_concern' } },
  d('2026-02-01'),
);
const completed: Consultation = scriptTo(
  started('C-B', origination, d('2026-02-02')),
  'completed',
  d('2026-02-03'),
);
const ctx = (by = b.government, on = '2026-04-06') => ({ by, on: d(on), rules });
const adopted = unwrap(
  decideAdoption(completed, { itemId: 'P1', decision: 'adopted' }, ctx(b.partyCommittee, '2026-04-01')),
);
const planned = unwrap(
  planImplementation(
    adopted,
    {
      itemId: 'P1',
      owner: '镇社会事务办',
      dueOn: d('2026-10-31'),
      tasks: [
        { id: 'rules', title: '修订村规民约', weight: 1 },
        {
          id: 'campaign',
          title: '“我心中的最美家园”创建活动',
          weight: 3,
          subTasks: [
            { id: 'launch', title: '启动', weight: 1 },
            { id: 'appraise', title: '评选', weight: 2, dueOn: d('2026-09-30') },
          ],
        },
      ],
    },
    ctx(b.government, '2026-04-05'),
  ),
);

describe('adoption 采纳 per item', () => {
  it('records the decision, who and when', () => {
    expect(adopted.adoptions).toEqual([
      { itemId: 'P1', decision: 'adopted', on: '2026-04-01', by: b.partyCommittee },
    ]);
    expect(adopted.events.at(-1)).toMatchObject({
      type: 'adoption_decided',
      itemId: 'P1',
      decision: 'adopted',
    });
  });

  it('refuses before the outcomes are reported (CONSULTATION_NOT_COMPLETED)', () => {
    const meeting = scriptTo(started('C-B2', origination, d('2026-02-02')), 'report', d('2026-02-03'));
    refused(
      decideAdoption(meeting, { itemId: 'P1', decision: 'adopted' }, ctx()),
      'CONSULTATION_NOT_COMPLETED',
    );
  });

  it('refuses an unknown item, a second decision, the liaison group deciding, and an earlier date', () => {
    refused(
      decideAdoption(completed, { itemId: 'P9', decision: 'adopted' }, ctx()),
      'CONSULTATION_UNKNOWN_ITEM',
    );
    const again = refused(
      decideAdoption(adopted, { itemId: 'P1', decision: 'not_adopted', reason: 'x' }, ctx()),
      'CONSULTATION_ADOPTION_ALREADY_DECIDED',
    );
    expect(again.details).toEqual({ itemId: 'P1', decision: 'adopted', on: '2026-04-01' });
    refused(
      decideAdoption(completed, { itemId: 'P2', decision: 'adopted' }, ctx(b.liaisonGroup)),
      'CONSULTATION_ROLE_NOT_ALLOWED',
    );
    refused(
      decideAdoption(completed, { itemId: 'P2', decision: 'adopted' }, ctx(b.government, '2026-01-01')),
      'CONSULTATION_DATE_BEFORE_PREVIOUS',
    );
  });

  it('needs a reason to decline an item (CONSULTATION_ADOPTION_REASON_REQUIRED), unless the county waives it', () => {
    refused(
      decideAdoption(completed, { itemId: 'P2', decision: 'not_adopted', reason: '  ' }, ctx()),
      'CONSULTATION_ADOPTION_REASON_REQUIRED',
    );
    const lenient = { ...rules, adoption: { requireReasonWhenNotAdopted: false } };
    expect(
      decideAdoption(completed, { itemId: 'P2', decision: 'not_adopted' }, { ...ctx(), rules: lenient }).ok,
    ).toBe(true);
  });
});

describe('implementation 办理落实', () => {
  it('refuses to plan an item not adopted or undecided (CONSULTATION_ITEM_NOT_ADOPTED)', () => {
    const input = { itemId: 'P2', owner: '镇建设办', tasks: [{ id: 't', title: 't' }] };
    expect(
      refused(planImplementation(adopted, input, ctx()), 'CONSULTATION_ITEM_NOT_ADOPTED').details,
    ).toEqual({
      itemId: 'P2',
      decision: null,
    });
    const declined = unwrap(
      decideAdoption(adopted, { itemId: 'P2', decision: 'not_adopted', reason: '不具备条件' }, ctx()),
    );
    expect(
      refused(planImplementation(declined, input, ctx()), 'CONSULTATION_ITEM_NOT_ADOPTED').message.en,
    ).toContain('was not adopted');
  });

  it('refuses a second plan, an empty owner or task list, task ids used twice and non-positive weights', () => {
    refused(
      planImplementation(planned, { itemId: 'P1', owner: 'x', tasks: [{ id: 't', title: 't' }] }, ctx()),
      'CONSULTATION_IMPLEMENTATION_EXISTS',
    );
    const bad = planImplementation(
      adopted,
      {
        itemId: 'P1',
        owner: '',
        tasks: [
          { id: 'a', title: 'A', weight: 0 },
          { id: 'b', title: 'B', subTasks: [{ id: 'a', title: 'A2', weight: -1 }] },
        ],
      },
      ctx(),
    );
    refused(bad, 'CONSULTATION_EMPTY_FIELD');
    expect(refused(bad, 'CONSULTATION_DUPLICATE_ID').path).toEqual(['tasks', 1, 'subTasks', 0, 'id']);
    expect(
      bad.ok
        ? []
        : bad.issues.filter((i) => i.code === 'CONSULTATION_OUT_OF_RANGE').map((i) => i.path.join('.')),
    ).toEqual(['tasks.0.weight', 'tasks.1.subTasks.0.weight']);
    refused(
      planImplementation(adopted, { itemId: 'P1', owner: 'x', tasks: [] }, ctx()),
      'CONSULTATION_EMPTY_FIELD',
    );
  });

  it('refuses progress without a plan, on an unknown task, on a task with sub-tasks, outside 0–100', () => {
    refused(
      recordProgress(adopted, { itemId: 'P1', taskId: 'rules', progress: 10 }, ctx()),
      'CONSULTATION_IMPLEMENTATION_NOT_PLANNED',
    );
    refused(
      recordProgress(planned, { itemId: 'P1', taskId: 'nope', progress: 10 }, ctx()),
      'CONSULTATION_UNKNOWN_TASK',
    );
    const derived = refused(
      recordProgress(planned, { itemId: 'P1', taskId: 'campaign', progress: 10 }, ctx()),
      'CONSULTATION_PROGRESS_DERIVED',
    );
    expect(derived.details).toEqual({ taskId: 'campaign', subTasks: ['launch', 'appraise'] });
    refused(
      recordProgress(planned, { itemId: 'P1', taskId: 'rules', progress: 120 }, ctx()),
      'CONSULTATION_OUT_OF_RANGE',
    );
    refused(
      recordProgress(planned, { itemId: 'P1', taskId: 'rules', progress: 10 }, ctx(b.partyCommittee)),
      'CONSULTATION_ROLE_NOT_ALLOWED',
    );
  });

  it('needs evidence to complete a task (CONSULTATION_EVIDENCE_REQUIRED) and then closes it (CONSULTATION_TASK_COMPLETED)', () => {
    refused(
      recordProgress(planned, { itemId: 'P1', taskId: 'rules', progress: 100 }, ctx()),
      'CONSULTATION_EVIDENCE_REQUIRED',
    );
    const half = unwrap(
      recordProgress(
        planned,
        { itemId: 'P1', taskId: 'rules', progress: 50, evidence: [{ title: '村民代表会议记录' }] },
        ctx(b.government, '2026-04-10'),
      ),
    );
    // Evidence given earlier counts.
    const done = unwrap(
      recordProgress(
        half,
        { itemId: 'P1', taskId: 'rules', progress: 100 },
        ctx(b.liaisonGroup, '2026-05-01'),
      ),
    );
    const task = done.implementations[0]!.tasks[0]!;
    expect([task.startedOn, task.completedOn, task.evidence.length]).toEqual(['2026-04-10', '2026-05-01', 1]);
    refused(
      recordProgress(done, { itemId: 'P1', taskId: 'rules', progress: 90 }, ctx(b.government, '2026-05-02')),
      'CONSULTATION_TASK_COMPLETED',
    );
  });

  it('rolls progress up by weight, and marks overdue work', () => {
    let c = unwrap(
      recordProgress(
        planned,
        { itemId: 'P1', taskId: 'rules', progress: 100, evidence: [{ title: '新村规民约' }] },
        ctx(b.government, '2026-05-01'),
      ),
    );
    c = unwrap(
      recordProgress(
        c,
        { itemId: 'P1', taskId: 'launch', progress: 100, evidence: [{ title: '启动仪式' }] },
        ctx(b.government, '2026-06-01'),
      ),
    );
    c = unwrap(
      recordProgress(c, { itemId: 'P1', taskId: 'appraise', progress: 40 }, ctx(b.government, '2026-07-01')),
    );
    // campaign = (1 × 100 + 2 × 40) / 3 = 60; item = (1 × 100 + 3 × 60) / 4 = 70
    expect(itemProgress(c.implementations[0]!)).toBeCloseTo(70);
    const report = implementationReport(c, d('2026-10-15'));
    const item = report.items[0]!;
    expect([item.status, item.progress, item.startedOn, item.completedOn]).toEqual([
      'in_progress',
      70,
      '2026-05-01',
      null,
    ]);
    const campaign = item.tasks[1]!;
    expect(campaign.progress).toBeCloseTo(60);
    expect(campaign.subTasks.map((t) => [t.id, t.status])).toEqual([
      ['launch', 'completed'],
      ['appraise', 'overdue'],
    ]);
    expect(implementationReport(c, d('2026-11-01')).items[0]!.status).toBe('overdue');
    expect(item.evidence.map((e) => e.title)).toEqual(['新村规民约', '启动仪式']);
  });
});

describe('roll-up algebra', () => {
  const leaf = (id: string, weight: number, progress: number): ImplementationTask => ({
    id,
    title: id,
    weight,
    progress,
    evidence: [],
    subTasks: [],
  });
  const tree: fc.Arbitrary<ImplementationTask> = fc.letrec<{ task: ImplementationTask }>((tie) => ({
    task: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .record({ w: fc.integer({ min: 1, max: 9 }), p: fc.integer({ min: 0, max: 100 }) })
        .map(({ w, p }) => leaf('l', w, p)),
      fc
        .record({
          w: fc.integer({ min: 1, max: 9 }),
          subs: fc.array(tie('task'), { minLength: 1, maxLength: 4 }),
        })
        .map(({ w, subs }) => ({ ...leaf('n', w, 0), subTasks: subs })),
    ),
  })).task;

  it('stays within 0–100, between its lowest and highest leaf, and ignores a common scale of sibling weights', () => {
    const leaves = (t: ImplementationTask): number[] =>
      t.subTasks.length === 0 ? [t.progress] : t.subTasks.flatMap(leaves);
    const scale = (t: ImplementationTask, k: number): ImplementationTask => ({
      ...t,
      subTasks: t.subTasks.map((s) => ({ ...scale(s, k), weight: s.weight * k })),
    });
    fc.assert(
      fc.property(tree, fc.integer({ min: 2, max: 7 }), (t, k) => {
        const p = taskProgress(t);
        const all = leaves(t);
        expect(p).toBeGreaterThanOrEqual(Math.min(...all) - 1e-9);
        expect(p).toBeLessThanOrEqual(Math.max(...all) + 1e-9);
        expect(taskProgress(scale(t, k))).toBeCloseTo(p, 9);
      }),
    );
  });
});
