import type { Readable } from 'node:stream';
import type { CellValue, LocalDate, LocalizedText } from '@jiceng/domain';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';

/** One row of a sheet as read: its number as the spreadsheet shows it and its cells, column A first. */
export interface XlsxRow {
  readonly row: number;
  readonly cells: readonly CellValue[];
}

/** A worksheet of the workbook, in tab order; its rows are parsed as they are read. */
export interface XlsxSheet {
  readonly name: string;
  rows(): AsyncIterable<XlsxRow>;
}

/** What cannot be read as a workbook: the zip, or a part the sheets need. */
export class XlsxError extends Error {
  override readonly name = 'XlsxError';
  constructor(readonly text: LocalizedText) {
    super(text.en);
  }
}

/**
 * The most text the shared strings of one workbook may hold once unpacked. They are kept in memory
 * for the whole read, so a zip that unpacks a few megabytes into gigabytes is refused here.
 */
export const SHARED_STRINGS_LIMIT_BYTES = 512 * 1024 * 1024;

/**
 * Opens an `.xlsx` file from its zip central directory (yauzl, random access on the file): the
 * workbook part, its relationships, the shared strings and the styles are read first, wherever
 * the writer put them in the zip, and each worksheet's XML is then streamed and parsed row by row
 * (saxes). Nothing depends on the order of the zip's entries or on how fast the caller reads —
 * exceljs's streaming reader (4.4.0) takes the entries in the order it meets them and, on a busy
 * machine, could lose the workbook part and shared strings of a workbook with many sheets.
 *
 * Cells come out as the domain's: text (shared, inline or a formula-free `str`), numbers,
 * booleans, dates for numbers in a date format (1900 or 1904 system), `{ kind: 'formula' }` for a
 * cell with a formula and `{ kind: 'error' }` for an error value.
 *
 * @example
 * for await (const sheet of xlsxSheets('/tmp/县名册.xlsx')) for await (const { row, cells } of sheet.rows()) …
 */
export async function* xlsxSheets(path: string): AsyncGenerator<XlsxSheet> {
  const zip = await openZip(path);
  try {
    const entries = await entriesOf(zip);
    const part = (name: string) => entries.get(name.replace(/^\/+/, ''));
    const text = async (name: string) => {
      const entry = part(name);
      return entry === undefined ? undefined : readAll(await streamOf(zip, entry));
    };
    const rootRels = await text('_rels/.rels');
    const bookPath =
      (rootRels === undefined ? [] : relationships(rootRels, '')).find((r) =>
        r.type.endsWith('/officeDocument'),
      )?.target ?? 'xl/workbook.xml';
    const bookXml = await text(bookPath);
    if (bookXml === undefined) throw new XlsxError(missingPart(bookPath));
    const base = bookPath.includes('/') ? bookPath.slice(0, bookPath.lastIndexOf('/') + 1) : '';
    const relsXml = await text(`${base}_rels/${bookPath.slice(base.length)}.rels`);
    const rels = relsXml === undefined ? [] : relationships(relsXml, base);
    const book = workbookOf(bookXml);
    const sharedPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
    const sharedEntry = sharedPath === undefined ? undefined : part(sharedPath);
    if (sharedEntry !== undefined && sharedEntry.uncompressedSize > SHARED_STRINGS_LIMIT_BYTES) {
      throw new XlsxError({
        zh: `工作簿的共享字符串解压后超过 ${SHARED_STRINGS_LIMIT_BYTES / 1024 / 1024} MB，无法读取`,
        en: `the workbook's shared strings unpack to more than ${SHARED_STRINGS_LIMIT_BYTES / 1024 / 1024} MB`,
      });
    }
    const shared = sharedEntry === undefined ? [] : await sharedStringsOf(await streamOf(zip, sharedEntry));
    const stylesPath = rels.find((r) => r.type.endsWith('/styles'))?.target;
    const stylesXml = stylesPath === undefined ? undefined : await text(stylesPath);
    const dateStyles = stylesXml === undefined ? new Set<number>() : dateStylesOf(stylesXml);
    const context: SheetContext = { shared, dateStyles, date1904: book.date1904 };
    for (const sheet of book.sheets) {
      const rel = rels.find((r) => r.id === sheet.rel);
      if (rel === undefined || !rel.type.endsWith('/worksheet')) continue;
      const entry = part(rel.target);
      if (entry === undefined) throw new XlsxError(missingPart(rel.target));
      yield {
        name: sheet.name,
        rows: () => sheetRows(() => streamOf(zip, entry), context),
      };
    }
  } finally {
    zip.close();
  }
}

