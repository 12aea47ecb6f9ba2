import type { LocalizedText } from '../shared/errors.js';
import { ok, type Result } from '../shared/result.js';
import { fmt, type PointsIssueCode } from './errors.js';
import { registeredCommunityOn } from './members.js';
import {
  lastDayOfYear,
  monthOf,
  type Period,
  periodContains,
  quarterOfMonth,
  yearOf,
  yearPeriod,
} from './period.js';
import { compileVersion, rulesAt } from './rules.js';
import type { ScoringOptions } from './scoring.js';
import { explainPoints } from './scoring-explain.js';
import type { MemberDirectory, PartyMember, PointRecord, PointStatus } from './types.js';

/**
 * Dual registration 双报到 and dual management 双重管理: an in-service member's community
 * activity is one ledger entry, recorded by the residential community and counted by the
 * member's own branch. These are the two views of it, and the feedback report the community
 * sends to each member's unit (seed: 社区党组织定期将…工作表现、义工服务活动情况反馈给其所在单位党组织).
 */

/**
 * The community's side: entries it recorded, dated in the period, whoever's branch counts them.
 *
 * @example
 * communityRecords(pointRecords(ledger, { year: 2025 }), 'hanjianglu', quarterPeriod(2025, 2))
 */
export function communityRecords(
  records: readonly PointRecord[],
  community: string,
  period: Period,
): PointRecord[] {
  return records.filter(
    (r) =>
      r.entry.by.role === 'community' && r.entry.by.id === community && periodContains(period, r.entry.date),
  );
}

/**
 * The branch's side: entries of the branch's own members dated in the period, whoever recorded
 * them (`entry.by` says when a community did).
 *
 * @example
 * branchRecords(records, 'tax_bureau_branch', yearPeriod(2025), members)
 */
export function branchRecords(
  records: readonly PointRecord[],
  branch: string,
  period: Period,
  members: MemberDirectory,
): PointRecord[] {
  return records.filter((r) => {
    const i = members.indexOf.get(r.entry.member);
    return i !== undefined && members.members[i]!.branch === branch && periodContains(period, r.entry.date);
  });
}

/** One quarter of a member's community activity. */
export interface FeedbackQuarter {
  readonly quarter: 1 | 2 | 3 | 4;
  /** Counted activities (approved by the member's branch). */
  readonly activities: number;
  /** Hours of the counted activities whose item is scored per hour. */
  readonly hours: number;
  /** Points they added to the member's total, after caps. */
  readonly points: number;
  /** Activities recorded but not (yet) counted: awaiting review, rejected, lapsed or reversed. */
  readonly notCounted: number;
}

/** One activity in the report. */
export interface FeedbackActivity {
  readonly key: string;
  readonly date: string;
  readonly item: string;
  readonly itemName?: LocalizedText;
  readonly quantity?: number;
  readonly status: PointStatus;
  readonly points: number;
}

export interface MemberFeedback {
  readonly member: string;
  readonly name?: string;
  readonly quarters: readonly FeedbackQuarter[];
  readonly total: { readonly activities: number; readonly hours: number; readonly points: number };
  readonly activities: readonly FeedbackActivity[];
}

/** The report for one unit: its members registered at the community. */
export interface UnitFeedback {
  /** The member's own party organisation (their unit's branch). */
  readonly unit: string;
  readonly members: readonly MemberFeedback[];
  readonly summary: LocalizedText;
}

export interface FeedbackReport {
  readonly community: string;
  readonly year: number;
  readonly units: readonly UnitFeedback[];
}

/**
 * The in-service member feedback report a community sends to each member's unit: per member
 * and quarter, the activities the community recorded, their hours and the points they added
 * after the member's branch reviewed them. Members registered at the community that year with
 * no activity are listed too, with zeros: the unit should know that as well.
 *
 * @example
 * const report = unwrap(inServiceFeedback(pointRecords(ledger, { year: 2025 }), {
 *   community: 'hanjianglu', year: 2025, members, rules: history,
 * }));
 * report.units[0]?.members[0]?.quarters[1] // { quarter: 2, activities: 3, hours: 7, points: 9, notCounted: 0 }
 */
