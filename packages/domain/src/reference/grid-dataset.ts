// Long file: one generator whose stages (places, people, requests, meetings) draw in
// turn from one seeded random stream; the order of the draws is the data, so it is read in one place.

import {
  epochMillis,
  formatInstant,
  type Instant,
  localDateOf,
  parseInstant,
  startOfLocalDate,
} from '../calendar/instant.js';
import { addWorkingDays, type WorkingDayCalendar, workingCalendarOf } from '../calendar/working-days.js';
import { createGridDirectory, type GridDirectory } from '../grid/directory.js';
import { type JointMeeting, meetingPeriods } from '../grid/meetings.js';
import { partitionCommunity } from '../grid/partition.js';
import { type PartyGroupPlacement, placePartyMembers, type Residence } from '../grid/party-groups.js';
import {
  escalateRequest,
  type RequestActor,
  type RequestCommand,
  type RequestContext,
  type RequestLocation,
  type RequestStatus,
  type ResidentRequest,
  reportRequest,
  transitionRequest,
} from '../grid/requests.js';
import { type AddressBook, createAddressBook, createGridIndex, type GridIndex } from '../grid/routing.js';
import { assignGridWorkers } from '../grid/staffing.js';
import type {
  Building,
  Community,
  Grid,
  GridWorker,
  PolygonCoordinates,
  Position,
  Street,
} from '../grid/types.js';
import type { OrgRow } from '../org/tree.js';
import type { GridRules, RuleProfile } from '../profiles/schema.js';
import type { RequestType } from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';
import { seededRandom } from '../shared/random.js';
import { unwrap } from '../shared/result.js';

/**
 * The reference dataset: the seed street of speech 5 (XX街道) as data, generated deterministically
 * from a seed and a scale factor. At scale 1 it reproduces the seed's figures — 7 communities, 48
 * grids, 3 grid workers per grid = 144, 2,645 party members in 56 party organisations (1 street
 * party committee + 7 community party organisations + 48 grid party groups), 52 functional party
 * groups, 367 disputes mediated, 516 safety hazards found, 8,700 service requests — through the
 * same rules the toolkit applies: partition, staffing, party group placement, the request state
 * machine on the 2025 working-day calendar. Scale multiplies communities, members, groups and
 * requests; households per community stay the seed street's.
 *
 * Everything is plain JSON-serialisable data with stable codes, for the persistence seeder and the
 * dashboard. Names and people are synthetic.
 */

export interface ReferenceDatasetOptions {
  /** PRNG seed; the same seed and scale give the same dataset. Default 5 (the fifth speech). */
  readonly seed?: number;
  /** Size factor; 1 reproduces the seed street. Default 1. */
  readonly scale?: number;
  /**
   * The dataset's moment (ISO-8601 with an offset). Given, the street lives around it: the last
   * full year at the seed's yearly figures (367 disputes, 516 hazards, 8,700 services), the current
   * year to date in proportion, open requests a few days old whose deadlines fall on both sides of
   * it. Left out, the dataset is the fixed year 2025 up to 20 December, as tests and benchmarks
   * expect.
   */
  readonly asOf?: string;
}

export interface DatasetBuilding extends Building {
  readonly communityCode: string;
  /** A street address, routable through the address book. */
  readonly address: string;
  readonly location: Position;
}

export interface DatasetGrid extends Grid {
  readonly streetCode: string;
  readonly name: string;
  readonly buildingIds: readonly string[];
  readonly outline: PolygonCoordinates;
}

export interface DatasetWorker extends GridWorker {
  readonly name: string;
  /** The party member record of a worker who is a party member. */
  readonly partyMemberId: string | null;
}

/** The points profile's categories: backbone, ordinary, mobile, in-service, non-public. */
export type DatasetMemberCategory = 'backbone' | 'ordinary' | 'mobile' | 'in_service' | 'non_public';

export interface DatasetPartyMember {
  readonly id: string;
  readonly name: string;
  readonly category: DatasetMemberCategory;
  readonly communityCode: string;
  readonly residence: Residence;
  /** The grid party group, or null for members living elsewhere (organised by their community). */
  readonly gridCode: string | null;
}

export interface DatasetFunctionalGroup {
  readonly code: string;
  readonly name: string;
  readonly basis: 'occupation' | 'aspiration' | 'interest';
  /** The party organisation it hangs off: the street committee or a community organisation. */
  readonly anchorCode: string;
}

