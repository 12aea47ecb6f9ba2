import type { LocalizedText } from '../shared/errors.js';

/**
 * Why a register import 名册导入 refused a file, a sheet, a row or a cell. Public contract (the
 * gateway passes them on as they are). A cell may also carry a code of the rule that checks its
 * field elsewhere in the domain: `RESIDENT_ID_*`, `MOBILE_FORMAT`, `TEXT_*`, `ORG_*`.
 */
export type ImportIssueCode =
  /** The file is neither a workbook (a zip of sheets) nor a CSV the reader understands. */
  | 'IMPORT_UNREADABLE'
  /** The file holds no data rows at all. */
  | 'IMPORT_EMPTY'
  /** No sheet the import knows (党员, 组织…) was found. */
  | 'IMPORT_NO_SHEET'
  /** Two sheets of the file are the same register. */
  | 'IMPORT_DUPLICATE_SHEET'
  /** No row of the first few looks like a header row. */
  | 'IMPORT_NO_HEADER'
  /** A column header the sheet does not know. */
  | 'IMPORT_UNKNOWN_HEADER'
  /** A column the sheet needs is missing. */
  | 'IMPORT_MISSING_COLUMN'
  /** Two columns of one sheet mean the same field. */
  | 'IMPORT_DUPLICATE_COLUMN'
  /** A required cell is blank. */
  | 'IMPORT_REQUIRED'
  /** A formula, or text that a spreadsheet would run as one (`=…`, `@…`, `+cmd…`). */
  | 'IMPORT_FORMULA'
  /** A cell the spreadsheet shows as an error (`#N/A`, `#REF!`). */
  | 'IMPORT_CELL_ERROR'
  /** A number where text was needed and the number cannot stand for it (an 18-digit ID stored as a number). */
  | 'IMPORT_NUMBER_NOT_TEXT'
  /** A value that is not one of the column's choices (a category, a level, a tree). */
  | 'IMPORT_UNKNOWN_VALUE'
  /** A date that is not a real `YYYY-MM-DD` day. */
  | 'IMPORT_INVALID_DATE'
  /** The same natural key (member code, org code) twice in the file. */
  | 'IMPORT_DUPLICATE_KEY'
  /** A reference to an organisation node that is not in the tree (after this file's changes). */
  | 'IMPORT_UNKNOWN_NODE'
  /** A name that several nodes carry, where a code would be unambiguous. */
  | 'IMPORT_AMBIGUOUS_NAME'
  /** A reference to a node of the wrong level (a branch that is a grid). */
  | 'IMPORT_WRONG_LEVEL'
  /** Grid and community of a member do not agree. */
  | 'IMPORT_GRID_OUTSIDE_COMMUNITY'
  /** A row that would be removed still has a history that must stay (point entries, members under a node). */
  | 'IMPORT_STILL_IN_USE'
  /** A reference to a building, grid worker or member that neither the file nor the store has. */
  | 'IMPORT_UNKNOWN_KEY'
  /** A cell that must be a number (households, an address order, a coordinate) is not one, or is out of range. */
  | 'IMPORT_INVALID_NUMBER'
  /** Longitude without latitude or the other way round. */
  | 'IMPORT_HALF_COORDINATES'
  /** A building, worker or member placed in a community other than the one its grid or building is in. */
  | 'IMPORT_WRONG_COMMUNITY'
  /** An in-service member registered with a stationed unit whose party organisation is not their branch. */
  | 'IMPORT_WRONG_BRANCH'
  /** A grid worker in more grids' teams than the rule profile allows. */
  | 'IMPORT_TOO_MANY_GRIDS'
  /** A category change cannot be dated after the member's last one. */
  | 'IMPORT_CATEGORY_DATE'
  /** More problems than are listed; the count is in `details`. */
  | 'IMPORT_TOO_MANY_ISSUES';

/**
 * One problem of an import, where county staff look for it: the sheet as named in the file, the
 * row as the spreadsheet numbers it (from 1; 0 for the whole sheet or file), the column as its
 * header reads, and the cell (`F12`) when there is one.
 */
export interface ImportIssue {
  readonly sheet: string;
  readonly row: number;
  readonly column?: string;
  /** The cell address, `F12`, when the problem is one cell's. */
  readonly cell?: string;
  readonly code: ImportIssueCode | (string & {});
  readonly message: LocalizedText;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** `0` → `A`, `27` → `AB`: the spreadsheet's column letters of a 0-based column index. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The 0-based column index of a cell address's letters: `F12` → 5.
 *
 * @example
 * columnIndexOf('AB3') // 27
 */
export function columnIndexOf(cell: string): number {
  const letters = /^[A-Z]+/.exec(cell)?.[0] ?? '';
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}
