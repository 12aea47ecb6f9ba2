import type { GridRules } from '../profiles/schema.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import {
  duplicateIssue,
  emptyIdIssue,
  FUNCTIONAL_GROUP,
  type FunctionalGroupCapIssueCode,
  GRID,
  PARTY_MEMBER,
  type PartyGroupFindingCode,
  type PartyGroupIssueCode,
  shown,
} from './errors.js';
import { type GridIndex, routePoint } from './routing.js';
import type { Position } from './types.js';

/**
 * Party groups 党小组: every grid has a grid party group 网格党小组 of the party members living in it
 * (seed 5: "在每个网格单元成立党小组"); functional party groups 功能党小组 gather members across grids
 * by occupation, aspiration or interest (业缘、志缘、趣缘) and are many-to-many, capped by the profile.
 */

/** Where a party member lives. `elsewhere`: outside the street's grids (a mobile member 流动党员). */
export type Residence =
  | { readonly kind: 'building'; readonly buildingId: string }
  | { readonly kind: 'point'; readonly point: Position }
  | { readonly kind: 'elsewhere' };

export interface ResidentPartyMember {
  readonly id: string;
  readonly residence: Residence;
}

export interface PartyGroupInput {
  /** Every grid, so a grid without members still shows up (as below the minimum). */
  readonly gridCodes: readonly string[];
  readonly members: readonly ResidentPartyMember[];
  /** Building id → grid code (the `gridOf` of partitions). */
  readonly gridOfBuilding: Readonly<Record<string, string>>;
  /** Needed only when some residence is a point. */
  readonly index?: GridIndex | undefined;
}

/** A grid party group: its members, and whether there are enough to form it. */
export interface GridPartyGroup {
  readonly gridCode: string;
  readonly memberIds: readonly string[];
  readonly formed: boolean;
}

/** Why a member is in no grid party group. */
export type UnplacedReason = 'lives_elsewhere' | 'unknown_building' | 'outside_grids' | 'unknown_grid';

export interface PartyGroupPlacement {
  /** One group per grid, in the order of `gridCodes`. */
  readonly groups: readonly GridPartyGroup[];
  /** Member id → grid code, for placed members. */
  readonly gridOfMember: Readonly<Record<string, string>>;
  readonly unplaced: readonly { readonly memberId: string; readonly reason: UnplacedReason }[];
  /** Grids whose group has fewer members than the profile's minimum. */
  readonly belowMinimum: readonly {
    readonly gridCode: string;
    readonly members: number;
    readonly minimum: number;
  }[];
  /** One finding per group below the minimum and per member whose residence matched no grid. */
  readonly findings: readonly Issue<PartyGroupFindingCode>[];
}

/**
 * Places party members into their grid's party group by residence (a building through the
 * partitions, or a point through the spatial index) and lists the grids whose group is below the
 * profile's `partyGroupMinMembers`. Members living elsewhere (mobile members) are listed as
 * unplaced without a finding; a residence that matches no grid gets a `GRID_MEMBER_UNPLACED` finding.
 *
 * @example
 * const placement = unwrap(placePartyMembers(
 *   {
 *     gridCodes: ['G01', 'G02'],
 *     members: [
 *       { id: 'M1', residence: { kind: 'building', buildingId: 'B1' } },
 *       { id: 'M2', residence: { kind: 'elsewhere' } },
 *     ],
 *     gridOfBuilding: { B1: 'G01', B2: 'G02' },
 *   },
 *   referenceProfile.grid,
 * ));
 * placement.belowMinimum; // G01 (1 member) and G02 (0), minimum 3
 */
