import { type AllocationReport, type CppccMember, checkAllocation } from '../consultation/liaison-groups.js';
import type { MemberDirectory, ScoredMember } from '../points/types.js';
import type { RuleProfile } from '../profiles/schema.js';
import type { CppccPost } from '../profiles/vocabulary.js';
import type { Issue, LocalizedText } from '../shared/errors.js';
import { issue } from '../shared/errors.js';
import { type CommitteeIssueCode, duplicateIds, unknownMember } from './errors.js';
import type { CppccCommittee, PlenaryMeeting } from './types.js';

/**
 * The committee of a term: lookups, the check against the profile, the headline figures, and the
 * names of plenary meetings and filing numbers (十届三次会议第123号).
 */

/** Lookups built once per committee (committees are plain data, treated as immutable). */
export interface CommitteeIndex {
  /** County-level members by id: the members proposals, duty and roll calls are about. */
  readonly members: ReadonlyMap<string, CppccMember>;
  readonly townships: ReadonlySet<string>;
  /** Posts held, by member id. */
  readonly posts: ReadonlyMap<string, readonly CppccPost[]>;
  readonly standing: ReadonlySet<string>;
}

const indexCache = new WeakMap<CppccCommittee, CommitteeIndex>();

export function indexCommittee(committee: CppccCommittee): CommitteeIndex {
  let index = indexCache.get(committee);
  if (index === undefined) {
    const posts = new Map<string, CppccPost[]>();
    const hold = (member: string, post: CppccPost) => posts.set(member, [...(posts.get(member) ?? []), post]);
    hold(committee.chair, 'chair');
    for (const v of committee.viceChairs) hold(v, 'vice_chair');
    hold(committee.secretaryGeneral, 'secretary_general');
    index = {
      members: new Map(committee.roster.members.filter((m) => m.level === 'county').map((m) => [m.id, m])),
      townships: new Set(committee.townships.map((t) => t.code)),
      posts,
      standing: new Set(committee.standingMembers.map((s) => s.member)),
    };
    indexCache.set(committee, index);
  }
  return index;
}

/** The result of `checkCommittee`: the term's own problems and the seat allocation report. */
export interface CommitteeCheck {
  readonly issues: readonly Issue<CommitteeIssueCode>[];
  /** The consultation area's seat check (sector count, members per township, township share). */
  readonly allocation: AllocationReport;
  readonly ok: boolean;
}

/**
 * Checks a term's committee against the profile: every member's sector is one of the profile's
 * `cppcc.sectors`, posts and standing seats are held by county-level members, special committee
 * seats name the profile's committees, members' townships are known, nobody holds a seat twice;
 * and the seat allocation as the consultation area checks it (`checkAllocation`).
 *
 * @example
 * const check = checkCommittee(dataset.committee, referenceProfile);
 * check.ok; // true for the seed county: 12 sectors, 258 members, 133 recommended by townships
 */
export function checkCommittee(
  committee: CppccCommittee,
  profile: Pick<RuleProfile, 'cppcc' | 'consultation'>,
): CommitteeCheck {
  const index = indexCommittee(committee);
  const issues: Issue<CommitteeIssueCode>[] = [];
  const sectors = new Set(profile.cppcc.sectors.map((s) => s.code));
  committee.roster.members.forEach((m, i) => {
    if (m.level === 'county' && (m.sector === undefined || !sectors.has(m.sector))) {
      issues.push(
        issue(
          'CPPCC_UNKNOWN_SECTOR',
          {
            zh: `委员“${m.name}”的界别“${m.sector ?? ''}”不是规则配置中的界别`,
            en: `member "${m.name}" has sector "${m.sector ?? ''}", which the profile does not list`,
          },
          ['roster', 'members', i, 'sector'],
          { member: m.id, sector: m.sector ?? null },
        ),
      );
    }
    if (m.township !== null && !index.townships.has(m.township)) {
      issues.push(
        issue(
          'CPPCC_UNKNOWN_TOWNSHIP',
          {
            zh: `委员“${m.name}”所在乡镇“${m.township}”不在乡镇名单中`,
            en: `member "${m.name}" lives in township "${m.township}", which is not in the list`,
          },
          ['roster', 'members', i, 'township'],
          { member: m.id, township: m.township },
        ),
      );
    }
  });
  const posts: [string, (string | number)[]][] = [
    [committee.chair, ['chair']],
    ...committee.viceChairs.map((v, i): [string, (string | number)[]] => [v, ['viceChairs', i]]),
    [committee.secretaryGeneral, ['secretaryGeneral']],
    ...committee.standingMembers.map((s, i): [string, (string | number)[]] => [
      s.member,
      ['standingMembers', i, 'member'],
    ]),
    ...committee.committeeSeats.map((s, i): [string, (string | number)[]] => [
      s.member,
      ['committeeSeats', i, 'member'],
    ]),
  ];
  for (const [member, path] of posts) {
    if (!index.members.has(member)) issues.push(unknownMember(member, path));
  }
  issues.push(
    ...duplicateIds(
      [committee.chair, ...committee.viceChairs, committee.secretaryGeneral],
      { zh: '主席、副主席、秘书长', en: 'chair, vice-chair or secretary-general' },
      (i) =>
        i === 0 ? ['chair'] : i <= committee.viceChairs.length ? ['viceChairs', i - 1] : ['secretaryGeneral'],
    ),
    ...duplicateIds(
      committee.standingMembers.map((s) => s.member),
      { zh: '常委', en: 'standing member' },
      (i) => ['standingMembers', i, 'member'],
    ),
    ...duplicateIds(
      committee.committeeSeats.map((s) => `${s.committee}/${s.member}`),
      { zh: '专门委员会席位', en: 'special committee seat' },
      (i) => ['committeeSeats', i],
    ),
  );
  const known = new Set(profile.cppcc.specialCommittees.map((c) => c.code));
  committee.committeeSeats.forEach((seat, i) => {
    if (!known.has(seat.committee))
      issues.push(unknownCommittee(seat.committee, ['committeeSeats', i, 'committee']));
  });
  const allocation = checkAllocation(committee.roster, committee.townships, profile.consultation);
  return { issues, allocation, ok: issues.length === 0 && allocation.ok };
}

