import type { LocalizedText } from '../shared/errors.js';
import type { DivisionLevel } from './division-code.js';

/**
 * Administrative levels, top down: county 县 → street/township 街道/乡镇 → community/village
 * 社区/村 → residential compound 小区 → grid 网格 → building 楼栋.
 */
export const ADMINISTRATIVE_LEVELS = [
  'county',
  'street',
  'community',
  'compound',
  'grid',
  'building',
] as const;
export type AdministrativeLevel = (typeof ADMINISTRATIVE_LEVELS)[number];

/**
 * Party organisation levels (seed 5, the "four-level system"), top down: street party committee
 * 街道党委 → community party organisation 社区党组织 → compound party branch 小区党支部 → grid
 * party group 网格党小组. Functional party groups are not levels: see `functional-groups.ts`.
 */
export const PARTY_LEVELS = ['committee', 'community_org', 'branch', 'grid_group'] as const;
export type PartyLevel = (typeof PARTY_LEVELS)[number];

export type OrgLevel = AdministrativeLevel | PartyLevel;

/** The two organisation trees, which meet at the grid. */
export type TreeKind = 'administrative' | 'party';

/** The levels a tree of each kind may contain, top down. */
export const LEVELS_BY_KIND: { readonly [K in TreeKind]: readonly OrgLevel[] } = {
  administrative: ADMINISTRATIVE_LEVELS,
  party: PARTY_LEVELS,
};

/**
 * The levels a node's parent may have. Only the compound level may be skipped (a grid directly
 * under a community is normal where there are no compounds), and the party tree mirrors that
 * with the branch level. A tree's root may be at any level, so a street can run its own tree.
 */
export const ALLOWED_PARENT_LEVELS: { readonly [L in OrgLevel]: readonly OrgLevel[] } = {
  county: [],
  street: ['county'],
  community: ['street'],
  compound: ['community'],
  grid: ['compound', 'community'],
  building: ['grid'],
  // A county committee 县委 heads the street committees when a tree spans several streets.
  committee: ['committee'],
  community_org: ['committee'],
  branch: ['community_org'],
  grid_group: ['branch', 'community_org'],
};

/** Which kind of unit a street-level or community-level node is: 街道 or 乡镇, 社区 or 村. */
export type OrgSubtype = 'street' | 'township' | 'community' | 'village';

/** The subtypes each level accepts; a level missing here takes no subtype. */
export const SUBTYPES_BY_LEVEL: { readonly [L in OrgLevel]?: readonly OrgSubtype[] } = {
  street: ['street', 'township'],
  community: ['community', 'village'],
};

/**
 * The division code level (GB/T 2260 and 统计用区划代码) a node of each level carries when it
 * has one. Statistical codes stop at the village, so compounds, grids and buildings, and the
 * party nodes below a committee, may only repeat their community's code.
 */
export const DIVISION_LEVEL_OF: { readonly [L in OrgLevel]: DivisionLevel } = {
  county: 'county',
  street: 'township',
  community: 'village',
  compound: 'village',
  grid: 'village',
  building: 'village',
  committee: 'township',
  community_org: 'village',
  branch: 'village',
  grid_group: 'village',
};

/** Labels for people, in both languages; also used in issue messages. */
export const LEVEL_LABELS: { readonly [L in OrgLevel]: LocalizedText } = {
  county: { zh: '县', en: 'county' },
  street: { zh: '街道/乡镇', en: 'street or township' },
  community: { zh: '社区/村', en: 'community or village' },
  compound: { zh: '小区', en: 'residential compound' },
  grid: { zh: '网格', en: 'grid' },
  building: { zh: '楼栋', en: 'building' },
  committee: { zh: '街道党委', en: 'street party committee' },
  community_org: { zh: '社区党组织', en: 'community party organisation' },
  branch: { zh: '小区党支部', en: 'compound party branch' },
  grid_group: { zh: '网格党小组', en: 'grid party group' },
};

export const SUBTYPE_LABELS: { readonly [S in OrgSubtype]: LocalizedText } = {
  street: { zh: '街道', en: 'street' },
  township: { zh: '乡镇', en: 'township' },
  community: { zh: '社区', en: 'community' },
  village: { zh: '村', en: 'village' },
};
