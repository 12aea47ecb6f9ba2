import { fromDayNumber, isLocalDate, type LocalDate, toDayNumber } from '../shared/dates.js';
import type { LocalizedText } from '../shared/errors.js';
import { validateText } from '../shared/text.js';
import type { ImportIssueCode } from './issues.js';

/**
 * A cell as a spreadsheet reader hands it over, before any column rule: text (rich text and
 * hyperlinks already joined to their text), a number, a boolean, a date, a formula (never
 * evaluated: its cached result is not trusted) or an error value such as `#N/A`.
 */
export type CellValue =
  | string
  | number
  | boolean
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'formula' }
  | { readonly kind: 'error'; readonly text: string }
  | null
  | undefined;

/**
 * How a column reads its cells: `text` a line of words, `code` an identifier (a whole number
 * typed into it is read as its digits), `digits` a number people type as digits but that must be
 * text (a mobile, a resident ID: past 15 digits a spreadsheet number has lost digits), `date` a day.
 */
export type CellKind = 'text' | 'code' | 'digits' | 'date';

/** A cell's problem before the field's own rule: the code and both messages. */
export interface CellProblem {
  readonly code: ImportIssueCode | (string & {});
  readonly message: LocalizedText;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The text of a cell, `undefined` when blank, or the problem that stops it being read. */
export type CellText =
  | { readonly ok: true; readonly text: string | undefined }
  | ({ readonly ok: false } & CellProblem);

/**
 * Text a spreadsheet program would run as a formula when the file is opened again (CSV injection,
 * `=cmd|' /C calc'!A0`, `@SUM(…)`, `-2+3+cmd|…`): `=` or `@` first, or `+`/`-` followed by more
 * than a phone number's digits, spaces, brackets and hyphens (`+86 138 …` is a number, not a formula).
 */
const FORMULA_LIKE = /^(?:[=@]|[+-](?![\d\s()-]*$))/;

/** 1899-12-30, day 0 of the 1900 date system spreadsheets count serial dates from. */
const SERIAL_EPOCH = toDayNumber('1899-12-30' as LocalDate);

/**
 * Reads one cell under its column's kind and length limit: trims it, refuses formulas and text
 * that looks like one, control characters, error values and over-long text, takes a whole number
 * typed into a code or digits column as its digits (but not one too long to be exact), and a date
 * column's date or serial day number as `YYYY-MM-DD`.
 *
 * @example
 * cellText('  张明 ', 'text', 50) // { ok: true, text: '张明' }
 * cellText('=cmd|\' /C calc\'!A0', 'text', 50) // { ok: false, code: 'IMPORT_FORMULA', … }
 * cellText(3.30102199001011e17, 'digits', 18) // { ok: false, code: 'IMPORT_NUMBER_NOT_TEXT', … }
 */
export function cellText(value: CellValue, kind: CellKind, max: number): CellText {
  if (value === null || value === undefined) return { ok: true, text: undefined };
  if (typeof value === 'string') return stringText(value, kind, max);
  if (typeof value === 'boolean') return stringText(value ? 'TRUE' : 'FALSE', kind, max);
  if (typeof value === 'number') return numberText(value, kind, max);
  switch (value.kind) {
    case 'date':
      return { ok: true, text: value.date };
    case 'formula':
      return {
        ok: false,
        code: 'IMPORT_FORMULA',
        message: {
          zh: '单元格是公式，请改为直接填写数值（复制后“选择性粘贴为值”）',
          en: 'the cell holds a formula; enter the value itself (copy, then paste as values)',
        },
      };
    case 'error':
      return {
        ok: false,
        code: 'IMPORT_CELL_ERROR',
        message: {
          zh: `单元格显示错误值 ${value.text}，请改正`,
          en: `the cell shows the error value ${value.text}; correct it`,
        },
        details: { value: value.text },
      };
  }
}

function stringText(raw: string, kind: CellKind, max: number): CellText {
  const text = raw.trim();
  if (text === '') return { ok: true, text: undefined };
  const checked = validateText(text, { max });
  if (!checked.ok) {
    const [first] = checked.issues;
    return { ok: false, code: first!.code, message: first!.message, details: first!.details ?? {} };
  }
  if (FORMULA_LIKE.test(text)) {
    return {
      ok: false,
      code: 'IMPORT_FORMULA',
      message: {
        zh: '内容以 =、+、-、@ 开头，表格软件会把它当作公式执行，请删去开头的符号',
        en: 'the text starts with =, +, - or @, which a spreadsheet would run as a formula; remove the leading sign',
      },
    };
  }
  if (kind === 'date') return dateText(text);
  return { ok: true, text };
}

function numberText(value: number, kind: CellKind, max: number): CellText {
  if (kind === 'date') {
    if (Number.isInteger(value) && value > 0 && value < 2_958_466) {
      return { ok: true, text: fromDayNumber(SERIAL_EPOCH + value) };
    }
    return dateText(String(value));
  }
  if (kind === 'text') return stringText(String(value), kind, max);
  // A code or digits column: a whole number is its digits, while a spreadsheet still holds all of them.
  if (Number.isSafeInteger(value) && value >= 0 && String(value).length <= 15) {
    return stringText(String(value), kind, max);
  }
  return {
    ok: false,
    code: 'IMPORT_NUMBER_NOT_TEXT',
    message: {
      zh: '单元格是数字格式，长数字已丢失末几位；请把该列设为“文本”格式后重新填写',
      en: 'the cell is a number and a long number has lost its last digits; format the column as text and enter it again',
    },
  };
}

function dateText(text: string): CellText {
  const normalised = text.replace(/[./年月]/g, '-').replace(/日$/, '');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(normalised);
  const date = m === null ? text : `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  if (isLocalDate(date)) return { ok: true, text: date };
  return {
    ok: false,
    code: 'IMPORT_INVALID_DATE',
    message: {
      zh: `“${text}”不是有效日期，请填写如 2024-03-01 的日期`,
      en: `"${text}" is not a valid date; enter a date such as 2024-03-01`,
    },
  };
}
