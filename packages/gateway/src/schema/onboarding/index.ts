import type { ImportIssue } from '@jiceng/domain';
import { Arg, Args, ArgsType, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { type ImportReport, importRegisters, type SheetReport } from '../../application/onboarding/import.js';
import {
  authoriseReport,
  REPORT_KINDS,
  reportFileName,
  reportRequestOf,
} from '../../application/reports/catalog.js';
import type { GatewayContext } from '../../kernel/context.js';
import { GatewayError } from '../../kernel/errors.js';
import { LocalizedText } from '../common.js';
import { PointsGroupingEnum } from '../points/types.js';
import { type UploadedFile, UploadScalar } from './upload.js';

@ObjectType('RegisterSheetCounts', { description: 'What an import did (or would do) to one register.' })
class SheetCountsView {
  @Field(() => Int) added!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int, { description: 'Stored rows the file no longer has.' }) missing!: number;
  @Field(() => Int) removed!: number;
}

@ObjectType('RegisterImportSheet', { description: 'One sheet of an imported file.' })
class SheetView {
  @Field() sheet!: string;
  @Field({ description: 'The register: organisations, members, …' }) kind!: string;
  @Field(() => Int, { description: 'Data rows read.' }) rows!: number;
  @Field(() => SheetCountsView) counts!: SheetCountsView;
  @Field(() => [String], { description: 'Natural keys of stored rows the file lacks (the first 100).' })
  missing!: string[];

  static from(s: SheetReport): SheetView {
    return Object.assign(new SheetView(), {
      sheet: s.sheet,
      kind: s.kind,
      rows: s.rows,
      counts: Object.assign(new SheetCountsView(), s.counts),
      missing: [...s.missing],
    });
  }
}

@ObjectType('RegisterImportIssue', { description: 'A problem of the file, where county staff look for it.' })
class IssueView {
  @Field() sheet!: string;
  @Field(() => Int, { description: 'The row as the spreadsheet shows it; 0 for the sheet or file.' })
  row!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field(() => String, { nullable: true, description: 'The cell address, e.g. H7.' }) cell!: string | null;
  @Field() code!: string;
  @Field(() => LocalizedText) message!: LocalizedText;

  static from(i: ImportIssue): IssueView {
    return Object.assign(new IssueView(), {
      sheet: i.sheet,
      row: i.row,
      column: i.column ?? null,
      cell: i.cell ?? null,
      code: i.code,
      message: LocalizedText.from(i.message),
    });
  }
}

@ObjectType('RegisterImportFile')
class FileView {
  @Field() name!: string;
  @Field() sha256!: string;
  @Field(() => Int) bytes!: number;
}

@ObjectType('RegisterImportReport', { description: 'The outcome of a register import 名册导入.' })
class ImportReportView {
  @Field({ description: 'Whether it was stored: a clean file, not a dry run.' }) applied!: boolean;
  @Field() dryRun!: boolean;
  @Field(() => FileView) file!: FileView;
  @Field(() => [SheetView]) sheets!: SheetView[];
  @Field(() => [String], { description: 'Sheets that are no register (a notes sheet).' })
  skippedSheets!: string[];
  @Field(() => [IssueView], { description: 'Every problem, up to 1,000; `issueCount` counts them all.' })
  issues!: IssueView[];
  @Field(() => Int) issueCount!: number;
  @Field(() => Int, { nullable: true, description: 'The record of the import, when applied.' })
  recordId!: number | null;

  static from(r: ImportReport): ImportReportView {
    return Object.assign(new ImportReportView(), {
      applied: r.applied,
      dryRun: r.dryRun,
      file: Object.assign(new FileView(), r.file),
      sheets: r.sheets.map(SheetView.from),
      skippedSheets: [...r.skippedSheets],
      issues: r.issues.map(IssueView.from),
      issueCount: r.issueCount,
      recordId: r.record?.id ?? null,
    });
  }
}

@ArgsType()
class ExportReportArgs {
  @Field({ description: `The report: ${REPORT_KINDS.join(', ')}.` })
  report!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'An org code within your scope (rankings, rating, grid; the township for consultation and disclosure).',
  })
  scope?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => PointsGroupingEnum, {
    nullable: true,
    description: 'Rankings: the groups; rating: the quota groups.',
  })
  within?: PointsGroupingEnum | null;

  @Field(() => String, { nullable: true, description: 'Rankings: only members of this category.' })
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'Explanation: the member code.' })
  member?: string | null;

  @Field(() => String, { nullable: true, description: 'Feedback: the month, YYYY-MM.' })
  month?: string | null;
}

@ObjectType('ReportDownload', {
  description: 'A short-lived link to an exported report (.xlsx), for you only.',
})
class ReportDownloadView {
  @Field({ description: 'The path to GET on this gateway, e.g. /exports/…; no token needed, it expires.' })
  url!: string;

  @Field() fileName!: string;

  @Field({ description: 'ISO 8601 instant after which the link no longer works.' })
  expiresAt!: string;
}

/** Register imports and report exports (issue #16): the doors of `application/onboarding` and `application/reports`. */
@Resolver()
export class OnboardingResolver {
  @Mutation(() => ImportReportView, {
    description:
      'Imports a register workbook (.xlsx) or CSV sent as a multipart upload, as `jiceng import` does: all or nothing, every problem listed by sheet, row and column. County administrators only.',
  })
  async importRegisters(
    @Ctx() ctx: GatewayContext,
    @Arg('file', () => UploadScalar) file: UploadedFile,
    @Arg('dryRun', () => Boolean, { nullable: true }) dryRun?: boolean | null,
    @Arg('removeMissing', () => Boolean, { nullable: true }) removeMissing?: boolean | null,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<ImportReportView> {
    const report = await importRegisters(ctx, {
      file,
      dryRun: dryRun === true,
      removeMissing: removeMissing === true,
      ...(profileId ? { profileId } : {}),
    });
    return ImportReportView.from(report);
  }

  @Mutation(() => ReportDownloadView, {
    description:
      'A download link for a report as .xlsx, scoped like the query it comes from (registers: county administrators; rankings and rating: `points.read` on the scope; explanation: `member.read` on the member; grid: `request.read` on the scope; consultation: `consultation.read` on the township; disclosure: anyone, as `publicConsultations`; feedback: `points.read` on the scope). The link works for a few minutes.',
  })
  async exportReport(
    @Ctx() ctx: GatewayContext,
    @Args(() => ExportReportArgs) args: ExportReportArgs,
  ): Promise<ReportDownloadView> {
    const request = reportRequestOf({
      kind: args.report,
      scope: args.scope,
      year: args.year,
      within: args.within,
      category: args.category,
      member: args.member,
      month: args.month,
    });
    await authoriseReport(ctx, request);
    if (ctx.reportLinks === undefined) {
      throw new GatewayError('NOT_FOUND', { zh: '此处不提供下载', en: 'downloads are not served here' });
    }
    const link = ctx.reportLinks.sign(request, ctx.principal, ctx.now);
    return Object.assign(new ReportDownloadView(), {
      url: link.path,
      fileName: reportFileName(request),
      expiresAt: link.expiresAt.toISOString(),
    });
  }
}