const missingPart = (name: string): LocalizedText => ({
  zh: `工作簿缺少部件 ${name}，文件可能已损坏`,
  en: `the workbook has no part ${name}; the file may be damaged`,
});

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) => {
      if (error) reject(new XlsxError(notAZip(error)));
      else resolve(zip);
    });
  });
}

const notAZip = (error: Error): LocalizedText => ({
  zh: `文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或是其他格式（${error.message}）`,
  en: `the file is not a valid Excel workbook (.xlsx); it may be damaged or of another format (${error.message})`,
});

/** Every entry of the central directory, by its name. */
function entriesOf(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(new XlsxError(notAZip(error))));
    zip.readEntry();
  });
}

function streamOf(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) reject(new XlsxError(notAZip(error)));
      else resolve(stream);
    });
  });
}

async function* textOf(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) yield decoder.decode(chunk as Buffer, { stream: true });
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw new XlsxError(notAZip(error as Error));
  }
  yield decoder.decode();
}

async function readAll(stream: Readable): Promise<string> {
  let all = '';
  for await (const text of textOf(stream)) all += text;
  return all;
}

/** The local name of an element or attribute: `x:row` and `row` are the same to a reader of parts. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Runs the parser over the whole text, calling `open`/`close`/`text` for each event. */
function parseXml(
  xml: string,
  on: { open(tag: SaxesTagPlain): void; close?(name: string): void; text?(text: string): void },
): void {
  const parser = new SaxesParser();
  wire(parser, on);
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new XlsxError(badXml(error as Error));
  }
}

