import {
  checkOrgRow,
  ORGANISATIONS_SHEET,
  type OrgRecord,
  type Places,
  placesOf,
  planTrees,
  REGISTER_SHEETS,
  ReadingOrder,
  readHeaderRow,
  recognisedHeaders,
  type SeenKeys,
  type SheetKind,
  type SheetSpec,
  sheetSpecByName,
  type TreePlan,
  unreachable,
} from '@jiceng/domain';
import type { RegisterImportSession } from '@jiceng/persistence';
import { readBuildings, readTeams, readWorkers } from './grid-register.js';
import { readGroups } from './group-register.js';
import { readMembers } from './member-register.js';
import { settleMissing } from './missing-rows.js';
import {
  HEADER_SEARCH_ROWS,
  type IssueList,
  LISTED_MISSING,
  type ReadRegister,
  type RegisterRun,
  type RunOptions,
  readRegister,
  type SheetReport,
} from './register-rows.js';
import { Spools } from './spools.js';
import { readUnitMembers, readUnits } from './unit-register.js';
import type { Book, BookRow, BookSheet } from './workbook.js';

/** One import's passes over the file, inside its transaction: the state every register's reader shares. */
export class ImportRun implements RegisterRun {
  readonly skipped: string[] = [];
  treesWritten = false;
  readonly read = new Map<SheetKind, ReadRegister>();
  readonly buildings = new Map<string, { readonly community: string; readonly grid: string | null }>();
  readonly workers = new Map<string, { readonly homeCommunity: string }>();
  readonly gridsPerWorker = new Map<string, number>();
  readonly memberBranches = new Map<string, string>();
  readonly units = new Map<string, { readonly branch: string }>();
  private readonly seen = new Map<SheetKind, string>();
  private orgRecords: OrgRecord[] | undefined;
  private trees: TreePlan | undefined;
  private indexed: Places | undefined;

  constructor(
    readonly session: RegisterImportSession,
    private readonly book: Book,
    readonly rules: RegisterRun['rules'],
    readonly issues: IssueList,
    readonly options: RunOptions,
  ) {}

  get writing(): boolean {
    return !this.options.dryRun && this.issues.count === 0;
  }

  /** The sheets read, in the order they were read. */
  get sheets(): SheetReport[] {
    return [...this.read.values()].map((r) => r.report);
  }

  async places(): Promise<Places> {
    await this.settleTrees();
    return this.indexed!;
  }

