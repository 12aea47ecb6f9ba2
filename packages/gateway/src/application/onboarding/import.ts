import {
  cellOf,
  checkMemberRow,
  checkOrgRow,
  type HeaderMap,
  type ImportIssue,
  type LocalizedText,
  MEMBERS_SHEET,
  type MemberRecord,
  type MemberRowRules,
  ORGANISATIONS_SHEET,
  type OrgRecord,
  type Places,
  placesOf,
  planMember,
  planTrees,
  REGISTER_SHEETS,
  ReadingOrder,
  type RegisterMember,
  readDataRow,
  readHeaderRow,
  recognisedHeaders,
  SeenKeys,
  type SheetCounts,
  type SheetKind,
  type SheetSpec,
  sheetSpecByName,
  type TreePlan,
  unreachable,
} from '@jiceng/domain';
import {
  type GridPlacement,
  type MemberWrite,
  type RegisteredMember,
  RegisterImportRepository,
  type RegisterImportSession,
  type StoredImport,
} from '@jiceng/persistence';
import { authorise } from '../../auth/authorise.js';
import { GatewayError } from '../../kernel/errors.js';
import { nowInstant, today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import {
  type Book,
  type BookRow,
  type BookSheet,
  digestOf,
  type ImportFile,
  openBook,
  UnreadableFileError,
} from './workbook.js';

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

/** What one sheet of the file did, or would do. */
export interface SheetReport {
  readonly sheet: string;
  readonly kind: SheetKind;
  /** Data rows read (blank rows not counted). */
  readonly rows: number;
  readonly counts: SheetCounts;
  /** Natural keys of stored rows the file lacks (the first 100). */
  readonly missing: readonly string[];
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

/** Issues listed in a report; the rest are counted. */
export const MAX_ISSUES = 1000;
/** Rows compared and written per batch: one query per table to read them, one insert per table to write. */
const BATCH = 1000;
/** How many leading rows may stand above the header row (a title, a date line). */
const HEADER_SEARCH_ROWS = 10;
const LISTED_MISSING = 100;

const COUNTY: LocalizedText = { zh: '本县名册', en: "this county's registers" };
const NONE: SheetCounts = { added: 0, updated: 0, unchanged: 0, missing: 0, removed: 0 };

/**
 * Imports a register workbook or CSV: organisations (both trees) before members, in one
 * transaction. A file with any problem writes nothing and returns every problem with its sheet,
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

  const rules = { categories: profile.value.points.categories, today: day };
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

/** The issues of an import: the first {@link MAX_ISSUES} kept, all counted. */
class IssueList {
  readonly listed: ImportIssue[] = [];
  count = 0;

  add(...found: readonly ImportIssue[]): void {
    for (const i of found) {
      this.count += 1;
      if (this.listed.length < MAX_ISSUES) this.listed.push(i);
    }
  }
}

interface RunOptions {
  readonly dryRun: boolean;
  readonly removeMissing: boolean;
  readonly profileId: string;
}

/** One import's pass(es) over the file, inside its transaction. */
class ImportRun {
  readonly sheets: SheetReport[] = [];
  readonly skipped: string[] = [];
  treesWritten = false;
  private readonly seen = new Map<SheetKind, string>();
  private orgRecords: OrgRecord[] | undefined;
  private trees: TreePlan | undefined;
  private places: Places | undefined;
  private memberKeys: SeenKeys | undefined;
  private memberSheet: SheetReport | undefined;

  constructor(
    private readonly session: RegisterImportSession,
    private readonly book: Book,
    private readonly rules: Omit<MemberRowRules, 'places'>,
    private readonly issues: IssueList,
    private readonly options: RunOptions,
  ) {}

  /** Writes are made only while the file is clean and it is no dry run; else only compared. */
  private get writing(): boolean {
    return !this.options.dryRun && this.issues.count === 0;
  }

  /**
   * Reads the file, each register after those it needs (organisations before members), whatever
   * the order of the sheets. A first pass reads every sheet whose prerequisites are read already
   * (or, for a CSV of one register, cannot be in the file) and defers the others; once it is over,
   * the registers of the file are known for sure, and further passes read the deferred sheets as
   * their prerequisites are done, until none remain. Nothing depends on when the streaming reader
   * learns the names of the sheets.
   */
  async readAll(): Promise<void> {
    const order = ReadingOrder.ofRegisters();
    let deferred = new Map<string, SheetSpec>();
    for await (const found of this.book.sheets()) {
      const resolved = await this.resolve(found);
      if (resolved === undefined) continue;
      const { spec, sheet } = resolved;
      // A CSV is one register: nothing else can come.
      if (this.book.format === 'csv') order.presentAre([spec.kind]);
      if (order.ready(spec.kind)) {
        await this.readSheet(spec, sheet);
        order.markRead(spec.kind);
      } else {
        deferred.set(sheet.name, spec);
      }
    }
    order.presentAre(this.seen.keys());
    while (deferred.size > 0) {
      const left = new Map(deferred);
      for await (const sheet of this.book.sheets()) {
        const spec = left.get(sheet.name);
        if (spec === undefined || !order.ready(spec.kind)) continue;
        await this.readSheet(spec, sheet);
        order.markRead(spec.kind);
        left.delete(sheet.name);
      }
      // Prerequisites never form a cycle, so every pass reads at least one sheet.
      if (left.size === deferred.size) {
        throw new Error(`register import: no deferred sheet became ready (${[...left.keys()].join(', ')})`);
      }
      deferred = left;
    }
    if (this.seen.size > 0 && this.sheets.every((s) => s.rows === 0) && this.issues.count === 0) {
      this.issues.add({
        sheet: '',
        row: 0,
        code: 'IMPORT_EMPTY',
        message: { zh: '文件中没有数据行，只有表头', en: 'the file has headers but no data rows' },
      });
    }
    if (this.seen.size === 0) {
      const names = REGISTER_SHEETS.map((s) => s.name.zh).join('、');
      this.issues.add({
        sheet: '',
        row: 0,
        code: 'IMPORT_NO_SHEET',
        message:
          this.book.format === 'csv'
            ? {
                zh: `CSV 文件前 ${HEADER_SEARCH_ROWS} 行中没有任何名册的表头（如党员表：党员编号、姓名、类别、所在支部）`,
                en: `no register's header row in the first ${HEADER_SEARCH_ROWS} lines of the CSV (members: 党员编号, 姓名, 类别, 所在支部)`,
              }
            : {
                zh: `文件中没有可导入的工作表（应命名为：${names}）；现有：${this.skipped.join('、') || '无'}`,
                en: `the file has no sheet to import (name them ${REGISTER_SHEETS.map((s) => s.name.en).join(', ')}); found: ${this.skipped.join(', ') || 'none'}`,
              },
      });
    }
  }

  /**
   * The register of a sheet: by its name, or for a CSV (one sheet, named after the file) by the
   * headers of its first rows, which are read ahead and handed on with the rest.
   */
  private async resolve(sheet: BookSheet): Promise<{ spec: SheetSpec; sheet: BookSheet } | undefined> {
    let spec = sheetSpecByName(sheet.name);
    let readAhead = sheet;
    if (spec === undefined && this.book.format === 'csv') {
      const iterator = sheet.rows()[Symbol.asyncIterator]();
      const ahead: BookRow[] = [];
      let best = 0;
      for (let i = 0; i < HEADER_SEARCH_ROWS && spec === undefined; i++) {
        const next = await iterator.next();
        if (next.done) break;
        ahead.push(next.value);
        for (const candidate of REGISTER_SHEETS) {
          const n = recognisedHeaders(candidate, next.value.cells);
          if (n >= 2 && n > best) {
            best = n;
            spec = candidate;
          }
        }
      }
      readAhead = {
        name: sheet.name,
        async *rows() {
          yield* ahead;
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
        },
      };
    }
    if (spec === undefined) {
      this.skipped.push(sheet.name);
      return undefined;
    }
    const first = this.seen.get(spec.kind);
    if (first !== undefined) {
      this.issues.add({
        sheet: sheet.name,
        row: 0,
        code: 'IMPORT_DUPLICATE_SHEET',
        message: {
          zh: `工作表“${sheet.name}”与“${first}”都是${spec.name.zh}表，请合并为一张`,
          en: `sheets "${sheet.name}" and "${first}" are both the ${spec.name.en} register; merge them`,
        },
      });
      return undefined;
    }
    this.seen.set(spec.kind, sheet.name);
    return { spec, sheet: readAhead };
  }

  /** Reads one register's sheet, its prerequisites read already. */
  private async readSheet(spec: SheetSpec, sheet: BookSheet): Promise<void> {
    switch (spec.kind) {
      case 'organisations':
        return this.readOrganisations(sheet);
      case 'members':
        return this.readMembers(sheet);
      default:
        return unreachable(spec.kind);
    }
  }

  /** Finds the header row among the first rows, then hands every later row on. */
  private async *dataRows<K extends string>(
    sheet: BookSheet,
    spec: SheetSpec<K>,
  ): AsyncGenerator<{ map: HeaderMap<K>; row: BookRow }, HeaderMap<K> | undefined> {
    let map: HeaderMap<K> | undefined;
    let headerFailed = false;
    for await (const row of sheet.rows()) {
      if (map === undefined && !headerFailed) {
        if (recognisedHeaders(spec, row.cells) >= 2) {
          const header = readHeaderRow(spec, sheet.name, row.row, row.cells);
          this.issues.add(...header.issues);
          if (header.issues.length > 0) headerFailed = true;
          else map = header.map;
        } else if (row.row >= HEADER_SEARCH_ROWS) {
          headerFailed = true;
          this.issues.add({
            sheet: sheet.name,
            row: 0,
            code: 'IMPORT_NO_HEADER',
            message: {
              zh: `前 ${HEADER_SEARCH_ROWS} 行中没有找到表头（如：${spec.columns
                .filter((c) => c.required)
                .map((c) => c.header.zh)
                .join('、')}）`,
              en: `no header row in the first ${HEADER_SEARCH_ROWS} rows (such as ${spec.columns
                .filter((c) => c.required)
                .map((c) => c.header.en)
                .join(', ')})`,
            },
          });
        }
        continue;
      }
      // A sheet whose header is wrong is read no further: its rows could not be placed.
      if (map === undefined) return undefined;
      yield { map, row };
    }
    if (map === undefined && !headerFailed) {
      this.issues.add({
        sheet: sheet.name,
        row: 0,
        code: 'IMPORT_NO_HEADER',
        message: { zh: '工作表没有表头行', en: 'the sheet has no header row' },
      });
    }
    return map;
  }

  private async readOrganisations(sheet: BookSheet): Promise<void> {
    const records: OrgRecord[] = [];
    const keys = new SeenKeys();
    let rows = 0;
    for await (const { map, row } of this.dataRows(sheet, ORGANISATIONS_SHEET)) {
      const read = readDataRow(ORGANISATIONS_SHEET, map, row.row, row.cells);
      if (read.row === undefined) {
        this.issues.add(...read.issues);
        continue;
      }
      rows += 1;
      const checked = checkOrgRow(read.row, map);
      const code = read.row.values.code;
      const duplicate =
        code === undefined ? undefined : keys.check(code, cellOf(ORGANISATIONS_SHEET, map, row.row, 'code'));
      this.issues.add(...read.issues, ...checked.issues, ...(duplicate ? [duplicate] : []));
      if (read.issues.length === 0 && checked.record !== undefined && duplicate === undefined) {
        records.push(checked.record);
      }
    }
    this.orgRecords = records;
    await this.settleTrees(sheet.name, rows);
  }

  /** Plans the trees (the stored ones when the file has no organisations) and writes what changed. */
  private async settleTrees(sheet: string | undefined, rows: number): Promise<void> {
    if (this.trees !== undefined) return;
    const plan = planTrees(this.session.trees, this.orgRecords ?? [], {
      removeMissing: this.options.removeMissing,
      sheet: sheet ?? ORGANISATIONS_SHEET.name.zh,
    });
    this.trees = plan;
    this.places = placesOf(plan.trees.administrative, plan.trees.party);
    if (sheet === undefined) return;
    this.issues.add(...plan.issues);
    this.sheets.push({
      sheet,
      kind: 'organisations',
      rows,
      counts: plan.counts,
      missing: plan.missing.slice(0, LISTED_MISSING),
    });
    if (this.writing && Object.keys(plan.write).length > 0) {
      await this.session.writeTrees(plan.write);
      this.treesWritten = true;
    }
  }

  private async readMembers(sheet: BookSheet): Promise<void> {
    await this.settleTrees(undefined, 0);
    const rules: MemberRowRules = { ...this.rules, places: this.places! };
    const keys = new SeenKeys();
    const counts = { ...NONE };
    let rows = 0;
    let batch: MemberRecord[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const stored = await this.session.members(batch.map((r) => r.code));
      const writes: MemberWrite[] = [];
      for (const record of batch) {
        const before = stored.get(record.code);
        const change = planMember(before && registerMemberOf(before), record, this.rules.today);
        const profileMoved = before !== undefined && before.member.profileId !== this.options.profileId;
        const kind = change.change === 'unchanged' && profileMoved ? 'updated' : change.change;
        counts[kind] += 1;
        if (kind !== 'unchanged')
          writes.push(memberWrite(kind, change.member, before, this.options.profileId));
      }
      if (this.writing) await this.session.storeMembers(writes);
      batch = [];
    };
    for await (const { map, row } of this.dataRows(sheet, MEMBERS_SHEET)) {
      const read = readDataRow(MEMBERS_SHEET, map, row.row, row.cells);
      if (read.row === undefined) {
        this.issues.add(...read.issues);
        continue;
      }
      rows += 1;
      const checked = checkMemberRow(read.row, map, rules);
      const code = read.row.values.code;
      const duplicate =
        code === undefined ? undefined : keys.check(code, cellOf(MEMBERS_SHEET, map, row.row, 'code'));
      this.issues.add(...read.issues, ...checked.issues, ...(duplicate ? [duplicate] : []));
      if (read.issues.length === 0 && checked.record !== undefined && duplicate === undefined) {
        batch.push(checked.record);
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    this.memberKeys = keys;
    this.memberSheet = { sheet: sheet.name, kind: 'members', rows, counts, missing: [] };
    this.sheets.push(this.memberSheet);
  }

  /**
   * After every sheet: stored members the file lacks are reported and, with `removeMissing`,
   * removed — unless they have point entries, which stay with their member; and no stored member
   * may be left placed at an organisation node the file removed.
   */
  async finish(): Promise<void> {
    const sheet = this.memberSheet;
    const keys = this.memberKeys;
    let removedMembers = new Set<string>();
    if (sheet !== undefined && keys !== undefined) {
      const missing = (await this.session.memberCodes()).filter((c) => !keys.has(c)).sort();
      let removed = 0;
      if (this.options.removeMissing && missing.length > 0) {
        const kept = await this.session.withPointEntries(missing);
        for (const code of kept) {
          this.issues.add({
            sheet: sheet.sheet,
            row: 0,
            column: MEMBERS_SHEET.columns[0]!.header.zh,
            code: 'IMPORT_STILL_IN_USE',
            message: {
              zh: `党员“${code}”已不在表中，但有积分记录，不能删除；请保留该行`,
              en: `member "${code}" is no longer in the file but has point entries, so cannot be removed; keep the row`,
            },
            details: { key: code },
          });
        }
        removedMembers = new Set(missing.filter((c) => !kept.has(c)));
        removed = removedMembers.size;
        if (this.writing) await this.session.removeMembers([...removedMembers]);
      }
      const index = this.sheets.indexOf(sheet);
      this.sheets[index] = {
        ...sheet,
        counts: { ...sheet.counts, missing: missing.length, removed },
        missing: missing.slice(0, LISTED_MISSING),
      };
    }
    const plan = this.trees;
    if (plan !== undefined && this.options.removeMissing && plan.missing.length > 0) {
      const placed = await this.session.placedAt(plan.missing);
      for (const { code, node } of placed) {
        if (keys?.has(code) || removedMembers.has(code)) continue;
        this.issues.add({
          sheet: this.seen.get('organisations') ?? ORGANISATIONS_SHEET.name.zh,
          row: 0,
          code: 'IMPORT_STILL_IN_USE',
          message: {
            zh: `组织“${node}”已不在表中，但党员“${code}”仍属于它，不能删除`,
            en: `organisation "${node}" is no longer in the file but member "${code}" still belongs to it, so it cannot be removed`,
          },
          details: { key: node, member: code },
        });
      }
    }
  }
}

/** A stored member as the register compares them. */
function registerMemberOf(stored: RegisteredMember): RegisterMember {
  const m = stored.member;
  return {
    code: m.code,
    name: m.name,
    branch: m.branch,
    ...(m.community === undefined ? {} : { community: m.community }),
    ...(m.grid === undefined ? {} : { grid: m.grid }),
    ...(stored.placement === undefined ? {} : { street: stored.placement.streetCode }),
    ...(m.workUnit === undefined ? {} : { workUnit: m.workUnit }),
    ...(m.mobile === undefined ? {} : { mobile: m.mobile }),
    ...(m.residentId === undefined ? {} : { residentId: m.residentId }),
    categories: m.categories,
    ...(m.dualRegistrations === undefined ? {} : { dualRegistrations: m.dualRegistrations }),
  };
}

/** What to store of a member: the record, and their placement, kept in its building while in the same grid. */
function memberWrite(
  change: MemberWrite['change'],
  member: RegisterMember,
  before: RegisteredMember | undefined,
  profileId: string,
): MemberWrite {
  const previous: GridPlacement | undefined = before?.placement;
  const gridCode = member.grid ?? null;
  return {
    change,
    member: {
      code: member.code,
      name: member.name,
      branch: member.branch,
      ...(member.community === undefined ? {} : { community: member.community }),
      ...(member.grid === undefined ? {} : { grid: member.grid }),
      ...(member.workUnit === undefined ? {} : { workUnit: member.workUnit }),
      ...(member.mobile === undefined ? {} : { mobile: member.mobile }),
      ...(member.residentId === undefined ? {} : { residentId: member.residentId }),
      categories: member.categories,
      ...(member.dualRegistrations === undefined ? {} : { dualRegistrations: member.dualRegistrations }),
      profileId,
    },
    placement:
      member.street === undefined
        ? null
        : {
            streetCode: member.street,
            communityCode: member.community ?? null,
            gridCode,
            buildingId: previous !== undefined && previous.gridCode === gridCode ? previous.buildingId : null,
          },
  };
}
