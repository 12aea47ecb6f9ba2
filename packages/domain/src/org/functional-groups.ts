import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { emptyCodeIssue, emptyNameIssue, indexCodes, isBlank, quoteList, shown } from './issues.js';
import type { OrgTree } from './tree.js';

/**
 * What brings a functional party group 功能党小组 together: occupation 业缘, aspiration 志缘 or
 * interest 趣缘 (the seed street has 52 such groups: culture, legal aid, calligraphy and chess…).
 */
export type FunctionalGroupBasis = 'occupation' | 'aspiration' | 'interest';

export const FUNCTIONAL_GROUP_BASES: readonly FunctionalGroupBasis[] = [
  'occupation',
  'aspiration',
  'interest',
];

export const FUNCTIONAL_GROUP_BASIS_LABELS: { readonly [B in FunctionalGroupBasis]: LocalizedText } = {
  occupation: { zh: '业缘', en: 'occupation' },
  aspiration: { zh: '志缘', en: 'aspiration' },
  interest: { zh: '趣缘', en: 'interest' },
};

/**
 * A functional party group. It is not a tree node: its members come from many branches, so it
 * hangs off one party node (`anchorCode`, usually the committee or a community organisation) and
 * its membership is a separate many-to-many relation.
 */
export interface FunctionalPartyGroup {
  readonly code: string;
  readonly name: string;
  readonly basis: FunctionalGroupBasis;
  readonly anchorCode: string;
}

/** One party member in one functional party group. */
export interface FunctionalGroupMembership {
  readonly groupCode: string;
  readonly memberId: string;
}

export interface FunctionalGroupsInput {
  readonly groups: readonly FunctionalPartyGroup[];
  readonly memberships: readonly FunctionalGroupMembership[];
}

/** Validated functional party groups with both directions of the membership relation. */
export interface FunctionalGroups {
  readonly groups: ReadonlyMap<string, FunctionalPartyGroup>;
  /** Group code → member ids, in input order; every group has an entry. */
  readonly membersOf: ReadonlyMap<string, readonly string[]>;
  /** Member id → group codes, in input order. */
  readonly groupsOf: ReadonlyMap<string, readonly string[]>;
}

export type FunctionalGroupIssueCode =
  | 'ORG_EMPTY_CODE'
  | 'ORG_DUPLICATE_CODE'
  | 'ORG_EMPTY_NAME'
  | 'ORG_INVALID_GROUP_BASIS'
  | 'ORG_UNKNOWN_ANCHOR'
  | 'ORG_UNKNOWN_GROUP'
  | 'ORG_DUPLICATE_MEMBERSHIP';

const GROUP: LocalizedText = { zh: '功能党小组', en: 'functional party group' };

/**
 * Validates functional party groups against a party tree and indexes their memberships. Reports
 * every problem: empty or duplicate group codes, empty names, an unknown basis, an anchor that is
 * not a node of the tree, and memberships naming an unknown group, an empty member id or a
 * member twice in one group. Throws a TypeError for an administrative tree (a programming error).
 *
 * @example
 * const groups = validateFunctionalGroups(partyTree, {
 *   groups: [{ code: 'FG01', name: '法律维权党小组', basis: 'aspiration', anchorCode: 'C01' }],
 *   memberships: [{ groupCode: 'FG01', memberId: 'M0001' }],
 * });
 * if (groups.ok) groups.value.groupsOf.get('M0001'); // ['FG01']
 */
export function validateFunctionalGroups(
  tree: OrgTree,
  input: FunctionalGroupsInput,
): Result<FunctionalGroups, FunctionalGroupIssueCode> {
  if (tree.kind !== 'party') throw new TypeError('validateFunctionalGroups needs a party tree');
  const issues: Issue<FunctionalGroupIssueCode>[] = [];
  const codes = indexCodes(input.groups, 'groups', GROUP);
  const firstOf = codes.firstOf;
  issues.push(...codes.issues);

  input.groups.forEach((group, i) => {
    if (isBlank(group.name)) issues.push(emptyNameIssue(['groups', i, 'name'], group.code, i, GROUP));
    if (!FUNCTIONAL_GROUP_BASES.includes(group.basis)) {
      const expected = quoteList(FUNCTIONAL_GROUP_BASES);
      issues.push(
        issue(
          'ORG_INVALID_GROUP_BASIS',
          {
            zh: `功能党小组“${shown(group.code)}”（第 ${i} 行）的组建依据“${shown(group.basis)}”无效，可选：${expected.zh}（业缘、志缘、趣缘）`,
            en: `functional party group "${shown(group.code)}" (row ${i}) has basis "${shown(group.basis)}"; expected one of ${expected.en}`,
          },
          ['groups', i, 'basis'],
          { code: group.code, row: i, basis: group.basis },
        ),
      );
    }
    if (!tree.ids.has(group.anchorCode)) {
      issues.push(
        issue(
          'ORG_UNKNOWN_ANCHOR',
          {
            zh: `功能党小组“${shown(group.code)}”（第 ${i} 行）所属的党组织“${shown(group.anchorCode)}”不在党组织树中`,
            en: `functional party group "${shown(group.code)}" (row ${i}) is anchored at "${shown(group.anchorCode)}", which is not a node of the party tree`,
          },
          ['groups', i, 'anchorCode'],
          { code: group.code, row: i, anchorCode: group.anchorCode },
        ),
      );
    }
  });

  // Sets keep input order and make a repeated member a constant-time check.
  const membersOf = new Map<string, Set<string>>();
  const groupsOf = new Map<string, string[]>();
  for (const [code] of firstOf) membersOf.set(code, new Set());
  input.memberships.forEach(({ groupCode, memberId }, j) => {
    const members = membersOf.get(groupCode);
    if (members === undefined) {
      issues.push(
        issue(
          'ORG_UNKNOWN_GROUP',
          {
            zh: `第 ${j} 条成员关系指向不存在的功能党小组“${shown(groupCode)}”`,
            en: `membership ${j} names functional party group "${shown(groupCode)}", which does not exist`,
          },
          ['memberships', j, 'groupCode'],
          { groupCode, row: j },
        ),
      );
    }
    if (isBlank(memberId)) {
      issues.push(
        emptyCodeIssue(['memberships', j, 'memberId'], {
          zh: `第 ${j} 条成员关系的党员编号`,
          en: `the member id of membership ${j}`,
        }),
      );
      return;
    }
    if (members === undefined) return;
    if (members.has(memberId)) {
      issues.push(
        issue(
          'ORG_DUPLICATE_MEMBERSHIP',
          {
            zh: `党员“${memberId}”在功能党小组“${groupCode}”中重复出现（第 ${j} 条）`,
            en: `member "${memberId}" is listed twice in functional party group "${groupCode}" (membership ${j})`,
          },
          ['memberships', j],
          { groupCode, memberId, row: j },
        ),
      );
      return;
    }
    members.add(memberId);
    const joined = groupsOf.get(memberId);
    if (joined === undefined) groupsOf.set(memberId, [groupCode]);
    else joined.push(groupCode);
  });

  if (issues.length > 0) return fail(issues);
  const groups = new Map<string, FunctionalPartyGroup>();
  for (const [code, i] of firstOf) groups.set(code, input.groups[i]!);
  const members = new Map<string, readonly string[]>();
  for (const [code, set] of membersOf) members.set(code, [...set]);
  return ok({ groups, membersOf: members, groupsOf });
}
