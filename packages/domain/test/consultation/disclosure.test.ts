import {
  type Actor,
  applyStageCommand,
  type Candidate,
  type Consultation,
  type ConsultationRules,
  DISCLOSABLE_FIELDS,
  type DisclosableField,
  decideAdoption,
  planImplementation,
  publicDisclosure,
  recordProgress,
  unwrap,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodiesOf, candidatesOf, committeeLed, d, rules, scriptTo, started, TOWN_B } from './fixtures.js';

/** Personal data that must never appear in the public view. */
const MOBILE = '13812345678';
const RESIDENT_ID = '110105194912310021';
const SECRET = '内部备注-不公开';

const b = bodiesOf(TOWN_B);
// People as a real system holds them: with contact details the domain types do not ask for.
const withPersonalData = <T extends object>(x: T): T => ({ ...x, mobile: MOBILE, residentId: RESIDENT_ID });
const government: Actor = withPersonalData(b.government);
const partyCommittee: Actor = withPersonalData(b.partyCommittee);

function consultation(): Consultation {
  const origination = committeeLed(
    'B-1',
    TOWN_B,
    { title: '顺和家园提升改造，打造精品小区', form: { kind: 'thematic', topicKind: 'public_concern' } },
    d('2026-02-01'),
  );
  const candidates: Candidate[] = candidatesOf(TOWN_B).map((c) =>
    withPersonalData({ ...c, interests: [{ kind: 'affected_resident', subject: SECRET }] }),
  );
  let c = scriptTo(started('C-B', origination, d('2026-02-02'), candidates), 'report', d('2026-02-03'));
  c = unwrap(
    applyStageCommand(
      c,
      {
        type: 'submit_report',
        title: '关于顺和家园提升改造的协商建议书',
        items: [
          { id: 'P1', text: '发挥村规民约作用', addressedTo: 'party_committee' },
          { id: 'P2', text: '开展“我心中的最美家园”创建活动', addressedTo: 'government' },
        ],
      },
      { by: withPersonalData(b.liaisonGroup), on: d('2026-03-01'), rules },
    ),
  );
  c = unwrap(
    decideAdoption(
      c,
      { itemId: 'P1', decision: 'adopted' },
      { by: partyCommittee, on: d('2026-03-10'), rules },
    ),
  );
  c = unwrap(
    decideAdoption(
      c,
      { itemId: 'P2', decision: 'not_adopted', reason: '并入下一年度计划' },
      { by: government, on: d('2026-03-10'), rules },
    ),
  );
  c = unwrap(
    planImplementation(
      c,
      { itemId: 'P1', owner: '镇社会事务办', tasks: [{ id: 't1', title: '修订村规民约' }] },
      { by: government, on: d('2026-03-15'), rules },
    ),
  );
  return unwrap(
    recordProgress(
      c,
      {
        itemId: 'P1',
        taskId: 't1',
        progress: 100,
        evidence: [{ title: '村规民约（修订稿）', reference: SECRET }],
      },
      { by: government, on: d('2026-04-01'), rules },
    ),
  );
}

const c = consultation();
const BASE = ['asOf', 'consultationId', 'status', 'township'];