export interface ReferenceGridDataset {
  readonly seed: number;
  readonly scale: number;
  /** The moment the dataset describes; every event is at or before it. */
  readonly asOf: Instant;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  readonly county: { readonly code: string; readonly name: string };
  readonly streets: readonly (Street & { readonly name: string })[];
  readonly communities: readonly (Community & { readonly name: string })[];
  readonly buildings: readonly DatasetBuilding[];
  readonly grids: readonly DatasetGrid[];
  readonly workers: readonly DatasetWorker[];
  readonly teams: readonly { readonly gridCode: string; readonly workerIds: readonly string[] }[];
  readonly partyMembers: readonly DatasetPartyMember[];
  /** Administrative tree rows (county → street → community → grid → building) for `buildOrgTree`. */
  readonly administrativeRows: readonly OrgRow[];
  /** Party tree rows (committee → community organisation → grid party group) for `buildOrgTree`. */
  readonly partyRows: readonly OrgRow[];
  readonly functionalGroups: readonly DatasetFunctionalGroup[];
  readonly functionalGroupMemberships: readonly { readonly groupCode: string; readonly memberId: string }[];
  readonly requests: readonly ResidentRequest[];
  readonly meetings: readonly JointMeeting[];
  /** Headline figures, derived from the lists above. */
  readonly summary: {
    readonly communities: number;
    readonly grids: number;
    readonly buildings: number;
    readonly households: number;
    readonly workers: number;
    readonly partyMembers: number;
    readonly partyOrganisations: number;
    readonly functionalGroups: number;
    readonly disputesMediated: number;
    readonly safetyHazards: number;
    readonly serviceRequests: number;
  };
}

const COUNTY = { code: '330102', name: 'XX县' };
const STREET_PREFIX = '330102';
/** Grids per community of the seed street: 48 in all. */
const GRID_PATTERN = [8, 7, 7, 7, 7, 6, 6];
/** 汉江路、胜利街、中山街 are named in the seed; 文化路、西一路 are its old streets; the rest are plausible. */
const COMMUNITY_NAMES = ['汉江路', '胜利街', '中山街', '文化路', '西一路', '三里桥', '人民路'];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 汉江路社区 runs a network branch for its 42 mobile members (seed 5). */
const SEED_MOBILE_MEMBERS = 42;
const FUNCTIONAL_THEMES: readonly { name: string; basis: DatasetFunctionalGroup['basis'] }[] = [
  { name: '文化宣传', basis: 'aspiration' },
  { name: '法律维权', basis: 'occupation' },
  { name: '书画棋艺', basis: 'interest' },
  { name: '医疗义诊', basis: 'occupation' },
  { name: '治安巡逻', basis: 'aspiration' },
  { name: '环境保洁', basis: 'aspiration' },
  { name: '关爱留守儿童', basis: 'aspiration' },
  { name: '戏曲文艺', basis: 'interest' },
  { name: '科技助老', basis: 'occupation' },
  { name: '政策宣讲', basis: 'aspiration' },
];
const YEAR = 2025;
const AS_OF = '2025-12-20T18:00:00+08:00' as Instant;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** When the dataset's requests and meetings happen. */
interface Timeline {
  readonly asOf: Instant;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  /**
   * Windows (epoch ms) in which settled requests were reported, each with its share of the
   * yearly figures; open and recently resolved requests cluster just before `asOf` regardless.
   */
  readonly settled: readonly { readonly from: number; readonly to: number; readonly share: number }[];
  /**
   * Open and resolved requests are a snapshot of now, on top of the period's flow, which is all
   * settled by now (so the last full year has the seed's yearly figures); in the fixed 2025
   * dataset they are part of the year's flow.
   */
  readonly snapshot: boolean;
}

function timelineOf(asOf: string | undefined): Timeline {
  const dayMs = (date: string): number => epochMillis(startOfLocalDate(date as LocalDate));
  if (asOf === undefined) {
    return {
      asOf: AS_OF,
      period: { from: `${YEAR}-01-01` as LocalDate, to: `${YEAR}-12-20` as LocalDate },
      settled: [{ from: dayMs(`${YEAR}-01-02`), to: dayMs(`${YEAR}-11-28`), share: 1 }],
      snapshot: false,
    };
  }
  const parsed = parseInstant(asOf);
  if (!parsed.ok) throw new RangeError(`asOf must be an ISO-8601 instant with an offset, got ${asOf}`);
  const at = parsed.value;
  const ms = epochMillis(at);
  const today = localDateOf(at);
  const year = Number(today.slice(0, 4));
  // Settled requests leave four weeks for their story (resolution, reopening, closing) to end
  // before the moment.
  const settledBy = ms - 28 * DAY;
  const windows = [
    { from: dayMs(`${year - 1}-01-02`), to: Math.min(dayMs(`${year}-01-01`), settledBy), share: 1 },
    {
      from: dayMs(`${year}-01-02`),
      to: settledBy,
      share: (dayMs(today) - dayMs(`${year}-01-01`)) / (365 * DAY),
    },
  ];
  return {
    asOf: at,
    period: { from: `${year - 1}-01-01` as LocalDate, to: today },
    settled: windows.filter((w) => w.to > w.from && w.share > 0),
    snapshot: true,
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Splits `total` over weights by largest remainder, so the parts add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) parts[order[k % order.length]!.i]!++;
  return parts;
}

