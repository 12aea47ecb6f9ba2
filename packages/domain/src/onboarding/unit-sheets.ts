import { column, type SheetSpec } from './sheets.js';

/**
 * Dual registration's registers 双报到名册: the units stationed in the area 驻区单位 with the
 * community each registers at and its own party organisation, and the in-service members
 * 在职党员 each unit has registered in a community.
 */

export type UnitColumn = 'code' | 'name' | 'kind' | 'community' | 'branch';

/** 驻区单位 — stationed units, one per row. */
export const UNITS_SHEET: SheetSpec<UnitColumn> = {
  kind: 'units',
  name: { zh: '驻区单位', en: 'stationed units' },
  aliases: ['驻区单位名册', '报到单位', '双报到单位', 'units', 'stationed unit'],
  key: 'code',
  requires: ['organisations'],
  columns: [
    column({
      key: 'code',
      header: { zh: '单位代码', en: 'unit code' },
      aliases: ['单位编号', '单位编码', 'unit id', 'code'],
      required: true,
      kind: 'code',
      max: 64,
      note: {
        zh: '单位的唯一代码，再次导入时按它更新；在职党员报到表的“所在单位”填它',
        en: 'the unit’s unique code; a later import updates by it, and the registered members sheet names it',
      },
    }),
    column({
      key: 'name',
      header: { zh: '单位名称', en: 'unit name' },
      aliases: ['名称', '单位', 'name'],
      required: true,
      kind: 'text',
      max: 200,
      note: { zh: '单位全称，如“县税务局”', en: 'the unit’s full name, e.g. “县税务局”' },
    }),
    column({
      key: 'kind',
      header: { zh: '单位类别', en: 'unit kind' },
      aliases: ['类别', '类型', '单位类型', 'kind'],
      required: true,
      kind: 'text',
      max: 20,
      note: {
        zh: '填“村”“机关事业单位”或“非公企业和社会组织”',
        en: '“村” (village), “机关事业单位” (institution) or “非公企业和社会组织” (enterprise or social organisation)',
      },
    }),
    column({
      key: 'community',
      header: { zh: '报到社区', en: 'community' },
      aliases: ['报到社区代码', '所报到社区', '社区', 'registered community'],
      required: true,
      kind: 'code',
      max: 200,
      note: {
        zh: '单位党组织报到的社区（代码或名称）',
        en: 'code or name of the community the unit’s party organisation registers at',
      },
    }),
    column({
      key: 'branch',
      header: { zh: '单位党组织', en: 'party organisation' },
      aliases: ['党组织', '单位党支部', '所在党组织', 'branch', 'party branch'],
      required: true,
      kind: 'code',
      max: 200,
      note: {
        zh: '单位自己的党组织（党组织树中的代码或名称）；该单位的在职党员属于它',
        en: 'code or name of the unit’s own party organisation in the party tree; its in-service members belong to it',
      },
    }),
  ],
};

export type UnitMemberColumn = 'member' | 'unit' | 'community';

/** 在职党员报到 — in-service members registered by their unit, one member per row. */
export const UNIT_MEMBERS_SHEET: SheetSpec<UnitMemberColumn> = {
  kind: 'unitMembers',
  name: { zh: '在职党员报到', en: 'registered members' },
  aliases: ['在职党员', '报到党员', '在职党员名册', 'unit members', 'in-service members'],
  key: 'member',
  requires: ['organisations', 'members', 'units'],
  columns: [
    column({
      key: 'member',
      header: { zh: '党员编号', en: 'member code' },
      aliases: ['党员代码', 'member id'],
      required: true,
      kind: 'code',
      max: 64,
      note: {
        zh: '党员在党员表中的编号；一名党员只随一个单位报到',
        en: 'the member’s code in the members register; a member registers with one unit',
      },
    }),
    column({
      key: 'unit',
      header: { zh: '所在单位', en: 'unit' },
      aliases: ['单位代码', '工作单位代码', 'unit code'],
      required: true,
      kind: 'code',
      max: 64,
      note: {
        zh: '党员所在驻区单位的代码；党员的所在支部须是该单位的党组织',
        en: 'code of the member’s stationed unit; the member’s branch must be the unit’s party organisation',
      },
    }),
    column({
      key: 'community',
      header: { zh: '报到社区', en: 'community' },
      aliases: ['居住地社区', '报到社区代码', 'registered community'],
      required: false,
      kind: 'code',
      max: 200,
      note: {
        zh: '党员本人报到的居住地社区（代码或名称）；留空则同单位报到的社区',
        en: 'code or name of the residential community the member registers at; blank: the unit’s',
      },
    }),
  ],
};
