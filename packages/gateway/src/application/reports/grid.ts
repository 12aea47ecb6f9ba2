import type { Writable } from 'node:stream';
import {
  LEVEL_LABELS,
  nodeOf,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  subtree,
} from '@jiceng/domain';
import { GridStatisticsRepository, type StatisticsScope } from '@jiceng/persistence';
import { nowInstant } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { gridRulesOf, scopeOf } from '../grid/access.js';
import { listResidentRequests } from '../grid/requests.js';
import type { ReportCell, ReportColumn } from './workbook.js';
import { writeReportWorkbook } from './workbook.js';

/** Overdue requests read per page. */
const PAGE = 200;

const col = (zh: string, en: string, kind: ReportColumn['kind'] = 'text'): ReportColumn => ({
  header: { zh, en },
  kind,
});

/** The streets, communities and grids a statistics scope covers, each with those below it. */
function rowsOf(ctx: UseCaseContext, scope: StatisticsScope): string[] {
  const tree = ctx.services.orgTree('administrative');
  if (tree === undefined) return [];
  const codes = [...(scope.streetCodes ?? []), ...(scope.communityCodes ?? []), ...(scope.gridCodes ?? [])];
  const out = new Set<string>();
  for (const code of codes) {
    if (!tree.ids.has(code)) continue;
    for (const n of subtree(tree, code)) {
      if (n.level === 'street' || n.level === 'community' || n.level === 'grid') out.add(n.code);
    }
  }
  return [...out];
}

/**
 * Writes the grid statistics 网格诉求统计 of a node as a workbook: resident requests by type and
 * status for it and every street, community and grid below it, and the list of overdue requests
 * (open past their due day), as `residentRequests(scope, overdue: true)` lists them — the same
 * use case and policy (`request.read` on the scope). No reporter's name, phone or words: only
 * what the office reports upward.
 *
 * @example
 * await exportGridStatistics(ctx, createWriteStream('诉求统计.xlsx'), { scope: '330102001' });
 */
export async function exportGridStatistics(
  ctx: UseCaseContext,
  out: Writable,
  query: { readonly scope: string },
): Promise<void> {
  const scope = scopeOf(ctx, 'request.read', query.scope);
  const rules = gridRulesOf(ctx, 'reference').grid;
  const codes = rowsOf(ctx, scope);
  const tree = ctx.services.orgTree('administrative');
  const figures = await new GridStatisticsRepository(ctx.em).requestFigures(
    {
      streetCodes: codes.filter((c) => tree !== undefined && nodeOf(tree, c).level === 'street'),
      communityCodes: codes.filter((c) => tree !== undefined && nodeOf(tree, c).level === 'community'),
      gridCodes: codes.filter((c) => tree !== undefined && nodeOf(tree, c).level === 'grid'),
    },
    { asOf: nowInstant(ctx) },
  );
  const typeName = (t: (typeof REQUEST_TYPES)[number]) => rules.requests[t].name;
  const statisticsColumns: ReportColumn[] = [
    col('代码', 'code'),
    col('名称', 'name'),
    col('层级', 'level'),
    col('诉求总数', 'requests', 'number'),
    ...REQUEST_TYPES.map((t) => col(typeName(t).zh, typeName(t).en, 'number')),
    ...REQUEST_STATUSES.map((s) => col(REQUEST_STATUS_LABELS[s].zh, REQUEST_STATUS_LABELS[s].en, 'number')),
    col('未办结', 'open', 'number'),
    col('逾期未办结', 'overdue', 'number'),
    col('逾期办结', 'resolved late', 'number'),
    col('曾上报上级', 'escalated', 'number'),
  ];
  const statisticsRows = codes.flatMap((code): ReportCell[][] => {
    const f = figures.get(code);
    const node = tree === undefined ? undefined : nodeOf(tree, code);
    if (f === undefined || node === undefined) return [];
    return [
      [
        code,
        node.name,
        LEVEL_LABELS[node.level].zh,
        f.total,
        ...REQUEST_TYPES.map((t) => f.byType[t]),
        ...REQUEST_STATUSES.map((s) => f.byStatus[s]),
        f.open,
        f.overdue,
        f.resolvedLate,
        f.escalated,
      ],
    ];
  });

  const overdueRows = async function* (): AsyncGenerator<ReportCell[]> {
    for (let offset = 0; ; offset += PAGE) {
      const page = await listResidentRequests(ctx, {
        scope: query.scope,
        overdue: true,
        offset,
        limit: PAGE,
      });
      for (const { request: r } of page.items) {
        yield [
          r.id,
          typeName(r.type).zh,
          REQUEST_STATUS_LABELS[r.status].zh,
          LEVEL_LABELS[r.level].zh,
          r.gridCode,
          r.communityCode,
          r.reportedAt,
          r.dueDate,
        ];
      }
      if (offset + PAGE >= page.totalCount) return;
    }
  };
  await writeReportWorkbook(out, [
    { name: '诉求统计', columns: statisticsColumns, rows: statisticsRows },
    {
      name: '逾期诉求',
      columns: [
        col('诉求编号', 'request id'),
        col('类型', 'type'),
        col('状态', 'status'),
        col('责任层级', 'answerable level'),
        col('网格', 'grid'),
        col('社区', 'community'),
        col('上报时间', 'reported at'),
        col('办理期限', 'due date'),
      ],
      rows: overdueRows(),
    },
  ]);
}