/**
 * Generates the reference dataset. Deterministic: the same options give deep-equal output.
 * The profile supplies the grid rules and the working-day calendar (reference profile: 2025 covered).
 *
 * @example
 * const data = generateReferenceGridDataset(referenceProfile);
 * data.summary; // { communities: 7, grids: 48, workers: 144, partyMembers: 2645, partyOrganisations: 56, … }
 * JSON.stringify(data); // plain data, ready for a seeder
 */
export function generateReferenceGridDataset(
  profile: Pick<RuleProfile, 'grid' | 'calendar'>,
  options: ReferenceDatasetOptions = {},
): ReferenceGridDataset {
  const seed = options.seed ?? 5;
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  const timeline = timelineOf(options.asOf);
  const rules = profile.grid;
  // Steps dated in a year the calendar does not list yet count by the weekend rule, as the
  // request channel does.
  const calendar = workingCalendarOf(profile, { uncoveredYears: 'weekdays_only' });
  const random = seededRandom(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number): boolean => random() < p;

  // --- the tree: streets, communities, buildings, grids -------------------------------------
  const communityCount = Math.max(1, Math.round(GRID_PATTERN.length * scale));
  const streetCount = Math.ceil(communityCount / GRID_PATTERN.length);
  const streets = Array.from({ length: streetCount }, (_, s) => ({
    code: `${STREET_PREFIX}${pad(s + 1, 3)}`,
    name: s === 0 ? 'XX街道' : `XX第${s + 1}街道`,
  }));
  const communities: (Community & { name: string })[] = [];
  const buildings: DatasetBuilding[] = [];
  const grids: DatasetGrid[] = [];
  for (let c = 0; c < communityCount; c++) {
    const street = streets[Math.floor(c / GRID_PATTERN.length)]!;
    const k = c % GRID_PATTERN.length;
    const round = Math.floor(c / GRID_PATTERN.length);
    const road = `${COMMUNITY_NAMES[k]!}${round === 0 ? '' : (NUMERALS[(round - 1) % NUMERALS.length] ?? '')}`;
    const community = {
      code: `${street.code}${pad(k + 1, 3)}`,
      streetCode: street.code,
      name: `${road}社区`,
    };
    communities.push(community);
    const gridCount = GRID_PATTERN[k]!;
    // Each community is a block of the map: 0.008° × 0.006° (about 750 m × 650 m).
    const x0 = 112.7 + round * 0.04 + (k % 4) * 0.009;
    const y0 = 32.0 + Math.floor(k / 4) * 0.007;
    const width = 0.008;
    const height = 0.006;
    // Draw buildings around a ~300-household block per grid until partition finds as many grids.
    for (let attempt = 0; ; attempt++) {
      const sizes: number[] = [];
      for (let g = 0; g < gridCount; g++) {
        const goal = int(rules.households.target - 40, rules.households.target + 40);
        let sum = 0;
        while (sum < goal - 20) {
          const size = Math.min(int(18, 96), Math.max(6, goal - sum));
          sizes.push(size);
          sum += size;
        }
      }
      const n = sizes.length;
      const xAt = (i: number): number => Math.round((x0 + (i * width) / n) * 1e6) / 1e6;
      const drafted: DatasetBuilding[] = sizes.map((households, i) => ({
        id: `${community.code}-B${pad(i + 1, 3)}`,
        communityCode: community.code,
        households,
        addressOrder: i + 1,
        address: `${road}${i + 1}号`,
        location: [
          Math.round((x0 + ((i + 0.5) * width) / n) * 1e6) / 1e6,
          Math.round((y0 + height * (0.1 + 0.8 * random())) * 1e6) / 1e6,
        ],
      }));
      const partition = unwrap(
        partitionCommunity({ communityCode: community.code, buildings: drafted }, rules, {
          method: 'address_order',
        }),
      );
      if (partition.grids.length !== gridCount && attempt < 50) continue;
      buildings.push(...drafted);
      let first = 0;
      partition.grids.forEach((plan, g) => {
        const last = first + plan.buildingIds.length;
        const xa = xAt(first);
        const xb = last === n ? Math.round((x0 + width) * 1e6) / 1e6 : xAt(last);
        const ya = Math.round(y0 * 1e6) / 1e6;
        const yb = Math.round((y0 + height) * 1e6) / 1e6;
        grids.push({
          code: plan.code,
          communityCode: community.code,
          streetCode: street.code,
          name: `${community.name}第${g + 1}网格`,
          households: plan.households,
          buildingIds: plan.buildingIds,
          outline: [
            [
              [xa, ya],
              [xb, ya],
              [xb, yb],
              [xa, yb],
              [xa, ya],
            ],
          ],
        });
        first = last;
      });
      break;
    }
  }
  const directory = unwrap(createGridDirectory({ streets, communities, grids }));
  const gridOfBuilding: Record<string, string> = {};
  for (const g of grids) for (const b of g.buildingIds) gridOfBuilding[b] = g.code;
  const buildingById = new Map(buildings.map((b) => [b.id, b]));

  // --- party members ---------------------------------------------------------------------
  const memberTotal = Math.round(2645 * scale);
  const perCommunity = apportion(
    memberTotal,
    communities.map((c) => grids.filter((g) => g.communityCode === c.code).length),
  );
  const residents: Omit<DatasetPartyMember, 'gridCode'>[] = [];
  communities.forEach((community, c) => {
    const homes = buildings.filter((b) => b.communityCode === community.code);
    const weights = homes.map((b) => b.households);
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const count = perCommunity[c]!;
    const mobile =
      c === 0
        ? Math.min(count, Math.round(SEED_MOBILE_MEMBERS * Math.min(1, scale)))
        : Math.round(count * 0.03);
    for (let m = 0; m < count; m++) {
      const id = `M${pad(residents.length + 1, 5)}`;
      if (m < mobile) {
        residents.push({
          id,
          name: `党员${id}`,
          category: 'mobile',
          communityCode: community.code,
          residence: { kind: 'elsewhere' },
        });
        continue;
      }
      let pick = random() * totalWeight;
      let home = homes[0]!;
      for (const b of homes) {
        pick -= b.households;
        if (pick < 0) {
          home = b;
          break;
        }
      }
      const roll = random();
      const category: DatasetMemberCategory =
        roll < 0.1 ? 'backbone' : roll < 0.64 ? 'ordinary' : roll < 0.9 ? 'in_service' : 'non_public';
      residents.push({
        id,
        name: `党员${id}`,
        category,
        communityCode: community.code,
        residence: { kind: 'building', buildingId: home.id },
      });
    }
  });
  // Grid party groups by residence, through the rule itself (a tiny scale may leave a group short).
  const placement: PartyGroupPlacement = unwrap(
    placePartyMembers({ gridCodes: grids.map((g) => g.code), members: residents, gridOfBuilding }, rules),
  );
  const partyMembers: DatasetPartyMember[] = residents.map((m) => ({
    ...m,
    gridCode: placement.gridOfMember[m.id] ?? null,
  }));

  // --- grid workers and teams ------------------------------------------------------------
  const workers: DatasetWorker[] = [];
  for (const community of communities) {
    const gridCount = grids.filter((g) => g.communityCode === community.code).length;
    const local = partyMembers.filter((m) => m.communityCode === community.code && m.gridCode !== null);
    let linked = 0;
    for (let j = 0; j < gridCount * rules.workersPerGrid; j++) {
      const id = `W${pad(workers.length + 1, 4)}`;
      // One party member per grid at least (the profile requires it), a quarter of the rest too;
      // each is linked to a distinct member record living in the community.
      const isPartyMember = j < gridCount || chance(0.25);
      const partyMemberId = isPartyMember ? (local[linked++ * 7]?.id ?? null) : null;
      workers.push({
        id,
        name: `网格员${id}`,
        homeCommunityCode: community.code,
        isPartyMember,
        partyMemberId,
      });
    }
  }
  const plan = unwrap(assignGridWorkers({ grids, workers }, rules));
  const teams = plan.teams.map((t) => ({ gridCode: t.gridCode, workerIds: t.workerIds }));
  const teamOf = new Map(teams.map((t) => [t.gridCode, t.workerIds]));

  // --- organisation rows -----------------------------------------------------------------
  const administrativeRows: OrgRow[] = [
    { code: COUNTY.code, parentCode: null, level: 'county', name: COUNTY.name, divisionCode: COUNTY.code },
    ...streets.map(
      (s): OrgRow => ({
        code: s.code,
        parentCode: COUNTY.code,
        level: 'street',
        subtype: 'street',
        name: s.name,
        divisionCode: s.code,
      }),
    ),
    ...communities.map(
      (c): OrgRow => ({
        code: c.code,
        parentCode: c.streetCode,
        level: 'community',
        subtype: 'community',
        name: c.name,
        divisionCode: c.code,
      }),
    ),
    ...grids.map((g): OrgRow => ({ code: g.code, parentCode: g.communityCode, level: 'grid', name: g.name })),
    ...buildings.map(
      (b): OrgRow => ({ code: b.id, parentCode: gridOfBuilding[b.id]!, level: 'building', name: b.address }),
    ),
  ];
  const party = (code: string): string => `P${code}`;
  const partyRows: OrgRow[] = [
    // One street is its own tree; several hang under the county committee 县委.
    ...(streets.length > 1
      ? [
          {
            code: party(COUNTY.code),
            parentCode: null,
            level: 'committee',
            name: `${COUNTY.name}委`,
            counterpart: COUNTY.code,
          } satisfies OrgRow,
        ]
      : []),
    ...streets.map(
      (s): OrgRow => ({
        code: party(s.code),
        parentCode: streets.length > 1 ? party(COUNTY.code) : null,
        level: 'committee',
        name: `${s.name}党委`,
        counterpart: s.code,
      }),
    ),
    ...communities.map(
      (c): OrgRow => ({
        code: party(c.code),
        parentCode: party(c.streetCode),
        level: 'community_org',
        name: `${c.name}党支部`,
        counterpart: c.code,
      }),
    ),
    ...grids.map(
      (g): OrgRow => ({
        code: party(g.code),
        parentCode: party(g.communityCode),
        level: 'grid_group',
        name: `${g.name}党小组`,
        counterpart: g.code,
      }),
    ),
  ];
  // The seed's 56 party organisations, read as 1 committee + 7 community organisations + 48 grid
  // party groups; the speech does not break the figure down.

  // --- functional party groups -----------------------------------------------------------
  const groupTotal = Math.round(52 * scale);
  const perCommunityGroups = Math.floor(groupTotal / communities.length);
  const streetGroups = groupTotal - perCommunityGroups * communities.length;
  const functionalGroups: DatasetFunctionalGroup[] = [];
  const memberships: { groupCode: string; memberId: string }[] = [];
  const joined = new Map<string, number>();
  const enrol = (groupCode: string, pool: readonly DatasetPartyMember[], size: number): void => {
    const start = int(0, Math.max(0, pool.length - 1));
    let added = 0;
    for (let step = 0; step < pool.length && added < size; step++) {
      const m = pool[(start + step * 13) % pool.length]!;
      if ((joined.get(m.id) ?? 0) >= rules.functionalGroupsMaxPerMember) continue;
      if (memberships.some((x) => x.groupCode === groupCode && x.memberId === m.id)) continue;
      memberships.push({ groupCode, memberId: m.id });
      joined.set(m.id, (joined.get(m.id) ?? 0) + 1);
      added++;
    }
  };
  const groupSize = (): number =>
    int(Math.max(rules.functionalGroupMembers.min, 8), Math.min(rules.functionalGroupMembers.max, 30));
  communities.forEach((community, c) => {
    const pool = partyMembers.filter((m) => m.communityCode === community.code && m.category !== 'mobile');
    for (let f = 0; f < perCommunityGroups; f++) {
      const theme = FUNCTIONAL_THEMES[(c + f) % FUNCTIONAL_THEMES.length]!;
      const code = `${community.code}-F${pad(f + 1, 2)}`;
      functionalGroups.push({
        code,
        name: `${community.name}${theme.name}功能党小组`,
        basis: theme.basis,
        anchorCode: party(community.code),
      });
      enrol(code, pool, groupSize());
    }
  });
  for (let f = 0; f < streetGroups; f++) {
    const street = streets[f % streets.length]!;
    const theme = FUNCTIONAL_THEMES[f % FUNCTIONAL_THEMES.length]!;
    const code = `${street.code}-F${pad(Math.floor(f / streets.length) + 1, 2)}`;
    functionalGroups.push({
      code,
      name: `${street.name}${theme.name}功能党小组`,
      basis: theme.basis,
      anchorCode: party(street.code),
    });
    const pool = partyMembers.filter(
      (m) => m.category !== 'mobile' && directory.streetOf.get(m.communityCode) === street.code,
    );
    enrol(code, pool, groupSize());
  }

  // --- resident requests -----------------------------------------------------------------
  const index = unwrap(createGridIndex(grids.map((g) => ({ gridCode: g.code, coordinates: g.outline }))));
  const addresses = unwrap(
    createAddressBook([
      ...buildings.map((b) => ({ address: b.address, gridCode: gridOfBuilding[b.id]! })),
      ...buildings.map((b) => ({ address: b.id, gridCode: gridOfBuilding[b.id]! })),
    ]),
  );
  const context: RequestContext = { rules, calendar, directory, addresses, index };
  const requests = generateRequests({
    timeline,
    scale,
    random,
    grids,
    buildingById,
    teamOf,
    calendar,
    context,
  });

  // --- joint meetings --------------------------------------------------------------------
  const meetings = generateMeetings(rules, streets, communities, random, timeline.period);

  const households = grids.reduce((sum, g) => sum + g.households, 0);
  return {
    seed,
    scale,
    asOf: timeline.asOf,
    period: timeline.period,
    county: COUNTY,
    streets,
    communities,
    buildings,
    grids,
    workers,
    teams,
    partyMembers,
    administrativeRows,
    partyRows,
    functionalGroups,
    functionalGroupMemberships: memberships,
    requests,
    meetings,
    summary: {
      communities: communities.length,
      grids: grids.length,
      buildings: buildings.length,
      households,
      workers: workers.length,
      partyMembers: partyMembers.length,
      partyOrganisations: partyRows.length - (streets.length > 1 ? 1 : 0),
      functionalGroups: functionalGroups.length,
      disputesMediated: requests.filter(
        (r) => r.type === 'dispute' && (r.status === 'resolved' || r.status === 'closed'),
      ).length,
      safetyHazards: requests.filter((r) => r.type === 'safety_hazard').length,
      serviceRequests: requests.filter((r) => r.type === 'service_request').length,
    },
  };
}

