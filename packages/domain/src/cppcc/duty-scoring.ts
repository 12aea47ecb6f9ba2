import { type Period, yearPeriod } from '../points/period.js';
import { type RankedMember, rankMembers } from '../points/ranking.js';
import { type PointSchemeOf, yearEndRules } from '../points/rules.js';
import type { PointExclusionReason } from '../points/scoring.js';
import { type PeriodTotal, scoreYear } from '../points/scoring-columns.js';
import { type CapHit, explainPoints } from '../points/scoring-explain.js';
import type { PointRecord, PointsActor } from '../points/types.js';
import type { TieBreaker } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { dutyDirectory } from './committee.js';
import { type DutyContext, dutyRecords } from './duty.js';
import { type DutyIssueCode, unknownMember } from './errors.js';
import type { DutyActor, DutyLedger, DutyRecordView, DutySource } from './types.js';

/**
 * The annual duty score 履职积分 of each member, computed by the points engine (`scoreYear`,
 * `explainPoints`, `rankMembers`) over the profile's `cppcc.duty` catalogue: items, points, caps,
 * and categories = sectors 界别. Explainable line by line; ranked per sector; members below the
 * profile's minimum flagged for the year-end duty review 年终履职考核.
 */

/** The duty catalogue of a rule version, as the points engine reads it. */
export const cppccDutyScheme: PointSchemeOf = (profile) => profile.cppcc.duty;

/**
 * The engine's view of the ledger: every record counts unless reversed. The engine's recorder is
 * only echoed in explanations, so every record goes in as the system's; `explainDuty` puts the
 * real recorder and the source back on each line.
 */
function engineRecords(views: readonly DutyRecordView[]): PointRecord[] {
  return views.map(({ record: r, reversal }) => {
    const by: PointsActor = { role: 'system', id: r.by.id };
    return {
      entry: {
        type: 'point',
        key: r.key,
        member: r.member,
        item: r.item,
        date: r.date,
        ...(r.quantity === undefined ? {} : { quantity: r.quantity }),
        by,
        on: r.on,
        seq: r.seq,
      },
      status: reversal === null ? 'approved' : 'reversed',
      ...(reversal === null ? {} : { reversal }),
      lastStepOn: reversal?.on ?? r.on,
      steps: reversal === null ? [] : [reversal.key],
    };
  });
}

/** One member's year. */
export interface DutyMemberScore {
  readonly member: string;
  readonly sector: string;
  readonly township: string | null;
  readonly total: number;
  readonly awards: number;
  readonly deductions: number;
  /** Records that counted. */
  readonly counted: number;
  /** Rank within the sector (competition ranking: 1, 2, 2, 4). */
  readonly rank: number;
  readonly belowMinimum: boolean;
}

/** A sector's ranking and figures. */
export interface SectorDuty {
  readonly sector: string;
  readonly name: LocalizedText;
  readonly members: number;
  /** Mean total, to two decimals; null for a sector without members. */
  readonly average: number | null;
  readonly belowMinimum: number;
  readonly ranking: readonly RankedMember[];
}

/** The duty year of the whole committee. */
export interface DutyYearReport {
  readonly year: number;
  /** The rule version whose minimum and tie breakers applied (in force on 31 December). */
  readonly version: string;
  readonly minimumScore: number;
  readonly tieBreakers: readonly TieBreaker[];
  /** In roster order. */
  readonly members: readonly DutyMemberScore[];
  /** Every sector of the profile, in its order. */
  readonly sectors: readonly SectorDuty[];
  /** `CPPCC_DUTY_BELOW_MINIMUM` for each member below the minimum: the year-end review list. */
  readonly findings: readonly Issue<'CPPCC_DUTY_BELOW_MINIMUM'>[];
}

function noRules(year: number, rules: DutyContext['rules']): Issue<'CPPCC_DUTY_NO_RULES_AT_DATE'> {
  return issue(
    'CPPCC_DUTY_NO_RULES_AT_DATE',
    {
      zh: `${year} 年没有生效的规则版本`,
      en: `no rule version is in force in ${year}`,
    },
    ['year'],
    { year, profile: rules.id },
  );
}

