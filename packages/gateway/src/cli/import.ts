import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { type ImportIssue, referenceProfile } from '@jiceng/domain';
import type { UseCaseContext } from '../application/context.js';
import { annotateWorkbook } from '../application/onboarding/annotate.js';
import { type ImportReport, importRegisters, listRegisterImports } from '../application/onboarding/import.js';
import { writeRegisterTemplate } from '../application/onboarding/template.js';
import { gatewayErrorOf } from '../kernel/errors.js';
import { chinaDate } from '../time.js';
import { type CliIo, commandArgs } from './io.js';
import { withGatewayServices } from './keys.js';
import { operatorDoor } from './operator.js';

export const IMPORT_USAGE = `jiceng import FILE.xlsx|FILE.csv [--db sqlite:./jiceng.db|postgres://…] [--dry-run]
             [--remove-missing] [--profile-id reference] [--annotate OUT.xlsx] [--json]
    Import the county's registers from a workbook (sheets 组织 organisations and 党员 members,
    Chinese or English headers; \`jiceng template\` writes a blank one) or a CSV of one of them.
    Every cell is checked; a file with any problem writes nothing and lists each problem by
    sheet, row and column. A clean file is stored in one transaction and recorded; importing it
    again changes nothing, a changed row updates by its code. Rows the file no longer has are
    reported, and removed only with --remove-missing. --dry-run shows what would change.
    --annotate writes a copy of the file with every bad cell filled red and noted (code, zh/en).
jiceng import --list [--db …] [--limit 20]
    List the imports applied: when, by whom, which file (SHA-256) and what they changed.`;