/**
 * The routing context for a dataset: its directory, address book (addresses and building ids),
 * spatial index and the profile's calendar, ready for `reportRequest` and `transitionRequest`.
 *
 * @example
 * const context = referenceDatasetContext(data, referenceProfile);
 * reportRequest({ id: 'R-new', type: 'dispute', at: data.asOf, reporter, location: { kind: 'address', address: '汉江路3号' } }, context);
 */
export function referenceDatasetContext(
  dataset: Pick<ReferenceGridDataset, 'streets' | 'communities' | 'grids' | 'buildings'>,
  profile: Pick<RuleProfile, 'grid' | 'calendar'>,
): RequestContext & {
  readonly directory: GridDirectory;
  readonly index: GridIndex;
  readonly addresses: AddressBook;
} {
  const directory = unwrap(
    createGridDirectory({ streets: dataset.streets, communities: dataset.communities, grids: dataset.grids }),
  );
  const gridOf = new Map<string, string>();
  for (const g of dataset.grids) for (const b of g.buildingIds) gridOf.set(b, g.code);
  const addresses = unwrap(
    createAddressBook(
      dataset.buildings.flatMap((b) => [
        { address: b.address, gridCode: gridOf.get(b.id)! },
        { address: b.id, gridCode: gridOf.get(b.id)! },
      ]),
    ),
  );
  const index = unwrap(
    createGridIndex(dataset.grids.map((g) => ({ gridCode: g.code, coordinates: g.outline }))),
  );
  return { rules: profile.grid, calendar: workingCalendarOf(profile), directory, addresses, index };
}

