import {
  type Candidate,
  type ConsultationParticipantCategory,
  type ConsultationRules,
  conflictsOf,
  describeExclusion,
  describeSelection,
  proposeGroup,
  type Topic,
  unwrap,
  validateGroup,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatesOf, d, refused, rules, TOWN_A, TOWN_B } from './fixtures.js';

const topic: Topic = {
  id: 'A-2026-2',
  township: TOWN_A,
  year: 2026,
  establishedOn: d('2026-03-15'),
  title: '加快垃圾发电项目建设步伐，建设美好乡村',
  form: { kind: 'thematic', topicKind: 'public_concern' },
  tags: ['waste', 'environment'],
  subjects: ['waste_to_energy_plant'],
};

function group(members: readonly Candidate[]) {
  return { township: TOWN_A, topicId: topic.id, members };
}

const fixed = (n: number, township = TOWN_A): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'fixed', id: `F${i}`, name: `委员${i}`, township }));
const invited = (n: number, category: ConsultationParticipantCategory, prefix = 'I'): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'invited',
    id: `${prefix}${i}`,
    name: `特邀${prefix}${i}`,
    category,
  }));

describe('validateGroup', () => {
  const valid = [...fixed(12), ...invited(4, 'expert', 'E'), ...invited(4, 'respected_resident', 'R')];

  it('accepts 20 members: 12 fixed, 8 invited from 2 categories', () => {
    expect(unwrap(validateGroup(group(valid), topic, rules))).toEqual({
      size: 20,
      fixed: 12,
      invited: 8,
      fixedShare: 0.6,
      invitedCategories: ['respected_resident', 'expert'],
    });
  });

  it('refuses a group below 15 and above 25', () => {
    const small = refused(
      validateGroup(group(valid.slice(0, 14)), topic, rules),
      'CONSULTATION_GROUP_TOO_SMALL',
    );
    expect(small.details).toEqual({ size: 14, min: 15, target: 20 });
    const large = [...fixed(14), ...invited(6, 'expert', 'E'), ...invited(6, 'official', 'O')];
    refused(validateGroup(group(large), topic, rules), 'CONSULTATION_GROUP_TOO_LARGE');
  });

  it('refuses fixed members in the minority', () => {
    const minority = [...fixed(7), ...invited(5, 'expert', 'E'), ...invited(4, 'official', 'O')];
    const found = refused(validateGroup(group(minority), topic, rules), 'CONSULTATION_GROUP_FIXED_MINORITY');
    expect(found.details).toMatchObject({ fixed: 7, size: 16, needed: 8 });
  });

  it('refuses fewer invited categories than the profile asks', () => {
    const one = [...fixed(12), ...invited(6, 'expert', 'E')];
    expect(
      refused(validateGroup(group(one), topic, rules), 'CONSULTATION_GROUP_TOO_FEW_CATEGORIES').details,
    ).toEqual({
      present: 1,
      needed: 2,
    });
  });

  it('refuses an invited category the county does not allow', () => {
    const narrow: ConsultationRules = {
      ...rules,
      group: { ...rules.group, invitedCategories: ['expert', 'official', 'respected_resident'] },
    };
    const mixed = [...fixed(12), ...invited(4, 'expert', 'E'), ...invited(4, 'party_congress_deputy', 'P')];
    refused(validateGroup(group(mixed), topic, narrow), 'CONSULTATION_GROUP_CATEGORY_NOT_ALLOWED');
  });

  it('refuses a member with a conflict of interest, but not an affected resident', () => {
    const contractor: Candidate = {
      kind: 'invited',
      id: 'C1',
      name: '钱经理',
      category: 'enterprise_institution_head',
      interests: [{ kind: 'contractor', subject: 'waste_to_energy_plant' }],
    };
    const neighbour: Candidate = {
      kind: 'invited',
      id: 'N1',
      name: '孙大爷',
      category: 'respected_resident',
      interests: [{ kind: 'affected_resident', subject: 'waste_to_energy_plant' }],
    };
    const found = refused(
      validateGroup(group([...valid.slice(0, 19), contractor]), topic, rules),
      'CONSULTATION_GROUP_CONFLICT_OF_INTEREST',
    );
    expect(found.path).toEqual(['members', 19, 'interests']);
    expect(validateGroup(group([...valid.slice(0, 19), neighbour]), topic, rules).ok).toBe(true);
    expect(conflictsOf(neighbour, topic, rules)).toEqual([]);
    // A contractor of another project is not in conflict here.
    expect(conflictsOf(contractor, { subjects: ['sewage_network'] }, rules)).toEqual([]);
  });

  it('refuses a fixed member from another township, a member twice and a group of another topic', () => {
    const stranger = [...fixed(11), ...fixed(1, TOWN_B).map((f) => ({ ...f, id: 'FB' })), ...valid.slice(12)];
    refused(validateGroup(group(stranger), topic, rules), 'CONSULTATION_GROUP_FIXED_NOT_RESIDENT');
    const twice = [...valid.slice(0, 19), valid[0]!];
    expect(refused(validateGroup(group(twice), topic, rules), 'CONSULTATION_DUPLICATE_ID').details).toEqual({
      id: 'F0',
      index: 19,
      first: 0,
    });
    refused(
      validateGroup({ ...group(valid), topicId: 'other' }, topic, rules),
      'CONSULTATION_GROUP_WRONG_TOPIC',
    );
  });
});

