import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CellValue, LocalizedText } from '@jiceng/domain';
import { parse as parseCsv } from 'csv-parse';
import { XlsxError, xlsxSheets } from './xlsx-reader.js';

/**
 * The register file of an import: a name (its extension says the format) and a way to read its
 * bytes from the start, once per pass. The CLI opens a path; an upload is kept in a temporary
 * file first, so both read the same way and neither holds the file in memory.
 */
export interface ImportFile {
  readonly name: string;
  open(): Readable;
  /**
   * Where the file is on disk, when it is: a workbook is then read from its zip directory in
   * place; without it, a workbook is copied to a temporary file for each pass.
   */
  readonly path?: string;
}

/** One row of a sheet as read: its number as the spreadsheet shows it and its cells, column A first. */
export interface BookRow {
  readonly row: number;
  readonly cells: readonly CellValue[];
}

/** A sheet of the file, its rows read as a stream: read them once, or not at all (it is skipped). */
export interface BookSheet {
  readonly name: string;
  rows(): AsyncIterable<BookRow>;
}

/** A register file opened for reading, pass by pass. */
export interface Book {
  readonly format: 'xlsx' | 'csv';
  /**
   * One pass over the sheets, in the order of the file; a pass may be run again from the start.
   * Which sheets a file has is known for sure only when a pass has ended.
   */
  sheets(): AsyncIterable<BookSheet>;
}

/** The file cannot be read as a workbook or a CSV: not a zip, a damaged zip, bytes that are not text. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  readonly code = 'IMPORT_UNREADABLE';
  constructor(readonly text: LocalizedText) {
    super(text.en);
  }
}

/**
 * Opens a register file by its extension: `.xlsx` from its zip directory, each sheet's XML
 * streamed (shared strings and styles kept, rows never: {@link xlsxSheets}), `.csv` with csv-parse, in UTF-8 (with or
 * without BOM) or GB18030, which Excel on a Chinese Windows writes.
 *
 * @example
 * const book = openBook({ name: '党员名册.xlsx', open: () => createReadStream(path) });
 * for await (const sheet of book.sheets()) for await (const { row, cells } of sheet.rows()) …
 */
export function openBook(file: ImportFile): Book {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return csvBook(file);
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return xlsxBook(file);
  throw new UnreadableFileError({
    zh: `不支持的文件类型“${file.name}”，请提供 .xlsx 或 .csv 文件（旧版 .xls 请另存为 .xlsx）`,
    en: `unsupported file "${file.name}"; give an .xlsx or .csv file (save an old .xls as .xlsx)`,
  });
}

/** SHA-256 (hex) and size of the file, read once more from the start. */
export async function digestOf(file: ImportFile): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of file.open()) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

const NOT_A_WORKBOOK: LocalizedText = {
  zh: '文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或是其他格式',
  en: 'the file is not a valid Excel workbook (.xlsx); it may be damaged or of another format',
};

function xlsxBook(file: ImportFile): Book {
  return {
    format: 'xlsx',
    async *sheets() {
      // The zip is read from its central directory, which needs the file on disk: a file given
      // only as a stream is copied to a temporary file for the pass.
      let copy: string | undefined;
      try {
        copy = file.path === undefined ? await copyToTemporary(file) : undefined;
        for await (const sheet of xlsxSheets(file.path ?? copy!)) yield sheet;
      } catch (error) {
        if (error instanceof UnreadableFileError) throw error;
        if (error instanceof XlsxError) throw new UnreadableFileError(error.text);
        throw new UnreadableFileError(NOT_A_WORKBOOK);
      } finally {
        if (copy !== undefined) await rm(dirname(copy), { recursive: true, force: true });
      }
    },
  };
}

async function copyToTemporary(file: ImportFile): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jiceng-book-'));
  const path = join(dir, 'book.xlsx');
  await pipeline(file.open(), createWriteStream(path));
  return path;
}

function csvBook(file: ImportFile): Book {
  const stem = file.name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return {
    format: 'csv',
    async *sheets() {
      yield {
        name: stem,
        async *rows() {
          const parser = Readable.from(decodeText(file.open())).pipe(
            parseCsv({
              bom: true,
              relax_column_count: true,
              relax_quotes: true,
              skip_empty_lines: false,
              // No register row is near this; a file that is one endless line is refused, not buffered.
              max_record_size: 1_000_000,
            }),
          );
          let row = 0;
          try {
            for await (const record of parser) {
              row += 1;
              yield { row, cells: record as string[] };
            }
          } catch (error) {
            if (error instanceof UnreadableFileError) throw error;
            throw new UnreadableFileError({
              zh: `CSV 文件第 ${row + 1} 行无法解析：${(error as Error).message}`,
              en: `line ${row + 1} of the CSV file cannot be parsed: ${(error as Error).message}`,
            });
          }
        },
      };
    },
  };
}

/**
 * The text of a CSV byte stream: UTF-8 when its first chunk is (a BOM, or bytes that decode),
 * else GB18030, the encoding Excel uses for CSV on a Chinese Windows.
 */
async function* decodeText(bytes: Readable): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  for await (const chunk of bytes) {
    const buffer = chunk as Buffer;
    if (decoder === undefined) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buffer, { stream: true });
        decoder = new TextDecoder('utf-8');
      } catch {
        decoder = new TextDecoder('gb18030');
      }
    }
    const text = decoder.decode(buffer, { stream: true });
    if (text.includes('\u0000')) {
      throw new UnreadableFileError({
        zh: '文件含有二进制内容，不是 CSV 文本文件',
        en: 'the file holds binary content; it is not a CSV text file',
      });
    }
    yield text;
  }
  const rest = decoder?.decode();
  if (rest) yield rest;
}
