// Dual registration's registers of the test county (onboarding-fixtures): three stationed units
// and four in-service members registered with them.
import type { Cell } from './onboarding-fixtures.js';

export const UNIT_HEADERS = ['单位代码', '单位名称', '单位类别', '报到社区', '单位党组织'];
export const UNIT_MEMBER_HEADERS = ['党员编号', '所在单位', '报到社区'];

/** Three units, one of each kind, their party organisations the community organisations. */
export function unitRows(): Cell[][] {
  return [
    UNIT_HEADERS,
    ['U1', '县人民医院', '机关事业单位', 'K1S1C1', 'PK1S1C1'],
    ['U2', '东城村', '村', '东城第2社区', '东城第2社区党委'],
    ['U3', '宏达物流公司', '非公企业和社会组织', 'K1S1C3', 'PK1S1C3'],
  ];
}

/** Members 0–11 spread over three communities: member i is in branch PK1S1C(1 + i % 3). */
export function unitMemberRows(): Cell[][] {
  return [
    UNIT_MEMBER_HEADERS,
    ['M000000', 'U1', ''],
    ['M000003', 'U1', 'K1S1C2'],
    ['M000001', 'U2', ''],
    ['M000005', 'U3', '东城第1社区'],
  ];
}
