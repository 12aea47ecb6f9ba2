import type { Writable } from 'node:stream';
import { periodLabel, type RankingScope, TIE_BREAKER_LABELS } from '@jiceng/domain';
import type { UseCaseContext } from '../context.js';
import { explainMemberYear, rankScope, rateScope, type ScopeYear } from '../points/assessment.js';
import { type ReportColumn, writeReportWorkbook } from './workbook.js';

const col = (zh: string, en: string, kind: ReportColumn['kind'] = 'text'): ReportColumn => ({
  header: { zh, en },
  kind,
});

const RANKING_COLUMNS: readonly ReportColumn[] = [
  col('分组', 'group'),
  col('名次', 'rank', 'number'),
  col('党员编号', 'member code'),
  col('姓名', 'name'),
  col('总分', 'total', 'number'),
  col('加分', 'awards', 'number'),
  col('扣分', 'deductions', 'number'),
  col('计分记录数', 'counted entries', 'number'),
  col('最后计分日期', 'last entry'),
  col('同分区分依据', 'tie decided by'),
];

/**
 * Writes a scope's rankings 积分排名 of a year as a workbook: one row per member, group by
 * group, as `pointsRankings` answers them (the same use case, the same policy: `points.read` on
 * the scope).
 *
 * @example
 * await exportRankings(ctx, createWriteStream('排名.xlsx'), { scope: '330102001', year: 2025 });
 */
export async function exportRankings(
  ctx: UseCaseContext,
  out: Writable,
  query: ScopeYear & { readonly within?: RankingScope; readonly category?: string },
): Promise<void> {
  const { loaded, rankings } = await rankScope(ctx, query);
  const names = new Map(loaded.stored.map((m) => [m.code, m.name]));
  const rows = rankings.flatMap((r) =>
    r.members.map((m) => [
      r.group,
      m.rank,
      m.member,
      names.get(m.member),
      m.total,
      m.awards,
      m.deductions,
      m.counted,
      m.lastEntryDate,
      m.tie === undefined
        ? undefined
        : m.tie.decidedBy === undefined
          ? `与 ${m.tie.with} 并列`
          : TIE_BREAKER_LABELS[m.tie.decidedBy].zh,
    ]),
  );
  await writeReportWorkbook(out, [{ name: `${query.year}年积分排名`, columns: RANKING_COLUMNS, rows }]);
}

const RATING_COLUMNS: readonly ReportColumn[] = [
  col('分组', 'group'),
  col('党员编号', 'member code'),
  col('姓名', 'name'),
  col('总分', 'total', 'number'),
  col('评定等次', 'rating band'),
  col('按分数可达等次', 'band by score'),
  col('名额限制说明', 'held back'),
];

const BAND_COLUMNS: readonly ReportColumn[] = [
  col('等次代码', 'band'),
  col('等次', 'band name'),
  col('最低分', 'minimum score', 'number'),
  col('名额比例上限', 'quota share', 'number'),
  col('人数', 'members', 'number'),
];

/**
 * Writes a scope's annual rating 年度评定 as a workbook: each member's band with the quota's
 * hold-backs and their reasons, and a sheet of the bands with their counts, as `pointsRating`
 * answers (the same use case and policy).
 *
 * @example
 * await exportRating(ctx, createWriteStream('评定.xlsx'), { scope: '330102001', year: 2025 });
 */
export async function exportRating(
  ctx: UseCaseContext,
  out: Writable,
  query: ScopeYear & { readonly groupBy?: RankingScope },
): Promise<void> {
  const { loaded, rating, bands } = await rateScope(ctx, query);
  const names = new Map(loaded.stored.map((m) => [m.code, m.name]));
  const counts = new Map<string, number>();
  for (const r of rating.ratings) counts.set(r.band, (counts.get(r.band) ?? 0) + 1);
  await writeReportWorkbook(out, [
    {
      name: `${query.year}年度评定`,
      columns: RATING_COLUMNS,
      rows: rating.ratings.map((r) => [
        r.group,
        r.member,
        names.get(r.member),
        r.total,
        r.bandName.zh,
        r.thresholdBandName.zh,
        r.heldBack.map((h) => h.message.zh).join('；'),
      ]),
    },
    {
      name: '等次',
      columns: BAND_COLUMNS,
      rows: bands.map((b) => [b.code, b.name.zh, b.minScore, b.maxShare, counts.get(b.code) ?? 0]),
    },
  ]);
}

const KIND_WORDS: Readonly<Record<string, string>> = { award: '加分', deduction: '扣分' };

/**
 * Writes a member's explained total 积分明细 of a year: a summary sheet (base score, awards,
 * deductions, total, in words) and every entry with the points it counted, the cap that trimmed
 * it or why it did not count, and its rule version — the `explanation` of `partyMember`, under
 * the same policy (`member.read`).
 *
 * @example
 * await exportExplanation(ctx, createWriteStream('积分明细.xlsx'), { member: 'M000001', year: 2025 });
 */
export async function exportExplanation(
  ctx: UseCaseContext,
  out: Writable,
  query: { readonly member: string; readonly year: number },
): Promise<void> {
  const { member, explanation: e } = await explainMemberYear(ctx, query);
  await writeReportWorkbook(out, [
    {
      name: '积分汇总',
      columns: [
        col('党员编号', 'member code'),
        col('姓名', 'name'),
        col('期间', 'period'),
        col('基础分', 'base', 'number'),
        col('加分', 'awards', 'number'),
        col('扣分', 'deductions', 'number'),
        col('总分', 'total', 'number'),
        col('说明', 'summary', 'text'),
      ],
      rows: [
        [
          member.code,
          member.name,
          periodLabel(e.period).zh,
          e.base,
          e.awards,
          e.deductions,
          e.total,
          e.summary.zh,
        ],
      ],
    },
    {
      name: '积分明细',
      columns: [
        col('记录', 'entry'),
        col('日期', 'date'),
        col('项目代码', 'item'),
        col('项目', 'item name'),
        col('加/扣分', 'kind'),
        col('状态', 'status'),
        col('规则版本', 'rule version'),
        col('申报分', 'requested', 'number'),
        col('核定分', 'granted', 'number'),
        col('计入总分', 'points', 'number'),
        col('封顶说明', 'cap'),
        col('不计入原因', 'not counted because'),
      ],
      rows: e.lines.map((l) => [
        l.key,
        l.date,
        l.item,
        l.itemName?.zh,
        l.kind === undefined ? undefined : (KIND_WORDS[l.kind] ?? l.kind),
        l.status,
        l.version,
        l.requested,
        l.granted,
        l.points,
        l.cap?.message.zh,
        l.excluded?.message.zh,
      ]),
    },
  ]);
}
