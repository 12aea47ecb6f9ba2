import type { ConsultationRules, FiveHave } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { yearOf } from './days.js';
import { duplicateIds, type LiaisonIssueCode, percent } from './errors.js';
import { type Actor, type Evidence, FIVE_HAVE_LABELS, type FixedCandidate } from './types.js';

/**
 * CPPCC liaison groups 政协联络组 and the county CPPCC roster they draw on (seed 1: 12 sectors,
 * 258 members, 133 of them recommended by townships, at least 10 per township, a liaison group in
 * every township with the "five haves").
 */

/** The level of the CPPCC a member sits on; fixed members of a consultation group may be of any level. */
export type CppccLevel = 'national' | 'provincial' | 'city' | 'county';

/** Who recommended a member: a township (the seed's 133 of 258), or another body (a sector, a party, an organisation). */
export type MemberOrigin = 'township' | 'other';

/** A sector 界别 of the county CPPCC. */
export interface Sector {
  readonly code: string;
  readonly name: LocalizedText;
}

/** A CPPCC member 政协委员. */
export interface CppccMember {
  readonly id: string;
  readonly name: string;
  readonly level: CppccLevel;
  /** The member's sector; county members must have one of the roster's sectors. */
  readonly sector?: string;
  /** The township the member lives in (and serves through its liaison group), if any. */
  readonly township: string | null;
  readonly origin: MemberOrigin;
  /** Subjects the member knows well, used when the member is proposed for a consultation group. */
  readonly expertise?: readonly string[];
}

/** The county CPPCC: its sectors and members (members of other levels living in the county may be listed too). */
export interface CppccRoster {
  readonly sectors: readonly Sector[];
  readonly members: readonly CppccMember[];
}

export interface Township {
  readonly code: string;
  readonly name: string;
}

/** The seed county's allocation of CPPCC seats, checked against the profile. */
export interface AllocationReport {
  /** County-level members. */
  readonly totalMembers: number;
  readonly townshipRecommended: number;
  /** `townshipRecommended / totalMembers` (seed: 133 / 258 ≈ 0.516, "52%"). */
  readonly townshipRecommendedShare: number;
  readonly bySector: readonly {
    readonly sector: string;
    readonly name: LocalizedText;
    readonly members: number;
  }[];
  readonly byOrigin: { readonly [O in MemberOrigin]: number };
  readonly byTownship: readonly {
    readonly township: string;
    readonly name: string;
    readonly members: number;
    readonly townshipRecommended: number;
    readonly meetsMinimum: boolean;
  }[];
  readonly issues: readonly Issue<LiaisonIssueCode>[];
  readonly ok: boolean;
}

/**
 * Checks the county CPPCC's seat allocation: the number of sectors, every township's member count
 * (≥ `minMembersPerTownship`), and the share of members recommended by townships. Counts only
 * county-level members; reports every problem.
 *
 * @example
 * const report = checkAllocation(roster, townships, referenceProfile.consultation);
 * report.townshipRecommendedShare; // 0.5155… for the seed's 133 of 258
 * report.issues.map((i) => i.code); // [] when every township has at least 10 members
 */