const OPTIONS = {
  db: { type: 'string' },
  'profile-id': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'remove-missing': { type: 'boolean' },
  annotate: { type: 'string' },
  list: { type: 'boolean' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `jiceng import …`: the register import use case, for the county's operator. */
export async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, IMPORT_USAGE, io);
  if (parsed === undefined) return 2;
  const { values, positionals } = parsed;
  const list = values.list === true;
  const path = positionals[0];
  if (list ? positionals.length > 0 : path === undefined || positionals.length > 1) {
    io.err(`需要一个 .xlsx 或 .csv 文件 expected one .xlsx or .csv file\n\n${IMPORT_USAGE}`);
    return 2;
  }
  if (path !== undefined) {
    try {
      if (!(await stat(path)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    } catch (error) {
      io.err(
        `无法读取 cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return 1;
    }
  }
  return withGatewayServices(
    values.db ?? io.env['DATABASE_URL'] ?? 'sqlite:./jiceng.db',
    io,
    async (services, db) => {
      try {
        const ctx: UseCaseContext = {
          principal: operatorDoor(services, io.env).principal,
          now: io.now,
          em: db.em.fork(),
          services,
        };
        if (list) {
          const limit = values.limit === undefined ? 20 : Number(values.limit);
          const imports = await listRegisterImports(ctx, {
            limit: Number.isInteger(limit) && limit > 0 ? limit : 20,
          });
          if (values.json) io.out(JSON.stringify(imports, null, 2));
          else if (imports.length === 0) io.out('还没有导入记录 no imports yet');
          else for (const i of imports) io.out(importLine(i));
          return 0;
        }
        const report = await importRegisters(ctx, {
          file: { name: path!, path: path!, open: () => createReadStream(path!) },
          dryRun: values['dry-run'] === true,
          removeMissing: values['remove-missing'] === true,
          ...(values['profile-id'] === undefined ? {} : { profileId: values['profile-id'] }),
        });
        if (values.json) io.out(JSON.stringify(report, null, 2));
        else printReport(io, report);
        if (values.annotate !== undefined && report.issueCount > 0) {
          const out = createWriteStream(values.annotate);
          await annotateWorkbook({ name: path!, open: () => createReadStream(path!) }, report.issues, out);
          out.end();
          await finished(out);
          io.err(`已标注问题单元格 bad cells marked in ${values.annotate}`);
        }
        return report.issueCount === 0 ? 0 : 1;
      } catch (error) {
        const refusal = gatewayErrorOf(error);
        if (refusal === undefined) throw error;
        io.err(`拒绝 refused: ${refusal.code}: ${refusal.text.zh} / ${refusal.text.en}`);
        return 1;
      }
    },
  );
}

function importLine(i: Awaited<ReturnType<typeof listRegisterImports>>[number]): string {
  const counts = Object.entries(i.counts)
    .map(
      ([sheet, c]) =>
        `${sheet} +${c.added} ~${c.updated} =${c.unchanged} -${c.removed} (missing ${c.missing})`,
    )
    .join('; ');
  return `#${i.id} ${i.importedAt} ${i.importedBy} ${i.fileName} sha256:${i.fileSha256.slice(0, 16)}… ${i.rows} rows${i.removeMissing ? ' --remove-missing' : ''}: ${counts}`;
}

/** Where an issue is, as county staff look for it: `党员!H7 身份证号`. */
export function issueWhere(i: ImportIssue): string {
  const at = i.cell ?? (i.row > 0 ? `row ${i.row}` : '');
  const place = [i.sheet, at].filter((s) => s !== '').join('!');
  return [place, i.column].filter((s) => s !== undefined && s !== '').join(' ');
}

function printReport(io: CliIo, report: ImportReport): void {
  const { file } = report;
  io.out(`文件 file: ${file.name} (${file.bytes} bytes, sha256 ${file.sha256})`);
  const verb = report.dryRun
    ? '（试运行 dry run，未写入 nothing written）'
    : report.applied
      ? ''
      : '（未写入 not written）';
  for (const s of report.sheets) {
    const c = s.counts;
    io.out(
      `${s.sheet} [${s.kind}] ${s.rows} 行 rows: 新增 added ${c.added}, 更新 updated ${c.updated}, 未变 unchanged ${c.unchanged}, ` +
        `表中已无 missing ${c.missing}${c.missing > 0 ? ` (${s.missing.slice(0, 10).join(', ')}${c.missing > 10 ? ', …' : ''})` : ''}, ` +
        `${report.applied ? '删除 removed' : '将删除 would remove'} ${c.removed}${verb}`,
    );
  }
  if (report.skippedSheets.length > 0)
    io.out(`未导入的工作表 sheets skipped: ${report.skippedSheets.join(', ')}`);
  if (report.issueCount > 0) {
    io.err(
      `发现 ${report.issueCount} 个问题，未写入任何数据 ${report.issueCount} problems found; nothing was written:`,
    );
    for (const i of report.issues) io.err(`  ${issueWhere(i)}: ${i.code}: ${i.message.zh} / ${i.message.en}`);
    if (report.issueCount > report.issues.length) {
      io.err(
        `  … 另有 ${report.issueCount - report.issues.length} 个 and ${report.issueCount - report.issues.length} more`,
      );
    }
    return;
  }
  if (report.applied) io.out(`已导入 imported: record #${report.record?.id}`);
  else if (report.dryRun) io.out('试运行无问题 dry run clean: run again without --dry-run to import');
}

export const TEMPLATE_USAGE = `jiceng template FILE.xlsx [--db sqlite:./jiceng.db|postgres://…] [--profile-id reference]
    Write a blank register workbook to fill in: sheets 组织 and 党员 with their headers, a note on
    each header, drop-down lists (member categories of the profile, trees, levels) and a notes
    sheet. Without --db, the reference profile's categories.`;

/** `jiceng template FILE.xlsx`: a blank register workbook. */
export async function templateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, TEMPLATE_OPTIONS, TEMPLATE_USAGE, io);
  if (parsed === undefined) return 2;
  const { values, positionals } = parsed;
  const path = positionals[0];
  if (path === undefined || positionals.length > 1 || !path.toLowerCase().endsWith('.xlsx')) {
    io.err(`需要一个 .xlsx 输出文件 expected one .xlsx file to write\n\n${TEMPLATE_USAGE}`);
    return 2;
  }
  let categories = referenceProfile.points.categories;
  const profileId = values['profile-id'] ?? 'reference';
  if (values.db !== undefined || profileId !== 'reference') {
    const failed = await withGatewayServices(
      values.db ?? io.env['DATABASE_URL'] ?? 'sqlite:./jiceng.db',
      io,
      async (services) => {
        const profile = services.profiles().profileAt(profileId, chinaDate(io.now));
        if (!profile.ok) {
          for (const i of profile.issues) io.err(`${i.code}: ${i.message.zh} / ${i.message.en}`);
          return 1;
        }
        categories = profile.value.points.categories;
        return 0;
      },
    );
    if (failed !== 0) return failed;
  }
  try {
    const out = createWriteStream(path);
    await writeRegisterTemplate(out, { categories });
    out.end();
    await finished(out);
  } catch (error) {
    io.err(
      `无法写入 cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
    return 1;
  }
  io.out(`已写入模板 template written: ${path}`);
  return 0;
}

const TEMPLATE_OPTIONS = {
  db: { type: 'string' },
  'profile-id': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
