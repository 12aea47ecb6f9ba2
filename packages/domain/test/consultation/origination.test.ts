import {
  beginOrigination,
  nextOriginationStep,
  ORIGINATION_PATHS,
  type Origination,
  type OriginationInput,
  recordOriginationStep,
  type TopicDraft,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { bodiesOf, committeeLed, d, liaisonGroupLed, refused, rules, TOWN_B } from './fixtures.js';

const b = bodiesOf(TOWN_B);
const draft: TopicDraft = {
  title: '顺和家园提升改造，打造精品小区',
  form: { kind: 'thematic', topicKind: 'public_concern' },
  tags: ['housing'],
};
const ctx = (by = b.liaisonGroup, on = '2026-03-02', established = [] as const) => ({
  by,
  on: d(on),
  rules,
  established,
});

function pathB(): Origination {
  return beginOrigination({ topicId: 'B-1', township: TOWN_B, path: 'liaison_group_led' });
}

function upTo(step: number): Origination {
  const inputs: OriginationInput[] = [
    { step: 'opinions_solicited', opinionsReceived: 48 },
    { step: 'topic_drafted', topic: draft, planOutline: '深入调研、征求意见' },
    { step: 'conferred_with_government', with: [b.government] },
    { step: 'submitted_to_committee' },
  ];
  let o = pathB();
  for (const input of inputs.slice(0, step)) o = unwrap(recordOriginationStep(o, input, ctx()));
  return o;
}

describe('path (a): the party committee with the government and the liaison group', () => {
  it('establishes the topic in one joint step', () => {
    const o = committeeLed('B-1', TOWN_B, draft, d('2026-02-10'));
    expect(o.status).toBe('established');
    expect(o.topic).toEqual({
      ...draft,
      id: 'B-1',
      township: TOWN_B,
      year: 2026,
      establishedOn: '2026-02-10',
    });
    expect(nextOriginationStep(o)).toBeNull();
    expect(ORIGINATION_PATHS.committee_led).toEqual(['jointly_proposed']);
  });

  it('refuses a joint proposal without the liaison group or the government (CONSULTATION_ORIGIN_PARTY_MISSING)', () => {
    const o = beginOrigination({ topicId: 'B-1', township: TOWN_B, path: 'committee_led' });
    const found = refused(
      recordOriginationStep(
        o,
        { step: 'jointly_proposed', with: [b.government], topic: draft },
        ctx(b.partyCommittee),
      ),
      'CONSULTATION_ORIGIN_PARTY_MISSING',
    );
    expect(found.details).toEqual({ step: 'jointly_proposed', missing: ['liaison_group'] });
    expect(found.message.zh).toContain('政协联络组');
  });

  it('refuses a joint proposal made by the liaison group itself (CONSULTATION_ROLE_NOT_ALLOWED)', () => {
    const o = beginOrigination({ topicId: 'B-1', township: TOWN_B, path: 'committee_led' });
    const found = refused(
      recordOriginationStep(
        o,
        { step: 'jointly_proposed', with: [b.government, b.liaisonGroup], topic: draft },
        ctx(b.liaisonGroup),
      ),
      'CONSULTATION_ROLE_NOT_ALLOWED',
    );
    expect(found.details).toEqual({ role: 'liaison_group', allowed: ['party_committee'] });
  });

  it('refuses a step of the other path (CONSULTATION_ORIGIN_STEP_NOT_ON_PATH)', () => {
    const o = beginOrigination({ topicId: 'B-1', township: TOWN_B, path: 'committee_led' });
    refused(
      recordOriginationStep(o, { step: 'opinions_solicited', opinionsReceived: 3 }, ctx()),
      'CONSULTATION_ORIGIN_STEP_NOT_ON_PATH',
    );
  });
});

describe('path (b): the liaison group solicits, drafts, confers, submits; the committee decides', () => {
  it('records who and when at every step and establishes the topic on approval', () => {
    const o = liaisonGroupLed('B-1', TOWN_B, draft, d('2026-03-02'));
    expect(o.steps.map((s) => [s.step, s.by.name, s.on])).toEqual([
      ['opinions_solicited', '张组长', '2026-03-02'],
      ['topic_drafted', '张组长', '2026-03-09'],
      ['conferred_with_government', '张组长', '2026-03-12'],
      ['submitted_to_committee', '张组长', '2026-03-13'],
      ['committee_decided', '王书记', '2026-03-16'],
    ]);
    expect(o.steps[0]!.opinionsReceived).toBe(48);
    expect(o.steps[2]!.with.map((w) => w.role)).toEqual(['government']);
    expect(o.planOutline).toBe('组织协商小组深入调研、征求意见，形成建议书');
    expect(o.topic?.establishedOn).toBe('2026-03-16');
  });

  it('lets the committee settle an amended topic', () => {
    const o = unwrap(
      recordOriginationStep(
        upTo(4),
        { step: 'committee_decided', decision: 'approved', topic: { ...draft, title: '顺和家园提升改造' } },
        ctx(b.partyCommittee),
      ),
    );
    expect(o.topic?.title).toBe('顺和家园提升改造');
  });

  it('refuses steps out of order (CONSULTATION_ORIGIN_OUT_OF_ORDER)', () => {
    const found = refused(
      recordOriginationStep(pathB(), { step: 'topic_drafted', topic: draft, planOutline: 'x' }, ctx()),
      'CONSULTATION_ORIGIN_OUT_OF_ORDER',
    );
    expect(found.details).toEqual({ step: 'topic_drafted', expected: 'opinions_solicited' });
    refused(
      recordOriginationStep(
        upTo(2),
        { step: 'committee_decided', decision: 'approved' },
        ctx(b.partyCommittee),
      ),
      'CONSULTATION_ORIGIN_OUT_OF_ORDER',
    );
  });

  it('refuses drafting without solicited opinions (CONSULTATION_ORIGIN_NO_OPINIONS) and negative counts', () => {
    refused(
      recordOriginationStep(pathB(), { step: 'opinions_solicited', opinionsReceived: 0 }, ctx()),
      'CONSULTATION_ORIGIN_NO_OPINIONS',
    );
    refused(
      recordOriginationStep(pathB(), { step: 'opinions_solicited', opinionsReceived: -2 }, ctx()),
      'CONSULTATION_OUT_OF_RANGE',
    );
  });

  it('refuses an empty title, an empty plan outline and an unknown thematic kind', () => {
    const bad = recordOriginationStep(
      upTo(1),
      {
        step: 'topic_drafted',
        topic: { title: ' ', form: { kind: 'thematic', topicKind: 'gossip' } },
        planOutline: '',
      },
      ctx(),
    );
    expect(refused(bad, 'CONSULTATION_EMPTY_FIELD').path).toEqual(['topic', 'title']);
    expect(refused(bad, 'CONSULTATION_THEMATIC_UNKNOWN_KIND').path).toEqual(['topic', 'form', 'topicKind']);
    expect(bad.ok ? [] : bad.issues.map((i) => i.path.join('.'))).toContain('planOutline');
  });

  it('refuses conferring without the government (CONSULTATION_ORIGIN_PARTY_MISSING)', () => {
    refused(
      recordOriginationStep(upTo(2), { step: 'conferred_with_government', with: [] }, ctx()),
      'CONSULTATION_ORIGIN_PARTY_MISSING',
    );
  });

  it('refuses the liaison group deciding, and a date before the previous step', () => {
    refused(
      recordOriginationStep(
        upTo(4),
        { step: 'committee_decided', decision: 'approved' },
        ctx(b.liaisonGroup),
      ),
      'CONSULTATION_ROLE_NOT_ALLOWED',
    );
    const early = refused(
      recordOriginationStep(
        upTo(4),
        { step: 'committee_decided', decision: 'approved' },
        ctx(b.partyCommittee, '2026-03-01'),
      ),
      'CONSULTATION_DATE_BEFORE_PREVIOUS',
    );
    expect(early.details).toEqual({ on: '2026-03-01', previous: '2026-03-02' });
  });

  it('records a rejection with its reason and then takes no more steps (CONSULTATION_ORIGIN_CLOSED)', () => {
    refused(
      recordOriginationStep(
        upTo(4),
        { step: 'committee_decided', decision: 'rejected', note: '' },
        ctx(b.partyCommittee),
      ),
      'CONSULTATION_EMPTY_FIELD',
    );
    const rejected = unwrap(
      recordOriginationStep(
        upTo(4),
        { step: 'committee_decided', decision: 'rejected', note: '已列入县级项目，无需乡镇协商' },
        ctx(b.partyCommittee),
      ),
    );
    expect([rejected.status, rejected.topic]).toEqual(['rejected', null]);
    const closed = refused(
      recordOriginationStep(rejected, { step: 'submitted_to_committee' }, ctx()),
      'CONSULTATION_ORIGIN_CLOSED',
    );
    expect(closed.message.en).toContain('rejected');
  });

  it('refuses a third thematic topic of the liaison group in a year (CONSULTATION_THEMATIC_LIMIT_REACHED)', () => {
    const one = committeeLed('B-0', TOWN_B, draft, d('2026-01-10')).topic!;
    const two = committeeLed('B-00', TOWN_B, draft, d('2026-01-20')).topic!;
    const found = refused(
      recordOriginationStep(
        upTo(4),
        { step: 'committee_decided', decision: 'approved' },
        {
          ...ctx(b.partyCommittee),
          established: [one, two],
        },
      ),
      'CONSULTATION_THEMATIC_LIMIT_REACHED',
    );
    expect(found.details).toMatchObject({ year: 2026, count: 2, max: 2 });
    // Topics of last year do not count.
    const lastYear = committeeLed('B-x', TOWN_B, draft, d('2025-06-01')).topic!;
    expect(
      recordOriginationStep(
        upTo(4),
        { step: 'committee_decided', decision: 'approved' },
        {
          ...ctx(b.partyCommittee),
          established: [one, lastYear],
        },
      ).ok,
    ).toBe(true);
  });
});
