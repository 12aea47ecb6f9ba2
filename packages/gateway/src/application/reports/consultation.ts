import type { Writable } from 'node:stream';
import { consultationCompliance } from '../consultation/records.js';
import type { UseCaseContext } from '../context.js';
import { type ReportCell, type ReportColumn, writeReportWorkbook } from './workbook.js';

const col = (zh: string, en: string, kind: ReportColumn['kind'] = 'text'): ReportColumn => ({
  header: { zh, en },
  kind,
});

const verdict = (ok: boolean | null | undefined): string =>
  ok === null || ok === undefined ? '不适用' : ok ? '合格' : '不合格';

/**
 * Writes a township's consultation compliance 协商工作合规情况 of a year: each check with its
 * figure, requirement and verdict, the findings in both languages, the routine items and whether
 * each was consulted before issue, and the village minutes filed — the `consultationCompliance`
 * query's report from the same use case (`consultation.read` on the township).
 *
 * @example
 * await exportConsultationCompliance(ctx, createWriteStream('协商合规.xlsx'), { township: '330102101', year: 2025 });
 */
export async function exportConsultationCompliance(
  ctx: UseCaseContext,
  out: Writable,
  query: { readonly township: string; readonly year: number },
): Promise<void> {
  const { report: r, asOf } = await consultationCompliance(ctx, query);
  const checks: ReportCell[][] = [
    ['专题协商', r.thematic.count, `${r.thematic.min}–${r.thematic.max} 个`, verdict(r.thematic.ok)],
    [
      '例行协商（先协商后决策）',
      r.routine.consultedBeforeIssue,
      `${r.routine.required} 项均须先协商`,
      verdict(r.routine.ok),
    ],
    [
      '协商小组人数与构成',
      r.groups.consultations.filter((c) => c.ok).length,
      `${r.groups.consultations.length} 次协商`,
      verdict(r.groups.ok),
    ],
    ['联络组“五有”', null, '场所、秘书、制度、计划、经费', verdict(r.fiveHaves.ok)],
    [
      '驻乡镇委员人数',
      r.members?.count ?? null,
      r.members === null ? null : `至少 ${r.members.min} 名`,
      verdict(r.members?.ok),
    ],
    ['村级协商纪要备案', r.minutes.filed, `逾期 ${r.minutes.late} 份`, verdict(r.minutes.ok)],
    [
      '协商成果按时上报',
      r.reports.filter((x) => !x.late).length,
      `${r.reports.length} 项`,
      verdict(r.reports.every((x) => !x.late)),
    ],
    ['总体', null, `截至 ${asOf}`, verdict(r.ok)],
  ];
  await writeReportWorkbook(out, [
    {
      name: `${r.year}年协商合规`,
      columns: [
        col('检查项', 'check'),
        col('数值', 'figure', 'number'),
        col('要求', 'requirement'),
        col('结论', 'verdict'),
      ],
      rows: checks,
    },
    {
      name: '问题清单',
      columns: [col('代码', 'code'), col('问题', 'finding'), col('finding', 'finding (en)')],
      rows: r.findings.map((f) => [f.code, f.message.zh, f.message.en]),
    },
    {
      name: '例行协商事项',
      columns: [
        col('决定编号', 'decision'),
        col('事项', 'title'),
        col('类别', 'item kind'),
        col('印发日期', 'issued on'),
        col('协商日期', 'consulted on'),
        col('结论', 'verdict'),
      ],
      rows: r.routine.items.map((i) => [
        i.decisionId,
        i.title,
        i.itemKind,
        i.issuedOn,
        i.consultedOn,
        verdict(i.ok),
      ]),
    },
    {
      name: '村级纪要备案',
      columns: [
        col('村代码', 'village'),
        col('村名', 'name'),
        col('备案份数', 'filed', 'number'),
        col('结论', 'verdict'),
      ],
      rows: r.minutes.villages.map((v) => [v.code, v.name, v.count, verdict(v.ok)]),
    },
  ]);
}
