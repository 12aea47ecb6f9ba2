import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseLocalDate, unwrap } from '@jiceng/domain';

/**
 * The load the crash tests kill and redo, and load uninterrupted to compare with: small enough
 * for a minute per engine, with every table of the county filled.
 */
export const CRASH_OPTIONS = { scale: 0.1, seed: 5, today: unwrap(parseLocalDate('2026-11-27')) } as const;

/**
 * Loads the reference county ({@link CRASH_OPTIONS}) into `url` in a child process and kills it
 * with SIGKILL at the `nth` progress report of `step`, where it stands still (see
 * `reference-county-child.ts`). Resolves once the child is gone.
 */
export async function killedLoad(url: string, step: string, nth: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@jiceng/source',
      fileURLToPath(new URL('./reference-county-child.ts', import.meta.url)),
      url,
      step,
      String(nth),
    ],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('halted ')) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`the load ended before it was killed: ${output}`)));
  });
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`the load ended by ${signal}, not by SIGKILL: ${output}`);
}