export function inServiceFeedback(
  records: readonly PointRecord[],
  options: ScoringOptions & { readonly community: string; readonly year: number },
): Result<FeedbackReport, PointsIssueCode> {
  const { community, year, members } = options;
  const recorded = communityRecords(records, community, yearPeriod(year));
  const byMember = new Map<string, PointRecord[]>();
  for (const r of recorded) {
    const list = byMember.get(r.entry.member);
    if (list === undefined) byMember.set(r.entry.member, [r]);
    else list.push(r);
  }
  const firstDay = `${year}-01-01`;
  const lastDay = lastDayOfYear(year);
  for (const m of members.members) {
    if (!byMember.has(m.code) && registeredDuring(m, community, firstDay, lastDay)) byMember.set(m.code, []);
  }
  const mineByMember = new Map<string, PointRecord[]>();
  for (const r of records) {
    if (!byMember.has(r.entry.member) || yearOf(r.entry.date) !== year) continue;
    const list = mineByMember.get(r.entry.member);
    if (list === undefined) mineByMember.set(r.entry.member, [r]);
    else list.push(r);
  }

  const units = new Map<string, MemberFeedback[]>();
  for (const [code, mine] of [...byMember].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const explained = explainPoints(mineByMember.get(code) ?? [], code, yearPeriod(year), options);
    if (!explained.ok) return explained;
    const lines = new Map(explained.value.lines.map((l) => [l.key, l]));
    const quarters = [1, 2, 3, 4].map((q) => ({
      quarter: q as 1 | 2 | 3 | 4,
      activities: 0,
      hours: 0,
      points: 0,
      notCounted: 0,
    }));
    const activities: FeedbackActivity[] = [];
    for (const r of [...mine].sort((a, b) =>
      a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : 0,
    )) {
      const q = quarters[quarterOfMonth(monthOf(r.entry.date)) - 1]!;
      const line = lines.get(r.entry.key);
      const points = line?.points ?? 0;
      const version = rulesAt(options.rules, r.entry.date);
      const item = version.ok ? compileVersion(version.value).items.get(r.entry.item) : undefined;
      if (line !== undefined && line.excluded === undefined) {
        q.activities++;
        q.points += points;
        if (item?.unit === 'hour') {
          const a = r.adjustment;
          q.hours += a !== undefined && 'quantity' in a ? a.quantity : (r.entry.quantity ?? 0);
        }
      } else {
        q.notCounted++;
      }
      activities.push({
        key: r.entry.key,
        date: r.entry.date,
        item: r.entry.item,
        ...(item === undefined ? {} : { itemName: item.name }),
        ...(r.entry.quantity === undefined ? {} : { quantity: r.entry.quantity }),
        status: r.status,
        points,
      });
    }
    const m = members.members[members.indexOf.get(code)!]!;
    const total = quarters.reduce(
      (t, q) => ({
        activities: t.activities + q.activities,
        hours: t.hours + q.hours,
        points: t.points + q.points,
      }),
      { activities: 0, hours: 0, points: 0 },
    );
    const feedback: MemberFeedback = {
      member: code,
      ...(m.name === undefined ? {} : { name: m.name }),
      quarters: quarters.map((q) => ({ ...q, points: round2(q.points), hours: round2(q.hours) })),
      total: { activities: total.activities, hours: round2(total.hours), points: round2(total.points) },
      activities,
    };
    const list = units.get(m.branch);
    if (list === undefined) units.set(m.branch, [feedback]);
    else list.push(feedback);
  }
  return ok({
    community,
    year,
    units: [...units]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([unit, list]) => {
        const acts = list.reduce((s, f) => s + f.total.activities, 0);
        const hours = round2(list.reduce((s, f) => s + f.total.hours, 0));
        return {
          unit,
          members: list,
          summary: {
            zh: `${year} 年，贵单位 ${list.length} 名在职党员在社区“${community}”参加活动 ${acts} 次、服务 ${fmt(hours)} 小时`,
            en: `In ${year}, ${list.length} of your in-service members took part in ${acts} activities (${fmt(hours)} hours) at community "${community}"`,
          },
        };
      }),
  });
}

function registeredDuring(member: PartyMember, community: string, from: string, to: string): boolean {
  if (registeredCommunityOn(member, from) === community) return true;
  return (member.dualRegistrations ?? []).some(
    (r) => r.community === community && r.from <= to && (r.to === undefined || r.to >= from),
  );
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