export function checkAllocation(
  roster: CppccRoster,
  townships: readonly Township[],
  rules: ConsultationRules,
): AllocationReport {
  const { minMembersPerTownship, sectorCount, minTownshipRecommendedShare } = rules.liaisonGroup;
  const issues: Issue<LiaisonIssueCode>[] = [];
  issues.push(
    ...duplicateIds(
      roster.members.map((m) => m.id),
      { zh: '委员', en: 'member' },
      (i) => ['members', i, 'id'],
    ),
  );
  if (roster.sectors.length !== sectorCount) {
    issues.push(
      issue(
        'CONSULTATION_SECTOR_COUNT_MISMATCH',
        {
          zh: `政协设 ${roster.sectors.length} 个界别，规定为 ${sectorCount} 个`,
          en: `the CPPCC has ${roster.sectors.length} sectors; the rule is ${sectorCount}`,
        },
        ['sectors'],
        { actual: roster.sectors.length, expected: sectorCount },
      ),
    );
  }
  const sectorCounts = new Map<string, number>(roster.sectors.map((s) => [s.code, 0]));
  const townshipCounts = new Map<string, { members: number; recommended: number }>(
    townships.map((t) => [t.code, { members: 0, recommended: 0 }]),
  );
  let total = 0;
  let recommended = 0;
  roster.members.forEach((member, i) => {
    if (member.level !== 'county') return;
    total++;
    if (member.origin === 'township') recommended++;
    const sector = member.sector === undefined ? undefined : sectorCounts.get(member.sector);
    if (sector === undefined) {
      issues.push(
        issue(
          'CONSULTATION_UNKNOWN_SECTOR',
          {
            zh: `委员“${member.name}”（第 ${i} 项）的界别“${member.sector ?? ''}”不在界别名单中`,
            en: `member "${member.name}" (entry ${i}) has sector "${member.sector ?? ''}", which is not one of the sectors`,
          },
          ['members', i, 'sector'],
          { id: member.id, sector: member.sector },
        ),
      );
    } else {
      sectorCounts.set(member.sector!, sector + 1);
    }
    if (member.township === null) return;
    const township = townshipCounts.get(member.township);
    if (township === undefined) {
      issues.push(
        issue(
          'CONSULTATION_UNKNOWN_TOWNSHIP',
          {
            zh: `委员“${member.name}”（第 ${i} 项）所在乡镇“${member.township}”不在乡镇名单中`,
            en: `member "${member.name}" (entry ${i}) belongs to township "${member.township}", which is not in the list`,
          },
          ['members', i, 'township'],
          { id: member.id, township: member.township },
        ),
      );
      return;
    }
    township.members++;
    if (member.origin === 'township') township.recommended++;
  });

  const byTownship = townships.map((t) => {
    const counts = townshipCounts.get(t.code)!;
    const meetsMinimum = counts.members >= minMembersPerTownship;
    if (!meetsMinimum) {
      issues.push(
        issue(
          'CONSULTATION_TOWNSHIP_TOO_FEW_MEMBERS',
          {
            zh: `${t.name}只有 ${counts.members} 名县政协委员，规定每个乡镇不少于 ${minMembersPerTownship} 名`,
            en: `${t.name} has ${counts.members} county CPPCC members; every township needs at least ${minMembersPerTownship}`,
          },
          ['townships', t.code],
          { township: t.code, members: counts.members, min: minMembersPerTownship },
        ),
      );
    }
    return {
      township: t.code,
      name: t.name,
      members: counts.members,
      townshipRecommended: counts.recommended,
      meetsMinimum,
    };
  });

  const share = total === 0 ? 0 : recommended / total;
  if (share < minTownshipRecommendedShare) {
    issues.push(
      issue(
        'CONSULTATION_TOWNSHIP_SHARE_TOO_LOW',
        {
          zh: `乡镇推荐的委员 ${recommended} 名，占 ${percent(share)}，低于规定的 ${percent(minTownshipRecommendedShare)}`,
          en: `${recommended} members were recommended by townships, ${percent(share)}, below the floor of ${percent(minTownshipRecommendedShare)}`,
        },
        ['members'],
        { recommended, total, share, min: minTownshipRecommendedShare },
      ),
    );
  }
  return {
    totalMembers: total,
    townshipRecommended: recommended,
    townshipRecommendedShare: share,
    bySector: roster.sectors.map((s) => ({
      sector: s.code,
      name: s.name,
      members: sectorCounts.get(s.code)!,
    })),
    byOrigin: { township: recommended, other: total - recommended },
    byTownship,
    issues,
    ok: issues.length === 0,
  };
}

/** A township's CPPCC liaison group 政协联络组 and the evidence of its "five haves" 五有. */
export interface LiaisonGroup {
  readonly township: string;
  readonly name: string;
  readonly establishedOn: LocalDate;
  /** The head of the group 联络组长, who acts for it. */
  readonly leader: Actor;
  /** Evidence per "have": the room's address, the secretary's appointment, the rules, the year's plan, the budget line. */
  readonly evidence: { readonly [H in FiveHave]?: readonly Evidence[] };
}

