import type { ConsultationParticipantCategory, ConsultationRules } from '../profiles/schema.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result, unreachable } from '../shared/result.js';
import { duplicateIds, type GroupIssueCode, listText, percent } from './errors.js';
import {
  type Candidate,
  type ConsultationGroup,
  type FixedCandidate,
  type Interest,
  type InvitedCandidate,
  PARTICIPANT_CATEGORY_LABELS,
  type Topic,
} from './types.js';

/**
 * Consultation groups 协商小组: fixed members (CPPCC members living in the township) plus members
 * invited for the topic from the profile's categories, about 20 in all (seed 1:
 * 相对固定与灵活安排相结合 … 总人数为20人左右).
 */

/** Who is in a group, by kind and category. */
export interface GroupComposition {
  readonly size: number;
  readonly fixed: number;
  readonly invited: number;
  /** `fixed / size`; 0 for an empty group. */
  readonly fixedShare: number;
  /** Distinct categories of the invited members, in the profile's order. */
  readonly invitedCategories: readonly ConsultationParticipantCategory[];
}

/**
 * Counts a group's members by kind and invited category.
 *
 * @example
 * groupComposition(group); // { size: 20, fixed: 12, invited: 8, fixedShare: 0.6, invitedCategories: [...] }
 */
export function groupComposition(members: readonly Candidate[]): GroupComposition {
  let fixed = 0;
  const categories = new Set<ConsultationParticipantCategory>();
  for (const m of members) {
    if (m.kind === 'fixed') fixed++;
    else categories.add(m.category);
  }
  const order = Object.keys(PARTICIPANT_CATEGORY_LABELS) as ConsultationParticipantCategory[];
  return {
    size: members.length,
    fixed,
    invited: members.length - fixed,
    fixedShare: members.length === 0 ? 0 : fixed / members.length,
    invitedCategories: order.filter((c) => categories.has(c)),
  };
}

/**
 * The candidate's declared interests that conflict with the topic: an interest of a kind the
 * profile excludes (contractor, supplier, …) in one of the topic's subjects. Being an affected
 * resident is not a conflict unless a county lists it.
 *
 * @example
 * conflictsOf({ ...candidate, interests: [{ kind: 'contractor', subject: 'sewage_network' }] }, topic, rules);
 * // [{ kind: 'contractor', subject: 'sewage_network' }] when the topic's subjects include sewage_network
 */
export function conflictsOf(
  candidate: Candidate,
  topic: Pick<Topic, 'subjects'>,
  rules: ConsultationRules,
): Interest[] {
  const interests = candidate.interests;
  const subjects = topic.subjects;
  if (interests === undefined || interests.length === 0 || subjects === undefined || subjects.length === 0)
    return [];
  const excluded = rules.group.conflictOfInterest.excludedInterestKinds;
  return interests.filter((i) => excluded.includes(i.kind) && subjects.includes(i.subject));
}

/** Exactly `ceil(share × size)`, without the float error that makes `ceil(0.3 × 10)` 4. */
function atLeast(share: number, size: number): number {
  return Math.ceil(share * size - 1e-9);
}

/**
 * Checks a group against the composition rules: size within the profile's range, fixed members
 * not below `minFixedShare` (not a minority), at least `minInvitedCategories` invited categories,
 * every invited category allowed, fixed members living in the township, nobody with a conflict of
 * interest, nobody twice. Reports every problem.
 *
 * @example
 * const checked = validateGroup(group, topic, referenceProfile.consultation);
 * if (!checked.ok) checked.issues.map((i) => i.code); // e.g. ['CONSULTATION_GROUP_FIXED_MINORITY']
 */
