/**
 * The seed county of speech 1 (县政协 on 基层协商民主) as test data: its CPPCC roster, three pilot
 * townships, the bodies that act in them, and candidates for consultation groups.
 */
import {
  type Actor,
  applyStageCommand,
  beginOrigination,
  type Candidate,
  type Consultation,
  type ConsultationParticipantCategory,
  type ConsultationRules,
  type ConsultationStage,
  type CppccMember,
  type CppccRoster,
  type Issue,
  type LiaisonGroup,
  type LocalDate,
  type Origination,
  parseLocalDate,
  proposeGroup,
  type Result,
  recordOriginationStep,
  referenceProfile,
  type StageCommand,
  startConsultation,
  type Topic,
  type TopicDraft,
  type Township,
  unwrap,
  type Village,
} from '@jiceng/domain';
import { expect } from 'vitest';

export const rules: ConsultationRules = referenceProfile.consultation;

/** A `LocalDate` from a literal. */
export function d(text: string): LocalDate {
  return unwrap(parseLocalDate(text));
}

/** The three pilot townships of the seed (2025年9月 … xxx岗乡、xxx镇、xxx镇) and the rest of the county. */
export const GANG = 'gang_xiang';
export const TOWN_A = 'town_a';
export const TOWN_B = 'town_b';

export const townships: readonly Township[] = [
  { code: GANG, name: '岗乡' },
  { code: TOWN_A, name: '甲镇' },
  { code: TOWN_B, name: '乙镇' },
  ...Array.from({ length: 9 }, (_, i) => ({ code: `town_${i + 3}`, name: `丙镇${i + 3}` })),
];

/** The bodies of a township, each acting through a named person. */
export function bodiesOf(township: string): {
  partyCommittee: Actor;
  government: Actor;
  liaisonGroup: Actor;
  villageCommittee: Actor;
} {
  return {
    partyCommittee: { id: `${township}-pc`, name: '王书记', role: 'party_committee' },
    government: { id: `${township}-gov`, name: '李镇长', role: 'government' },
    liaisonGroup: { id: `${township}-lg`, name: '张组长', role: 'liaison_group' },
    villageCommittee: { id: `${township}-vc`, name: '赵文书', role: 'village_committee' },
  };
}

export const SECTORS = [
  'cpc',
  'democratic_parties',
  'non_party',
  'youth',
  'women',
  'workers',
  'economy',
  'agriculture',
  'science_technology',
  'education',
  'culture_health',
  'social_welfare',
].map((code, i) => ({ code, name: { zh: `界别${i + 1}`, en: `sector ${i + 1}` } }));

/**
 * The seed's roster: 258 county members in 12 sectors, 133 recommended by townships, spread over
 * 12 townships with at least 10 each (fixed pseudo-random spread, same every run).
 */
export function seedRoster(): CppccRoster {
  const members: CppccMember[] = [];
  for (let i = 0; i < 258; i++) {
    const township = townships[i % townships.length]!;
    members.push({
      id: `M${String(i + 1).padStart(3, '0')}`,
      name: `委员${i + 1}`,
      level: 'county',
      sector: SECTORS[(i * 7) % SECTORS.length]!.code,
      township: i < 240 ? township.code : null,
      origin: i < 133 ? 'township' : 'other',
    });
  }
  // A provincial member living in town A: a fixed member there, not a county seat.
  members.push({
    id: 'P001',
    name: '省委员甲',
    level: 'provincial',
    township: TOWN_A,
    origin: 'other',
    expertise: ['environment'],
  });
  return { sectors: SECTORS, members };
}

/** A liaison group with all five haves on file for 2026. */
export function liaisonGroupOf(township: string, name: string): LiaisonGroup {
  return {
    township,
    name: `${name}政协联络组`,
    establishedOn: d('2025-03-01'),
    leader: bodiesOf(township).liaisonGroup,
    evidence: {
      place: [{ title: '委员活动室（镇文化站二楼）', reference: 'room-201' }],
      secretary: [{ title: '专职秘书任命文件', reference: '镇党〔2025〕8号', on: d('2025-03-05') }],
      working_rules: [{ title: '乡镇（园区）工作联络组工作规则（试行）', on: d('2025-03-01') }],
      annual_plan: [{ title: '2026年度工作计划', on: d('2026-01-15') }],
      funding: [{ title: '2026年联络组工作经费预算', on: d('2026-01-20') }],
    },
  };
}

