import { column, type SheetSpec } from './sheets.js';

/**
 * The grid side's registers 网格名册: buildings with their households, grid workers and the
 * grids' teams, with the headers county offices write (Chinese first, English aliases).
 */

export type BuildingColumn =
  | 'code'
  | 'community'
  | 'grid'
  | 'address'
  | 'households'
  | 'addressOrder'
  | 'longitude'
  | 'latitude';

/**
 * 楼栋 — buildings and their households 户数, one building per row: the unit a partition keeps
 * whole, and where members may be placed.
 */
export const BUILDINGS_SHEET: SheetSpec<BuildingColumn> = {
  kind: 'buildings',
  name: { zh: '楼栋', en: 'buildings' },
  aliases: ['楼栋信息', '楼栋名册', '楼栋住户', '楼栋及住户', 'building', 'buildings and households'],
  key: 'code',
  requires: ['organisations'],
  columns: [
    column({
      key: 'code',
      header: { zh: '楼栋编号', en: 'building code' },
      aliases: ['楼栋代码', '楼栋编码', '楼号', 'building id', 'code'],
      required: true,
      kind: 'code',
      max: 64,
      note: {
        zh: '楼栋的唯一编号，再次导入时按它更新；党员表的“楼栋”列填它',
        en: 'the building’s unique code; a later import updates by it, and the members sheet’s building column names it',
      },
    }),
    column({
      key: 'community',
      header: { zh: '所在社区', en: 'community' },
      aliases: ['社区', '社区/村', '所属社区'],
      required: true,
      kind: 'code',
      max: 200,
      note: { zh: '楼栋所在社区或村的代码或名称', en: 'code or name of the building’s community or village' },
    }),
    column({
      key: 'grid',
      header: { zh: '网格', en: 'grid' },
      aliases: ['所在网格', '所属网格', 'grid code'],
      required: false,
      kind: 'code',
      max: 200,
      note: {
        zh: '楼栋所在网格的代码或名称，须在该社区内；留空待网格划分',
        en: 'code or name of the building’s grid, inside its community; blank until a partition places it',
      },
    }),
    column({
      key: 'address',
      header: { zh: '地址', en: 'address' },
      aliases: ['楼栋地址', '门牌地址', '详细地址', '门牌号'],
      required: false,
      kind: 'text',
      max: 200,
      note: {
        zh: '路名门牌，如“汉江路12号”；民情直通车按地址找网格',
        en: 'road and number, e.g. “汉江路12号”; resident requests find their grid by it',
      },
    }),
    column({
      key: 'households',
      header: { zh: '户数', en: 'households' },
      aliases: ['住户数', '住户户数', '住户', '户', 'household count'],
      required: true,
      kind: 'text',
      max: 6,
      note: {
        zh: '楼内住户户数（整数，空楼填 0）；网格划分按户数均衡',
        en: 'households living in the building (a whole number, 0 when empty); partitions balance them',
      },
    }),
    column({
      key: 'addressOrder',
      header: { zh: '地址顺序', en: 'address order' },
      aliases: ['顺序', '排序', '序列', 'order'],
      required: false,
      kind: 'text',
      max: 12,
      note: {
        zh: '按路名门牌排列的序号（数字）；留空时新楼栋按表中行序',
        en: 'position along the roads (a number); blank: a new building takes its row number',
      },
    }),
    column({
      key: 'longitude',
      header: { zh: '经度', en: 'longitude' },
      aliases: ['lng', 'lon', 'x'],
      required: false,
      kind: 'text',
      max: 20,
      note: {
        zh: '楼栋位置的经度（度，如 112.7031），与纬度一起填写',
        en: 'longitude of the building in degrees (e.g. 112.7031), with the latitude',
      },
    }),
    column({
      key: 'latitude',
      header: { zh: '纬度', en: 'latitude' },
      aliases: ['lat', 'y'],
      required: false,
      kind: 'text',
      max: 20,
      note: {
        zh: '楼栋位置的纬度（度，如 32.0052），与经度一起填写',
        en: 'latitude of the building in degrees (e.g. 32.0052), with the longitude',
      },
    }),
  ],
};

export type WorkerColumn = 'code' | 'name' | 'homeCommunity' | 'memberCode' | 'partyMember';

/** 网格员 — the grid workers, one per row. */
export const WORKERS_SHEET: SheetSpec<WorkerColumn> = {
  kind: 'workers',
  name: { zh: '网格员', en: 'grid workers' },
  aliases: ['网格员名册', '网格员信息', 'workers', 'grid worker'],
  key: 'code',
  requires: ['organisations', 'members'],
  columns: [
    column({
      key: 'code',
      header: { zh: '网格员编号', en: 'worker code' },
      aliases: ['网格员代码', '网格员编码', 'worker id', 'code'],
      required: true,
      kind: 'code',
      max: 64,
      note: {
        zh: '网格员的唯一编号，再次导入时按它更新；网格团队表填它',
        en: 'the worker’s unique code; a later import updates by it, and the teams sheet names it',
      },
    }),
    column({
      key: 'name',
      header: { zh: '姓名', en: 'name' },
      aliases: ['网格员姓名', 'worker name', 'full name'],
      required: true,
      kind: 'text',
      max: 50,
      note: { zh: '网格员姓名', en: 'the worker’s name' },
    }),
    column({
      key: 'homeCommunity',
      header: { zh: '居住社区', en: 'home community' },
      aliases: ['所在社区', '社区', '社区/村'],
      required: true,
      kind: 'code',
      max: 200,
      note: {
        zh: '网格员居住的社区或村（代码或名称）；只在本社区的网格服务',
        en: 'code or name of the community the worker lives in; they serve only its grids',
      },
    }),
    column({
      key: 'memberCode',
      header: { zh: '党员编号', en: 'member code' },
      aliases: ['党员代码', 'party member code'],
      required: false,
      kind: 'code',
      max: 64,
      note: {
        zh: '网格员是党员时，其在党员表中的编号',
        en: 'when the worker is a party member: their code in the members register',
      },
    }),
    column({
      key: 'partyMember',
      header: { zh: '是否党员', en: 'party member' },
      aliases: ['党员', '政治面貌'],
      required: false,
      kind: 'text',
      max: 10,
      note: {
        zh: '填“是”或“否”；填了党员编号即为“是”',
        en: '“是” (yes) or “否” (no); a member code means yes',
      },
    }),
  ],
};

export type TeamColumn = 'grid' | 'workers';

/** 网格团队 — each grid's team of grid workers, one grid per row. */
export const TEAMS_SHEET: SheetSpec<TeamColumn> = {
  kind: 'teams',
  name: { zh: '网格团队', en: 'grid teams' },
  aliases: ['网格员团队', '网格力量', 'teams', 'grid team'],
  key: 'grid',
  requires: ['organisations', 'workers'],
  columns: [
    column({
      key: 'grid',
      header: { zh: '网格', en: 'grid' },
      aliases: ['网格代码', '网格名称', 'grid code'],
      required: true,
      kind: 'code',
      max: 200,
      note: { zh: '网格的代码或名称', en: 'code or name of the grid' },
    }),
    column({
      key: 'workers',
      header: { zh: '网格员', en: 'workers' },
      aliases: ['网格员编号', '团队成员', 'worker codes'],
      required: true,
      kind: 'text',
      max: 1000,
      note: {
        zh: '团队网格员的编号，按顺序用顿号或逗号分隔，如“W001、W002、W003”',
        en: 'codes of the team’s workers in order, separated by 、 or commas, e.g. “W001、W002、W003”',
      },
    }),
  ],
};