export function validateGroup(
  group: ConsultationGroup,
  topic: Topic,
  rules: ConsultationRules,
): Result<GroupComposition, GroupIssueCode> {
  const issues: Issue<GroupIssueCode>[] = [];
  const { minFixedShare, minInvitedCategories, invitedCategories } = rules.group;
  if (group.topicId !== topic.id || group.township !== topic.township) {
    issues.push(
      issue(
        'CONSULTATION_GROUP_WRONG_TOPIC',
        {
          zh: `协商小组属于议题“${group.topicId}”（${group.township}），不是议题“${topic.id}”（${topic.township}）`,
          en: `the consultation group is for topic "${group.topicId}" (${group.township}), not "${topic.id}" (${topic.township})`,
        },
        ['topicId'],
        {
          groupTopic: group.topicId,
          groupTownship: group.township,
          topic: topic.id,
          township: topic.township,
        },
      ),
    );
  }
  issues.push(
    ...duplicateIds(
      group.members.map((m) => m.id),
      { zh: '协商小组成员', en: 'group member' },
      (i) => ['members', i, 'id'],
    ),
  );
  const composition = groupComposition(group.members);
  issues.push(...sizeIssues(composition.size, rules));
  const neededFixed = atLeast(minFixedShare, composition.size);
  if (composition.size > 0 && composition.fixed < neededFixed) {
    issues.push(
      issue(
        'CONSULTATION_GROUP_FIXED_MINORITY',
        {
          zh: `${composition.size} 人中固定成员只有 ${composition.fixed} 人（${percent(composition.fixedShare)}），应不少于 ${neededFixed} 人（${percent(minFixedShare)}）`,
          en: `only ${composition.fixed} of ${composition.size} members are fixed members (${percent(composition.fixedShare)}); at least ${neededFixed} (${percent(minFixedShare)}) are required`,
        },
        ['members'],
        { fixed: composition.fixed, size: composition.size, needed: neededFixed, minShare: minFixedShare },
      ),
    );
  }
  if (composition.invitedCategories.length < minInvitedCategories) {
    issues.push(tooFewCategories(composition.invitedCategories.length, minInvitedCategories));
  }
  group.members.forEach((m, i) => {
    if (m.kind === 'fixed') {
      if (m.township !== topic.township) {
        issues.push(
          issue(
            'CONSULTATION_GROUP_FIXED_NOT_RESIDENT',
            {
              zh: `固定成员“${m.name}”住在“${m.township}”，不在本乡镇“${topic.township}”`,
              en: `fixed member "${m.name}" lives in "${m.township}", not in the township "${topic.township}"`,
            },
            ['members', i, 'township'],
            { id: m.id, township: m.township, expected: topic.township },
          ),
        );
      }
    } else if (!invitedCategories.includes(m.category)) {
      const allowed = listText(invitedCategories);
      issues.push(
        issue(
          'CONSULTATION_GROUP_CATEGORY_NOT_ALLOWED',
          {
            zh: `特邀成员“${m.name}”的类别“${m.category}”不在本县规定的类别中（${allowed.zh}）`,
            en: `invited member "${m.name}" has category "${m.category}", which is not one of ${allowed.en}`,
          },
          ['members', i, 'category'],
          { id: m.id, category: m.category, allowed: invitedCategories },
        ),
      );
    }
    const conflicts = conflictsOf(m, topic, rules);
    if (conflicts.length > 0) issues.push(conflictIssue(m, conflicts, i));
  });
  return issues.length === 0 ? ok(composition) : fail(issues);
}

function sizeIssues(n: number, rules: ConsultationRules): Issue<GroupIssueCode>[] {
  const { min, target, max } = rules.group.size;
  if (n < min) {
    return [
      issue(
        'CONSULTATION_GROUP_TOO_SMALL',
        {
          zh: `协商小组 ${n} 人，少于下限 ${min} 人（目标约 ${target} 人）`,
          en: `the consultation group has ${n} members, fewer than the minimum of ${min} (target about ${target})`,
        },
        ['members'],
        { size: n, min, target },
      ),
    ];
  }
  if (n > max) {
    return [
      issue(
        'CONSULTATION_GROUP_TOO_LARGE',
        {
          zh: `协商小组 ${n} 人，多于上限 ${max} 人（目标约 ${target} 人）`,
          en: `the consultation group has ${n} members, more than the maximum of ${max} (target about ${target})`,
        },
        ['members'],
        { size: n, max, target },
      ),
    ];
  }
  return [];
}

