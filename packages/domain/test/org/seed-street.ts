// The street of seed 5 (XX街道办事处): 7 city communities divided into 48 grids, a party
// committee with a community party organisation per community and a grid party group per grid,
// 52 functional party groups, and 7 villages, 66 institutions and 24 non-public enterprises and
// social organisations registered at the 7 communities (双报到).
import type { FunctionalGroupMembership, FunctionalPartyGroup, OrgRow, StationedUnit } from '@jiceng/domain';

export const COUNTY = '330102';
export const STREET = '330102001';

/** Community names from the seed (the first three) and plausible neighbours. */
export const COMMUNITY_NAMES = [
  '汉江路社区',
  '胜利街社区',
  '中山街社区',
  '文化路社区',
  '西一路社区',
  '三里桥社区',
  '人民路社区',
];
/** Grids per community: 48 in all. */
export const GRIDS_PER_COMMUNITY = [8, 7, 7, 7, 7, 6, 6];

export const communityCode = (c: number): string => `${STREET}${String(c + 1).padStart(3, '0')}`;

/**
 * Administrative rows. 汉江路社区 has two compounds of four grids each; the other communities
 * have their grids directly under them (the compound level skipped). Grid 1 of 胜利街社区 has
 * three buildings.
 */
export function adminRows(): OrgRow[] {
  const rows: OrgRow[] = [
    { code: COUNTY, parentCode: null, level: 'county', name: 'XX县', divisionCode: COUNTY },
    {
      code: STREET,
      parentCode: COUNTY,
      level: 'street',
      subtype: 'street',
      name: 'XX街道',
      divisionCode: STREET,
    },
  ];
  COMMUNITY_NAMES.forEach((name, c) => {
    const community = communityCode(c);
    rows.push({
      code: community,
      parentCode: STREET,
      level: 'community',
      subtype: 'community',
      name,
      divisionCode: community,
    });
    const grids = GRIDS_PER_COMMUNITY[c] ?? 0;
    if (c === 0) {
      for (let k = 1; k <= 2; k++) {
        const compound = `${community}-X${k}`;
        rows.push({ code: compound, parentCode: community, level: 'compound', name: `${name}${k}号小区` });
        for (let g = 1; g <= grids / 2; g++) {
          const grid = `${compound}-G${g}`;
          rows.push({ code: grid, parentCode: compound, level: 'grid', name: `${k}号小区第${g}网格` });
        }
      }
      return;
    }
    for (let g = 1; g <= grids; g++) {
      rows.push({
        code: `${community}-G${g}`,
        parentCode: community,
        level: 'grid',
        name: `${name}第${g}网格`,
      });
    }
  });
  const grid = `${communityCode(1)}-G1`;
  for (let b = 1; b <= 3; b++) {
    rows.push({ code: `${grid}-B${b}`, parentCode: grid, level: 'building', name: `${b}号楼` });
  }
  return rows;
}

const PARTY_LEVEL = {
  street: 'committee',
  community: 'community_org',
  compound: 'branch',
  grid: 'grid_group',
} as const;
const partyCode = (code: string): string => `P${code}`;

/** The four-level party tree mirroring the street: committee → 7 organisations → branches → 48 groups. */
export function partyRows(): OrgRow[] {
  const rows: OrgRow[] = [];
  for (const row of adminRows()) {
    if (
      row.level !== 'street' &&
      row.level !== 'community' &&
      row.level !== 'compound' &&
      row.level !== 'grid'
    ) {
      continue;
    }
    rows.push({
      code: partyCode(row.code),
      parentCode: row.level === 'street' || row.parentCode === null ? null : partyCode(row.parentCode),
      level: PARTY_LEVEL[row.level],
      name: row.level === 'street' ? 'XX街道党委' : `${row.name}党组织`,
    });
  }
  return rows;
}

export const COMMITTEE = partyCode(STREET);
export const communityOrgCode = (c: number): string => partyCode(communityCode(c));

const GROUP_THEMES = ['文化宣传', '法律维权', '书画棋艺', '医疗义诊', '治安巡逻', '环境保洁'];
const BASES = ['occupation', 'aspiration', 'interest'] as const;

/** 52 functional party groups, anchored at the committee or a community organisation, two members each. */
export function functionalGroups(): {
  groups: FunctionalPartyGroup[];
  memberships: FunctionalGroupMembership[];
} {
  const groups: FunctionalPartyGroup[] = [];
  const memberships: FunctionalGroupMembership[] = [];
  for (let i = 0; i < 52; i++) {
    const code = `FG${String(i + 1).padStart(2, '0')}`;
    groups.push({
      code,
      name: `${GROUP_THEMES[i % GROUP_THEMES.length]}党小组${i + 1}`,
      basis: BASES[i % BASES.length] ?? 'interest',
      anchorCode: i < 10 ? COMMITTEE : communityOrgCode(i % 7),
    });
    // Member M000 is in every group: one member, many groups.
    memberships.push({ groupCode: code, memberId: 'M000' }, { groupCode: code, memberId: `M${i + 1}` });
  }
  return { groups, memberships };
}

/** 7 villages, 66 institutions and 24 non-public enterprises and social organisations. */
export function stationedUnits(): StationedUnit[] {
  const units: StationedUnit[] = [];
  const add = (kind: StationedUnit['kind'], count: number, prefix: string, name: string): void => {
    for (let i = 1; i <= count; i++) {
      units.push({
        code: `${prefix}${i}`,
        name: `${name}${i}`,
        kind,
        communityCode: communityCode(units.length % 7),
      });
    }
  };
  add('village', 7, 'V', '村');
  add('institution', 66, 'I', '机关事业单位');
  add('non_public_and_social', 24, 'N', '非公企业和社会组织');
  return units;
}
