import { type MeetingPeriod, meetingPeriods } from '../grid/meetings.js';
import type { OrgLifeRules } from '../profiles/schema.js';
import { ORG_LIFE_KINDS, type OrgLifeKind } from '../profiles/vocabulary.js';
import { isLocalDate, type LocalDate, toDayNumber } from '../shared/dates.js';
import { issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { invalidInput, type OrgLifeIssue, type OrgLifeIssueCode } from './errors.js';
import { type MeetingTurnout, type OrgLifeMeeting, turnout } from './meetings.js';

/**
 * Compliance of a branch's organisational life 组织生活 over a range of days: for every kind the
 * profile lists, every period of its cadence that overlaps the range, for the branch (or each of
 * its party groups), whether a meeting that counts was held. The secretary's record of leading
 * party building 书记抓党建纪实 is the same facts as a dated log.
 */

/**
 * `held`: a meeting that counts (quorate) in the period; `below_quorum`: the period ended with
 * meetings, none quorate; `missing`: the period ended without any; `open`: not over yet, and
 * nothing that counts so far.
 */
export type OrgLifeCheckStatus = 'held' | 'below_quorum' | 'missing' | 'open';

export interface OrgLifeCheck {
  readonly kind: OrgLifeKind;
  /** The branch, or the party group for a group's kind. */
  readonly holder: string;
  readonly period: MeetingPeriod;
  readonly status: OrgLifeCheckStatus;
  readonly meetingIds: readonly string[];
}

export interface OrgLifeAttendanceTotals {
  readonly present: number;
  readonly leave: number;
  readonly absent: number;
  /** Present over everyone expected, 0–1; `null` when nobody was expected. */
  readonly rate: number | null;
}

export interface OrgLifeCompliance {
  readonly branch: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly checks: readonly OrgLifeCheck[];
  readonly held: number;
  readonly belowQuorum: number;
  readonly missing: number;
  readonly open: number;
  /** Held over the periods that ended (held, below quorum, missing), 0–1; `null` when none ended. */
  readonly rate: number | null;
  readonly attendance: OrgLifeAttendanceTotals;
  readonly meetings: number;
}

export interface OrgLifeComplianceInput {
  readonly branch: string;
  /** The branch's party groups 党小组 (each holds its own group meetings). */
  readonly groups: readonly string[];
  /** The branch's meetings; others are ignored. */
  readonly meetings: readonly OrgLifeMeeting[];
  readonly from: string;
  readonly to: string;
  /** Today: a period that ends on or after it is still open. */
  readonly today: string;
}

/** The longest range a compliance check covers: five years, a branch's term. */
export const MAX_ORG_LIFE_RANGE_DAYS = 5 * 366;

/**
 * The branch's compliance over `[from, to]` (reference: general meeting and party lecture each
 * quarter, committee, party groups and themed day each month).
 *
 * @example
 * const c = unwrap(orgLifeCompliance(
 *   { branch: 'Pb1', groups: [], meetings: [themedDayOn('2025-01-10')], from: '2025-01-01', to: '2025-02-28', today: '2025-03-05' },
 *   referenceProfile.orgLife,
 * ));
 * c.checks.filter((k) => k.kind === 'themed_day').map((k) => k.status); // ['held', 'missing']
 */
export function orgLifeCompliance(
  input: OrgLifeComplianceInput,
  rules: OrgLifeRules,
): Result<OrgLifeCompliance, OrgLifeIssueCode> {
  const issues: OrgLifeIssue[] = [];
  const date = { zh: '应为 YYYY-MM-DD 格式的真实日期', en: 'expected a real date as YYYY-MM-DD' };
  for (const field of ['from', 'to', 'today'] as const) {
    if (!isLocalDate(input[field]))
      issues.push(invalidInput({ zh: '日期', en: 'date' }, date, [field], input[field]));
  }
  if (issues.length > 0) return fail(issues);
  const from = input.from as LocalDate;
  const to = input.to as LocalDate;
  if (from > to || toDayNumber(to) - toDayNumber(from) >= MAX_ORG_LIFE_RANGE_DAYS) {
    return fail([
      issue(
        'ORG_LIFE_INVALID_RANGE',
        from > to
          ? {
              zh: `检查区间的开始日期 ${from} 晚于结束日期 ${to}`,
              en: `the range starts on ${from}, after its end ${to}`,
            }
          : {
              zh: `检查区间 ${from} 至 ${to} 过长，最多 ${MAX_ORG_LIFE_RANGE_DAYS} 天（约五年）`,
              en: `the range ${from} to ${to} is too long: at most ${MAX_ORG_LIFE_RANGE_DAYS} days (about five years)`,
            },
        ['from'],
        { from, to, maxDays: MAX_ORG_LIFE_RANGE_DAYS },
      ),
    ]);
  }
  const byHolder = new Map<string, OrgLifeMeeting[]>();
  let present = 0;
  let leave = 0;
  let absent = 0;
  let meetings = 0;
  for (const m of input.meetings) {
    if (m.branch !== input.branch) continue;
    const key = `${m.kind}\u0000${m.group ?? input.branch}`;
    const list = byHolder.get(key);
    if (list === undefined) byHolder.set(key, [m]);
    else list.push(m);
    if (m.heldOn < from || m.heldOn > to) continue;
    meetings++;
    const t = turnout(m, rules);
    present += t.present;
    leave += t.leave;
    absent += t.absent;
  }
  const checks: OrgLifeCheck[] = [];
  const counts = { held: 0, below_quorum: 0, missing: 0, open: 0 };
  for (const kind of ORG_LIFE_KINDS) {
    const rule = rules.kinds[kind];
    const holders = rule.heldBy === 'branch' ? [input.branch] : [...input.groups].sort();
    const periods = meetingPeriods(rule.cadence, from, to);
    for (const holder of holders) {
      const held = byHolder.get(`${kind}\u0000${holder}`) ?? [];
      for (const period of periods) {
        const inPeriod = held.filter((m) => m.heldOn >= period.start && m.heldOn <= period.end);
        const quorate = inPeriod.some((m) => turnout(m, rules).quorate);
        const status: OrgLifeCheckStatus = quorate
          ? 'held'
          : period.end >= input.today
            ? 'open'
            : inPeriod.length > 0
              ? 'below_quorum'
              : 'missing';
        counts[status]++;
        checks.push({ kind, holder, period, status, meetingIds: inPeriod.map((m) => m.id).sort() });
      }
    }
  }
  const ended = counts.held + counts.below_quorum + counts.missing;
  const expected = present + leave + absent;
  return ok({
    branch: input.branch,
    from,
    to,
    checks,
    held: counts.held,
    belowQuorum: counts.below_quorum,
    missing: counts.missing,
    open: counts.open,
    rate: ended === 0 ? null : counts.held / ended,
    attendance: { present, leave, absent, rate: expected === 0 ? null : present / expected },
    meetings,
  });
}

/** One line of the secretary's record 书记抓党建纪实. */
export interface SecretaryRecordLine {
  /** The meeting's day, or the last day of a period that ended without one. */
  readonly on: LocalDate;
  readonly kind: OrgLifeKind;
  readonly holder: string;
  readonly what: 'meeting' | 'below_quorum' | 'missing';
  readonly meetingId: string | null;
  readonly turnout: MeetingTurnout | null;
  readonly text: LocalizedText;
}

/**
 * The secretary's record of leading party building 书记抓党建纪实 (seed 5: 推进党组织书记抓党建责任
 * 纪实制度，对党建工作开展过程进行全程纪实) for the compliance's range: every meeting held, with its
 * topic and turnout, and every period that ended without a meeting that counts, in date order.
 *
 * @example
 * secretaryRecord(compliance, meetings, rules)[0].text.zh // '2025-01-10 主题党日“学习二十大精神”：出席 30 人，请假 2 人，缺席 1 人'
 */
export function secretaryRecord(
  compliance: OrgLifeCompliance,
  meetings: readonly OrgLifeMeeting[],
  rules: OrgLifeRules,
): SecretaryRecordLine[] {
  const lines: SecretaryRecordLine[] = [];
  for (const m of meetings) {
    if (m.branch !== compliance.branch || m.heldOn < compliance.from || m.heldOn > compliance.to) continue;
    const t = turnout(m, rules);
    const name = rules.kinds[m.kind].name;
    const where = m.group === undefined ? '' : `（${m.group}）`;
    const whereEn = m.group === undefined ? '' : ` (${m.group})`;
    const short = t.quorate ? { zh: '', en: '' } : { zh: '，未达到法定人数', en: ', below quorum' };
    lines.push({
      on: m.heldOn,
      kind: m.kind,
      holder: m.group ?? m.branch,
      what: 'meeting',
      meetingId: m.id,
      turnout: t,
      text: {
        zh: `${m.heldOn} ${name.zh}${where}“${m.topic}”：出席 ${t.present} 人，请假 ${t.leave} 人，缺席 ${t.absent} 人${short.zh}`,
        en: `${m.heldOn} ${name.en}${whereEn} "${m.topic}": ${t.present} present, ${t.leave} on leave, ${t.absent} absent${short.en}`,
      },
    });
  }
  for (const c of compliance.checks) {
    if (c.status !== 'missing' && c.status !== 'below_quorum') continue;
    const name = rules.kinds[c.kind].name;
    const missed = c.status === 'missing';
    lines.push({
      on: c.period.end,
      kind: c.kind,
      holder: c.holder,
      what: c.status,
      meetingId: null,
      turnout: null,
      text: {
        zh: `${c.period.label} ${name.zh}（${c.holder}）：${missed ? '未召开' : '召开了但均未达到法定人数，不计入'}`,
        en: `${c.period.label} ${name.en} (${c.holder}): ${missed ? 'not held' : 'held only below quorum, not counted'}`,
      },
    });
  }
  return lines.sort((a, b) =>
    a.on < b.on
      ? -1
      : a.on > b.on
        ? 1
        : a.what === b.what
          ? a.text.en < b.text.en
            ? -1
            : 1
          : a.what === 'meeting'
            ? -1
            : 1,
  );
}