function tooFewCategories(
  present: number,
  needed: number,
  excluded?: number,
): Issue<'CONSULTATION_GROUP_TOO_FEW_CATEGORIES'> {
  return issue(
    'CONSULTATION_GROUP_TOO_FEW_CATEGORIES',
    {
      zh: `特邀人员只涵盖 ${present} 类，至少需要 ${needed} 类${excluded === undefined ? '' : `（另有 ${excluded} 名候选人因利益冲突或类别不符被排除）`}`,
      en: `invited members cover ${present} categories; at least ${needed} are required${excluded === undefined ? '' : ` (${excluded} candidates were excluded for conflicts or disallowed categories)`}`,
    },
    ['members'],
    excluded === undefined ? { present, needed } : { present, needed, excluded },
  );
}

function conflictIssue(
  m: Candidate,
  conflicts: readonly Interest[],
  i: number,
): Issue<'CONSULTATION_GROUP_CONFLICT_OF_INTEREST'> {
  const what = listText(conflicts.map((c) => `${c.kind}: ${c.subject}`));
  return issue(
    'CONSULTATION_GROUP_CONFLICT_OF_INTEREST',
    {
      zh: `“${m.name}”与议题存在利益冲突（${what.zh}），应当回避`,
      en: `"${m.name}" has a conflict of interest with the topic (${what.en}) and must stand aside`,
    },
    ['members', i, 'interests'],
    { id: m.id, conflicts },
  );
}

// ---------------------------------------------------------------------------------------------
// proposeGroup

/** Why a candidate was chosen. */
export type SelectionReason =
  | { readonly code: 'fixed_member' }
  | { readonly code: 'category_coverage'; readonly category: ConsultationParticipantCategory }
  | { readonly code: 'topic_relevance'; readonly matched: readonly string[] }
  | { readonly code: 'fill' };

/** Why a candidate was left out. */
export type ExclusionReason =
  | { readonly code: 'conflict_of_interest'; readonly interests: readonly Interest[] }
  | { readonly code: 'not_resident'; readonly township: string }
  | { readonly code: 'category_not_allowed'; readonly category: ConsultationParticipantCategory }
  | { readonly code: 'duplicate' }
  | { readonly code: 'not_needed' };

export interface GroupProposal {
  readonly group: ConsultationGroup;
  readonly composition: GroupComposition;
  /** The chosen members in group order (fixed first), each with why. */
  readonly selected: readonly {
    readonly candidate: Candidate;
    readonly reasons: readonly SelectionReason[];
  }[];
  /** Every other candidate, in input order, with why not. */
  readonly excluded: readonly { readonly candidateId: string; readonly reason: ExclusionReason }[];
}

interface Ranked<C extends Candidate> {
  readonly candidate: C;
  readonly index: number;
  readonly matched: readonly string[];
}

/** Most relevant first; ties by id, so the same input always gives the same group. */
function byRelevance<C extends Candidate>(a: Ranked<C>, b: Ranked<C>): number {
  if (a.matched.length !== b.matched.length) return b.matched.length - a.matched.length;
  const x = a.candidate.id;
  const y = b.candidate.id;
  return x < y ? -1 : x > y ? 1 : a.index - b.index;
}

/**
 * The first `count` items in `compare` order, in that order, without sorting the whole list:
 * O(n log count) comparisons for the handful a group needs out of thousands.
 */