const CATEGORIES: readonly ConsultationParticipantCategory[] = [
  'party_congress_deputy',
  'peoples_congress_deputy',
  'mass_organisation',
  'grassroots_organisation_head',
  'enterprise_institution_head',
  'respected_resident',
  'official',
  'expert',
];

/**
 * Candidates for a township's consultation groups: `fixed` CPPCC members living there and three
 * invited candidates per category, with the given expertise on some of them.
 */
export function candidatesOf(
  township: string,
  options: { fixed?: number; expertise?: readonly string[]; invitedPerCategory?: number } = {},
): Candidate[] {
  const { fixed = 12, expertise = [], invitedPerCategory = 3 } = options;
  const out: Candidate[] = [];
  for (let i = 0; i < fixed; i++) {
    out.push({
      kind: 'fixed',
      id: `${township}-F${String(i + 1).padStart(2, '0')}`,
      name: `委员${township}${i + 1}`,
      township,
      ...(i % 3 === 0 ? { expertise } : {}),
    });
  }
  CATEGORIES.forEach((category, c) => {
    for (let j = 0; j < invitedPerCategory; j++) {
      out.push({
        kind: 'invited',
        id: `${township}-I${c}${j}`,
        name: `特邀${c}-${j}`,
        category,
        ...(j === 0 && c % 2 === 1 ? { expertise } : {}),
      });
    }
  });
  return out;
}

/** The villages (communities) of 岗乡: the seed's 22 村(社区). */
export const gangVillages: readonly Village[] = Array.from({ length: 22 }, (_, i) => ({
  code: `gang_v${String(i + 1).padStart(2, '0')}`,
  name: i < 20 ? `第${i + 1}村` : `第${i - 19}社区`,
  township: GANG,
}));

const HAN = /\p{Script=Han}/u;

/**
 * Asserts a refusal carrying `code`, with a Chinese and an English message, and returns that issue.
 */