export function unknownCommittee(code: string, path: (string | number)[]): Issue<'CPPCC_UNKNOWN_COMMITTEE'> {
  return issue(
    'CPPCC_UNKNOWN_COMMITTEE',
    { zh: `专门委员会“${code}”不存在`, en: `there is no special committee "${code}"` },
    path,
    { committee: code },
  );
}

/** The headline figures of a term, as the seed states them. */
export interface CommitteeSummary {
  readonly term: number;
  readonly sectors: number;
  readonly members: number;
  readonly chair: number;
  readonly viceChairs: number;
  readonly secretaryGeneral: number;
  readonly standingMembers: number;
  readonly residentStandingMembers: number;
  readonly specialCommittees: number;
  readonly townshipRecommended: number;
  /** `townshipRecommended / members` (seed: 133 / 258, "52%"). */
  readonly townshipRecommendedShare: number;
}

/**
 * The term's headline figures: sectors, county-level members, posts, standing members (resident
 * among them), special committees (of the profile), members recommended by townships.
 *
 * @example
 * committeeSummary(dataset.committee, referenceProfile)
 * // { term: 10, sectors: 12, members: 258, chair: 1, viceChairs: 5, secretaryGeneral: 1,
 * //   standingMembers: 38, residentStandingMembers: 12, specialCommittees: 8, townshipRecommended: 133, … }
 */
export function committeeSummary(
  committee: CppccCommittee,
  profile: Pick<RuleProfile, 'cppcc'>,
): CommitteeSummary {
  const members = [...indexCommittee(committee).members.values()];
  const townshipRecommended = members.filter((m) => m.origin === 'township').length;
  return {
    term: committee.term,
    sectors: new Set(members.map((m) => m.sector)).size,
    members: members.length,
    chair: 1,
    viceChairs: committee.viceChairs.length,
    secretaryGeneral: 1,
    standingMembers: committee.standingMembers.length,
    residentStandingMembers: committee.standingMembers.filter((s) => s.resident).length,
    specialCommittees: profile.cppcc.specialCommittees.length,
    townshipRecommended,
    townshipRecommendedShare: members.length === 0 ? 0 : townshipRecommended / members.length,
  };
}

/** A county CPPCC member as the points engine scores them: categories = their sector. */
export interface DutyMember extends ScoredMember {
  readonly sector: string;
  readonly township: string | null;
}

const directoryCache = new WeakMap<CppccCommittee, MemberDirectory<DutyMember>>();

/** County-level members with a sector, from the term's start (or the day they joined). */
export function dutyDirectory(committee: CppccCommittee): MemberDirectory<DutyMember> {
  let directory = directoryCache.get(committee);
  if (directory === undefined) {
    const members: DutyMember[] = [];
    for (const m of committee.roster.members) {
      if (m.level !== 'county' || m.sector === undefined) continue;
      members.push({
        code: m.id,
        sector: m.sector,
        township: m.township,
        categories: [{ category: m.sector, from: committee.joinedOn?.[m.id] ?? committee.termStartedOn }],
      });
    }
    directory = { members, indexOf: new Map(members.map((m, i) => [m.code, i])) };
    directoryCache.set(committee, directory);
  }
  return directory;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * A number as Chinese numerals, as terms and sessions are written: 3 → 三, 10 → 十, 13 → 十三,
 * 20 → 二十, 21 → 二十一. For 1–99; other numbers stay in digits.
 *
 * @example
 * chineseNumeral(10) // '十'
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]!}十${ones === 0 ? '' : DIGITS[ones]!}`;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The name of a plenary meeting.
 *
 * @example
 * meetingLabel({ term: 10, session: 3, … }) // { zh: '十届三次会议', en: '3rd session of the 10th committee' }
 */
export function meetingLabel(meeting: Pick<PlenaryMeeting, 'term' | 'session'>): LocalizedText {
  return {
    zh: `${chineseNumeral(meeting.term)}届${chineseNumeral(meeting.session)}次会议`,
    en: `${ordinal(meeting.session)} session of the ${ordinal(meeting.term)} committee`,
  };
}

/**
 * A proposal's filing number as it is cited: numbers run per plenary meeting.
 *
 * @example
 * proposalNumberLabel({ term: 10, session: 3, … }, 123) // { zh: '十届三次会议第123号', en: 'No. 123, 3rd session of the 10th committee' }
 */
export function proposalNumberLabel(
  meeting: Pick<PlenaryMeeting, 'term' | 'session'>,
  number: number,
): LocalizedText {
  const label = meetingLabel(meeting);
  return { zh: `${label.zh}第${number}号`, en: `No. ${number}, ${label.en}` };
}
