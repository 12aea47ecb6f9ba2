import type { Writable } from 'node:stream';
import { subtree, unitMonthFeedback } from '@jiceng/domain';
import { PointsLedgerRepository, PointsMemberRepository, StationedUnitRepository } from '@jiceng/persistence';
import { allows, authoriseNode } from '../../auth/authorise.js';
import type { UseCaseContext } from '../context.js';
import { rulesLookup } from '../points/access.js';
import { type ReportColumn, writeReportWorkbook } from './workbook.js';

const col = (zh: string, en: string, kind: ReportColumn['kind'] = 'text'): ReportColumn => ({
  header: { zh, en },
  kind,
});

/**
 * The dual-registration feedback 双报到反馈 of a month as a workbook, addressed to each stationed
 * unit: per unit registered at a community under `scope` (`points.read` on the scope, and on each
 * unit's community), its registered in-service members, how many took part in a community
 * activity in the month, and the list of those who did not — for the unit's own party
 * organisation, not the community. The figures are the domain's `unitMonthFeedback`.
 *
 * @example
 * await exportUnitFeedback(ctx, createWriteStream('双报到反馈.xlsx'), { scope: '330102001', month: '2026-02' });
 */
export async function exportUnitFeedback(
  ctx: UseCaseContext,
  out: Writable,
  query: { readonly scope: string; readonly month: string },
): Promise<void> {
  const { tree } = authoriseNode(ctx, 'points.read', query.scope);
  // A party scope (a committee) covers the units whose organisation is under it; an
  // administrative one the units registered at its communities.
  const under = new Set(subtree(tree, query.scope).map((n) => n.code));
  const repo = new StationedUnitRepository(ctx.em);
  const units = (await repo.units()).filter(
    (u) =>
      (tree.kind === 'party' ? under.has(u.branch) : under.has(u.community)) &&
      allows(ctx, 'points.read', { kind: 'node', code: u.community }),
  );
  const registrations = await repo.unitMembers({ units: units.map((u) => u.code) });
  const codes = registrations.map((r) => r.member);
  const year = Number(query.month.slice(0, 4));
  const stored = await new PointsLedgerRepository(ctx.em, { rules: rulesLookup(ctx) }).recordsOfMembers(
    codes,
    year,
  );
  const records = new Map([...stored].map(([code, list]) => [code, list.map((s) => s.record)]));
  const names = new Map(
    (await new PointsMemberRepository(ctx.em).findByCodes(codes)).map((m) => [m.code, m.name]),
  );
  const feedback = unitMonthFeedback(units, registrations, records, query.month, names);
  await writeReportWorkbook(out, [
    {
      name: `${query.month}双报到反馈`,
      columns: [
        col('单位代码', 'unit code'),
        col('单位名称', 'unit'),
        col('单位党组织', 'addressed to (party organisation)'),
        col('报到社区', 'community'),
        col('报到党员数', 'registered members', 'number'),
        col('参加社区活动', 'took part', 'number'),
        col('未参加社区活动', 'did not take part', 'number'),
        col('反馈', 'feedback'),
      ],
      rows: feedback.map((f) => [
        f.unit.code,
        f.unit.name,
        f.unit.branch,
        f.unit.community,
        f.registered,
        f.active,
        f.inactive.length,
        f.summary.zh,
      ]),
    },
    {
      name: '未参加社区活动党员',
      columns: [
        col('单位代码', 'unit code'),
        col('单位名称', 'unit'),
        col('单位党组织', 'addressed to (party organisation)'),
        col('党员编号', 'member code'),
        col('姓名', 'name'),
        col('报到社区', 'community'),
      ],
      rows: feedback.flatMap((f) =>
        f.inactive.map((m) => [f.unit.code, f.unit.name, f.unit.branch, m.member, m.name ?? '', m.community]),
      ),
    },
  ]);
}