describe('proposeGroup', () => {
  const candidates = candidatesOf(TOWN_A, { expertise: ['waste'] });

  it('picks a group of the target size, fixed first, with a reason for every member and every exclusion', () => {
    const p = unwrap(proposeGroup(topic, candidates, rules));
    expect(p.composition).toMatchObject({ size: 20, fixed: 12, invited: 8 });
    expect(p.composition.invitedCategories.length).toBeGreaterThanOrEqual(2);
    expect(validateGroup(p.group, topic, rules).ok).toBe(true);
    expect(p.selected.every((s) => s.reasons.length > 0)).toBe(true);
    expect(p.selected[0]!.reasons).toEqual([
      { code: 'fixed_member' },
      { code: 'topic_relevance', matched: ['waste'] },
    ]);
    expect(p.selected.length + p.excluded.length).toBe(candidates.length);
    expect(p.excluded.every((e) => e.reason.code === 'not_needed')).toBe(true);
    // The invited with matching expertise come first.
    const relevant = p.selected.filter(
      (s) => s.candidate.kind === 'invited' && s.candidate.expertise?.includes('waste'),
    );
    expect(relevant).toHaveLength(4);
    for (const s of p.selected) {
      for (const r of s.reasons) expect(describeSelection(r).zh).toMatch(/\p{Script=Han}/u);
    }
    expect(describeExclusion({ code: 'not_needed' }).en).toBe('eligible, but the group was full');
  });

  it('keeps all fixed members when there are few, and shrinks towards the minimum when fixed members run short', () => {
    const eight = [...candidatesOf(TOWN_A, { fixed: 8 })];
    const p = unwrap(proposeGroup(topic, eight, rules));
    // 8 fixed allow at most 16 members at a 50% share.
    expect(p.composition).toMatchObject({ size: 16, fixed: 8, invited: 8 });
  });

  it('explains each exclusion: conflict, residence, category, duplicate', () => {
    const narrow: ConsultationRules = {
      ...rules,
      group: {
        ...rules.group,
        invitedCategories: rules.group.invitedCategories.filter((c) => c !== 'official'),
      },
    };
    const extra: Candidate[] = [
      {
        kind: 'invited',
        id: 'X-conflict',
        name: '钱',
        category: 'expert',
        interests: [{ kind: 'supplier', subject: 'waste_to_energy_plant' }],
      },
      { kind: 'fixed', id: 'X-away', name: '周', township: TOWN_B },
      { kind: 'invited', id: 'X-official', name: '吴', category: 'official' },
      candidates[0]!,
    ];
    const p = unwrap(proposeGroup(topic, [...candidates, ...extra], narrow));
    const why = (id: string) => p.excluded.filter((e) => e.candidateId === id).map((e) => e.reason.code);
    expect(why('X-conflict')).toEqual(['conflict_of_interest']);
    expect(why('X-away')).toEqual(['not_resident']);
    expect(why('X-official')).toEqual(['category_not_allowed']);
    expect(why(candidates[0]!.id)).toEqual(['duplicate']);
    for (const e of p.excluded) expect(describeExclusion(e.reason).en.length).toBeGreaterThan(0);
  });

  it('says which rule cannot be met: too few candidates, too few fixed members, too few categories', () => {
    refused(
      proposeGroup(topic, candidatesOf(TOWN_A, { fixed: 6, invitedPerCategory: 1 }), rules),
      'CONSULTATION_GROUP_TOO_SMALL',
    );
    const fewFixed = refused(
      proposeGroup(topic, candidatesOf(TOWN_A, { fixed: 7 }), rules),
      'CONSULTATION_GROUP_FIXED_MINORITY',
    );
    expect(fewFixed.details).toEqual({ fixed: 7, needed: 8, minShare: 0.5 });
    const oneCategory = [...fixed(15), ...invited(10, 'expert')];
    const cats = refused(proposeGroup(topic, oneCategory, rules), 'CONSULTATION_GROUP_TOO_FEW_CATEGORIES');
    expect(cats.details).toEqual({ present: 1, needed: 2, excluded: 0 });
    // Every rule alone can be met but not together: 90% fixed leaves no room for 2 invited in 15–16.
    const tight: ConsultationRules = {
      ...rules,
      group: { ...rules.group, size: { min: 15, target: 15, max: 16 }, minFixedShare: 0.9 },
    };
    refused(
      proposeGroup(topic, [...fixed(15), ...invited(3, 'expert'), ...invited(3, 'official', 'O')], tight),
      'CONSULTATION_GROUP_RULES_CONFLICT',
    );
  });

  it('proposes the same group whatever the order of the candidates', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(candidates, { minLength: candidates.length }), (shuffled) => {
        const a = unwrap(proposeGroup(topic, candidates, rules)).group.members.map((m) => m.id);
        const b = unwrap(proposeGroup(topic, shuffled, rules)).group.members.map((m) => m.id);
        expect(b).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });
});