  /**
   * Reads the file, each register after those it needs (organisations before members), whatever
   * the order of the sheets. The one pass over the file reads every sheet whose prerequisites are
   * read already (or, for a CSV of one register, cannot be in the file) and spools the others'
   * rows to a temporary file; once it is over, the registers of the file are known for sure, and
   * further passes over the spooled sheets read them as their prerequisites are done, until none
   * remain. Nothing depends on when the streaming reader learns the names of the sheets, and the
   * workbook is parsed once.
   */
  async readAll(): Promise<void> {
    const order = ReadingOrder.ofRegisters();
    const spools = new Spools();
    try {
      let deferred: { spec: SheetSpec; needs: readonly SheetKind[]; sheet: BookSheet }[] = [];
      for await (const found of this.book.sheets()) {
        const resolved = await this.resolve(found);
        if (resolved === undefined) continue;
        const { spec, sheet, needs } = resolved;
        // A CSV is one register: nothing else can come.
        if (this.book.format === 'csv') order.presentAre([spec.kind]);
        if (order.readyFor(needs)) {
          await this.readSheet(spec, sheet);
          order.markRead(spec.kind);
        } else {
          deferred.push({ spec, needs, sheet: await spools.keep(sheet) });
        }
      }
      order.presentAre(this.seen.keys());
      while (deferred.length > 0) {
        const left: typeof deferred = [];
        for (const d of deferred) {
          if (!order.readyFor(d.needs)) {
            left.push(d);
            continue;
          }
          await this.readSheet(d.spec, d.sheet);
          order.markRead(d.spec.kind);
        }
        // Prerequisites never form a cycle, so every pass reads at least one sheet.
        if (left.length === deferred.length) {
          throw new Error(
            `register import: no deferred sheet became ready (${left.map((d) => d.sheet.name).join(', ')})`,
          );
        }
        deferred = left;
      }
    } finally {
      await spools.remove();
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
  private async resolve(
    sheet: BookSheet,
  ): Promise<{ spec: SheetSpec; sheet: BookSheet; needs: readonly SheetKind[] } | undefined> {
    let spec = sheetSpecByName(sheet.name);
    const candidates = spec !== undefined ? [spec] : this.book.format === 'csv' ? REGISTER_SHEETS : [];
    // The first rows are read ahead, to the header row: it says the register of a CSV, and which
    // optional prerequisites a sheet has (a members sheet needs buildings only with a 楼栋 column).
    const iterator = sheet.rows()[Symbol.asyncIterator]();
    const ahead: BookRow[] = [];
    let header: BookRow | undefined;
    let best = 0;
    for (let i = 0; i < HEADER_SEARCH_ROWS && candidates.length > 0 && header === undefined; i++) {
      const next = await iterator.next();
      if (next.done) break;
      ahead.push(next.value);
      for (const candidate of candidates) {
        const n = recognisedHeaders(candidate, next.value.cells);
        if (n >= 2 && n > best) {
          best = n;
          spec = candidate;
          header = next.value;
        }
      }
    }
    const readAhead: BookSheet = {
      name: sheet.name,
      async *rows() {
        yield* ahead;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      },
    };
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
    const columns =
      header === undefined
        ? new Set<string>()
        : new Set<string>(readHeaderRow(spec, sheet.name, header.row, header.cells).map.indexOf.keys());
    const optional = Object.entries(spec.requiresIf ?? {}).flatMap(([column, kind]) =>
      columns.has(column) ? [kind as SheetKind] : [],
    );
    return { spec, sheet: readAhead, needs: [...spec.requires, ...optional] };
  }

  /** Reads one register's sheet, its prerequisites read already. */
  private async readSheet(spec: SheetSpec, sheet: BookSheet): Promise<void> {
    switch (spec.kind) {
      case 'organisations':
        return this.readOrganisations(sheet);
      case 'buildings':
        return readBuildings(this, sheet);
      case 'members':
        return readMembers(this, sheet);
      case 'workers':
        return readWorkers(this, sheet);
      case 'teams':
        return readTeams(this, sheet);
      case 'units':
        return readUnits(this, sheet);
      case 'unitMembers':
        return readUnitMembers(this, sheet);
      case 'groups':
        return readGroups(this, sheet);
      default:
        return unreachable(spec.kind);
    }
  }

  private async readOrganisations(sheet: BookSheet): Promise<void> {
    const records: OrgRecord[] = [];
    const { rows, keys } = await readRegister(
      this.issues,
      sheet,
      ORGANISATIONS_SHEET,
      (row, map) => checkOrgRow(row, map),
      async (batch) => {
        records.push(...batch);
      },
    );
    this.orgRecords = records;
    await this.settleTrees({ name: sheet.name, rows, keys });
  }

  /** After every sheet: stored rows the file lacks, reported and (with `removeMissing`) removed. */
  async finish(): Promise<void> {
    const sheet = this.seen.get('organisations');
    await settleMissing(
      this,
      sheet === undefined || this.trees === undefined ? undefined : { sheet, missing: this.trees.missing },
    );
  }

  /** Plans the trees (the stored ones when the file has no organisations) and writes what changed. */
  private async settleTrees(sheet?: { name: string; rows: number; keys: SeenKeys }): Promise<void> {
    if (this.trees !== undefined) return;
    const plan = planTrees(this.session.trees, this.orgRecords ?? [], {
      removeMissing: this.options.removeMissing,
      sheet: sheet?.name ?? ORGANISATIONS_SHEET.name.zh,
    });
    this.trees = plan;
    this.indexed = placesOf(plan.trees.administrative, plan.trees.party);
    if (sheet === undefined) return;
    this.issues.add(...plan.issues);
    this.read.set('organisations', {
      report: {
        sheet: sheet.name,
        kind: 'organisations',
        rows: sheet.rows,
        counts: plan.counts,
        missing: plan.missing.slice(0, LISTED_MISSING),
      },
      keys: sheet.keys,
    });
    if (this.writing && Object.keys(plan.write).length > 0) {
      await this.session.writeTrees(plan.write);
      this.treesWritten = true;
    }
  }
}
