import type { SeedProgress } from '@jiceng/persistence/seed';
import type { CliIo } from './io.js';

/** The parts of the reference county a reader follows, by the step names the loader reports. */
const PARTS: readonly { readonly label: string; readonly steps: RegExp }[] = [
  { label: '组织与网格 trees and grids', steps: /^(dataset|org_tree|grid.*|townships|points_member)$/ },
  // (`points_member` there is the grid seed placing members: the one member table.)
  { label: '党员积分 members’ points', steps: /^points_/ },
  { label: '组织生活 organisational life', steps: /^org_life$/ },
  { label: '协商 consultation', steps: /^consultation$/ },
  { label: '政协提案 CPPCC proposals', steps: /^cppcc_/ },
];

function partOf(step: string): string {
  return PARTS.find((p) => p.steps.test(step))?.label ?? step;
}

/** What `serve` shows while it loads the reference county. */
export interface LoadProgress {
  readonly onProgress: (progress: SeedProgress) => void;
  /** Ends the display (idempotent); ` in 12.3 s` when something was loaded and a clock is given. */
  end(): string;
}

const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\x1b[K';

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Progress of the first load: on a terminal, a bar redrawn in place under one line per part done;
 * in a log (stderr not a terminal), only a heading and one summary line per part — rows and time.
 *
 * @example
 * const loading = seedProgress(io);
 * await startServer({ ...options, onSeedProgress: loading.onProgress });
 * io.out(`loaded${loading.end()}`);
 */
export function seedProgress(io: Pick<CliIo, 'err' | 'terminal' | 'elapsed'>): LoadProgress {
  const clock = io.elapsed;
  let started: number | undefined;
  let ended = false;
  let part: { label: string; since: number; rows: Map<string, number> } | undefined;
  let barShown = false;

  const clearBar = () => {
    if (barShown) io.terminal?.write(CLEAR_LINE);
    barShown = false;
  };
  const closePart = () => {
    if (part === undefined) return;
    let rows = 0;
    for (const n of part.rows.values()) rows += n;
    const time = clock === undefined ? '' : `  ${seconds(clock() - part.since)}`;
    clearBar();
    io.err(`  ${part.label.padEnd(28)} ${count(rows).padStart(9)} rows${time}`);
    part = undefined;
  };

  return {
    onProgress: ({ step, done, total }) => {
      if (ended) return;
      if (started === undefined) {
        started = clock?.() ?? 0;
        io.err('载入参考县 loading the reference county (first start only)…');
      }
      const label = partOf(step);
      if (part?.label !== label) {
        closePart();
        part = { label, since: clock?.() ?? 0, rows: new Map() };
      }
      if (step !== 'dataset') part.rows.set(step, total);
      if (io.terminal !== undefined) {
        const filled = total > 0 ? Math.round((Math.min(done, total) / total) * BAR_WIDTH) : BAR_WIDTH;
        const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
        io.terminal.write(
          `${CLEAR_LINE}  载入 loading ${step.padEnd(18)} [${bar}] ${count(done)}/${count(total)}`,
        );
        barShown = true;
      }
    },
    end: () => {
      if (ended || started === undefined) {
        ended = true;
        return '';
      }
      ended = true;
      closePart();
      return clock === undefined ? '' : ` in ${seconds(clock() - started)}`;
    },
  };
}
