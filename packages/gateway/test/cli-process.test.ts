import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createTokenService } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';

/**
 * The `jiceng` command as a newcomer runs it from the repository root: `pnpm jiceng …`, the root
 * script that runs the TypeScript source without a build. Each run is a real process.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The runs' own signing secret: without one, `token` would use the key of ./jiceng.db. */
const SECRET = 'cli-process-test-secret-long-enough-for-hs256';

interface Ran {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs the root `jiceng` script's command with `args`; `closedOutput` closes its stdout at once. */
async function jiceng(args: readonly string[], options: { closedOutput?: boolean } = {}): Promise<Ran> {
  const scripts = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8')).scripts as Record<string, string>;
  const [node, ...script] = (scripts['jiceng'] ?? '').split(' ');
  expect(node).toBe('node');
  const child = spawn(process.execPath, [...script, ...args], {
    cwd: ROOT,
    env: { ...process.env, JICENG_LOG_LEVEL: 'silent', JICENG_JWT_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  // A reader that has gone away, as `| head` does once it has its lines.
  if (options.closedOutput) child.stdout.destroy();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, out, err };
}

describe('pnpm jiceng, from the repository root', () => {
  it('issues a grid worker token from the source, no build needed', async () => {
    const r = await jiceng(['token', '--role', 'grid_worker', '--scope', '330102001001001']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const principal = await createTokenService(SECRET).verify(r.out.trim(), new Date());
    expect(principal).toMatchObject({ role: 'grid_worker', scope: '330102001001001' });
  }, 60_000);

  it('answers serve --help with its usage, exit 0', async () => {
    const r = await jiceng(['serve', '--help']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('--port, else PORT, else 4000');
  }, 60_000);

  it('ends quietly with 0 when its reader stops early (jiceng schema | head): no EPIPE stack trace', async () => {
    const r = await jiceng(['schema'], { closedOutput: true });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
});