describe('proposeGroup finds a group exactly when one exists (brute force over small pools)', () => {
  const CATS = ['expert', 'official', 'respected_resident'] as const;
  const candidate = fc
    .record({
      kind: fc.constantFrom('fixed', 'invited'),
      home: fc.boolean(),
      category: fc.constantFrom(...CATS, 'party_congress_deputy'),
      conflict: fc.integer({ min: 0, max: 5 }),
    })
    .map(({ kind, home, category, conflict }) => ({ kind, home, category, conflict: conflict === 0 }));
  const small = fc.record({
    pool: fc.array(candidate, { maxLength: 10 }),
    share: fc.constantFrom(0.3, 0.5, 0.6, 0.8),
    categories: fc.integer({ min: 0, max: 2 }),
  });

  it('agrees with exhaustive search', () => {
    fc.assert(
      fc.property(small, ({ pool, share, categories }) => {
        const r: ConsultationRules = {
          ...rules,
          group: {
            ...rules.group,
            size: { min: 3, target: 4, max: 5 },
            minFixedShare: share,
            minInvitedCategories: categories,
            invitedCategories: [...CATS],
          },
        };
        const cands: Candidate[] = pool.map((p, i) => {
          const base = {
            id: `c${i}`,
            name: `n${i}`,
            ...(p.conflict ? { interests: [{ kind: 'contractor', subject: 'waste_to_energy_plant' }] } : {}),
          };
          return p.kind === 'fixed'
            ? { ...base, kind: 'fixed', township: p.home ? TOWN_A : TOWN_B }
            : { ...base, kind: 'invited', category: p.category };
        });
        let exists = false;
        for (let mask = 0; mask < 1 << cands.length && !exists; mask++) {
          const members = cands.filter((_, i) => mask & (1 << i));
          if (members.length < 3 || members.length > 5) continue;
          exists = validateGroup(group(members), topic, r).ok;
        }
        const proposed = proposeGroup(topic, cands, r);
        expect(proposed.ok).toBe(exists);
        if (proposed.ok) expect(validateGroup(proposed.value.group, topic, r).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