export function placePartyMembers(
  input: PartyGroupInput,
  rules: Pick<GridRules, 'partyGroupMinMembers'>,
): Result<PartyGroupPlacement, PartyGroupIssueCode> {
  const issues: Issue<PartyGroupIssueCode>[] = [];
  const groups = new Map<string, string[]>();
  input.gridCodes.forEach((code, i) => {
    if (code === '') issues.push(emptyIdIssue(GRID, ['gridCodes', i], i));
    else if (groups.has(code))
      issues.push(
        duplicateIssue('GRID_DUPLICATE_GRID', GRID, code, i, input.gridCodes.indexOf(code), ['gridCodes', i]),
      );
    else groups.set(code, []);
  });
  const memberRow = new Map<string, number>();
  input.members.forEach((m, i) => {
    if (m.id === '') issues.push(emptyIdIssue(PARTY_MEMBER, ['members', i, 'id'], i));
    else if (memberRow.has(m.id))
      issues.push(
        duplicateIssue('GRID_DUPLICATE_MEMBER', PARTY_MEMBER, m.id, i, memberRow.get(m.id)!, [
          'members',
          i,
          'id',
        ]),
      );
    else memberRow.set(m.id, i);
    if (m.residence.kind === 'point' && input.index === undefined) {
      issues.push(
        issue(
          'GRID_NO_SPATIAL_INDEX',
          {
            zh: `党员“${shown(m.id)}”的居住地是坐标，需要提供网格空间索引（createGridIndex）`,
            en: `party member "${shown(m.id)}" lives at a point; pass a grid index (createGridIndex) to place it`,
          },
          ['members', i, 'residence'],
          { memberId: m.id },
        ),
      );
    }
  });
  if (issues.length > 0) return fail(issues);

  const gridOfMember: Record<string, string> = {};
  const unplaced: { memberId: string; reason: UnplacedReason }[] = [];
  const findings: Issue<PartyGroupFindingCode>[] = [];
  input.members.forEach((m, i) => {
    let gridCode: string | undefined;
    let reason: UnplacedReason | undefined;
    const r = m.residence;
    switch (r.kind) {
      case 'elsewhere':
        reason = 'lives_elsewhere';
        break;
      case 'building':
        gridCode = Object.hasOwn(input.gridOfBuilding, r.buildingId)
          ? input.gridOfBuilding[r.buildingId]
          : undefined;
        if (gridCode === undefined) reason = 'unknown_building';
        break;
      case 'point': {
        const route = routePoint(input.index!, r.point);
        if (route.status === 'inside') gridCode = route.gridCode;
        else reason = 'outside_grids';
        break;
      }
    }
    const group = gridCode === undefined ? undefined : groups.get(gridCode);
    if (group !== undefined && gridCode !== undefined) {
      group.push(m.id);
      gridOfMember[m.id] = gridCode;
      return;
    }
    const why: UnplacedReason = reason ?? 'unknown_grid';
    unplaced.push({ memberId: m.id, reason: why });
    if (why === 'lives_elsewhere') return;
    const text = {
      unknown_building: {
        zh: `居住的楼栋“${shown(r.kind === 'building' ? r.buildingId : '')}”不在任何网格中`,
        en: `lives in building "${shown(r.kind === 'building' ? r.buildingId : '')}", which is in no grid`,
      },
      outside_grids: { zh: '居住地坐标不在任何网格内', en: 'lives at a point outside every grid' },
      unknown_grid: {
        zh: `居住地所在网格“${shown(gridCode)}”不在网格列表中`,
        en: `lives in grid "${shown(gridCode)}", which is not in the list of grids`,
      },
    }[why];
    findings.push(
      issue(
        'GRID_MEMBER_UNPLACED',
        {
          zh: `党员“${shown(m.id)}”未编入网格党小组：${text.zh}`,
          en: `party member "${shown(m.id)}" is in no grid party group: ${text.en}`,
        },
        ['members', i, 'residence'],
        { memberId: m.id, reason: why },
      ),
    );
  });

  const minimum = rules.partyGroupMinMembers;
  const belowMinimum: { gridCode: string; members: number; minimum: number }[] = [];
  const list: GridPartyGroup[] = [];
  for (const [gridCode, memberIds] of groups) {
    const formed = memberIds.length >= minimum;
    list.push({ gridCode, memberIds, formed });
    if (formed) continue;
    belowMinimum.push({ gridCode, members: memberIds.length, minimum });
    findings.push(
      issue(
        'GRID_PARTY_GROUP_TOO_SMALL',
        {
          zh: `网格“${shown(gridCode)}”只有 ${memberIds.length} 名党员，不足成立党小组所需的 ${minimum} 名`,
          en: `grid "${shown(gridCode)}" has ${memberIds.length} party member(s), fewer than the ${minimum} a party group needs`,
        },
        ['gridCodes', input.gridCodes.indexOf(gridCode)],
        { gridCode, members: memberIds.length, minimum },
      ),
    );
  }
  return ok({ groups: list, gridOfMember, unplaced, belowMinimum, findings });
}

export interface FunctionalGroupCheckInput {
  /** The groups (the organisation area's `FunctionalPartyGroup` rows fit). */
  readonly groups: readonly { readonly code: string }[];
  /** Member in group, many-to-many. */
  readonly memberships: readonly { readonly groupCode: string; readonly memberId: string }[];
  /** When given, every membership must name one of these members. */
  readonly memberIds?: readonly string[] | undefined;
}

export interface FunctionalGroupSummary {
  readonly groups: readonly { readonly code: string; readonly members: number }[];
  /** Distinct members in at least one group. */
  readonly members: number;
  readonly memberships: number;
  /** Most groups any member is in. */
  readonly mostGroupsPerMember: number;
}

/**
 * Checks functional party groups against the profile's caps: each member in at most
 * `functionalGroupsMaxPerMember` groups, each group within `functionalGroupMembers` {min, max}.
 * Also refuses duplicate group codes, memberships of unknown groups or members, and a member listed
 * twice in one group. Reports every violation at once.
 *
 * @example
 * const result = checkFunctionalGroups(
 *   { groups: [{ code: 'FG01' }], memberships: [{ groupCode: 'FG01', memberId: 'M1' }] },
 *   referenceProfile.grid,
 * );
 * // fails: GRID_FUNCTIONAL_GROUP_TOO_SMALL (1 member, at least 3)
 */
