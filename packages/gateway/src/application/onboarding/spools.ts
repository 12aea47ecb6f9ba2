import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { BookRow, BookSheet } from './workbook.js';

/**
 * Sheets an import defers, their rows kept in temporary files (one JSON line a row) so they can
 * be read later, and as often as needed, without parsing the workbook again and without holding
 * the rows in memory.
 *
 * @example
 * const spools = new Spools();
 * const kept = await spools.keep(sheet); // read later: for await (const row of kept.rows()) …
 * await spools.remove();
 */
export class Spools {
  private dir: string | undefined;
  private count = 0;

  /** Reads the sheet's rows to the end into a temporary file, and returns the sheet over it. */
  async keep(sheet: BookSheet): Promise<BookSheet> {
    this.dir ??= await mkdtemp(join(tmpdir(), 'jiceng-import-'));
    const path = join(this.dir, `sheet-${this.count++}.jsonl`);
    const out = createWriteStream(path);
    for await (const row of sheet.rows()) {
      if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
    return {
      name: sheet.name,
      async *rows() {
        const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
        for await (const line of lines) if (line !== '') yield JSON.parse(line) as BookRow;
      },
    };
  }

  /** Removes every temporary file. */
  async remove(): Promise<void> {
    if (this.dir !== undefined) await rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
