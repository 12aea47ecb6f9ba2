import { FUNCTIONAL_GROUP_BASIS_LABELS, type FunctionalGroupBasis } from '../org/functional-groups.js';
import type { CellAt } from './grid-rows.js';
import type { ImportIssue } from './issues.js';
import { findNode, type Places } from './places.js';
import { compareByKey, type KeyedChange, requiredIssues } from './row-rules.js';
import { cellOf, column, type HeaderMap, type SheetRow, type SheetSpec } from './sheets.js';

/**
 * Functional party groups 功能党小组 as a register: one group per row with its members, formed by
 * occupation, aspiration or interest (业缘/志缘/趣缘) across branches and anchored at one party
 * node (the seed street has 52 of them).
 */

export type GroupColumn = 'code' | 'name' | 'basis' | 'anchor' | 'members';

/** 功能党小组 — functional party groups, one per row, their members in one cell. */
export const GROUPS_SHEET: SheetSpec<GroupColumn> = {
  kind: 'groups',
  name: { zh: '功能党小组', en: 'functional groups' },
  aliases: ['功能型党小组', '功能党小组名册', 'functional party groups', 'groups'],
  key: 'code',
  requires: ['organisations', 'members'],
  columns: [
    column({
      key: 'code',
      header: { zh: '小组代码', en: 'group code' },
      aliases: ['党小组代码', '小组编号', 'group id', 'code'],
      required: true,
      kind: 'code',
      max: 64,
      note: {
        zh: '党小组的唯一代码，再次导入时按它更新',
        en: 'the group’s unique code; a later import updates by it',
      },
    }),
    column({
      key: 'name',
      header: { zh: '小组名称', en: 'group name' },
      aliases: ['党小组名称', '名称', 'name'],
      required: true,
      kind: 'text',
      max: 200,
      note: { zh: '如“法律维权党小组”“书画党小组”', en: 'e.g. “法律维权党小组”' },
    }),
    column({
      key: 'basis',
      header: { zh: '组建类型', en: 'basis' },
      aliases: ['类型', '组建依据', 'kind'],
      required: true,
      kind: 'text',
      max: 20,
      note: {
        zh: '填“业缘”“志缘”或“趣缘”',
        en: '“业缘” (occupation), “志缘” (aspiration) or “趣缘” (interest)',
      },
    }),
    column({
      key: 'anchor',
      header: { zh: '所属党组织', en: 'party organisation' },
      aliases: ['挂靠党组织', '上级党组织', 'anchor'],
      required: true,
      kind: 'code',
      max: 200,
      note: {
        zh: '党小组挂靠的党组织（党组织树中的代码或名称），通常是街道党工委或社区党委',
        en: 'code or name of the party node the group hangs off, usually the committee or a community organisation',
      },
    }),
    column({
      key: 'members',
      header: { zh: '成员', en: 'members' },
      aliases: ['党员编号', '成员党员', 'member codes'],
      required: false,
      kind: 'text',
      max: 8000,
      note: {
        zh: '成员的党员编号，用顿号或逗号分隔，如“M001、M002”；成员可来自不同支部',
        en: 'member codes separated by 、 or commas, e.g. “M001、M002”; members may come from any branch',
      },
    }),
  ],
};

/** A functional party group as the register keeps it. */
export interface RegisterGroup {
  readonly code: string;
  readonly name: string;
  readonly basis: FunctionalGroupBasis;
  /** The party node it hangs off. */
  readonly anchor: string;
  /** Member codes, in the order given. */
  readonly members: readonly string[];
}

/** A groups row, checked, with where its members cell is (checked later against the members). */
export interface GroupRecord {
  readonly group: RegisterGroup;
  /** Whether the sheet has the members column: without it the stored members stay. */
  readonly listsMembers: boolean;
  readonly membersAt: CellAt;
}

const BASIS_WORDS: ReadonlyMap<string, FunctionalGroupBasis> = new Map([
  ['业缘', 'occupation'],
  ['志缘', 'aspiration'],
  ['趣缘', 'interest'],
  ['occupation', 'occupation'],
  ['aspiration', 'aspiration'],
  ['interest', 'interest'],
]);

/**
 * Checks a functional groups row: required cells, the basis one of the three, the anchor a node
 * of the party tree (by code or a name only one node carries), and the members a list of codes,
 * none twice.
 *
 * @example
 * checkGroupRow(row, map, places) // { record: { group: { code: 'FG01', basis: 'aspiration', anchor: 'P1', members: ['M1'] } } }
 */
export function checkGroupRow(
  row: SheetRow<GroupColumn>,
  map: HeaderMap<GroupColumn>,
  places: Places,
): { readonly record: GroupRecord | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [...requiredIssues(GROUPS_SHEET, map, row)];
  const v = row.values;
  const at = (key: GroupColumn) => cellOf(GROUPS_SHEET, map, row.row, key);
  let basis: FunctionalGroupBasis | undefined;
  if (v.basis !== undefined) {
    basis = BASIS_WORDS.get(v.basis.trim().toLowerCase());
    if (basis === undefined) {
      const choices = Object.values(FUNCTIONAL_GROUP_BASIS_LABELS);
      issues.push({
        ...at('basis'),
        code: 'IMPORT_UNKNOWN_VALUE',
        message: {
          zh: `组建类型“${v.basis}”无效，可选：${choices.map((c) => c.zh).join('、')}`,
          en: `basis "${v.basis}" is not one of ${choices.map((c) => c.en).join(', ')}`,
        },
        details: { value: v.basis },
      });
    }
  }
  let anchor: string | undefined;
  if (v.anchor !== undefined) {
    const found = findNode(places, 'party', v.anchor);
    if (found.ok) anchor = found.node.code;
    else
      issues.push({
        ...at('anchor'),
        code: found.code,
        message: found.message,
        ...(found.details === undefined ? {} : { details: found.details }),
      });
  }
  const members = (v.members ?? '').split(/[、，,;；\s]+/).filter((m) => m !== '');
  const twice = members.find((m, i) => members.indexOf(m) !== i);
  if (twice !== undefined) {
    issues.push({
      ...at('members'),
      code: 'IMPORT_DUPLICATE_KEY',
      message: { zh: `党员“${twice}”在小组中重复`, en: `member "${twice}" is in the group twice` },
      details: { key: twice },
    });
  }
  if (issues.length > 0 || basis === undefined || anchor === undefined) return { record: undefined, issues };
  return {
    record: {
      group: { code: v.code!, name: v.name!, basis, anchor, members },
      listsMembers: row.present.has('members'),
      membersAt: at('members'),
    },
    issues,
  };
}

/**
 * Checks a group's members against the members register after the import (`exists`: the file
 * has the member, or the store does and keeps them).
 */
export function checkGroupMembers(record: GroupRecord, exists: (member: string) => boolean): ImportIssue[] {
  if (!record.listsMembers) return [];
  return record.group.members
    .filter((m) => !exists(m))
    .map((m) => ({
      ...record.membersAt,
      code: 'IMPORT_UNKNOWN_KEY',
      message: {
        zh: `党员“${m}”既不在本文件中，也未导入过`,
        en: `member "${m}" is neither in this file nor stored`,
      },
      details: { key: m },
    }));
}

/** The group after a row: without the members column, the stored members stay. */
export function planGroup(
  stored: RegisterGroup | undefined,
  record: GroupRecord,
): KeyedChange<RegisterGroup> {
  const next =
    record.listsMembers || stored === undefined ? record.group : { ...record.group, members: stored.members };
  return compareByKey(stored, next, ['name', 'basis', 'anchor', 'members']);
}