export function checkFunctionalGroups(
  input: FunctionalGroupCheckInput,
  rules: Pick<GridRules, 'functionalGroupsMaxPerMember' | 'functionalGroupMembers'>,
): Result<FunctionalGroupSummary, FunctionalGroupCapIssueCode> {
  const issues: Issue<FunctionalGroupCapIssueCode>[] = [];
  const members = new Map<string, Set<string>>();
  const groupRow = new Map<string, number>();
  input.groups.forEach((g, i) => {
    if (g.code === '') issues.push(emptyIdIssue(FUNCTIONAL_GROUP, ['groups', i, 'code'], i));
    else if (groupRow.has(g.code))
      issues.push(
        duplicateIssue(
          'GRID_DUPLICATE_FUNCTIONAL_GROUP',
          FUNCTIONAL_GROUP,
          g.code,
          i,
          groupRow.get(g.code)!,
          ['groups', i, 'code'],
        ),
      );
    else {
      groupRow.set(g.code, i);
      members.set(g.code, new Set());
    }
  });
  const known = input.memberIds === undefined ? undefined : new Set(input.memberIds);
  const groupsOf = new Map<string, string[]>();
  input.memberships.forEach(({ groupCode, memberId }, j) => {
    const path = ['memberships', j];
    const set = members.get(groupCode);
    if (set === undefined) {
      issues.push(
        issue(
          'GRID_UNKNOWN_FUNCTIONAL_GROUP',
          {
            zh: `第 ${j} 条成员关系指向不存在的功能党小组“${shown(groupCode)}”`,
            en: `membership ${j} names functional party group "${shown(groupCode)}", which does not exist`,
          },
          [...path, 'groupCode'],
          { groupCode, row: j },
        ),
      );
      return;
    }
    if (known !== undefined && !known.has(memberId)) {
      issues.push(
        issue(
          'GRID_UNKNOWN_MEMBER',
          {
            zh: `第 ${j} 条成员关系中的党员“${shown(memberId)}”不在党员名单中`,
            en: `membership ${j} names party member "${shown(memberId)}", who is not on the member list`,
          },
          [...path, 'memberId'],
          { memberId, row: j },
        ),
      );
      return;
    }
    if (set.has(memberId)) {
      issues.push(
        issue(
          'GRID_DUPLICATE_MEMBERSHIP',
          {
            zh: `党员“${shown(memberId)}”在功能党小组“${shown(groupCode)}”中重复出现（第 ${j} 条）`,
            en: `member "${shown(memberId)}" is listed twice in functional party group "${shown(groupCode)}" (membership ${j})`,
          },
          path,
          { groupCode, memberId, row: j },
        ),
      );
      return;
    }
    set.add(memberId);
    const joined = groupsOf.get(memberId);
    if (joined === undefined) groupsOf.set(memberId, [groupCode]);
    else joined.push(groupCode);
  });
  const cap = rules.functionalGroupsMaxPerMember;
  for (const [memberId, joined] of groupsOf) {
    if (joined.length <= cap) continue;
    issues.push(
      issue(
        'GRID_TOO_MANY_FUNCTIONAL_GROUPS',
        {
          zh: `党员“${shown(memberId)}”加入了 ${joined.length} 个功能党小组（${joined.join('、')}），超过上限 ${cap} 个`,
          en: `member "${shown(memberId)}" is in ${joined.length} functional party groups (${joined.join(', ')}), more than the ${cap} allowed`,
        },
        ['memberships'],
        { memberId, groups: joined, max: cap },
      ),
    );
  }
  const { min, max } = rules.functionalGroupMembers;
  for (const [code, set] of members) {
    const path = ['groups', groupRow.get(code)!];
    if (set.size < min) {
      issues.push(
        issue(
          'GRID_FUNCTIONAL_GROUP_TOO_SMALL',
          {
            zh: `功能党小组“${shown(code)}”只有 ${set.size} 名成员，少于 ${min} 名`,
            en: `functional party group "${shown(code)}" has ${set.size} member(s), fewer than ${min}`,
          },
          path,
          { groupCode: code, members: set.size, min },
        ),
      );
    } else if (set.size > max) {
      issues.push(
        issue(
          'GRID_FUNCTIONAL_GROUP_TOO_LARGE',
          {
            zh: `功能党小组“${shown(code)}”有 ${set.size} 名成员，超过上限 ${max} 名`,
            en: `functional party group "${shown(code)}" has ${set.size} members, more than ${max}`,
          },
          path,
          { groupCode: code, members: set.size, max },
        ),
      );
    }
  }
  if (issues.length > 0) return fail(issues);
  let most = 0;
  for (const joined of groupsOf.values()) most = Math.max(most, joined.length);
  return ok({
    groups: [...members].map(([code, set]) => ({ code, members: set.size })),
    members: groupsOf.size,
    memberships: input.memberships.length,
    mostGroupsPerMember: most,
  });
}