/**
 * Scores every county member's duty year from the ledger: the points engine over the duty
 * catalogue (each record under the rule version and sector in force on its date, caps in
 * occurrence order), ranked within each sector by the profile's tie breakers, members below the
 * profile's `duty.minimumScore` flagged.
 *
 * @example
 * const report = unwrap(dutyYear(ledger, 2025, { rules: referenceProfile, committee }));
 * report.sectors[0]?.ranking[0]; // { member: 'M017', rank: 1, total: 46, … }
 * report.findings.map((f) => f.details?.['member']); // the year-end review list
 */
export function dutyYear(
  ledger: DutyLedger,
  year: number,
  context: DutyContext,
): Result<DutyYearReport, DutyIssueCode> {
  const members = dutyDirectory(context.committee);
  const scores = scoreYear(engineRecords(dutyRecords(ledger, { year })), {
    year,
    members,
    rules: context.rules,
    scheme: cppccDutyScheme,
  });
  const version = yearEndRules(context.rules, year);
  if (!scores.ok || !version.ok) return fail([noRules(year, context.rules)]);
  const duty = version.value.cppcc.duty;
  const rankings = rankMembers(scores.value, { tieBreakers: duty.tieBreakers, within: 'category' });
  const rankOf = new Map<string, number>();
  for (const ranking of rankings) for (const r of ranking.members) rankOf.set(r.member, r.rank);
  const s = scores.value;
  const findings: Issue<'CPPCC_DUTY_BELOW_MINIMUM'>[] = [];
  const scored = members.members.map((m, i): DutyMemberScore => {
    const total = s.total[i]!;
    const below = total < duty.minimumScore;
    if (below) {
      findings.push(
        issue(
          'CPPCC_DUTY_BELOW_MINIMUM',
          {
            zh: `委员“${m.code}”${year} 年度履职积分 ${total} 分，低于最低要求 ${duty.minimumScore} 分，列入年终履职考核`,
            en: `member "${m.code}" scored ${total} for ${year}, below the minimum of ${duty.minimumScore}; flagged for the year-end duty review`,
          },
          ['members', i],
          { member: m.code, sector: m.sector, total, minimum: duty.minimumScore },
        ),
      );
    }
    return {
      member: m.code,
      sector: m.sector,
      township: m.township,
      total,
      awards: s.awards[i]!,
      deductions: s.deductions[i]!,
      counted: s.counted[i]!,
      rank: rankOf.get(m.code) ?? 0,
      belowMinimum: below,
    };
  });
  const sectors = version.value.cppcc.sectors.map((sector): SectorDuty => {
    const mine = scored.filter((m) => m.sector === sector.code);
    const sum = mine.reduce((a, m) => a + m.total, 0);
    return {
      sector: sector.code,
      name: sector.name,
      members: mine.length,
      average: mine.length === 0 ? null : Math.round((sum / mine.length) * 100) / 100,
      belowMinimum: mine.filter((m) => m.belowMinimum).length,
      ranking: rankings.find((r) => r.group === sector.code)?.members ?? [],
    };
  });
  return ok({
    year,
    version: version.value.version,
    minimumScore: duty.minimumScore,
    tieBreakers: duty.tieBreakers,
    members: scored,
    sectors,
    findings,
  });
}

/** Why a duty record does not count. */
export type DutyExclusionReason = Extract<
  PointExclusionReason,
  'reversed' | 'no_rules' | 'unknown_item' | 'not_eligible'
>;

const EXCLUSION_TEXT: { readonly [R in DutyExclusionReason]: LocalizedText } = {
  reversed: { zh: '已冲正', en: 'reversed' },
  no_rules: { zh: '履职日期没有生效的规则版本', en: 'no rule version in force on its date' },
  unknown_item: {
    zh: '该日期生效的规则中没有此履职项目',
    en: 'the rule version of its date has no such item',
  },
  not_eligible: {
    zh: '该项目不适用于委员当日所属界别，或委员当日尚未任职',
    en: 'the item does not apply to the member’s sector on that date, or they were not yet a member',
  },
};

