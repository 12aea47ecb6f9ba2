import type { Issue, IssuePath } from '../shared/errors.js';
import type { ImportIssue } from './issues.js';
import { type HeaderMap, readDataRow, type SheetRow, type SheetSpec } from './sheets.js';

/**
 * A register row made from named fields rather than a sheet's cells, so that a single write (the
 * gateway's write API) is checked by the very row rules an import applies — `checkMemberRow`,
 * `checkBuildingRow`, `checkWorkerRow`, `checkTeamRow` — with every cell rule of its column (text
 * limits, control characters, formula-like text, dates). One rule, both doors.
 *
 * A field given (a string) is a cell with that text; `null` is a blank cell of a column the row
 * has, which clears the field; a field left out is a column the row lacks, which keeps what is
 * stored. The issues name the field in `column`; {@link fieldIssues} turns them into input issues.
 *
 * @example
 * const { row, map } = fieldsRow(MEMBERS_SHEET, { code: 'm001', name: '张三', category: '骨干类', branch: 'P1' });
 * checkMemberRow(row, map, rules); // as if an import read that row
 */
export function fieldsRow<K extends string>(
  spec: SheetSpec<K>,
  fields: { readonly [P in K]?: string | null | undefined },
): { readonly row: SheetRow<K>; readonly map: HeaderMap<K>; readonly issues: readonly ImportIssue[] } {
  const keys = spec.columns.map((c) => c.key).filter((k) => fields[k] !== undefined);
  const map: HeaderMap<K> = {
    sheet: spec.name.en,
    row: 0,
    columns: keys.map((key, index) => ({ key, index, header: key })),
    indexOf: new Map(keys.map((key, index) => [key, index])),
  };
  const read = readDataRow(
    spec,
    map,
    1,
    keys.map((k) => fields[k] ?? null),
  );
  // Every field blank: the row still stands, so its required fields are reported as missing.
  const row: SheetRow<K> = read.row ?? {
    sheet: map.sheet,
    row: 1,
    values: {},
    present: new Set(keys),
    refused: new Set(),
  };
  return { row, map, issues: read.issues };
}

/**
 * The issues of a row made by {@link fieldsRow} as input issues: the same code and words, the
 * path the field under `path`.
 *
 * @example
 * fieldIssues(MEMBERS_SHEET, issues, ['input']) // [{ code: 'RESIDENT_ID_CHECKSUM', path: ['input', 'residentId'], … }]
 */
export function fieldIssues<K extends string>(
  spec: SheetSpec<K>,
  issues: readonly ImportIssue[],
  path: IssuePath,
): Issue[] {
  // A field the row lacks is named by its header (a required one left out): back to its key.
  const keyOf = new Map<string, string>(spec.columns.map((c) => [c.header.zh, c.key]));
  return issues.map((i) => ({
    code: i.code,
    message: i.message,
    path: i.column === undefined ? [...path] : [...path, keyOf.get(i.column) ?? i.column],
    ...(i.details === undefined ? {} : { details: i.details }),
  }));
}
