import {
  buildOrgTree,
  type FunctionalGroupIssueCode,
  type FunctionalGroupsInput,
  type FunctionalPartyGroup,
  type Issue,
  unwrap,
  validateFunctionalGroups,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { adminRows, COMMITTEE, partyRows } from './seed-street.js';

const party = unwrap(buildOrgTree(partyRows(), { kind: 'party' }));
const group: FunctionalPartyGroup = {
  code: 'FG1',
  name: '法律维权党小组',
  basis: 'aspiration',
  anchorCode: COMMITTEE,
};

function issuesOf(input: FunctionalGroupsInput): readonly Issue<FunctionalGroupIssueCode>[] {
  const result = validateFunctionalGroups(party, input);
  if (result.ok) throw new Error('expected the groups to be rejected');
  return result.issues;
}

describe('validateFunctionalGroups', () => {
  it('indexes a member of several groups and a group of several members', () => {
    const result = unwrap(
      validateFunctionalGroups(party, {
        groups: [group, { ...group, code: 'FG2', basis: 'interest', name: '书画棋艺党小组' }],
        memberships: [
          { groupCode: 'FG1', memberId: 'M1' },
          { groupCode: 'FG2', memberId: 'M1' },
          { groupCode: 'FG1', memberId: 'M2' },
        ],
      }),
    );
    expect(result.membersOf.get('FG1')).toEqual(['M1', 'M2']);
    expect(result.membersOf.get('FG2')).toEqual(['M1']);
    expect(result.groupsOf.get('M1')).toEqual(['FG1', 'FG2']);
    expect(result.groups.get('FG2')?.name).toBe('书画棋艺党小组');
  });

  it('gives a group without members an empty list', () => {
    expect(
      unwrap(validateFunctionalGroups(party, { groups: [group], memberships: [] })).membersOf.get('FG1'),
    ).toEqual([]);
  });

  it('ORG_UNKNOWN_ANCHOR for an anchor outside the party tree', () => {
    const issues = issuesOf({ groups: [{ ...group, anchorCode: 'P-nowhere' }], memberships: [] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ORG_UNKNOWN_ANCHOR', ['groups', 0, 'anchorCode']],
    ]);
    expect(issues[0]?.message.zh).toContain('“P-nowhere”');
  });

  it('ORG_DUPLICATE_CODE and ORG_EMPTY_CODE for group codes', () => {
    const issues = issuesOf({
      groups: [group, { ...group, name: '又一个' }, { ...group, code: '' }],
      memberships: [],
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ORG_DUPLICATE_CODE', ['groups', 1, 'code']],
      ['ORG_EMPTY_CODE', ['groups', 2, 'code']],
    ]);
    expect(issues[0]?.details).toEqual({ code: 'FG1', row: 1, firstRow: 0 });
  });

  it('ORG_EMPTY_NAME and ORG_INVALID_GROUP_BASIS', () => {
    const issues = issuesOf({
      groups: [{ ...group, name: ' ', basis: 'hobby' as FunctionalPartyGroup['basis'] }],
      memberships: [],
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ORG_EMPTY_NAME', ['groups', 0, 'name']],
      ['ORG_INVALID_GROUP_BASIS', ['groups', 0, 'basis']],
    ]);
    expect(issues[1]?.message.en).toContain('"occupation", "aspiration", "interest"');
  });

  it('ORG_UNKNOWN_GROUP, ORG_EMPTY_CODE and ORG_DUPLICATE_MEMBERSHIP for memberships', () => {
    const issues = issuesOf({
      groups: [group],
      memberships: [
        { groupCode: 'FG9', memberId: 'M1' },
        { groupCode: 'FG1', memberId: '' },
        { groupCode: 'FG1', memberId: 'M1' },
        { groupCode: 'FG1', memberId: 'M1' },
      ],
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ORG_UNKNOWN_GROUP', ['memberships', 0, 'groupCode']],
      ['ORG_EMPTY_CODE', ['memberships', 1, 'memberId']],
      ['ORG_DUPLICATE_MEMBERSHIP', ['memberships', 3]],
    ]);
    expect(issues[2]?.details).toEqual({ groupCode: 'FG1', memberId: 'M1', row: 3 });
  });

  it('refuses an administrative tree: functional groups belong to the party tree', () => {
    const admin = unwrap(buildOrgTree(adminRows(), { kind: 'administrative' }));
    expect(() => validateFunctionalGroups(admin, { groups: [], memberships: [] })).toThrow(TypeError);
  });
});