describe('public disclosure 全过程公开', () => {
  it('shows exactly what the reference profile marks public: everything but the participant list', () => {
    const view = publicDisclosure(c, rules, d('2026-04-30'));
    expect(Object.keys(view).sort()).toEqual([...BASE, ...rules.publicFields].sort());
    expect('participants' in view).toBe(false);
    expect(view.topic).toMatchObject({
      title: '顺和家园提升改造，打造精品小区',
      form: 'thematic',
      kind: { zh: '群众关心的热点难点问题' },
    });
    expect(view.origination?.steps[0]?.by).toEqual({
      name: '王书记',
      role: { zh: '乡镇党委', en: 'township party committee' },
    });
    expect(view.process?.stages.map((s) => s.stage)).toEqual([
      'pre_consultation',
      'plan',
      'research',
      'meeting',
      'report',
    ]);
    expect(view.process?.meeting).toMatchObject({ groupSize: 20, attended: 16, quorum: 10 });
    expect(view.proposal?.items.map((i) => i.text)).toEqual([
      '发挥村规民约作用',
      '开展“我心中的最美家园”创建活动',
    ]);
    expect(view.adoption?.map((a) => [a.itemId, a.label.zh, a.reason])).toEqual([
      ['P1', '采纳', null],
      ['P2', '未采纳', '并入下一年度计划'],
    ]);
    expect(view.implementation).toEqual([
      {
        itemId: 'P1',
        owner: '镇社会事务办',
        status: 'completed',
        progress: 100,
        startedOn: '2026-04-01',
        completedOn: '2026-04-01',
        dueOn: null,
        evidence: ['村规民约（修订稿）'],
        tasks: [
          {
            title: '修订村规民约',
            progress: 100,
            status: 'completed',
            dueOn: null,
            completedOn: '2026-04-01',
            subTasks: [],
          },
        ],
      },
    ]);
  });

  it('contains no personal data beyond names and roles, whatever the profile publishes', () => {
    const everything: ConsultationRules = { ...rules, publicFields: [...DISCLOSABLE_FIELDS] };
    const view = publicDisclosure(c, everything, d('2026-04-30'));
    const json = JSON.stringify(view);
    for (const secret of [
      MOBILE,
      RESIDENT_ID,
      SECRET,
      b.government.id,
      b.partyCommittee.id,
      b.liaisonGroup.id,
    ]) {
      expect(json).not.toContain(secret);
    }
    for (const member of c.group.members) expect(json).not.toContain(`"${member.id}"`);
    // Free-text notes may name people: communication and research summaries and meeting opinions stay internal.
    for (const text of ['向镇党委汇报协商意向', '实地走访、倾听民意', '建议一'])
      expect(json).not.toContain(text);
    expect(view.participants).toHaveLength(20);
    for (const p of view.participants!) expect(Object.keys(p).sort()).toEqual(['name', 'role']);
    expect(view.participants!.filter((p) => p.role.zh === '政协委员（固定成员）')).toHaveLength(12);
    // Every person anywhere in the view is a { name, role } pair.
    const people: unknown[] = [];
    const walk = (x: unknown, key = ''): void => {
      if (Array.isArray(x)) {
        for (const y of x) walk(y, key);
      } else if (x !== null && typeof x === 'object') {
        if (key === 'by' || key === 'with' || key === 'approvedBy') people.push(x);
        for (const [k, v] of Object.entries(x)) walk(v, k);
      }
    };
    walk(view);
    expect(people.length).toBeGreaterThan(5);
    for (const p of people) expect(Object.keys(p as object).sort()).toEqual(['name', 'role']);
  });

  it('holds a part exactly when the profile lists it', () => {
    fc.assert(
      fc.property(fc.subarray([...DISCLOSABLE_FIELDS]), (fields: DisclosableField[]) => {
        const view = publicDisclosure(c, { ...rules, publicFields: fields }, d('2026-04-30'));
        expect(Object.keys(view).sort()).toEqual([...BASE, ...fields].sort());
      }),
      { numRuns: 100 },
    );
  });

  it('shows a plan only once approved, and an empty proposal part before the report', () => {
    const early = scriptTo(
      started(
        'C-B2',
        committeeLed(
          'B-2',
          TOWN_B,
          { title: 't', form: { kind: 'thematic', topicKind: 'key_work' } },
          d('2026-02-01'),
        ),
        d('2026-02-02'),
      ),
      'plan',
      d('2026-02-03'),
    );
    const view = publicDisclosure(early, rules, d('2026-02-10'));
    expect(view.plan).toBeNull();
    expect(view.proposal).toBeNull();
    expect(view.adoption).toEqual([]);
    expect(view.status).toEqual({ zh: '协商方案', en: 'consultation plan' });
  });
});

describe('public disclosure: a phone number typed into published text (issue #12)', () => {
  it('publishes the title, the proposal, the reasons and the tasks with the numbers masked', () => {
    const typed = (text: string) => `${text}（联系人 ${MOBILE}，身份证 ${RESIDENT_ID}）`;
    const leaky: Consultation = {
      ...c,
      topic: { ...c.topic, title: typed('顺和家园提升改造') },
      proposal:
        c.proposal === null
          ? null
          : {
              ...c.proposal,
              title: typed('建议书'),
              items: c.proposal.items.map((i) => ({ ...i, text: typed(i.text) })),
            },
      adoptions: c.adoptions.map((a) => (a.reason === undefined ? a : { ...a, reason: typed(a.reason) })),
    };
    const view = publicDisclosure(
      leaky,
      { ...rules, publicFields: [...DISCLOSABLE_FIELDS] },
      d('2026-04-30'),
    );
    const json = JSON.stringify(view);
    expect(json).not.toContain(MOBILE);
    expect(json).not.toContain(RESIDENT_ID);
    expect(view.topic?.title).toBe('顺和家园提升改造（联系人 138****5678，身份证 110105********0021）');
    expect(view.proposal?.items[0]?.text).toContain('138****5678');
    expect(view.adoption?.[1]?.reason).toContain('110105********0021');
  });
});