export function refused<C extends string>(result: Result<unknown, C>, code: C): Issue<C> {
  expect(result.ok, `expected a refusal with ${code}`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  const found = result.issues.find((i) => i.code === code);
  expect(found, `expected ${code} among ${result.issues.map((i) => i.code).join(', ')}`).toBeDefined();
  expect(found!.message.zh).toMatch(HAN);
  expect(found!.message.en).toMatch(/[a-z]{3}/);
  expect(found!.message.en).not.toBe(found!.message.zh);
  return found!;
}

/** The codes of a result's issues (empty when ok). */
export function codes(result: Result<unknown, string>): string[] {
  return result.ok ? [] : result.issues.map((i) => i.code);
}

// ---------------------------------------------------------------------------------------------
// Flows: a topic established on either path, a consultation taken to any stage.

/** Path (a): the party committee proposes with the government and the liaison group. */
export function committeeLed(
  topicId: string,
  township: string,
  draft: TopicDraft,
  on: LocalDate,
  established: readonly Topic[] = [],
): Origination {
  const b = bodiesOf(township);
  return unwrap(
    recordOriginationStep(
      beginOrigination({ topicId, township, path: 'committee_led' }),
      { step: 'jointly_proposed', with: [b.government, b.liaisonGroup], topic: draft },
      { by: b.partyCommittee, on, rules, established },
    ),
  );
}

/** Path (b): the liaison group solicits, drafts, confers and submits; the party committee decides. */
export function liaisonGroupLed(
  topicId: string,
  township: string,
  draft: TopicDraft,
  from: LocalDate,
  established: readonly Topic[] = [],
): Origination {
  const b = bodiesOf(township);
  const ctx = (by: Actor, days: number) => ({ by, on: addDays(from, days), rules, established });
  let o = beginOrigination({ topicId, township, path: 'liaison_group_led' });
  o = unwrap(
    recordOriginationStep(o, { step: 'opinions_solicited', opinionsReceived: 48 }, ctx(b.liaisonGroup, 0)),
  );
  o = unwrap(
    recordOriginationStep(
      o,
      { step: 'topic_drafted', topic: draft, planOutline: '组织协商小组深入调研、征求意见，形成建议书' },
      ctx(b.liaisonGroup, 7),
    ),
  );
  o = unwrap(
    recordOriginationStep(
      o,
      { step: 'conferred_with_government', with: [b.government], note: '镇政府同意列入议题' },
      ctx(b.liaisonGroup, 10),
    ),
  );
  o = unwrap(recordOriginationStep(o, { step: 'submitted_to_committee' }, ctx(b.liaisonGroup, 11)));
  return unwrap(
    recordOriginationStep(o, { step: 'committee_decided', decision: 'approved' }, ctx(b.partyCommittee, 14)),
  );
}

/** `date + days`, for scripting. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, dd] = date.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, dd) + days * 86_400_000;
  return d(new Date(t).toISOString().slice(0, 10));
}

/** Starts a consultation of an established topic with a proposed group. */
export function started(
  id: string,
  origination: Origination,
  on: LocalDate,
  candidates: readonly Candidate[] = candidatesOf(origination.township),
): Consultation {
  const topic = origination.topic!;
  const group = unwrap(proposeGroup(topic, candidates, rules)).group;
  return unwrap(
    startConsultation({ id, origination, group }, { by: bodiesOf(topic.township).liaisonGroup, on, rules }),
  );
}

/** The acts that pass each gate, by the body that performs them, one day apart. */
export function scriptTo(
  consultation: Consultation,
  target: ConsultationStage | 'completed',
  from: LocalDate,
): Consultation {
  const b = bodiesOf(consultation.topic.township);
  let c = consultation;
  let day = 0;
  const act = (command: StageCommand, by: Actor = b.liaisonGroup): void => {
    c = unwrap(applyStageCommand(c, command, { by, on: addDays(from, day++), rules }));
  };
  const order: (ConsultationStage | 'completed')[] = [
    'pre_consultation',
    'plan',
    'research',
    'meeting',
    'report',
    'completed',
  ];
  const reach = (stage: ConsultationStage | 'completed') => order.indexOf(c.status) >= order.indexOf(stage);
  if (reach(target)) return c;
  act({ type: 'communicate', counterpart: 'party_committee', summary: '向镇党委汇报协商意向' });
  act({ type: 'communicate', counterpart: 'government', summary: '与镇政府沟通议题背景' });
  act({ type: 'communicate', counterpart: 'group_members', summary: '向协商小组成员通报议题' });
  act({ type: 'advance', to: 'plan' });
  if (reach(target)) return c;
  act({
    type: 'draft_plan',
    plan: {
      summary: '协商方案',
      objectives: ['摸清群众意见', '形成可操作的建议'],
      researchMethods: ['site_visit', 'forum'],
    },
  });
  act({ type: 'approve_plan' }, b.partyCommittee);
  act({ type: 'advance', to: 'research' });
  if (reach(target)) return c;
  act({ type: 'record_research', method: 'site_visit', summary: '实地走访、倾听民意', residentsHeard: 60 });
  act({ type: 'advance', to: 'meeting' });
  if (reach(target)) return c;
  const attendees = c.group.members.slice(0, Math.ceil(c.group.members.length * 0.8)).map((m) => m.id);
  act({ type: 'hold_meeting', noticeOn: addDays(from, day - 5), attendees, opinions: ['建议一', '建议二'] });
  act({ type: 'advance', to: 'report' });
  if (reach(target)) return c;
  act({
    type: 'submit_report',
    title: '协商建议书',
    items: [
      { id: 'P1', text: '建议一', addressedTo: 'government' },
      { id: 'P2', text: '建议二', addressedTo: 'party_committee' },
    ],
  });
  return c;
}