interface RequestPlan {
  readonly type: RequestType;
  readonly outcome: RequestStatus;
  /** Report time, epoch ms. */
  readonly at: number;
  readonly grid: DatasetGrid;
  readonly reopened: boolean;
  readonly late: boolean;
}

function generateRequests(args: {
  timeline: Timeline;
  scale: number;
  random: () => number;
  grids: readonly DatasetGrid[];
  buildingById: ReadonlyMap<string, DatasetBuilding>;
  teamOf: ReadonlyMap<string, readonly string[]>;
  calendar: WorkingDayCalendar;
  context: RequestContext;
}): ResidentRequest[] {
  const { timeline, scale, random, grids, buildingById, teamOf, calendar, context } = args;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number): boolean => random() < p;
  const asOfMs = epochMillis(timeline.asOf);
  const dayStart = (date: LocalDate): number => epochMillis(startOfLocalDate(date));
  const totalHouseholds = grids.reduce((s, g) => s + g.households, 0);
  const pickGrid = (): DatasetGrid => {
    let left = random() * totalHouseholds;
    for (const g of grids) {
      left -= g.households;
      if (left < 0) return g;
    }
    return grids[grids.length - 1]!;
  };
  /** A report time: a day from the one holding `from`, at a waking hour, and never after `to`. */
  const reportTime = (from: number, to: number): number => {
    const first = dayStart(formatInstant(from).slice(0, 10) as LocalDate);
    const day = first + Math.floor(random() * Math.max(1, (to - first) / 86_400_000)) * 86_400_000;
    return Math.min(day + int(7 * 60, 21 * 60) * MINUTE, to - int(0, 120) * MINUTE);
  };
  const plans: RequestPlan[] = [];
  const push = (type: RequestType, outcome: RequestStatus, at: number): void => {
    plans.push({
      type,
      outcome,
      at,
      grid: pickGrid(),
      reopened: outcome === 'closed' && chance(0.03),
      late: chance(0.12),
    });
  };
  /** `flow`: the open ones stand for part of the yearly figure, which is all settled by now. */
  const plan = (type: RequestType, outcome: RequestStatus, count: number, flow: boolean): void => {
    const open = outcome === 'reported' || outcome === 'assigned' || outcome === 'in_progress';
    // Open ones and resolved-but-not-closed ones are recent (a snapshot, whatever the period), so
    // their story fits before the dataset's moment; settled ones fall in the windows of the
    // period at the yearly figures' share.
    if (open || outcome === 'resolved') {
      for (let i = 0; i < count; i++) {
        push(
          type,
          outcome,
          open
            ? reportTime(asOfMs - 9 * DAY, asOfMs - 10 * 3_600_000)
            : reportTime(asOfMs - 28 * DAY, asOfMs - 16 * DAY),
        );
      }
      if (timeline.snapshot && flow) settle(type, 'closed', count);
      return;
    }
    settle(type, outcome, count);
  };
  function settle(type: RequestType, outcome: RequestStatus, count: number): void {
    for (const window of timeline.settled) {
      const n = Math.round(count * window.share);
      for (let i = 0; i < n; i++) push(type, outcome, reportTime(window.from, window.to));
    }
  }
  const mediated = Math.round(367 * scale);
  const hazards = Math.round(516 * scale);
  const services = Math.round(8700 * scale);
  const share = (
    total: number,
    entries: readonly [RequestStatus, number][],
    type: RequestType,
    flow = true,
  ): void => {
    const parts = apportion(
      total,
      entries.map(([, w]) => w),
    );
    entries.forEach(([status], i) => {
      plan(type, status, parts[i]!, flow);
    });
  };
  // Disputes: the seed's 367 were mediated (resolved or closed); a few more are open or turned away.
  share(
    mediated,
    [
      ['closed', 92],
      ['resolved', 8],
    ],
    'dispute',
  );
  share(
    Math.round(mediated * 0.06),
    [
      ['in_progress', 4],
      ['assigned', 2],
      ['reported', 1],
      ['rejected', 4],
      ['duplicate', 3],
    ],
    'dispute',
    // Beyond the 367: open ones now are extra, not last year's disputes waiting.
    false,
  );
  // Safety hazards: 516 found, whatever their status.
  share(
    hazards,
    [
      ['closed', 88],
      ['resolved', 5],
      ['in_progress', 2],
      ['assigned', 1],
      ['reported', 1],
      ['duplicate', 3],
    ],
    'safety_hazard',
  );
  // Services: 8,700 resident services.
  share(
    services,
    [
      ['closed', 93],
      ['resolved', 4],
      ['in_progress', 1],
      ['assigned', 0.6],
      ['reported', 0.4],
      ['rejected', 1],
    ],
    'service_request',
  );
  plans.sort((a, b) => a.at - b.at || (a.grid.code < b.grid.code ? -1 : a.grid.code > b.grid.code ? 1 : 0));

  const requests: ResidentRequest[] = [];
  const lastOfType = new Map<string, string>();
  const numbered = new Map<string, number>();
  plans.forEach((p) => {
    // Numbered per year of report, as a request office numbers its register.
    const year = formatInstant(p.at).slice(0, 4);
    const n = (numbered.get(year) ?? 0) + 1;
    numbered.set(year, n);
    const id = `R${year}-${pad(n, 6)}`;
    const team = teamOf.get(p.grid.code)!;
    const worker: RequestActor = { id: team[int(0, team.length - 1)]!, role: 'grid_worker' };
    const community: RequestActor = { id: p.grid.communityCode, role: 'community' };
    const resident: RequestActor = { id: `resident-${pad(int(1, 99_999), 5)}`, role: 'resident' };
    const roll = random();
    const buildingId = p.grid.buildingIds[int(0, p.grid.buildingIds.length - 1)]!;
    const location: RequestLocation =
      roll < 0.6
        ? { kind: 'address', address: buildingById.get(buildingId)!.address }
        : roll < 0.9
          ? { kind: 'point', point: pointIn(p.grid, random) }
          : { kind: 'grid', gridCode: p.grid.code };
    let request = unwrap(
      reportRequest(
        {
          id,
          type: p.type,
          at: formatInstant(p.at),
          reporter: chance(0.7) ? resident : worker,
          location,
          summary: SUMMARIES[p.type][int(0, SUMMARIES[p.type].length - 1)]!,
        },
        context,
      ),
    );
    let t = p.at;
    const step = (command: RequestCommand): void => {
      request = unwrap(transitionRequest(request, command, context));
    };
    const later = (lo: number, hi: number): string => {
      t += int(lo, hi) * MINUTE;
      return formatInstant(t);
    };
    /** A time on the working day `days` working days after the report, after the last step. */
    const onWorkingDay = (from: number, days: number): string => {
      const date = unwrap(addWorkingDays(calendar, formatInstant(from).slice(0, 10), days));
      const candidate = dayStart(date) + int(9 * 60, 17 * 60 + 30) * MINUTE;
      t = Math.max(candidate, t + int(20, 90) * MINUTE);
      return formatInstant(t);
    };
    const key = `${p.type}\u0000${p.grid.code}`;
    switch (p.outcome) {
      case 'reported':
        break;
      case 'rejected':
        step({
          action: 'reject',
          at: later(30, 480),
          actor: community,
          reason: '不属于社区受理范围，已告知诉求人向有关部门反映',
        });
        break;
      case 'duplicate': {
        const original = lastOfType.get(key) ?? requests[requests.length - 1]?.id;
        if (original === undefined)
          step({ action: 'reject', at: later(30, 480), actor: community, reason: '信息不全，无法核实' });
        else step({ action: 'mark_duplicate', at: later(10, 240), actor: worker, duplicateOf: original });
        break;
      }
      default: {
        step({
          action: 'assign',
          at: later(5, 180),
          actor: chance(0.5) ? community : worker,
          assigneeId: worker.id,
        });
        if (p.outcome === 'assigned') break;
        step({ action: 'start', at: later(10, 240), actor: worker });
        if (p.outcome === 'in_progress') break;
        const deadline = context.rules.requests[p.type].deadlineWorkingDays;
        const days = p.late ? deadline + int(1, 4) : int(0, deadline);
        step({ action: 'resolve', at: onWorkingDay(p.at, days), actor: worker });
        if (p.reopened) {
          step({ action: 'reopen', at: later(60, 1440), actor: resident, reason: '问题仍未解决' });
          step({ action: 'resolve', at: onWorkingDay(t, int(1, 2)), actor: worker });
        }
        if (p.outcome === 'closed') {
          const closer = chance(0.6) ? resident : community;
          step({ action: 'close', at: onWorkingDay(t, int(0, 3)), actor: closer });
        }
      }
    }
    if (t > asOfMs) throw new Error(`reference dataset: request ${id} runs past the dataset's moment`);
    request = unwrap(escalateRequest(request, timeline.asOf, context));
    lastOfType.set(key, id);
    requests.push(request);
  });
  return requests;
}

