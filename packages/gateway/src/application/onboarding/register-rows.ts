import {
  cellOf,
  type GridRules,
  type HeaderMap,
  type ImportIssue,
  type MemberRowRules,
  type Places,
  readDataRow,
  readHeaderRow,
  recognisedHeaders,
  SeenKeys,
  type SheetCounts,
  type SheetKind,
  type SheetRow,
  type SheetSpec,
} from '@jiceng/domain';
import type { RegisterImportSession } from '@jiceng/persistence';
import type { BookRow, BookSheet } from './workbook.js';

/**
 * What every register of an import shares as it is read: the issue list, the run's options and
 * state, the header search and the batched reading of one sheet's rows by natural key.
 */

/** Issues listed in a report; the rest are counted. */
export const MAX_ISSUES = 1000;
/** Rows compared and written per batch: one query per table to read them, one insert per table to write. */
export const BATCH = 1000;
/** How many leading rows may stand above the header row (a title, a date line). */
export const HEADER_SEARCH_ROWS = 10;
export const LISTED_MISSING = 100;
export const NONE: SheetCounts = { added: 0, updated: 0, unchanged: 0, missing: 0, removed: 0 };

/** The issues of an import: the first {@link MAX_ISSUES} kept, all counted. */
export class IssueList {
  readonly listed: ImportIssue[] = [];
  count = 0;

  add(...found: readonly ImportIssue[]): void {
    for (const i of found) {
      this.count += 1;
      if (this.listed.length < MAX_ISSUES) this.listed.push(i);
    }
  }
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

export interface RunOptions {
  readonly dryRun: boolean;
  readonly removeMissing: boolean;
  readonly profileId: string;
}

/** A register read from the file: its report and the natural keys its rows had. */
export interface ReadRegister {
  report: SheetReport;
  readonly keys: SeenKeys;
}

/** The state of one import that every register's reader uses. */
export interface RegisterRun {
  readonly session: RegisterImportSession;
  readonly issues: IssueList;
  readonly options: RunOptions;
  readonly rules: Omit<MemberRowRules, 'places'> & { readonly grid: Pick<GridRules, 'maxGridsPerWorker'> };
  /** Writes are made only while the file is clean and it is no dry run; else only compared. */
  readonly writing: boolean;
  /** The trees after this file's organisations (the stored ones when it has none), indexed. */
  places(): Promise<Places>;
  /** Registers read so far. */
  readonly read: Map<SheetKind, ReadRegister>;
  /** The file's buildings, for members' building cells. */
  readonly buildings: Map<string, { readonly community: string; readonly grid: string | null }>;
  /** The file's grid workers, for the teams' worker cells. */
  readonly workers: Map<string, { readonly homeCommunity: string }>;
  /** Grids the file's teams gave each worker so far. */
  readonly gridsPerWorker: Map<string, number>;
  /** The file's members' branches, for the registered members' unit check. */
  readonly memberBranches: Map<string, string>;
  /** The file's stationed units, for the registered members' unit cells. */
  readonly units: Map<string, { readonly branch: string }>;
}

/**
 * Whether the file manages a register: it has that sheet with at least one data row. A sheet
 * left blank (a template's) manages nothing, so `removeMissing` never empties a register by it.
 */
export function manages(run: RegisterRun, kind: SheetKind): boolean {
  return (run.read.get(kind)?.report.rows ?? 0) > 0;
}

/**
 * Whether stored rows of `kind` outlive the import: not when the file manages that register and
 * the import removes what the file lacks.
 */
export function storedSurvive(run: RegisterRun, kind: SheetKind): boolean {
  return !(run.options.removeMissing && manages(run, kind));
}

/** Finds the header row among the first rows, then hands every later row on. */
export async function* dataRows<K extends string>(
  issues: IssueList,
  sheet: BookSheet,
  spec: SheetSpec<K>,
): AsyncGenerator<{ map: HeaderMap<K>; row: BookRow }, HeaderMap<K> | undefined> {
  let map: HeaderMap<K> | undefined;
  let headerFailed = false;
  for await (const row of sheet.rows()) {
    if (map === undefined && !headerFailed) {
      if (recognisedHeaders(spec, row.cells) >= 2) {
        const header = readHeaderRow(spec, sheet.name, row.row, row.cells);
        issues.add(...header.issues);
        if (header.issues.length > 0) headerFailed = true;
        else map = header.map;
      } else if (row.row >= HEADER_SEARCH_ROWS) {
        headerFailed = true;
        issues.add({
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
    issues.add({
      sheet: sheet.name,
      row: 0,
      code: 'IMPORT_NO_HEADER',
      message: { zh: '工作表没有表头行', en: 'the sheet has no header row' },
    });
  }
  return map;
}

/**
 * Reads a register's sheet row by row: each row's cells, the row checked by `check`, its natural
 * key once only; clean records go to `flush` in batches of {@link BATCH}, with the header to place
 * later issues. Returns the rows read and the keys seen.
 */
export async function readRegister<K extends string, R>(
  issues: IssueList,
  sheet: BookSheet,
  spec: SheetSpec<K>,
  check: (
    row: SheetRow<K>,
    map: HeaderMap<K>,
  ) => { readonly record: R | undefined; readonly issues: readonly ImportIssue[] },
  flush: (batch: readonly R[], map: HeaderMap<K>) => Promise<void>,
): Promise<{ rows: number; keys: SeenKeys }> {
  const keys = new SeenKeys();
  let rows = 0;
  let batch: R[] = [];
  let header: HeaderMap<K> | undefined;
  for await (const { map, row } of dataRows(issues, sheet, spec)) {
    header = map;
    const read = readDataRow(spec, map, row.row, row.cells);
    if (read.row === undefined) {
      issues.add(...read.issues);
      continue;
    }
    rows += 1;
    const checked = check(read.row, map);
    const key = read.row.values[spec.key];
    const duplicate = key === undefined ? undefined : keys.check(key, cellOf(spec, map, row.row, spec.key));
    issues.add(...read.issues, ...checked.issues, ...(duplicate ? [duplicate] : []));
    if (read.issues.length === 0 && checked.record !== undefined && duplicate === undefined) {
      batch.push(checked.record);
      if (batch.length >= BATCH) {
        await flush(batch, map);
        batch = [];
      }
    }
  }
  if (batch.length > 0 && header !== undefined) await flush(batch, header);
  return { rows, keys };
}