/** Haves that must be renewed each year: a plan and a budget belong to a year. */
const YEARLY_HAVES: readonly FiveHave[] = ['annual_plan', 'funding'];

export interface FiveHavesChecklist {
  readonly township: string;
  readonly items: readonly {
    readonly have: FiveHave;
    readonly label: LocalizedText;
    readonly present: boolean;
    readonly evidence: readonly Evidence[];
  }[];
  readonly complete: boolean;
  readonly issues: readonly Issue<'CONSULTATION_FIVE_HAVE_MISSING'>[];
}

/**
 * The "five haves" as a checklist: each have the profile requires, whether evidence shows it and
 * which. With a `year`, the annual plan and funding count only with evidence dated in that year.
 *
 * @example
 * const list = fiveHavesChecklist(group, referenceProfile.consultation, 2026);
 * list.complete; // false when, say, the 2026 work plan is not on file
 * list.issues[0]?.code; // 'CONSULTATION_FIVE_HAVE_MISSING'
 */
export function fiveHavesChecklist(
  group: LiaisonGroup,
  rules: ConsultationRules,
  year?: number,
): FiveHavesChecklist {
  const issues: Issue<'CONSULTATION_FIVE_HAVE_MISSING'>[] = [];
  const items = rules.liaisonGroup.fiveHaves.map((have) => {
    const all = group.evidence[have] ?? [];
    const yearly = year !== undefined && YEARLY_HAVES.includes(have);
    const evidence = yearly ? all.filter((e) => e.on !== undefined && yearOf(e.on) === year) : all;
    const present = evidence.length > 0;
    const label = FIVE_HAVE_LABELS[have];
    if (!present) {
      issues.push(
        issue(
          'CONSULTATION_FIVE_HAVE_MISSING',
          {
            zh: `${group.name}“${label.zh}”缺少${yearly ? `${year} 年的` : ''}佐证材料`,
            en: `${group.name} shows no evidence of ${label.en}${yearly ? ` for ${year}` : ''}`,
          },
          ['evidence', have],
          { township: group.township, have, ...(yearly ? { year } : {}) },
        ),
      );
    }
    return { have, label, present, evidence };
  });
  return { township: group.township, items, complete: issues.length === 0, issues };
}

export interface CoverageReport {
  readonly townships: number;
  readonly covered: number;
  readonly missing: readonly string[];
  readonly issues: readonly Issue<'CONSULTATION_LIAISON_GROUP_MISSING'>[];
}

/**
 * Whether every township has a liaison group (the seed county reached full coverage 全覆盖 by the
 * end of 2025).
 *
 * @example
 * checkCoverage(townships, groups).missing; // ['T07'] when T07 has no liaison group
 */
export function checkCoverage(
  townships: readonly Township[],
  groups: readonly LiaisonGroup[],
): CoverageReport {
  const with_ = new Set(groups.map((g) => g.township));
  const issues: Issue<'CONSULTATION_LIAISON_GROUP_MISSING'>[] = [];
  const missing: string[] = [];
  for (const t of townships) {
    if (with_.has(t.code)) continue;
    missing.push(t.code);
    issues.push(
      issue(
        'CONSULTATION_LIAISON_GROUP_MISSING',
        { zh: `${t.name}未成立政协联络组`, en: `${t.name} has no CPPCC liaison group` },
        ['townships', t.code],
        { township: t.code },
      ),
    );
  }
  return { townships: townships.length, covered: townships.length - missing.length, missing, issues };
}

/**
 * The fixed members 相对固定成员 of a township's consultation groups: CPPCC members of every level
 * who live in the township, as candidates for {@link proposeGroup}.
 *
 * @example
 * const fixed = fixedCandidates(roster, 'T01'); // [{ kind: 'fixed', id: 'M001', township: 'T01', … }, …]
 */
export function fixedCandidates(roster: CppccRoster, township: string): FixedCandidate[] {
  return roster.members
    .filter((m) => m.township === township)
    .map((m) => ({
      kind: 'fixed',
      id: m.id,
      name: m.name,
      township,
      ...(m.sector === undefined ? {} : { sector: m.sector }),
      ...(m.expertise === undefined ? {} : { expertise: m.expertise }),
    }));
}
