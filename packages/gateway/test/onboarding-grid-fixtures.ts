// The grid side of the second county's workbook: two buildings per grid, four grid workers per
// community (the first a party member), and each grid's team of two, for the countyOrgRows trees.
import { type Cell, MEMBER_HEADERS, memberRow } from './onboarding-fixtures.js';

export const BUILDING_HEADERS = ['楼栋编号', '所在社区', '网格', '地址', '户数', '经度', '纬度'];
export const WORKER_HEADERS = ['网格员编号', '姓名', '居住社区', '党员编号', '是否党员'];
export const TEAM_HEADERS = ['网格', '网格员'];

const COMMUNITIES = [1, 2, 3];
const GRIDS = [1, 2];

export function buildingRows(): Cell[][] {
  const rows: Cell[][] = [BUILDING_HEADERS];
  for (const c of COMMUNITIES) {
    for (const g of GRIDS) {
      for (const n of [1, 2]) {
        rows.push([
          `B${c}${g}${n}`,
          `K1S1C${c}`,
          `K1S1C${c}G${g}`,
          `东城路${c}${g}${n}号`,
          40 + n,
          112.7 + c / 100,
          32 + g / 100,
        ]);
      }
    }
  }
  return rows;
}

/** Members with the building they live in (the first building of their grid). */
export function memberRowsWithBuildings(count: number): Cell[][] {
  const rows: Cell[][] = [[...MEMBER_HEADERS, '楼栋']];
  for (let i = 0; i < count; i++) {
    const row = memberRow(i);
    const grid = String(row[4]);
    rows.push([...row, `B${grid.slice(5, 6)}${grid.slice(7)}1`]);
  }
  return rows;
}

/** Workers W{c}{k}: W{c}1 is member M00000{c-1}, who lives in community c. */
export function workerRows(): Cell[][] {
  const rows: Cell[][] = [WORKER_HEADERS];
  for (const c of COMMUNITIES) {
    for (const k of [1, 2, 3, 4]) {
      rows.push([
        `W${c}${k}`,
        `网格员${c}${k}`,
        `东城第${c}社区`,
        k === 1 ? `M${String(c - 1).padStart(6, '0')}` : '',
        k === 1 ? '是' : '否',
      ]);
    }
  }
  return rows;
}

export function teamRows(): Cell[][] {
  const rows: Cell[][] = [TEAM_HEADERS];
  for (const c of COMMUNITIES) {
    rows.push([`K1S1C${c}G1`, `W${c}1、W${c}2`]);
    rows.push([`东城第${c}社区第2网格`, `W${c}3,W${c}4`]);
  }
  return rows;
}
