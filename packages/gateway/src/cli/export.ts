import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { UseCaseContext } from '../application/context.js';
import { REPORT_KINDS, reportRequestOf, writeReport } from '../application/reports/catalog.js';
import { gatewayErrorOf } from '../kernel/errors.js';
import { type CliIo, commandArgs } from './io.js';
import { withGatewayServices } from './keys.js';
import { operatorDoor } from './operator.js';

export const EXPORT_USAGE = `jiceng export REPORT OUT.xlsx [--db sqlite:./jiceng.db|postgres://…]
             [--scope ORG_CODE] [--year YYYY] [--within branch|community|all] [--category CODE]
             [--member CODE] [--month YYYY-MM]
    Write a report as an .xlsx workbook with Chinese headers, as the county's operator:
      registers  组织 and 党员 sheets exactly as \`jiceng import\` reads them (export, then import:
                 nothing changes)
      rankings   points rankings 积分排名 of --year under --scope (by --within, --category)
      rating     annual rating bands 年度评定 of --year under --scope (quota groups by --within)
      explanation  a member's explained total 积分明细 of --year (--member)
      grid       resident requests by type and status 诉求统计 under --scope, and the overdue list
      consultation  a township's consultation compliance 协商合规 of --year (--scope the township)
      disclosure a township's published consultations 协商全过程公开 (--scope the township)
      feedback   dual-registration feedback 双报到反馈 of --month per stationed unit under --scope:
                 its in-service members with no community activity, addressed to the unit
    Reports: ${REPORT_KINDS.join(', ')}.`;

const OPTIONS = {
  db: { type: 'string' },
  scope: { type: 'string' },
  year: { type: 'string' },
  within: { type: 'string' },
  category: { type: 'string' },
  member: { type: 'string' },
  month: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `jiceng export REPORT OUT.xlsx`: a report use case, for the county's operator. */
export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, EXPORT_USAGE, io);
  if (parsed === undefined) return 2;
  const { values, positionals } = parsed;
  const [kind, path] = positionals;
  if (
    kind === undefined ||
    path === undefined ||
    positionals.length > 2 ||
    !path.toLowerCase().endsWith('.xlsx')
  ) {
    io.err(
      `需要报表名和一个 .xlsx 输出文件 expected a report and one .xlsx file to write\n\n${EXPORT_USAGE}`,
    );
    return 2;
  }
  const year = values.year === undefined ? undefined : Number(values.year);
  return withGatewayServices(
    values.db ?? io.env['DATABASE_URL'] ?? 'sqlite:./jiceng.db',
    io,
    async (services, db) => {
      let written = false;
      try {
        const request = reportRequestOf({
          kind,
          scope: values.scope,
          year,
          within: values.within,
          category: values.category,
          member: values.member,
          month: values.month,
        });
        const ctx: UseCaseContext = {
          principal: operatorDoor(services, io.env).principal,
          now: io.now,
          em: db.em.fork(),
          services,
        };
        const out = createWriteStream(path);
        written = true;
        await writeReport(ctx, request, out, { requestId: 'cli' });
        await finished(out);
        io.out(`已导出 exported ${kind}: ${path}`);
        return 0;
      } catch (error) {
        // A refused or failed report leaves no half-written file behind.
        if (written) await rm(path, { force: true });
        const refusal = gatewayErrorOf(error);
        if (refusal === undefined) throw error;
        io.err(`拒绝 refused: ${refusal.code}: ${refusal.text.zh} / ${refusal.text.en}`);
        return 1;
      }
    },
  );
}
