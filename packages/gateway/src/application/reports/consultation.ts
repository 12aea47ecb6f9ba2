import type { Writable } from 'node:stream';
import { type ImplementationStatus, type PublicDisclosure, publicDisclosure } from '@jiceng/domain';
import { today } from '../../time.js';
import { rulesAt } from '../consultation/access.js';
import { loadConsultations, publicConsultationIds, publicTownship } from '../consultation/reads.js';
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

/** Consultations read per query while the disclosure is written. */
const PAGE = 100;

const IMPLEMENTATION_WORDS: { readonly [S in ImplementationStatus]: string } = {
  undecided: '待采纳',
  not_adopted: '未采纳',
  not_planned: '未安排落实',
  not_started: '未开始',
  in_progress: '落实中',
  completed: '已完成',
  overdue: '已逾期',
};

/**
 * Writes a township's consultation disclosure 协商全过程公开: one row per consultation with the
 * parts the county profile publishes (topic, meeting, proposal, adoption and implementation), and
 * one row per proposal item with its adoption and progress — exactly the public view
 * `publicConsultations` answers (the domain's `publicDisclosure`, for anyone, no token needed), so
 * the workbook holds nothing the county does not publish. A part the profile keeps unpublished
 * stays blank.
 *
 * @example
 * await exportConsultationDisclosure(ctx, createWriteStream('协商公开.xlsx'), { township: '330102101' });
 */
export async function exportConsultationDisclosure(
  ctx: UseCaseContext,
  out: Writable,
  query: { readonly township: string },
): Promise<void> {
  publicTownship(ctx, query.township);
  const asOf = today(ctx);
  const ids = await publicConsultationIds(ctx, query.township);
  const disclosures = async function* (): AsyncGenerator<PublicDisclosure> {
    for (let i = 0; i < ids.length; i += PAGE) {
      for (const s of await loadConsultations(ctx, ids.slice(i, i + PAGE))) {
        yield publicDisclosure(s.consultation, rulesAt(ctx, s.profileId, asOf), asOf);
      }
    }
  };
  // Two sheets from one pass: the items of each consultation are kept until the first sheet ends.
  const items: ReportCell[][] = [];
  const consultations = async function* (): AsyncGenerator<ReportCell[]> {
    for await (const d of disclosures()) {
      const adoption = new Map((d.adoption ?? []).map((a) => [a.itemId, a]));
      const implementation = new Map((d.implementation ?? []).map((x) => [x.itemId, x]));
      for (const item of d.proposal?.items ?? []) {
        const a = adoption.get(item.id);
        const x = implementation.get(item.id);
        items.push([
          d.consultationId,
          item.id,
          item.text,
          a?.label.zh,
          a?.on,
          a?.reason,
          x === undefined ? undefined : IMPLEMENTATION_WORDS[x.status],
          x?.progress,
          x?.dueOn,
          x?.completedOn,
        ]);
      }
      const meeting = d.process?.meeting ?? null;
      yield [
        d.consultationId,
        d.status.zh,
        d.topic?.title,
        d.topic?.kind.zh,
        d.topic?.year,
        d.topic?.establishedOn,
        meeting?.heldOn,
        meeting?.groupSize,
        meeting?.attended,
        d.proposal?.title,
        d.proposal?.submittedOn,
        d.proposal?.items.length,
        d.adoption?.filter((a) => a.decision === 'adopted').length,
      ];
    }
  };
  await writeReportWorkbook(out, [
    {
      name: '协商公开',
      columns: [
        col('协商编号', 'consultation'),
        col('状态', 'status'),
        col('议题', 'topic'),
        col('协商形式', 'form'),
        col('年度', 'year', 'number'),
        col('确定议题日期', 'established on'),
        col('协商会议日期', 'meeting held on'),
        col('协商小组人数', 'group size', 'number'),
        col('出席人数', 'attended', 'number'),
        col('协商建议书', 'proposal'),
        col('报送日期', 'submitted on'),
        col('建议条数', 'items', 'number'),
        col('采纳条数', 'adopted', 'number'),
      ],
      rows: consultations(),
    },
    {
      name: '建议采纳与落实',
      columns: [
        col('协商编号', 'consultation'),
        col('建议条目', 'item'),
        col('建议内容', 'text'),
        col('采纳结果', 'adoption'),
        col('采纳日期', 'decided on'),
        col('理由', 'reason'),
        col('落实状态', 'implementation'),
        col('落实进度', 'progress', 'number'),
        col('落实期限', 'due on'),
        col('完成日期', 'completed on'),
      ],
      rows: items,
    },
  ]);
}