/** One record in a duty explanation: what it asked, what it got, and where it came from. */
export interface DutyExplanationLine {
  readonly key: string;
  readonly date: LocalDate;
  readonly item: string;
  readonly itemName?: LocalizedText;
  readonly kind?: 'award' | 'deduction';
  readonly quantity?: number;
  readonly recordedBy: DutyActor;
  /** The proposal, roll call or consultation a derived record came from. */
  readonly source: DutySource | null;
  readonly note?: string;
  /** The rule version the record falls under. */
  readonly version?: string;
  /** Points before caps, unsigned. */
  readonly requested: number;
  /** Points after caps, unsigned; 0 when excluded. */
  readonly granted: number;
  /** What the record adds to the total: +granted for an award, −granted for a deduction. */
  readonly points: number;
  readonly cap?: CapHit;
  readonly excluded?: { readonly reason: DutyExclusionReason; readonly message: LocalizedText };
  readonly reversal: DutyRecordView['reversal'];
}

/** A member's duty total and every record it is made of. */
export interface DutyExplanation extends PeriodTotal {
  readonly lines: readonly DutyExplanationLine[];
  readonly capsThatBit: readonly CapHit[];
  readonly summary: LocalizedText;
}

/**
 * Explains a member's duty total for a year (or a month or quarter of it), line by line: each
 * record dated in the period, counted or not and why, the cap that trimmed it, who recorded it
 * and, for a derived record, its source. `total` equals what `dutyYear` gives.
 *
 * @example
 * const e = unwrap(explainDuty(ledger, 'M001', 2025, { rules: referenceProfile, committee }));
 * e.lines.map((l) => [l.item, l.points, l.source?.kind ?? l.recordedBy.role]);
 * // [['plenary_attendance', 5, 'roll_call'], ['proposal_lead', 5, 'proposal'], ['speech', 5, 'office'], …]
 */
export function explainDuty(
  ledger: DutyLedger,
  member: string,
  period: number | Period,
  context: DutyContext,
): Result<DutyExplanation, DutyIssueCode> {
  const members = dutyDirectory(context.committee);
  if (!members.indexOf.has(member)) return fail([unknownMember(member, ['member'])]);
  const within = typeof period === 'number' ? yearPeriod(period) : period;
  const views = dutyRecords(ledger, { member, year: within.year });
  const byKey = new Map(views.map((v) => [v.record.key, v]));
  const explained = explainPoints(engineRecords(views), member, within, {
    members,
    rules: context.rules,
    scheme: cppccDutyScheme,
  });
  if (!explained.ok) return fail([noRules(within.year, context.rules)]);
  const e = explained.value;
  return ok({
    member,
    period: within,
    base: e.base,
    awards: e.awards,
    deductions: e.deductions,
    total: e.total,
    capsThatBit: e.capsThatBit,
    summary: e.summary,
    lines: e.lines.map((line): DutyExplanationLine => {
      const view = byKey.get(line.key)!;
      const r = view.record;
      const reason = line.excluded?.reason as DutyExclusionReason | undefined;
      return {
        key: line.key,
        date: r.date,
        item: line.item,
        ...(line.itemName === undefined ? {} : { itemName: line.itemName }),
        ...(line.kind === undefined ? {} : { kind: line.kind }),
        ...(r.quantity === undefined ? {} : { quantity: r.quantity }),
        recordedBy: r.by,
        source: r.source ?? null,
        ...(r.note === undefined ? {} : { note: r.note }),
        ...(line.version === undefined ? {} : { version: line.version }),
        requested: line.requested,
        granted: line.granted,
        points: line.points,
        ...(line.cap === undefined ? {} : { cap: line.cap }),
        ...(reason === undefined ? {} : { excluded: { reason, message: EXCLUSION_TEXT[reason] } }),
        reversal: view.reversal,
      };
    }),
  });
}