const SUMMARIES: { readonly [T in RequestType]: readonly string[] } = {
  dispute: ['邻里噪音纠纷', '楼上漏水引发纠纷', '停车位占用纠纷', '物业费缴纳纠纷', '家庭赡养纠纷'],
  safety_hazard: ['楼道堆放杂物', '电动车楼道充电', '消防通道被占', '井盖破损', '老旧电线裸露'],
  service_request: [
    '代办养老保险认证',
    '代办居住证明',
    '独居老人上门探访',
    '低保政策咨询',
    '代办医保报销材料',
  ],
};

function pointIn(grid: DatasetGrid, random: () => number): Position {
  const ring = grid.outline[0]!;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  return [
    Math.round((x0 + (x1 - x0) * (0.05 + 0.9 * random())) * 1e6) / 1e6,
    Math.round((y0 + (y1 - y0) * (0.05 + 0.9 * random())) * 1e6) / 1e6,
  ];
}

function generateMeetings(
  rules: Pick<GridRules, 'jointMeetings'>,
  streets: readonly Street[],
  communities: readonly Community[],
  random: () => number,
  period: Timeline['period'],
): JointMeeting[] {
  const { from, to } = period;
  const first = from.slice(0, 4);
  const meetings: JointMeeting[] = [];
  /** A day between the 5th and the end of the period's last month (or the dataset's last day). */
  const dayIn = (end: LocalDate): string => {
    const last = end > to ? to : end;
    const day = 5 + Math.floor(random() * Math.max(1, Number(last.slice(8, 10)) - 5));
    return `${last.slice(0, 8)}${pad(day, 2)}`;
  };
  for (const s of streets) {
    for (const period of meetingPeriods(rules.jointMeetings.street, from, to)) {
      const heldOn = dayIn(period.end);
      // The current period's meeting has not happened yet when its day is still to come.
      if (heldOn > to) continue;
      meetings.push({
        id: `JM-${s.code}-${period.label}`,
        level: 'street',
        orgCode: s.code,
        heldOn,
        kind: 'regular',
        topic: '街道党建联席会议',
      });
    }
    meetings.push(
      {
        id: `JM-${s.code}-adhoc-1`,
        level: 'street',
        orgCode: s.code,
        heldOn: `${first}-04-16`,
        kind: 'ad_hoc',
        topic: '文化路、西一路、中山街三条老街占道经营和环境卫生整治',
      },
      {
        id: `JM-${s.code}-adhoc-2`,
        level: 'street',
        orgCode: s.code,
        heldOn: `${first}-07-09`,
        kind: 'ad_hoc',
        topic: '汛期安全隐患排查',
      },
    );
  }
  communities.forEach((c, i) => {
    for (const period of meetingPeriods(rules.jointMeetings.community, from, to)) {
      // One gap on purpose, so that the check has something to find: the last community's August.
      if (i === communities.length - 1 && period.label === `${first}-08`) continue;
      const heldOn = dayIn(period.end);
      if (heldOn > to) continue;
      meetings.push({
        id: `JM-${c.code}-${period.label}`,
        level: 'community',
        orgCode: c.code,
        heldOn,
        kind: 'regular',
        topic: '社区党建联席会议',
      });
    }
  });
  return meetings;
}