function best<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (count <= 0) return out;
  for (const item of items) {
    if (out.length === count && compare(item, out[count - 1]!) >= 0) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(item, out[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    out.splice(lo, 0, item);
    if (out.length > count) out.pop();
  }
  return out;
}

/**
 * Picks a valid consultation group for a topic from candidates, deterministically, with the
 * reason for every choice; or says exactly which rule cannot be met.
 *
 * Candidates with a conflict of interest, fixed candidates living elsewhere and invited candidates
 * of a category the profile does not allow are excluded (with the reason). Of the rest, the size
 * closest to the target that all rules allow is chosen (the smaller on a tie); as many fixed
 * members as the invited categories leave room for, the most familiar with the topic first (topic
 * tags matched against expertise, then id); one invited member from each of the
 * `minInvitedCategories` categories with the most relevant candidates; then the most relevant
 * invited candidates, preferring categories not yet present.
 *
 * @example
 * const proposal = proposeGroup(topic, candidates, referenceProfile.consultation);
 * if (proposal.ok) proposal.value.composition; // { size: 20, fixed: 12, invited: 8, … }
 * else proposal.issues[0]?.code; // e.g. 'CONSULTATION_GROUP_FIXED_MINORITY': too few fixed members
 */
export function proposeGroup(
  topic: Topic,
  candidates: readonly Candidate[],
  rules: ConsultationRules,
): Result<GroupProposal, GroupIssueCode> {
  const { size, minFixedShare, minInvitedCategories: k, invitedCategories } = rules.group;
  const tags = new Set(topic.tags ?? []);
  const subjects = new Set(topic.subjects ?? []);
  const excludedKinds = new Set(rules.group.conflictOfInterest.excludedInterestKinds);
  const allowed = new Set<ConsultationParticipantCategory>(invitedCategories);

  const excluded: { candidateId: string; reason: ExclusionReason }[] = [];
  const exclusionAt = new Map<number, ExclusionReason>();
  const fixed: Ranked<FixedCandidate>[] = [];
  const invitedBy = new Map<ConsultationParticipantCategory, Ranked<InvitedCandidate>[]>();
  const seen = new Set<string>();
  let invitedCount = 0;
  let ineligibleInvited = 0;

  candidates.forEach((c, index) => {
    if (seen.has(c.id)) {
      exclusionAt.set(index, { code: 'duplicate' });
      return;
    }
    seen.add(c.id);
    if (subjects.size > 0 && c.interests !== undefined && c.interests.length > 0) {
      const conflicts = c.interests.filter((i) => excludedKinds.has(i.kind) && subjects.has(i.subject));
      if (conflicts.length > 0) {
        if (c.kind === 'invited') ineligibleInvited++;
        exclusionAt.set(index, { code: 'conflict_of_interest', interests: conflicts });
        return;
      }
    }
    const matched =
      tags.size === 0 || c.expertise === undefined ? [] : c.expertise.filter((e) => tags.has(e));
    if (c.kind === 'fixed') {
      if (c.township !== topic.township) {
        exclusionAt.set(index, { code: 'not_resident', township: c.township });
        return;
      }
      fixed.push({ candidate: c, index, matched });
      return;
    }
    if (!allowed.has(c.category)) {
      ineligibleInvited++;
      exclusionAt.set(index, { code: 'category_not_allowed', category: c.category });
      return;
    }
    let list = invitedBy.get(c.category);
    if (list === undefined) {
      list = [];
      invitedBy.set(c.category, list);
    }
    list.push({ candidate: c, index, matched });
    invitedCount++;
  });

  const categoryCount = invitedBy.size;
  const f = fixed.length;
  const feasible = (n: number): number | undefined => {
    const lo = Math.max(atLeast(minFixedShare, n), n - invitedCount, 0);
    const hi = Math.min(f, n - k);
    return lo <= hi ? hi : undefined;
  };
  let chosenSize: number | undefined;
  let fixedSlots = 0;
  if (categoryCount >= k) {
    for (let d = 0; chosenSize === undefined && d <= size.max - size.min; d++) {
      for (const n of [size.target - d, size.target + d]) {
        if (n < size.min || n > size.max) continue;
        const slots = feasible(n);
        if (slots !== undefined) {
          chosenSize = n;
          fixedSlots = slots;
          break;
        }
      }
    }
  }
  if (chosenSize === undefined) {
    return fail(diagnose({ f, invited: invitedCount, categories: categoryCount, ineligibleInvited }, rules));
  }

  // Only the best few of each list are needed: select them instead of sorting thousands.
  const selected: { candidate: Candidate; reasons: SelectionReason[]; index: number }[] = [];
  for (const r of best(fixed, fixedSlots, byRelevance)) {
    selected.push({
      candidate: r.candidate,
      index: r.index,
      reasons:
        r.matched.length > 0
          ? [{ code: 'fixed_member' }, { code: 'topic_relevance', matched: r.matched }]
          : [{ code: 'fixed_member' }],
    });
  }

  // Category coverage: the heads of the categories whose best candidate is most relevant.
  const profileOrder = new Map(invitedCategories.map((c, i) => [c, i]));
  const heads = [...invitedBy.entries()].map(([category, list]) => ({
    category,
    head: best(list, 1, byRelevance)[0]!,
  }));
  heads.sort(
    (a, b) =>
      b.head.matched.length - a.head.matched.length ||
      profileOrder.get(a.category)! - profileOrder.get(b.category)!,
  );
  const represented = new Set<ConsultationParticipantCategory>();
  const covering = new Set<number>();
  for (const { category, head } of heads.slice(0, k)) {
    represented.add(category);
    covering.add(head.index);
    selected.push({
      candidate: head.candidate,
      index: head.index,
      reasons:
        head.matched.length > 0
          ? [
              { code: 'category_coverage', category },
              { code: 'topic_relevance', matched: head.matched },
            ]
          : [{ code: 'category_coverage', category }],
    });
  }
  // Then the most relevant, a category not yet present first among equals.
  const rest: Ranked<InvitedCandidate>[] = [];
  for (const list of invitedBy.values()) for (const r of list) if (!covering.has(r.index)) rest.push(r);
  const byRest = (a: Ranked<InvitedCandidate>, b: Ranked<InvitedCandidate>): number =>
    b.matched.length - a.matched.length ||
    Number(represented.has(a.candidate.category)) - Number(represented.has(b.candidate.category)) ||
    byRelevance(a, b);
  for (const r of best(rest, chosenSize - fixedSlots - k, byRest)) {
    selected.push({
      candidate: r.candidate,
      index: r.index,
      reasons: r.matched.length > 0 ? [{ code: 'topic_relevance', matched: r.matched }] : [{ code: 'fill' }],
    });
  }

  const chosen = new Set(selected.map((s) => s.index));
  candidates.forEach((c, index) => {
    if (chosen.has(index)) return;
    excluded.push({ candidateId: c.id, reason: exclusionAt.get(index) ?? { code: 'not_needed' } });
  });
  const members = selected.map((s) => s.candidate);
  return ok({
    group: { township: topic.township, topicId: topic.id, members },
    composition: groupComposition(members),
    selected: selected.map(({ candidate, reasons }) => ({ candidate, reasons })),
    excluded,
  });
}

/** Which rules the eligible candidates cannot meet; a combination problem when each alone could be. */
function diagnose(
  available: { f: number; invited: number; categories: number; ineligibleInvited: number },
  rules: ConsultationRules,
): Issue<GroupIssueCode>[] {
  const { size, minFixedShare, minInvitedCategories: k } = rules.group;
  const issues: Issue<GroupIssueCode>[] = [];
  const total = available.f + available.invited;
  if (available.categories < k)
    issues.push(tooFewCategories(available.categories, k, available.ineligibleInvited));
  if (total < size.min) {
    issues.push(
      issue(
        'CONSULTATION_GROUP_TOO_SMALL',
        {
          zh: `符合条件的候选人只有 ${total} 人（固定成员 ${available.f}、特邀 ${available.invited}），协商小组至少需要 ${size.min} 人`,
          en: `only ${total} candidates are eligible (${available.f} fixed, ${available.invited} invited); a consultation group needs at least ${size.min}`,
        },
        ['candidates'],
        { eligible: total, fixed: available.f, invited: available.invited, min: size.min },
      ),
    );
  }
  const neededFixed = atLeast(minFixedShare, size.min);
  if (available.f < neededFixed) {
    issues.push(
      issue(
        'CONSULTATION_GROUP_FIXED_MINORITY',
        {
          zh: `本乡镇符合条件的政协委员只有 ${available.f} 人，${size.min} 人的协商小组至少需要 ${neededFixed} 名固定成员（${percent(minFixedShare)}）`,
          en: `only ${available.f} CPPCC members of the township are eligible; a group of ${size.min} needs at least ${neededFixed} fixed members (${percent(minFixedShare)})`,
        },
        ['candidates'],
        { fixed: available.f, needed: neededFixed, minShare: minFixedShare },
      ),
    );
  }
  if (issues.length === 0) {
    issues.push(
      issue(
        'CONSULTATION_GROUP_RULES_CONFLICT',
        {
          zh: `固定成员占比不低于 ${percent(minFixedShare)} 与特邀人员至少 ${k} 类无法在 ${size.min}–${size.max} 人内同时满足（现有固定成员 ${available.f}、特邀 ${available.invited}）`,
          en: `a fixed share of at least ${percent(minFixedShare)} and at least ${k} invited categories cannot both fit in ${size.min}–${size.max} members (with ${available.f} fixed and ${available.invited} invited candidates)`,
        },
        ['candidates'],
        { fixed: available.f, invited: available.invited, minShare: minFixedShare, minCategories: k, size },
      ),
    );
  }
  return issues;
}

/**
 * The reason for a choice, for people.
 *
 * @example
 * describeSelection({ code: 'topic_relevance', matched: ['sewage'] }).zh; // '熟悉议题相关领域：“sewage”'
 */
export function describeSelection(reason: SelectionReason): LocalizedText {
  switch (reason.code) {
    case 'fixed_member':
      return { zh: '本乡镇政协委员（固定成员）', en: 'CPPCC member living in the township (fixed member)' };
    case 'category_coverage': {
      const label = PARTICIPANT_CATEGORY_LABELS[reason.category];
      return { zh: `代表特邀类别“${label.zh}”`, en: `represents the invited category "${label.en}"` };
    }
    case 'topic_relevance': {
      const list = listText(reason.matched);
      return { zh: `熟悉议题相关领域：${list.zh}`, en: `familiar with the topic: ${list.en}` };
    }
    case 'fill':
      return { zh: '补足小组人数', en: 'brings the group to its size' };
    default:
      return unreachable(reason, 'selection reason');
  }
}

/**
 * The reason for a candidate left out, for people.
 *
 * @example
 * describeExclusion({ code: 'not_needed' }).en; // 'eligible, but the group was full'
 */
export function describeExclusion(reason: ExclusionReason): LocalizedText {
  switch (reason.code) {
    case 'conflict_of_interest': {
      const list = listText(reason.interests.map((i) => `${i.kind}: ${i.subject}`));
      return { zh: `利益冲突，回避（${list.zh}）`, en: `conflict of interest, stands aside (${list.en})` };
    }
    case 'not_resident':
      return {
        zh: `不住在本乡镇（${reason.township}）`,
        en: `does not live in the township (${reason.township})`,
      };
    case 'category_not_allowed':
      return {
        zh: `类别“${reason.category}”不在规定之内`,
        en: `category "${reason.category}" is not allowed`,
      };
    case 'duplicate':
      return { zh: '重复的候选人', en: 'listed twice' };
    case 'not_needed':
      return { zh: '符合条件，但小组已满员', en: 'eligible, but the group was full' };
    default:
      return unreachable(reason, 'exclusion reason');
  }
}
