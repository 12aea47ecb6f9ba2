import type { ImportIssue, LocalizedText } from '@jiceng/domain';
import { RegisterImportRepository, type StoredImport } from '@jiceng/persistence';
import { authorise } from '../../auth/authorise.js';
import { GatewayError } from '../../kernel/errors.js';
import { nowInstant, today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { ImportRun } from './import-run.js';
import { IssueList, MAX_ISSUES, type SheetReport } from './register-rows.js';
import { type Book, digestOf, type ImportFile, openBook, UnreadableFileError } from './workbook.js';

export { MAX_ISSUES, type SheetReport };

/**
 * Importing a county's registers 名册导入 (issue #16): one use case for every door (the CLI's
 * `jiceng import`, a GraphQL upload). The file is read as a stream, sheet by sheet, row by row;
 * every cell is checked by the domain's own rules; each batch of rows is compared with what is
 * stored by its natural key and written in the one transaction of the import, which commits only
 * when the whole file was clean (and it is no dry run). Memory holds the organisation trees, one
 * batch of rows and the keys seen, never the file.
 */

/** What to import, and how. */
export interface ImportRegistersCommand {
  readonly file: ImportFile;
  /** Check and compare everything, write nothing. */
  readonly dryRun?: boolean;
  /** Remove stored rows the file no longer has (else they are only reported). */
  readonly removeMissing?: boolean;
  /** The rule profile members are checked against and kept under. Default `reference`. */
  readonly profileId?: string;
}

/** The outcome of an import: applied, or why not, sheet by sheet. */
export interface ImportReport {
  /** Whether the import was stored: a clean file, not a dry run. */
  readonly applied: boolean;
  readonly dryRun: boolean;
  readonly file: { readonly name: string; readonly sha256: string; readonly bytes: number };
  readonly sheets: readonly SheetReport[];
  /** Sheets of the file that are no register this import knows (a notes sheet, say). */
  readonly skippedSheets: readonly string[];
  /** Every problem found, up to {@link MAX_ISSUES}; `issueCount` counts them all. */
  readonly issues: readonly ImportIssue[];
  readonly issueCount: number;
  /** The import's record, when applied. */
  readonly record?: StoredImport;
}

const COUNTY: LocalizedText = { zh: '本县名册', en: "this county's registers" };

/**
 * Imports a register workbook or CSV: every register after those it needs (organisations,
 * buildings, members, grid workers, teams), in one transaction. A file with any problem writes nothing and returns every problem with its sheet,
 * row, column and cell; a clean file is stored whole and recorded (who, when, its SHA-256, the
 * counts). Importing the same file again changes nothing.
 *
 * @example
 * const report = await importRegisters(ctx, { file: { name: 'county.xlsx', open: () => createReadStream(path) } });
 * if (!report.applied) for (const i of report.issues) console.log(i.sheet, i.row, i.column, i.message.zh);
 */
export async function importRegisters(
  ctx: UseCaseContext,
  command: ImportRegistersCommand,
): Promise<ImportReport> {
  // The registers are the county's: its administrators import them (the CLI's operator is one).
  authorise(ctx, 'org.replace', { kind: 'county' }, COUNTY);
  const profileId = command.profileId ?? 'reference';
  const day = today(ctx);
  const profile = ctx.services.profiles().profileAt(profileId, day);
  if (!profile.ok) {
    throw new GatewayError('NOT_FOUND', {
      zh: `未找到：规则配置 ${profileId}`,
      en: `not found: rule profile ${profileId}`,
    });
  }
  const dryRun = command.dryRun === true;
  const removeMissing = command.removeMissing === true;
  const file = command.file;
  const issues = new IssueList();
  const fileName = file.name.replace(/^.*[\\/]/, '');

  let digest: { sha256: string; bytes: number };
  try {
    digest = await digestOf(file);
  } catch {
    return unreadable(fileName, { sha256: '', bytes: 0 }, dryRun, {
      zh: '无法读取文件',
      en: 'the file cannot be read',
    });
  }
  if (digest.bytes === 0) {
    issues.add({
      sheet: '',
      row: 0,
      code: 'IMPORT_EMPTY',
      message: { zh: '文件是空的', en: 'the file is empty' },
    });
    return report(false, dryRun, { name: fileName, ...digest }, [], [], issues);
  }
  let book: Book;
  try {
    book = openBook(file);
  } catch (error) {
    if (error instanceof UnreadableFileError) return unreadable(fileName, digest, dryRun, error.text);
    throw error;
  }

  const rules = { categories: profile.value.points.categories, today: day, grid: profile.value.grid };
  const repo = new RegisterImportRepository(ctx.em);
  let treesChanged = false;
  const outcome = await repo.run(async (session) => {
    const run = new ImportRun(session, book, rules, issues, { dryRun, removeMissing, profileId });
    try {
      await run.readAll();
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      issues.add({ sheet: '', row: 0, code: error.code, message: error.text });
    }
    await run.finish();
    treesChanged = run.treesWritten;
    const commit = !dryRun && issues.count === 0;
    const record = commit
      ? await session.record({
          importedAt: nowInstant(ctx),
          importedBy: ctx.principal.subject,
          fileName: fileName.slice(0, 500),
          fileSha256: digest.sha256,
          fileBytes: digest.bytes,
          profileId,
          removeMissing,
          rows: run.sheets.reduce((n, s) => n + s.rows, 0),
          counts: Object.fromEntries(run.sheets.map((s) => [s.kind, s.counts])),
        })
      : undefined;
    return { commit, value: { record, sheets: run.sheets, skipped: run.skipped } };
  });
  if (outcome.record !== undefined && treesChanged) await ctx.services.reloadOrgTrees();
  return {
    ...report(
      outcome.record !== undefined,
      dryRun,
      { name: fileName, ...digest },
      outcome.sheets,
      outcome.skipped,
      issues,
    ),
    ...(outcome.record === undefined ? {} : { record: outcome.record }),
  };
}

/**
 * Applied imports, newest first: who, when, which file, what changed.
 *
 * @example
 * await listRegisterImports(ctx, { limit: 20 });
 */
export async function listRegisterImports(
  ctx: UseCaseContext,
  options: { readonly limit?: number } = {},
): Promise<StoredImport[]> {
  authorise(ctx, 'org.replace', { kind: 'county' }, COUNTY);
  return new RegisterImportRepository(ctx.em).list(options);
}

function report(
  applied: boolean,
  dryRun: boolean,
  file: ImportReport['file'],
  sheets: readonly SheetReport[],
  skippedSheets: readonly string[],
  issues: IssueList,
): ImportReport {
  return { applied, dryRun, file, sheets, skippedSheets, issues: issues.listed, issueCount: issues.count };
}

function unreadable(
  name: string,
  digest: { sha256: string; bytes: number },
  dryRun: boolean,
  text: LocalizedText,
): ImportReport {
  const issues = new IssueList();
  issues.add({ sheet: '', row: 0, code: 'IMPORT_UNREADABLE', message: text });
  return report(false, dryRun, { name, ...digest }, [], [], issues);
}