function wire(
  parser: SaxesParser,
  on: { open(tag: SaxesTagPlain): void; close?(name: string): void; text?(text: string): void },
): void {
  parser.on('opentag', (tag) => on.open(tag));
  if (on.close) {
    const close = on.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (on.text) {
    const text = on.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
}

const badXml = (error: Error): LocalizedText => ({
  zh: `工作簿内容无法解析，文件可能已损坏（${error.message}）`,
  en: `the workbook's content cannot be parsed; the file may be damaged (${error.message})`,
});

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

/** The relationships of a part, targets resolved against the part's folder `base` (`xl/`). */
function relationships(xml: string, base: string): Relationship[] {
  const found: Relationship[] = [];
  parseXml(xml, {
    open(tag) {
      if (local(tag.name) !== 'Relationship') return;
      const a = tag.attributes as Record<string, string>;
      if (a['TargetMode'] === 'External' || a['Target'] === undefined) return;
      found.push({ id: a['Id'] ?? '', type: a['Type'] ?? '', target: resolve(base, a['Target']) });
    },
  });
  return found;
}

/** `worksheets/sheet1.xml` from `xl/` is `xl/worksheets/sheet1.xml`; `/xl/…` is from the root. */
function resolve(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function workbookOf(xml: string): { sheets: { name: string; rel: string }[]; date1904: boolean } {
  const sheets: { name: string; rel: string }[] = [];
  let date1904 = false;
  parseXml(xml, {
    open(tag) {
      const a = tag.attributes as Record<string, string>;
      const name = local(tag.name);
      if (name === 'workbookPr') date1904 = a['date1904'] === '1' || a['date1904'] === 'true';
      if (name !== 'sheet') return;
      const rel = Object.entries(a).find(([k]) => k !== 'id' && local(k) === 'id')?.[1];
      if (a['name'] !== undefined && rel !== undefined) sheets.push({ name: a['name'], rel });
    },
  });
  return { sheets, date1904 };
}

/**
 * The shared strings, streamed: each `si` is the text of its `t` elements, rich-text runs joined,
 * the phonetic guide (`rPh`) left out.
 */
async function sharedStringsOf(stream: Readable): Promise<string[]> {
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  const parser = new SaxesParser();
  wire(parser, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inText = !tag.isSelfClosing;
    },
    close(name) {
      if (name === 'si') {
        strings.push(current ?? '');
        current = undefined;
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText && current !== undefined) current += text;
    },
  });
  try {
    for await (const text of textOf(stream)) parser.write(text);
    parser.close();
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw new XlsxError(badXml(error as Error));
  }
  return strings;
}

/** Built-in number formats (ECMA-376 §18.8.30 and the East Asian ones) that show a date or time. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a format code shows a date: a date or time letter outside quoted text, `[…]` and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  if (/general/i.test(bare)) return false;
  return /[ymdhs年月日时分秒]/i.test(bare);
}

/** The indexes of the cell formats (`cellXfs`) whose number format shows a date. */
function dateStylesOf(xml: string): Set<number> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  parseXml(xml, {
    open(tag) {
      const a = tag.attributes as Record<string, string>;
      const name = local(tag.name);
      if (name === 'numFmt') custom.set(Number(a['numFmtId']), a['formatCode'] ?? '');
      else if (name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
      else if (name === 'xf' && inCellXfs) formats.push(Number(a['numFmtId'] ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  formats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id)) dates.add(index);
  });
  return dates;
}

interface SheetContext {
  readonly shared: readonly string[];
  readonly dateStyles: ReadonlySet<number>;
  readonly date1904: boolean;
}

/** `AB12` → 28 (column A is 1); undefined when the reference has no letters. */
function columnOf(ref: string): number | undefined {
  let column = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else break;
  }
  return column === 0 ? undefined : column;
}

/** The rows of one worksheet, parsed from its XML as it is unpacked, a chunk at a time. */
async function* sheetRows(open: () => Promise<Readable>, context: SheetContext): AsyncGenerator<XlsxRow> {
  const done: XlsxRow[] = [];
  let rowNumber = 0;
  let cells: CellValue[] | undefined;
  let column = 0;
  let cell: { type: string; style: number; formula: boolean; value: string; inline: string } | undefined;
  // Which text is being collected: the value `v`, a formula `f` (ignored) or inline text `is/t`.
  let into: 'v' | 'inline' | undefined;
  let phonetic = 0;
  const parser = new SaxesParser();
  wire(parser, {
    open(tag) {
      const a = tag.attributes as Record<string, string>;
      switch (local(tag.name)) {
        case 'row': {
          const r = Number(a['r']);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          column = 0;
          if (tag.isSelfClosing) {
            done.push({ row: rowNumber, cells });
            cells = undefined;
          }
          break;
        }
        case 'c': {
          const ref = a['r'];
          column = (ref === undefined ? undefined : columnOf(ref)) ?? column + 1;
          cell = { type: a['t'] ?? 'n', style: Number(a['s'] ?? 0), formula: false, value: '', inline: '' };
          if (tag.isSelfClosing) closeCell();
          break;
        }
        case 'f':
          if (cell) cell.formula = true;
          break;
        case 'v':
          into = tag.isSelfClosing ? undefined : 'v';
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 't':
          if (cell && phonetic === 0 && !tag.isSelfClosing) into = 'inline';
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'row':
          if (cells !== undefined) done.push({ row: rowNumber, cells });
          cells = undefined;
          break;
        case 'c':
          closeCell();
          break;
        case 'v':
        case 't':
          into = undefined;
          break;
        case 'rPh':
          phonetic -= 1;
          break;
      }
    },
    text(text) {
      if (cell === undefined || into === undefined) return;
      if (into === 'v') cell.value += text;
      else cell.inline += text;
    },
  });
  function closeCell() {
    if (cell === undefined || cells === undefined) return;
    const value = cellValueOf(cell, context);
    if (value !== undefined) {
      while (cells.length < column - 1) cells.push(undefined);
      cells[column - 1] = value;
    }
    cell = undefined;
    into = undefined;
  }
  try {
    for await (const text of textOf(await open())) {
      parser.write(text);
      while (done.length > 0) yield done.shift()!;
    }
    parser.close();
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw new XlsxError(badXml(error as Error));
  }
  while (done.length > 0) yield done.shift()!;
}

function cellValueOf(
  cell: { type: string; style: number; formula: boolean; value: string; inline: string },
  context: SheetContext,
): CellValue {
  if (cell.formula) return { kind: 'formula' };
  switch (cell.type) {
    case 's': {
      if (cell.value === '') return undefined;
      const text = context.shared[Number(cell.value)];
      return text ?? { kind: 'error', text: '#REF' };
    }
    case 'inlineStr':
      return cell.inline === '' ? undefined : cell.inline;
    case 'str':
      return cell.value === '' ? undefined : cell.value;
    case 'b':
      return cell.value === '' ? undefined : cell.value === '1' || cell.value === 'true';
    case 'e':
      return { kind: 'error', text: cell.value };
    case 'd':
      return cell.value === '' ? undefined : dateCell(new Date(cell.value));
    default: {
      if (cell.value === '') return undefined;
      const n = Number(cell.value);
      if (Number.isNaN(n)) return { kind: 'error', text: cell.value };
      if (!context.dateStyles.has(cell.style)) return n;
      const days = n - 25569 + (context.date1904 ? 1462 : 0);
      return dateCell(new Date(Math.round(days * 86_400_000)));
    }
  }
}

function dateCell(date: Date): CellValue {
  return Number.isNaN(date.getTime())
    ? { kind: 'error', text: '#DATE' }
    : { kind: 'date', date: date.toISOString().slice(0, 10) as LocalDate };
}
